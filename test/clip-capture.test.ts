import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClipCapture, ClipCaptureError } from '../src/core/clip-capture.ts';
import type { InputSpec } from '../src/core/model-spec.ts';
import { framesToTensor, resampleArea, windowToTensor, type WorkingFrame } from '../src/core/preprocess.ts';

const input: InputSpec = {
  name: 'clip', layout: 'NCTHW', frames: 2, height: 4, width: 4, fps: 10, channels: 'RGB', range: [0, 1], normalisation: '',
  crop: { kind: 'motion-square', workingWidth: 16, minSideFraction: 0.5, margin: 1.2, motionThreshold: 10, trimFraction: 0 },
};

function frame(step: number): WorkingFrame {
  const width = 16;
  const height = 12;
  const data = new Uint8Array(width * height * 3).fill(40);
  const x = 2 + step;
  for (let y = 3; y < 6; y++) data.fill(230, (y * width + x) * 3, (y * width + x + 2) * 3);
  return { data, width, height };
}

test('framesToTensor of T frames equals windowToTensor (one code path); N frames are planar [C][N][H][W]', () => {
  const two = [frame(0), frame(1)];
  assert.deepEqual(framesToTensor(two, input).tensor, windowToTensor(two, input).tensor);
  const five = [0, 1, 2, 3, 4].map(frame);
  const { tensor, crop } = framesToTensor(five, input);
  assert.equal(tensor.length, 3 * 5 * 4 * 4);
  // Frame t of channel c is the plane at (c·N + t)·H·W, every frame resampled with the one crop.
  const plane = 16;
  for (let t = 0; t < 5; t++) {
    const packed = resampleArea(five[t].data, 16, 12, 3, crop, 4, 4);
    for (let channel = 0; channel < 3; channel++) {
      const expected = Array.from({ length: plane }, (_, p) => packed[p * 3 + channel]);
      assert.deepEqual([...tensor.subarray((channel * 5 + t) * plane, (channel * 5 + t + 1) * plane)], expected);
    }
  }
  assert.throws(() => framesToTensor([], input), /at least one frame/);
});

test('a capture builds one tensor over all frames and reports their span', async () => {
  const capture = new ClipCapture(input);
  for (let index = 0; index < 30; index++) capture.add(frame(index % 8), 1000 + index * 100);
  const clip = await capture.finish();
  assert.equal(clip.frames, 30);
  assert.equal(clip.data.length, 3 * 30 * 4 * 4);
  assert.deepEqual([clip.height, clip.width, clip.fps], [4, 4, 10]);
  assert.equal(capture.durationMs, 3000);
  assert.deepEqual(capture.frameIndices(), Array.from({ length: 30 }, (_, index) => index));
  assert.deepEqual(clip.data, framesToTensor(Array.from({ length: 30 }, (_, index) => frame(index % 8)), input).tensor);
});

test('frames that came slower or unevenly are placed at the model fps (nearest frame in time)', async () => {
  // Half the model rate: every frame is used twice.
  const slow = new ClipCapture(input);
  for (let index = 0; index < 10; index++) slow.add(frame(index), index * 200);
  assert.equal(slow.outputFrames, 19);
  assert.deepEqual(slow.frameIndices(), [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9]);
  const clip = await slow.finish();
  assert.equal(clip.frames, 19);
  assert.equal(clip.data.length, 3 * 19 * 4 * 4);
  // A gap in an otherwise regular feed, and a repeated timestamp (ignored).
  const gappy = new ClipCapture(input);
  for (const time of [0, 100, 200, 200, 500, 600]) gappy.add(frame(time / 100), time);
  assert.equal(gappy.frameCount, 5);
  assert.deepEqual(gappy.frameIndices(), [0, 1, 2, 2, 3, 3, 4]);
});

test('a capture keeps at most maxSeconds of frames, one frame size, and needs two frames', async () => {
  const capture = new ClipCapture(input, 1);
  for (let index = 0; index < 25; index++) capture.add(frame(0), index * 100);
  assert.equal(capture.frameCount, 10);
  capture.add({ data: new Uint8Array(8 * 6 * 3), width: 8, height: 6 }, 5000);
  const empty = new ClipCapture(input);
  empty.add(frame(0), 0);
  await assert.rejects(() => empty.finish(), ClipCaptureError);
});
