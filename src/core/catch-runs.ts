// Catches in a row, as jugglers count them: each catch the ball tracker sees adds one to the
// current run; a run ends on a drop (a ball falling past the hands), on a pause with no throw or
// catch, or when the juggler walks away (the same pause, nothing seen). The best run per ball count
// is kept, and a run that beats it is a new personal best. Numbers come from the tracks only,
// never from a timer. Pure: classify feeds it tracker states (the app will, once a ball detector ships), Node tests feed it ball paths.
import { periodOf } from './ball-count.ts';
import type { TrackerState } from './ball-track-types.ts';

export interface CatchRunOptions {
  /** No throw or catch for this long ends the run (about a second, as a juggler's "I stopped"). */
  readonly pauseMs: number;
  /** A run shorter than this is not worth a record or a celebration (a toss and a fumble). */
  readonly minCatches: number;
}

export const DEFAULT_CATCH_RUN_OPTIONS: CatchRunOptions = { pauseMs: 1200, minCatches: 3 };

export type RunEnd = 'drop' | 'pause';

export interface CatchRun {
  readonly startMs: number;
  readonly endMs: number;
  readonly catches: number;
  readonly throws: number;
  /** Balls in the pattern while the run lasted (the tracker's count seen most often), null: never sure. */
  readonly balls: number | null;
}

export interface FinishedRun extends CatchRun {
  readonly end: RunEnd;
  /** It beat the best run of its ball count so far. */
  readonly personalBest: boolean;
}

export interface CatchRunView {
  /** The run going on now (null between runs). */
  readonly current: CatchRun | null;
  /** The run that just ended, in the update it ended (else null). */
  readonly finished: FinishedRun | null;
  /** Best run (catches) per ball count, this one included. */
  readonly bests: ReadonlyMap<number, number>;
}


/** A run's catch times kept for finding missed ones (a 10-minute run at 4 catches a second). */
const MAX_CATCH_TIMES = 2400;

/**
 * Catches the tracker missed between two it saw. Juggled catches keep a beat (alternate hands,
 * one a beat; the beat found however many were missed, periodOf): a gap of two or three beats
 * between seen catches hid one or two. Only when most gaps are one beat, and only gaps that sit
 * on the beat, so an uneven pattern, an irregular run or a pause adds nothing.
 */
export function missedCatches(catchTimesMs: readonly number[]): number {
  if (catchTimesMs.length < 4) return 0;
  const times = [...catchTimesMs].sort((a, b) => a - b);
  const beatMs = periodOf(times);
  if (beatMs === null) return 0;
  const gapsInBeats = times.slice(1).map((time, index) => (time - times[index]) / beatMs);
  const onBeat = (beats: number, whole: number) => Math.abs(beats - whole) < 0.25;
  // Most catches one beat apart, or the pattern's own rhythm is uneven (two in one hand, columns): then nothing is inferred.
  if (gapsInBeats.filter((beats) => onBeat(beats, 1)).length < 0.6 * gapsInBeats.length) return 0;
  let missed = 0;
  for (const beats of gapsInBeats) {
    const whole = Math.round(beats);
    if (whole >= 2 && whole <= 3 && onBeat(beats, whole)) missed += whole - 1;
  }
  return missed;
}

export class CatchRunCounter {
  private readonly seen = new Set<string>();
  private run: { startMs: number; lastEventMs: number; catches: number; throws: number; counts: Map<number, number>; catchTimesMs: number[]; missed: number } | null = null;
  private readonly bests: Map<number, number>;

  constructor(
    bests: ReadonlyMap<number, number> = new Map(),
    private readonly options: CatchRunOptions = DEFAULT_CATCH_RUN_OPTIONS,
  ) {
    this.bests = new Map(bests);
  }

  /** One tracker state at camera time `nowMs`; what to show. */
  update(state: TrackerState, nowMs: number): CatchRunView {
    let finished: FinishedRun | null = null;
    const fresh = (events: readonly { trackId: number; timeMs: number }[], kind: string) =>
      events.filter((event) => {
        // One flight is one track: one throw and at most one catch (its time is refined as the tracker sees more).
        const key = `${kind}:${event.trackId}`;
        if (this.seen.has(key)) return false;
        this.seen.add(key);
        return true;
      });
    const newThrows = fresh(state.throws, 'throw');
    const newCatches = fresh(state.catches, 'catch');
    this.forgetOld(state);
    const run = this.run;
    if (run && state.lastDropMs !== null && state.lastDropMs > run.startMs) finished = this.finish('drop', state.lastDropMs);
    else if (run && newThrows.length === 0 && newCatches.length === 0 && nowMs - run.lastEventMs > this.options.pauseMs) finished = this.finish('pause', run.lastEventMs);
    const events = [...newThrows.map((event) => ({ ...event, kind: 'throw' })), ...newCatches.map((event) => ({ ...event, kind: 'catch' }))]
      // A drop ends the run: what came before it belonged to that run, what comes after starts the next.
      .filter((event) => finished?.end !== 'drop' || event.timeMs > (state.lastDropMs ?? -Infinity))
      .sort((a, b) => a.timeMs - b.timeMs);
    for (const event of events) {
      this.run ??= { startMs: event.timeMs, lastEventMs: event.timeMs, catches: 0, throws: 0, counts: new Map(), catchTimesMs: [], missed: 0 };
      if (event.kind === 'catch') {
        this.run.catches += 1;
        if (this.run.catchTimesMs.length < MAX_CATCH_TIMES) {
          this.run.catchTimesMs.push(event.timeMs);
          // Found again only when a catch comes (not every frame): the beat is read over the whole run.
          this.run.missed = missedCatches(this.run.catchTimesMs);
        }
      } else this.run.throws += 1;
      this.run.lastEventMs = Math.max(this.run.lastEventMs, event.timeMs);
    }
    if (this.run && state.ballCount !== null) this.run.counts.set(state.ballCount, (this.run.counts.get(state.ballCount) ?? 0) + 1);
    return { current: this.run ? this.snapshot(this.run, nowMs) : null, finished, bests: this.bests };
  }

  private finish(end: RunEnd, endMs: number): FinishedRun | null {
    const run = this.run;
    this.run = null;
    if (!run) return null;
    const snapshot = this.snapshot(run, endMs);
    if (snapshot.catches < this.options.minCatches || snapshot.balls === null) return { ...snapshot, end, personalBest: false };
    const best = this.bests.get(snapshot.balls) ?? 0;
    const personalBest = snapshot.catches > best;
    if (personalBest) this.bests.set(snapshot.balls, snapshot.catches);
    return { ...snapshot, end, personalBest };
  }

  private snapshot(run: NonNullable<CatchRunCounter['run']>, nowMs: number): CatchRun {
    let balls: number | null = null;
    let most = 0;
    for (const [count, seen] of run.counts) if (seen > most || (seen === most && balls !== null && count > balls)) [balls, most] = [count, seen];
    return { startMs: run.startMs, endMs: Math.max(run.startMs, nowMs), catches: run.catches + run.missed, throws: run.throws, balls };
  }

  /** The tracker forgets old events; so may we (bounded memory), keeping what it still reports. */
  private forgetOld(state: TrackerState): void {
    if (this.seen.size < 512) return;
    const keep = new Set([...state.throws.map((event) => `throw:${event.trackId}`), ...state.catches.map((event) => `catch:${event.trackId}`)]);
    for (const key of this.seen) if (!keep.has(key)) this.seen.delete(key);
  }
}
