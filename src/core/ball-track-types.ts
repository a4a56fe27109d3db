// The ball tracker's public shapes and tuning, in image pixels (y down) and ball radii.
import { DEFAULT_COUNT_OPTIONS, type CountOptions } from './ball-count.ts';
import type { Parabola } from './ball-parabola.ts';

export interface Detection {
  readonly x: number;
  readonly y: number;
  readonly score: number;
}

export interface ImagePoint {
  readonly x: number;
  readonly y: number;
}

export interface TrackerFrame {
  readonly timeMs: number;
  readonly detections: readonly Detection[];
  /** Typical ball radius in pixels at this scale (from the detector's crop), lets thresholds be size-free. */
  readonly ballRadiusPx: number;
  /** Hands (image px; 0 = the juggler's right, image left), for held balls and which hand threw. */
  readonly hands?: readonly [ImagePoint | null, ImagePoint | null];
  /** For apex heights relative to the head. */
  readonly head?: { readonly x: number; readonly y: number; readonly radiusPx: number } | null;
}

export interface TrackPoint {
  readonly timeMs: number;
  readonly x: number;
  readonly y: number;
  readonly score: number;
}

export interface Track {
  readonly id: number;
  readonly points: readonly TrackPoint[];
  /** y = a t² + b t + c, x = vx t + x0, t in seconds since fit.t0Ms; null under 3 points. */
  readonly fit: Parabola | null;
  /** Enough points on a gravity-sized parabola: a ball in flight. */
  readonly ballistic: boolean;
  /** Still being followed (false: ended, kept a few seconds for the record). */
  readonly live: boolean;
}

export interface Throw {
  readonly trackId: number;
  readonly timeMs: number;
  readonly fromHand: 0 | 1 | null;
  readonly apexY: number;
  readonly apexTimeMs: number;
  /** Apex above the head's centre in head radii (negative: below), null without a head. */
  readonly apexAboveHeadRadii: number | null;
}

export interface Catch {
  readonly trackId: number;
  readonly timeMs: number;
  readonly hand: 0 | 1 | null;
}

export interface TrackerState {
  /** Balls in the pattern (in flight plus held), null when the evidence is thin ("Not sure yet…"). */
  readonly ballCount: number | null;
  readonly confidence: number;
  readonly tracks: readonly Track[];
  readonly throws: readonly Throw[];
  readonly catches: readonly Catch[];
  /** Spread of the intervals between throws relative to their mean (0 = metronome), null under 3 throws. */
  readonly rhythmSpread: number | null;
  /** When a ball last fell past the hands (a drop ends the run), or null. */
  readonly lastDropMs: number | null;
}

export interface TrackerOptions {
  /** Gravity in ball radii per s² (9.81 m/s² over a ~4 cm radius). */
  readonly gravityRadiiPerSec2: number;
  /** A flight's fitted gravity must lie within these multiples of the nominal one... */
  readonly gravityBand: readonly [number, number];
  /** ...and, once flights of this many points have been seen, these multiples of theirs. */
  readonly learnedGravityBand: readonly [number, number];
  readonly gravityLearningPoints: number;
  /** Match gate around a track's predicted position, radii, growing with time unseen. */
  readonly gateRadii: number;
  readonly gateGrowthRadiiPerSec: number;
  /** The gate also grows by this share of the distance the ball travels while unseen. */
  readonly speedGateShare: number;
  /** Fastest ball, radii per second: how far apart a new flight's first sightings may be. */
  readonly maxSpeedRadiiPerSec: number;
  /** Detections this close to a hand are held balls. */
  readonly handZoneRadii: number;
  /**
   * A model with a pose network: its wrists are the tracker's hands (held balls, the hands' level,
   * which hand threw) instead of the zones inferred from the flights. Off: read worse on the real
   * dev set (3-ball clips 8 → 6 of 12, 2026-12-03, models/MODEL.md); the head is given either way.
   */
  readonly handsFromPose: boolean;
  readonly minScore: number;
  readonly minFlightPoints: number;
  readonly minFlightMs: number;
  /** A flight is seen in at least this share of the frames it spans (false detections rarely are). */
  readonly minSightingShare: number;
  /** Largest root-mean-square fit error of a flight, radii. */
  readonly maxFitErrorRadii: number;
  /** How long a flight is followed unseen. */
  readonly coastMs: number;
  /** Below the hands a flight is followed unseen only this long. */
  readonly belowHandsCoastMs: number;
  /** Unclaimed detections this recent may start a flight (three in a row that move like one). */
  readonly seedWindowMs: number;
  /** A flight seen this far below the hands fell past them: a drop... */
  readonly dropBelowHandsRadii: number;
  /**
   * A ball lying this far below the hands soon after a flight came down fell past them unseen
   * (farther than a hand scoops a caught ball, or than the inferred hands' level errs)...
   */
  readonly fallenBelowHandsRadii: number;
  /** ...either way a drop when no throw follows for this long. */
  readonly dropConfirmMs: number;
  /** Ended tracks are kept this long. */
  readonly historyMs: number;
  /** Throw and catch times are extrapolated along the flight to the hand, at most this far. */
  readonly maxExtrapolationMs: number;
  readonly count: CountOptions;
}

export const DEFAULT_TRACKER_OPTIONS: TrackerOptions = {
  gravityRadiiPerSec2: 245,
  gravityBand: [0.4, 2.5],
  learnedGravityBand: [0.7, 1.45],
  gravityLearningPoints: 6,
  gateRadii: 2.5,
  gateGrowthRadiiPerSec: 6,
  speedGateShare: 0.15,
  maxSpeedRadiiPerSec: 120,
  handZoneRadii: 2.5,
  handsFromPose: false,
  minScore: 0.3,
  minFlightPoints: 4,
  minFlightMs: 150,
  minSightingShare: 0.45,
  maxFitErrorRadii: 0.45,
  coastMs: 320,
  seedWindowMs: 250,
  belowHandsCoastMs: 110,
  dropBelowHandsRadii: 4,
  fallenBelowHandsRadii: 8,
  dropConfirmMs: 600,
  historyMs: 4000,
  maxExtrapolationMs: 200,
  count: DEFAULT_COUNT_OPTIONS,
};
