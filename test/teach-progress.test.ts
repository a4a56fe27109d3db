import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultHeadName, HEAD_KINDS, teachProgressText } from '../src/core/teach-progress.ts';

test('the progress bar: reading, then the model on the clips, then training, in order and within 0…1', () => {
  const reading = teachProgressText({ kind: 'reading', clipsRead: 5, clipsTotal: 10 });
  assert.deepEqual(reading, { value: 0.025, text: 'Reading clips 5/10' });
  const watching = teachProgressText({ kind: 'features', windowsDone: 20, windowsTotal: 40 });
  assert.equal(watching.text, 'The model watches your clips: 20/40 windows');
  assert.ok(Math.abs(watching.value - 0.45) < 1e-9);
  const report = { epoch: 30, maxEpochs: 60, trainLoss: 0.1, validationLoss: 0.2, validationAccuracy: 0.876, bestEpoch: 25 };
  const training = teachProgressText({ kind: 'training', report });
  assert.equal(training.text, 'Training: epoch 30 of at most 60 · validation 88 % (best epoch 25)');
  assert.ok(Math.abs(training.value - 0.925) < 1e-9);
  assert.equal(teachProgressText({ kind: 'training', report: { ...report, validationAccuracy: null } }).text, 'Training: epoch 30 of at most 60');
  // An empty set never divides by zero.
  assert.equal(teachProgressText({ kind: 'features', windowsDone: 0, windowsTotal: 0 }).value, 0.05);
});

test('head kinds and the default name', () => {
  assert.deepEqual(HEAD_KINDS.map((kind) => kind.hiddenSize), [64, 0]);
  assert.match(defaultHeadName(new Date(2026, 11, 2, 7, 5)), /^My head · .*2.*07.*05/);
});
