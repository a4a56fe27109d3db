// Camera frames → model windows: sample to the model fps, reduce each kept frame to the working
// size, keep the last T, and say when `stride` new frames make a window due. The app's worker
// and the CLI tools share this, so they window a video identically.
import { FrameSampler } from './frame-sampler.ts';
import type { ModelSpec } from './model-spec.ts';
import { toModelInput, toWorkingFrame, windowToTensor, type PlacedCrop, type Rect, type WorkingFrame } from './preprocess.ts';
import { RingBuffer } from './ring-buffer.ts';
import { locatorScratch, placeCropWith, type LocatorScratch, type RunLocator } from './locator.ts';

export class WindowAssembler {
  private readonly sampler: FrameSampler;
  private readonly frames: RingBuffer<WorkingFrame>;
  private sampledSinceWindow = 0;
  private latestFrame: WorkingFrame | null = null;
  /** uint8 [C][T][H][W] of the last built window. */
  readonly windowBytes: Uint8Array;
  /** float32 model input of the last built window. */
  readonly windowFloats: Float32Array;
  /** The locator's input buffers of a 'located' rule, reused window after window. */
  private readonly locatorBuffers: LocatorScratch | undefined;

  constructor(private readonly spec: ModelSpec) {
    const input = spec.input;
    this.sampler = new FrameSampler(input.fps);
    this.frames = new RingBuffer(input.frames);
    this.windowBytes = new Uint8Array(3 * input.frames * input.height * input.width);
    this.windowFloats = new Float32Array(this.windowBytes.length);
    this.locatorBuffers = input.crop.locator ? locatorScratch(input.crop.locator) : undefined;
  }

  /** Should the frame at this timestamp be sampled? (Cheap: call before reading pixels.) */
  wants(timestampMs: number): boolean {
    return this.sampler.accept(timestampMs);
  }

  /** The working frame added last (recording keeps these to build a clip's tensor). */
  get latest(): WorkingFrame | null {
    return this.latestFrame;
  }

  /** Adds a sampled frame; true when a window is due. */
  add(pixels: ArrayLike<number>, width: number, height: number, channels: 3 | 4): boolean {
    this.latestFrame = toWorkingFrame(pixels, width, height, channels, this.spec.input.crop);
    this.frames.push(this.latestFrame);
    this.sampledSinceWindow += 1;
    if (!this.frames.isFull || this.sampledSinceWindow < this.spec.stride) return false;
    this.sampledSinceWindow = 0;
    return true;
  }

  /** The last T working frames, as they are now (a window to build later, with buildPlaced). */
  get windowFrames(): WorkingFrame[] {
    return this.frames.toArray();
  }

  /**
   * Places the crop over `frames` (the last T, taken before anything awaits) — a 'located' rule
   * asks `locate` — and builds the window. One call at a time: its buffers are reused.
   */
  async buildPlaced(locate?: RunLocator, frames: readonly WorkingFrame[] = this.frames.toArray()): Promise<Rect> {
    return this.build(await placeCropWith(frames, this.spec.input.crop, locate, this.locatorBuffers), frames);
  }

  /**
   * Builds the model input from `frames` (the last T, by default) into windowBytes / windowFloats,
   * cropped where `placed` says (the motion rules place it themselves).
   */
  build(placed?: PlacedCrop, frames: readonly WorkingFrame[] = this.frames.toArray()): Rect {
    const { crop } = windowToTensor(frames, this.spec.input, this.windowBytes, placed);
    toModelInput(this.windowBytes, this.windowFloats);
    return crop;
  }

  reset(): void {
    this.sampler.reset();
    this.frames.clear();
    this.sampledSinceWindow = 0;
    this.latestFrame = null;
  }
}
