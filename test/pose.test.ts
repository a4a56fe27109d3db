import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { decodePose, KEYPOINT_NAMES, KEYPOINTS, readPose, type Keypoint, type PoseHeads } from '../src/core/pose-decode.ts';
import { referenceInput } from '../src/core/reference-input.ts';
import { poseRunner } from '../tools/lib/onnx-pose.ts';
import { MODELS_DIR } from '../tools/lib/model-files.ts';

const at = (name: (typeof KEYPOINT_NAMES)[number]): number => KEYPOINT_NAMES.indexOf(name);

/** Heads with the person's centre at `centre` (grid cells) and each keypoint's heatmap peak at `peaks[k]`. */
function headsWith(grid: number, centre: [number, number], peaks: [number, number][], regressed: [number, number][] = peaks): PoseHeads {
  const cells = grid * grid;
  const heads = { heatmap: new Float32Array(KEYPOINTS * cells).fill(0.01), center: new Float32Array(cells).fill(0.01), regress: new Float32Array(2 * KEYPOINTS * cells), offset: new Float32Array(2 * KEYPOINTS * cells).fill(0.25) };
  const cell = (y: number, x: number) => y * grid + x;
  heads.center[cell(...centre)] = 0.9;
  peaks.forEach(([y, x], k) => {
    heads.heatmap[k * cells + cell(y, x)] = 0.8;
    heads.regress[2 * k * cells + cell(...centre)] = regressed[k][0] - centre[0];
    heads.regress[(2 * k + 1) * cells + cell(...centre)] = regressed[k][1] - centre[1];
  });
  return heads;
}

test('decodePose: the centre nearest the middle is the person; each keypoint is its heatmap peak near the regressed place, plus its offset', () => {
  const grid = 32;
  const peaks = Array.from({ length: KEYPOINTS }, (_, k): [number, number] => [4 + k, 10 + (k % 5)]);
  const heads = headsWith(grid, [16, 15], peaks);
  // A second, stronger person far off the middle, and a stray heatmap peak far from where the regression points.
  heads.center[2 * grid + 30] = 0.95;
  heads.heatmap[at('left_wrist') * grid * grid + 30 * grid + 1] = 0.85;
  const keypoints = decodePose(heads, grid, 128);
  assert.equal(keypoints.length, KEYPOINTS);
  keypoints.forEach((point, k) => {
    assert.ok(Math.abs(point.y - (peaks[k][0] + 0.25) * 4) < 1e-4, `${KEYPOINT_NAMES[k]} y ${point.y}`);
    assert.ok(Math.abs(point.x - (peaks[k][1] + 0.25) * 4) < 1e-4, `${KEYPOINT_NAMES[k]} x ${point.x}`);
    assert.ok(Math.abs(point.score - 0.8) < 1e-6);
  });
  assert.throws(() => decodePose(heads, 16, 64), /16×16/);
});

test('readPose: hands a little past the wrists along the forearms, the juggler\'s right hand first; unsure points are left out', () => {
  const points: Keypoint[] = Array.from({ length: KEYPOINTS }, () => ({ x: 0, y: 0, score: 0.05 }));
  const set = (name: (typeof KEYPOINT_NAMES)[number], x: number, y: number, score = 0.9) => (points[at(name)] = { x, y, score });
  set('right_elbow', 40, 80);
  set('right_wrist', 40, 100); // forearm pointing down: the hand is below the wrist
  set('left_wrist', 90, 100); // no elbow seen: the wrist itself
  set('nose', 64, 30);
  set('left_eye', 68, 26);
  set('right_eye', 60, 26);
  set('left_shoulder', 81, 50);
  set('right_shoulder', 47, 50);
  // The square is 256 working px wide at (10, 20): 2 px per input pixel.
  const reading = readPose(points, { x: 10, y: 20, width: 256, height: 256 }, 128, { minScore: 0.3, palmPastWrist: 0.5 });
  assert.deepEqual(reading.hands[0], { x: 10 + 40 * 2, y: 20 + 110 * 2 });
  assert.deepEqual(reading.hands[1], { x: 10 + 90 * 2, y: 20 + 100 * 2 });
  assert.ok(reading.head && Math.abs(reading.head.x - (10 + 64 * 2)) < 1e-9 && reading.head.y < 20 + 30 * 2);
  assert.ok(Math.abs(reading.head.radiusPx - (34 * 2) / 3.4) < 1e-9, 'half the head\'s height from the shoulders\' breadth');
  points[at('left_shoulder')] = { x: 81, y: 50, score: 0.1 };
  const byEyes = readPose(points, { x: 0, y: 0, width: 128, height: 128 }, 128, { minScore: 0.3, palmPastWrist: 0.5 });
  assert.ok(byEyes.head && Math.abs(byEyes.head.radiusPx - 8 / 0.55) < 1e-9, 'no shoulders: from the eyes');
  points[at('left_wrist')] = { x: 90, y: 100, score: 0.2 };
  points[at('nose')] = { x: 64, y: 30, score: 0.1 };
  points[at('left_eye')] = { x: 64, y: 30, score: 0.1 };
  const unsure = readPose(points, { x: 0, y: 0, width: 128, height: 128 }, 128, { minScore: 0.3, palmPastWrist: 0.5 });
  assert.equal(unsure.hands[1], null);
  assert.equal(unsure.head, null, 'one face point is not a head');
});

test('onnxruntime-node and the app\'s decoding reproduce torch\'s pose network (heads within 1e-4, keypoints within 1e-3 px)', async (context) => {
  const file = join(MODELS_DIR, 'pose.onnx');
  if (!existsSync(file)) return context.skip('no models/pose.onnx');
  const reference = JSON.parse(readFileSync(join(MODELS_DIR, 'pose-reference.json'), 'utf8')) as { shape: number[]; grid: number; heads: Record<keyof PoseHeads, { picks: number[]; values: number[] }>; keypoints: [number, number, number][] };
  const size = reference.shape[3];
  const session = await ort.InferenceSession.create(file, { intraOpNumThreads: 1, executionProviders: ['cpu'] });
  const heads = await poseRunner(session, size)(referenceInput(3 * size * size));
  for (const [name, { picks, values }] of Object.entries(reference.heads) as [keyof PoseHeads, { picks: number[]; values: number[] }][]) {
    picks.forEach((pick, index) => assert.ok(Math.abs(heads[name][pick] - values[index]) < 1e-4, `${name}[${pick}]: torch ${values[index]}, ort ${heads[name][pick]}`));
  }
  decodePose(heads, reference.grid, size).forEach((point, k) => {
    const [y, x, score] = reference.keypoints[k];
    assert.ok(Math.abs(point.y - y) < 1e-3 && Math.abs(point.x - x) < 1e-3 && Math.abs(point.score - score) < 1e-4, `${KEYPOINT_NAMES[k]}: torch ${[y, x, score]}, here ${[point.y, point.x, point.score]}`);
  });
});
