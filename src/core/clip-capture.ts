// Recording a clip's model-ready tensor: while a clip is recorded the live pipeline hands every
// working frame it samples (at most the model's fps, through the one preprocessing path) to a
// ClipCapture; at the end the frames become one uint8 [C][N][H][W] tensor with one crop for the
// whole clip (framesToTensor). Frame k of the tensor is the captured frame nearest to
// first + k / fps, so the tensor is at the model's fps even when a busy device delivered fewer
// frames (they repeat, as a slow camera's would). Pure, so Node tests drive it with synthetic frames.
import type { InputSpec } from './model-spec.ts';
import { framesToTensor, type WorkingFrame } from './preprocess.ts';
import { placeCropWith, type RunLocator } from './locator.ts';
import { nearestByTime } from './timed-frames.ts';

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
  private readonly timestampsMs: number[] = [];
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
    const last = this.timestampsMs[this.timestampsMs.length - 1];
    if (last !== undefined && timestampMs <= last) return;
    this.frames.push(frame);
    this.timestampsMs.push(timestampMs);
  }

  /** Frames of the tensor finish() builds: one per 1/fps from the first captured frame to the last. */
  get outputFrames(): number {
    if (this.frames.length === 0) return 0;
    const span = this.timestampsMs[this.timestampsMs.length - 1] - this.timestampsMs[0];
    return Math.round((span * this.input.fps) / 1000) + 1;
  }

  /** Time the tensor covers: its frames × one frame period. */
  get durationMs(): number {
    return (this.outputFrames * 1000) / this.input.fps;
  }

  /** For each output frame k, the index of the captured frame nearest to first + k / fps (the earlier one on a tie). */
  frameIndices(): number[] {
    const first = this.timestampsMs[0];
    return nearestByTime(this.timestampsMs, Array.from({ length: this.outputFrames }, (_, k) => first + (k * 1000) / this.input.fps));
  }

  /**
   * The clip's tensor at the model's fps, one crop over all its frames (`locate`: the 'located'
   * rule's network); rejects with ClipCaptureError when too few frames came.
   */
  async finish(minFrames = 2, locate?: RunLocator): Promise<ClipTensor> {
    if (this.frames.length < minFrames) {
      throw new ClipCaptureError(`The clip has ${this.frames.length} frame(s); at least ${minFrames} are needed. Was the camera running?`);
    }
    const frames = this.frameIndices().map((index) => this.frames[index]);
    const { tensor } = framesToTensor(frames, this.input, undefined, await placeCropWith(frames, this.input.crop, locate));
    return { frames: frames.length, height: this.input.height, width: this.input.width, fps: this.input.fps, data: tensor };
  }
}
