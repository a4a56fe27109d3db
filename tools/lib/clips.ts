// Rendering model-ready clips: the synthetic juggler → the app's own preprocessing.
import type { InputSpec } from '../../src/core/model-spec.ts';
import { toWorkingFrame, windowToTensor, type Rect } from '../../src/core/preprocess.ts';
import { createScene, Random, type SceneConditions, type WorldStyle } from '../../src/synth/index.ts';

const RENDER_WIDTHS = [192, 240, 288] as const;
const ASPECTS = [3 / 4, 9 / 16] as const;

export interface RenderedClip {
  readonly tensor: Uint8Array;
  /** The crop, in working-frame pixels. */
  readonly crop: Rect;
  /** Was it the centre square because too little moved? */
  readonly fellBack: boolean;
  readonly renderWidth: number;
  /** The working frame the crop was placed in (the render reduced to the rule's working width). */
  readonly workingFrame: { readonly width: number; readonly height: number };
  readonly conditions: SceneConditions;
}

/** One training/evaluation clip: uint8 [3][T][H][W], exactly as the app would feed it. */
export function renderClipTensor(className: string, seed: number, input: InputSpec, style: WorldStyle = 'train'): RenderedClip {
  const random = new Random(seed ^ 0x5bd1e995);
  const width = random.pick(RENDER_WIDTHS);
  const height = Math.round(width * random.pick(ASPECTS) / 2) * 2;
  const scene = createScene({ className, seed, width, height, fps: input.fps, style });
  const start = scene.clipStartSec(input.frames / input.fps, random);
  const frames = scene.clip(start, input.frames).map((rgba) => toWorkingFrame(rgba, width, height, 4, input.crop));
  const { tensor, crop, fellBack } = windowToTensor(frames, input);
  return { tensor, crop, fellBack, renderWidth: width, workingFrame: { width: frames[0].width, height: frames[0].height }, conditions: scene.conditions };
}
