// Ball and hand motion: a siteswap pattern simulated with hands that hold queues of balls,
// gravity-correct flights, scooping hands, holds, drops that fall and roll on the floor.
import { parseSiteswap, unroll } from './siteswap.ts';
import type { Random } from '../core/random.ts';

export type Vec3 = readonly [number, number, number];
export const GRAVITY = 9.81;

export interface RoutineParams {
  readonly siteswap: string;
  readonly ballCount: number;
  /** Seconds per beat (one throw per beat in async patterns). */
  readonly beatSec: number;
  /** Fraction of the hand period (2 beats) a ball spends in the hand. */
  readonly dwellRatio: number;
  /** Throws per cycle before holding (episodic classes: exchange, flash); Infinity = continuous. */
  readonly throwsPerCycle: number;
  readonly cycleBeats: number;
  /** Per-throw timing and height jitter, fraction of a beat (unsteady rhythm). */
  readonly timingJitter: number;
  /** First hand to throw: 0 right, 1 left. */
  readonly firstHand: 0 | 1;
  /** Index of the throw that is not caught (drop), or -1. */
  readonly dropThrowIndex: number;
  /** Where hands catch and throw. */
  readonly placement: 'cascade' | 'reverse' | 'columns';
  readonly handSpacing: number;
  readonly handHeight: number;
  readonly handForward: number;
  /** Scoop depth of the hand during a dwell. */
  readonly scoopDepth: number;
  readonly ballRadius: number;
  readonly startSec: number;
  readonly endSec: number;
}

interface Flight {
  readonly ball: number;
  readonly throwSec: number;
  readonly catchSec: number;
  readonly from: Vec3;
  readonly to: Vec3;
  readonly toHand: 0 | 1;
  readonly dropped: boolean;
}

interface HandKey {
  readonly timeSec: number;
  readonly position: Vec3;
  readonly kind: 'catch' | 'throw';
}

export interface BallState {
  readonly position: Vec3;
  readonly velocity: Vec3;
  readonly inHand: boolean;
}

const sideSign = (hand: 0 | 1): number => (hand === 0 ? -1 : 1); // right hand on the juggler's right = image left when facing camera

export class Routine {
  readonly flights: Flight[] = [];
  private readonly handKeys: [HandKey[], HandKey[]] = [[], []];
  /** Which hand holds each ball before its first throw. */
  private readonly initialHand: (0 | 1)[] = [];
  readonly dropSec: number;

  constructor(readonly params: RoutineParams, random: Random) {
    const pattern = parseSiteswap(params.siteswap);
    const beatCount = Math.ceil((params.endSec - params.startSec) / params.beatSec) + 12;
    const throws = unroll(pattern, beatCount, params.firstHand);
    const dwellSec = params.dwellRatio * 2 * params.beatSec;
    // Balls in each hand: ball id and the time it arrives.
    const held: [{ ball: number; arrivesSec: number }[], { ball: number; arrivesSec: number }[]] = [[], []];
    let freshBalls = 0;
    let throwIndex = 0;
    let stopSec = Infinity;
    const jitter = (): number => (params.timingJitter > 0 ? random.normal() * params.timingJitter * params.beatSec : 0);
    for (const entry of throws) {
      const throwCountInCycle = throws.filter((other) => other.beat < entry.beat && Math.floor(other.beat / params.cycleBeats) === Math.floor(entry.beat / params.cycleBeats)).length;
      if (Number.isFinite(params.throwsPerCycle) && throwCountInCycle >= params.throwsPerCycle) continue;
      const throwSec = params.startSec + entry.beat * params.beatSec + jitter();
      if (throwSec > stopSec) break;
      const queue = held[entry.hand];
      let ball: number;
      const readyIndex = queue.findIndex((item) => item.arrivesSec <= throwSec - 0.05);
      if (readyIndex >= 0) {
        ball = queue.splice(readyIndex, 1)[0].ball;
      } else if (freshBalls < params.ballCount) {
        ball = freshBalls++;
        this.initialHand[ball] = entry.hand;
      } else continue;
      const valueSec = entry.value * params.beatSec;
      const flightSec = entry.value <= 1 ? 0.45 * params.beatSec : Math.max(valueSec - dwellSec, 0.25 * params.beatSec) * (1 + jitter() / params.beatSec * 0.5);
      const catchSec = throwSec + flightSec;
      const from = this.throwPoint(entry.hand, entry.beat, entry.value);
      const to = this.catchPoint(entry.toHand, entry.beat, entry.value);
      const dropped = throwIndex === params.dropThrowIndex;
      this.flights.push({ ball, throwSec, catchSec, from, to, toHand: entry.toHand, dropped });
      this.handKeys[entry.hand].push({ timeSec: throwSec, position: from, kind: 'throw' });
      if (dropped) stopSec = catchSec;
      else {
        this.handKeys[entry.toHand].push({ timeSec: catchSec, position: to, kind: 'catch' });
        held[entry.toHand].push({ ball, arrivesSec: catchSec });
      }
      throwIndex++;
    }
    // Balls never thrown (e.g. a pattern that stops early) start in alternating hands.
    for (let ball = 0; ball < params.ballCount; ball++) if (this.initialHand[ball] === undefined) this.initialHand[ball] = (ball % 2) as 0 | 1;
    for (const keys of this.handKeys) keys.sort((a, b) => a.timeSec - b.timeSec);
    this.dropSec = Number.isFinite(stopSec) ? stopSec : -1;
  }

  private basePoint(hand: 0 | 1, offset: number): Vec3 {
    const { handSpacing, handHeight, handForward } = this.params;
    return [sideSign(hand) * (handSpacing / 2 + offset), handHeight, handForward];
  }

  private throwPoint(hand: 0 | 1, beat: number, value: number): Vec3 {
    const placement = this.params.placement;
    if (placement === 'columns') return beat % 4 === 2 ? [0, this.params.handHeight, this.params.handForward] : this.basePoint(hand, 0.02);
    if (placement === 'reverse') return this.basePoint(hand, 0.08);
    return this.basePoint(hand, value === 1 ? -0.02 : -0.07);
  }

  private catchPoint(hand: 0 | 1, beat: number, value: number): Vec3 {
    const placement = this.params.placement;
    if (placement === 'columns') return this.throwPoint(hand, beat, value);
    if (placement === 'reverse') return this.basePoint(hand, -0.06);
    return this.basePoint(hand, 0.08);
  }

  restPoint(hand: 0 | 1): Vec3 {
    return this.basePoint(hand, 0);
  }

  /** Hand position at `timeSec`, relative to the body root. */
  handAt(hand: 0 | 1, timeSec: number): Vec3 {
    const keys = this.handKeys[hand];
    const rest = this.restPoint(hand);
    const nextIndex = keys.findIndex((key) => key.timeSec > timeSec);
    const previous = nextIndex === -1 ? keys[keys.length - 1] : keys[nextIndex - 1];
    const next = nextIndex === -1 ? undefined : keys[nextIndex];
    const settleSec = 0.35;
    if (!previous && !next) return rest;
    if (!previous) return blend(rest, next!.position, smooth(1 - (next!.timeSec - timeSec) / settleSec));
    if (!next || next.timeSec - previous.timeSec > 1.2) {
      // A long hold: settle to rest, and wind up before the next throw.
      const away = smooth((timeSec - previous.timeSec) / settleSec);
      const fromPrevious = blend(previous.position, rest, away);
      if (!next) return fromPrevious;
      return blend(fromPrevious, next.position, smooth(1 - (next.timeSec - timeSec) / settleSec));
    }
    const progress = (timeSec - previous.timeSec) / (next.timeSec - previous.timeSec);
    const position = blend(previous.position, next.position, progress);
    // Catch → throw: the hand scoops down; throw → catch: it rises slightly as it moves out.
    const arc = Math.sin(Math.PI * progress);
    const lift = previous.kind === 'catch' ? -this.params.scoopDepth * arc : 0.25 * this.params.scoopDepth * arc;
    return [position[0], position[1] + lift, position[2]];
  }

  /** Every ball's state at `timeSec`, relative to the body root (drops: relative too; the floor is y = 0). */
  ballsAt(timeSec: number): BallState[] {
    const states: BallState[] = [];
    for (let ball = 0; ball < this.params.ballCount; ball++) {
      let lastFlight: Flight | undefined;
      let current: Flight | undefined;
      for (const flight of this.flights) {
        if (flight.ball !== ball) continue;
        if (flight.throwSec <= timeSec) lastFlight = flight;
        if (flight.throwSec <= timeSec && (timeSec < flight.catchSec || flight.dropped)) current = flight;
      }
      if (current) states.push(this.flightState(current, timeSec));
      else {
        const hand = lastFlight ? lastFlight.toHand : this.initialHand[ball];
        const position = this.handAt(hand, timeSec);
        // Two balls in one hand sit side by side.
        const sameHand = states.filter((state) => state.inHand && Math.abs(state.position[0] - position[0]) < 0.03).length;
        states.push({ position: [position[0] + sameHand * 0.8 * this.params.ballRadius * 2 * -sideSign(hand), position[1] + this.params.ballRadius, position[2]], velocity: [0, 0, 0], inHand: true });
      }
    }
    return states;
  }

  private flightState(flight: Flight, timeSec: number): BallState {
    const flightSec = flight.catchSec - flight.throwSec;
    const velocityY = (flight.to[1] - flight.from[1]) / flightSec + (GRAVITY * flightSec) / 2;
    const velocityX = (flight.to[0] - flight.from[0]) / flightSec;
    const velocityZ = (flight.to[2] - flight.from[2]) / flightSec;
    const radius = this.params.ballRadius;
    const elapsed = timeSec - flight.throwSec;
    if (!flight.dropped || elapsed < flightSec) {
      return {
        position: [flight.from[0] + velocityX * elapsed, flight.from[1] + radius + velocityY * elapsed - (GRAVITY * elapsed * elapsed) / 2, flight.from[2] + velocityZ * elapsed],
        velocity: [velocityX, velocityY - GRAVITY * elapsed, velocityZ],
        inHand: false,
      };
    }
    return dropState(flight.from, [velocityX * 0.7, velocityY, velocityZ + 0.4], radius, elapsed);
  }
}

/** A missed ball: free fall to the floor, damped bounces, then it rolls to a stop. */
function dropState(from: Vec3, velocity: Vec3, radius: number, elapsed: number): BallState {
  let x = from[0];
  let y = from[1] + radius;
  let z = from[2];
  let [vx, vy, vz] = velocity;
  const step = 1 / 240;
  for (let time = 0; time < elapsed; time += step) {
    vy -= GRAVITY * step;
    x += vx * step;
    y += vy * step;
    z += vz * step;
    if (y < radius) {
      y = radius;
      vy = Math.abs(vy) * 0.35 > 0.3 ? Math.abs(vy) * 0.35 : 0;
      vx *= 0.8;
      vz *= 0.8;
    }
    if (y <= radius + 1e-6 && vy === 0) {
      vx *= 1 - 2.5 * step;
      vz *= 1 - 2.5 * step;
    }
  }
  return { position: [x, y, z], velocity: [vx, vy, vz], inHand: false };
}

function smooth(value: number): number {
  const clamped = Math.min(Math.max(value, 0), 1);
  return clamped * clamped * (3 - 2 * clamped);
}

export function blend(a: Vec3, b: Vec3, amount: number): Vec3 {
  return [a[0] + (b[0] - a[0]) * amount, a[1] + (b[1] - a[1]) * amount, a[2] + (b[2] - a[2]) * amount];
}

/** Seconds per beat for a pattern whose `value` throws peak `peakHeight` above the hands. */
export function beatForPeak(value: number, dwellRatio: number, peakHeight: number): number {
  const flightSec = Math.sqrt((8 * peakHeight) / GRAVITY);
  return flightSec / (value - 2 * dwellRatio);
}
