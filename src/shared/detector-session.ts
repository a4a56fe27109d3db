// The ball detector in onnxruntime-web, for the app's worker: like the locator, always on WASM
// (1.4 ms a frame in onnxruntime-node, bench:model; no agreement check against another provider).
import type { RunDetector } from '../core/ball-detector.ts';
import type { BallDetectorSpec } from '../core/model-spec.ts';
import { createWasmGraph, type OrtRuntime } from './wasm-graph.ts';

export interface DetectorSession {
  readonly detect: RunDetector;
  release(): Promise<void>;
}

/** Creates the detector's session from its bytes and proves it with one run on a grey input. */
export async function createDetectorSession(runtime: OrtRuntime, bytes: Uint8Array, detector: BallDetectorSpec): Promise<DetectorSession> {
  const grid = detector.size / detector.outputStride;
  const graph = await createWasmGraph(runtime, bytes, 'detector', [1, detector.frames * 3, detector.size, detector.size], (results) => {
    const heat = results.heat?.data as Float32Array | undefined;
    const offsets = results.offsets?.data as Float32Array | undefined;
    if (!heat || !offsets || heat.length !== grid * grid || offsets.length !== 2 * grid * grid) throw new Error(`the ball detector has no "heat" [1, 1, ${grid}, ${grid}] and "offsets" [1, 2, ${grid}, ${grid}] outputs`);
    return { heat, offsets };
  });
  return { detect: graph.run, release: graph.release };
}
