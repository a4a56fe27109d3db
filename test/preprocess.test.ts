import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { CropRule, InputSpec } from '../src/core/model-spec.ts';
import { cropForWindow, placeCrop, resampleArea, tensorFrameRgba, toModelInput, toWorkingFrame, windowToTensor, type WorkingFrame } from '../src/core/preprocess.ts';

const rule: CropRule = { kind: 'motion-square', workingWidth: 8, minSideFraction: 0.25, margin: 1, motionThreshold: 10, trimFraction: 0 };

test('area resampling averages whole blocks (hand-computed)', () => {
  // 4×2 RGBA → 2×1: each output pixel is the mean of a 2×2 block.
  const rgba = Uint8Array.from([
    0, 0, 0, 255, 100, 10, 0, 255, 40, 0, 0, 255, 80, 0, 0, 255,
    20, 30, 0, 255, 40, 20, 0, 255, 0, 0, 0, 255, 40, 4, 0, 255,
  ]);
  const out = resampleArea(rgba, 4, 2, 4, { x: 0, y: 0, width: 4, height: 2 }, 2, 1);
  assert.deepEqual([...out], [40, 15, 0, 40, 1, 0]);
});

test('area resampling weighs partial pixels (3 → 2 pixels)', () => {
  const rgb = Uint8Array.from([0, 0, 0, 90, 90, 90, 180, 180, 180]);
  const out = resampleArea(rgb, 3, 1, 3, { x: 0, y: 0, width: 3, height: 1 }, 2, 1);
  // left cell covers pixel 0 fully and half of pixel 1: (0*1 + 90*0.5) / 1.5 = 30
  assert.deepEqual([...out], [30, 30, 30, 150, 150, 150]);
});

test('working frames keep the aspect ratio at the contract width', () => {
  const frame = toWorkingFrame(new Uint8Array(16 * 12 * 4).fill(200), 16, 12, 4, rule);
  assert.equal(frame.width, 8);
  assert.equal(frame.height, 6);
  assert.ok(frame.data.every((value) => value === 200));
});

function frameWithSquare(width: number, height: number, squareX: number, squareY: number): WorkingFrame {
  const data = new Uint8Array(width * height * 3).fill(50);
  for (let y = squareY; y < squareY + 2; y++) for (let x = squareX; x < squareX + 2; x++) data.fill(250, (y * width + x) * 3, (y * width + x) * 3 + 3);
  return { data, width, height };
}

test('the crop follows where things move; a still scene gives the centre square', () => {
  const moving = [0, 1, 2, 3].map((step) => frameWithSquare(32, 24, 20 + step, 4));
  const crop = cropForWindow(moving, rule);
  assert.ok(crop.x + crop.width / 2 > 20 && crop.x + crop.width / 2 < 25, `centre x ${crop.x + crop.width / 2}`);
  assert.ok(crop.y < 8);
  assert.equal(crop.width, crop.height, 'square');
  assert.equal(crop.width, 0.25 * 24, 'small motion → minimum side');
  const still = [0, 1, 2, 3].map(() => frameWithSquare(32, 24, 20, 4));
  assert.deepEqual(cropForWindow(still, rule), { x: 4, y: 0, width: 24, height: 24 });
  // placeCrop says which: a fallback for the still scene, not for motion, nor for the 'full' rule's centre square.
  assert.deepEqual(placeCrop(still, rule), { crop: { x: 4, y: 0, width: 24, height: 24 }, fellBack: true, located: false });
  assert.deepEqual(placeCrop(moving, rule), { crop, fellBack: false, located: false });
  assert.deepEqual(placeCrop(moving, { ...rule, kind: 'full' }), { crop: { x: 4, y: 0, width: 24, height: 24 }, fellBack: false, located: false });
});

test('the window tensor is planar [C][T][H][W] and floats are bytes / 255', () => {
  const input: InputSpec = { name: 'clip', layout: 'NCTHW', frames: 2, height: 2, width: 2, fps: 15, channels: 'RGB', range: [0, 1], normalisation: '', crop: { ...rule, kind: 'full' } };
  const frame = (red: number): WorkingFrame => ({ data: Uint8Array.from({ length: 2 * 2 * 3 }, (_, index) => (index % 3 === 0 ? red : index % 3 === 1 ? 7 : 9)), width: 2, height: 2 });
  const { tensor, crop } = windowToTensor([frame(100), frame(200)], input);
  assert.deepEqual(crop, { x: 0, y: 0, width: 2, height: 2 });
  assert.deepEqual([...tensor], [100, 100, 100, 100, 200, 200, 200, 200, 7, 7, 7, 7, 7, 7, 7, 7, 9, 9, 9, 9, 9, 9, 9, 9]);
  const floats = toModelInput(tensor);
  assert.ok(Math.abs(floats[0] - 100 / 255) < 1e-7);
  assert.throws(() => windowToTensor([frame(1)], input), /needs 2 frames/);
});

test('flicker spread over the whole frame widens the box; subtractFloor keeps it on the real motion', () => {
  // Sparse strong flicker in every frame (like compression blocks), plus a bright square moving at the right.
  const width = 64;
  const height = 48;
  const frames = [0, 1, 2, 3, 4, 5].map((step) => {
    const frame = frameWithSquare(width, height, 44 + step, 10);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if ((x * 7 + y * 13 + step * 5) % 17 === 0) frame.data.fill(step % 2 ? 250 : 0, (y * width + x) * 3, (y * width + x) * 3 + 3);
      }
    }
    // The mover is an 8×8 block, so it outweighs the flicker in its own columns and rows.
    for (let y = 8; y < 16; y++) for (let x = 40 + step; x < 48 + step; x++) frame.data.fill(step % 2 ? 250 : 0, (y * width + x) * 3, (y * width + x) * 3 + 3);
    return frame;
  });
  const loose: CropRule = { ...rule, workingWidth: width, minSideFraction: 0.1, margin: 1.2, trimFraction: 0.02 };
  const wide = cropForWindow(frames, loose);
  const tight = cropForWindow(frames, { ...loose, subtractFloor: true });
  assert.ok(wide.width > 0.8 * height, `without floor subtraction the flicker spreads the box (${wide.width})`);
  assert.ok(tight.width < 0.5 * height, `with it the box fits the mover (${tight.width})`);
  const centreX = tight.x + tight.width / 2;
  assert.ok(centreX > 38 && centreX < 54, `centre x ${centreX}`);
});

test('minMovingNeighbours ignores isolated specks; a small far-away mover still places the crop (minMotionFraction)', () => {
  // A 192×144 frame: single-pixel specks flip all over it (sensor noise), and a 2×2 "ball" moves at
  // the top right (a juggler far from the camera: few moving pixels).
  const width = 192;
  const height = 144;
  const frames = [0, 1, 2, 3, 4, 5].map((step) => {
    const frame = frameWithSquare(width, height, 140 + step, 24 + (step % 2));
    for (let y = 1; y < height - 1; y += 3) {
      for (let x = 1; x < width - 1; x += 3) {
        if ((x * 7 + y * 13 + step * 5) % 11 === 0) frame.data.fill(250, (y * width + x) * 3, (y * width + x) * 3 + 3);
      }
    }
    return frame;
  });
  const base: CropRule = { ...rule, workingWidth: width, minSideFraction: 0.2, margin: 1.5, trimFraction: 0.04, noiseMultiple: 5, subtractFloor: true };
  const whole = Math.min(width, height);
  assert.equal(cropForWindow(frames, base).width, whole, 'the specks spread the box over the whole frame');
  const filtered = { ...base, minMovingNeighbours: 2 };
  assert.equal(cropForWindow(frames, filtered).width, whole, 'with the specks gone, the mover alone is under the default motion floor: centre square');
  const crop = cropForWindow(frames, { ...filtered, minMotionFraction: 0.0001 });
  assert.ok(crop.width < 0.5 * whole, `the box fits the mover (${crop.width})`);
  const centreX = crop.x + crop.width / 2;
  assert.ok(centreX > 125 && centreX < 165, `centre x ${centreX}`);
});

test('overlapping windows reuse each frame pair\'s motion and crop exactly as fresh frames do', () => {
  const frames = Array.from({ length: 10 }, (_, step) => frameWithSquare(32, 24, 4 + 2 * step, 6 + (step % 3)));
  const copy = (frame: WorkingFrame): WorkingFrame => ({ ...frame, data: Uint8Array.from(frame.data) });
  for (let start = 0; start + 6 <= frames.length; start += 2) {
    const window = frames.slice(start, start + 6);
    assert.deepEqual(cropForWindow(window, rule), cropForWindow(window.map(copy), rule));
  }
  // A different threshold is not served from the cache.
  const strict = { ...rule, motionThreshold: 250 };
  assert.deepEqual(cropForWindow(frames.slice(0, 6), strict), cropForWindow(frames.slice(0, 6).map(copy), strict));
});

test('the per-pair motion cache does not keep old frames alive', async () => {
  setFlagsFromString('--expose-gc');
  const collectGarbage = runInNewContext('gc') as () => void;
  let window: WorkingFrame[] = [];
  let firstFrame: WeakRef<WorkingFrame> | null = null;
  for (let step = 0; step < 40; step++) {
    const frame = frameWithSquare(32, 24, 4 + (step % 20), 6);
    firstFrame ??= new WeakRef(frame);
    window = [...window, frame].slice(-6);
    if (window.length === 6) cropForWindow(window, rule);
  }
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  assert.equal(firstFrame!.deref(), undefined, 'the first frame was collected once no window held it');
  assert.equal(window.length, 6);
});

test('tensorFrameRgba reads one frame of a planar [3][T][H][W] tensor as opaque RGBA', () => {
  const [frames, height, width] = [3, 2, 2];
  const plane = height * width;
  // Channel c, frame t, pixel p holds 100 * c + 10 * t + p.
  const tensor = Uint8Array.from({ length: 3 * frames * plane }, (_, index) => {
    const channel = Math.floor(index / (frames * plane));
    const frame = Math.floor((index % (frames * plane)) / plane);
    return 100 * channel + 10 * frame + (index % plane);
  });
  const rgba = tensorFrameRgba(tensor, frames, height, width, 2);
  assert.deepEqual(Array.from(rgba), [20, 120, 220, 255, 21, 121, 221, 255, 22, 122, 222, 255, 23, 123, 223, 255]);
  const out = new Uint8ClampedArray(plane * 4);
  assert.equal(tensorFrameRgba(tensor, frames, height, width, 0, out), out, 'fills the buffer it is given');
  assert.deepEqual(Array.from(out.subarray(0, 4)), [0, 100, 200, 255]);
});
