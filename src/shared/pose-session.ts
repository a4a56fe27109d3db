// The pose network in onnxruntime-web, for the app's worker and the naive page: like the ball
// detector, always on WASM, on the detector's square of some sampled frames (model.json `pose`).
import type { PoseSpec } from '../core/model-spec.ts';
import type { PoseHeads } from '../core/pose-decode.ts';
import type { RunPose } from '../core/pose-step.ts';
import { createWasmGraph, type OrtRuntime } from './wasm-graph.ts';

export interface PoseSession {
  readonly pose: RunPose;
  release(): Promise<void>;
}

/** Creates the pose network's session from its bytes and proves it with one run on a grey input. */
export async function createPoseSession(runtime: OrtRuntime, bytes: Uint8Array, spec: PoseSpec): Promise<PoseSession> {
  const cells = (spec.size / 4) ** 2;
  const graph = await createWasmGraph(runtime, bytes, 'pose network', [1, 3, spec.size, spec.size], (results): PoseHeads => {
    const [heatmap, center, regress, offset] = (['heatmap', 'center', 'regress', 'offset'] as const).map((name) => results[name]?.data as Float32Array | undefined);
    if (!heatmap || !center || !regress || !offset || center.length !== cells || heatmap.length !== 17 * cells || regress.length !== 34 * cells || offset.length !== 34 * cells) {
      throw new Error(`the pose network has no "heatmap", "center", "regress" and "offset" outputs on a ${spec.size / 4}×${spec.size / 4} grid`);
    }
    return { heatmap, center, regress, offset };
  });
  return { pose: graph.run, release: graph.release };
}
