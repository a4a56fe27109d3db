// The ball detector in onnxruntime-web, for the app's worker: like the locator, always on WASM
// (about a millisecond a frame in onnxruntime-node; no agreement check against another provider).
import * as ort from 'onnxruntime-web/webgpu';
import type { BallDetectorSpec, RunDetector } from '../core/ball-detector.ts';
import { oneAtATime } from '../core/one-at-a-time.ts';

export interface DetectorSession {
  readonly detect: RunDetector;
  release(): Promise<void>;
}

/** Creates the detector's session from its bytes and proves it with one run on a grey input. */
export async function createDetectorSession(bytes: Uint8Array, detector: BallDetectorSpec): Promise<DetectorSession> {
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  });
  const shape = [1, detector.frames * 3, detector.size, detector.size];
  const expected = shape.reduce((product, size) => product * size, 1);
  const cells = (detector.size / detector.outputStride) ** 2;
  const detect: RunDetector = oneAtATime(async (input: Float32Array) => {
    if (input.length !== expected) throw new Error(`detector input must have ${expected} values (${shape.join('×')}), got ${input.length}`);
    const results = await session.run({ frames: new ort.Tensor('float32', input, shape) });
    const heat = results.heat?.data as Float32Array | undefined;
    const offsets = results.offsets?.data as Float32Array | undefined;
    if (!heat || !offsets || heat.length !== cells || offsets.length !== 2 * cells) throw new Error(`the ball detector has no "heat" [1, 1, G, G] and "offsets" [1, 2, G, G] outputs (G = ${detector.size / detector.outputStride})`);
    return { heat, offsets };
  });
  try {
    await detect(new Float32Array(expected).fill(0.5));
  } catch (error) {
    await session.release().catch(() => undefined);
    throw error;
  }
  return { detect, release: () => session.release() };
}
