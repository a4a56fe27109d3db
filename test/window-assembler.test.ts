import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseModelSpec, ModelSpecError, type ModelSpec } from '../src/core/model-spec.ts';
import { referenceInput } from '../src/core/reference-input.ts';
import { WindowAssembler } from '../src/core/window-assembler.ts';
import type { WorkingFrame } from '../src/core/preprocess.ts';
import { loadModelSpec } from '../tools/lib/model-files.ts';

const shipped = loadModelSpec();
const small: ModelSpec = { ...shipped, stride: 2, input: { ...shipped.input, frames: 4, height: 4, width: 4, fps: 15, crop: { ...shipped.input.crop, kind: 'full', workingWidth: 8 } } };

test('a 30 fps camera feeds every other frame; a window is due every `stride` frames once T are buffered', () => {
  const assembler = new WindowAssembler(small);
  const frame = new Uint8Array(8 * 8 * 4).fill(128);
  const due: number[] = [];
  for (let index = 0; index < 20; index++) {
    if (!assembler.wants((index * 1000) / 30)) continue;
    if (assembler.add(frame, 8, 8, 4, (index * 1000) / 30)) due.push(index);
  }
  assert.deepEqual(due, [6, 10, 14, 18]); // full at the 4th sampled frame (index 6), then every 2nd sampled frame
  assembler.build();
  assert.equal(assembler.windowFloats.length, 3 * 4 * 4 * 4);
  assert.ok(assembler.windowFloats.every((value) => Math.abs(value - 128 / 255) < 1e-6));
  assembler.reset();
  assert.equal(assembler.add(frame, 8, 8, 4, 10_000), false, 'reset empties the buffer');
});

test("buildPlaced: a 'located' rule's window is cut where the locator says, from the frames taken when it was due", async () => {
  const located: ModelSpec = { ...small, input: { ...small.input, crop: { ...shipped.input.crop, kind: 'located', workingWidth: 8, locator: { file: 'locator.onnx', size: 8, frames: 2, presentThreshold: 0.5 } } } };
  const assembler = new WindowAssembler(located);
  const grey = new Uint8Array(8 * 8 * 4).fill(128);
  for (let index = 0; index < 4; index++) assembler.add(grey, 8, 8, 4, (index * 1000) / 15);
  const due = assembler.windowFrames;
  assembler.add(new Uint8Array(8 * 8 * 4).fill(255), 8, 8, 4, (4 * 1000) / 15); // a later, white frame must not enter that window
  let seen: Float32Array | null = null;
  const crop = await assembler.buildPlaced(async (input) => {
    seen = input;
    return { box: [0, 0, 0.5, 0.5], presentLogit: 4 };
  }, due);
  assert.equal(seen!.length, 2 * 3 * 8 * 8);
  assert.deepEqual(crop, { x: 0, y: 0, width: 6, height: 6 }, 'the top-left quarter grown ×1.5, kept inside the frame');
  assert.ok(assembler.windowFloats.every((value) => Math.abs(value - 128 / 255) < 1e-6), 'built from the frames it was given');
  await assert.rejects(() => assembler.buildPlaced(undefined, due), /needs its locator network/);
});

/** Feeds a camera's timestamps (ms) through wants/add; each frame's pixels are its index, so a window shows which frames it holds. */
function feedCamera(spec: ModelSpec, timestampsMs: readonly number[]) {
  const assembler = new WindowAssembler(spec);
  const windows: { atMs: number; spanMs: number; missing: number; readable: boolean; firstValue: number; lastValue: number }[] = [];
  for (const [index, timestampMs] of timestampsMs.entries()) {
    if (!assembler.wants(timestampMs)) continue;
    if (!assembler.add(new Uint8Array(8 * 8 * 4).fill(index % 256), 8, 8, 4, timestampMs)) continue;
    const window = assembler.window;
    windows.push({ atMs: timestampMs, spanMs: window.dueMs[window.dueMs.length - 1] - window.dueMs[0], missing: window.missing, readable: window.readable, firstValue: window.items[0].data[0], lastValue: window.items[window.items.length - 1].data[0] });
  }
  return windows;
}

const sixteen: ModelSpec = { ...small, stride: 1, input: { ...small.input, frames: 16 } };
const seconds = (fps: number, count: number, jitterMs = 0) => Array.from({ length: count }, (_, index) => (index * 1000) / fps + (jitterMs ? ((index * 7919) % 11) / 10 * jitterMs - jitterMs / 2 : 0));

for (const fps of [10, 15, 24, 30]) {
  test(`a ${fps}-fps camera (±4 ms jitter) gives windows spanning the model's 1 s, all readable`, () => {
    const windows = feedCamera(sixteen, seconds(fps, fps * 4, 8));
    assert.ok(windows.length >= 20, `${windows.length} windows`);
    for (const window of windows) {
      assert.ok(Math.abs(window.spanMs - 1000) < 1e-6, `span ${window.spanMs}`);
      assert.equal(window.readable, true);
      assert.equal(window.missing, 0);
    }
    // The first slot is the frame of 1 s before the newest (within half a camera interval), not 16 camera frames before.
    const last = windows[windows.length - 1];
    const framesBack = last.lastValue - last.firstValue;
    assert.ok(Math.abs(framesBack - fps) <= 1, `first slot ${framesBack} camera frames back, expected about ${fps}`);
  });
}

test('a 300-ms stall leaves windows over the same time (at most 3 slots missing); a 1-s stall says "unreadable" until frames cover a window again', () => {
  const stall = (ms: number) => [...seconds(30, 60), ...seconds(30, 60).map((t) => t + 2000 + ms)];
  const short = feedCamera(sixteen, stall(300));
  assert.ok(short.every((window) => Math.abs(window.spanMs - 1000) < 1e-6));
  assert.ok(short.every((window) => window.readable), JSON.stringify(short.filter((window) => !window.readable)));
  assert.ok(short.some((window) => window.missing > 0));
  const long = feedCamera(sixteen, stall(1000));
  const unreadable = long.filter((window) => !window.readable);
  assert.ok(unreadable.length > 0);
  assert.ok(unreadable.every((window) => window.atMs >= 3000 && window.atMs < 4000), JSON.stringify(unreadable.map((window) => window.atMs)));
  assert.equal(long[long.length - 1].readable, true, 'readable again once a second of frames came');
});

test('a slow camera: a slot between two frames is the two mixed by time', () => {
  const assembler = new WindowAssembler({ ...small, stride: 1 });
  // 10 fps into 15-fps slots: frame values 0, 30, 60, 90 at 0, 100, 200, 300 ms.
  for (let index = 0; index < 4; index++) assembler.add(new Uint8Array(8 * 8 * 4).fill(index * 30), 8, 8, 4, index * 100);
  const values = assembler.window.items.map((frame) => frame.data[0]);
  // Slots at 100, 166.7, 233.3, 300 ms.
  assert.deepEqual(values, [30, 50, 70, 90]);
});

test('model.json validation names what is wrong', () => {
  assert.throws(() => parseModelSpec(null), ModelSpecError);
  assert.throws(() => parseModelSpec({ ...shipped, file: 'model.bin' }), /\.onnx/);
  assert.throws(() => parseModelSpec({ ...shipped, input: { ...shipped.input, layout: 'NHWC' } }), /NCTHW/);
  assert.throws(() => parseModelSpec({ ...shipped, classes: ['3b_cascade', 'three balls'] }), /not a class name/);
  assert.throws(() => parseModelSpec({ ...shipped, classes: ['3b_cascade', '3b_cascade'] }), /must not repeat/);
  assert.throws(() => parseModelSpec({ ...shipped, stride: 0 }), /stride/);
  assert.deepEqual(parseModelSpec(JSON.parse(JSON.stringify(shipped))).classes, shipped.classes);
});

test('the reference input follows its formula', () => {
  const values = referenceInput(3);
  assert.ok(Math.abs(values[0] - 0.5) < 1e-7);
  assert.ok(Math.abs(values[2] - (Math.sin(0.74) + 1) / 2) < 1e-7);
});

test('a slow camera\'s mixed frames are made once: windows 200 ms apart share them', () => {
  const assembler = new WindowAssembler({ ...small, stride: 1, input: { ...small.input, frames: 8 } });
  const windows: WorkingFrame[][] = [];
  for (let index = 0; index < 12; index++) {
    if (assembler.add(new Uint8Array(8 * 8 * 4).fill(index * 20), 8, 8, 4, index * 100)) windows.push(assembler.window.items);
  }
  const [first, , third] = windows.slice(-3);
  // Third window's slots are the first's shifted by three (3 × 66.7 ms = 200 ms), the very same objects.
  for (let slot = 0; slot + 3 < first.length; slot++) assert.equal(third[slot], first[slot + 3], `slot ${slot}`);
});

test("placeEarly: before the first window the locator places a box from the frames so far, so the ball detector can start; a built window's placement wins", async () => {
  const located: ModelSpec = { ...small, input: { ...small.input, frames: 16, crop: { ...shipped.input.crop, kind: 'located', workingWidth: 8, locator: { file: 'locator.onnx', size: 8, frames: 2, presentThreshold: 0.5 } } } };
  const assembler = new WindowAssembler(located);
  const grey = new Uint8Array(8 * 8 * 4).fill(128);
  let calls = 0;
  const locate = (box: [number, number, number, number]) => async () => {
    calls += 1;
    return { box, presentLogit: 4 };
  };
  let index = 0;
  const addFrames = async (count: number) => {
    for (let added = 0; added < count; added++, index++) {
      assembler.add(grey, 8, 8, 4, (index * 1000) / 15);
      await assembler.placeEarly(locate([0, 0, 0.5, 0.5]));
    }
  };
  await addFrames(7);
  assert.equal(assembler.lastPlaced, null, 'under 8 frames: too little motion to place');
  assert.equal(calls, 0);
  await addFrames(1);
  assert.ok((assembler.lastPlaced as { box?: unknown } | null)?.box, 'placed at the 8th frame, half a window before the first one is due');
  await addFrames(3);
  assert.equal(calls, 1, 'every 4th frame, not every frame');
  await addFrames(1);
  assert.equal(calls, 2);
  await assembler.buildPlaced(locate([0.5, 0.5, 0.5, 0.5]), assembler.windowFrames);
  const built = assembler.lastPlaced;
  await addFrames(8);
  assert.equal(assembler.lastPlaced, built, 'once a window was built, placeEarly leaves its placement alone');
  assert.equal(calls, 3);
  assembler.reset();
  index = 100;
  await addFrames(8);
  assert.equal(calls, 4, 'after a reset it places early again');
});
