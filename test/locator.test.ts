import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cropAroundBox, fromUnitBox, letterboxFor, locatorFrameIndices, locatorInput, locatorScratch, placeCropWith, toLocatorAnswer, toUnitBox, type RunLocator } from '../src/core/locator.ts';
import { parseModelSpec, type CropRule, type LocatorSpec } from '../src/core/model-spec.ts';
import { placeCrop, type WorkingFrame } from '../src/core/preprocess.ts';
import { createScene } from '../src/synth/index.ts';
import { loadModelSpec } from '../tools/lib/model-files.ts';

const locator: LocatorSpec = { file: 'locator.onnx', size: 8, frames: 2, presentThreshold: 0.5 };
const located: CropRule = { kind: 'located', locator, workingWidth: 16, minSideFraction: 0.25, margin: 1.5, motionThreshold: 10, trimFraction: 0 };

function frame(width: number, height: number, fill: (x: number, y: number) => number): WorkingFrame {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.fill(fill(x, y), (y * width + x) * 3, (y * width + x) * 3 + 3);
  return { data, width, height };
}

test('the locator sees K frames spread over the window, first and last included', () => {
  assert.deepEqual(locatorFrameIndices(16, 4), [0, 5, 10, 15]);
  assert.deepEqual(locatorFrameIndices(31, 2), [0, 30]);
  assert.deepEqual(locatorFrameIndices(16, 1), [15]);
});

test('locator input: each picked frame letterboxed whole into the square, grey bars, frame-major planes', () => {
  // A 16×8 frame into 8×8: content 8×4 at rows 2..5; the first frame is 10s, the last 200s.
  const first = frame(16, 8, () => 10);
  const last = frame(16, 8, () => 200);
  const { bytes, letterbox } = locatorInput([first, frame(16, 8, () => 99), last], locator);
  assert.deepEqual(letterbox, { scale: 0.5, offsetX: 0, offsetY: 2, size: 8 });
  const plane = 64;
  assert.equal(bytes.length, 2 * 3 * plane);
  assert.equal(bytes[0], 128, 'bar above the content');
  assert.equal(bytes[2 * 8], 10, 'first frame, red, row 2');
  assert.equal(bytes[2 * plane + 5 * 8 + 7], 10, 'first frame, blue, last content row');
  assert.equal(bytes[3 * plane + 3 * 8], 200, 'the last frame fills the second slot (the middle one is skipped)');
  assert.equal(bytes[3 * plane + 6 * 8], 128, 'bar below');
});

test('a box survives the trip into the locator square and back; the crop is the box grown and squared', () => {
  const letterbox = letterboxFor(256, 144, 96);
  const box = { x: 100, y: 20, width: 40, height: 60 };
  const unit = toUnitBox(box, letterbox);
  const back = fromUnitBox(unit, letterbox, 256, 144);
  for (const key of ['x', 'y', 'width', 'height'] as const) assert.ok(Math.abs(back[key] - box[key]) < 1e-9, key);
  // Outside the frame (in the bars) is clipped; swapped corners are put right.
  const clipped = fromUnitBox([0.9, 1, -0.1, 0], letterbox, 256, 144);
  assert.equal(clipped.x, 0);
  assert.equal(clipped.y, 0);
  assert.ok(Math.abs(clipped.width - (0.9 * 96) / (96 / 256)) < 1e-9, 'right edge at 0.9 of the square');
  assert.equal(clipped.height, 144, 'the bottom bar is clipped away');
  const crop = cropAroundBox(box, 256, 144, 1.5, 0.25);
  assert.deepEqual(crop, { x: 75, y: 5, width: 90, height: 90 });
  assert.equal(cropAroundBox({ x: 10, y: 10, width: 2, height: 2 }, 256, 144, 1.5, 0.25).width, 36, 'at least a quarter of the shorter side');
});

test("the 'located' rule crops around the locator's box; the motion square when it finds nobody", async () => {
  let asked = 0;
  const answer = (present: boolean): RunLocator => async (input) => {
    asked += 1;
    assert.equal(input.length, 2 * 3 * 64);
    return { box: [0.25, 0.25, 0.5, 0.5], presentLogit: present ? 3 : -3 };
  };
  // A small square moving in a corner, and the locator sees somebody elsewhere: its box wins.
  const moving = [0, 1, 2].map((t) => frame(16, 16, (x, y) => (x >= 2 + t && x < 4 + t && y >= 2 && y < 4 ? 250 : 20)));
  const box = { x: 4, y: 4, width: 4, height: 4 };
  // The locator's box comes with the crop: the ball detector's square is placed around it.
  const located16 = { crop: cropAroundBox(box, 16, 16, 1.5, 0.25), fellBack: false, located: true, box };
  assert.deepEqual(await placeCropWith(moving, located, answer(true)), located16);
  assert.equal(asked, 1);
  // Nothing moves: the motion square would fall back; the locator's box places the crop.
  const still = [0, 1, 2].map(() => frame(16, 16, () => 20));
  assert.equal(placeCrop(still, located).fellBack, true);
  assert.deepEqual(await placeCropWith(still, located, answer(true)), located16);
  // Nobody there: the motion rule's answer stands.
  assert.deepEqual(await placeCropWith(moving, located, answer(false)), placeCrop(moving, located));
  assert.deepEqual(await placeCropWith(still, located, answer(false)), placeCrop(still, located));
  assert.equal(asked, 4);
  await assert.rejects(() => placeCropWith(still, located), /needs its locator network/);
  // Reused buffers give the same crop, and hold the last input the locator saw.
  const scratch = locatorScratch(locator);
  assert.deepEqual(await placeCropWith(moving, located, answer(true), scratch), located16);
  assert.deepEqual([...scratch.bytes], [...locatorInput(moving, locator).bytes]);
  assert.equal(scratch.floats[0], Math.fround(scratch.bytes[0] / 255));
  // The motion rules never ask.
  assert.deepEqual(await placeCropWith(moving, { ...located, kind: 'motion-square' }, answer(true)), placeCrop(moving, located));
  assert.equal(asked, 5, 'asked once more, with the reused buffers, and not by the motion rule');
});

test('the graph\'s outputs become an answer, and a graph without them is refused', () => {
  assert.deepEqual(toLocatorAnswer(Float32Array.of(0.1, 0.2, 0.3, 0.4), Float32Array.of(-2)), { box: [0.1, 0.2, 0.3, 0.4].map(Math.fround), presentLogit: -2 });
  assert.throws(() => toLocatorAnswer(Float32Array.of(0.1, 0.2), Float32Array.of(1)), /"box" \[1, 4\]/);
  assert.throws(() => toLocatorAnswer(undefined, undefined), /"present" \[1\]/);
});

test("model.json: a 'located' rule must name its locator file, size and frames", () => {
  const spec = JSON.parse(JSON.stringify(loadModelSpec()));
  spec.input.crop = { ...spec.input.crop, kind: 'located', locator };
  assert.equal(parseModelSpec(spec).input.crop.locator?.size, 8);
  assert.throws(() => parseModelSpec({ ...spec, input: { ...spec.input, crop: { ...spec.input.crop, locator: undefined } } }), /locator\.file/);
  assert.throws(() => parseModelSpec({ ...spec, input: { ...spec.input, crop: { ...spec.input.crop, locator: { ...locator, size: 0 } } } }), /size/);
});

test('the scene knows where the juggling is: a box around hands and balls, none in an empty room', () => {
  const cascade = createScene({ className: '3b_cascade', seed: 5, width: 240, height: 180, fps: 15 });
  const box = cascade.jugglingBox(2, 16)!;
  assert.ok(box.width > 4 && box.height > 4 && box.x >= 0 && box.y >= 0 && box.x + box.width <= 240 && box.y + box.height <= 180, JSON.stringify(box));
  for (let frameIndex = 0; frameIndex < 16; frameIndex++) {
    for (const ball of cascade.ballsAt(2 + frameIndex / 15)) {
      const projected = (cascade as unknown as { camera: { project(point: readonly number[]): { x: number; y: number } } }).camera.project(ball.position);
      assert.ok(projected.x >= box.x - 1e-6 && projected.x <= box.x + box.width + 1e-6 && projected.y >= box.y - 1e-6 && projected.y <= box.y + box.height + 1e-6, 'every ball inside');
    }
  }
  assert.equal(createScene({ className: '0b_empty', seed: 5, width: 240, height: 180, fps: 15 }).jugglingBox(2, 16), null);
});

test('the timed locator passes the answer (and a failure) through and keeps how long the last run took', async () => {
  const { timedLocator } = await import('../src/shared/timed-locator.ts');
  const answer = { box: [0.1, 0.2, 0.3, 0.4] as const, presentLogit: 2 };
  const timed = timedLocator(async () => answer);
  assert.equal(timed.lastMs, 0);
  assert.equal(await timed.locate(new Float32Array(4)), answer);
  assert.ok(Number.isFinite(timed.lastMs) && timed.lastMs >= 0);
  const failing = timedLocator(async () => { throw new Error('wasm trap'); });
  await assert.rejects(failing.locate(new Float32Array(4)), /wasm trap/);
});
