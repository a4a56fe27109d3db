// The juggler's pose from MoveNet SinglePose Lightning's four heads (models/pose.onnx, converted by
// training/pretrained/movenet_pose.py): the graph's own decoding, written once here for the app,
// the tools and the tests. The centre nearest the middle of the input is the person; each
// keypoint is regressed from that centre and refined on its own heatmap near the regressed place.
// Then the hands (a wrist carried a little along its forearm, where a held ball sits) and the head,
// in working-frame pixels, for the ball tracker.
import type { Rect } from './preprocess.ts';

/** A point in working-frame pixels (the tracker's ImagePoint; kept here so the networks' side imports nothing of the tracker's). */
interface ImagePoint {
  readonly x: number;
  readonly y: number;
}

export const KEYPOINT_NAMES = [
  'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear', 'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow',
  'left_wrist', 'right_wrist', 'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle',
] as const;
export const KEYPOINTS = KEYPOINT_NAMES.length;
const index = (name: (typeof KEYPOINT_NAMES)[number]): number => KEYPOINT_NAMES.indexOf(name);

/** The graph's weights: 1 / (distance in grid cells + this). */
const DISTANCE_EPSILON = 1.8;

export interface PoseHeads {
  /** [17][G][G], sigmoid. */
  readonly heatmap: Float32Array;
  /** [1][G][G], sigmoid. */
  readonly center: Float32Array;
  /** [34][G][G]: per keypoint dy, dx (grid cells) from the centre. */
  readonly regress: Float32Array;
  /** [34][G][G]: per keypoint dy, dx within its cell. */
  readonly offset: Float32Array;
}

export interface Keypoint {
  /** Input pixels. */
  readonly x: number;
  readonly y: number;
  readonly score: number;
}

/** Keypoints (COCO order, KEYPOINT_NAMES) of the person nearest the middle of a `size`×`size` input whose heads are `grid`×`grid`. */
export function decodePose(heads: PoseHeads, grid: number, size: number): Keypoint[] {
  const cells = grid * grid;
  if (heads.center.length !== cells || heads.heatmap.length !== KEYPOINTS * cells || heads.regress.length !== 2 * KEYPOINTS * cells || heads.offset.length !== 2 * KEYPOINTS * cells) {
    throw new Error(`pose heads do not match a ${grid}×${grid} grid`);
  }
  const middle = grid / 2;
  let best = -1;
  let centre = 0;
  for (let cell = 0; cell < cells; cell++) {
    const y = Math.floor(cell / grid);
    const x = cell - y * grid;
    const weighted = heads.center[cell] / (Math.hypot(y - middle, x - middle) + DISTANCE_EPSILON);
    if (weighted > best) {
      best = weighted;
      centre = cell;
    }
  }
  const centreY = Math.floor(centre / grid);
  const centreX = centre - centreY * grid;
  const keypoints: Keypoint[] = [];
  for (let k = 0; k < KEYPOINTS; k++) {
    const regressedY = centreY + heads.regress[2 * k * cells + centre];
    const regressedX = centreX + heads.regress[(2 * k + 1) * cells + centre];
    let bestScore = -1;
    let at = 0;
    for (let cell = 0; cell < cells; cell++) {
      const y = Math.floor(cell / grid);
      const x = cell - y * grid;
      const weighted = heads.heatmap[k * cells + cell] / (Math.hypot(y - regressedY, x - regressedX) + DISTANCE_EPSILON);
      if (weighted > bestScore) {
        bestScore = weighted;
        at = cell;
      }
    }
    const y = Math.floor(at / grid);
    const x = at - y * grid;
    const scale = size / grid;
    keypoints.push({
      y: (y + heads.offset[2 * k * cells + at]) * scale,
      x: (x + heads.offset[(2 * k + 1) * cells + at]) * scale,
      score: heads.heatmap[k * cells + at],
    });
  }
  return keypoints;
}

export interface PoseReading {
  /** 0: the juggler's right hand (image left as they face the camera), 1: the left; null where the wrist is not seen. */
  readonly hands: readonly [ImagePoint | null, ImagePoint | null];
  /** Centre of the face's points (about eye level) and half the head's height; null where the face is not seen. */
  readonly head: { readonly x: number; readonly y: number; readonly radiusPx: number } | null;
}

export interface PoseReadingOptions {
  /** A keypoint counts from this heatmap score. */
  readonly minScore: number;
  /** The hand (where a held ball sits) is this share of the forearm past the wrist. */
  readonly palmPastWrist: number;
}

export const DEFAULT_POSE_READING: PoseReadingOptions = { minScore: 0.3, palmPastWrist: 0.35 };

/**
 * Half the head's height (chin to crown ÷ 2, about 11 cm), in working-frame pixels, from the widest
 * measure seen: the shoulders (about 3.4 of it apart), else the ears (1.25), else the eyes (0.55).
 */
function headRadiusPx(seen: (k: number) => Keypoint | null, toFrame: (point: Keypoint) => ImagePoint): number | null {
  for (const [a, b, share] of [['left_shoulder', 'right_shoulder', 3.4], ['left_ear', 'right_ear', 1.25], ['left_eye', 'right_eye', 0.55]] as const) {
    const first = seen(index(a));
    const second = seen(index(b));
    if (!first || !second) continue;
    const [p, q] = [toFrame(first), toFrame(second)];
    const apart = Math.hypot(p.x - q.x, p.y - q.y);
    if (apart > 0) return apart / share;
  }
  return null;
}

/** Hands and head in working-frame pixels, for keypoints found in `square` (working-frame pixels) seen as a `size`×`size` input. */
export function readPose(keypoints: readonly Keypoint[], square: Rect, size: number, options: PoseReadingOptions = DEFAULT_POSE_READING): PoseReading {
  const toFrame = (point: Keypoint): ImagePoint => ({ x: square.x + (point.x * square.width) / size, y: square.y + (point.y * square.height) / size });
  const seen = (k: number): Keypoint | null => (keypoints[k] && keypoints[k].score >= options.minScore ? keypoints[k] : null);
  const hand = (wristName: 'left_wrist' | 'right_wrist', elbowName: 'left_elbow' | 'right_elbow'): ImagePoint | null => {
    const wrist = seen(index(wristName));
    if (!wrist) return null;
    const elbow = seen(index(elbowName));
    const palm = elbow ? { x: wrist.x + (wrist.x - elbow.x) * options.palmPastWrist, y: wrist.y + (wrist.y - elbow.y) * options.palmPastWrist, score: wrist.score } : wrist;
    return toFrame(palm);
  };
  // The person's right side is on the image's left as they face the camera.
  const hands = [hand('right_wrist', 'right_elbow'), hand('left_wrist', 'left_elbow')] as const;
  const face = [index('nose'), index('left_eye'), index('right_eye'), index('left_ear'), index('right_ear')].map(seen).filter((point): point is Keypoint => point !== null);
  let head: PoseReading['head'] = null;
  const radius = headRadiusPx(seen, toFrame);
  if (face.length >= 2 && radius !== null) {
    const points = face.map(toFrame);
    head = { x: points.reduce((sum, point) => sum + point.x, 0) / points.length, y: points.reduce((sum, point) => sum + point.y, 0) / points.length, radiusPx: radius };
  }
  return { hands, head };
}
