// Camera frames → model windows: sample to the model fps, reduce each kept frame to the working
// size, keep the frames of the last window's time span, and say when a window is due (every
// `stride` model intervals of camera time). A window is placed by timestamps (TimedFrames): T slots
// 1/fps apart ending at the newest frame, so a 10-fps camera or a stalled machine gives a window
// over the same time the model was trained on, and a window with too many missing frames is
// marked unreadable. The app's worker, the naive page and the CLI tools share this.
import { FrameSampler } from './frame-sampler.ts';
import type { ModelSpec } from './model-spec.ts';
import { blendWorkingFrames, toModelInput, toWorkingFrame, windowToTensor, type PlacedCrop, type Rect, type WorkingFrame } from './preprocess.ts';
import { TimedFrames, type TimedWindow } from './timed-frames.ts';
import { locatorScratch, placeCropWith, type LocatorScratch, type RunLocator } from './locator.ts';

/** placeEarly: from this many frames (half a second at 15 fps: enough motion for the locator)... */
export const EARLY_PLACEMENT_FRAMES = 8;
/** ...every this many frames, until the first window is built. */
const EARLY_PLACEMENT_EVERY = 4;

export class WindowAssembler {
  private readonly sampler: FrameSampler;
  private readonly frames: TimedFrames<WorkingFrame>;
  /** Camera time of the newest frame of the last due window. */
  private lastDueMs: number | null = null;
  private latestFrame: WorkingFrame | null = null;
  /** uint8 [C][T][H][W] of the last built window. */
  readonly windowBytes: Uint8Array;
  /** float32 model input of the last built window. */
  readonly windowFloats: Float32Array;
  /** Where the last built window was cropped (its locator box, for the ball detector's square). */
  lastPlaced: PlacedCrop | null = null;
  /** The locator's input buffers of a 'located' rule, reused window after window. */
  private readonly locatorBuffers: LocatorScratch | undefined;
  /** placeEarly's own (a window may be built while it runs). */
  private readonly earlyLocatorBuffers: LocatorScratch | undefined;
  private windowPlaced = false;
  private earlyPlacing = false;
  private framesAdded = 0;

  constructor(private readonly spec: ModelSpec) {
    const input = spec.input;
    this.sampler = new FrameSampler(input.fps);
    this.frames = new TimedFrames(input.frames, input.fps);
    this.windowBytes = new Uint8Array(3 * input.frames * input.height * input.width);
    this.windowFloats = new Float32Array(this.windowBytes.length);
    this.locatorBuffers = input.crop.locator ? locatorScratch(input.crop.locator) : undefined;
    this.earlyLocatorBuffers = input.crop.locator ? locatorScratch(input.crop.locator) : undefined;
  }

  /** Should the frame at this timestamp be sampled? (Cheap: call before reading pixels.) */
  wants(timestampMs: number): boolean {
    return this.sampler.accept(timestampMs);
  }

  /** The working frame added last (recording keeps these to build a clip's tensor). */
  get latest(): WorkingFrame | null {
    return this.latestFrame;
  }

  /**
   * Adds a sampled frame taken at `timestampMs` (camera time); true when a window is due: the
   * frames reach back over a whole window and `stride` model intervals passed since the last one.
   * A frame whose timestamp is not after the last one is ignored.
   */
  add(pixels: ArrayLike<number>, width: number, height: number, channels: 3 | 4, timestampMs: number): boolean {
    const frame = toWorkingFrame(pixels, width, height, channels, this.spec.input.crop);
    if (!this.frames.push(frame, timestampMs)) return false;
    this.framesAdded += 1;
    this.latestFrame = frame;
    if (!this.frames.covers) return false;
    const strideMs = this.spec.stride * this.frames.intervalMs;
    if (this.lastDueMs !== null && timestampMs - this.lastDueMs < strideMs - this.frames.intervalMs * 0.25) return false;
    this.lastDueMs = timestampMs;
    return true;
  }

  /** The window ending at the newest frame, placed by timestamps, as it is now (to build later, with buildPlaced). */
  get window(): TimedWindow<WorkingFrame> {
    return this.frames.window(this.blend);
  }

  /**
   * Mixed frames, kept with the earlier frame by weight: a slow camera's slots fall at the same
   * times every few windows (10 fps into 15-fps slots: every other window), so each mix is made once.
   */
  private readonly blends = new WeakMap<WorkingFrame, Map<number, WorkingFrame>>();
  private readonly blend = (earlier: WorkingFrame, later: WorkingFrame, weight: number): WorkingFrame => {
    const key = Math.round(weight * 1000);
    let byWeight = this.blends.get(earlier);
    if (!byWeight) this.blends.set(earlier, (byWeight = new Map()));
    let mixed = byWeight.get(key);
    if (!mixed) byWeight.set(key, (mixed = blendWorkingFrames(earlier, later, key / 1000)));
    return mixed;
  };

  /** The window's T working frames (see `window`). */
  get windowFrames(): WorkingFrame[] {
    return this.window.items;
  }

  /**
   * Places the crop over `frames` (the last T, taken before anything awaits) — a 'located' rule
   * asks `locate` — and builds the window. One call at a time: its buffers are reused.
   */
  async buildPlaced(locate?: RunLocator, frames: readonly WorkingFrame[] = this.windowFrames): Promise<Rect> {
    this.lastPlaced = await placeCropWith(frames, this.spec.input.crop, locate, this.locatorBuffers);
    this.windowPlaced = true;
    return this.build(this.lastPlaced, frames);
  }

  /**
   * Before the first window is built: the crop placed over the frames so far (from
   * `EARLY_PLACEMENT_FRAMES` on, every few frames), so the ball detector has a square half a
   * second after the camera starts instead of a whole window later. Its own locator buffers: a
   * window may be built meanwhile. A no-op once a window was built.
   */
  async placeEarly(locate?: RunLocator): Promise<void> {
    const size = this.frames.size;
    if (this.windowPlaced || this.earlyPlacing || size < EARLY_PLACEMENT_FRAMES || this.framesAdded % EARLY_PLACEMENT_EVERY !== 0) return;
    this.earlyPlacing = true;
    try {
      const placed = await placeCropWith(this.frames.recent(size), this.spec.input.crop, locate, this.earlyLocatorBuffers);
      if (!this.windowPlaced) this.lastPlaced = placed;
    } finally {
      this.earlyPlacing = false;
    }
  }

  /** The newest `count` sampled working frames as they came (not blended): the ball detector's input. */
  recentFrames(count: number): WorkingFrame[] {
    return this.frames.recent(count);
  }

  /**
   * Builds the model input from `frames` (the last T, by default) into windowBytes / windowFloats,
   * cropped where `placed` says (the motion rules place it themselves).
   */
  build(placed?: PlacedCrop, frames: readonly WorkingFrame[] = this.windowFrames): Rect {
    const { crop } = windowToTensor(frames, this.spec.input, this.windowBytes, placed);
    toModelInput(this.windowBytes, this.windowFloats);
    return crop;
  }

  reset(): void {
    this.sampler.reset();
    this.frames.clear();
    this.lastDueMs = null;
    this.lastPlaced = null;
    this.windowPlaced = false;
    this.framesAdded = 0;
    this.latestFrame = null;
  }
}
