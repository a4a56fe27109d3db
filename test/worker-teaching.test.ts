// The worker's teaching service without a browser or a Worker: jobs, cancel(id) seen mid-way
// (a cancel arrives as a message, i.e. a macrotask, so it is only seen if the job yields), and the
// worker's mode (the live feed pauses while teaching, resumes when the job ends or is cancelled).
// Type-checked with the worker's lib (tsconfig.worker-test.json), as the code it drives.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Random } from '../src/core/random.ts';
import { parseModelSpec } from '../src/core/model-spec.ts';
import { DEFAULT_HEAD_TRAINING, trainHead, type EpochReport, type FeatureSet } from '../src/core/personal-head.ts';
import { JobCancelledError, Teaching, type WorkerMode } from '../src/worker/teaching.ts';
import type { LoadedModel } from '../src/worker/session.ts';

const FEATURE_SIZE = 8;

function blobs(classCount: number, rowsPerClass: number, seed: number): FeatureSet {
  const random = new Random(seed);
  const labels = Int32Array.from({ length: classCount * rowsPerClass }, (_, row) => row % classCount);
  const features = Float32Array.from({ length: labels.length * FEATURE_SIZE }, (_, index) => labels[Math.floor(index / FEATURE_SIZE)] * 2 + random.normal());
  return { featureSize: FEATURE_SIZE, features, labels };
}

/** A message from the page: it runs as its own macrotask, after whatever the worker is doing yields. */
const message = (deliver: () => void) => setTimeout(deliver, 0);

function teachingWithModes(): { teaching: Teaching; modes: WorkerMode[] } {
  const modes: WorkerMode[] = [];
  return { teaching: new Teaching((mode) => modes.push(mode)), modes };
}

const OPTIONS = { ...DEFAULT_HEAD_TRAINING, maxEpochs: 200, patience: 200, hiddenSize: 16 };

test('a training job trains the same head as trainHead, in teaching mode, then back to live', async () => {
  const { teaching, modes } = teachingWithModes();
  const train = blobs(3, 20, 1);
  const validation = blobs(3, 10, 2);
  const options = { ...OPTIONS, maxEpochs: 12 };
  const seen: WorkerMode[] = [];
  const trained = await teaching.trainHead(7, train, validation, 3, options, () => seen.push(teaching.mode));
  const direct = trainHead(train, validation, 3, options);
  assert.deepEqual(trained.parameters, direct.parameters);
  assert.equal(trained.epochsRun, 12);
  assert.deepEqual(new Set(seen), new Set(['teaching']));
  assert.deepEqual(modes, ['teaching', 'live']);
  assert.equal(teaching.mode, 'live');
});

test('cancel(id) mid-training ends the job at the next epoch and the worker is live again', async () => {
  const { teaching, modes } = teachingWithModes();
  const epochs: EpochReport[] = [];
  const training = teaching.trainHead(3, blobs(3, 30, 3), blobs(3, 10, 4), 3, OPTIONS, (report) => {
    epochs.push(report);
    // The page sees the first epoch's report and cancels; the cancel reaches the worker as a message.
    if (report.epoch === 1) message(() => teaching.cancel(3));
  });
  await assert.rejects(training, (error: Error) => error instanceof JobCancelledError && /job 3 was cancelled/.test(error.message));
  assert.ok(epochs.length >= 1 && epochs.length <= 3, `the job stopped within an epoch or two of the cancel, not after ${epochs.length} of ${OPTIONS.maxEpochs}`);
  assert.deepEqual(modes, ['teaching', 'live']);
  assert.equal(teaching.mode, 'live');
});

test('a cancel for another job, or for a finished one, changes nothing', async () => {
  const { teaching } = teachingWithModes();
  const options = { ...OPTIONS, maxEpochs: 5 };
  const training = teaching.trainHead(1, blobs(2, 10, 5), null, 2, options, (report) => {
    if (report.epoch === 1) message(() => teaching.cancel(2));
  });
  assert.equal((await training).epochsRun, 5);
  teaching.cancel(1);
  assert.equal((await teaching.trainHead(1, blobs(2, 10, 5), null, 2, options, () => undefined)).epochsRun, 5);
});

test('the mode stays teaching while any job runs; a job id cannot run twice at once', async () => {
  const { teaching, modes } = teachingWithModes();
  const options = { ...OPTIONS, maxEpochs: 30 };
  const first = teaching.trainHead(1, blobs(2, 10, 6), null, 2, options, () => undefined);
  await assert.rejects(teaching.trainHead(1, blobs(2, 10, 6), null, 2, options, () => undefined), /already running/);
  const second = teaching.trainHead(2, blobs(2, 10, 7), null, 2, { ...options, maxEpochs: 3 }, () => undefined);
  await second;
  assert.equal(teaching.mode, 'teaching', 'job 1 still runs');
  await first;
  assert.deepEqual(modes, ['teaching', 'live']);
});

test('cancel(id) while the model watches the clips ends the features job between windows', async () => {
  const spec = parseModelSpec(JSON.parse(readFileSync(new URL('../models/model.json', import.meta.url), 'utf8')));
  const { frames, height, width } = { frames: 40, height: spec.input.height, width: spec.input.width };
  const clips = Array.from({ length: 6 }, (_, index) => ({ id: `clip-${index}`, frames, height, width, data: new Uint8Array(3 * frames * height * width) }));
  let runs = 0;
  const model = {
    spec,
    run: async () => {
      runs += 1;
      return { logits: new Float32Array(spec.classes.length), features: new Float32Array(spec.featureSize).fill(runs) };
    },
  } as unknown as LoadedModel;
  const { teaching, modes } = teachingWithModes();
  let windowsTotal = 0;
  const watching = teaching.featuresForClips(4, model, clips, (progress) => {
    windowsTotal = progress.windowsTotal;
    if (progress.windowsDone > 0) message(() => teaching.cancel(4));
  });
  await assert.rejects(watching, JobCancelledError);
  assert.ok(windowsTotal > 8 && runs < windowsTotal, `cancelled after ${runs} of ${windowsTotal} windows`);
  assert.deepEqual(modes, ['teaching', 'live']);

  // The clips watched before the cancel are cached: watching them again runs only the rest.
  const before = runs;
  const result = await teaching.featuresForClips(5, model, clips, () => undefined);
  assert.equal(result.clips.length, clips.length);
  assert.ok(runs - before < windowsTotal, 'clips finished before the cancel are not watched again');
});
