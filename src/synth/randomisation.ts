// Every domain-randomisation range of the synthetic world, in one table.
// 'train' is what training renders from; 'shifted' lies outside it on purpose and stands in
// for footage the project has never seen (evaluation only).
//
// The "extra looks" (figure builds, clothing patterns, ball finishes, lighting, occluders,
// clutter) widen the training world so the network learns juggling rather than our renderer.
// They are drawn from their own random stream, so every original draw is unchanged, and the
// shifted styles switch them off (NO_EXTRA_LOOKS) so evaluation renders stay byte-identical.
// Boxy figures and flat unshaded balls stay evaluation-only.

export type Range = readonly [number, number];

export type ClothingPattern = 'stripes' | 'blotches';
/** 'shaded' is the original lit ball; every other finish is lit too (never flat). */
export type BallLook = 'shaded' | 'two-tone' | 'striped' | 'panelled' | 'rimmed' | 'glossy';

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

  // Extra looks: figure.
  /** Chance of a slim, stick-like build: thin limbs, small head, narrow torso (drawing only; joints unchanged). */
  readonly slimFigureChance: number;
  readonly slimLimbScale: Range;
  readonly slimHeadScale: Range;
  readonly slimTorsoScale: Range;
  /** Chance that skin, hair and clothes come from the wide ranges below instead of the base draws. */
  readonly wideColourChance: number;
  /** Skin tone, very dark (< 0) to very pale (> 1); the base draw spans 0.25-1. */
  readonly skinTone: Range;
  /** Red-versus-blue shift of the skin colour. */
  readonly skinWarmth: Range;
  readonly hairBrightness: Range;
  readonly dyedHairChance: number;
  readonly baldChance: number;
  /** Chance of a grey/black/white garment (shirt, trousers, sleeves) when colours are wide. */
  readonly neutralClothingChance: number;
  readonly trouserBrightness: Range;
  /** Chance that the sleeves (upper arms) differ in colour from the torso. */
  readonly sleeveColourChance: number;
  /** Chance of long sleeves: forearms in the sleeve colour, hands bare. */
  readonly longSleeveChance: number;
  readonly shirtPatternChance: number;
  readonly trouserPatternChance: number;
  readonly clothingPatterns: readonly ClothingPattern[];
  /** Stripe period and blotch size on clothes, metres. */
  readonly stripePeriodM: Range;
  readonly blotchSizeM: Range;

  // Extra looks: balls.
  /** Finish of the ball set, one per scene (or per ball, see mixedBallLooksChance). */
  readonly ballLooks: readonly BallLook[];
  /** Chance that each ball of the set has its own finish. */
  readonly mixedBallLooksChance: number;
  /** Spin of patterned balls, turns per second. */
  readonly ballSpinTurnsPerSec: Range;
  /** Chance that the balls are the background's colour, a little darker or lighter. */
  readonly nearBackgroundBallChance: number;
  /** How much darker/lighter than the background mean (fraction of its brightness). */
  readonly nearBackgroundContrast: Range;

  // Extra looks: scene.
  readonly vignetteChance: number;
  /** Brightness lost at the frame corners. */
  readonly vignetteStrength: Range;
  /** Chance of light falling off across the frame (a window on one side). */
  readonly lightGradientChance: number;
  /** Brightness change from the frame centre to its edge along the gradient. */
  readonly lightGradientStrength: Range;
  /** Chance of blotchy colour (chroma) noise, as from a small webcam sensor. */
  readonly chromaNoiseChance: number;
  /** Its standard deviation in [0, 1] units. */
  readonly chromaNoise: Range;
  /** Blotch size, pixels. */
  readonly chromaBlockPx: Range;
  /** Chance of a static foreground occluder at a frame edge (a table edge, a door frame); it never hides a ball or hand. */
  readonly occluderChance: number;
  /** Its depth into the frame, fraction of the frame height (bottom) or width (sides). */
  readonly occluderSize: Range;
  /** Chance of clutter (shelves, pictures, lamps, plants, clocks) in 'room' backgrounds, and how many pieces. */
  readonly roomClutterChance: number;
  readonly roomClutter: Range;
  /** Chance that the background is a crop of a real photograph, when the scene is given photos (SceneOptions.photos). */
  readonly photoBackgroundChance: number;
  /** How far into the photo the crop zooms (1 = the largest crop of the frame's shape). */
  readonly photoScale: Range;
  /** Figure details a ball detector must not mistake for balls (details.ts): a face with eyes, fingers, shoes, a round chest print. */
  readonly faceDetailChance: number;
  readonly fingerChance: number;
  readonly shoeChance: number;
  readonly chestPrintChance: number;
  /** Chance of a dark room with glowing balls, and its exposure (long: the balls smear into streaks). */
  readonly darkRoomChance: number;
  readonly darkExposureSec: Range;
}

/** The extra looks switched off: the original renderer's look, which the shifted styles keep. */
const NO_EXTRA_LOOKS = {
  slimFigureChance: 0,
  wideColourChance: 0,
  sleeveColourChance: 0,
  longSleeveChance: 0,
  shirtPatternChance: 0,
  trouserPatternChance: 0,
  ballLooks: ['shaded'],
  mixedBallLooksChance: 0,
  nearBackgroundBallChance: 0,
  vignetteChance: 0,
  lightGradientChance: 0,
  chromaNoiseChance: 0,
  occluderChance: 0,
  roomClutterChance: 0,
  photoBackgroundChance: 0,
  faceDetailChance: 0,
  fingerChance: 0,
  shoeChance: 0,
  chestPrintChance: 0,
  darkRoomChance: 0,
} as const satisfies Partial<WorldRanges>;

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
  slimFigureChance: 0.25,
  slimLimbScale: [0.4, 0.65],
  slimHeadScale: [0.72, 0.9],
  slimTorsoScale: [0.45, 0.75],
  wideColourChance: 0.6,
  skinTone: [-0.25, 1.1],
  skinWarmth: [-0.06, 0.08],
  hairBrightness: [0.02, 0.85],
  dyedHairChance: 0.1,
  baldChance: 0.08,
  neutralClothingChance: 0.35,
  trouserBrightness: [0.03, 0.95],
  sleeveColourChance: 0.3,
  longSleeveChance: 0.35,
  shirtPatternChance: 0.35,
  trouserPatternChance: 0.15,
  clothingPatterns: ['stripes', 'blotches'],
  stripePeriodM: [0.04, 0.12],
  blotchSizeM: [0.08, 0.2],
  ballLooks: ['shaded', 'two-tone', 'striped', 'panelled', 'rimmed', 'glossy'],
  mixedBallLooksChance: 0.25,
  ballSpinTurnsPerSec: [0.3, 2.5],
  nearBackgroundBallChance: 0.08,
  nearBackgroundContrast: [0.15, 0.35],
  vignetteChance: 0.3,
  vignetteStrength: [0.15, 0.5],
  lightGradientChance: 0.3,
  lightGradientStrength: [0.1, 0.4],
  chromaNoiseChance: 0.3,
  chromaNoise: [0.01, 0.035],
  chromaBlockPx: [2, 4],
  occluderChance: 0.15,
  occluderSize: [0.05, 0.2],
  roomClutterChance: 0.7,
  roomClutter: [2, 9],
  photoBackgroundChance: 0.6,
  photoScale: [1, 3],
  // The details (details.ts) are the ball detector's world ('detector' below): the window
  // classifier was trained without them, and the e2e clips are rendered in this look.
  faceDetailChance: 0,
  fingerChance: 0,
  shoeChance: 0,
  chestPrintChance: 0,
  darkRoomChance: 0,
  darkExposureSec: [0.03, 0.1],
};

/**
 * The ball detector's training world: the training look plus what real footage has that a
 * detector must ignore or see (faces, fingers, shoes, a round chest print, dark rooms with
 * glowing, smeared balls). tools/render-detector.ts renders it by default.
 */
export const DETECTOR_RANGES: WorldRanges = {
  ...TRAIN_RANGES,
  faceDetailChance: 0.8,
  fingerChance: 0.7,
  shoeChance: 0.7,
  chestPrintChance: 0.15,
  darkRoomChance: 0.08,
};

/**
 * The detector's world widened towards footage it failed on (real dark rooms with long streaks,
 * noisy and dim webcams, low contrast, far and near cameras; candidate D4): noise, gain, white
 * balance, blockiness and camera ranges reach into the shifted set's, so that set is only a hint
 * for a detector trained on this. Boxy figures and flat balls stay out (evaluation only).
 */
export const DETECTOR_WIDE_RANGES: WorldRanges = {
  ...DETECTOR_RANGES,
  cameraDistance: [1.2, 5],
  fieldOfView: [45, 90],
  cameraSideways: [-0.7, 0.7],
  cameraRollDeg: [-8, 8],
  gain: [0.4, 1.6],
  whiteBalance: [0.7, 1.3],
  noise: [0, 0.08],
  blurChance: 0.4,
  blockinessChance: 0.5,
  blockiness: [0.15, 0.8],
  exposureSec: [0.004, 0.05],
  lowContrastChance: 0.3,
  darkRoomChance: 0.15,
  darkExposureSec: [0.03, 0.12],
};

/** Outside the training ranges: farther/closer cameras, wider lenses, stronger light changes, other bodies, boxy figures. */
export const SHIFTED_RANGES: WorldRanges = {
  ...TRAIN_RANGES,
  ...NO_EXTRA_LOOKS,
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

/**
 * The shifted set's camera only (everything else as in training, with the original look, so
 * this set renders as it always has): which part of the shift hurts?
 */
const SHIFTED_CAMERA_RANGES: WorldRanges = {
  ...TRAIN_RANGES,
  ...NO_EXTRA_LOOKS,
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
  detector: DETECTOR_RANGES,
  'detector-wide': DETECTOR_WIDE_RANGES,
  shifted: SHIFTED_RANGES,
  'shifted-camera': SHIFTED_CAMERA_RANGES,
  'shifted-look': SHIFTED_LOOK_RANGES,
} as const satisfies Record<string, WorldRanges>;

export type WorldStyle = keyof typeof RANGES_BY_STYLE;

export const WORLD_STYLES = Object.keys(RANGES_BY_STYLE) as WorldStyle[];

export function rangesFor(style: WorldStyle): WorldRanges {
  return RANGES_BY_STYLE[style];
}
