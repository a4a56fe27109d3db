// From per-frame ball detections to flights under gravity, throws, catches, rhythm and the
// number of balls in the pattern. Pure and incremental: one push per frame, bounded memory.
//
// Sizes are in ball radii (the detector's ballRadiusPx), so one set of thresholds serves every
// camera distance. Detections in a hand are left out: a held ball does not fly, and the count
// infers held balls from the hands' throws instead (ball-count.ts). Without hands given, the hand
// zones are inferred from where flights begin and end (ball-hands.ts).
import { combineCounts, estimateBallCount, estimateFromRhythm, type FlightSpan } from './ball-count.ts';
import { FlightRules, handCrossingMs, rhythmSpread } from './ball-flights.ts';
import { HandZones, type EndKind } from './ball-hands.ts';
import { bestSeed, type SeedFrame } from './ball-seeds.ts';
import { apexOf, fitParabola, positionOnParabola, verticalSpeedAt, type Parabola } from './ball-parabola.ts';
import { DEFAULT_TRACKER_OPTIONS, type Catch, type ImagePoint, type Throw, type TrackerFrame, type TrackerOptions, type TrackerState, type TrackPoint } from './ball-track-types.ts';

export type { Parabola } from './ball-parabola.ts';
export { rhythmSpread } from './ball-flights.ts';
export { DEFAULT_TRACKER_OPTIONS, type Catch, type Detection, type ImagePoint, type Throw, type Track, type TrackerFrame, type TrackerOptions, type TrackerState, type TrackPoint } from './ball-track-types.ts';

interface LiveTrack {
  readonly id: number;
  readonly points: TrackPoint[];
  fit: Parabola | null;
  ballistic: boolean;
  live: boolean;
  /** Fell past the hands. */
  dropped: boolean;
  /** Rose from below the hands: off the floor. */
  bounced: boolean;
  /** Hands and head when first and last seen, for which hand threw and caught. */
  readonly startHands: Hands;
  endHands: Hands;
  readonly startHead: TrackerFrame['head'];
  radiusPx: number;
}

type Hands = readonly [ImagePoint | null, ImagePoint | null];

interface PendingFrame extends SeedFrame {
  readonly hands: Hands;
  readonly head: TrackerFrame['head'];
}

const NO_HANDS: Hands = [null, null];
const distance = (a: ImagePoint, b: ImagePoint): number => Math.hypot(a.x - b.x, a.y - b.y);
const blend = (old: number | null, value: number): number => (old === null ? value : old + 0.1 * (value - old));
const lastOf = <T>(items: readonly T[]): T => items[items.length - 1];

export class BallTracker {
  private readonly options: TrackerOptions;
  private readonly rules: FlightRules;
  private tracks: LiveTrack[] = [];
  /** Unclaimed detections of the last few frames, from which new flights start. */
  private pending: PendingFrame[] = [];
  private nextId = 1;
  private firstFrameMs: number | null = null;
  private runStartMs = -Infinity;
  private lastDropMs: number | null = null;
  private pendingDropMs: number | null = null;
  /** The flight and the sighting below the hands that made the pending drop (noteDrops), until it is confirmed. */
  private dropSighting: { readonly flight: LiveTrack; readonly point: TrackPoint } | null = null;
  /** Running image x of the pattern's middle and y of the hands (or of where throws are first seen). */
  private centreX: number | null = null;
  private handLevelY: number | null = null;
  private handsSeen = false;
  /** Without hands given: hand zones inferred from where flights begin and end. */
  private readonly zones = new HandZones();
  private handsGiven = false;
  private lastFrameMs: number | null = null;

  constructor(options: Partial<TrackerOptions> = {}) {
    this.options = { ...DEFAULT_TRACKER_OPTIONS, ...options };
    this.rules = new FlightRules(this.options);
  }

  reset(): void {
    this.tracks = [];
    this.pending = [];
    this.firstFrameMs = null;
    this.runStartMs = -Infinity;
    this.lastDropMs = null;
    this.pendingDropMs = null;
    this.dropSighting = null;
    this.centreX = null;
    this.handLevelY = null;
    this.handsSeen = false;
    this.zones.reset();
    this.handsGiven = false;
    this.rules.reset();
    this.lastFrameMs = null;
  }

  push(frame: TrackerFrame): TrackerState {
    const nowMs = frame.timeMs;
    const radius = Math.max(frame.ballRadiusPx, 0.5);
    const hands = frame.hands ?? NO_HANDS;
    this.handsGiven = frame.hands !== undefined;
    this.firstFrameMs ??= nowMs;
    if (this.lastFrameMs !== null && nowMs > this.lastFrameMs) this.rules.noteFrameInterval(nowMs - this.lastFrameMs);
    this.lastFrameMs = nowMs;
    this.noteHands(hands);
    if (!this.handsGiven) this.inferHands(nowMs);
    const held = this.handsGiven
      ? (detection: ImagePoint) => hands.some((hand) => hand && distance(hand, detection) < this.options.handZoneRadii * radius)
      : this.zones.heldTest(frame.detections, nowMs, radius, this.options.handZoneRadii);
    const points: TrackPoint[] = frame.detections
      .filter((detection) => detection.score >= this.options.minScore && !held(detection))
      .map((detection) => ({ timeMs: nowMs, x: detection.x, y: detection.y, score: detection.score }));
    const extended = this.extendTracks(points, nowMs, radius, hands);
    const free = this.startTracks(points.filter((point) => !extended.has(point)), radius, hands, frame.head ?? null);
    this.noteStops(free, nowMs, radius);
    this.noteDrops(free, nowMs, radius);
    this.noteFallenBalls(nowMs, radius);
    this.pending.push({ timeMs: nowMs, points: free, hands, head: frame.head ?? null });
    // At low frame rates a seed needs more time to collect its three sightings.
    const seedWindowMs = Math.max(this.options.seedWindowMs, 3.5 * this.rules.frameIntervalMs);
    this.pending = this.pending.filter((pending) => nowMs - pending.timeMs <= seedWindowMs);
    for (const track of this.tracks) if (track.live && this.isOver(track, nowMs)) this.end(track);
    this.tracks = this.tracks.filter((track) => (track.live || track.ballistic) && nowMs - lastOf(track.points).timeMs <= this.options.historyMs);
    return this.state(nowMs);
  }

  /** No hands given: the hands' level and the pattern's middle from the inferred zones. */
  private inferHands(nowMs: number): void {
    this.zones.update(nowMs);
    this.handLevelY = this.zones.levelY;
    this.centreX = this.zones.centreX;
  }

  private noteHands(hands: Hands): void {
    const seen = hands.filter((hand): hand is ImagePoint => hand !== null);
    if (seen.length === 0) return;
    this.handsSeen = true;
    this.centreX = blend(this.centreX, seen.reduce((sum, hand) => sum + hand.x, 0) / seen.length);
    this.handLevelY = blend(this.handLevelY, seen.reduce((sum, hand) => sum + hand.y, 0) / seen.length);
  }

  /** Greedy nearest-prediction matching, flights first; a point that spoils a flight's fit is refused. */
  private extendTracks(points: readonly TrackPoint[], nowMs: number, radius: number, hands: Hands): Set<TrackPoint> {
    const pairs: { tier: number; cost: number; track: LiveTrack; point: TrackPoint }[] = [];
    for (const track of this.tracks) {
      if (!track.live) continue;
      const { predicted, gatePx, onParabola } = this.rules.predict(track, nowMs, radius);
      // Below the hands a flight is either dropped (and seen falling on) or caught: no coasting there.
      const belowHands = this.handLevelY !== null && predicted.y > this.handLevelY + track.radiusPx;
      if (belowHands && nowMs - lastOf(track.points).timeMs > this.options.belowHandsCoastMs) continue;
      for (const point of points) {
        const cost = distance(predicted, point) / gatePx;
        if (cost <= 1) pairs.push({ tier: track.ballistic ? 0 : onParabola ? 1 : 2, cost, track, point });
      }
    }
    pairs.sort((a, b) => a.tier - b.tier || a.cost - b.cost);
    const used = new Set<TrackPoint>();
    const extended = new Set<LiveTrack>();
    for (const { track, point } of pairs) {
      if (used.has(point) || extended.has(track)) continue;
      const wasBallistic = track.ballistic;
      if (wasBallistic) {
        // A flight keeps its start: a point it cannot take (a held ball, a false detection) is refused.
        const extended = [...track.points, point];
        const fit = fitParabola(extended);
        if (!this.rules.isFlight(extended, fit, track.radiusPx)) continue;
        track.points.push(point);
        track.fit = fit;
      } else {
        track.points.push(point);
        this.rules.refit(track);
      }
      if (!wasBallistic && track.ballistic) this.noteBounce(track);
      if (!wasBallistic && track.ballistic && !this.handsGiven && track.fit && !track.bounced && verticalSpeedAt(track.fit, track.points[0].timeMs) < 0) {
        // No hands given: where flights are first seen rising tells where the hands are.
        this.zones.note(track.points[0], 'throw', track.points[0].timeMs, track.radiusPx);
      }
      used.add(point);
      extended.add(track);
      track.endHands = hands;
      track.radiusPx = radius;
    }
    return used;
  }

  /** New tracks from seeds: free points of this frame that continue two free points of recent frames. */
  private startTracks(points: readonly TrackPoint[], radius: number, hands: Hands, head: TrackerFrame['head']): TrackPoint[] {
    const options = this.options;
    const limits = { radiusPx: radius, gravityRadiiPerSec2: options.gravityRadiiPerSec2, gravityToleranceRadiiPerSec2: options.gravityRadiiPerSec2 * 0.6, maxSpeedRadiiPerSec: options.maxSpeedRadiiPerSec, gateRadii: options.gateRadii, windowSec: Math.max(options.seedWindowMs, 3.5 * this.rules.frameIntervalMs) / 1000 };
    const seeds = points.map((point) => bestSeed(this.pending, point, limits)).filter((seed) => seed !== null).sort((a, b) => a.cost - b.cost);
    const taken = new Set<TrackPoint>();
    for (const seed of seeds) {
      if (seed.points.some((point) => taken.has(point))) continue;
      for (const point of seed.points) taken.add(point);
      const startFrame = this.pending.find((pending) => pending.timeMs === seed.points[0].timeMs);
      const track: LiveTrack = { id: this.nextId++, points: [...seed.points], fit: null, ballistic: false, live: true, dropped: false, bounced: false, startHands: startFrame?.hands ?? hands, endHands: hands, startHead: startFrame?.head ?? head, radiusPx: radius };
      this.rules.refit(track);
      this.tracks.push(track);
    }
    for (const pending of this.pending) pending.points.splice(0, pending.points.length, ...pending.points.filter((point) => !taken.has(point)));
    return points.filter((point) => !taken.has(point));
  }

  /** Unseen too long, or its flight has already taken it into the hands' level: caught (or gone). */
  private isOver(track: LiveTrack, nowMs: number): boolean {
    const last = lastOf(track.points);
    if (last.timeMs === nowMs) return false;
    if (nowMs - last.timeMs > this.options.coastMs) return true;
    if (!track.fit || this.handLevelY === null || verticalSpeedAt(track.fit, nowMs) <= 0) return false;
    return positionOnParabola(track.fit, nowMs).y > this.handLevelY + this.options.dropBelowHandsRadii * track.radiusPx;
  }

  private end(track: LiveTrack): void {
    track.live = false;
    if (!track.ballistic || !track.fit) return;
    this.rules.learnGravity(track);
    const last = lastOf(track.points);
    const falling = verticalSpeedAt(track.fit, last.timeMs) > 0;
    if (falling && this.handLevelY !== null && last.y > this.handLevelY + this.options.dropBelowHandsRadii * track.radiusPx) this.markDrop(track, last.timeMs);
    else if (falling && !this.handsGiven && !track.bounced) this.zones.note(last, 'catch', last.timeMs, track.radiusPx);
  }

  /**
   * A falling flight that missed this frame, and a free detection well below the hands near where
   * it was heading: the ball fell past the hands (seen once before it leaves the frame, or bounced).
   */
  private noteDrops(free: readonly TrackPoint[], nowMs: number, radius: number): void {
    if (this.handLevelY === null || free.length === 0) return;
    const belowY = this.handLevelY + this.options.dropBelowHandsRadii * radius;
    for (const track of this.tracks) {
      if (!track.live || !track.ballistic || !track.fit || lastOf(track.points).timeMs === nowMs) continue;
      if (nowMs - lastOf(track.points).timeMs > 2.5 * this.rules.frameIntervalMs || verticalSpeedAt(track.fit, nowMs) <= 0) continue;
      const { predicted, gatePx } = this.rules.predict(track, nowMs, radius);
      const below = free.find((point) => point.y > belowY && distance(point, predicted) < 1.5 * gatePx);
      if (below) {
        track.live = false;
        this.markDrop(track, nowMs);
        this.dropSighting = { flight: track, point: below };
      }
    }
  }

  /**
   * The ball seen below the hands after a falling flight (noteDrops) is seen again where it was,
   * nearer that than where its fall would have taken it: it stopped there, in a hand that caught it
   * low (or below where the hands were inferred), so no drop. A dropped ball falls on or is gone.
   */
  private noteStops(free: readonly TrackPoint[], nowMs: number, radius: number): void {
    const sighting = this.dropSighting;
    if (!sighting || this.pendingDropMs === null || !sighting.flight.fit) return;
    const { flight, point } = sighting;
    const fallen = positionOnParabola(flight.fit!, nowMs);
    const stopped = free.some((other) => distance(other, point) < this.options.gateRadii * radius && distance(other, point) < distance(other, fallen));
    if (!stopped) return;
    flight.dropped = false;
    this.pendingDropMs = null;
    this.dropSighting = null;
  }

  /**
   * A ball seen lying (or rolling) far below the hands (fallenBelowHandsRadii), first seen soon
   * after a flight was last seen coming down: it fell past the hands unseen (a drop, if no throw
   * follows: confirmDrop). Seen minFlightPoints times, so one false detection there is not enough.
   */
  private noteFallenBalls(nowMs: number, radius: number): void {
    if (this.handLevelY === null || this.pendingDropMs !== null) return;
    const belowY = this.handLevelY + this.options.fallenBelowHandsRadii * radius;
    for (const track of this.tracks) {
      if (!track.live || track.ballistic || track.points.length !== this.options.minFlightPoints || lastOf(track.points).timeMs !== nowMs) continue;
      if (!track.points.every((point) => point.y > belowY)) continue;
      const firstMs = track.points[0].timeMs;
      if (this.lastDropMs !== null && firstMs <= this.lastDropMs + this.options.dropConfirmMs) continue;
      if (!this.tracks.some((flight) => this.cameDownBefore(flight, firstMs))) continue;
      // Only the time: the track itself may yet fly (a held ball, low in a hand, thrown).
      this.pendingDropMs = firstMs;
      this.dropSighting = null;
      return;
    }
  }

  /** A flight that ended on its way down within dropConfirmMs before `timeMs`. */
  private cameDownBefore(flight: LiveTrack, timeMs: number): boolean {
    if (flight.live || !flight.ballistic || !flight.fit || flight.bounced) return false;
    const last = lastOf(flight.points);
    return timeMs > last.timeMs && timeMs - last.timeMs <= this.options.dropConfirmMs && verticalSpeedAt(flight.fit, last.timeMs) > 0;
  }

  /** A flight that starts rising well below the hands is a ball bouncing off the floor: a drop, not a throw. */
  private noteBounce(track: LiveTrack): void {
    if (this.handLevelY === null || !track.fit) return;
    const first = track.points[0];
    if (verticalSpeedAt(track.fit, first.timeMs) >= 0 || first.y <= this.handLevelY + this.options.dropBelowHandsRadii * track.radiusPx) return;
    track.bounced = true;
    if (this.pendingDropMs === null && (this.lastDropMs === null || first.timeMs > this.lastDropMs + 2000)) this.markDrop(track, first.timeMs);
  }

  /** A ball that fell past the hands, if no throw follows soon (confirmDrop), ends the run. */
  private markDrop(track: LiveTrack, timeMs: number): void {
    track.dropped = true;
    this.pendingDropMs = timeMs;
    this.dropSighting = null;
  }

  /** Juggling that goes on was no drop (a false detection below the hands); juggling that stops was. */
  private confirmDrop(throws: readonly Throw[], nowMs: number): void {
    const dropMs = this.pendingDropMs;
    if (dropMs === null || nowMs - dropMs < this.options.dropConfirmMs) return;
    this.pendingDropMs = null;
    this.dropSighting = null;
    if (throws.some((entry) => entry.timeMs > dropMs && entry.timeMs <= dropMs + this.options.dropConfirmMs)) return;
    this.lastDropMs = dropMs;
    // What was counted before the drop no longer holds.
    this.runStartMs = dropMs;
  }

  /** Which hand is nearest; without hands, the side of the pattern (0 = image left). */
  private handAt(point: ImagePoint, hands: Hands, sighting: ImagePoint, kind: EndKind): { hand: 0 | 1 | null; side: 0 | 1 } {
    const [right, left] = hands;
    if (right && left) {
      const hand = distance(point, right) <= distance(point, left) ? 0 : 1;
      return { hand, side: hand };
    }
    if (right || left) return { hand: right ? 0 : 1, side: right ? 0 : 1 };
    // No hands given: the inferred zones, from sightings like this one.
    return this.zones.sideOf(sighting, kind);
  }

  /**
   * Does the flight land on the other side of the pattern's middle from where it rose? Its ends at
   * the hands' level (from the fit), each at least a ball radius from the middle; undefined when
   * the middle is unknown or an end is too near it.
   */
  private crossesMiddle(fit: Parabola, apexMs: number, aboveHandsMs: number, radiusPx: number): boolean | undefined {
    if (this.centreX === null) return undefined;
    const rise = positionOnParabola(fit, apexMs - aboveHandsMs / 2).x - this.centreX;
    const land = positionOnParabola(fit, apexMs + aboveHandsMs / 2).x - this.centreX;
    if (Math.abs(rise) < radiusPx || Math.abs(land) < radiusPx) return undefined;
    return rise * land < 0;
  }

  private state(nowMs: number): TrackerState {
    const flights: FlightSpan[] = [];
    const throws: Throw[] = [];
    const catches: Catch[] = [];
    for (const track of this.tracks) {
      if (!track.ballistic || !track.fit || track.bounced) continue;
      const first = track.points[0];
      const last = track.points[track.points.length - 1];
      const apex = apexOf(track.fit);
      const rising = verticalSpeedAt(track.fit, first.timeMs) < 0 && apex !== null && first.y - apex.y > track.radiusPx;
      const caught = !track.live && verticalSpeedAt(track.fit, last.timeMs) > 0 && !track.dropped;
      // The first and last sightings are outside the hands; the flight itself runs from hand to hand.
      const throwMs = rising ? handCrossingMs(track.fit, first, 'rising', track.radiusPx, this.handLevelY, this.options.maxExtrapolationMs) : first.timeMs;
      const catchMs = caught ? handCrossingMs(track.fit, last, 'falling', track.radiusPx, this.handLevelY, this.options.maxExtrapolationMs) : last.timeMs;
      const thrower = rising ? this.handAt(positionOnParabola(track.fit, throwMs), track.startHands, first, 'throw') : null;
      const catcher = caught ? this.handAt(positionOnParabola(track.fit, catchMs), track.endHands, last, 'catch') : null;
      const aboveHandsMs = apex && this.handLevelY !== null && this.handLevelY > apex.y ? 2000 * Math.sqrt((this.handLevelY - apex.y) / track.fit.a) : undefined;
      const crosses = apex && aboveHandsMs !== undefined ? this.crossesMiddle(track.fit, apex.timeMs, aboveHandsMs, track.radiusPx) : undefined;
      flights.push({
        startMs: throwMs,
        endMs: track.live ? nowMs : catchMs,
        throwHand: thrower?.side ?? null,
        catchHand: catcher?.side ?? null,
        ...(apex && aboveHandsMs !== undefined ? { apexMs: apex.timeMs, aboveHandsMs } : {}),
        ...(crosses !== undefined ? { crosses } : {}),
      });
      if (thrower && apex) {
        const head = track.startHead;
        throws.push({ trackId: track.id, timeMs: throwMs, fromHand: thrower.hand, apexY: apex.y, apexTimeMs: apex.timeMs, apexAboveHeadRadii: head ? (head.y - apex.y) / head.radiusPx : null });
      }
      if (catcher) catches.push({ trackId: track.id, timeMs: catchMs, hand: catcher.hand });
    }
    throws.sort((a, b) => a.timeMs - b.timeMs);
    catches.sort((a, b) => a.timeMs - b.timeMs);
    this.confirmDrop(throws, nowMs);
    const sinceMs = Math.max(this.firstFrameMs ?? nowMs, this.runStartMs);
    // Without hands the throwing sides are guesses that err both ways: then the count must be the usual one.
    const countOptions = this.handsSeen || this.zones.twoHands ? this.options.count : { ...this.options.count, minAgreement: Math.max(this.options.count.minAgreement, 0.5) };
    const occupancy = estimateBallCount(flights, nowMs, sinceMs, countOptions);
    const estimate = countOptions.rhythm ? combineCounts(occupancy, estimateFromRhythm(flights, nowMs, sinceMs)) : occupancy;
    return {
      ballCount: estimate.ballCount,
      confidence: estimate.confidence,
      tracks: this.tracks.filter((track) => track.ballistic || (track.live && track.points.length >= 2)).map((track) => ({ id: track.id, points: track.points, fit: track.fit, ballistic: track.ballistic, live: track.live })),
      throws,
      catches,
      rhythmSpread: rhythmSpread(throws.filter((entry) => entry.timeMs >= nowMs - this.options.count.windowMs && entry.timeMs >= sinceMs).map((entry) => entry.timeMs)),
      lastDropMs: this.lastDropMs,
    };
  }
}
