// Benchmark (not a test): synthetic-juggler speed on one core.
//   npm run bench:render [-- --clips 54]
// Prints a table and writes bench-results/render.json: model-ready clips per second (render +
// the app's preprocessing) at the model's input size, and raw frames per second at 320×240
// (the demo camera's size).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, platform, release } from 'node:os';
import { parseArgs } from 'node:util';
import { CATALOG } from '../src/core/labels.ts';
import { createScene } from '../src/synth/index.ts';
import { renderClipTensor } from './lib/clips.ts';
import { loadModelSpec, MODELS_DIR } from './lib/model-files.ts';
import { loadNodeLocator } from './lib/onnx-node.ts';

const { values } = parseArgs({ options: { clips: { type: 'string' } } });
const clipCount = Number(values.clips ?? 54);
const spec = loadModelSpec();
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${platform()} ${release()}, Node ${process.version}`;

function timed(run: () => void): number {
  const started = performance.now();
  run();
  return (performance.now() - started) / 1000;
}

const rows: { variant: string; unit: string; perSecond: number }[] = [];
const locate = spec.input.crop.locator ? await loadNodeLocator(spec.input.crop.locator, join(MODELS_DIR, 'model.json')) : undefined;
const clipsStarted = performance.now();
for (let index = 0; index < clipCount; index++) await renderClipTensor(CATALOG[index % CATALOG.length], 700_000 + index, spec.input, 'train', locate);
const clipSeconds = (performance.now() - clipsStarted) / 1000;
rows.push({ variant: `training clip ${spec.input.frames}×${spec.input.height}×${spec.input.width} (render + preprocess)`, unit: 'clips/s/core', perSecond: clipCount / clipSeconds });
for (const [width, height] of [[320, 240], [640, 480]] as const) {
  const scene = createScene({ className: '3b_cascade', seed: 1, width, height, fps: 30 });
  const frames = 90;
  const seconds = timed(() => {
    for (let index = 0; index < frames; index++) scene.nextFrame();
  });
  rows.push({ variant: `demo stream frame ${width}×${height}`, unit: 'frames/s/core', perSecond: frames / seconds });
}
console.log(`machine: ${machine}; date ${new Date().toISOString().slice(0, 10)}`);
console.log('| variant | rate | unit |\n|---|---:|---|');
for (const row of rows) console.log(`| ${row.variant} | ${row.perSecond.toFixed(1)} | ${row.unit} |`);
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/render.json', JSON.stringify({ machine, date: new Date().toISOString(), rows }, null, 2));
