// The pose network's step on a sampled frame: the ball detector's square (already cut, packed RGB)
// into the network and its heads decoded (pose-decode.ts): the costly, deterministic part, which
// the tools cache. Reading hands and head from the keypoints is the tracker's side (`reading`).
import { decodePose, readPose, DEFAULT_POSE_READING, type Keypoint, type PoseHeads, type PoseReading } from './pose-decode.ts';
import { poseInput } from './pose-input.ts';
import type { PoseSpec } from './model-spec.ts';
import type { Rect } from './preprocess.ts';

/** Runs the pose network on float planar RGB [3][S][S] in [0, 1]. */
export type RunPose = (input: Float32Array) => Promise<PoseHeads>;

export class PoseStep {
  private readonly input: Float32Array;

  /** `run` absent: a replay that brings its keypoints (the tools), which only reads them. */
  constructor(
    readonly spec: PoseSpec,
    private readonly run?: RunPose,
  ) {
    this.input = new Float32Array(3 * spec.size * spec.size);
  }

  /** Is there a network to run (else only keypoints found earlier are read)? */
  get runs(): boolean {
    return this.run !== undefined;
  }

  /** The keypoints (input pixels) in the packed-RGB crop `rgb`. One call at a time: the input buffer is reused. */
  async keypoints(rgb: Uint8Array): Promise<Keypoint[]> {
    if (!this.run) throw new Error('this pose step has no network to run');
    const size = this.spec.size;
    poseInput(rgb, size, this.input);
    return decodePose(await this.run(this.input), size / 4, size);
  }

  /** Hands and head in working-frame pixels, for keypoints found in `square` (working-frame pixels). */
  reading(keypoints: readonly Keypoint[], square: Rect): PoseReading {
    return readPose(keypoints, square, this.spec.size, { ...DEFAULT_POSE_READING, minScore: this.spec.minScore });
  }
}
