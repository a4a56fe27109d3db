// The ball detector in onnxruntime-node, for tools and tests: the app's own preprocessing and decoding (src/core/ball-detector.ts).
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { detectBalls, detectorScratch, heatmapPeaks, type Detection, type FrameBalls, type RunDetector } from '../../src/core/ball-detector.ts';
import { placeCropWith, type RunLocator } from '../../src/core/locator.ts';
import type { BallDetectorSpec, ModelSpec } from '../../src/core/model-spec.ts';
import type { WorkingFrame } from '../../src/core/preprocess.ts';
import { BallCounter } from '../../src/core/ball-counter.ts';
import { MODELS_DIR } from './model-files.ts';

export interface NodeDetector {
  readonly spec: BallDetectorSpec;
  readonly run: RunDetector;
  /** Peaks in input pixels for one prepared input [frames·3][S][S] in [0, 1]. */
  detect(input: Float32Array): Promise<Detection[]>;
  /** The app's path on a window: locator box → detector square → detections; with the square's pixels (packed RGB) to draw. */
  detectInWindow(frames: readonly WorkingFrame[], locate: RunLocator | undefined): Promise<FrameBalls & { crop: Uint8Array }>;
}

export function detectorRunner(session: ort.InferenceSession, spec: Pick<BallDetectorSpec, 'size' | 'frames'>): RunDetector {
  return async (input) => {
    const outputs = await session.run({ frames: new ort.Tensor('float32', input, [1, spec.frames * 3, spec.size, spec.size]) });
    if (!outputs.heat || !outputs.offsets) throw new Error('the ball detector has no "heat" and "offsets" outputs');
    return { heat: outputs.heat.data as Float32Array, offsets: outputs.offsets.data as Float32Array };
  };
}

/** The model's ball counter (detector + tracker), null when its model.json has no ballDetector. */
export async function loadNodeBallCounter(spec: ModelSpec, specPath: string): Promise<BallCounter | null> {
  if (!spec.ballDetector) return null;
  const detector = await loadNodeDetector(join(specPath, '..', spec.ballDetector.file), spec);
  return new BallCounter(detector.spec, detector.run);
}

/** Loads `file` (default: model.json's ballDetector next to it) with the spec of `modelSpec` (or `override`). */
export async function loadNodeDetector(file: string | undefined, modelSpec: ModelSpec, override?: BallDetectorSpec): Promise<NodeDetector> {
  const spec = override ?? modelSpec.ballDetector;
  if (!spec) throw new Error('model.json has no ballDetector');
  const session = await ort.InferenceSession.create(file ?? join(MODELS_DIR, spec.file), { intraOpNumThreads: 1, executionProviders: ['cpu'] });
  const run = detectorRunner(session, spec);
  const scratch = detectorScratch(spec);
  return {
    spec,
    run,
    async detect(input) {
      const output = await run(input);
      return heatmapPeaks(output.heat, output.offsets, spec.size / spec.outputStride, spec.outputStride, spec.threshold);
    },
    async detectInWindow(frames, locate) {
      const placed = await placeCropWith(frames, modelSpec.input.crop, locate);
      const box = placed.box ?? placed.crop;
      const found = await detectBalls(frames, box, spec, run, scratch);
      return { ...found, crop: scratch.crops[scratch.crops.length - 1].slice() };
    },
  };
}
