import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { clipFramesProblem, clipWindowBytes, clipWindowInputs, TEACH_WINDOW_STEP, windowStarts, type ClipFrames } from '../src/core/clip-windows.ts';
import { parseModelSpec } from '../src/core/model-spec.ts';
import {
  assembleTeachData,
  classMapping,
  classSummaries,
  compareHeads,
  mapProbabilities,
  teachClasses,
  teachProblems,
  type ClipFeatures,
  type TeachClip,
} from '../src/core/teach-dataset.ts';
import type { HeadParameters } from '../src/core/personal-head-types.ts';

const spec = parseModelSpec(JSON.parse(readFileSync(new URL('../models/model.json', import.meta.url), 'utf8')));

test('window starts follow the stride while a whole window fits', () => {
  assert.deepEqual(windowStarts(45, 16, 2), [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28]);
  assert.deepEqual(windowStarts(16, 16, 2), [0]);
  assert.deepEqual(windowStarts(15, 16, 2), []);
});

/** A clip whose byte at [c][t][y][x] encodes c and t, so slices can be checked. */
function numberedClip(frames: number, height: number, width: number): ClipFrames {
  const data = new Uint8Array(3 * frames * height * width);
  for (let channel = 0; channel < 3; channel++) {
    for (let t = 0; t < frames; t++) data.fill(channel * 80 + t, (channel * frames + t) * height * width, (channel * frames + t + 1) * height * width);
  }
  return { frames, height, width, data };
}

test('a window is frames start…start+T of every channel plane, in [C][T][H][W] order', () => {
  const clip = numberedClip(10, 2, 3);
  const window = clipWindowBytes(clip, 4, 3);
  const plane = 6;
  for (let channel = 0; channel < 3; channel++) {
    for (let t = 0; t < 3; t++) assert.equal(window[(channel * 3 + t) * plane], channel * 80 + 4 + t);
  }
});

test('clip windows for teaching: one every TEACH_WINDOW_STEP frames, bytes/255 like the live path', () => {
  const { frames, height, width } = spec.input;
  const clip = numberedClip(45, height, width);
  const windows = clipWindowInputs(clip, spec.input, TEACH_WINDOW_STEP);
  assert.equal(TEACH_WINDOW_STEP, 8);
  assert.equal(windows.length, 4, 'a 3-s clip at 15 fps: windows at frames 0, 8, 16, 24');
  assert.equal(windows[0].length, 3 * frames * height * width);
  const plane = height * width;
  assert.equal(windows[1][0], Math.fround(8 / 255), 'second window starts at frame 8');
  assert.equal(windows[1][(2 * frames + 15) * plane], Math.fround((160 + 23) / 255), 'last frame of the blue plane');
});

test('clips that do not fit the model are refused with the reason', () => {
  assert.match(clipFramesProblem(numberedClip(45, 32, 32), spec.input)!, /32×32/);
  assert.match(clipFramesProblem(numberedClip(10, 64, 64), spec.input)!, /10 frames/);
  assert.throws(() => clipWindowInputs({ ...numberedClip(20, 64, 64), frames: 21 }, spec.input, 2), /tensor has/);
  assert.equal(clipFramesProblem(numberedClip(16, 64, 64), spec.input), null);
});

const clip = (id: string, label: string, split: TeachClip['split']): TeachClip => ({ id, label, split });

test('classes: catalog order first, own classes after; summaries per split', () => {
  const clips = [clip('a', '3b_shower', 'train'), clip('b', '9b_mills-mess', 'train'), clip('c', '0b_empty', 'validation'), clip('d', '3b_shower', 'validation')];
  assert.deepEqual(teachClasses(clips), ['0b_empty', '3b_shower', '9b_mills-mess']);
  assert.deepEqual(classSummaries(clips)[1], { label: '3b_shower', trainClips: 1, validationClips: 1 });
});

test('teach problems: no clips, one class, a class without training clips, no validation split', () => {
  assert.deepEqual(teachProblems([]).map((problem) => problem.kind), ['no-clips']);
  const single = teachProblems([clip('a', '3b_cascade', 'train'), clip('b', '3b_cascade', 'validation')]);
  assert.deepEqual(single.map((problem) => [problem.kind, problem.blocking]), [['single-class', true]]);
  const noTraining = teachProblems([clip('a', '3b_cascade', 'train'), clip('b', '3b_shower', 'validation')]);
  assert.deepEqual(noTraining.map((problem) => problem.kind), ['class-without-training']);
  assert.match(noTraining[0].message, /3b_shower/);
  const noValidation = teachProblems([clip('a', '3b_cascade', 'train'), clip('b', '3b_shower', 'train')]);
  assert.deepEqual(noValidation.map((problem) => [problem.kind, problem.blocking]), [['no-validation', false]]);
  assert.deepEqual(teachProblems([clip('a', '3b_cascade', 'train'), clip('b', '3b_shower', 'train'), clip('c', '3b_shower', 'validation')]), []);
});

test('the shipped classes map onto the head classes by name, else by balls and pattern', () => {
  const mapping = classMapping(['0b_empty', '3b_cascade', '3b_cascade_too-high', '3b_shower', '2b_fountain'], ['3b_cascade', '0b_empty', '7b_own']);
  assert.deepEqual([...mapping], [1, 0, 0, -1, -1]);
  const mapped = mapProbabilities(Float32Array.from([0.1, 0.2, 0.3, 0.4, 0]), mapping, 3);
  assert.deepEqual([...mapped].map((value) => Number(value.toFixed(3))), [0.5, 0.1, 0]);
});

test('teach data stacks windows by split; the comparison scores both heads on the same windows', () => {
  const featureSize = 2;
  const shippedClasses = ['0b_empty', '3b_cascade', '3b_shower'];
  const clips = [clip('a', '3b_cascade', 'train'), clip('b', '3b_shower', 'train'), clip('c', '3b_cascade', 'validation'), clip('d', '3b_shower', 'validation')];
  // Feature 0 high = cascade, feature 1 high = shower. The shipped model calls everything a cascade.
  const features = new Map<string, ClipFeatures>([
    ['a', { clipId: 'a', windowCount: 2, features: Float32Array.from([1, 0, 1, 0]), shippedProbabilities: Float32Array.from([0, 1, 0, 0, 1, 0]) }],
    ['b', { clipId: 'b', windowCount: 1, features: Float32Array.from([0, 1]), shippedProbabilities: Float32Array.from([0, 1, 0]) }],
    ['c', { clipId: 'c', windowCount: 1, features: Float32Array.from([1, 0]), shippedProbabilities: Float32Array.from([0, 0.9, 0.1]) }],
    ['d', { clipId: 'd', windowCount: 2, features: Float32Array.from([0, 1, 0, 1]), shippedProbabilities: Float32Array.from([0, 0.8, 0.2, 0, 0.7, 0.3]) }],
  ]);
  const data = assembleTeachData(clips, features, featureSize);
  assert.deepEqual(data.classes, ['3b_cascade', '3b_shower']);
  assert.deepEqual([...data.train.labels], [0, 0, 1]);
  assert.deepEqual([...data.validation.labels], [0, 1, 1]);
  assert.deepEqual(data.validationClipIds, ['c', 'd', 'd']);
  // A hand-made head: logit k = feature k.
  const parameters: HeadParameters = {
    featureMean: new Float32Array(2),
    featureScale: Float32Array.from([1, 1]),
    layers: [{ inputSize: 2, outputSize: 2, weights: Float32Array.from([1, 0, 0, 1]), bias: new Float32Array(2) }],
  };
  const comparison = compareHeads(parameters, data, shippedClasses);
  assert.equal(comparison.windows, 3);
  assert.equal(comparison.personal.accuracy, 1);
  assert.deepEqual(comparison.personal.confusion, [[1, 0], [0, 2]]);
  assert.ok(Math.abs(comparison.shipped.accuracy - 1 / 3) < 1e-9);
  assert.deepEqual(comparison.shipped.confusion, [[1, 0], [2, 0]]);
  assert.deepEqual(comparison.unmappedHeadClasses, []);
});
