// The InferenceApi implementation: holds the loaded model and at most one running pipeline.
// Kept apart from the worker entry so it can be driven without a Worker.
import { transfer } from 'comlink';
import type { ClipTensorPayload, InferenceApi, InitOptions, PipelineStats, Prediction, WorkerStatus } from '../shared/inference-api.ts';
import { FramePipeline } from './frame-pipeline.ts';
import { loadModel, ModelLoadError, type LoadedModel } from './session.ts';
import { softmax } from '../core/postprocess.ts';
import { headMismatch } from '../core/personal-head-json.ts';
import type { PersonalHeadRecord } from '../core/personal-head-types.ts';
import { Teaching } from './teaching.ts';
import { markStart } from '../shared/start-marks.ts';

export function createInferenceApi(): InferenceApi {
  let model: Promise<LoadedModel> | null = null;
  let pipeline: FramePipeline | null = null;
  /** The pipeline a capture was started on: a restarted feed loses the capture. */
  let capturing: FramePipeline | null = null;
  let reportStatus: (status: WorkerStatus) => void = () => undefined;
  let head: PersonalHeadRecord | null = null;
  // The worker's mode: the live feed pauses itself while a teaching job has the model.
  const teaching = new Teaching((mode) => pipeline?.setPaused(mode === 'teaching'));

  async function loadedModel(): Promise<LoadedModel> {
    if (!model) throw new Error('init() has not been called');
    return model;
  }

  async function startPipeline(onPrediction: (prediction: Prediction) => void, onStats: (stats: PipelineStats) => void) {
    pipeline?.stop();
    const current = new FramePipeline(await loadedModel(), {
      // Comlink callbacks return promises; a closed page must not crash the loop.
      onPrediction: (prediction) => void Promise.resolve(onPrediction(prediction)).catch(() => undefined),
      onStats: (stats) => void Promise.resolve(onStats(stats)).catch(() => undefined),
      onError: (message) => reportStatus({ kind: 'error', message }),
    });
    if (head) current.setHead(head);
    current.setPaused(teaching.mode === 'teaching');
    pipeline = current;
    return current;
  }

  return {
    async init(options: InitOptions, onStatus: (status: WorkerStatus) => void): Promise<WorkerStatus> {
      markStart('init');
      reportStatus = (status) => void Promise.resolve(onStatus(status)).catch(() => undefined);
      pipeline?.stop();
      pipeline = null;
      const previous = model;
      model = loadModel(options, (message) => reportStatus({ kind: 'loading', message }));
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

    async startStream(frames, onPrediction, onStats): Promise<void> {
      markStart('stream connected');
      const current = await startPipeline(onPrediction, onStats);
      // Reads in the background; startStream resolves once frames are flowing.
      void current.consume(frames);
    },

    async startBitmaps(onPrediction, onStats): Promise<void> {
      await startPipeline(onPrediction, onStats);
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

    async featuresForClips(job, clips, onProgress) {
      const report = (progress: Parameters<typeof onProgress>[0]) => void Promise.resolve(onProgress(progress)).catch(() => undefined);
      return teaching.featuresForClips(job, await loadedModel(), clips, report);
    },

    async trainHead(job, train, validation, classCount, options, onEpoch) {
      return teaching.trainHead(job, train, validation, classCount, options, (report) => void Promise.resolve(onEpoch(report)).catch(() => undefined));
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
