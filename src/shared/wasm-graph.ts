// A small graph on onnxruntime-web's WASM provider, whatever the classifier runs on (the juggling
// locator, the ball detector): one `frames` input of a fixed shape, runs one at a time (live
// frames and recorded clips may ask at once), proved by one run on a grey input before use.
import type * as ort from 'onnxruntime-web/wasm';
import { oneAtATime } from '../core/one-at-a-time.ts';
import { markedStep } from './start-marks.ts';

export interface WasmGraph<Answer> {
  readonly run: (input: Float32Array) => Promise<Answer>;
  release(): Promise<void>;
}

/** onnxruntime-web, whichever build the caller loaded (the /wasm and /webgpu builds have the same API). */
export type OrtRuntime = typeof ort;

export async function createWasmGraph<Answer>(runtime: OrtRuntime, bytes: Uint8Array, what: string, shape: readonly number[], read: (results: ort.InferenceSession.OnnxValueMapType) => Answer): Promise<WasmGraph<Answer>> {
  const session = await markedStep(`create ${what}`, () => runtime.InferenceSession.create(bytes, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
    // Between frames ORT's pool threads would spin on every core, starving the camera and the page.
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  }));
  const expected = shape.reduce((product, size) => product * size, 1);
  const run = oneAtATime(async (input: Float32Array) => {
    if (input.length !== expected) throw new Error(`${what} input must have ${expected} values (${shape.join('×')}), got ${input.length}`);
    return read(await session.run({ frames: new runtime.Tensor('float32', input, [...shape]) }));
  });
  try {
    await markedStep(`warm-up ${what}`, () => run(new Float32Array(expected).fill(0.5)));
  } catch (error) {
    await session.release().catch(() => undefined);
    throw error;
  }
  return { run, release: () => session.release() };
}
