// A formula-defined model input that Python (training/export.py) and TypeScript build alike,
// so torch, onnxruntime-node and the browser can be compared on the same tensor.

export function referenceInput(count: number): Float32Array {
  const values = new Float32Array(count);
  for (let index = 0; index < count; index++) values[index] = (Math.sin(0.37 * index) + 1) / 2;
  return values;
}
