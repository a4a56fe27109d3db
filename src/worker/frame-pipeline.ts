// Frames in, predictions out. Every frame is closed at once (a held VideoFrame stalls the
// camera); sampled frames go through the core WindowAssembler (the classify CLI uses it too); every
// `stride` model intervals the window ending at the newest frame is placed by timestamps (a slow
// camera's frames repeat; too many missing frames read "uncertain", never a guess). While a window is still being
// inferred, new windows are dropped, never queued, so latency stays bounded on slow devices.
import { WindowAssembler } from '../core/window-assembler.ts';
import { ClipCapture } from '../core/clip-capture.ts';
import { Postprocessor, postprocessOptionsForStride, softmax } from '../core/postprocess.ts';
import { headProbabilities } from '../core/personal-head.ts';
import type { PersonalHeadRecord } from '../core/personal-head-types.ts';
import type { PipelineStats, Prediction } from '../shared/inference-api.ts';
import { toPrediction } from '../shared/prediction.ts';
import { BallCounter, summariseTracks, type TrackSummary } from '../core/ball-counter.ts';
import { LiveRuns } from '../core/live-runs.ts';
import type { LoadedModel } from './session.ts';
import { timedLocator, type TimedLocator } from '../shared/timed-locator.ts';

export interface PipelineCallbacks {
  onPrediction(prediction: Prediction): void;
  onStats(stats: PipelineStats): void;
  onError(message: string): void;
}

const STATS_INTERVAL_MS = 1000;

export class FramePipeline {
  // Sampling, working frames, stride and window building: the same core code the classify CLI uses.
  private readonly windows: WindowAssembler;
  private postprocessor: Postprocessor;
  /** The personal head turning features into probabilities; null: the shipped logits. */
  private head: PersonalHeadRecord | null = null;
  private canvas: OffscreenCanvas | null = null;
  /** The camera frame's RGBA bytes (VideoFrame.copyTo), reused frame after frame. */
  private rgba = new Uint8Array(0);
  /** False once copyTo refused to give RGBA: the canvas reads the frames from then on. */
  private copyToWorks = true;
  private context: OffscreenCanvasRenderingContext2D | null = null;
  private inferring = false;
  /** Detector + tracker, once per sampled frame (a model with a ball detector). */
  private readonly counter: BallCounter | null;
  /** Catches in a row over the tracker's states (a model with a ball detector). */
  private readonly runs: LiveRuns | null;
  /** The locator, timed (its run is reported apart from the rest of preprocessing). */
  private readonly locator: TimedLocator | null;
  private counting = false;
  /** While a clip is being recorded: every sampled working frame goes here too. */
  private capture: ClipCapture | null = null;
  private captureStartCounts = { framesReceived: 0, framesSampled: 0 };
  private stopped = false;
  /** The worker is teaching: frames are dropped unread (see setPaused). */
  private paused = false;
  private reader: ReadableStreamDefaultReader<VideoFrame> | null = null;
  private readonly statsTimer: ReturnType<typeof setInterval>;
  private counts = { framesReceived: 0, framesSampled: 0, framesDropped: 0, windowsInferred: 0 };
  private lastStats = { atMs: performance.now(), framesReceived: 0, windowsInferred: 0 };

  constructor(
    private readonly model: LoadedModel,
    private readonly callbacks: PipelineCallbacks,
  ) {
    this.windows = new WindowAssembler(model.spec);
    this.locator = model.locate ? timedLocator(model.locate) : null;
    this.counter = model.detect && model.spec.ballDetector ? new BallCounter(model.spec.ballDetector, model.detect) : null;
    this.runs = this.counter ? new LiveRuns(crypto.randomUUID()) : null;
    this.postprocessor = new Postprocessor(model.spec.classes, postprocessOptionsForStride(model.spec.stride));
    this.statsTimer = setInterval(() => this.reportStats(), STATS_INTERVAL_MS);
  }

  /** Switches between the shipped head and a personal one (already checked against the model). */
  setHead(head: PersonalHeadRecord | null): void {
    this.head = head;
    this.postprocessor = new Postprocessor(head?.classes ?? this.model.spec.classes, postprocessOptionsForStride(this.model.spec.stride));
  }

  /** Teaching has the model (the worker's mode): frames are dropped unread and no figures go out until it resumes. */
  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (paused) return;
    // A fresh start after the gap, as a newly connected feed: window, tracks and smoothing.
    this.windows.reset();
    this.counter?.reset();
    this.setHead(this.head);
    this.lastStats = { atMs: performance.now(), framesReceived: this.counts.framesReceived, windowsInferred: this.counts.windowsInferred };
  }

  /** Reads until the stream ends or stop() is called. */
  async consume(stream: ReadableStream<VideoFrame>): Promise<void> {
    this.reader = stream.getReader();
    try {
      while (!this.stopped) {
        const { value: frame, done } = await this.reader.read();
        if (done) break;
        try {
          await this.acceptVideoFrame(frame);
        } finally {
          frame.close();
        }
      }
    } catch (error) {
      if (!this.stopped) this.callbacks.onError(`Reading camera frames failed: ${(error as Error).message}`);
    } finally {
      this.reader.releaseLock();
      this.reader = null;
    }
  }

  /** The fallback path: one ImageBitmap from the main thread. */
  pushBitmap(bitmap: ImageBitmap, timestampMs: number): void {
    try {
      if (!this.stopped) this.acceptFrame(bitmap, bitmap.width, bitmap.height, timestampMs);
    } finally {
      bitmap.close();
    }
  }

  /** Starts keeping the sampled working frames of a recorded clip (replaces one in progress). */
  startCapture(): void {
    this.capture = new ClipCapture(this.model.spec.input);
    this.captureStartCounts = { ...this.counts };
  }

  /** What reached this feed since the capture started: frames from the camera, and those sampled for the model. */
  get captureFeed(): { readonly received: number; readonly sampled: number } {
    const start = this.captureStartCounts;
    return { received: this.counts.framesReceived - start.framesReceived, sampled: this.counts.framesSampled - start.framesSampled };
  }

  /** The 'located' rule's locator network of this feed's model (recorded clips are cropped with it too). */
  get locate(): LoadedModel['locate'] {
    return this.model.locate;
  }

  /** Stops keeping frames; the capture so far (null when none was started). */
  stopCapture(): ClipCapture | null {
    const capture = this.capture;
    this.capture = null;
    return capture;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.statsTimer);
    this.reader?.cancel().catch(() => undefined);
    this.windows.reset();
    this.counter?.reset();
  }

  /** A camera frame: its pixels are read (once, into a reused buffer) only when the sampler keeps it. */
  private async acceptVideoFrame(frame: VideoFrame): Promise<void> {
    const width = frame.displayWidth;
    const height = frame.displayHeight;
    // VideoFrame timestamps are microseconds.
    const timestampMs = frame.timestamp / 1000;
    if (!this.samples(width, height, timestampMs)) return;
    const started = performance.now();
    const pixels = (await this.copyPixels(frame, width, height)) ?? this.readPixels(frame, width, height);
    if (!this.stopped) this.acceptSampled(pixels, width, height, timestampMs, started);
  }

  private acceptFrame(source: CanvasImageSource, width: number, height: number, timestampMs: number): void {
    if (!this.samples(width, height, timestampMs)) return;
    const started = performance.now();
    this.acceptSampled(this.readPixels(source, width, height), width, height, timestampMs, started);
  }

  /** Counts a received frame; true when the sampler keeps it (at the model's fps). */
  private samples(width: number, height: number, timestampMs: number): boolean {
    if (this.paused) return false;
    this.counts.framesReceived += 1;
    if (width === 0 || height === 0 || !this.windows.wants(timestampMs)) return false;
    this.counts.framesSampled += 1;
    return true;
  }

  private acceptSampled(pixels: ArrayLike<number>, width: number, height: number, timestampMs: number, started: number): void {
    const due = this.windows.add(pixels, width, height, 4, timestampMs);
    if (this.capture && this.windows.latest) this.capture.add(this.windows.latest, timestampMs);
    this.countBalls(timestampMs);
    if (!due) return;
    if (this.inferring) {
      // framesDropped counts windows skipped because the model was still busy.
      this.counts.framesDropped += 1;
      return;
    }
    void this.infer(performance.now() - started, timestampMs);
  }

  /** The newest frame through the ball detector and tracker; skipped (the tracker bridges it) while the last one is still running. */
  private countBalls(timestampMs: number): void {
    const counter = this.counter;
    if (!counter || this.counting) return;
    this.counting = true;
    const frames = this.windows.recentFrames(counter.spec.frames);
    // Before the first window, the detector's square comes from the frames so far (placeEarly).
    this.windows
      .placeEarly(this.locator?.locate)
      .then(() => counter.count(frames, timestampMs, this.windows.lastPlaced?.box ?? null))
      .then((counted) => this.runs?.update(counted.state, counted.timestampMs))
      .catch((error) => {
        if (!this.stopped) this.callbacks.onError(`The ball detector failed on a frame: ${(error as Error).message}`);
      })
      .finally(() => (this.counting = false));
  }

  private trackSummary(): TrackSummary | undefined {
    if (!this.counter) return undefined;
    const frame = this.windows.latest;
    return summariseTracks(this.counter.last, frame?.width ?? 0, frame?.height ?? 0, this.runs?.summary);
  }

  /**
   * RGBA bytes of the whole frame, copied by the browser into one buffer reused frame after frame
   * (no canvas, no new ImageData); the same bytes as drawing it into a canvas and reading them back
   * (e2e/frame-read.spec.ts). null where copyTo cannot convert to RGBA (then the canvas reads it).
   */
  private async copyPixels(frame: VideoFrame, width: number, height: number): Promise<Uint8Array | null> {
    const visible = frame.visibleRect;
    if (!this.copyToWorks || !visible || visible.width !== width || visible.height !== height) return null;
    try {
      if (this.rgba.length !== width * height * 4) this.rgba = new Uint8Array(width * height * 4);
      await frame.copyTo(this.rgba, { format: 'RGBA', colorSpace: 'srgb' });
      return this.rgba;
    } catch {
      this.copyToWorks = false;
      return null;
    }
  }

  /** RGBA bytes of the whole frame at its own size: the core path does all resizing. */
  private readPixels(source: CanvasImageSource, width: number, height: number): Uint8ClampedArray {
    if (!this.canvas || this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas = new OffscreenCanvas(width, height);
      this.context = this.canvas.getContext('2d', { willReadFrequently: true });
      if (!this.context) throw new Error('OffscreenCanvas 2D context is not available');
    }
    const context = this.context!;
    context.drawImage(source, 0, 0, width, height);
    return context.getImageData(0, 0, width, height).data;
  }

  /** Places the crop (a 'located' rule may ask its locator network), builds the window and runs the model. */
  private async infer(sampleMs: number, frameTimestampMs: number): Promise<void> {
    const window = this.windows.window;
    if (!window.readable) {
      const display = this.postprocessor.pushUnreadable();
      const rawProbabilities = display.probabilities;
      this.callbacks.onPrediction(toPrediction(display, { rawProbabilities, inferenceMs: 0, preprocessMs: sampleMs, frameTimestampMs, provider: this.model.provider, head: this.head?.name ?? null, unreadable: true }));
      return;
    }
    this.inferring = true;
    try {
      const cropStarted = performance.now();
      await this.windows.buildPlaced(this.locator?.locate, window.items);
      if (this.stopped) return;
      const started = performance.now();
      const preprocessMs = sampleMs + (started - cropStarted);
      const { logits, features } = await this.model.run(this.windows.windowFloats);
      if (this.stopped) return;
      const head = this.head;
      const rawProbabilities = head ? headProbabilities(head.parameters, features) : softmax(logits);
      const inferenceMs = performance.now() - started;
      const tracks = this.trackSummary();
      const display = tracks ? this.postprocessor.push(rawProbabilities, tracks.ballCount, tracks.flying) : this.postprocessor.push(rawProbabilities);
      // The run's pattern is the one the headline names while it lasts.
      this.runs?.notePattern(display.label?.pattern ?? null);
      this.counts.windowsInferred += 1;
      const locatorMs = this.locator ? { locatorMs: this.locator.lastMs } : {};
      this.callbacks.onPrediction(toPrediction(display, { rawProbabilities, inferenceMs, preprocessMs, ...locatorMs, frameTimestampMs, provider: this.model.provider, head: head?.name ?? null, tracks }));
    } catch (error) {
      if (!this.stopped) this.callbacks.onError(`The model failed on a window: ${(error as Error).message}`);
    } finally {
      this.inferring = false;
    }
  }

  private reportStats(): void {
    if (this.paused) return;
    const now = performance.now();
    const seconds = (now - this.lastStats.atMs) / 1000;
    this.callbacks.onStats({
      ...this.counts,
      cameraFps: (this.counts.framesReceived - this.lastStats.framesReceived) / seconds,
      predictionsPerSecond: (this.counts.windowsInferred - this.lastStats.windowsInferred) / seconds,
    });
    this.lastStats = { atMs: now, framesReceived: this.counts.framesReceived, windowsInferred: this.counts.windowsInferred };
  }
}
