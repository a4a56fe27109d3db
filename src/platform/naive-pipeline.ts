// The naive pipeline the benchmark compares the app with (bench-naive.html, never part of the
// app): the same model, the same core preprocessing and postprocessing, but built the obvious
// way — ORT on the main thread, a <video> read back with getImageData on every frame, and every
// due window queued for the model (no backpressure: nothing is ever dropped). A model with a ball
// detector runs it here too, on every sampled frame, queued the same way: the same graphs as the
// app, so the benchmark's ratios measure the pipeline, not the model. Its frames go through the
// app's own RecognitionLoop; only the scheduling (everything queued) and the frame reading differ.
// The same ORT build as the app's worker on the WASM provider (/wasm), WASM provider only.
import * as ort from 'onnxruntime-web/wasm';
import type { BenchCounters } from '../core/bench-stats.ts';
import type { ModelSpec } from '../core/model-spec.ts';
import { RecognitionLoop } from '../core/recognition-loop.ts';
import type { WorkingFrame } from '../core/preprocess.ts';
import { createLocatorSession, type LocatorSession } from '../shared/locator-session.ts';
import { createDetectorSession } from '../shared/detector-session.ts';
import type { RunDetector } from '../core/ball-detector.ts';
import { createPoseSession } from '../shared/pose-session.ts';
import type { RunPose } from '../core/pose-step.ts';
import type { Prediction } from '../shared/inference-api.ts';
import { toPrediction } from '../shared/prediction.ts';
import { timedLocator, type TimedLocator } from '../shared/timed-locator.ts';
// The one loader of model.json and the model's files (the worker's too): a static host's HTML fallback is caught in one place.
import { downloadModelFile, loadModelSpec } from '../shared/model-files.ts';
import { markedStep } from '../shared/start-marks.ts';

export class NaivePipeline {
  private readonly loop: RecognitionLoop;
  private readonly timedLocate: TimedLocator | null;
  private readonly canvas = document.createElement('canvas');
  private readonly context: CanvasRenderingContext2D;
  private queue: Promise<void> = Promise.resolve();
  private windowsQueued = 0;
  private counts = { framesReceived: 0, framesSampled: 0, windowsInferred: 0, windowsQueuedMax: 0 };

  private constructor(
    spec: ModelSpec,
    session: ort.InferenceSession,
    locator: LocatorSession | null,
    detect: RunDetector | null,
    pose: RunPose | null,
  ) {
    this.timedLocate = locator ? timedLocator(locator.locate) : null;
    const { frames, height, width } = spec.input;
    const classify = async (input: Float32Array) => {
      const results = await session.run({ [spec.input.name]: new ort.Tensor('float32', input, [1, 3, frames, height, width]) });
      return { logits: results[spec.outputs.logits].data as Float32Array };
    };
    this.loop = new RecognitionLoop(spec, { classify, locate: this.timedLocate?.locate, detect: detect ?? undefined, pose: pose ?? undefined }, { runsId: 'naive' });
    const context = this.canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('Canvas 2D is not available');
    this.context = context;
  }

  /** Loads the model on the main thread; `threads` null keeps ORT's own default. */
  static async create(modelSpecUrl: string, threads: number | null): Promise<NaivePipeline> {
    const spec = await loadModelSpec(modelSpecUrl);
    const fileBytes = (file: string, what: string) => downloadModelFile(new URL(file, modelSpecUrl).href, what, spec.fileChecks?.[file]);
    const bytes = await fileBytes(spec.file, 'model');
    if (threads !== null) ort.env.wasm.numThreads = threads;
    const session = await markedStep('create classifier (wasm)', () => ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] }));
    const locatorSpec = spec.input.crop.locator;
    const locator = locatorSpec ? await createLocatorSession(ort, await fileBytes(locatorSpec.file, 'locator'), locatorSpec) : null;
    const detectorSpec = spec.ballDetector;
    const detector = detectorSpec ? await createDetectorSession(ort, await fileBytes(detectorSpec.file, 'ball detector'), detectorSpec) : null;
    const poseSpec = spec.pose;
    const pose = poseSpec ? await createPoseSession(ort, await fileBytes(poseSpec.file, 'pose network'), poseSpec) : null;
    return new NaivePipeline(spec, session, locator, detector?.detect ?? null, pose?.pose ?? null);
  }

  /** Threads ORT settled on (it fills in its default when none was set). */
  get threads(): number {
    return ort.env.wasm.numThreads ?? 1;
  }

  counters(): BenchCounters {
    return { provider: 'naive-wasm', threads: this.threads, adapter: null, windowsDropped: 0, ...this.counts };
  }

  /** Reads every frame the <video> presents until the page closes. */
  start(video: HTMLVideoElement, onPrediction: (prediction: Prediction) => void): void {
    const onFrame = (nowMs: number, metadata: VideoFrameCallbackMetadata) => {
      this.acceptFrame(video, metadata.captureTime ?? nowMs, onPrediction);
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  }

  private acceptFrame(video: HTMLVideoElement, timestampMs: number, onPrediction: (prediction: Prediction) => void): void {
    const width = video.videoWidth;
    const height = video.videoHeight;
    if (width === 0 || height === 0) return;
    this.counts.framesReceived += 1;
    const started = performance.now();
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    this.context.drawImage(video, 0, 0, width, height);
    const pixels = this.context.getImageData(0, 0, width, height).data;
    if (!this.loop.wants(timestampMs)) return;
    this.counts.framesSampled += 1;
    const due = this.loop.add(pixels, width, height, 4, timestampMs);
    this.queueCount(timestampMs);
    if (!due) return;
    if (!this.loop.windowReadable) {
      const display = this.loop.showUnreadable();
      onPrediction(toPrediction(display, { rawProbabilities: display.probabilities, inferenceMs: 0, preprocessMs: 0, frameTimestampMs: timestampMs, provider: 'wasm', head: null, unreadable: true }));
      return;
    }
    const sampleMs = performance.now() - started;
    this.windowsQueued += 1;
    this.counts.windowsQueuedMax = Math.max(this.counts.windowsQueuedMax, this.windowsQueued);
    const windowFrames = this.loop.windowFrames();
    this.queue = this.queue.then(() => this.infer(windowFrames, sampleMs, timestampMs, onPrediction));
  }

  /** The newest frame through the detector and tracker, queued behind everything before it (never skipped). */
  private queueCount(timestampMs: number): void {
    if (!this.loop.counter) return;
    const frames = this.loop.detectorFrames();
    this.queue = this.queue
      .then(() => this.loop.countNewest(timestampMs, frames))
      .then(() => undefined, (error) => console.error(`The ball detector failed on a frame: ${(error as Error).message}`));
  }

  private async infer(windowFrames: readonly WorkingFrame[], sampleMs: number, frameTimestampMs: number, onPrediction: (prediction: Prediction) => void): Promise<void> {
    try {
      const { rawProbabilities, placeMs, inferenceMs } = await this.loop.classifyWindow(windowFrames);
      const { display, tracks } = this.loop.show(rawProbabilities);
      this.counts.windowsInferred += 1;
      const locatorMs = this.timedLocate ? { locatorMs: this.timedLocate.lastMs } : {};
      onPrediction(toPrediction(display, { rawProbabilities, inferenceMs, preprocessMs: sampleMs + placeMs, ...locatorMs, frameTimestampMs, provider: 'wasm', head: null, tracks }));
    } finally {
      this.windowsQueued -= 1;
    }
  }
}
