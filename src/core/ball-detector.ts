// The ball detector's side of the one preprocessing path. Once per sampled frame, a square around
// the juggling (it may reach past the frame's edges: padded grey, so portrait video and high throws
// stay inside) is cut from this working frame and the one before, resized to S×S, and the network
// marks ball centres on a heatmap at `outputStride` (CenterNet-style: a peak per ball plus its
// sub-cell offset). Decoded peaks go back to working-frame pixels for the tracker (ball-tracks.ts).
// Training renders its samples through these same functions (tools/render-detector.ts).
import type { Keypoint } from './pose-decode.ts';
import type { BallDetectorSpec } from './model-spec.ts';
import { resampleArea, type Rect, type WorkingFrame } from './preprocess.ts';

export interface Detection {
  /** Working-frame pixels. */
  readonly x: number;
  readonly y: number;
  readonly score: number;
}

/** Grey of the padding past the frame's edges. */
export const PAD_VALUE = 128;

/** The detector's square: centred on `box`, `margin` × its longer side, not clamped to the frame. */
export function detectorSquare(box: Rect, margin: number): Rect {
  const side = Math.max(box.width, box.height) * margin;
  const x = Math.round(box.x + box.width / 2 - side / 2);
  const y = Math.round(box.y + box.height / 2 - side / 2);
  const rounded = Math.max(2, Math.round(side));
  return { x, y, width: rounded, height: rounded };
}

/**
 * `rect` of a working frame resized to size×size packed RGB; what lies outside the frame is grey.
 * `scratch` holds the in-frame part (reused between calls).
 */
export function cropPadded(frame: WorkingFrame, rect: Rect, size: number, out: Uint8Array = new Uint8Array(size * size * 3)): Uint8Array {
  out.fill(PAD_VALUE);
  const left = Math.max(0, rect.x);
  const top = Math.max(0, rect.y);
  const right = Math.min(frame.width, rect.x + rect.width);
  const bottom = Math.min(frame.height, rect.y + rect.height);
  if (right - left < 1 || bottom - top < 1) return out;
  const scale = size / rect.width;
  const dstLeft = Math.round((left - rect.x) * scale);
  const dstTop = Math.round((top - rect.y) * (size / rect.height));
  const dstWidth = Math.max(1, Math.min(size - dstLeft, Math.round((right - rect.x) * scale) - dstLeft));
  const dstHeight = Math.max(1, Math.min(size - dstTop, Math.round((bottom - rect.y) * (size / rect.height)) - dstTop));
  const part = resampleArea(frame.data, frame.width, frame.height, 3, { x: left, y: top, width: right - left, height: bottom - top }, dstWidth, dstHeight);
  for (let row = 0; row < dstHeight; row++) out.set(part.subarray(row * dstWidth * 3, (row + 1) * dstWidth * 3), ((dstTop + row) * size + dstLeft) * 3);
  return out;
}

/**
 * The network's input: `frames` crops (oldest first) as planar [frames·3][S][S]: float32 in [0, 1]
 * for the graph, or the bytes themselves (`Uint8Array`) for training samples.
 */
export function detectorInput<Out extends Float32Array | Uint8Array = Float32Array>(crops: readonly Uint8Array[], size: number, out?: Out): Out {
  const target = out ?? (new Float32Array(crops.length * 3 * size * size) as Out);
  const scale = target instanceof Uint8Array ? 1 : 1 / 255;
  const plane = size * size;
  crops.forEach((crop, frame) => {
    for (let pixel = 0; pixel < plane; pixel++) {
      for (let channel = 0; channel < 3; channel++) target[(frame * 3 + channel) * plane + pixel] = crop[pixel * 3 + channel] * scale;
    }
  });
  return target;
}

/**
 * Peaks of a heatmap [G][G] (sigmoid scores) with sub-cell offsets [2][G][G] (in cells, 0..1 from
 * the cell's corner): local maxima over 3×3 above `threshold`, strongest first, at most `maxPeaks`;
 * in input pixels.
 */
export function heatmapPeaks(heat: ArrayLike<number>, offsets: ArrayLike<number>, grid: number, outputStride: number, threshold: number, maxPeaks = 12): Detection[] {
  const peaks: Detection[] = [];
  const plane = grid * grid;
  for (let y = 0; y < grid; y++) {
    for (let x = 0; x < grid; x++) {
      const score = heat[y * grid + x];
      if (!(score >= threshold)) continue;
      let isPeak = true;
      for (let dy = -1; dy <= 1 && isPeak; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx || dy) && x + dx >= 0 && x + dx < grid && y + dy >= 0 && y + dy < grid) {
            const other = heat[(y + dy) * grid + x + dx];
            // Ties go to the earlier cell, so a flat top gives one peak.
            if (other > score || (other === score && (dy < 0 || (dy === 0 && dx < 0)))) {
              isPeak = false;
              break;
            }
          }
        }
      }
      if (!isPeak) continue;
      const offsetX = Math.min(1, Math.max(0, offsets[y * grid + x]));
      const offsetY = Math.min(1, Math.max(0, offsets[plane + y * grid + x]));
      peaks.push({ x: (x + offsetX) * outputStride, y: (y + offsetY) * outputStride, score });
    }
  }
  peaks.sort((a, b) => b.score - a.score);
  return peaks.slice(0, maxPeaks);
}

/** Input pixels of the square `rect` (size×size) → working-frame pixels. */
export function toFramePixels(peaks: readonly Detection[], rect: Rect, size: number): Detection[] {
  const scale = rect.width / size;
  return peaks.map((peak) => ({ x: rect.x + peak.x * scale, y: rect.y + peak.y * scale, score: peak.score }));
}

/** What the detector graph answers for one input: `heat` [G][G] (sigmoid) and `offsets` [2][G][G]. */
export interface DetectorOutput {
  readonly heat: ArrayLike<number>;
  readonly offsets: ArrayLike<number>;
}

/** Runs the detector network on one float input [frames·3][S][S] (onnxruntime-web in the app, -node in tools). */
export type RunDetector = (input: Float32Array) => Promise<DetectorOutput>;

/** Buffers reused frame after frame by one caller. */
export interface DetectorScratch {
  readonly crops: Uint8Array[];
  readonly input: Float32Array;
}

export function detectorScratch(spec: Pick<BallDetectorSpec, 'size' | 'frames'>): DetectorScratch {
  return { crops: Array.from({ length: spec.frames }, () => new Uint8Array(spec.size * spec.size * 3)), input: new Float32Array(spec.frames * 3 * spec.size * spec.size) };
}

export interface FrameBalls {
  /** The square the detector looked at (working-frame pixels; may reach past the edges). */
  readonly square: Rect;
  /** Ball centres in working-frame pixels, strongest first. */
  readonly detections: Detection[];
  /** The same in the detector's input pixels. */
  readonly inputPeaks: Detection[];
  /** Typical ball radius the detector can see here, working-frame pixels (a size unit for the tracker). */
  readonly ballRadiusPx: number;
  /** The pose network's keypoints in the detector's input pixels (a model with one, on the frames it runs). */
  readonly keypoints?: readonly Keypoint[];
}

/**
 * The balls in the newest of `frames` (the last `spec.frames` are the input, oldest first), in a
 * square around the locator's `box`.
 */
export async function detectBalls(frames: readonly WorkingFrame[], box: Rect, spec: BallDetectorSpec, run: RunDetector, scratch = detectorScratch(spec)): Promise<FrameBalls> {
  const square = detectorSquare(box, spec.margin);
  const inputFrames = frames.slice(-spec.frames);
  while (inputFrames.length < spec.frames) inputFrames.unshift(inputFrames[0]);
  inputFrames.forEach((frame, index) => cropPadded(frame, square, spec.size, scratch.crops[index]));
  detectorInput(scratch.crops, spec.size, scratch.input);
  const output = await run(scratch.input);
  const grid = spec.size / spec.outputStride;
  const inputPeaks = heatmapPeaks(output.heat, output.offsets, grid, spec.outputStride, spec.threshold);
  // A ball is about a 25th of the juggling box's longer side (hands and arcs): a scale for gating, not a measurement.
  const ballRadiusPx = Math.max(1, Math.max(box.width, box.height) / 25);
  return { square, detections: toFramePixels(inputPeaks, square, spec.size), inputPeaks, ballRadiusPx };
}
