// The windows of a recorded clip: a stored clip tensor (uint8 [C=3][frames][H][W], already at
// the model's fps and size) is cut into T-frame windows every `stride` frames, as the live
// pipeline does with camera frames, and turned into model input by the shared preprocessing.
import type { InputSpec } from './model-spec.ts';
import { toModelInput } from './preprocess.ts';

/** The part of a stored clip tensor the windowing needs. */
export interface ClipFrames {
  readonly frames: number;
  readonly height: number;
  readonly width: number;
  readonly data: Uint8Array;
}

/**
 * Frames between the windows teaching takes from a clip: half a window. The live pipeline infers
 * every `stride` frames (model.json; 1 today), but windows a frame or two apart give nearly the same features; every 8th
 * gives a 3-s clip 4 windows instead of 15 and teaching ~4× less model time (npm run bench:teach).
 */
export const TEACH_WINDOW_STEP = 8;

/** First frame of every window: 0, stride, 2·stride… while a whole window fits. */
export function windowStarts(frameCount: number, windowFrames: number, stride: number): number[] {
  const starts: number[] = [];
  for (let start = 0; start + windowFrames <= frameCount; start += stride) starts.push(start);
  return starts;
}

/** Why a clip tensor cannot be windowed for this model, or null when it can. */
export function clipFramesProblem(clip: ClipFrames, input: InputSpec): string | null {
  if (clip.height !== input.height || clip.width !== input.width) {
    return `its frames are ${clip.width}×${clip.height}, the model needs ${input.width}×${input.height}`;
  }
  if (clip.data.length !== 3 * clip.frames * clip.height * clip.width) return `its tensor has ${clip.data.length} bytes, not 3×${clip.frames}×${clip.height}×${clip.width}`;
  if (clip.frames < input.frames) return `it has ${clip.frames} frames, a window needs ${input.frames}`;
  return null;
}

/** uint8 [C][T][H][W] of the window starting at `start`. */
export function clipWindowBytes(clip: ClipFrames, start: number, windowFrames: number, out = new Uint8Array(3 * windowFrames * clip.height * clip.width)): Uint8Array {
  const plane = clip.height * clip.width;
  for (let channel = 0; channel < 3; channel++) {
    const from = (channel * clip.frames + start) * plane;
    out.set(clip.data.subarray(from, from + windowFrames * plane), channel * windowFrames * plane);
  }
  return out;
}

/** Every window of the clip as float32 model input (NCTHW without the batch axis). */
export function clipWindowInputs(clip: ClipFrames, input: InputSpec, stride: number): Float32Array[] {
  const problem = clipFramesProblem(clip, input);
  if (problem) throw new Error(`This clip cannot be used: ${problem}.`);
  const bytes = new Uint8Array(3 * input.frames * input.height * input.width);
  return windowStarts(clip.frames, input.frames, stride).map((start) => toModelInput(clipWindowBytes(clip, start, input.frames, bytes)));
}
