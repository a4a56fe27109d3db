// The juggler's body: proportions from height and build, a pose from the hand targets
// (two-segment arms solved by IK), legs that step when the body moves.
import type { Vec3 } from './juggling.ts';

export interface BodyShape {
  readonly height: number;
  readonly width: number;
}

export interface Pose {
  readonly head: Vec3;
  readonly headRadius: number;
  readonly neck: Vec3;
  readonly pelvis: Vec3;
  readonly shoulders: readonly [Vec3, Vec3];
  readonly elbows: readonly [Vec3, Vec3];
  readonly hands: readonly [Vec3, Vec3];
  readonly hips: readonly [Vec3, Vec3];
  readonly knees: readonly [Vec3, Vec3];
  readonly feet: readonly [Vec3, Vec3];
  readonly torsoHalfWidth: number;
  readonly limbRadius: number;
}

const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const scale = (a: Vec3, factor: number): Vec3 => [a[0] * factor, a[1] * factor, a[2] * factor];
const length = (a: Vec3): number => Math.hypot(a[0], a[1], a[2]);
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const normalise = (a: Vec3): Vec3 => scale(a, 1 / Math.max(length(a), 1e-9));

/** Two-bone IK: the elbow for a shoulder→hand reach, bending towards `pole`. Returns [elbow, reachedHand]. */
function solveArm(shoulder: Vec3, target: Vec3, upperLength: number, lowerLength: number, pole: Vec3): [Vec3, Vec3] {
  const toTarget = sub(target, shoulder);
  const distance = Math.min(Math.max(length(toTarget), Math.abs(upperLength - lowerLength) + 1e-3), upperLength + lowerLength - 1e-3);
  const direction = normalise(toTarget);
  const hand = add(shoulder, scale(direction, distance));
  const along = (upperLength * upperLength - lowerLength * lowerLength + distance * distance) / (2 * distance);
  const height = Math.sqrt(Math.max(upperLength * upperLength - along * along, 0));
  const side = normalise(cross(cross(direction, pole), direction));
  return [add(add(shoulder, scale(direction, along)), scale(side, height)), hand];
}

/**
 * The pose for a body standing at `root` (floor point), with hand targets relative to the root,
 * `stepPhase` for walking (radians; 0 = standing).
 */
export function poseFor(shape: BodyShape, root: Vec3, handTargets: readonly [Vec3, Vec3], stepPhase: number, stepAmount: number): Pose {
  const tall = shape.height;
  const wide = shape.width;
  const at = (x: number, y: number, z: number): Vec3 => [root[0] + x, root[1] + y, root[2] + z];
  const headRadius = 0.062 * tall;
  const neck = at(0, 0.845 * tall, 0);
  const head = at(0, 0.845 * tall + headRadius * 1.35, 0.01);
  const pelvis = at(0, 0.53 * tall, 0);
  const shoulderHalf = 0.105 * tall * wide;
  const shoulders: [Vec3, Vec3] = [at(-shoulderHalf, 0.815 * tall, 0), at(shoulderHalf, 0.815 * tall, 0)];
  const upperArm = 0.175 * tall;
  const forearm = 0.16 * tall;
  const elbows: Vec3[] = [];
  const hands: Vec3[] = [];
  for (const hand of [0, 1] as const) {
    const sign = hand === 0 ? -1 : 1;
    const pole: Vec3 = [sign * 0.5, -1, -0.6];
    const [elbow, reached] = solveArm(shoulders[hand], add(root, handTargets[hand]), upperArm, forearm, pole);
    elbows.push(elbow);
    hands.push(reached);
  }
  const hipHalf = 0.055 * tall * wide;
  const hips: [Vec3, Vec3] = [at(-hipHalf, 0.5 * tall, 0), at(hipHalf, 0.5 * tall, 0)];
  const stride = 0.16 * tall * stepAmount;
  const knees: Vec3[] = [];
  const feet: Vec3[] = [];
  for (const leg of [0, 1] as const) {
    const swing = Math.sin(stepPhase + leg * Math.PI) * stride;
    const lift = Math.max(0, Math.cos(stepPhase + leg * Math.PI)) * 0.05 * tall * stepAmount;
    const sign = leg === 0 ? -1 : 1;
    const foot = at(sign * hipHalf * 1.3 + swing, lift, 0.03);
    knees.push([(hips[leg][0] + foot[0]) / 2, 0.27 * tall + lift, foot[2] + 0.02 + lift * 0.5]);
    feet.push(foot);
  }
  return {
    head,
    headRadius,
    neck,
    pelvis,
    shoulders,
    elbows: [elbows[0], elbows[1]],
    hands: [hands[0], hands[1]],
    hips,
    knees: [knees[0], knees[1]],
    feet: [feet[0], feet[1]],
    torsoHalfWidth: shoulderHalf * 0.95,
    limbRadius: 0.03 * tall * wide,
  };
}
