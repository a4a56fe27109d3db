// The one preprocessing path. App worker, CLI tools and training shards all go through here,
// so the network sees identical tensors everywhere:
//   any RGBA/RGB frame ──toWorkingFrame──► small RGB frame (ring buffer)
//   last T working frames ──cropForWindow──► square crop where things moved
//     (or, 'located' rule, ──placeCropWith──► where the juggling locator network finds the hands and balls)
//   ──windowToTensor──► uint8 planar [C][T][H][W] ──toModelInput──► float32 in [0, 1]
//   (a recorded clip: all its working frames ──framesToTensor──► uint8 [C][N][H][W], one crop)
import type { CropRule, InputSpec } from './model-spec.ts';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A frame already reduced to the working size: packed RGB bytes. */
export interface WorkingFrame {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

interface AxisWeights {
  /** First source index touched by each destination index. */
  readonly start: Int32Array;
  /** Number of source indices per destination index. */
  readonly count: Int32Array;
  /** Flat list of weights (they sum to 1 per destination index). */
  readonly weights: Float32Array;
  readonly offsets: Int32Array;
}

const axisCache = new Map<string, AxisWeights>();

/** Area (box) weights mapping [origin, origin+span) of the source onto dstSize cells; fractional edges. */
function axisWeights(origin: number, span: number, srcSize: number, dstSize: number): AxisWeights {
  const key = `${origin}|${span}|${srcSize}|${dstSize}`;
  const cached = axisCache.get(key);
  if (cached) return cached;
  const start = new Int32Array(dstSize);
  const count = new Int32Array(dstSize);
  const offsets = new Int32Array(dstSize);
  const flat: number[] = [];
  const scale = span / dstSize;
  for (let dst = 0; dst < dstSize; dst++) {
    // When upsampling, widen the box to one source pixel so the result stays smooth.
    const center = origin + (dst + 0.5) * scale;
    const half = Math.max(scale, 1) / 2;
    let low = center - half;
    let high = center + half;
    low = Math.max(0, Math.min(srcSize - 1e-6, low));
    high = Math.max(low + 1e-6, Math.min(srcSize, high));
    const first = Math.floor(low);
    const last = Math.min(srcSize - 1, Math.ceil(high) - 1);
    start[dst] = first;
    count[dst] = last - first + 1;
    offsets[dst] = flat.length;
    let total = 0;
    const local: number[] = [];
    for (let index = first; index <= last; index++) {
      const covered = Math.min(high, index + 1) - Math.max(low, index);
      local.push(Math.max(covered, 0));
      total += Math.max(covered, 0);
    }
    for (const weight of local) flat.push(total > 0 ? weight / total : 1 / local.length);
  }
  const result = { start, count, offsets, weights: Float32Array.from(flat) };
  if (axisCache.size > 256) axisCache.clear();
  axisCache.set(key, result);
  return result;
}

/** The row sums of resampleArea: reused (resampleArea is synchronous), so resizing allocates nothing. */
let rowScratch = new Float32Array(0);

/**
 * Area-resamples `rect` of a packed image (3 or 4 channels) into a packed RGB image of
 * dstWidth × dstHeight. Used for both the working-size reduction and the crop resize.
 */
export function resampleArea(
  src: ArrayLike<number>,
  srcWidth: number,
  srcHeight: number,
  srcChannels: 3 | 4,
  rect: Rect,
  dstWidth: number,
  dstHeight: number,
  dst: Uint8Array = new Uint8Array(dstWidth * dstHeight * 3),
): Uint8Array {
  resampleInto(src, srcWidth, srcHeight, srcChannels, rect, dstWidth, dstHeight, dst, 0, 3, 1);
  return dst;
}

/**
 * resampleArea writing destination pixel p's channel c at `dst[offset + p·pixelStride + c·channelStride]`:
 * (3, 1) is packed RGB, (1, plane) planar, so a window's tensor is written in place.
 */
function resampleInto(
  src: ArrayLike<number>,
  srcWidth: number,
  srcHeight: number,
  srcChannels: 3 | 4,
  rect: Rect,
  dstWidth: number,
  dstHeight: number,
  dst: Uint8Array,
  offset: number,
  pixelStride: number,
  channelStride: number,
): void {
  const xs = axisWeights(rect.x, rect.width, srcWidth, dstWidth);
  const ys = axisWeights(rect.y, rect.height, srcHeight, dstHeight);
  // Only the source columns some destination pixel reads are summed (a crop reads a part of each row).
  const firstColumn = xs.start[0];
  const endColumn = xs.start[dstWidth - 1] + xs.count[dstWidth - 1];
  if (rowScratch.length < srcWidth * 3) rowScratch = new Float32Array(srcWidth * 3);
  const row = rowScratch;
  for (let dy = 0; dy < dstHeight; dy++) {
    const yStart = ys.start[dy];
    const yOffset = ys.offsets[dy];
    row.fill(0, firstColumn * 3, endColumn * 3);
    for (let k = 0; k < ys.count[dy]; k++) {
      const weight = ys.weights[yOffset + k];
      let srcIndex = ((yStart + k) * srcWidth + firstColumn) * srcChannels;
      for (let x = firstColumn * 3; x < endColumn * 3; x += 3, srcIndex += srcChannels) {
        row[x] += weight * src[srcIndex];
        row[x + 1] += weight * src[srcIndex + 1];
        row[x + 2] += weight * src[srcIndex + 2];
      }
    }
    let dstIndex = offset + dy * dstWidth * pixelStride;
    for (let dx = 0; dx < dstWidth; dx++, dstIndex += pixelStride) {
      const xStart = xs.start[dx];
      const xOffset = xs.offsets[dx];
      let red = 0;
      let green = 0;
      let blue = 0;
      for (let k = 0; k < xs.count[dx]; k++) {
        const weight = xs.weights[xOffset + k];
        const index = (xStart + k) * 3;
        red += weight * row[index];
        green += weight * row[index + 1];
        blue += weight * row[index + 2];
      }
      dst[dstIndex] = Math.round(red);
      dst[dstIndex + channelStride] = Math.round(green);
      dst[dstIndex + 2 * channelStride] = Math.round(blue);
    }
  }
}

export function workingSize(rule: CropRule, width: number, height: number): { width: number; height: number } {
  const workingWidth = Math.min(rule.workingWidth, width);
  return { width: workingWidth, height: Math.max(1, Math.round((workingWidth * height) / width)) };
}

/** Reduces one camera/render frame (RGBA or RGB bytes) to the working size. */
export function toWorkingFrame(
  pixels: ArrayLike<number>,
  width: number,
  height: number,
  channels: 3 | 4,
  rule: CropRule,
  out?: Uint8Array,
): WorkingFrame {
  const size = workingSize(rule, width, height);
  const data = out && out.length === size.width * size.height * 3 ? out : new Uint8Array(size.width * size.height * 3);
  resampleInto(pixels, width, height, channels, { x: 0, y: 0, width, height }, size.width, size.height, data, 0, 3, 1);
  return { data, ...size };
}

/** `earlier` and `later` (same size) mixed by time: weight 0 is `earlier`, 1 is `later`. */
export function blendWorkingFrames(earlier: WorkingFrame, later: WorkingFrame, weight: number): WorkingFrame {
  if (earlier.width !== later.width || earlier.height !== later.height) return weight < 0.5 ? earlier : later;
  const data = new Uint8Array(earlier.data.length);
  const a = earlier.data;
  const b = later.data;
  for (let index = 0; index < data.length; index++) data[index] = a[index] + (b[index] - a[index]) * weight + 0.5;
  return { data, width: earlier.width, height: earlier.height };
}

export function centreSquare(width: number, height: number, side: number, centerX: number, centerY: number): Rect {
  const clampedSide = Math.min(side, width, height);
  const x = Math.min(Math.max(centerX - clampedSide / 2, 0), width - clampedSide);
  const y = Math.min(Math.max(centerY - clampedSide / 2, 0), height - clampedSide);
  return { x, y, width: clampedSide, height: clampedSide };
}

/** Subtracts the median bin from every bin (clamped at 0); returns the remaining sum. */
let medianScratch = new Float64Array(0);

function subtractMedian(histogram: Float64Array): number {
  if (medianScratch.length !== histogram.length) medianScratch = new Float64Array(histogram.length);
  medianScratch.set(histogram);
  const median = medianScratch.sort()[histogram.length >> 1];
  let sum = 0;
  for (let index = 0; index < histogram.length; index++) {
    histogram[index] = Math.max(0, histogram[index] - median);
    sum += histogram[index];
  }
  return sum;
}

/** Index where the running sum of `histogram` first exceeds `target` (or reaches it, when `reach`). */
function quantileIndex(histogram: Float64Array, target: number, reach = false): number {
  let sum = 0;
  for (let index = 0; index < histogram.length; index++) {
    sum += histogram[index];
    if (sum > target || (reach && sum >= target)) return index;
  }
  return histogram.length - 1;
}

interface PairMotion {
  /** Id of the frame before (an id, not the frame: a reference would chain every frame ever seen). */
  readonly previousId: number;
  /** The rule's fields this motion was counted with. */
  readonly threshold: number;
  readonly noiseMultiple: number;
  readonly minNeighbours: number;
  /** Moving pixels per column and per row, and in all. */
  readonly columns: Float64Array;
  readonly rows: Float64Array;
  readonly total: number;
}

/** The motion between a frame and the one before it, kept with the frame: a live window shares
 * all but `stride` of its frame pairs with the previous window, so each pair is counted once. */
const pairMotionCache = new WeakMap<WorkingFrame, PairMotion>();
const frameIds = new WeakMap<WorkingFrame, number>();
let nextFrameId = 1;

function frameId(frame: WorkingFrame): number {
  let id = frameIds.get(frame);
  if (id === undefined) {
    id = nextFrameId++;
    frameIds.set(frame, id);
  }
  return id;
}

/** The changed-pixel mask of the pair being counted: reused (pairMotion is synchronous and keeps
 * only the column/row counts), so the live loop allocates no frame-sized buffer per frame. */
let changedScratch = new Uint8Array(0);

/** How many of the 8 neighbours of (x, y) are set in `changed`. */
function changedNeighbours(changed: Uint8Array, width: number, height: number, x: number, y: number): number {
  let count = 0;
  for (let dy = -1; dy <= 1; dy++) {
    const row = y + dy;
    if (row < 0 || row >= height) continue;
    for (let dx = -1; dx <= 1; dx++) {
      const column = x + dx;
      if ((dx !== 0 || dy !== 0) && column >= 0 && column < width) count += changed[row * width + column];
    }
  }
  return count;
}

function pairMotion(previousFrame: WorkingFrame, currentFrame: WorkingFrame, rule: CropRule): PairMotion {
  const noiseMultiple = rule.noiseMultiple ?? 3;
  const minNeighbours = rule.minMovingNeighbours ?? 0;
  const previousId = frameId(previousFrame);
  const cached = pairMotionCache.get(currentFrame);
  if (cached && cached.previousId === previousId && cached.threshold === rule.motionThreshold && cached.noiseMultiple === noiseMultiple
    && cached.minNeighbours === minNeighbours) return cached;
  const { width, height } = currentFrame;
  const previous = previousFrame.data;
  const current = currentFrame.data;
  const pixelCount = width * height;
  // The threshold adapts to sensor noise: a few times the mean change of this frame pair.
  let meanChange = 0;
  for (let p = 0, index = 0; p < pixelCount; p++, index += 3) {
    meanChange += Math.abs(current[index] + current[index + 1] + current[index + 2]
      - previous[index] - previous[index + 1] - previous[index + 2]);
  }
  meanChange /= 3 * pixelCount;
  const threshold = Math.max(rule.motionThreshold, noiseMultiple * meanChange) * 3;
  if (changedScratch.length < pixelCount) changedScratch = new Uint8Array(pixelCount);
  const changed = changedScratch;
  for (let p = 0, index = 0; p < pixelCount; p++, index += 3) {
    const change = Math.abs(current[index] + current[index + 1] + current[index + 2]
      - previous[index] - previous[index + 1] - previous[index + 2]);
    changed[p] = change > threshold ? 1 : 0;
  }
  const columns = new Float64Array(width);
  const rows = new Float64Array(height);
  let total = 0;
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      if (changed[p] && (minNeighbours === 0 || changedNeighbours(changed, width, height, x, y) >= minNeighbours)) {
        columns[x] += 1;
        rows[y] += 1;
        total += 1;
      }
    }
  }
  const motion = { previousId, threshold: rule.motionThreshold, noiseMultiple, minNeighbours, columns, rows, total };
  pairMotionCache.set(currentFrame, motion);
  return motion;
}

/** Where a window's crop went, and whether it is the centre square because too little moved. */
export interface PlacedCrop {
  readonly crop: Rect;
  readonly fellBack: boolean;
  /** Placed around the juggling locator's box ('located' rule). */
  readonly located: boolean;
  /** The locator's box itself (working-frame pixels), when `located`: the ball detector's square is placed around it. */
  readonly box?: Rect;
}

/** A window's moving pixels per column and row: reused (placeCrop is synchronous and returns only the square). */
let windowColumns = new Float64Array(0);
let windowRows = new Float64Array(0);

/**
 * The crop for one window: a square around the pixels that changed between consecutive frames
 * (the juggling), grown by a margin and at least minSideFraction of the frame; the centre square
 * when almost nothing moved.
 */
export function cropForWindow(frames: readonly WorkingFrame[], rule: CropRule): Rect {
  return placeCrop(frames, rule).crop;
}

/**
 * cropForWindow, saying whether it fell back to the centre square (the 'full' rule never does).
 * The 'located' rule keeps this motion square only where its locator finds nobody (placeCropWith,
 * locator.ts).
 */
export function placeCrop(frames: readonly WorkingFrame[], rule: CropRule): PlacedCrop {
  const { width, height } = frames[0];
  const shorter = Math.min(width, height);
  const centre = centreSquare(width, height, shorter, width / 2, height / 2);
  if (rule.kind === 'full') return { crop: centre, fellBack: false, located: false };
  const fallback = { crop: centre, fellBack: true, located: false };
  if (frames.length < 2) return fallback;
  const pixelCount = width * height;
  if (windowColumns.length !== width) windowColumns = new Float64Array(width);
  if (windowRows.length !== height) windowRows = new Float64Array(height);
  const columns = windowColumns.fill(0);
  const rows = windowRows.fill(0);
  let total = 0;
  for (let t = 1; t < frames.length; t++) {
    const motion = pairMotion(frames[t - 1], frames[t], rule);
    for (let x = 0; x < width; x++) columns[x] += motion.columns[x];
    for (let y = 0; y < height; y++) rows[y] += motion.rows[y];
    total += motion.total;
  }
  // Too little motion to place a crop: fall back to the centre square.
  if (total < (rule.minMotionFraction ?? 0.0005) * pixelCount * (frames.length - 1) + 4) return fallback;
  let columnTotal = total;
  let rowTotal = total;
  if (rule.subtractFloor) {
    // Flicker spread over the whole frame (compression blocks, noise) raises every column and row
    // alike; what stands above the median column/row is where things really move.
    columnTotal = subtractMedian(columns);
    rowTotal = subtractMedian(rows);
    if (Math.min(columnTotal, rowTotal) <= 4) return fallback;
  }
  const columnTrim = rule.trimFraction * columnTotal;
  const rowTrim = rule.trimFraction * rowTotal;
  const left = quantileIndex(columns, columnTrim);
  const right = quantileIndex(columns, columnTotal - columnTrim, true) + 1;
  const top = quantileIndex(rows, rowTrim);
  const bottom = quantileIndex(rows, rowTotal - rowTrim, true) + 1;
  const side = Math.max((right - left) * rule.margin, (bottom - top) * rule.margin, rule.minSideFraction * shorter);
  return { crop: centreSquare(width, height, side, (left + right) / 2, (top + bottom) / 2), fellBack: false, located: false };
}

/**
 * The model-ready tensor of any number of frames: uint8 planar [C=3][N][H][W] from N working
 * frames, all cropped with the one square cropForWindow places over all of them. Returns the crop
 * used too. A window is N = input.frames (windowToTensor); a recorded clip is all its frames.
 */
export function framesToTensor(
  frames: readonly WorkingFrame[],
  input: InputSpec,
  out: Uint8Array = new Uint8Array(3 * frames.length * input.height * input.width),
  placed?: PlacedCrop,
): { tensor: Uint8Array } & PlacedCrop {
  if (frames.length === 0) throw new Error('framesToTensor needs at least one frame');
  const count = frames.length;
  const planeSize = input.height * input.width;
  if (out.length !== 3 * count * planeSize) {
    throw new Error(`framesToTensor: output holds ${out.length} bytes, ${3 * count * planeSize} needed`);
  }
  const { crop, fellBack, located } = placed ?? placeCrop(frames, input.crop);
  for (let t = 0; t < count; t++) {
    const frame = frames[t];
    // Straight into the planar tensor: channel c of frame t starts at (c·count + t)·plane.
    resampleInto(frame.data, frame.width, frame.height, 3, crop, input.width, input.height, out, t * planeSize, 1, count * planeSize);
  }
  return { tensor: out, crop, fellBack, located };
}

/**
 * The model-ready window: uint8 planar [C=3][T][H][W] from the last T working frames,
 * all cropped with the same square. Returns the crop used too.
 */
export function windowToTensor(
  frames: readonly WorkingFrame[],
  input: InputSpec,
  out: Uint8Array = new Uint8Array(3 * input.frames * input.height * input.width),
  placed?: PlacedCrop,
): { tensor: Uint8Array } & PlacedCrop {
  if (frames.length !== input.frames) {
    throw new Error(`windowToTensor needs ${input.frames} frames, got ${frames.length}`);
  }
  return framesToTensor(frames, input, out, placed);
}

/** uint8 window → float32 model input in the contract's range (bytes / 255). */
export function toModelInput(tensor: Uint8Array, out: Float32Array = new Float32Array(tensor.length)): Float32Array {
  // A table of the 256 quotients: the same float32 values as dividing each byte, without a division each.
  for (let index = 0; index < tensor.length; index++) out[index] = BYTE_TO_UNIT[tensor[index]];
  return out;
}

const BYTE_TO_UNIT = Float32Array.from({ length: 256 }, (_, value) => value / 255);

/** Frame `frame` of a uint8 planar [3][frames][height][width] tensor as RGBA bytes (opaque): what
 * the model sees, for thumbnails, contact sheets and failure sheets. */
export function tensorFrameRgba(
  tensor: Uint8Array,
  frames: number,
  height: number,
  width: number,
  frame: number,
  out: Uint8ClampedArray = new Uint8ClampedArray(height * width * 4),
): Uint8ClampedArray {
  const plane = height * width;
  const red = frame * plane;
  const green = (frames + frame) * plane;
  const blue = (2 * frames + frame) * plane;
  for (let p = 0; p < plane; p++) {
    out[p * 4] = tensor[red + p];
    out[p * 4 + 1] = tensor[green + p];
    out[p * 4 + 2] = tensor[blue + p];
    out[p * 4 + 3] = 255;
  }
  return out;
}
