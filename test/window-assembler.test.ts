import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseModelSpec, ModelSpecError, type ModelSpec } from '../src/core/model-spec.ts';
import { referenceInput } from '../src/core/reference-input.ts';
import { WindowAssembler } from '../src/core/window-assembler.ts';
import { loadModelSpec } from '../tools/lib/model-files.ts';

const shipped = loadModelSpec();
const small: ModelSpec = { ...shipped, stride: 2, input: { ...shipped.input, frames: 4, height: 4, width: 4, fps: 15, crop: { ...shipped.input.crop, kind: 'full', workingWidth: 8 } } };

test('a 30 fps camera feeds every other frame; a window is due every `stride` frames once T are buffered', () => {
  const assembler = new WindowAssembler(small);
  const frame = new Uint8Array(8 * 8 * 4).fill(128);
  const due: number[] = [];
  for (let index = 0; index < 20; index++) {
    if (!assembler.wants((index * 1000) / 30)) continue;
    if (assembler.add(frame, 8, 8, 4)) due.push(index);
  }
  assert.deepEqual(due, [6, 10, 14, 18]); // full at the 4th sampled frame (index 6), then every 2nd sampled frame
  assembler.build();
  assert.equal(assembler.windowFloats.length, 3 * 4 * 4 * 4);
  assert.ok(assembler.windowFloats.every((value) => Math.abs(value - 128 / 255) < 1e-6));
  assembler.reset();
  assert.equal(assembler.add(frame, 8, 8, 4), false, 'reset empties the buffer');
});

test("buildPlaced: a 'located' rule's window is cut where the locator says, from the frames taken when it was due", async () => {
  const located: ModelSpec = { ...small, input: { ...small.input, crop: { ...shipped.input.crop, kind: 'located', workingWidth: 8, locator: { file: 'locator.onnx', size: 8, frames: 2, presentThreshold: 0.5 } } } };
  const assembler = new WindowAssembler(located);
  const grey = new Uint8Array(8 * 8 * 4).fill(128);
  for (let index = 0; index < 4; index++) assembler.add(grey, 8, 8, 4);
  const due = assembler.windowFrames;
  assembler.add(new Uint8Array(8 * 8 * 4).fill(255), 8, 8, 4); // a later, white frame must not enter that window
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
