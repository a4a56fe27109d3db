// Recording a clip's model-ready tensor: while a clip is recorded the live pipeline hands every
// working frame it samples (at the model's fps, through the one preprocessing path) to a
// ClipCapture; at the end the frames become one uint8 [C][N][H][W] tensor with one crop for the
// whole clip (framesToTensor). Pure, so Node tests drive it with synthetic frames.
import type { InputSpec } from './model-spec.ts';
import { framesToTensor, type WorkingFrame } from './preprocess.ts';

/** A clip's model-ready frames: uint8 planar [C=3][frames][height][width] at `fps`. */
export interface ClipTensor {
  readonly frames: number;
  readonly height: number;
  readonly width: number;
  readonly fps: number;
  readonly data: Uint8Array;
}

/** Longest clip kept (frames beyond are dropped): 2 minutes at 15 fps is 2.2 MB of tensor. */
export const MAX_CAPTURE_SECONDS = 120;

export class ClipCaptureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClipCaptureError';
  }
}

export class ClipCapture {
  private readonly frames: WorkingFrame[] = [];
  private firstMs: number | null = null;
  private lastMs: number | null = null;
  private readonly maxFrames: number;

  constructor(private readonly input: InputSpec, maxSeconds = MAX_CAPTURE_SECONDS) {
    this.maxFrames = Math.max(1, Math.round(maxSeconds * input.fps));
  }

  get frameCount(): number {
    return this.frames.length;
  }

  /** One sampled working frame (all of the same size, as the pipeline makes them). */
  add(frame: WorkingFrame, timestampMs: number): void {
    if (this.frames.length >= this.maxFrames) return;
    const first = this.frames[0];
    // The camera changed size mid-clip (another camera picked): keep the frames of the first size only.
    if (first && (first.width !== frame.width || first.height !== frame.height)) return;
    this.frames.push(frame);
    this.firstMs ??= timestampMs;
    this.lastMs = timestampMs;
  }

  /** Span of the sampled frames, one frame period included (what the tensor covers). */
  get durationMs(): number {
    if (this.firstMs === null || this.lastMs === null) return 0;
    return this.lastMs - this.firstMs + 1000 / this.input.fps;
  }

  /** The tensor of every frame so far; throws ClipCaptureError when there are too few. */
  finish(minFrames = 2): ClipTensor {
    if (this.frames.length < minFrames) {
      throw new ClipCaptureError(`The clip has ${this.frames.length} frame(s) at ${this.input.fps} fps; at least ${minFrames} are needed. Was the camera running?`);
    }
    const { tensor } = framesToTensor(this.frames, this.input);
    return { frames: this.frames.length, height: this.input.height, width: this.input.width, fps: this.input.fps, data: tensor };
  }
}
