// Where the hands are when nobody says (the app's detector finds balls only): from where flights
// begin and end. Throws are first seen, and catches last seen, a few radii above the hand that
// threw or caught them, so these points cluster into a left and a right zone just above the hands;
// the zones follow the juggler as the points of the last few seconds do (older ones are forgotten).
import type { ImagePoint } from './ball-track-types.ts';

export interface HandZoneOptions {
  /** Flight ends older than this are forgotten (the juggler may walk). */
  readonly memoryMs: number;
  /** At most this many flight ends are kept (bounded memory). */
  readonly maxEnds: number;
  /** Fewer ends than this: no zone yet. */
  readonly minEnds: number;
  /** Two clusters of ends this far apart (radii) are two hands; closer, one zone. */
  readonly splitRadii: number;
  /** Throws all from one place and catches all at another this far away (radii): two hands (a shower), not one hand's scoop. */
  readonly crossRadii: number;
  /** Each of two hands has at least this share of the ends. */
  readonly minSideShare: number;
  /** The hand is this far (radii) below the lower ends of its flights... */
  readonly belowEndsRadii: number;
  /** ...the ends at this quantile of height (1 = the lowest). */
  readonly lowQuantile: number;
  /** A detection in a zone that moved slower than this since the last frame is a held ball. */
  readonly heldSpeedRadiiPerSec: number;
}

export const DEFAULT_HAND_ZONE_OPTIONS: HandZoneOptions = { memoryMs: 5000, maxEnds: 48, minEnds: 3, splitRadii: 3, crossRadii: 4.3, minSideShare: 0.2, belowEndsRadii: 2.5, lowQuantile: 0.7, heldSpeedRadiiPerSec: 20 };

export type Hands = readonly [ImagePoint | null, ImagePoint | null];
export type EndKind = 'throw' | 'catch';

interface FlightEnd {
  readonly x: number;
  readonly y: number;
  readonly timeMs: number;
  readonly radiusPx: number;
  readonly kind: EndKind;
}

const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
};
const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Two means along x (from the outer quintiles): the two centres, image left first, or one when they do not split. */
function splitX(xs: readonly number[], minGapPx: number, minShare: number): number[] {
  if (xs.length === 0) return [];
  let centres = [quantile(xs, 0.2), quantile(xs, 0.8)];
  let groups: number[][] = [[], []];
  for (let iteration = 0; iteration < 8; iteration++) {
    groups = [[], []];
    for (const x of xs) groups[Math.abs(x - centres[0]) <= Math.abs(x - centres[1]) ? 0 : 1].push(x);
    if (groups[0].length === 0 || groups[1].length === 0) break;
    centres = groups.map(mean);
  }
  const spread = Math.sqrt(groups.flatMap((group, index) => group.map((x) => (x - centres[index]) ** 2)).reduce((sum, value) => sum + value, 0) / xs.length);
  const minSide = Math.max(2, minShare * xs.length);
  const gap = centres[1] - centres[0];
  return groups[0].length >= minSide && groups[1].length >= minSide && gap >= minGapPx && gap >= 4 * spread ? centres : [quantile(xs, 0.5)];
}

/**
 * Throws leave a hand near the pattern's middle and catches land further out (the hands scoop), so
 * throw and catch points are sorted into hands each on their own, then matched side to side.
 */
export class HandZones {
  private readonly options: HandZoneOptions;
  private ends: FlightEnd[] = [];
  /** Per kind of end, the x of each hand's ends (image left = the juggler's right = hand 0), null for a hand that shows none. */
  private centres: Record<EndKind, [number | null, number | null]> = { throw: [null, null], catch: [null, null] };
  private two = false;
  private level: number | null = null;
  private middle: number | null = null;
  private lastDetections: readonly ImagePoint[] = [];
  private lastMs = -Infinity;

  constructor(options: Partial<HandZoneOptions> = {}) {
    this.options = { ...DEFAULT_HAND_ZONE_OPTIONS, ...options };
  }

  reset(): void {
    this.ends = [];
    this.centres = { throw: [null, null], catch: [null, null] };
    this.two = false;
    this.level = null;
    this.middle = null;
    this.lastDetections = [];
    this.lastMs = -Infinity;
  }

  /** Where a flight was first seen rising ('throw'), or last seen falling into a hand ('catch'). */
  note(point: ImagePoint, kind: EndKind, timeMs: number, radiusPx: number): void {
    this.ends.push({ x: point.x, y: point.y, timeMs, radiusPx, kind });
    if (this.ends.length > this.options.maxEnds) this.ends.shift();
  }

  /** Re-derives the zones from the ends of the last memoryMs (a few dozen points: cheap). */
  update(nowMs: number): void {
    const options = this.options;
    this.ends = this.ends.filter((end) => nowMs - end.timeMs <= options.memoryMs);
    const ends = this.ends;
    this.two = false;
    this.centres = { throw: [null, null], catch: [null, null] };
    if (ends.length < options.minEnds) {
      this.level = null;
      this.middle = null;
      return;
    }
    const radius = quantile(ends.map((end) => end.radiusPx), 0.5);
    this.level = quantile(ends.map((end) => end.y), options.lowQuantile) + options.belowEndsRadii * radius;
    this.middle = quantile(ends.map((end) => end.x), 0.5);
    const minGapPx = options.splitRadii * radius;
    const throws = splitX(ends.filter((end) => end.kind === 'throw').map((end) => end.x), minGapPx, options.minSideShare);
    const catches = splitX(ends.filter((end) => end.kind === 'catch').map((end) => end.x), minGapPx, options.minSideShare);
    const pair = (centres: number[]): [number, number] => [centres[0], centres[1]];
    if (throws.length === 2 && catches.length === 2) this.centres = { throw: pair(throws), catch: pair(catches) };
    else if (throws.length === 2 || catches.length === 2) {
      // One kind tells the hands apart; the other kind's ends all belong to the nearer hand.
      const [split, other] = throws.length === 2 ? [throws, catches] : [catches, throws];
      const otherCentres: [number | null, number | null] = [null, null];
      if (other.length === 1) otherCentres[Math.abs(other[0] - split[0]) <= Math.abs(other[0] - split[1]) ? 0 : 1] = other[0];
      this.centres = throws.length === 2 ? { throw: pair(split), catch: otherCentres } : { throw: otherCentres, catch: pair(split) };
    } else if (throws.length === 1 && catches.length === 1 && Math.abs(throws[0] - catches[0]) >= options.crossRadii * radius) {
      // One hand throws, the other catches (a shower's high throws).
      const throwLeft = throws[0] < catches[0];
      this.centres = { throw: throwLeft ? [throws[0], null] : [null, throws[0]], catch: throwLeft ? [null, catches[0]] : [catches[0], null] };
    } else return;
    this.two = true;
    const hands = this.hands;
    this.middle = (hands[0]!.x + hands[1]!.x) / 2;
  }

  /** Which hand a flight's end (first or last sighting) belongs to; one zone: all one side. */
  sideOf(point: ImagePoint, kind: EndKind): { hand: 0 | 1 | null; side: 0 | 1 } {
    if (!this.two) return { hand: null, side: 0 };
    const own = this.centres[kind];
    const centres = own[0] !== null || own[1] !== null ? own : this.centres[kind === 'throw' ? 'catch' : 'throw'];
    const [left, right] = centres;
    // A hand that shows no ends of this kind: the middle of the pattern splits the sides.
    const side = left === null || right === null ? (point.x < this.middle! ? 0 : 1) : Math.abs(point.x - left) <= Math.abs(point.x - right) ? 0 : 1;
    return { hand: side, side };
  }

  /** The two hand zones (image left first: where catches land, else throws leave), or nulls while not told apart. */
  get hands(): Hands {
    if (!this.two || this.level === null) return [null, null];
    const at = (side: 0 | 1): ImagePoint | null => {
      const x = this.centres.catch[side] ?? this.centres.throw[side];
      return x === null ? null : { x, y: this.level! };
    };
    return [at(0), at(1)];
  }

  get twoHands(): boolean {
    return this.two;
  }

  /** The hands' height, a little below the lower flight ends. */
  get levelY(): number | null {
    return this.level;
  }

  get centreX(): number | null {
    return this.middle;
  }

  /**
   * Which of this frame's detections are held balls: in a zone, and slow (a detection of the last
   * frame lies close by; a ball in flight moves radii a frame near the hands).
   */
  heldTest(detections: readonly ImagePoint[], nowMs: number, radiusPx: number, zoneRadii: number): (point: ImagePoint) => boolean {
    const previous = this.lastDetections;
    const stepSec = (nowMs - this.lastMs) / 1000;
    this.lastDetections = detections;
    this.lastMs = nowMs;
    const [left, right] = this.hands;
    if (!left || !right || !(stepSec > 0 && stepSec < 0.25)) return () => false;
    const nearPx = radiusPx * Math.max(1, this.options.heldSpeedRadiiPerSec * stepSec);
    return (point) => [left, right].some((zone) => Math.hypot(zone.x - point.x, zone.y - point.y) < zoneRadii * radiusPx)
      && previous.some((other) => Math.hypot(other.x - point.x, other.y - point.y) < nearPx);
  }
}
