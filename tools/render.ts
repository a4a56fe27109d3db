// The synthetic juggler from the command line.
//   render sheet   --out docs/contact-sheet.png [--seed 1] [--style train|shifted|shifted-camera|shifted-look]
//   render y4m     --class 3b_cascade --seed 900001 --width 320 --height 240 --fps 30 --seconds 4 --out clip.y4m [--style]
//   render dataset --out data/train --clips-per-class 200 --seed 1 [--classes a,b] [--style] [--workers 2] [--shard-size 256] [--spec candidate/model.json]
//                  [--locator-size 96 --locator-frames 4]  (the juggling locator's samples: its input and the box to find)
//   (each shard renders in a child process running this script as `render shard-worker`)
//   render from-zip --zip clips.zip [--zip more.zip] --out data/mine [--spec candidate/model.json] [--shard-size 256]
//                  (clips exported from the app, as windows in shards: <out>/train/, <out>/validation/; for train.py --clips)
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import { CATALOG, parseLabel } from '../src/core/labels.ts';
import { tensorFrameRgba, toWorkingFrame, windowToTensor } from '../src/core/preprocess.ts';
import { createScene, Random, WORLD_STYLES, type WorldStyle } from '../src/synth/index.ts';
import { renderShard, shardName, type ShardJob } from './lib/shard.ts';
import { clipZipsToShards } from './lib/clip-zip-shards.ts';
import { loadModelSpec, MODELS_DIR } from './lib/model-files.ts';
import { loadNodeLocator } from './lib/onnx-node.ts';
import { placeCropWith } from '../src/core/locator.ts';
import { writePng } from './lib/png.ts';
import { Y4mWriter } from './lib/y4m.ts';

function fail(message: string): never {
  console.error(`render: ${message}`);
  process.exit(2);
}

function parseStyle(value: string | undefined): WorldStyle {
  if (value === undefined) return 'train';
  if ((WORLD_STYLES as string[]).includes(value)) return value as WorldStyle;
  fail(`--style must be one of ${WORLD_STYLES.join(', ')}, not "${value}"`);
}

function parseClasses(value: string | undefined): string[] {
  if (!value) return [...CATALOG];
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  for (const name of names) {
    parseLabel(name);
    if (!(CATALOG as readonly string[]).includes(name)) fail(`"${name}" is not a catalog class the renderer knows`);
  }
  return names;
}

async function sheet(options: Record<string, string | undefined>): Promise<void> {
  const specPath = options.spec ?? join(MODELS_DIR, 'model.json');
  const spec = loadModelSpec(specPath);
  const locate = spec.input.crop.locator ? await loadNodeLocator(spec.input.crop.locator, specPath) : undefined;
  const seed = Number(options.seed ?? 1);
  const style = parseStyle(options.style);
  const cellWidth = 128;
  const cellHeight = 96;
  const framesPerRow = 3;
  const columns = framesPerRow + 1;
  const width = columns * cellWidth;
  const height = CATALOG.length * cellHeight;
  const sheetPixels = new Uint8ClampedArray(width * height * 4);
  for (const [row, className] of CATALOG.entries()) {
    const random = new Random(seed + row);
    const scene = createScene({ className, seed: seed * 1000 + row, width: cellWidth, height: cellHeight, fps: spec.input.fps, style });
    const start = scene.clipStartSec(spec.input.frames / spec.input.fps, random);
    const frames = scene.clip(start, spec.input.frames);
    frames.forEach((frame, index) => {
      const column = Math.floor((index * framesPerRow) / frames.length);
      if ((index * framesPerRow) % frames.length >= framesPerRow) return;
      for (let y = 0; y < cellHeight; y++) {
        const target = ((row * cellHeight + y) * width + column * cellWidth) * 4;
        sheetPixels.set(frame.subarray(y * cellWidth * 4, (y + 1) * cellWidth * 4), target);
      }
    });
    // Last column: the middle frame of what the model sees (the crop at model size), scaled up.
    const working = frames.map((frame) => toWorkingFrame(frame, cellWidth, cellHeight, 4, spec.input.crop));
    const { tensor } = windowToTensor(working, spec.input, undefined, await placeCropWith(working, spec.input.crop, locate));
    const middle = tensorFrameRgba(tensor, spec.input.frames, spec.input.height, spec.input.width, Math.floor(spec.input.frames / 2));
    for (let y = 0; y < cellHeight; y++) {
      for (let x = 0; x < cellHeight; x++) {
        const source = (Math.floor((y * spec.input.height) / cellHeight) * spec.input.width + Math.floor((x * spec.input.width) / cellHeight)) * 4;
        const target = ((row * cellHeight + y) * width + framesPerRow * cellWidth + x) * 4;
        sheetPixels.set(middle.subarray(source, source + 4), target);
      }
    }
  }
  for (let index = 3; index < sheetPixels.length; index += 4) sheetPixels[index] = 255;
  const out = options.out ?? 'docs/contact-sheet.png';
  mkdirSync(dirname(out), { recursive: true });
  writePng(out, sheetPixels, width, height);
  console.log(`wrote ${out}: rows = ${CATALOG.join(', ')}; columns = 3 frames of a 1 s clip, then the model's crop`);
}

function y4m(options: Record<string, string | undefined>): void {
  const className = options.class ?? fail('--class is required');
  parseClasses(className);
  const width = Number(options.width ?? 320);
  const height = Number(options.height ?? 240);
  const fps = Number(options.fps ?? 30);
  const seconds = Number(options.seconds ?? 4);
  const out = options.out ?? fail('--out is required');
  if (width % 2 || height % 2) fail('--width and --height must be even for 4:2:0');
  const scene = createScene({ className, seed: Number(options.seed ?? 1), width, height, fps, style: parseStyle(options.style) });
  mkdirSync(dirname(out), { recursive: true });
  const writer = new Y4mWriter(out, { width, height, fps });
  const frameCount = Math.round(seconds * fps);
  const startSec = scene.steadyStartSec();
  for (let index = 0; index < frameCount; index++) writer.writeRgba(scene.frameAt(startSec + index / fps));
  writer.close();
  console.log(`wrote ${out}: ${className}, ${frameCount} frames ${width}x${height} @ ${fps} fps`);
}

async function dataset(options: Record<string, string | undefined>): Promise<void> {
  const out = options.out ?? fail('--out is required');
  const perClass = Number(options['clips-per-class'] ?? 100);
  const seed = Number(options.seed ?? 1);
  const classes = parseClasses(options.classes);
  const style = parseStyle(options.style);
  const specPath = options.spec;
  const input = loadModelSpec(specPath).input;
  const shardSize = Number(options['shard-size'] ?? 256);
  const locator = options['locator-size'] ? { size: Number(options['locator-size']), frames: Number(options['locator-frames'] ?? 4) } : undefined;
  const workerCount = Math.max(1, Math.min(Number(options.workers ?? cpus().length), cpus().length));
  mkdirSync(out, { recursive: true });
  // Interleave classes and shuffle, so every shard holds a mix.
  const items = classes.flatMap((className, classIndex) => Array.from({ length: perClass }, (_, index) => ({ className, seed: seed * 10_000_000 + classIndex * 100_000 + index })));
  const random = new Random(seed);
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random.next() * (index + 1));
    [items[index], items[other]] = [items[other], items[index]];
  }
  const jobs: ShardJob[] = [];
  for (let start = 0, shardIndex = 0; start < items.length; start += shardSize, shardIndex++) {
    // Shards are deterministic, so an interrupted run resumes where it stopped.
    const done = existsSync(join(out, `${shardName(shardIndex)}.json`));
    if (!done) jobs.push({ out, shardIndex, items: items.slice(start, start + shardSize), style, specPath, locator });
  }
  const started = Date.now();
  const pending = jobs.reduce((sum, job) => sum + job.items.length, 0);
  let done = 0;
  await Promise.all(Array.from({ length: workerCount }, async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      await new Promise<void>((resolvePromise, reject) => {
        // A child process per shard: this same script in its `shard-worker` role (tsx's loader is
        // inherited through execArgv; worker_threads lose it). The same call works from a bundle.
        const child = fork(fileURLToPath(import.meta.url), ['shard-worker'], { execArgv: process.execArgv });
        child.send(job);
        child.once('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`shard ${job!.shardIndex} failed (exit ${code})`))));
        child.once('error', reject);
      });
      done += job.items.length;
      console.log(`${done}/${pending} clips, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  }));
  writeFileSync(join(out, 'dataset.json'), JSON.stringify({ classes, clipsPerClass: perClass, seed, style, input, createdBy: 'tools/render.ts dataset', ...(locator ? { locator } : {}) }, null, 2));
  console.log(`${out} holds ${items.length} clips; rendered ${pending} of them in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function fromZip(args: string[]): void {
  const { values } = parseArgs({ args, strict: true, options: { zip: { type: 'string', multiple: true }, out: { type: 'string' }, spec: { type: 'string' }, 'shard-size': { type: 'string' } } });
  const zips = values.zip ?? fail('--zip is required (repeatable)');
  const out = values.out ?? fail('--out is required');
  const spec = loadModelSpec(values.spec);
  const shardSize = Number(values['shard-size'] ?? 256);
  if (!Number.isInteger(shardSize) || shardSize < 1) fail('--shard-size must be a whole number ≥ 1');
  const result = clipZipsToShards({ zips, out, spec, shardSize, log: (line) => console.log(line) });
  if (result.problems.length > 0) fail(`nothing written; every problem:\n  ${result.problems.join('\n  ')}`);
  console.log(`${out}: ${result.windows.train} train windows, ${result.windows.validation} validation windows (${spec.input.frames} frames, every ${spec.stride})`);
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'from-zip') return fromZip(rest);
  const { values } = parseArgs({ args: rest, strict: true, options: Object.fromEntries(['out', 'seed', 'style', 'class', 'width', 'height', 'fps', 'seconds', 'clips-per-class', 'classes', 'workers', 'shard-size', 'spec', 'locator-size', 'locator-frames'].map((name) => [name, { type: 'string' as const }])) });
  if (command === 'sheet') await sheet(values);
  else if (command === 'y4m') y4m(values);
  else if (command === 'dataset') await dataset(values);
  else if (command === 'shard-worker') process.once('message', (job) => { renderShard(job as ShardJob).then(() => process.exit(0), (error) => fail(error instanceof Error ? error.message : String(error))); });
  else fail('usage: render sheet|y4m|dataset|from-zip [options] (see the top of tools/render.ts)');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
}
