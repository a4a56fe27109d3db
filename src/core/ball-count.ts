// Balls in the pattern from flights and hand events, without ever seeing a held ball: by
// occupancy (below) and by rhythm (estimateFromRhythm), combined by combineCounts.
//
// At any moment every ball is either in the air or in a hand. In the air: the flights whose
// span covers the moment. In a hand: a hand that will throw before it next catches must be
// holding the balls it throws (counted up to one hand period ahead, so a missed catch cannot
// pile up balls). Sampled over the last window this is the ball count at each moment; the
// highest value held at a fair share of the moments is the estimate (see below).

export interface FlightSpan {
  readonly startMs: number;
  /** Last sighting; "now" for a flight still in the air. */
  readonly endMs: number;
  /** The hand (or side) that threw it; null when the track began mid-air. */
  readonly throwHand: 0 | 1 | null;
  /** The hand (or side) that caught it; null while in the air or when it was lost mid-air. */
  readonly catchHand: 0 | 1 | null;
  /** When the fitted flight peaks, and how long it spends above the hands' level (from the fit); absent without a fit. */
  readonly apexMs?: number;
  readonly aboveHandsMs?: number;
  /**
   * The flight lands on the other side of the pattern's middle from where it rose (at the hands'
   * level, from the fit); absent when the middle is not known or an end is too near it to say.
   */
  readonly crosses?: boolean;
}

export interface CountOptions {
  /** The count reads the last this many ms. */
  readonly windowMs: number;
  /** No throw for this long (after some frames were seen) reads as 0 balls: no juggling. */
  readonly idleMs: number;
  readonly sampleMs: number;
  /** Fewer throws than this in the window is too thin to say. */
  readonly minThrows: number;
  /** The count must hold at this share of the sampled moments at least. */
  readonly minAgreement: number;
  /** No throw for this many typical gaps: the juggling has stopped. */
  readonly stoppedAfterGaps: number;
  /** Combine with the rhythm count (estimateFromRhythm); false: occupancy alone. */
  readonly rhythm: boolean;
}

export const DEFAULT_COUNT_OPTIONS: CountOptions = { windowMs: 2500, idleMs: 2500, sampleMs: 33, minThrows: 2, minAgreement: 0.3, stoppedAfterGaps: 3, rhythm: true };

export interface CountEstimate {
  readonly ballCount: number | null;
  readonly confidence: number;
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const gaps = (times: readonly number[]): number[] => times.slice(1).map((time, index) => time - times[index]);

/**
 * The count at `nowMs` from `flights` (any order) seen since `sinceMs` (first frame, or the end of
 * the last run, e.g. a drop).
 */
export function estimateBallCount(flights: readonly FlightSpan[], nowMs: number, sinceMs: number, options: CountOptions = DEFAULT_COUNT_OPTIONS): CountEstimate {
  const windowStartMs = Math.max(nowMs - options.windowMs, sinceMs);
  const current = flights.filter((flight) => flight.startMs >= sinceMs);
  const throwTimes = current.filter((flight) => flight.throwHand !== null).map((flight) => flight.startMs).sort((a, b) => a - b);
  const throwsInWindow = throwTimes.filter((time) => time >= windowStartMs).length;
  if (throwsInWindow === 0) {
    // Quiet since the last flight of any kind: a ball seen flying under gravity (even one whose
    // throw was not seen, e.g. a streak first found near its apex) is juggling, never "nobody".
    const lastFlightMs = Math.max(throwTimes[throwTimes.length - 1] ?? -Infinity, ...current.map((flight) => flight.endMs));
    const quietMs = nowMs - Math.max(sinceMs, lastFlightMs);
    if (quietMs < options.idleMs) return { ballCount: null, confidence: 0 };
    return { ballCount: 0, confidence: Math.min(1, 0.6 + (0.4 * (quietMs - options.idleMs)) / options.idleMs) };
  }
  if (throwsInWindow < options.minThrows) return { ballCount: null, confidence: 0.2 };

  // One hand period: the gap between a hand's throws (or twice the gap between any two throws).
  const overallGap = median(gaps(throwTimes).filter((gap) => gap > 60));
  // The throws have stopped (a drop, the end of a run): what the window shows is over.
  if (overallGap !== null && nowMs - throwTimes[throwTimes.length - 1] > Math.max(options.stoppedAfterGaps * overallGap, 800)) return { ballCount: null, confidence: 0.3 };
  const hands = ([0, 1] as const).map((hand) => {
    const throws = current.filter((flight) => flight.throwHand === hand).map((flight) => flight.startMs).sort((a, b) => a - b);
    const catches = current.filter((flight) => flight.catchHand === hand).map((flight) => flight.endMs).sort((a, b) => a - b);
    const periodMs = median(gaps(throws).filter((gap) => gap > 60)) ?? (overallGap === null ? options.windowMs : 2 * overallGap);
    return { throws, catches, horizonMs: periodMs * 1.15 };
  });

  const histogram = new Map<number, number>();
  let samples = 0;
  for (let timeMs = windowStartMs; timeMs <= nowMs; timeMs += options.sampleMs) {
    let count = current.filter((flight) => flight.startMs <= timeMs && timeMs < flight.endMs).length;
    let known = true;
    for (const hand of hands) {
      if (hand.throws.length === 0 && hand.catches.length === 0) continue;
      const nextCatchMs = hand.catches.find((time) => time > timeMs);
      if (nextCatchMs === undefined && timeMs + hand.horizonMs > nowMs) {
        known = false; // this hand may still throw what it holds
        break;
      }
      const untilMs = Math.min(nextCatchMs ?? Infinity, timeMs + hand.horizonMs);
      count += hand.throws.filter((time) => time > timeMs && time < untilMs).length;
    }
    if (!known) continue;
    histogram.set(count, (histogram.get(count) ?? 0) + 1);
    samples++;
  }
  if (samples < 8) return { ballCount: null, confidence: 0.2 };
  // A missed flight lowers the count at the moments it covers, and misses are far more common
  // than false flights: the answer is the highest count that a fair share of moments agree on.
  let best = 0;
  let bestSamples = 0;
  for (const [count, seen] of histogram) if (seen >= options.minAgreement * samples && count > best) [best, bestSamples] = [count, seen];
  const agreement = bestSamples / samples;
  const confidence = Math.min(1, agreement / 0.8) * Math.min(1, throwsInWindow / 4);
  if (best === 0) return { ballCount: null, confidence };
  return { ballCount: best, confidence };
}

/**
 * Balls from the rhythm, which missed flights barely move: every ball spends one flight and one
 * dwell per throw, so balls = (mean flight + mean dwell) × throws per second. The throw rate
 * comes from the beat (the period the flights' apexes keep, found however many were missed)
 * times the throws per beat (2 when both hands throw together); the flight time from each fit
 * (its time above the hands); the dwell from each catch to the same hand's next throw.
 */
export function estimateFromRhythm(flights: readonly FlightSpan[], nowMs: number, sinceMs: number, windowMs = 4000): CountEstimate {
  const fromMs = Math.max(nowMs - windowMs, sinceMs);
  const current = flights.filter((flight) => flight.startMs >= fromMs);
  // Every fitted flight peaks once a throw, whether or not it was seen leaving a hand: the
  // apexes keep the beat as the throws do, and the fit says how long the flight spends above the hands.
  const fitted = current.filter((flight) => flight.apexMs !== undefined && flight.aboveHandsMs !== undefined).sort((a, b) => a.apexMs! - b.apexMs!);
  if (fitted.length < 3) return { ballCount: null, confidence: 0 };
  // Apexes within 80 ms are one beat (both hands together).
  const beats: number[][] = [];
  for (const flight of fitted) {
    const last = beats[beats.length - 1];
    if (last && flight.apexMs! - last[0] < 80) last.push(flight.apexMs!);
    else beats.push([flight.apexMs!]);
  }
  const beatTimes = beats.map((beat) => beat[0]);
  const beatMs = periodOf(beatTimes);
  if (beatMs === null) return { ballCount: null, confidence: 0 };
  const beatShare = patternBeatShare(beatTimes, beatMs);
  if (beatShare === null) return { ballCount: null, confidence: 0.2 };
  // Both hands together on some beats (columns, synchronous patterns): more than one throw a beat.
  const throwsPerBeat = (fitted.length / beats.length) * beatShare;
  const flightMs = median(fitted.map((flight) => flight.aboveHandsMs!))!;
  const throws = current.filter((flight) => flight.throwHand !== null).sort((a, b) => a.startMs - b.startMs);
  const dwells: number[] = [];
  for (const flight of current) {
    if (flight.catchHand === null) continue;
    const next = throws.find((other) => other.throwHand === flight.catchHand && other.startMs > flight.endMs);
    if (next && next.startMs - flight.endMs <= 3.2 * beatMs) dwells.push(next.startMs - flight.endMs);
  }
  // Without a catch followed by the same hand's throw, a typical dwell: a little over a beat.
  const dwellMs = median(dwells) ?? beatMs * 1.2;
  // A hand holds a ball for part of its period (two beats when the hands take turns). A dwell far
  // shorter than that is more often a catch given to the wrong hand than a hand that rethrows at
  // once: then each flight's own throw value decides (throwValueBalls), where its side is known.
  const handPeriodMs = (2 * beatMs) / throwsPerBeat;
  const fromValues = dwellMs < SHORT_DWELL_SHARE * handPeriodMs && throwsPerBeat < 1.5 ? throwValueBalls(fitted, beatMs, throwsPerBeat) : null;
  const balls = fromValues ?? ((flightMs + dwellMs) * throwsPerBeat) / beatMs;
  const rounded = Math.round(balls);
  return { ballCount: rounded >= 1 ? rounded : null, confidence: Math.max(0, 1 - 2 * Math.abs(balls - rounded)) };
}

/** A measured dwell under this share of a hand's period is not believed (see estimateFromRhythm). */
export const SHORT_DWELL_SHARE = 0.2;

/**
 * Balls from each flight's throw value, no catch needed: a ball thrown on one beat is thrown
 * again n beats later (its siteswap value), so it spends n beats in flight and in the next hand:
 * n·beat − flight = dwell, which lies between 0 and the hand's period (two beats when the hands
 * take turns). Two whole numbers fit that range, one odd and one even, and a ball crosses to the
 * other hand exactly when n is odd: the side it lands on picks n. Balls = mean n × throws a beat
 * (Shannon's theorem). null with fewer than 3 flights whose side is known.
 */
export function throwValueBalls(flights: readonly FlightSpan[], beatMs: number, throwsPerBeat: number): number | null {
  const values: number[] = [];
  for (const flight of flights) {
    if (flight.aboveHandsMs === undefined || flight.crosses === undefined) continue;
    const odd = flight.crosses;
    // The smallest n of the right parity whose dwell is not negative.
    let n = Math.max(1, Math.ceil(flight.aboveHandsMs / beatMs));
    if ((n % 2 === 1) !== odd) n += 1;
    values.push(n);
  }
  if (values.length < 3) return null;
  return (values.reduce((sum, value) => sum + value, 0) / values.length) * throwsPerBeat;
}

/**
 * The period that `times` keep (ms), missing events allowed: the longest period at which the
 * events line up (phase coherence near its best); its divisors line up too, its multiples do not.
 */
export function periodOf(times: readonly number[]): number | null {
  if (times.length < 3) return null;
  const coherence = (periodMs: number): number => {
    let re = 0;
    let im = 0;
    for (const time of times) {
      re += Math.cos((2 * Math.PI * time) / periodMs);
      im += Math.sin((2 * Math.PI * time) / periodMs);
    }
    return Math.hypot(re, im) / times.length;
  };
  const candidates: { periodMs: number; value: number }[] = [];
  const spanMs = times[times.length - 1] - times[0];
  for (let periodMs = 120; periodMs <= Math.min(1200, spanMs / 2); periodMs *= 1.01) candidates.push({ periodMs, value: coherence(periodMs) });
  if (candidates.length === 0) return null;
  const best = Math.max(...candidates.map((candidate) => candidate.value));
  if (best < 0.6) return null;
  const longest = candidates.filter((candidate) => candidate.value >= 0.85 * best).pop()!;
  return longest.periodMs;
}

/**
 * The share of beats on which the pattern throws at all: 1, unless one beat in every 2 or 3 is
 * always empty (a hold or gap of the pattern, e.g. two balls thrown as 3 3 _). Missed throws
 * empty beats at random, never the same beat of every cycle.
 */
export function patternBeatShare(beatTimes: readonly number[], beatMs: number): number | null {
  // Beats numbered along the grid, the period refined by least squares so a long run does not drift off it.
  let slots = beatTimes.map((time) => Math.round((time - beatTimes[0]) / beatMs));
  const meanSlot = slots.reduce((sum, slot) => sum + slot, 0) / slots.length;
  const meanTime = beatTimes.reduce((sum, time) => sum + time, 0) / beatTimes.length;
  let covariance = 0;
  let variance = 0;
  slots.forEach((slot, index) => {
    covariance += (slot - meanSlot) * (beatTimes[index] - meanTime);
    variance += (slot - meanSlot) ** 2;
  });
  if (variance > 0) {
    const refinedMs = covariance / variance;
    const originMs = meanTime - refinedMs * meanSlot;
    slots = beatTimes.map((time) => Math.round((time - originMs) / refinedMs));
    const first = Math.min(...slots);
    slots = slots.map((slot) => slot - first);
  }
  const span = Math.max(...slots) + 1;
  // Three cycles of 3 beats at least, or a gap cannot be told from a short run.
  if (span < 9) return null;
  for (const cycle of [3, 2]) {
    const perResidue = Array.from({ length: cycle }, (_, residue) => new Set(slots.filter((slot) => slot % cycle === residue)).size);
    const expected = span / cycle;
    const empty = perResidue.filter((count) => count <= 0.25 * expected).length;
    const full = perResidue.filter((count) => count >= 0.4 * expected).length;
    if (empty > 0 && empty + full === cycle) return full / cycle;
  }
  return 1;
}

/**
 * The two counts together. Missed flights lower the occupancy count (balls in the air and in the
 * hands at each moment) and barely move the rhythm count, which in turn cannot see a pattern
 * until it has run a few cycles: the higher of the two, each where the other is unsure.
 */
export function combineCounts(occupancy: CountEstimate, rhythm: CountEstimate): CountEstimate {
  if (rhythm.ballCount === null) return occupancy;
  if (occupancy.ballCount === null || rhythm.ballCount > occupancy.ballCount) return rhythm;
  if (rhythm.ballCount === occupancy.ballCount) return { ballCount: occupancy.ballCount, confidence: Math.max(occupancy.confidence, rhythm.confidence) };
  return occupancy;
}
