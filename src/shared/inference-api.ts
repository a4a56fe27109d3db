// The one typed API between the main thread and the inference worker (comlink).
// Implemented once in src/worker/inference.worker.ts, wrapped once in src/platform/.

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
  /** Smoothed probabilities in model class order. */
  readonly probabilities: Float32Array;
  /** Raw probabilities of this window (before smoothing). */
  readonly rawProbabilities: Float32Array;
  readonly inferenceMs: number;
  readonly preprocessMs: number;
  /** Capture timestamp (performance.now() clock of the frame's origin) of the newest frame in the window. */
  readonly frameTimestampMs: number;
  readonly provider: ExecutionProvider;
}

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
  | { readonly kind: 'ready'; readonly provider: ExecutionProvider; readonly threads: number; readonly adapter: string | null; readonly fallbackReason: string | null }
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

export interface InferenceApi {
  /** Loads the model, probes the provider (WebGPU with warm-up, else WASM). */
  init(options: InitOptions, onStatus: (status: WorkerStatus) => void): Promise<WorkerStatus>;
  /** Starts reading frames from a transferred ReadableStream<VideoFrame>. */
  startStream(frames: ReadableStream<VideoFrame>, onPrediction: (prediction: Prediction) => void, onStats: (stats: PipelineStats) => void): Promise<void>;
  /** Fallback path where MediaStreamTrackProcessor is missing: the main side posts ImageBitmaps. */
  pushBitmap(bitmap: ImageBitmap, timestampMs: number): void;
  startBitmaps(onPrediction: (prediction: Prediction) => void, onStats: (stats: PipelineStats) => void): Promise<void>;
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
}
