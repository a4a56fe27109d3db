// A pinhole camera looking at the juggler: randomised distance, height, lens, offset and roll.
import type { Vec3 } from './juggling.ts';
import type { Random } from '../core/random.ts';
import type { WorldRanges } from './randomisation.ts';

export interface Projected {
  readonly x: number;
  readonly y: number;
  /** Distance along the viewing direction, metres. */
  readonly depth: number;
  /** Pixels per metre at this depth. */
  readonly scale: number;
}

export class Camera {
  private readonly position: Vec3;
  private readonly right: Vec3;
  private readonly up: Vec3;
  private readonly forward: Vec3;
  readonly focalPx: number;
  private readonly rollCos: number;
  private readonly rollSin: number;
  readonly distance: number;

  constructor(random: Random, ranges: WorldRanges, bodyHeight: number, readonly width: number, readonly height: number) {
    this.distance = random.range(ranges.cameraDistance);
    const sideways = random.range(ranges.cameraSideways);
    const cameraHeight = random.range(ranges.cameraHeight);
    this.position = [sideways * random.uniform(0, 1), cameraHeight, this.distance];
    const target: Vec3 = [sideways, random.range(ranges.lookHeightFraction) * bodyHeight, 0];
    const forward = normalise([target[0] - this.position[0], target[1] - this.position[1], target[2] - this.position[2]]);
    const right = normalise(cross(forward, [0, 1, 0]));
    this.forward = forward;
    this.right = right;
    this.up = cross(right, forward);
    const fieldOfView = (random.range(ranges.fieldOfView) * Math.PI) / 180;
    this.focalPx = width / 2 / Math.tan(fieldOfView / 2);
    const roll = (random.range(ranges.cameraRollDeg) * Math.PI) / 180;
    this.rollCos = Math.cos(roll);
    this.rollSin = Math.sin(roll);
  }

  project(point: Vec3): Projected | null {
    const dx = point[0] - this.position[0];
    const dy = point[1] - this.position[1];
    const dz = point[2] - this.position[2];
    const depth = dx * this.forward[0] + dy * this.forward[1] + dz * this.forward[2];
    if (depth < 0.1) return null;
    const cameraX = dx * this.right[0] + dy * this.right[1] + dz * this.right[2];
    const cameraY = dx * this.up[0] + dy * this.up[1] + dz * this.up[2];
    const scale = this.focalPx / depth;
    const u = cameraX * scale;
    const v = -cameraY * scale;
    return {
      x: this.width / 2 + u * this.rollCos - v * this.rollSin,
      y: this.height / 2 + u * this.rollSin + v * this.rollCos,
      depth,
      scale,
    };
  }

  /** Half the width the camera sees at the juggler's depth, metres. */
  visibleHalfWidthAtJuggler(): number {
    return (this.width / 2) * (this.distance / this.focalPx);
  }
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function normalise(a: Vec3): Vec3 {
  const size = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / size, a[1] / size, a[2] / size];
}
