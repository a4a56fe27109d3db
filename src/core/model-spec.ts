// The model contract (models/model.json), typed and validated. App, tools and tests read it
// through parseModelSpec, never hard-code it.
import { LabelError, parseLabel } from './labels.ts';
import { isFileCheck, type FileChecks } from './model-file-check.ts';

/** The juggling locator (locator.ts). What it sees: the shape of its input. */
export interface LocatorInputShape {
  /** Side of the square the whole working frame is letterboxed into. */
  readonly size: number;
  /** How many frames of the window it sees, evenly spaced from first to last. */
  readonly frames: number;
}

export interface LocatorSpec extends LocatorInputShape {
  /** The locator's ONNX file, next to model.json. */
  readonly file: string;
  /** A juggler is there when sigmoid(present) reaches this; else the motion rule places the crop. */
  readonly presentThreshold: number;
}

export interface CropRule {
  /**
   * 'motion-square': a square around where things moved in the window; 'full': centre square of
   * the frame; 'located': a square around the box the juggling locator (a second small network,
   * `locator`) finds around the hands and balls; the motion square when it finds nobody.
   */
  readonly kind: 'motion-square' | 'full' | 'located';
  /** The juggling locator ('located' only). */
  readonly locator?: LocatorSpec;
  /** Every frame is first area-resampled to this width (height keeps the aspect ratio). */
  readonly workingWidth: number;
  /** Smallest crop side, as a fraction of the working frame's shorter side. */
  readonly minSideFraction: number;
  /** The motion box is grown by this factor before it is squared. */
  readonly margin: number;
  /** Grey-level change (0-255) a pixel needs to count as moving, at least. */
  readonly motionThreshold: number;
  /** Fraction of the motion mass cut from each side of the box (robust to specks of noise). */
  readonly trimFraction: number;
  /**
   * A pixel counts as moving when its change exceeds this many times the frame pair's mean change
   * (sensor noise); 3 when absent (model 1.0.0). Higher keeps noisy webcams from spreading the box.
   */
  readonly noiseMultiple?: number;
  /** Subtract the median column/row of the motion histograms before placing the box (off when absent). */
  readonly subtractFloor?: boolean;
  /**
   * A changed pixel counts as moving only when at least this many of its 8 neighbours changed too
   * (0 when absent, models up to 1.2.0). Sensor noise and compression specks are isolated pixels;
   * a thrown ball, even 2 px across, moves as a blob. Keeps noisy footage from spreading the box.
   */
  readonly minMovingNeighbours?: number;
  /**
   * Fewer moving pixels than this fraction of the frame per frame pair, and the crop falls back to
   * the centre square (0.0005 when absent). With minMovingNeighbours filtering out noise, a far-away
   * juggler's few moving pixels can be trusted at a lower floor.
   */
  readonly minMotionFraction?: number;
}

/** The per-frame ball detector (ball-detector.ts). */
export interface BallDetectorSpec {
  readonly file: string;
  /** Input side S: the crop is resized to S×S. */
  readonly size: number;
  /** Frames of input, oldest first (the current frame and the ones before it). */
  readonly frames: number;
  /** Heatmap cell size in input pixels. */
  readonly outputStride: number;
  /** A peak above this (sigmoid) is a ball. */
  readonly threshold: number;
  /** The detector's square is this many times the located box's longer side. */
  readonly margin: number;
}

/** The pose network (MoveNet Lightning's heads, pose-decode.ts): the juggler's hands and head for the tracker. */
export interface PoseSpec {
  readonly file: string;
  /** Input side: it reads the ball detector's square, so the same size. */
  readonly size: number;
  /** A keypoint counts from this heatmap score. */
  readonly minScore: number;
  /** It runs on one sampled frame in this many; the tracker keeps the last reading between. */
  readonly everyFrames: number;
}

export interface InputSpec {
  readonly name: string;
  readonly layout: 'NCTHW';
  readonly frames: number;
  readonly height: number;
  readonly width: number;
  readonly fps: number;
  readonly channels: 'RGB';
  readonly range: readonly [number, number];
  readonly normalisation: string;
  readonly crop: CropRule;
}

export interface ModelSpec {
  readonly file: string;
  readonly version: string;
  readonly input: InputSpec;
  readonly outputs: { readonly logits: string; readonly features: string };
  readonly featureSize: number;
  readonly classes: readonly string[];
  /** Sampled frames between two inferences. */
  readonly stride: number;
  /**
   * The per-frame ball detector (ball-detector.ts): runs on every sampled frame in a square around
   * the located juggling; its detections become ballistic tracks and the ball count.
   */
  readonly ballDetector?: BallDetectorSpec;
  /** The pose network on the ball detector's square (needs a ballDetector): hands and head for the tracker. */
  readonly pose?: PoseSpec;
  readonly metrics?: Record<string, unknown>;
  /**
   * Size and SHA-256 of model.json's files, by file name: added by the build (vite.config.ts) from
   * the committed models/, absent in the committed model.json and in dev.
   */
  readonly fileChecks?: FileChecks;
}

export class ModelSpecError extends Error {
  constructor(reason: string) {
    super(`models/model.json is not valid: ${reason}`);
    this.name = 'ModelSpecError';
  }
}

function need(condition: unknown, reason: string): asserts condition {
  if (!condition) throw new ModelSpecError(reason);
}

const positiveInt = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

export function parseModelSpec(json: unknown): ModelSpec {
  need(json && typeof json === 'object', 'it is not a JSON object');
  const spec = json as Record<string, any>;
  need(typeof spec.file === 'string' && spec.file.endsWith('.onnx'), '"file" must name an .onnx file');
  need(typeof spec.version === 'string', '"version" must be a string');
  const input = spec.input;
  need(input && typeof input === 'object', '"input" is missing');
  need(typeof input.name === 'string', 'input.name is missing');
  need(input.layout === 'NCTHW', 'input.layout must be NCTHW');
  for (const key of ['frames', 'height', 'width', 'fps'] as const) {
    need(positiveInt(input[key]), `input.${key} must be a positive integer`);
  }
  need(input.channels === 'RGB', 'input.channels must be RGB');
  const crop = input.crop;
  need(crop && (crop.kind === 'motion-square' || crop.kind === 'full' || crop.kind === 'located'), 'input.crop.kind must be motion-square, full or located');
  if (crop.kind === 'located') {
    const locator = crop.locator;
    need(locator && typeof locator.file === 'string' && locator.file.endsWith('.onnx'), 'input.crop.locator.file must name an .onnx file');
    need(positiveInt(locator.size) && positiveInt(locator.frames), 'input.crop.locator.size and .frames must be positive integers');
    need(locator.presentThreshold > 0 && locator.presentThreshold < 1, 'input.crop.locator.presentThreshold must be in (0, 1)');
  }
  need(positiveInt(crop.workingWidth), 'input.crop.workingWidth must be a positive integer');
  need(crop.minSideFraction > 0 && crop.minSideFraction <= 1, 'input.crop.minSideFraction must be in (0, 1]');
  need(crop.margin >= 1, 'input.crop.margin must be >= 1');
  need(crop.motionThreshold >= 0, 'input.crop.motionThreshold must be >= 0');
  need(crop.trimFraction >= 0 && crop.trimFraction < 0.5, 'input.crop.trimFraction must be in [0, 0.5)');
  need(crop.noiseMultiple === undefined || crop.noiseMultiple >= 1, 'input.crop.noiseMultiple must be >= 1 when given');
  need(crop.subtractFloor === undefined || typeof crop.subtractFloor === 'boolean', 'input.crop.subtractFloor must be true or false when given');
  need(crop.minMovingNeighbours === undefined || (Number.isInteger(crop.minMovingNeighbours) && crop.minMovingNeighbours >= 0 && crop.minMovingNeighbours <= 8),
    'input.crop.minMovingNeighbours must be an integer from 0 to 8 when given');
  need(crop.minMotionFraction === undefined || (crop.minMotionFraction >= 0 && crop.minMotionFraction < 0.1), 'input.crop.minMotionFraction must be in [0, 0.1) when given');
  need(spec.outputs && typeof spec.outputs.logits === 'string' && typeof spec.outputs.features === 'string',
    'outputs.logits and outputs.features must name the graph outputs');
  need(positiveInt(spec.featureSize), 'featureSize must be a positive integer');
  need(Array.isArray(spec.classes) && spec.classes.length >= 2, 'classes must list at least two class names');
  for (const name of spec.classes) {
    try {
      parseLabel(name);
    } catch (error) {
      if (error instanceof LabelError) throw new ModelSpecError(error.message);
      throw error;
    }
  }
  need(new Set(spec.classes).size === spec.classes.length, 'classes must not repeat');
  need(positiveInt(spec.stride), 'stride must be a positive integer');
  const detector = spec.ballDetector;
  if (detector !== undefined) {
    need(detector && typeof detector.file === 'string' && detector.file.endsWith('.onnx'), 'ballDetector.file must name an .onnx file');
    need(positiveInt(detector.size) && positiveInt(detector.frames) && positiveInt(detector.outputStride), 'ballDetector.size, .frames and .outputStride must be positive integers');
    need(detector.size % detector.outputStride === 0, 'ballDetector.size must be a multiple of its outputStride');
    need(detector.threshold > 0 && detector.threshold < 1, 'ballDetector.threshold must be in (0, 1)');
    need(detector.margin >= 1 && detector.margin <= 4, 'ballDetector.margin must be in [1, 4]');
    need(crop.kind === 'located', "ballDetector needs the 'located' crop rule (its square is placed around the locator's box)");
  }
  const pose = spec.pose;
  if (pose !== undefined) {
    need(pose && typeof pose.file === 'string' && pose.file.endsWith('.onnx'), 'pose.file must name an .onnx file');
    need(detector, 'pose needs a ballDetector (it reads the detector\'s square)');
    need(pose.size === detector.size, 'pose.size must be ballDetector.size (it reads the detector\'s square)');
    need(pose.minScore > 0 && pose.minScore < 1, 'pose.minScore must be in (0, 1)');
    need(positiveInt(pose.everyFrames), 'pose.everyFrames must be a positive integer');
  }
  const fileChecks = spec.fileChecks;
  if (fileChecks !== undefined) {
    need(fileChecks && typeof fileChecks === 'object' && !Array.isArray(fileChecks), 'fileChecks must be an object of file name → { bytes, sha256 }');
    for (const [name, check] of Object.entries(fileChecks)) {
      need(isFileCheck(check), `fileChecks["${name}"] must have a positive integer "bytes" and a 64-digit hex "sha256"`);
    }
  }
  return spec as ModelSpec;
}

/** The files model.json names (the model, the locator, the ball detector, the pose network), relative to it. */
export function modelFileNames(spec: ModelSpec): string[] {
  return [spec.file, spec.input.crop.locator?.file, spec.ballDetector?.file, spec.pose?.file].filter((name): name is string => typeof name === 'string');
}
