// The physics of a flight for the ball tracker: where a track should be next, whether its points
// lie on a parabola of this camera's gravity (learnt from long, clean flights), and trimming a
// track that started on a wrong point.
import { fitParabola, positionOnParabola, timeAtHeight, verticalSpeedAt, type Parabola } from './ball-parabola.ts';
import type { ImagePoint, TrackerOptions, TrackPoint } from './ball-track-types.ts';

const lastOf = <T>(items: readonly T[]): T => items[items.length - 1];

/** What the rules read and set on a track. */
export interface FlightTrack {
  readonly points: TrackPoint[];
  fit: Parabola | null;
  ballistic: boolean;
  radiusPx: number;
}

export class FlightRules {
  /** Gravity in radii per s² as this camera sees it, from long flights; null until one is seen. */
  private learnedGravity: number | null = null;
  private gravitySamples: number[] = [];
  /** Typical time between frames (a running estimate; the frame rate varies). */
  frameIntervalMs = 66;

  constructor(private readonly options: TrackerOptions) {}

  reset(): void {
    this.learnedGravity = null;
    this.gravitySamples = [];
    this.frameIntervalMs = 66;
  }

  noteFrameInterval(intervalMs: number): void {
    this.frameIntervalMs += 0.1 * (Math.min(intervalMs, 200) - this.frameIntervalMs);
  }

  /** Where a track should be now: on its parabola, else last velocity plus nominal gravity. */
  predict(track: FlightTrack, nowMs: number, radius: number): { predicted: ImagePoint; gatePx: number; onParabola: boolean } {
    const last = lastOf(track.points);
    const unseenSec = (nowMs - last.timeMs) / 1000;
    const options = this.options;
    if (track.fit && this.gravityFits(track.fit, track.radiusPx)) {
      // Fast balls get a wider gate: frame-time jitter and motion blur misplace them more.
      const speedPx = Math.hypot(track.fit.vx, verticalSpeedAt(track.fit, nowMs));
      const gatePx = radius * (options.gateRadii + options.gateGrowthRadiiPerSec * unseenSec) + options.speedGateShare * speedPx * unseenSec;
      return { predicted: positionOnParabola(track.fit, nowMs), gatePx, onParabola: true };
    }
    const previous = track.points[track.points.length - 2];
    const stepSec = Math.max((last.timeMs - previous.timeMs) / 1000, 1e-3);
    const gravityPx = options.gravityRadiiPerSec2 * radius;
    const speedX = (last.x - previous.x) / stepSec;
    const speedY = (last.y - previous.y) / stepSec + (gravityPx * stepSec) / 2;
    return {
      predicted: { x: last.x + speedX * unseenSec, y: last.y + speedY * unseenSec + (gravityPx * unseenSec * unseenSec) / 2 },
      gatePx: radius * (options.gateRadii + 1 + 2 * options.gateGrowthRadiiPerSec * unseenSec),
      onParabola: false,
    };
  }

  /** Within the nominal band, and once long flights have shown this camera's gravity, near that. */
  gravityFits(fit: Parabola, radiusPx: number): boolean {
    const gravityRadii = (2 * fit.a) / radiusPx;
    const [low, high] = this.learnedGravity === null ? this.options.gravityBand : this.options.learnedGravityBand;
    const reference = this.learnedGravity ?? this.options.gravityRadiiPerSec2;
    return gravityRadii >= low * reference && gravityRadii <= high * reference;
  }

  /** The median gravity of the last few long, clean flights (one odd flight cannot narrow the band). */
  learnGravity(track: FlightTrack): void {
    if (!track.fit || track.points.length < this.options.gravityLearningPoints || track.fit.rmsPx > 0.5 * this.options.maxFitErrorRadii * track.radiusPx) return;
    this.gravitySamples.push((2 * track.fit.a) / track.radiusPx);
    if (this.gravitySamples.length > 9) this.gravitySamples.shift();
    if (this.gravitySamples.length >= 3) this.learnedGravity = [...this.gravitySamples].sort((a, b) => a - b)[this.gravitySamples.length >> 1];
  }

  refit(track: FlightTrack): void {
    track.fit = fitParabola(track.points);
    track.ballistic = this.isFlight(track.points, track.fit, track.radiusPx);
    // Already on a parabola, only too young to call a flight (at 30 fps and more): keep it whole.
    if (track.ballistic || (track.fit && this.gravityFits(track.fit, track.radiusPx) && track.fit.rmsPx <= this.options.maxFitErrorRadii * track.radiusPx)) return;
    // A seed can start on a wrong point (a hand, a false detection): keep the longest recent run
    // that flies, or for a young track, the three newest points if they could.
    for (let drop = 1; track.points.length - drop >= 3; drop++) {
      const rest = track.points.slice(drop);
      const fit = fitParabola(rest);
      const flies = this.isFlight(rest, fit, track.radiusPx);
      if (!flies && !(rest.length === 3 && fit && this.gravityFits(fit, track.radiusPx))) continue;
      track.points.splice(0, drop);
      track.fit = fit;
      track.ballistic = flies;
      return;
    }
  }

  /** Enough sightings, spread over enough time and seen in most frames of it, on a parabola of this camera's gravity. */
  isFlight(points: readonly TrackPoint[], fit: Parabola | null, radiusPx: number): boolean {
    if (!fit || points.length < this.options.minFlightPoints) return false;
    const spanMs = lastOf(points).timeMs - points[0].timeMs;
    if (spanMs < this.options.minFlightMs || points.length < this.options.minSightingShare * (spanMs / this.frameIntervalMs + 1)) return false;
    return this.gravityFits(fit, radiusPx) && fit.rmsPx <= this.options.maxFitErrorRadii * radiusPx;
  }
}

/** When the flight was at the hands' level (a ball radius above), at most maxExtrapolationMs beyond the sighting. */
export function handCrossingMs(fit: Parabola, sighting: TrackPoint, branch: 'rising' | 'falling', radiusPx: number, handLevelY: number | null, limitMs: number): number {
  const crossingMs = handLevelY === null ? null : timeAtHeight(fit, handLevelY - radiusPx, branch);
  if (crossingMs === null) return sighting.timeMs;
  return branch === 'rising'
    ? Math.min(sighting.timeMs, Math.max(crossingMs, sighting.timeMs - limitMs))
    : Math.max(sighting.timeMs, Math.min(crossingMs, sighting.timeMs + limitMs));
}

/** Standard deviation of the gaps between throws over their mean. */
export function rhythmSpread(throwTimesMs: readonly number[]): number | null {
  if (throwTimesMs.length < 3) return null;
  const sorted = [...throwTimesMs].sort((a, b) => a - b);
  const intervals = sorted.slice(1).map((time, index) => time - sorted[index]);
  const mean = intervals.reduce((sum, value) => sum + value, 0) / intervals.length;
  if (!(mean > 0)) return null;
  const variance = intervals.reduce((sum, value) => sum + (value - mean) ** 2, 0) / intervals.length;
  return Math.sqrt(variance) / mean;
}
