// Rendering model-ready clips: the synthetic juggler → the app's own preprocessing.
import { cropAroundBox, locatorInput, placeCropWith, toUnitBox, type RunLocator, type UnitBox } from '../../src/core/locator.ts';
import type { InputSpec, LocatorInputShape } from '../../src/core/model-spec.ts';
import { toWorkingFrame, windowToTensor, type Rect, type WorkingFrame } from '../../src/core/preprocess.ts';
import { createScene, Random, type Scene, type SceneConditions, type WorldStyle } from '../../src/synth/index.ts';

const RENDER_WIDTHS = [192, 240, 288] as const;
const ASPECTS = [3 / 4, 9 / 16] as const;

export interface RenderedClip {
  readonly tensor: Uint8Array;
  /** The crop, in working-frame pixels. */
  readonly crop: Rect;
  /** Was it the centre square because too little moved? */
  readonly fellBack: boolean;
  /** Was it placed around the juggling locator's box? */
  readonly located: boolean;
  /** Was it placed around the scene's own juggling box (cropFromScene)? */
  readonly fromScene: boolean;
  readonly renderWidth: number;
  /** The working frame the crop was placed in (the render reduced to the rule's working width). */
  readonly workingFrame: { readonly width: number; readonly height: number };
  readonly conditions: SceneConditions;
}

interface RenderedWindow {
  readonly scene: Scene;
  readonly startSec: number;
  readonly renderWidth: number;
  readonly frames: WorkingFrame[];
}

/** One window of a clip's scene, reduced to working frames: the render size and start come from the seed. */
function renderWindow(className: string, seed: number, input: InputSpec, style: WorldStyle): RenderedWindow {
  const random = new Random(seed ^ 0x5bd1e995);
  const width = random.pick(RENDER_WIDTHS);
  const height = Math.round(width * random.pick(ASPECTS) / 2) * 2;
  const scene = createScene({ className, seed, width, height, fps: input.fps, style });
  const startSec = scene.clipStartSec(input.frames / input.fps, random);
  const frames = scene.clip(startSec, input.frames).map((rgba) => toWorkingFrame(rgba, width, height, 4, input.crop));
  return { scene, startSec, renderWidth: width, frames };
}

/** Where the scene's hands and balls are over the window (Scene.jugglingBox), in working-frame pixels; null when nobody is in view. */
function jugglingBoxInWorkingFrame({ scene, startSec, renderWidth, frames }: RenderedWindow): Rect | null {
  const box = scene.jugglingBox(startSec, frames.length);
  if (!box) return null;
  const scale = frames[0].width / renderWidth;
  return { x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale };
}

/**
 * One training/evaluation clip: uint8 [3][T][H][W], exactly as the app would feed it (`locate`: the
 * 'located' rule's network). `cropFromScene` instead places the crop around where the renderer
 * knows the hands and balls are (Scene.jugglingBox, grown by the rule's margin): the ceiling of a
 * better crop, for failure analysis only.
 */
export async function renderClipTensor(className: string, seed: number, input: InputSpec, style: WorldStyle = 'train', locate?: RunLocator, cropFromScene = false): Promise<RenderedClip> {
  const window = renderWindow(className, seed, input, style);
  const { scene, renderWidth, frames } = window;
  const sceneBox = cropFromScene ? jugglingBoxInWorkingFrame(window) : null;
  const placed = sceneBox
    ? { crop: cropAroundBox(sceneBox, frames[0].width, frames[0].height, input.crop.margin, input.crop.minSideFraction), fellBack: false, located: false }
    : await placeCropWith(frames, input.crop, locate);
  const { tensor, crop, fellBack, located } = windowToTensor(frames, input, undefined, placed);
  return { tensor, crop, fellBack, located, fromScene: sceneBox !== null, renderWidth, workingFrame: { width: frames[0].width, height: frames[0].height }, conditions: scene.conditions };
}

export interface LocatorSample {
  /** The locator's input, uint8 [K·3][S][S]. */
  readonly bytes: Uint8Array;
  /** Where the hands and balls are over the window, in the locator square; null when nobody is in view. */
  readonly box: UnitBox | null;
}

/** One locator training/evaluation sample: the same window renderClipTensor renders for this seed. */
export function renderLocatorSample(className: string, seed: number, input: InputSpec, locator: LocatorInputShape, style: WorldStyle = 'train'): LocatorSample {
  const window = renderWindow(className, seed, input, style);
  const { bytes, letterbox } = locatorInput(window.frames, locator);
  const box = jugglingBoxInWorkingFrame(window);
  return { bytes, box: box ? toUnitBox(box, letterbox) : null };
}
