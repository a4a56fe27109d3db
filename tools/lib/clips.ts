// Rendering model-ready clips: the synthetic juggler → the app's own preprocessing.
import type { InputSpec } from '../../src/core/model-spec.ts';
import { toWorkingFrame, windowToTensor, type Rect } from '../../src/core/preprocess.ts';
import { createScene, Random, type WorldStyle } from '../../src/synth/index.ts';

const RENDER_WIDTHS = [192, 240, 288] as const;
const ASPECTS = [3 / 4, 9 / 16] as const;

/** One training/evaluation clip: uint8 [3][T][H][W], exactly as the app would feed it. */
export function renderClipTensor(className: string, seed: number, input: InputSpec, style: WorldStyle = 'train'): { tensor: Uint8Array; crop: Rect } {
  const random = new Random(seed ^ 0x5bd1e995);
  const width = random.pick(RENDER_WIDTHS);
  const height = Math.round(width * random.pick(ASPECTS) / 2) * 2;
  const scene = createScene({ className, seed, width, height, fps: input.fps, style });
  const start = scene.clipStartSec(input.frames / input.fps, random);
  const frames = scene.clip(start, input.frames).map((rgba) => toWorkingFrame(rgba, width, height, 4, input.crop));
  return windowToTensor(frames, input);
}
