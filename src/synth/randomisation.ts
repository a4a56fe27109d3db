// Every domain-randomisation range of the synthetic world, in one table.
// 'train' is what training renders from; 'shifted' lies outside it on purpose and stands in
// for footage the project has never seen (evaluation only).

export type Range = readonly [number, number];

export interface WorldRanges {
  /** Camera distance from the juggler, metres. */
  readonly cameraDistance: Range;
  readonly cameraHeight: Range;
  /** Horizontal field of view, degrees. */
  readonly fieldOfView: Range;
  /** Sideways offset of the look-at point and camera, metres (juggler off-centre). */
  readonly cameraSideways: Range;
  readonly cameraRollDeg: Range;
  /** Look-at height as a fraction of body height (partly out of frame at extremes). */
  readonly lookHeightFraction: Range;
  readonly bodyHeight: Range;
  /** Body width multiplier (slim ↔ broad). */
  readonly bodyWidth: Range;
  readonly ballDiameter: Range;
  /** Exposure gain, white balance per channel, gamma. */
  readonly gain: Range;
  readonly whiteBalance: Range;
  readonly gamma: Range;
  /** Sensor noise, standard deviation in [0, 1] units. */
  readonly noise: Range;
  readonly blurChance: number;
  readonly blockinessChance: number;
  readonly blockiness: Range;
  /** Frame-time jitter, fraction of a frame interval. */
  readonly frameJitter: Range;
  /** Exposure time for motion blur, seconds. */
  readonly exposureSec: Range;
  readonly distractorChance: number;
  /** Background kinds drawn from. */
  readonly backgrounds: readonly ('flat' | 'gradient' | 'noise' | 'room' | 'stripes' | 'checker')[];
  /** Colour brightness range for backgrounds (0-1). */
  readonly backgroundBrightness: Range;
  /** Chance that ball colour is chosen close to the background (low contrast). */
  readonly lowContrastChance: number;
  /** Drawing style of the figure. */
  readonly styles: readonly ('rounded' | 'boxy')[];
  /** Normal peak of 3-throws above the hands, metres. */
  readonly normalPeak: Range;
}

export const TRAIN_RANGES: WorldRanges = {
  cameraDistance: [1.5, 4],
  cameraHeight: [0.8, 1.7],
  fieldOfView: [50, 78],
  cameraSideways: [-0.45, 0.45],
  cameraRollDeg: [-4, 4],
  lookHeightFraction: [0.5, 0.8],
  bodyHeight: [1.5, 1.95],
  bodyWidth: [0.8, 1.25],
  ballDiameter: [0.06, 0.1],
  gain: [0.6, 1.35],
  whiteBalance: [0.82, 1.18],
  gamma: [0.8, 1.2],
  noise: [0, 0.045],
  blurChance: 0.3,
  blockinessChance: 0.3,
  blockiness: [0.15, 0.6],
  frameJitter: [0, 0.15],
  exposureSec: [0.004, 0.03],
  distractorChance: 0.35,
  backgrounds: ['flat', 'gradient', 'noise', 'room', 'stripes', 'checker'],
  backgroundBrightness: [0.05, 0.95],
  lowContrastChance: 0.15,
  styles: ['rounded'],
  normalPeak: [0.35, 0.65],
};

/** Outside the training ranges: farther/closer cameras, wider lenses, stronger light changes, other bodies, boxy figures. */
export const SHIFTED_RANGES: WorldRanges = {
  ...TRAIN_RANGES,
  cameraDistance: [3.6, 4.6],
  cameraHeight: [0.6, 2.0],
  fieldOfView: [72, 90],
  cameraSideways: [-0.7, 0.7],
  cameraRollDeg: [-8, 8],
  bodyHeight: [1.4, 2.05],
  bodyWidth: [0.7, 1.45],
  gain: [0.45, 1.6],
  whiteBalance: [0.7, 1.3],
  noise: [0.03, 0.07],
  blockinessChance: 0.6,
  backgrounds: ['noise', 'room', 'stripes', 'checker'],
  lowContrastChance: 0.3,
  styles: ['boxy'],
};

/** The shifted set's camera only (everything else as in training): which part of the shift hurts? */
const SHIFTED_CAMERA_RANGES: WorldRanges = {
  ...TRAIN_RANGES,
  cameraDistance: SHIFTED_RANGES.cameraDistance,
  cameraHeight: SHIFTED_RANGES.cameraHeight,
  fieldOfView: SHIFTED_RANGES.fieldOfView,
  cameraSideways: SHIFTED_RANGES.cameraSideways,
  cameraRollDeg: SHIFTED_RANGES.cameraRollDeg,
};

/** The shifted set's look (figure, bodies, light, backgrounds) with the training camera. */
const SHIFTED_LOOK_RANGES: WorldRanges = {
  ...SHIFTED_RANGES,
  cameraDistance: TRAIN_RANGES.cameraDistance,
  cameraHeight: TRAIN_RANGES.cameraHeight,
  fieldOfView: TRAIN_RANGES.fieldOfView,
  cameraSideways: TRAIN_RANGES.cameraSideways,
  cameraRollDeg: TRAIN_RANGES.cameraRollDeg,
};

const RANGES_BY_STYLE = {
  train: TRAIN_RANGES,
  shifted: SHIFTED_RANGES,
  'shifted-camera': SHIFTED_CAMERA_RANGES,
  'shifted-look': SHIFTED_LOOK_RANGES,
} as const satisfies Record<string, WorldRanges>;

export type WorldStyle = keyof typeof RANGES_BY_STYLE;

export const WORLD_STYLES = Object.keys(RANGES_BY_STYLE) as WorldStyle[];

export function rangesFor(style: WorldStyle): WorldRanges {
  return RANGES_BY_STYLE[style];
}
