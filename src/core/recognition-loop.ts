// The one recognition loop: sampled camera frames → (per frame) ball detections → tracks → catch
// runs, and (per due window) the crop placed → the classifier → a head → postprocessing with the
// tracks' count. The app's worker, the naive benchmark page and the CLI tools all run their frames
// through this class; they differ only in where pixels come from and in when they call its steps
// (the worker skips a step while the last is still running, the naive page queues every step, the
// CLI awaits each), which is what the benchmark compares.
import { BallCounter, NO_BALLS, summariseTracks, type CountedFrame, type TrackSummary } from './ball-counter.ts';
import type { FrameBalls, RunDetector } from './ball-detector.ts';
import type { TrackerOptions } from './ball-tracks.ts';
import { LiveRuns } from './live-runs.ts';
import type { RunLocator } from './locator.ts';
import { PoseStep, type RunPose } from './pose-step.ts';
import type { ModelSpec } from './model-spec.ts';
import { headProbabilities } from './personal-head.ts';
import type { PersonalHeadRecord } from './personal-head-types.ts';
import { Postprocessor, postprocessOptionsForStride, softmax, type DisplayState } from './postprocess.ts';
import type { WorkingFrame } from './preprocess.ts';
import { WindowAssembler } from './window-assembler.ts';

/** The networks a loop runs; a model without a locator or a ball detector leaves them out. */
export interface RecognitionNetworks {
  /** The window classifier: logits, and the features a personal head reads (absent: none). */
  classify(input: Float32Array): Promise<{ readonly logits: ArrayLike<number>; readonly features?: Float32Array }>;
  readonly locate?: RunLocator;
  readonly detect?: RunDetector;
  /** The pose network (a model with `pose`): hands and head for the tracker. */
  readonly pose?: RunPose;
}

export interface RecognitionOptions {
  /** Overrides of the tracker's defaults (the tools compare settings). */
  readonly trackerOptions?: Partial<TrackerOptions>;
  /** The id of the first catch run (runs are stored under it). */
  readonly runsId?: string;
}

/** A due window through the classifier: what it said and what that took. */
export interface ClassifiedWindow {
  /** The classifier's (or the personal head's) probabilities. */
  readonly rawProbabilities: Float32Array;
  /** The classifier's own logits (the tools cache them). */
  readonly logits: readonly number[];
  /** Placing the crop and building the window (the locator included). */
  readonly placeMs: number;
  readonly inferenceMs: number;
}

/** What to show after a window: the display state and the tracks behind it. */
export interface ShownWindow {
  readonly display: DisplayState;
  readonly tracks: TrackSummary | undefined;
}

export class RecognitionLoop {
  // Sampling, working frames, stride and window building.
  readonly windows: WindowAssembler;
  /** Detector + tracker, once per sampled frame (a model with a ball detector). */
  readonly counter: BallCounter | null;
  /** Catches in a row over the tracker's states (a model with a ball detector). */
  readonly runs: LiveRuns | null;
  private postprocessor: Postprocessor;
  /** The personal head turning features into probabilities; null: the shipped logits. */
  private headRecord: PersonalHeadRecord | null = null;

  constructor(
    readonly spec: ModelSpec,
    private readonly networks: RecognitionNetworks,
    options: RecognitionOptions = {},
  ) {
    this.windows = new WindowAssembler(spec);
    // A replayed clip brings its detections and keypoints (track) and never asks the detector or the pose network.
    const detect = networks.detect ?? (() => Promise.reject(new Error('this loop has no ball detector to run')));
    const pose = spec.pose ? new PoseStep(spec.pose, networks.pose) : undefined;
    this.counter = spec.ballDetector ? new BallCounter(spec.ballDetector, detect, options.trackerOptions, pose) : null;
    this.runs = this.counter ? new LiveRuns(options.runsId ?? 'live') : null;
    this.postprocessor = new Postprocessor(spec.classes, postprocessOptionsForStride(spec.stride));
  }

  get head(): PersonalHeadRecord | null {
    return this.headRecord;
  }

  /** Switches between the shipped head and a personal one (already checked against the model); smoothing starts again. */
  setHead(head: PersonalHeadRecord | null): void {
    this.headRecord = head;
    this.postprocessor = new Postprocessor(head?.classes ?? this.spec.classes, postprocessOptionsForStride(this.spec.stride));
  }

  /** Does the sampler keep a frame taken at `timestampMs` (at the model's fps)? */
  wants(timestampMs: number): boolean {
    return this.windows.wants(timestampMs);
  }

  /** A kept frame's pixels into the window; true when a window is due. */
  add(pixels: ArrayLike<number>, width: number, height: number, channels: 3 | 4, timestampMs: number): boolean {
    return this.windows.add(pixels, width, height, channels, timestampMs);
  }

  /** The ball detector's input for the newest sampled frame (it and the frames before it), as they are now. */
  detectorFrames(): WorkingFrame[] {
    return this.counter ? this.windows.recentFrames(this.counter.spec.frames) : [];
  }

  /** The due window's frames, as they are now. */
  windowFrames(): WorkingFrame[] {
    return this.windows.window.items;
  }

  /**
   * A sampled frame through the ball detector (in a square around the crop placed so far: before
   * the first window, placeEarly's), the tracker and the catch runs. `frames` are detectorFrames()
   * taken when the frame came (by default now, before anything awaits; a caller that queues takes
   * them itself). null: no detector. One call at a time.
   */
  async countNewest(timestampMs: number, frames: readonly WorkingFrame[] = this.detectorFrames()): Promise<CountedFrame | null> {
    const counter = this.counter;
    if (!counter) return null;
    await this.windows.placeEarly(this.networks.locate);
    const counted = await counter.count(frames, timestampMs, this.windows.lastPlaced?.box ?? null);
    this.runs?.update(counted.state, counted.timestampMs);
    return counted;
  }

  /** The tracker's and the runs' step alone, for detections found earlier (a replayed clip). */
  trackReplayed(balls: FrameBalls | undefined, timestampMs: number): CountedFrame | null {
    if (!this.counter) return null;
    const counted = this.counter.track(balls ?? NO_BALLS, timestampMs);
    this.runs?.update(counted.state, counted.timestampMs);
    return counted;
  }

  /** Are enough of the due window's frames there to read it? */
  get windowReadable(): boolean {
    return this.windows.window.readable;
  }

  /**
   * The due window (`frames`: windowFrames() taken when it was due; by default now): the crop
   * placed (a 'located' rule asks the locator), the window built, the classifier run, the head's
   * probabilities. One call at a time.
   */
  async classifyWindow(frames: readonly WorkingFrame[] = this.windowFrames()): Promise<ClassifiedWindow> {
    const placeStarted = performance.now();
    await this.windows.buildPlaced(this.networks.locate, frames);
    const started = performance.now();
    const { logits, features } = await this.networks.classify(this.windows.windowFloats);
    const head = this.headRecord;
    const rawProbabilities = head && features ? headProbabilities(head.parameters, features) : softmax(Float32Array.from(logits));
    return { rawProbabilities, logits: Array.from(logits), placeMs: started - placeStarted, inferenceMs: performance.now() - started };
  }

  /** Probabilities (classifyWindow's, or a replayed window's) → what to show, the tracks' count deciding the balls. */
  show(rawProbabilities: Float32Array): ShownWindow {
    const tracks = this.trackSummary();
    const display = tracks ? this.postprocessor.push(rawProbabilities, tracks.ballCount, tracks.flying) : this.postprocessor.push(rawProbabilities);
    // The run's pattern is the one the headline names while it lasts.
    this.runs?.notePattern(display.label?.pattern ?? null);
    return { display, tracks };
  }

  /** A due window with too many frames missing: uncertain, never a guess. */
  showUnreadable(): DisplayState {
    return this.postprocessor.pushUnreadable();
  }

  /** What the tracker sees now, for the page (undefined: no detector). */
  trackSummary(): TrackSummary | undefined {
    if (!this.counter) return undefined;
    const frame = this.windows.latest;
    return summariseTracks(this.counter.last, frame?.width ?? 0, frame?.height ?? 0, this.runs?.summary);
  }

  /** A fresh start (a new feed, or after a pause): window, tracks and smoothing. The runs so far are kept. */
  reset(): void {
    this.windows.reset();
    this.counter?.reset();
    this.setHead(this.headRecord);
  }
}
