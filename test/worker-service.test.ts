// The worker's service (createInferenceApi) without a browser or a Worker, on a model of the
// test's own: everything it reports comes through the one subscription as WorkerEvents, each
// teaching report tagged with its job id; cancel(id) ends that job and no other.
// Type-checked with the worker's lib (tsconfig.worker-test.json), as the code it drives.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Random } from '../src/core/random.ts';
import { parseModelSpec } from '../src/core/model-spec.ts';
import { DEFAULT_HEAD_TRAINING, type FeatureSet } from '../src/core/personal-head.ts';
import type { PersonalHeadRecord } from '../src/core/personal-head-types.ts';
import type { InferenceApi, InitOptions, WorkerEvent } from '../src/shared/inference-api.ts';
import { ModelLoadError } from '../src/shared/model-files.ts';
import { createInferenceApi } from '../src/worker/inference-service.ts';
import { JobCancelledError } from '../src/worker/teaching.ts';
import type { LoadedModel } from '../src/worker/session.ts';

// Vite's `define` in the app; the ready status names the build.
(globalThis as { __APP_VERSION__?: string }).__APP_VERSION__ = 'test-build';

const spec = parseModelSpec(JSON.parse(readFileSync(new URL('../models/model.json', import.meta.url), 'utf8')));
const OPTIONS: InitOptions = { modelSpecUrl: '/models/model.json', provider: 'wasm', threads: 1 };

function fakeModel(): LoadedModel {
  let runs = 0;
  return {
    spec,
    provider: 'wasm',
    threads: 1,
    adapter: null,
    fallbackReason: null,
    run: async () => {
      runs += 1;
      return { logits: new Float32Array(spec.classes.length), features: new Float32Array(spec.featureSize).fill(runs % 7) };
    },
    release: async () => undefined,
  };
}

/** The service on a model that loads after two progress messages (or fails with `failure`), and every event it reports. */
async function service(failure: Error | null = null): Promise<{ api: InferenceApi; events: WorkerEvent[] }> {
  const events: WorkerEvent[] = [];
  const api = createInferenceApi(async (_options, onProgress) => {
    onProgress('Downloading the model…');
    onProgress('Starting WASM…');
    if (failure) throw failure;
    return fakeModel();
  });
  api.subscribe((event) => events.push(event));
  return { api, events };
}

/** Reports reach the subscriber as comlink would deliver them: after the call that made them yields. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function blobs(classCount: number, rowsPerClass: number, seed: number): FeatureSet {
  const random = new Random(seed);
  const featureSize = 8;
  const labels = Int32Array.from({ length: classCount * rowsPerClass }, (_, row) => row % classCount);
  const features = Float32Array.from({ length: labels.length * featureSize }, (_, index) => labels[Math.floor(index / featureSize)] * 2 + random.normal());
  return { featureSize, features, labels };
}

test('init reports its progress and the ready status, with the parsed spec, through the subscription', async () => {
  const { api, events } = await service();
  const status = await api.init(OPTIONS);
  await settled();
  assert.equal(status.kind, 'ready');
  assert.deepEqual(
    events.map((event) => (event.kind === 'status' ? event.status.kind : event.kind)),
    ['loading', 'loading', 'ready'],
  );
  const ready = events[2];
  assert.ok(ready.kind === 'status' && ready.status.kind === 'ready');
  assert.equal(ready.status.appVersion, 'test-build');
  assert.equal(ready.status.spec.version, spec.version);
});

test('a model that cannot load is a model-error status, any other failure an error', async () => {
  const broken = await service(new ModelLoadError('models/model.onnx is damaged.'));
  assert.deepEqual(await broken.api.init(OPTIONS), { kind: 'model-error', message: 'models/model.onnx is damaged.' });
  const crashed = await service(new Error('out of memory'));
  assert.deepEqual(await crashed.api.init(OPTIONS), { kind: 'error', message: 'out of memory' });
  await settled();
  assert.deepEqual(crashed.events.at(-1), { kind: 'status', status: { kind: 'error', message: 'out of memory' } });
});

test('teaching reports carry their job id: the features job its progress, the training job one report per epoch', async () => {
  const { api, events } = await service();
  await api.init(OPTIONS);
  const { height, width } = spec.input;
  const frames = spec.input.frames + 8;
  const clips = [0, 1].map((index) => ({ id: `clip-${index}`, frames, height, width, data: new Uint8Array(3 * frames * height * width) }));
  const result = await api.featuresForClips(11, clips);
  assert.equal(result.clips.length, 2);
  const trained = await api.trainHead(12, blobs(2, 10, 1), blobs(2, 5, 2), 2, { ...DEFAULT_HEAD_TRAINING, hiddenSize: 8, maxEpochs: 6, patience: 6 });
  await settled();
  const features = events.filter((event) => event.kind === 'features');
  const epochs = events.filter((event) => event.kind === 'epoch');
  assert.ok(features.length > 0 && features.every((event) => event.job === 11));
  const last = features.at(-1);
  assert.ok(last?.kind === 'features' && last.progress.windowsDone === last.progress.windowsTotal);
  assert.equal(epochs.length, trained.epochsRun);
  assert.ok(epochs.every((event) => event.job === 12));
  assert.deepEqual(epochs.map((event) => (event.kind === 'epoch' ? event.report.epoch : -1)), Array.from({ length: trained.epochsRun }, (_, index) => index + 1));
});

test('cancel(id) ends that training job between epochs, and the service teaches again after', async () => {
  const { api, events } = await service();
  await api.init(OPTIONS);
  const options = { ...DEFAULT_HEAD_TRAINING, hiddenSize: 8, maxEpochs: 300, patience: 300 };
  const training = api.trainHead(21, blobs(3, 20, 3), null, 3, options);
  // The cancel comes in as a message of its own, once the job has reported an epoch.
  const cancelled = (async () => {
    while (!events.some((event) => event.kind === 'epoch' && event.job === 21)) await settled();
    await api.cancel(99);
    await api.cancel(21);
  })();
  await assert.rejects(training, JobCancelledError);
  await cancelled;
  const epochs = events.filter((event) => event.kind === 'epoch' && event.job === 21).length;
  assert.ok(epochs < options.maxEpochs, `stopped after ${epochs} of ${options.maxEpochs} epochs`);
  assert.equal((await api.trainHead(22, blobs(2, 10, 4), null, 2, { ...options, maxEpochs: 3 })).epochsRun, 3);
});

test('a personal head for another model is refused; live capture needs a running feed', async () => {
  const { api } = await service();
  await api.init(OPTIONS);
  const head = { id: 'h', name: 'Old head', createdAtMs: 1, modelVersion: 'another-model', featureSize: spec.featureSize, classes: ['0b_empty'], parameters: {}, validationAccuracy: null } as unknown as PersonalHeadRecord;
  await assert.rejects(api.setHead(head), /"Old head" was taught on model version another-model/);
  await api.setHead(null);
  await assert.rejects(api.startCapture(), /camera is not connected/);
});
