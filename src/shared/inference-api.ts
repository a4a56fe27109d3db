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
  /** Runs the model once on a given float32 input (NCTHW) and returns softmax probabilities. For tests and tools. */
  classifyTensor(input: Float32Array): Promise<{ probabilities: Float32Array; logits: Float32Array; features: Float32Array; provider: ExecutionProvider }>;
}
