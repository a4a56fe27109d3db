// Starting a flight: three detections in three recent frames that move like a thrown ball.
// Seeding from triples, never from a single detection, keeps random false detections from
// capturing a new ball's first sightings.
import type { TrackPoint } from './ball-track-types.ts';

export interface SeedFrame {
  readonly timeMs: number;
  /** Detections no track took, still free to start one. */
  readonly points: TrackPoint[];
}

export interface SeedLimits {
  readonly radiusPx: number;
  readonly gravityRadiiPerSec2: number;
  /** How far the real gravity (in radii) may be from the nominal one, radii per s². */
  readonly gravityToleranceRadiiPerSec2: number;
  readonly maxSpeedRadiiPerSec: number;
  readonly gateRadii: number;
  /** How far back seeds reach, seconds (scales the preference for tight triples). */
  readonly windowSec: number;
}

export interface Seed {
  readonly points: readonly [TrackPoint, TrackPoint, TrackPoint];
  /** Distance of the third point from where the first two put it, in gates (0..1), plus the triple's span over the window. */
  readonly cost: number;
}

/** The best seed ending in `last`, from two earlier frames of `frames` (oldest first), or null. */
export function bestSeed(frames: readonly SeedFrame[], last: TrackPoint, limits: SeedLimits): Seed | null {
  const radius = limits.radiusPx;
  const gravityPx = limits.gravityRadiiPerSec2 * radius;
  let best: Seed | null = null;
  for (let second = frames.length - 1; second >= 1; second--) {
    const secondFrame = frames[second];
    const stepSec = (last.timeMs - secondFrame.timeMs) / 1000;
    if (!(stepSec > 0)) continue;
    for (const middle of secondFrame.points) {
      if (Math.hypot(last.x - middle.x, last.y - middle.y) > radius * (2 + limits.maxSpeedRadiiPerSec * stepSec)) continue;
      for (let first = second - 1; first >= 0; first--) {
        const firstFrame = frames[first];
        const earlierSec = (secondFrame.timeMs - firstFrame.timeMs) / 1000;
        if (!(earlierSec > 0)) continue;
        for (const start of firstFrame.points) {
          if (Math.hypot(middle.x - start.x, middle.y - start.y) > radius * (2 + limits.maxSpeedRadiiPerSec * earlierSec)) continue;
          // Velocity at the middle point under nominal gravity, then on to the last point.
          const speedX = (middle.x - start.x) / earlierSec;
          const speedY = (middle.y - start.y) / earlierSec + (gravityPx * earlierSec) / 2;
          const predictedX = middle.x + speedX * stepSec;
          const predictedY = middle.y + speedY * stepSec + (gravityPx * stepSec * stepSec) / 2;
          const gravitySlackPx = (limits.gravityToleranceRadiiPerSec2 * radius * (earlierSec * stepSec + stepSec * stepSec)) / 2;
          const miss = Math.hypot(last.x - predictedX, last.y - predictedY) / (limits.gateRadii * radius + gravitySlackPx);
          if (miss > 1) continue;
          // Of the triples that fit, the tightest in time: long gaps leave false detections room to fit.
          const cost = miss + (earlierSec + stepSec) / limits.windowSec;
          if (!best || cost < best.cost) best = { points: [start, middle, last], cost };
        }
      }
    }
  }
  return best;
}
