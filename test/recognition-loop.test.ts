import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ModelSpec } from '../src/core/model-spec.ts';
import type { PersonalHeadRecord } from '../src/core/personal-head-types.ts';
import { RecognitionLoop } from '../src/core/recognition-loop.ts';
import { loadModelSpec } from '../tools/lib/model-files.ts';

// The shipped contract, made small: 8×8 working frames, a 16-frame window of 4×4, a 'located' crop,
// and a 16-px ball detector with a 4×4 heat grid.
const shipped = loadModelSpec();
const spec: ModelSpec = {
  ...shipped,
  stride: 2,
  input: { ...shipped.input, frames: 16, height: 4, width: 4, fps: 15, crop: { ...shipped.input.crop, kind: 'located', workingWidth: 8, locator: { file: 'locator.onnx', size: 8, frames: 2, presentThreshold: 0.5 } } },
  ballDetector: { file: 'detector.onnx', size: 16, frames: 2, outputStride: 4, threshold: 0.4, margin: 1 },
};
const threeBalls = spec.classes.findIndex((name) => name.startsWith('3b_'));
const sure = (index: number) => Array.from({ length: spec.classes.length }, (_, other) => (other === index ? 8 : 0));

function greyFrame(value: number): Uint8Array {
  return new Uint8Array(8 * 8 * 4).fill(value);
}

/** A loop whose networks record what they were given; the locator always finds the whole frame. */
function recordingLoop(withDetector = true) {
  const detectorInputs: number[] = [];
  const windowInputs: number[] = [];
  const mean = (input: Float32Array) => input.reduce((sum, value) => sum + value, 0) / input.length;
  const loop = new RecognitionLoop(withDetector ? spec : { ...spec, ballDetector: undefined }, {
    classify: async (input) => {
      windowInputs.push(mean(input));
      return { logits: sure(threeBalls), features: new Float32Array([1, 2]) };
    },
    locate: async () => ({ box: [0, 0, 1, 1], presentLogit: 4 }),
    detect: async (input) => {
      detectorInputs.push(mean(input));
      return { heat: new Float32Array(16), offsets: new Float32Array(32).fill(0.5) };
    },
  });
  return { loop, detectorInputs, windowInputs };
}

test('the recognition loop counts the frame it was handed when it came, not a newer one (a queueing caller takes the frames itself)', async () => {
  const { loop, detectorInputs } = recordingLoop();
  let timeMs = 0;
  for (let index = 0; index < 8; index++, timeMs += 1000 / 15) {
    loop.add(greyFrame(20), 8, 8, 4, timeMs);
    await loop.countNewest(timeMs);
  }
  assert.ok(detectorInputs.length > 0, 'placed early from the 8th frame: the detector ran');
  const darkFrames = loop.detectorFrames();
  loop.add(greyFrame(240), 8, 8, 4, timeMs);
  detectorInputs.length = 0;
  await loop.countNewest(timeMs - 1000 / 15, darkFrames);
  await loop.countNewest(timeMs);
  assert.equal(detectorInputs.length, 2);
  assert.ok(detectorInputs[0] < detectorInputs[1] - 0.3, `the frames handed over, then the newest: ${detectorInputs}`);
});

test('with a ball detector the count is the tracks\': no tracks, no "3 balls" however sure the classifier; without one, the classifier counts', async () => {
  for (const withDetector of [true, false]) {
    const { loop, windowInputs } = recordingLoop(withDetector);
    let shown = null;
    for (let index = 0, timeMs = 0; index < 24; index++, timeMs += 1000 / 15) {
      const due = loop.add(greyFrame(128), 8, 8, 4, timeMs);
      await loop.countNewest(timeMs);
      if (!due) continue;
      assert.ok(loop.windowReadable);
      const { rawProbabilities } = await loop.classifyWindow();
      shown = loop.show(rawProbabilities);
    }
    assert.ok(windowInputs.length >= 3, 'windows were classified');
    assert.ok(shown);
    if (withDetector) {
      assert.equal(shown.display.uncertain, true, 'the tracks saw no ball: not sure');
      assert.equal(shown.tracks?.ballCount, null);
    } else {
      assert.equal(shown.display.balls, 3);
      assert.equal(shown.tracks, undefined);
    }
  }
});

test('a personal head turns the classifier\'s features into its own probabilities; without one, the logits are softmaxed', async () => {
  const { loop } = recordingLoop();
  for (let index = 0, timeMs = 0; index < 16; index++, timeMs += 1000 / 15) loop.add(greyFrame(128), 8, 8, 4, timeMs);
  const shippedHead = await loop.classifyWindow();
  assert.equal(shippedHead.rawProbabilities.length, spec.classes.length);
  assert.ok(shippedHead.rawProbabilities[threeBalls] > 0.9);
  // A one-layer head over the 2 features that always says its second class.
  const head: PersonalHeadRecord = {
    id: 'h1', name: 'mine', createdAtMs: 0, modelVersion: spec.version, featureSize: 2, classes: ['1b_toss', '2b_continuous'], validationAccuracy: null,
    parameters: { featureMean: new Float32Array(2), featureScale: new Float32Array([1, 1]), layers: [{ inputSize: 2, outputSize: 2, weights: new Float32Array(4), bias: new Float32Array([0, 6]) }] },
  } as PersonalHeadRecord;
  loop.setHead(head);
  const personal = await loop.classifyWindow();
  assert.equal(personal.rawProbabilities.length, 2);
  assert.ok(personal.rawProbabilities[1] > 0.9, `${personal.rawProbabilities}`);
  assert.equal(loop.head?.name, 'mine');
});
