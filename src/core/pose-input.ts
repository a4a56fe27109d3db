// The pose network's input: a packed-RGB size×size crop (the ball detector's square, already cut)
// as float planar RGB in [0, 1], written into a buffer the caller owns.

export function poseInput(rgb: Uint8Array, size: number, out: Float32Array = new Float32Array(3 * size * size)): Float32Array {
  const plane = size * size;
  if (rgb.length !== plane * 3 || out.length !== plane * 3) throw new Error(`pose input must be ${size}×${size} RGB`);
  for (let pixel = 0; pixel < plane; pixel++) {
    out[pixel] = rgb[pixel * 3] / 255;
    out[plane + pixel] = rgb[pixel * 3 + 1] / 255;
    out[2 * plane + pixel] = rgb[pixel * 3 + 2] / 255;
  }
  return out;
}
