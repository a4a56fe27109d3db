// The juggling locator's side of the one preprocessing path: what its small network sees (a few
// frames of the window, each letterboxed whole into a square) and how its answer (a box around
// the hands and balls, in that square's coordinates) becomes the classifier's crop.
// Motion alone cannot place the crop on a far juggler under a noisy sensor: too few pixels change.
import type { CropRule, LocatorInputShape } from './model-spec.ts';
import { centreSquare, placeCrop, resampleArea, toModelInput, type PlacedCrop, type Rect, type WorkingFrame } from './preprocess.ts';

/** Where the working frame lies inside the locator's square (pixels of that square). */
export interface Letterbox {
  readonly scale: number;
  readonly offsetX: number;
  readonly offsetY: number;
  readonly size: number;
}

/** Box corners in the locator square, as fractions of its side: [left, top, right, bottom]. */
export type UnitBox = readonly [number, number, number, number];

export function letterboxFor(width: number, height: number, size: number): Letterbox {
  const scale = size / Math.max(width, height);
  return { scale, offsetX: Math.floor((size - Math.round(width * scale)) / 2), offsetY: Math.floor((size - Math.round(height * scale)) / 2), size };
}

/** Which of `windowFrames` frames the locator sees: `count` evenly spaced, first and last included. */
export function locatorFrameIndices(windowFrames: number, count: number): number[] {
  if (count <= 1) return [windowFrames - 1];
  return Array.from({ length: count }, (_, index) => Math.round((index * (windowFrames - 1)) / (count - 1)));
}

/** A working frame shrunk to the locator's content size, kept with the frame: a live window
 * slides by one frame, so each frame is picked by several windows but shrunk once. */
const shrunkFrames = new WeakMap<WorkingFrame, { readonly width: number; readonly height: number; readonly data: Uint8Array }>();

function shrunkFrame(frame: WorkingFrame, width: number, height: number): Uint8Array {
  const cached = shrunkFrames.get(frame);
  if (cached && cached.width === width && cached.height === height) return cached.data;
  const data = resampleArea(frame.data, frame.width, frame.height, 3, { x: 0, y: 0, width: frame.width, height: frame.height }, width, height);
  shrunkFrames.set(frame, { width, height, data });
  return data;
}

/** Mid grey fills the letterbox bars: no edge the network could mistake for a body. */
const BAR_VALUE = 128;

/**
 * The locator's input: uint8 planar [K·3][S][S] (frame-major: R, G, B of the first picked frame,
 * then the next), each picked working frame letterboxed whole into the S×S square.
 */
export function locatorInput(
  frames: readonly WorkingFrame[],
  spec: LocatorInputShape,
  out: Uint8Array = new Uint8Array(spec.frames * 3 * spec.size * spec.size),
): { bytes: Uint8Array; letterbox: Letterbox } {
  const { width, height } = frames[0];
  const letterbox = letterboxFor(width, height, spec.size);
  const contentWidth = Math.max(1, Math.round(width * letterbox.scale));
  const contentHeight = Math.max(1, Math.round(height * letterbox.scale));
  const plane = spec.size * spec.size;
  if (out.length !== spec.frames * 3 * plane) throw new Error(`locatorInput: output holds ${out.length} bytes, ${spec.frames * 3 * plane} needed`);
  out.fill(BAR_VALUE);
  locatorFrameIndices(frames.length, spec.frames).forEach((frameIndex, slot) => {
    const packed = shrunkFrame(frames[frameIndex], contentWidth, contentHeight);
    for (let channel = 0; channel < 3; channel++) {
      const base = (slot * 3 + channel) * plane;
      for (let y = 0; y < contentHeight; y++) {
        const row = base + (y + letterbox.offsetY) * spec.size + letterbox.offsetX;
        for (let x = 0; x < contentWidth; x++) out[row + x] = packed[(y * contentWidth + x) * 3 + channel];
      }
    }
  });
  return { bytes: out, letterbox };
}

/** A box in working-frame pixels → the same box in the locator square, as fractions of its side. */
export function toUnitBox(box: Rect, letterbox: Letterbox): UnitBox {
  const { scale, offsetX, offsetY, size } = letterbox;
  return [(offsetX + box.x * scale) / size, (offsetY + box.y * scale) / size, (offsetX + (box.x + box.width) * scale) / size, (offsetY + (box.y + box.height) * scale) / size];
}

/** The locator's box → working-frame pixels, clipped to the frame. */
export function fromUnitBox(unit: UnitBox, letterbox: Letterbox, width: number, height: number): Rect {
  const { scale, offsetX, offsetY, size } = letterbox;
  const toX = (value: number) => Math.min(Math.max((value * size - offsetX) / scale, 0), width);
  const toY = (value: number) => Math.min(Math.max((value * size - offsetY) / scale, 0), height);
  const left = toX(Math.min(unit[0], unit[2]));
  const right = toX(Math.max(unit[0], unit[2]));
  const top = toY(Math.min(unit[1], unit[3]));
  const bottom = toY(Math.max(unit[1], unit[3]));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The classifier's square crop around the juggling box: grown by `margin`, at least minSideFraction of the shorter side. */
export function cropAroundBox(box: Rect, width: number, height: number, margin: number, minSideFraction: number): Rect {
  const shorter = Math.min(width, height);
  const side = Math.max(box.width * margin, box.height * margin, minSideFraction * shorter);
  return centreSquare(width, height, side, box.x + box.width / 2, box.y + box.height / 2);
}

/** What the locator network answers for one input. */
export interface LocatorAnswer {
  readonly box: UnitBox;
  /** Logit of "somebody is there". */
  readonly presentLogit: number;
}

/** Runs the locator network on one float input [K·3][S][S] (onnxruntime-web in the app, -node in tools). */
export type RunLocator = (input: Float32Array) => Promise<LocatorAnswer>;

/** The graph's `box` and `present` outputs as an answer; throws when they are not [1, 4] and [1]. */
export function toLocatorAnswer(box: ArrayLike<number> | undefined, present: ArrayLike<number> | undefined): LocatorAnswer {
  if (!box || box.length !== 4 || !present || present.length !== 1) throw new Error('the locator has no "box" [1, 4] and "present" [1] outputs');
  return { box: [box[0], box[1], box[2], box[3]], presentLogit: present[0] };
}

/** Buffers for the locator's input, reused window after window by one caller at a time. */
export interface LocatorScratch {
  readonly bytes: Uint8Array;
  readonly floats: Float32Array;
}

export function locatorScratch(shape: LocatorInputShape): LocatorScratch {
  const size = shape.frames * 3 * shape.size * shape.size;
  return { bytes: new Uint8Array(size), floats: new Float32Array(size) };
}

/**
 * The crop for any rule. The motion rules decide at once (placeCrop). The 'located' rule asks the
 * locator and crops around its box when somebody is there; else the motion square stands. (Asking
 * only where the motion square spans the frame or falls back was measured too, and read fewer
 * shifted ball counts right: a motion square on part of the frame is not always on the juggling.)
 */
export async function placeCropWith(frames: readonly WorkingFrame[], rule: CropRule, runLocator?: RunLocator, scratch?: LocatorScratch): Promise<PlacedCrop> {
  if (rule.kind !== 'located') return placeCrop(frames, rule);
  const { width, height } = frames[0];
  if (!rule.locator) throw new Error("the 'located' crop rule names no locator");
  if (!runLocator) throw new Error("the 'located' crop rule needs its locator network, and none was loaded");
  const { bytes, letterbox } = locatorInput(frames, rule.locator, scratch?.bytes);
  const answer = await runLocator(toModelInput(bytes, scratch?.floats));
  if (1 / (1 + Math.exp(-answer.presentLogit)) < rule.locator.presentThreshold) return placeCrop(frames, rule);
  const box = fromUnitBox(answer.box, letterbox, width, height);
  return { crop: cropAroundBox(box, width, height, rule.margin, rule.minSideFraction), fellBack: false, located: true, box };
}
