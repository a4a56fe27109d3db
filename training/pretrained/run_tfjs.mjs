// Runs the original MoveNet tfjs graph model (pure-JS CPU backend) and dumps intermediate
// tensors.  Called by verify_movenet.py; not part of the app.
//
//   node run_tfjs.mjs <tfjs_dir> <model.json> <model.bin> <image.u8> <H> <W> <out_dir> <node>...
//
// <tfjs_dir>: folder with node_modules/@tensorflow/{tfjs-core,tfjs-backend-cpu,tfjs-converter}
// <image.u8>: raw uint8 NHWC image, 1xHxWx3.  The graph's input is int32 0..255.
// Writes <out_dir>/<i>.f32 (raw float32, NHWC) and <out_dir>/tfjs.json (shapes, timing).
// The graph's Placeholder is declared 1x192x192x3; for other sizes the declared H/W are
// relaxed to -1 in memory (the trunk is fully convolutional; only the trunk nodes are run).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [tfjsDir, jsonPath, binPath, imgPath, H, W, outDir, ...nodeNames] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(tfjsDir), 'package.json'));
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfconv = require('@tensorflow/tfjs-converter');

const h = Number(H), w = Number(W);
const model = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
if (h !== 192 || w !== 192) {
  for (const n of model.modelTopology.node) {
    if (n.op === 'Placeholder') {
      const dims = n.attr.shape.shape.dim;
      dims[1].size = '-1';
      dims[2].size = '-1';
    }
  }
  for (const s of Object.values(model.signature.inputs)) {
    s.tensorShape.dim[1].size = '-1';
    s.tensorShape.dim[2].size = '-1';
  }
}
const bin = fs.readFileSync(binPath);
const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
const artifacts = {
  modelTopology: model.modelTopology,
  format: model.format,
  generatedBy: model.generatedBy,
  convertedBy: model.convertedBy,
  signature: model.signature,
  weightSpecs: model.weightsManifest.flatMap((g) => g.weights),
  weightData,
};

await tf.setBackend('cpu');
await tf.ready();
const graph = await tfconv.loadGraphModel(tf.io.fromMemory(artifacts));

const img = fs.readFileSync(imgPath);
if (img.length !== h * w * 3) throw new Error(`image size ${img.length} != ${h * w * 3}`);
const input = tf.tensor(Int32Array.from(img), [1, h, w, 3], 'int32');
const t0 = performance.now();
let outs = graph.execute({ input }, nodeNames);
const ms = performance.now() - t0;
if (!Array.isArray(outs)) outs = [outs];
fs.mkdirSync(outDir, { recursive: true });
const meta = { backend: tf.getBackend(), version: tf.version_core, ms, outputs: [] };
outs.forEach((t, i) => {
  const data = t.dataSync();
  fs.writeFileSync(path.join(outDir, `${i}.f32`), Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  meta.outputs.push({ name: nodeNames[i], shape: t.shape, dtype: t.dtype });
});
fs.writeFileSync(path.join(outDir, 'tfjs.json'), JSON.stringify(meta, null, 1));
console.log(`tfjs ${meta.version} (${meta.backend}): ${h}x${w}, ${nodeNames.length} nodes, ${ms.toFixed(0)} ms`);
