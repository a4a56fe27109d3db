// The CLIs end to end: classify a rendered Y4M, refuse malformed files, and the shipped model's
// ball-count accuracy on a small held-out set rendered here (seeds never used in training).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CATALOG } from '../src/core/labels.ts';
import { renderClipTensor } from './../tools/lib/clips.ts';
import { loadNodeModel } from '../tools/lib/onnx-node.ts';
import { evaluate, writeWindowSheet } from '../tools/evaluate.ts';
import { cropPlacement, groupAccuracy } from '../tools/failure-factors.ts';
import { PNG } from 'pngjs';
import { REPO_ROOT } from '../tools/lib/model-files.ts';
import { classifyY4m } from '../tools/classify.ts';
import { inferenceKey, inferenceSources, parseTrackerOverride } from '../tools/lib/inference-cache.ts';

const workdir = mkdtempSync(join(tmpdir(), 'jt-tools-'));
const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

test('classify reads a rendered 3-ball cascade as 3 balls, cascade', () => {
  const clip = join(workdir, 'cascade.y4m');
  execFileSync(tsx, ['tools/render.ts', 'y4m', '--class', '3b_cascade', '--seed', '900013', '--width', '320', '--height', '240', '--fps', '30', '--seconds', '5', '--out', clip], { cwd: REPO_ROOT });
  const output = execFileSync(tsx, ['tools/classify.ts', clip, '--json'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const { summary, windows } = JSON.parse(output);
  assert.ok(windows.length > 10);
  assert.equal(summary.balls, 3);
  assert.equal(summary.pattern, 'cascade');
});

test('a reading from the inference cache is the reading without it; another model misses the cache', async () => {
  const clip = join(workdir, 'cache-toss.y4m');
  execFileSync(tsx, ['tools/render.ts', 'y4m', '--class', '1b_toss', '--seed', '900021', '--width', '320', '--height', '240', '--fps', '30', '--seconds', '3', '--out', clip], { cwd: REPO_ROOT });
  const cache = join(workdir, 'inference-cache');
  const plain = await classifyY4m(clip);
  const first = await classifyY4m(clip, undefined, undefined, cache);
  const cached = await classifyY4m(clip, undefined, undefined, cache);
  assert.deepEqual(first, plain);
  assert.deepEqual(cached, plain);
  assert.equal(readdirSync(cache).length, 1);
  // A copy of the model with one byte of model.json changed is another model.
  const other = join(workdir, 'other-model');
  cpSync(join(REPO_ROOT, 'models'), other, { recursive: true, filter: (path) => !/\.(png|log|pt)$/.test(path) });
  writeFileSync(join(other, 'model.json'), readFileSync(join(other, 'model.json'), 'utf8').replace('"version": "', '"version": "x'));
  assert.notEqual(inferenceKey(clip, join(other, 'model.json')), inferenceKey(clip, join(REPO_ROOT, 'models', 'model.json')));
  // The key reads the networks' pass (preprocessing, crop placement), never the tracker, which every reading reruns.
  const sources = inferenceSources().map((file) => file.slice(REPO_ROOT.length + 1));
  assert.ok(sources.includes('src/core/window-assembler.ts') && sources.includes('src/core/preprocess.ts') && sources.includes('tools/lib/clip-inference.ts'), sources.join(', '));
  assert.ok(!sources.some((file) => /ball-tracks|ball-count|postprocess/.test(file)), sources.join(', '));
  assert.throws(() => parseTrackerOverride('{"gateRadius": 3}'), /no tracker setting "gateRadius"/);
  assert.deepEqual(parseTrackerOverride('{"gateRadii": 3}'), { gateRadii: 3 });
});

test('classify refuses malformed input with a clear message and a non-zero exit', () => {
  const bad = join(workdir, 'bad.y4m');
  writeFileSync(bad, 'this is not a video');
  const result = spawnSync(tsx, ['tools/classify.ts', bad], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /not a Y4M file/);
  const truncated = join(workdir, 'truncated.y4m');
  writeFileSync(truncated, 'YUV4MPEG2 W320 H240 F30:1 C420jpeg\nFRAME\nabc');
  const second = spawnSync(tsx, ['tools/classify.ts', truncated], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.notEqual(second.status, 0);
  assert.match(second.stderr, /truncated/);
  const missing = spawnSync(tsx, ['tools/classify.ts', join(workdir, 'nope.y4m')], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /cannot read/);
});

test('the shipped model counts balls on a held-out rendered set (ball-count accuracy ≥ 90 %)', async () => {
  const model = await loadNodeModel();
  const clips: Uint8Array[] = [];
  const labels: string[] = [];
  for (const className of CATALOG) {
    for (let index = 0; index < 3; index++) {
      clips.push((await renderClipTensor(className, 800_000 + CATALOG.indexOf(className) * 100 + index, model.spec.input, 'train', model.locate)).tensor);
      labels.push(className);
    }
  }
  const metrics = await evaluate(model, clips, labels);
  console.log(`held-out (${metrics.clips} clips): top-1 ${metrics.top1.toFixed(3)}, balls ${metrics.ballCount.toFixed(3)}, pattern ${metrics.pattern.toFixed(3)}`);
  assert.ok(metrics.ballCount >= 0.9, `ball-count accuracy ${metrics.ballCount}`);
  assert.equal(metrics.ballCountErrors.length, Math.round((1 - metrics.ballCount) * metrics.clips), 'one listed error per clip counted wrong');
});

test('the failure sheet shows each window as the network saw it: four frames a row, RGB from the planar tensor', () => {
  const [frames, height, width] = [16, 4, 6];
  const plane = frames * height * width;
  const clip = new Uint8Array(3 * plane);
  // Frame t of channel c holds 10 * c + t, so every sampled frame and channel is told apart.
  for (let channel = 0; channel < 3; channel++) for (let frame = 0; frame < frames; frame++) clip.fill(10 * channel + frame, channel * plane + frame * height * width, channel * plane + (frame + 1) * height * width);
  const path = join(workdir, 'sheet.png');
  writeWindowSheet(path, [clip, clip], frames, height, width);
  const png = PNG.sync.read(readFileSync(path));
  assert.deepEqual([png.width, png.height], [4 * (width + 2), 2 * (height + 2)]);
  const pixel = (x: number, y: number) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
  assert.deepEqual(pixel(0, 0), [0, 10, 20], 'frame 0');
  assert.deepEqual(pixel(width + 2, 0), [5, 15, 25], 'frame T/3');
  assert.deepEqual(pixel(3 * (width + 2) + width - 1, height + 2 + height - 1), [15, 25, 35], 'last frame, second window, bottom-right');
  assert.deepEqual(pixel(width, 0), [255, 255, 255], 'the gap is white');
});

test('failure factors: a rendered clip says how its crop was placed and what the scene was like; groups count right shares', async () => {
  const { spec: { input }, locate } = await loadNodeModel();
  const cascade = await renderClipTensor('3b_cascade', 800_001, input, 'train', locate);
  assert.equal(cascade.fellBack, false);
  assert.equal(cropPlacement(cascade), input.crop.kind === 'located' ? 'located: the locator\'s box' : 'motion, part of the frame');
  // The ceiling of a better crop: around the hands and balls the renderer knows, inside the frame.
  const fromScene = await renderClipTensor('3b_cascade', 800_001, input, 'train', locate, true);
  assert.equal(cropPlacement(fromScene), 'from the scene\'s juggling box');
  assert.ok(fromScene.crop.width < Math.min(fromScene.workingFrame.width, fromScene.workingFrame.height) && fromScene.crop.x >= 0 && fromScene.crop.x + fromScene.crop.width <= fromScene.workingFrame.width);
  const motion = await renderClipTensor('3b_cascade', 800_001, { ...input, crop: { ...input.crop, kind: 'motion-square' } });
  assert.equal(motion.fellBack, false, 'a near cascade moves enough to place the motion crop');
  assert.equal(cropPlacement(motion), 'motion, part of the frame');
  assert.ok(cascade.conditions.jugglerHeightPx > 20 && cascade.conditions.jugglerHeightPx < 2 * cascade.renderWidth, `juggler ${cascade.conditions.jugglerHeightPx} px`);
  assert.ok(cascade.conditions.cameraDistanceM >= 1.5 && cascade.conditions.cameraDistanceM <= 4, 'training-world camera');
  // The 'full' rule always takes the centre square, and that is the rule's choice, not a fallback.
  const full = await renderClipTensor('3b_cascade', 800_001, { ...input, crop: { ...input.crop, kind: 'full' } });
  assert.equal(full.fellBack, false);
  assert.equal(full.crop.height, Math.min(full.workingFrame.width, full.workingFrame.height));
  assert.deepEqual(full.conditions, cascade.conditions, 'the same scene whatever the crop');
  // An empty room: the locator finds nobody and nothing moves, so the crop falls back to the centre square.
  const empty = await renderClipTensor('0b_empty', 800_000, input, 'train', locate);
  assert.equal(empty.fellBack, true);
  assert.equal(cropPlacement(empty), 'fell back to the centre square');
  const rows = groupAccuracy([{ kind: 'a', ok: true }, { kind: 'b', ok: false }, { kind: 'a', ok: false }, { kind: 'a', ok: true }], (item) => item.kind, (item) => item.ok, ['b', 'a', 'c']);
  assert.deepEqual(rows, [['b', 1, 0], ['a', 3, 2 / 3]]);
});
