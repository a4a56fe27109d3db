// Frames in, predictions out. Every frame is closed at once (a held VideoFrame stalls the
// camera); sampled frames go through the core RecognitionLoop (the naive page and the CLI tools
// run theirs through it too); every `stride` model intervals the window ending at the newest frame
// is placed by timestamps (a slow camera's frames repeat; too many missing frames read "uncertain",
// never a guess). While a window is still being inferred, new windows are dropped, never queued,
// and while the ball detector still runs on a frame the next is left to the tracker to bridge, so
// latency stays bounded on slow devices.
import { ClipCapture } from '../core/clip-capture.ts';
import type { PersonalHeadRecord } from '../core/personal-head-types.ts';
import { RecognitionLoop } from '../core/recognition-loop.ts';
import type { PipelineStats, Prediction } from '../shared/inference-api.ts';
import { toPrediction } from '../shared/prediction.ts';
import type { LoadedModel } from './session.ts';
import { timedLocator, type TimedLocator } from '../shared/timed-locator.ts';
import { markStart } from '../shared/start-marks.ts';

export interface PipelineCallbacks {
  onPrediction(prediction: Prediction): void;
  onStats(stats: PipelineStats): void;
  onError(message: string): void;
}

const STATS_INTERVAL_MS = 1000;

export class FramePipeline {
  // Sampling, working frames, detections, tracks, windows, head and postprocessing: the one loop.
  private readonly loop: RecognitionLoop;
  private canvas: OffscreenCanvas | null = null;
  /** The camera frame's RGBA bytes (VideoFrame.copyTo), reused frame after frame. */
  private rgba = new Uint8Array(0);
  /** False once copyTo refused to give RGBA: the canvas reads the frames from then on. */
  private copyToWorks = true;
  private context: OffscreenCanvasRenderingContext2D | null = null;
  private inferring = false;
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
    this.locator = model.locate ? timedLocator(model.locate) : null;
    // A model with a ball detector counts balls on every sampled frame (model.detect is there then).
    this.loop = new RecognitionLoop(model.spec, { classify: (input) => model.run(input), locate: this.locator?.locate, detect: model.detect, pose: model.pose }, { runsId: crypto.randomUUID() });
    this.statsTimer = setInterval(() => this.reportStats(), STATS_INTERVAL_MS);
  }

  /** Switches between the shipped head and a personal one (already checked against the model). */
  setHead(head: PersonalHeadRecord | null): void {
    this.loop.setHead(head);
  }

  /** Teaching has the model (the worker's mode): frames are dropped unread and no figures go out until it resumes. */
  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (paused) return;
    // A fresh start after the gap, as a newly connected feed: window, tracks and smoothing.
    this.loop.reset();
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
    this.loop.reset();
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
    if (this.counts.framesReceived === 0) markStart('first frame');
    this.counts.framesReceived += 1;
    if (width === 0 || height === 0 || !this.loop.wants(timestampMs)) return false;
    this.counts.framesSampled += 1;
    return true;
  }

  private acceptSampled(pixels: ArrayLike<number>, width: number, height: number, timestampMs: number, started: number): void {
    const due = this.loop.add(pixels, width, height, 4, timestampMs);
    if (due) markStart('window filled');
    const latest = this.loop.windows.latest;
    if (this.capture && latest) this.capture.add(latest, timestampMs);
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
    if (!this.loop.counter || this.counting) return;
    this.counting = true;
    this.loop
      .countNewest(timestampMs)
      .catch((error) => {
        if (!this.stopped) this.callbacks.onError(`The ball detector failed on a frame: ${(error as Error).message}`);
      })
      .finally(() => (this.counting = false));
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
    const head = this.loop.head?.name ?? null;
    if (!this.loop.windowReadable) {
      const display = this.loop.showUnreadable();
      const rawProbabilities = display.probabilities;
      this.callbacks.onPrediction(toPrediction(display, { rawProbabilities, inferenceMs: 0, preprocessMs: sampleMs, frameTimestampMs, provider: this.model.provider, head, unreadable: true }));
      return;
    }
    this.inferring = true;
    try {
      const { rawProbabilities, placeMs, inferenceMs } = await this.loop.classifyWindow();
      if (this.stopped) return;
      const { display, tracks } = this.loop.show(rawProbabilities);
      this.counts.windowsInferred += 1;
      markStart('first prediction');
      const locatorMs = this.locator ? { locatorMs: this.locator.lastMs } : {};
      this.callbacks.onPrediction(toPrediction(display, { rawProbabilities, inferenceMs, preprocessMs: sampleMs + placeMs, ...locatorMs, frameTimestampMs, provider: this.model.provider, head, tracks }));
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
