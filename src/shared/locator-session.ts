// The juggling locator in onnxruntime-web, for the app's worker and the naive benchmark page.
// It always runs on WASM, whatever the classifier runs on: it is small (0.3 ms a window in
// onnxruntime-node), and WASM needs no agreement check against another provider.
import { toLocatorAnswer, type RunLocator } from '../core/locator.ts';
import type { LocatorSpec } from '../core/model-spec.ts';
import { createWasmGraph, type OrtRuntime } from './wasm-graph.ts';

export interface LocatorSession {
  readonly locate: RunLocator;
  release(): Promise<void>;
}

/** Creates the locator's session from its bytes and proves it with one run on a grey input. */
export async function createLocatorSession(runtime: OrtRuntime, bytes: Uint8Array, locator: LocatorSpec): Promise<LocatorSession> {
  const graph = await createWasmGraph(runtime, bytes, 'locator', [1, locator.frames * 3, locator.size, locator.size], (results) =>
    toLocatorAnswer(results.box?.data as Float32Array | undefined, results.present?.data as Float32Array | undefined));
  return { locate: graph.run, release: graph.release };
}
