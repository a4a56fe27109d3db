// Balls in the pattern from flights and hand events, without ever seeing a held ball.
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
}

export const DEFAULT_COUNT_OPTIONS: CountOptions = { windowMs: 2500, idleMs: 2500, sampleMs: 33, minThrows: 2, minAgreement: 0.3, stoppedAfterGaps: 3 };

export interface CountEstimate {
  readonly ballCount: number | null;
  readonly confidence: number;
}

const median = (values: readonly number[]): number | null => {
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
    const quietMs = nowMs - Math.max(sinceMs, throwTimes[throwTimes.length - 1] ?? -Infinity);
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
