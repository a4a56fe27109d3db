// The juggling locator in onnxruntime-web, for the app's worker and the naive benchmark page.
// It always runs on WASM, whatever the classifier runs on: it is small (0.3 ms a window in
// onnxruntime-node), and WASM needs no agreement check against another provider.
import * as ort from 'onnxruntime-web/webgpu';
import { toLocatorAnswer, type LocatorSpec, type RunLocator } from '../core/locator.ts';
import { oneAtATime } from '../core/one-at-a-time.ts';

export interface LocatorSession {
  readonly locate: RunLocator;
  release(): Promise<void>;
}

/** Creates the locator's session from its bytes and proves it with one run on a grey input. */
export async function createLocatorSession(bytes: Uint8Array, locator: LocatorSpec): Promise<LocatorSession> {
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  });
  const shape = [1, locator.frames * 3, locator.size, locator.size];
  const expected = shape.reduce((product, size) => product * size, 1);
  // Live windows and recorded clips may ask at once: a session must not run twice at a time.
  const locate: RunLocator = oneAtATime(async (input: Float32Array) => {
    if (input.length !== expected) throw new Error(`locator input must have ${expected} values (${shape.join('×')}), got ${input.length}`);
    const results = await session.run({ frames: new ort.Tensor('float32', input, shape) });
    return toLocatorAnswer(results.box?.data as Float32Array | undefined, results.present?.data as Float32Array | undefined);
  });
  try {
    await locate(new Float32Array(expected).fill(0.5));
  } catch (error) {
    await session.release().catch(() => undefined);
    throw error;
  }
  return { locate, release: () => session.release() };
}
