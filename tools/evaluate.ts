// Evaluate an exported ONNX model on rendered shard folders, with the app's class parser.
//   npm run evaluate -- --set held-out=data/val --set shifted=data/shifted [--model models/model.json] [--name A] [--out models] [--failures 24]
// Prints 27-class top-1, ball-count, pattern and quality accuracy, per-class recall; writes
// confusion-matrix PNGs and a metrics JSON; with --failures N, a sheet per set of N windows whose
// ball count it got wrong, as the network saw them (failures-<name>-<set>.png).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseLabel } from '../src/core/labels.ts';
import { argmax } from '../src/core/postprocess.ts';
import { tensorFrameRgba, toModelInput } from '../src/core/preprocess.ts';
import { loadNodeModel, type NodeModel } from './lib/onnx-node.ts';
import { writePng } from './lib/png.ts';

export interface SetMetrics {
  readonly clips: number;
  readonly top1: number;
  readonly ballCount: number;
  readonly pattern: number;
  readonly quality: number;
  readonly recall: Record<string, number>;
  readonly confusion: number[][];
  /** Indices of the clips whose ball count was read wrong. */
  readonly ballCountErrors: number[];
}

/** A rendered set: its clips, labels and (for shards written since render recorded them) seeds. */
export function loadShardFolder(folder: string): { clips: Uint8Array[]; labels: string[]; seeds: (number | undefined)[] } {
  if (!existsSync(folder)) throw new Error(`${folder} does not exist: render it with npm run render -- dataset --out ${folder}`);
  const clips: Uint8Array[] = [];
  const labels: string[] = [];
  const seeds: (number | undefined)[] = [];
  for (const name of readdirSync(folder).filter((file) => /^shard-\d+\.json$/.test(file)).sort()) {
    const meta = JSON.parse(readFileSync(join(folder, name), 'utf8'));
    const data = readFileSync(join(folder, name.replace('.json', '.u8')));
    const clipSize = meta.clipShape.reduce((product: number, size: number) => product * size, 1);
    meta.labels.forEach((label: string, index: number) => {
      clips.push(new Uint8Array(data.buffer, data.byteOffset + index * clipSize, clipSize));
      labels.push(label);
      seeds.push(meta.seeds?.[index]);
    });
  }
  return { clips, labels, seeds };
}

export async function evaluate(model: NodeModel, clips: readonly Uint8Array[], labels: readonly string[], batchSize = 16): Promise<SetMetrics> {
  const classes = model.spec.classes;
  const parsed = classes.map(parseLabel);
  const confusion = classes.map(() => classes.map(() => 0));
  let correct = 0;
  let ballsCorrect = 0;
  let patternCorrect = 0;
  let qualityCorrect = 0;
  const ballCountErrors: number[] = [];
  for (let start = 0; start < clips.length; start += batchSize) {
    const batch = clips.slice(start, start + batchSize);
    const input = new Float32Array(batch.length * batch[0].length);
    batch.forEach((clip, index) => toModelInput(clip, input.subarray(index * clip.length, (index + 1) * clip.length)));
    const { logits } = await model.run(input, batch.length);
    batch.forEach((_, index) => {
      const predicted = argmax(logits.subarray(index * classes.length, (index + 1) * classes.length));
      const truth = classes.indexOf(labels[start + index]);
      if (truth < 0) throw new Error(`label ${labels[start + index]} is not one of the model's classes`);
      confusion[truth][predicted] += 1;
      if (predicted === truth) correct += 1;
      if (parsed[predicted].balls === parsed[truth].balls) ballsCorrect += 1;
      else ballCountErrors.push(start + index);
      if (parsed[predicted].pattern === parsed[truth].pattern) patternCorrect += 1;
      if (parsed[predicted].quality === parsed[truth].quality) qualityCorrect += 1;
    });
  }
  const recall: Record<string, number> = {};
  classes.forEach((name, index) => {
    const total = confusion[index].reduce((sum, value) => sum + value, 0);
    if (total > 0) recall[name] = confusion[index][index] / total;
  });
  const count = clips.length;
  return { clips: count, top1: correct / count, ballCount: ballsCorrect / count, pattern: patternCorrect / count, quality: qualityCorrect / count, recall, confusion, ballCountErrors };
}

/**
 * Windows as the network saw them, one per row: frames 0, T/3, 2T/3 and T-1 of each
 * uint8 [3][T][H][W] clip side by side, with a 2-px gap.
 */
export function writeWindowSheet(path: string, clips: readonly Uint8Array[], frames: number, height: number, width: number): void {
  const shown = [0, Math.round(frames / 3), Math.round((2 * frames) / 3), frames - 1];
  const gap = 2;
  const sheetWidth = shown.length * (width + gap);
  const sheetHeight = Math.max(1, clips.length * (height + gap));
  const rgba = new Uint8ClampedArray(sheetWidth * sheetHeight * 4).fill(255);
  const framePixels = new Uint8ClampedArray(height * width * 4);
  clips.forEach((clip, row) => {
    shown.forEach((frame, column) => {
      tensorFrameRgba(clip, frames, height, width, frame, framePixels);
      for (let y = 0; y < height; y++) {
        rgba.set(framePixels.subarray(y * width * 4, (y + 1) * width * 4), ((row * (height + gap) + y) * sheetWidth + column * (width + gap)) * 4);
      }
    });
  });
  writePng(path, rgba, sheetWidth, sheetHeight);
}

/** Confusion matrix as a PNG: rows = truth, columns = prediction, in catalog order; brightness = row share. */
export function writeConfusionPng(path: string, confusion: number[][]): void {
  const cell = 14;
  const size = confusion.length * cell;
  const rgba = new Uint8ClampedArray(size * size * 4);
  confusion.forEach((row, truth) => {
    const total = Math.max(1, row.reduce((sum, value) => sum + value, 0));
    row.forEach((value, predicted) => {
      const share = value / total;
      const diagonal = truth === predicted;
      const colour = diagonal ? [40 + 215 * share, 60 + 195 * share, 40] : [40 + 215 * share, 40, 40 + 60 * share];
      for (let y = 0; y < cell; y++) {
        for (let x = 0; x < cell; x++) {
          const index = ((truth * cell + y) * size + predicted * cell + x) * 4;
          const grid = x === 0 || y === 0 || (truth % 3 === 0 && y === 0);
          rgba.set(grid ? [20, 20, 20, 255] : [colour[0], colour[1], colour[2], 255], index);
        }
      }
    });
  });
  writePng(path, rgba, size, size);
}

const percent = (value: number): string => `${(100 * value).toFixed(1)} %`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { set: { type: 'string', multiple: true }, model: { type: 'string' }, name: { type: 'string' }, out: { type: 'string' }, failures: { type: 'string' } } });
  const failureCount = Number(values.failures ?? 0);
  if (!Number.isInteger(failureCount) || failureCount < 0) throw new Error(`--failures takes a whole number of windows, not ${values.failures}`);
  const model = await loadNodeModel(values.model);
  const name = values.name ?? 'model';
  const out = values.out ?? 'models';
  mkdirSync(out, { recursive: true });
  const results: Record<string, Omit<SetMetrics, 'confusion' | 'ballCountErrors'>> = {};
  for (const entry of values.set ?? []) {
    const [setName, folder] = entry.split('=');
    const { clips, labels } = loadShardFolder(folder);
    const started = Date.now();
    const metrics = await evaluate(model, clips, labels);
    writeConfusionPng(join(out, `confusion-${name}-${setName}.png`), metrics.confusion);
    if (failureCount > 0) {
      // Spread over the set (it is in class order), so the sheet shows many classes.
      const errors = metrics.ballCountErrors;
      const step = Math.max(1, errors.length / failureCount);
      const picked = Array.from({ length: Math.min(failureCount, errors.length) }, (_, index) => clips[errors[Math.floor(index * step)]]);
      const { frames, height, width } = model.spec.input;
      writeWindowSheet(join(out, `failures-${name}-${setName}.png`), picked, frames, height, width);
    }
    const { confusion: _confusion, ballCountErrors: _errors, ...summary } = metrics;
    results[setName] = summary;
    console.log(`${name} on ${setName} (${metrics.clips} clips, ${((Date.now() - started) / 1000).toFixed(0)} s): top-1 ${percent(metrics.top1)}, balls ${percent(metrics.ballCount)}, pattern ${percent(metrics.pattern)}, quality ${percent(metrics.quality)}`);
    for (const [className, value] of Object.entries(metrics.recall)) console.log(`  ${className.padEnd(28)} ${percent(value)}`);
  }
  writeFileSync(join(out, `metrics-${name}.json`), JSON.stringify({ model: name, date: new Date().toISOString().slice(0, 10), sets: results }, null, 2) + '\n');
}

if (process.argv[1]?.endsWith('evaluate.ts')) main().catch((error) => {
  console.error(`evaluate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
