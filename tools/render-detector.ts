// Training and test samples for the ball detector: frames of the synthetic juggler with every
// ball's centre and radius from the renderer (Scene.imageAt), cut through the app's own detector
// preprocessing (src/core/ball-detector.ts) from working frames (src/core/preprocess.ts).
//   npm run render:detector -- --out data/D-train --scenes 6000 --seed 1 [--per-scene 4] [--style detector] [--workers 2] [--photos data/photos]
// (--style detector, the default: the training look with faces, fingers, shoes and dark rooms; D1 was rendered before they existed, in 'train')
// Randomised where real footage differs from ours: apparent ball size 2–12 px in the input (the
// square zooms in and out and reaches past the frame's edges), any pattern of the catalog at any
// point of its routine, landscape and portrait frames, 8–30 fps between the two input frames,
// classes without balls (pretend juggling, idle, walking) as negatives, close-ups of the head.
// Writes shard-NNNN.bin (uint8 [n][frames·3][S][S]) and shard-NNNN.json (balls per sample: [x, y, r] in input pixels).
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cropPadded, detectorInput, detectorSquare } from '../src/core/ball-detector.ts';
import { CATALOG, parseLabel } from '../src/core/labels.ts';
import { toWorkingFrame, type Rect } from '../src/core/preprocess.ts';
import { createScene, Random, WORLD_STYLES, type WorldStyle } from '../src/synth/index.ts';
import { loadModelSpec } from './lib/model-files.ts';
import { loadPhotoLibrary } from './lib/photos.ts';
import type { PhotoLibrary } from '../src/synth/photos.ts';

export const DETECTOR_SIZE = 128;
export const DETECTOR_FRAMES = 2;
const SHARD_SCENES = 250;

interface ShardJob {
  readonly out: string;
  readonly shardIndex: number;
  readonly firstScene: number;
  readonly sceneCount: number;
  readonly perScene: number;
  readonly seed: number;
  readonly style: WorldStyle;
  readonly photos?: string;
}

const BALL_CLASSES = CATALOG.filter((name) => parseLabel(name).balls > 0);
const NO_BALL_CLASSES = CATALOG.filter((name) => parseLabel(name).balls === 0 && name !== '0b_empty');

const FRAME_SIZES: readonly [number, number][] = [[320, 240], [320, 180], [240, 320], [180, 320], [288, 288]];

export interface DetectorSample {
  readonly input: Uint8Array;
  /** [x, y, r] of each ball in input pixels (balls outside the square left out). */
  readonly balls: [number, number, number][];
}

/** One scene's samples. */
export function renderSceneSamples(sceneSeed: number, perScene: number, style: WorldStyle, size = DETECTOR_SIZE, photos?: PhotoLibrary): DetectorSample[] {
  const random = new Random(sceneSeed);
  const withBalls = random.chance(0.85);
  const className = random.pick(withBalls ? BALL_CLASSES : NO_BALL_CLASSES);
  const [width, height] = random.pick(FRAME_SIZES);
  const scene = createScene({ className, seed: sceneSeed, width, height, fps: 30, style, photos });
  const rule = loadModelSpec().input.crop;
  const samples: DetectorSample[] = [];
  const start = scene.steadyStartSec();
  for (let index = 0; index < perScene; index++) {
    const timeSec = start + random.uniform(0.3, 7.5);
    const gapSec = 1 / random.uniform(8, 30);
    const times = Array.from({ length: DETECTOR_FRAMES }, (_, frame) => timeSec - (DETECTOR_FRAMES - 1 - frame) * gapSec);
    const working = times.map((time) => toWorkingFrame(scene.frameAt(time), width, height, 4, rule));
    const toWorking = working[0].width / width;
    // Where the juggling is over about a second (hands and balls, clipped to the frame), as the locator learned to place it.
    const frameBox = scene.jugglingBox(timeSec - 0.5, 31);
    if (!frameBox) continue;
    const box = { x: frameBox.x * toWorking, y: frameBox.y * toWorking, width: frameBox.width * toWorking, height: frameBox.height * toWorking };
    // Balls the frame shows (a dropped ball rolling out of view is not in the picture).
    const frameWidth = working[0].width;
    const frameHeight = working[0].height;
    // A moving ball is drawn along its path over the exposure: its centre is the middle of that streak.
    const truth = scene.imageAt(timeSec - scene.exposureSec / 2).balls
      .map((ball) => ({ x: ball.x * toWorking, y: ball.y * toWorking, r: ball.radiusPx * toWorking }))
      .filter((ball) => ball.x >= 0 && ball.y >= 0 && ball.x < frameWidth && ball.y < frameHeight);
    // Now and then the square is a close-up of the head (somebody leaning into a webcam): eyes and
    // sunglasses as large as balls, which a detector must learn are not balls.
    const head = scene.imageAt(timeSec).head;
    const square = head && random.chance(HEAD_CLOSE_UP_CHANCE)
      ? headCloseUp(random, { x: head.x * toWorking, y: head.y * toWorking, radius: head.radiusPx * toWorking })
      : randomSquare(random, box, truth.length ? median(truth.map((ball) => ball.r)) : null, size);
    // A square mostly past the frame's edges (somebody walking in from outside): nothing to learn.
    const overlap = Math.max(0, Math.min(frameWidth, square.x + square.width) - Math.max(0, square.x)) * Math.max(0, Math.min(frameHeight, square.y + square.height) - Math.max(0, square.y));
    if (overlap < 0.3 * square.width * square.height) continue;
    const input = detectorInput(working.map((frame) => cropPadded(frame, square, size)), size, new Uint8Array(DETECTOR_FRAMES * 3 * size * size));
    const scale = size / square.width;
    const balls = truth
      .map((ball): [number, number, number] => [(ball.x - square.x) * scale, (ball.y - square.y) * scale, ball.r * scale])
      .filter(([x, y]) => x >= 0 && y >= 0 && x < size && y < size);
    samples.push({ input, balls });
  }
  return samples;
}

/**
 * A square around the box, as the app places it (the box × a margin), zoomed so the ball radius
 * lands at a random apparent size (diameter 2–12 px in the input) within what a real box allows:
 * 0.7–2.5 × the box (a cut-off pattern, or a juggler small in a wide square padded past the edges).
 */
function randomSquare(random: Random, box: Rect, ballRadius: number | null, size: number): Rect {
  const boxSide = Math.max(box.width, box.height);
  let side = boxSide * random.uniform(1.0, 2.0);
  if (ballRadius !== null && random.chance(0.6)) {
    const diameter = Math.exp(random.uniform(Math.log(2), Math.log(12)));
    side = Math.min(boxSide * 2.5, Math.max(boxSide * 0.7, (2 * ballRadius * size) / diameter));
  }
  const centreX = box.x + box.width / 2 + random.uniform(-0.12, 0.12) * side;
  const centreY = box.y + box.height / 2 + random.uniform(-0.12, 0.12) * side;
  return detectorSquare({ x: centreX - side / 2, y: centreY - side / 2, width: side, height: side }, 1);
}

/** Share of samples whose square is a close-up of the head. */
const HEAD_CLOSE_UP_CHANCE = 0.1;

/** A square around the head, the head 30–90 % of its side, off-centre a little. */
function headCloseUp(random: Random, head: { x: number; y: number; radius: number }): Rect {
  const side = (2 * head.radius) / random.uniform(0.3, 0.9);
  const centreX = head.x + random.uniform(-0.2, 0.2) * side;
  const centreY = head.y + random.uniform(-0.2, 0.3) * side;
  return detectorSquare({ x: centreX - side / 2, y: centreY - side / 2, width: side, height: side }, 1);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function renderShard(job: ShardJob): void {
  const samples: DetectorSample[] = [];
  const photos = job.photos ? loadPhotoLibrary(job.photos) ?? undefined : undefined;
  for (let scene = job.firstScene; scene < job.firstScene + job.sceneCount; scene++) samples.push(...renderSceneSamples(job.seed * 1_000_000 + scene, job.perScene, job.style, DETECTOR_SIZE, photos));
  const name = `shard-${String(job.shardIndex).padStart(4, '0')}`;
  const bytes = new Uint8Array(samples.reduce((sum, sample) => sum + sample.input.length, 0));
  let offset = 0;
  for (const sample of samples) {
    bytes.set(sample.input, offset);
    offset += sample.input.length;
  }
  writeFileSync(join(job.out, `${name}.bin`), bytes);
  writeFileSync(join(job.out, `${name}.json`), JSON.stringify({ count: samples.length, size: DETECTOR_SIZE, frames: DETECTOR_FRAMES, balls: samples.map((sample) => sample.balls.map((ball) => ball.map((value) => Math.round(value * 100) / 100))) }));
}

async function main(): Promise<void> {
  const [role] = process.argv.slice(2);
  if (role === 'shard-worker') {
    process.once('message', (job) => {
      renderShard(job as ShardJob);
      process.exit(0);
    });
    return;
  }
  const { values } = parseArgs({ options: Object.fromEntries(['out', 'scenes', 'seed', 'per-scene', 'style', 'workers', 'photos'].map((name) => [name, { type: 'string' as const }])) });
  if (!values.out) throw new Error('--out is required');
  const style = (values.style ?? 'detector') as WorldStyle;
  if (!WORLD_STYLES.includes(style)) throw new Error(`--style must be one of ${WORLD_STYLES.join(', ')}`);
  const scenes = Number(values.scenes ?? 1000);
  const seed = Number(values.seed ?? 1);
  const perScene = Number(values['per-scene'] ?? 4);
  const workers = Math.max(1, Math.min(Number(values.workers ?? cpus().length), cpus().length));
  mkdirSync(values.out, { recursive: true });
  const jobs: ShardJob[] = [];
  for (let first = 0, shardIndex = 0; first < scenes; first += SHARD_SCENES, shardIndex++) {
    if (existsSync(join(values.out, `shard-${String(shardIndex).padStart(4, '0')}.json`))) continue;
    jobs.push({ out: values.out, shardIndex, firstScene: first, sceneCount: Math.min(SHARD_SCENES, scenes - first), perScene, seed, style, photos: values.photos });
  }
  const started = Date.now();
  let done = 0;
  const total = jobs.length;
  await Promise.all(Array.from({ length: workers }, async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      await new Promise<void>((resolve, reject) => {
        const child = fork(fileURLToPath(import.meta.url), ['shard-worker'], { execArgv: process.execArgv });
        child.send(job);
        child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`shard ${job!.shardIndex} failed (exit ${code})`))));
      });
      done += 1;
      console.log(`${done}/${total} shards, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  }));
  writeFileSync(join(values.out, 'dataset.json'), JSON.stringify({ scenes, seed, perScene, style, size: DETECTOR_SIZE, frames: DETECTOR_FRAMES, createdBy: 'tools/render-detector.ts' }, null, 2));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
