// The InferenceApi implementation: holds the loaded model and at most one running pipeline, and
// reports everything (statuses, the live feed's predictions and stats, teaching progress) to the
// page's one subscription. Kept apart from the worker entry so it can be driven without a Worker
// (test/worker-service.test.ts gives it a model of its own).
import { transfer } from 'comlink';
import type { ClipTensorPayload, InferenceApi, InitOptions, WorkerEvent, WorkerStatus } from '../shared/inference-api.ts';
import { FramePipeline } from './frame-pipeline.ts';
import { loadModel, ModelLoadError, type LoadedModel } from './session.ts';
import { softmax } from '../core/postprocess.ts';
import { headMismatch } from '../core/personal-head-json.ts';
import type { PersonalHeadRecord } from '../core/personal-head-types.ts';
import { Teaching } from './teaching.ts';
import { markStart } from '../shared/start-marks.ts';

export function createInferenceApi(load: typeof loadModel = loadModel): InferenceApi {
  let model: Promise<LoadedModel> | null = null;
  let pipeline: FramePipeline | null = null;
  /** The pipeline a capture was started on: a restarted feed loses the capture. */
  let capturing: FramePipeline | null = null;
  const listeners = new Set<(event: WorkerEvent) => void>();
  // Comlink callbacks return promises; a closed page must not crash the worker's loops.
  const report = (event: WorkerEvent) => {
    for (const listener of listeners) void Promise.resolve(listener(event)).catch(() => undefined);
  };
  const reportStatus = (status: WorkerStatus) => report({ kind: 'status', status });
  let head: PersonalHeadRecord | null = null;
  // The worker's mode: the live feed pauses itself while a teaching job has the model.
  const teaching = new Teaching((mode) => pipeline?.setPaused(mode === 'teaching'));

  async function loadedModel(): Promise<LoadedModel> {
    if (!model) throw new Error('init() has not been called');
    return model;
  }

  async function startPipeline(feed: number) {
    pipeline?.stop();
    const current = new FramePipeline(await loadedModel(), {
      onPrediction: (prediction) => report({ kind: 'prediction', feed, prediction }),
      onStats: (stats) => report({ kind: 'stats', feed, stats }),
      onError: (message) => reportStatus({ kind: 'error', message }),
    });
    if (head) current.setHead(head);
    current.setPaused(teaching.mode === 'teaching');
    pipeline = current;
    return current;
  }

  return {
    subscribe(listener: (event: WorkerEvent) => void): void {
      listeners.add(listener);
    },

    async init(options: InitOptions): Promise<WorkerStatus> {
      markStart('init');
      pipeline?.stop();
      pipeline = null;
      const previous = model;
      model = load(options, (message) => reportStatus({ kind: 'loading', message }));
      previous?.then((loaded) => loaded.release()).catch(() => undefined);
      let status: WorkerStatus;
      try {
        const loaded = await model;
        status = { kind: 'ready', provider: loaded.provider, threads: loaded.threads, adapter: loaded.adapter, fallbackReason: loaded.fallbackReason, appVersion: __APP_VERSION__, spec: loaded.spec };
      } catch (error) {
        const message = (error as Error).message;
        status = error instanceof ModelLoadError ? { kind: 'model-error', message } : { kind: 'error', message };
      }
      markStart(status.kind);
      reportStatus(status);
      return status;
    },

    async startStream(feed, frames): Promise<void> {
      markStart('stream connected');
      const current = await startPipeline(feed);
      // Reads in the background; startStream resolves once frames are flowing.
      void current.consume(frames);
    },

    async startBitmaps(feed): Promise<void> {
      await startPipeline(feed);
    },

    pushBitmap(bitmap: ImageBitmap, timestampMs: number): void {
      if (pipeline) pipeline.pushBitmap(bitmap, timestampMs);
      else bitmap.close();
    },

    async stop(): Promise<void> {
      pipeline?.stop();
      pipeline = null;
    },

    async startCapture(): Promise<void> {
      if (!pipeline) throw new Error('The camera is not connected to the recogniser yet; wait a moment and try again.');
      pipeline.startCapture();
      capturing = pipeline;
    },

    async stopCapture(): Promise<ClipTensorPayload> {
      const owner = capturing;
      capturing = null;
      const capture = owner?.stopCapture() ?? null;
      if (!owner || !capture) throw new Error('No clip was being recorded.');
      if (owner !== pipeline) throw new Error('The camera feed restarted while recording; record the clip again.');
      const feed = owner.captureFeed;
      if (feed.received === 0) throw new Error('No picture came from the camera during the take, so nothing was recorded. Record it again; if this repeats, reconnect the camera.');
      const tensor = await capture.finish(undefined, owner.locate).catch((error: Error) => {
        throw new Error(`${error.message} (the camera sent ${feed.received} frame(s) during the take, ${feed.sampled} sampled for the model)`);
      });
      const payload: ClipTensorPayload = { ...tensor, durationMs: capture.durationMs };
      return transfer(payload, [tensor.data.buffer]);
    },

    async classifyTensor(input: Float32Array) {
      const loaded = await loadedModel();
      const { logits, features } = await loaded.run(input);
      return { probabilities: softmax(logits), logits, features, provider: loaded.provider };
    },

    async featuresForClips(job, clips) {
      return teaching.featuresForClips(job, await loadedModel(), clips, (progress) => report({ kind: 'features', job, progress }));
    },

    async trainHead(job, train, validation, classCount, options) {
      return teaching.trainHead(job, train, validation, classCount, options, (epoch) => report({ kind: 'epoch', job, report: epoch }));
    },

    async cancel(job: number): Promise<void> {
      teaching.cancel(job);
    },

    async setHead(next: PersonalHeadRecord | null): Promise<void> {
      if (next) {
        const { spec } = await loadedModel();
        const problem = headMismatch(next, { modelVersion: spec.version, featureSize: spec.featureSize });
        if (problem) throw new Error(problem);
      }
      head = next;
      pipeline?.setHead(next);
    },
  };
}
