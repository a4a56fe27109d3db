// The one typed API between the main thread and the inference worker (comlink).
// Implemented once in src/worker/inference.worker.ts, wrapped once in src/platform/.
import type { EpochReport, FeatureSet, HeadTrainingOptions, TrainedHead } from '../core/personal-head.ts';
import type { PersonalHeadRecord } from '../core/personal-head-types.ts';
import type { ClipFeatures } from '../core/teach-dataset.ts';
import type { TrackSummary } from '../core/ball-counter.ts';
import type { ModelSpec } from '../core/model-spec.ts';

export type ExecutionProvider = 'webgpu' | 'wasm';
export type ProviderChoice = ExecutionProvider | 'auto';

export interface Prediction {
  /** Class shown after smoothing/hysteresis; null while uncertain. */
  readonly label: string | null;
  readonly balls: number;
  readonly ballConfidence: number;
  readonly pattern: string | null;
  readonly quality: string | null;
  readonly confidence: number;
  readonly uncertain: boolean;
  /** Smoothed probabilities in the class order of the head in use (the model's, or the personal head's). */
  readonly probabilities: Float32Array;
  /** Raw probabilities of this window (before smoothing). */
  readonly rawProbabilities: Float32Array;
  readonly inferenceMs: number;
  readonly preprocessMs: number;
  /** Of preprocessMs, the juggling locator network's run (a 'located' crop rule); absent without one. */
  readonly locatorMs?: number;
  /** Capture timestamp (performance.now() clock of the frame's origin) of the newest frame in the window. */
  readonly frameTimestampMs: number;
  readonly provider: ExecutionProvider;
  /** Name of the personal head that made this prediction; null for the shipped head. */
  readonly head: string | null;
  /** True when the window had too many missing frames to be read (a stalled camera or machine): no model ran. */
  readonly unreadable?: boolean;
  /** What the ball tracker sees (a model with a ball detector); absent without one. */
  readonly tracks?: TrackSummary;
}

/** The ball tracker's view at a prediction (src/core/ball-counter.ts summariseTracks). */
export type { TrackSummary } from '../core/ball-counter.ts';

export interface PipelineStats {
  readonly framesReceived: number;
  readonly framesSampled: number;
  readonly framesDropped: number;
  readonly windowsInferred: number;
  readonly cameraFps: number;
  readonly predictionsPerSecond: number;
}

export type WorkerStatus =
  | { readonly kind: 'loading'; readonly message: string }
  | {
      readonly kind: 'ready';
      readonly provider: ExecutionProvider;
      readonly threads: number;
      readonly adapter: string | null;
      readonly fallbackReason: string | null;
      /** The build the worker's code comes from: a page must not drive a worker of another build. */
      readonly appVersion: string;
      /** models/model.json as the worker read and checked it: the page never fetches it again. */
      readonly spec: ModelSpec;
    }
  | { readonly kind: 'model-error'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

/**
 * The model-ready tensor of a recorded clip (see ClipTensorRecord in src/storage/db.ts):
 * uint8 [C=3][frames][height][width] at the model's fps, one crop for the whole clip.
 */
export interface ClipTensorPayload {
  readonly frames: number;
  readonly height: number;
  readonly width: number;
  readonly fps: number;
  /** Transferred, not copied. */
  readonly data: Uint8Array;
  /** Time the sampled frames span. */
  readonly durationMs: number;
}

export interface InitOptions {
  /** URL of models/model.json (the model file is resolved relative to it). */
  readonly modelSpecUrl: string;
  readonly provider: ProviderChoice;
  /** WASM threads (ignored for WebGPU). */
  readonly threads: number;
}

/** A stored clip's model-ready frames (uint8 [C][frames][H][W]) handed to the worker for teaching. */
export interface ClipTensorInput {
  readonly id: string;
  readonly frames: number;
  readonly height: number;
  readonly width: number;
  readonly data: Uint8Array;
}

export interface FeatureProgress {
  readonly windowsDone: number;
  readonly windowsTotal: number;
}

export interface ClipFeatureResult {
  readonly modelVersion: string;
  readonly featureSize: number;
  /** The shipped head's classes, the order of every clip's shippedProbabilities. */
  readonly shippedClasses: readonly string[];
  readonly clips: readonly ClipFeatures[];
}

/**
 * What the worker reports, all through its one subscription. A live feed's reports carry the
 * feed id and a teaching job's its job id (ids the page picks), so the page can tell a stopped
 * feed's last report, or a cancelled job's, from the current one's.
 */
export type WorkerEvent =
  | { readonly kind: 'status'; readonly status: WorkerStatus }
  | { readonly kind: 'prediction'; readonly feed: number; readonly prediction: Prediction }
  | { readonly kind: 'stats'; readonly feed: number; readonly stats: PipelineStats }
  | { readonly kind: 'features'; readonly job: number; readonly progress: FeatureProgress }
  | { readonly kind: 'epoch'; readonly job: number; readonly report: EpochReport };

export interface InferenceApi {
  /** Every report of the worker from now on goes to `listener` (the page subscribes once per worker). */
  subscribe(listener: (event: WorkerEvent) => void): void;
  /** Loads the model, probes the provider (WebGPU with warm-up, else WASM); its statuses are reported meanwhile. */
  init(options: InitOptions): Promise<WorkerStatus>;
  /** Live feed `feed`: starts reading frames from a transferred ReadableStream<VideoFrame>; it replaces any feed before it. */
  startStream(feed: number, frames: ReadableStream<VideoFrame>): Promise<void>;
  /** Fallback path where MediaStreamTrackProcessor is missing: the main side posts ImageBitmaps to live feed `feed`. */
  startBitmaps(feed: number): Promise<void>;
  pushBitmap(bitmap: ImageBitmap, timestampMs: number): void;
  stop(): Promise<void>;
  /**
   * Recording: from now on the running pipeline also keeps every frame it samples (working size,
   * model fps). Rejects when no pipeline runs (no source connected, model not ready).
   */
  startCapture(): Promise<void>;
  /** Ends the capture and builds the clip's tensor. Rejects when the feed restarted meanwhile or too few frames came. */
  stopCapture(): Promise<ClipTensorPayload>;
  /** Runs the model once on a given float32 input (NCTHW) and returns softmax probabilities. For tests and tools. */
  classifyTensor(input: Float32Array): Promise<{ probabilities: Float32Array; logits: Float32Array; features: Float32Array; provider: ExecutionProvider }>;
  /**
   * Teaching job `job` (an id the page picks): runs the shipped model on every window of every
   * clip: the features (for teaching) and the shipped head's probabilities (to compare), with
   * 'features' reports. Cached per clip id and model version. While a teaching job runs the worker
   * is in teaching mode: the live feed stays connected and its frames are dropped, until the last job ends.
   */
  featuresForClips(job: number, clips: readonly ClipTensorInput[]): Promise<ClipFeatureResult>;
  /** Teaching job `job`: trains a personal head on features (early stopping on the validation set), one 'epoch' report per epoch. */
  trainHead(job: number, train: FeatureSet, validation: FeatureSet | null, classCount: number, options: HeadTrainingOptions): Promise<TrainedHead>;
  /** Ends a teaching job at its next window or epoch (it rejects); the live feed resumes. An unknown or finished job is ignored. */
  cancel(job: number): Promise<void>;
  /** Live predictions through this personal head (its classes), or the shipped head with null. */
  setHead(head: PersonalHeadRecord | null): Promise<void>;
}
