// The pose network (MoveNet Lightning, models/pose.onnx) in onnxruntime-node, for tools and tests:
// the app's own input layout and decoding (src/core/pose-decode.ts).
import * as ort from 'onnxruntime-node';
import { decodePose, type Keypoint, type PoseHeads } from '../../src/core/pose-decode.ts';
import { poseInput } from '../../src/core/pose-input.ts';
import type { RunPose } from '../../src/core/pose-step.ts';

const HEADS = ['heatmap', 'center', 'regress', 'offset'] as const;

/** The app's pose step (src/core/pose-step.ts) over an onnxruntime-node session of a `size` input. */
export function poseRunner(session: ort.InferenceSession, size: number): RunPose {
  return async (input) => {
    const out = await session.run({ frames: new ort.Tensor('float32', input, [1, 3, size, size]) });
    const heads: Partial<Record<(typeof HEADS)[number], Float32Array>> = {};
    for (const name of HEADS) {
      if (!out[name]) throw new Error(`the pose network has no "${name}" output`);
      heads[name] = out[name].data as Float32Array;
    }
    return heads as PoseHeads;
  };
}

export interface NodePose {
  readonly size: number;
  readonly run: RunPose;
  /** Keypoints (input pixels) of a packed-RGB size×size image. */
  keypoints(rgb: Uint8Array): Promise<Keypoint[]>;
}

export async function loadNodePose(file: string): Promise<NodePose> {
  const session = await ort.InferenceSession.create(file, { intraOpNumThreads: 1, executionProviders: ['cpu'] });
  const dims = (session.inputMetadata[0] as { shape?: readonly (number | string)[] }).shape ?? [];
  const size = Number(dims[3]);
  if (!Number.isInteger(size) || size <= 0) throw new Error(`${file}: its input has no fixed size`);
  const input = new Float32Array(3 * size * size);
  const run = poseRunner(session, size);
  return {
    size,
    run,
    async keypoints(rgb) {
      return decodePose(await run(poseInput(rgb, size, input)), size / 4, size);
    },
  };
}
