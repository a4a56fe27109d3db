// A candidate model folder: the shipped model.json and graphs, plus a ball detector, so classify,
// eval:real and eval:synth can read it with --spec before anything ships.
//   npm run candidate -- --detector training/runs/D1/detector.onnx --out /tmp/cand [--threshold 0.3] [--margin 1.3] [--version 1.8.0-rc]
// Writes <out>/model.json (validated by the app's own parser) beside copies of the graphs.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { modelFileNames, parseModelSpec } from '../src/core/model-spec.ts';
import { MODELS_DIR } from './lib/model-files.ts';

const { values } = parseArgs({ options: Object.fromEntries(['detector', 'out', 'threshold', 'margin', 'version', 'size'].map((name) => [name, { type: 'string' as const }])) });
if (!values.detector || !values.out) {
  console.error('usage: npm run candidate -- --detector file.onnx --out folder [--threshold 0.3] [--margin 1.3] [--version v]');
  process.exit(2);
}
const base = JSON.parse(readFileSync(join(MODELS_DIR, 'model.json'), 'utf8'));
const spec = {
  ...base,
  version: values.version ?? `${base.version}+detector`,
  ballDetector: { file: 'detector.onnx', size: Number(values.size ?? 128), frames: 2, outputStride: 4, threshold: Number(values.threshold ?? 0.3), margin: Number(values.margin ?? 1.3) },
};
parseModelSpec(spec);
mkdirSync(values.out, { recursive: true });
// Every other file of the shipped model (the classifier, its locator, the pose network) comes along.
for (const file of modelFileNames(parseModelSpec(base))) if (file !== base.ballDetector?.file) copyFileSync(join(MODELS_DIR, file), join(values.out, file));
copyFileSync(values.detector, join(values.out, 'detector.onnx'));
writeFileSync(join(values.out, 'model.json'), JSON.stringify(spec, null, 2) + '\n');
console.log(`wrote ${join(values.out, 'model.json')} (${spec.version}; detector ${basename(values.detector)}, threshold ${spec.ballDetector.threshold}, margin ${spec.ballDetector.margin})`);
