import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../src/core/random.ts';
import {
  accuracy,
  confusionMatrix,
  headProbabilities,
  headProbabilitiesForRows,
  predictedClasses,
  standardisation,
  trainHead,
  DEFAULT_HEAD_TRAINING,
  HeadTrainingError,
  type FeatureSet,
} from '../src/core/personal-head.ts';
import { assertHeadFileSize, HeadFormatError, headToJson, MAX_HEAD_FILE_BYTES, parseHeadJson } from '../src/core/personal-head-json.ts';
import type { PersonalHeadRecord } from '../src/core/personal-head-types.ts';

const FEATURE_SIZE = 16;

/** Gaussian blobs around well-separated class centres (plus an offset and scale to standardise away). */
function blobs(classCount: number, rowsPerClass: number, seed: number, spread = 0.6): FeatureSet {
  const centres = new Random(1234);
  const centre = Array.from({ length: classCount }, () => Array.from({ length: FEATURE_SIZE }, () => centres.normal() * 2));
  const random = new Random(seed);
  const features = new Float32Array(classCount * rowsPerClass * FEATURE_SIZE);
  const labels = new Int32Array(classCount * rowsPerClass);
  for (let row = 0; row < labels.length; row++) {
    const label = row % classCount;
    labels[row] = label;
    for (let index = 0; index < FEATURE_SIZE; index++) features[row * FEATURE_SIZE + index] = 5 + 3 * (centre[label][index] + random.normal() * spread);
  }
  return { featureSize: FEATURE_SIZE, features, labels };
}

const FAST = { ...DEFAULT_HEAD_TRAINING, maxEpochs: 40, patience: 6 };

for (const hiddenSize of [0, 32]) {
  const kind = hiddenSize === 0 ? 'softmax regression' : 'MLP';
  test(`${kind} converges on separable data`, () => {
    const train = blobs(4, 40, 1);
    const validation = blobs(4, 20, 2);
    const trained = trainHead(train, validation, 4, { ...FAST, hiddenSize });
    assert.ok(trained.validationAccuracy! >= 0.95, `validation accuracy ${trained.validationAccuracy}`);
    const predicted = predictedClasses(headProbabilitiesForRows(trained.parameters, validation.features), 4);
    assert.equal(accuracy(predicted, validation.labels), trained.validationAccuracy);
    assert.ok(trained.history[trained.history.length - 1].trainLoss < trained.history[0].trainLoss, 'training loss falls');
    const probabilities = headProbabilities(trained.parameters, validation.features, 0);
    assert.ok(Math.abs(probabilities.reduce((sum, value) => sum + value, 0) - 1) < 1e-5);
  });
}

test('training is deterministic with a seed, and a different seed gives different weights', () => {
  const train = blobs(3, 30, 3);
  const validation = blobs(3, 10, 4);
  const first = trainHead(train, validation, 3, { ...FAST, seed: 7 });
  const second = trainHead(train, validation, 3, { ...FAST, seed: 7 });
  const other = trainHead(train, validation, 3, { ...FAST, seed: 8 });
  assert.deepEqual(first.history, second.history);
  first.parameters.layers.forEach((layer, index) => assert.deepEqual(layer.weights, second.parameters.layers[index].weights));
  assert.notDeepEqual(first.parameters.layers[0].weights, other.parameters.layers[0].weights);
});

test('early stopping keeps the best epoch, not the last one', () => {
  // Noisy, overlapping classes and few rows: validation gets worse while training keeps fitting.
  const train = blobs(3, 12, 5, 3);
  const validation = blobs(3, 30, 6, 3);
  const reports: number[] = [];
  const trained = trainHead(train, validation, 3, { ...FAST, hiddenSize: 64, learningRate: 0.02, weightDecay: 0, maxEpochs: 80, patience: 10 }, (report) => reports.push(report.epoch));
  assert.deepEqual(reports, trained.history.map((report) => report.epoch), 'one progress report per epoch');
  const best = Math.max(...trained.history.map((report) => report.validationAccuracy!));
  assert.equal(trained.validationAccuracy, best, 'the kept accuracy is the best seen');
  assert.equal(trained.history[trained.bestEpoch - 1].validationAccuracy, best);
  assert.ok(trained.epochsRun < 80, `stopped early after ${trained.epochsRun} epochs`);
  assert.equal(trained.epochsRun - trained.bestEpoch, 10, 'stops `patience` epochs after the best');
  // The kept parameters are those of the best epoch: re-evaluating them gives its accuracy.
  const predicted = predictedClasses(headProbabilitiesForRows(trained.parameters, validation.features), 3);
  assert.equal(accuracy(predicted, validation.labels), best);
  assert.notEqual(trained.history[trained.history.length - 1].validationAccuracy, undefined);
});

test('without a validation split, all epochs run and the accuracy is unknown', () => {
  const trained = trainHead(blobs(2, 10, 9), null, 2, { ...FAST, maxEpochs: 5 });
  assert.equal(trained.epochsRun, 5);
  assert.equal(trained.bestEpoch, 5);
  assert.equal(trained.validationAccuracy, null);
});

test('bad training input is refused with a clear error', () => {
  const train = blobs(2, 5, 1);
  assert.throws(() => trainHead(train, null, 1), HeadTrainingError);
  assert.throws(() => trainHead({ ...train, labels: Int32Array.from(train.labels, () => 5) }, null, 2), /class index 5/);
  const broken = Float32Array.from(train.features);
  broken[3] = Number.NaN;
  assert.throws(() => trainHead({ ...train, features: broken }, null, 2), /finite/);
});

test('standardisation gives zero mean and unit spread; constant features keep scale 1', () => {
  const set: FeatureSet = { featureSize: 2, features: Float32Array.from([1, 5, 3, 5, 5, 5]), labels: Int32Array.from([0, 1, 0]) };
  const { featureMean, featureScale } = standardisation(set);
  assert.ok(Math.abs(featureMean[0] - 3) < 1e-6);
  assert.ok(Math.abs(featureScale[0] - 1 / Math.sqrt(8 / 3)) < 1e-5);
  assert.equal(featureScale[1], 1);
});

test('confusion matrix counts actual × predicted', () => {
  assert.deepEqual(confusionMatrix([0, 1, 1, 2], [0, 0, 1, 2], 3), [
    [1, 1, 0],
    [0, 1, 0],
    [0, 0, 1],
  ]);
  assert.equal(accuracy([0, 1, 1, 2], [0, 0, 1, 2]), 0.75);
});

function trainedRecord(): PersonalHeadRecord {
  const trained = trainHead(blobs(2, 10, 1), null, 2, { ...FAST, maxEpochs: 2, hiddenSize: 4 });
  return {
    id: 'head-1',
    name: 'Living room',
    createdAtMs: 1_700_000_000_000,
    modelVersion: '1.0.0',
    featureSize: FEATURE_SIZE,
    classes: ['3b_cascade', '3b_shower'],
    parameters: trained.parameters,
    validationAccuracy: 0.9,
  };
}

const EXPECTED = { modelVersion: '1.0.0', featureSize: FEATURE_SIZE };

test('a head survives export and import unchanged', () => {
  const head = trainedRecord();
  const parsed = parseHeadJson(headToJson(head), EXPECTED);
  assert.deepEqual(parsed, head);
});

test('import rejects bad heads, naming each problem', () => {
  const good = JSON.parse(headToJson(trainedRecord()));
  const reasons = (mutate: (json: any) => void): string => {
    const json = structuredClone(good);
    mutate(json);
    try {
      parseHeadJson(JSON.stringify(json), EXPECTED);
    } catch (error) {
      assert.ok(error instanceof HeadFormatError);
      return error.message;
    }
    assert.fail('the head was accepted');
  };
  assert.throws(() => parseHeadJson('{not json', EXPECTED), /not valid JSON/);
  assert.match(reasons((json) => (json.format = 'something-else')), /not a personal head/);
  assert.match(reasons((json) => (json.modelVersion = '0.9.0')), /model version 0\.9\.0/);
  assert.match(reasons((json) => (json.featureSize = 64)), /expects 64 features/);
  assert.match(reasons((json) => (json.classes = ['3b_cascade', 'Cascade!'])), /"Cascade!" is not a class name/);
  assert.match(reasons((json) => (json.classes = ['3b_cascade', '3b_cascade'])), /must not repeat/);
  assert.match(reasons((json) => json.parameters.layers[0].weights.pop()), /layer 1 weights has \d+ numbers, expected/);
  assert.match(reasons((json) => (json.parameters.layers[1].bias[0] = 'NaN')), /layer 2 bias contains something that is not a finite number/);
  assert.match(reasons((json) => (json.parameters.featureScale[0] = null)), /featureScale contains/);
  assert.match(reasons((json) => (json.classes = ['3b_cascade', '3b_shower', '2b_fountain'])), /gives 2 outputs but the head lists 3 classes/);
  assert.match(reasons((json) => (json.parameters.layers = [])), /one layer .* or two/);
  // Several problems are listed together.
  const many = reasons((json) => {
    json.name = '';
    json.validationAccuracy = 2;
  });
  assert.match(many, /name must be/);
  assert.match(many, /validationAccuracy/);
});

test('values are checked as float32: 1e39 or 3.5e38 (Infinity once float32) is rejected, not stored as ±Infinity', () => {
  const good = JSON.parse(headToJson(trainedRecord()));
  const rejection = (mutate: (json: any) => void): string => {
    const json = structuredClone(good);
    mutate(json);
    assert.throws(() => parseHeadJson(JSON.stringify(json), EXPECTED), HeadFormatError);
    try {
      parseHeadJson(JSON.stringify(json), EXPECTED);
    } catch (error) {
      return (error as Error).message;
    }
    return '';
  };
  assert.match(rejection((json) => (json.parameters.featureScale[0] = 1e39)), /featureScale contains something that is not a finite number \(float32/);
  assert.match(rejection((json) => (json.parameters.layers[1].bias[1] = -1e39)), /layer 2 bias contains/);
  assert.match(rejection((json) => (json.parameters.layers[0].weights[5] = 3.5e38)), /layer 1 weights contains/);
  // The largest float32 is fine.
  const json = structuredClone(good);
  json.parameters.featureMean[0] = 3.4028234663852886e38;
  assert.equal(parseHeadJson(JSON.stringify(json), EXPECTED).parameters.featureMean[0], 3.4028234663852886e38);
});

test('a head file over the size limit is refused before it is parsed, the limit in the message', () => {
  assert.throws(() => assertHeadFileSize(100 * 1024 * 1024), new RegExp(`the file is 100 MB; a head file is at most ${MAX_HEAD_FILE_BYTES / 1024 / 1024} MB`));
  const giant = `{"format":"juggling-trainer-head","parameters":{"featureMean":[${'0,'.repeat(9_000_000)}0]}}`;
  assert.throws(() => parseHeadJson(giant, EXPECTED), /a head file is at most 16 MB/);
  assert.doesNotThrow(() => assertHeadFileSize(headToJson(trainedRecord()).length));
});

test('what the app exports imports again: a stored head holding ±Infinity is refused at export, not written as null', () => {
  const head = trainedRecord();
  const featureScale = Float32Array.from(head.parameters.featureScale);
  featureScale[0] = Infinity;
  const broken = { ...head, parameters: { ...head.parameters, featureScale } };
  assert.throws(() => headToJson(broken), /featureScale contains something that is not a finite number/);
});

test('createdAtMs of 0, -0 or a negative time is rejected', () => {
  const good = JSON.parse(headToJson(trainedRecord()));
  for (const createdAtMs of ['0', '-0', '-5', '1e300']) {
    const text = JSON.stringify({ ...good, createdAtMs: 'TIME' }).replace('"TIME"', createdAtMs);
    assert.throws(() => parseHeadJson(text, EXPECTED), /createdAtMs must be a time/, createdAtMs);
  }
});
