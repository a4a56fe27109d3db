// The live pipeline's view of catches in a row: CatchRunCounter over each tracker state, plus
// what the page needs to show and store a run (its length from the tracks' times, the pattern the
// headline named most while it lasted, the throw-height spread of its throws, an id so that a run
// reported in several predictions is stored once). Pure: the worker feeds it, Node tests too.
import { CatchRunCounter, DEFAULT_CATCH_RUN_OPTIONS, type CatchRunOptions, type RunEnd } from './catch-runs.ts';
import type { TrackerState } from './ball-track-types.ts';
import { measureThrows } from './throw-measures.ts';

export interface CurrentRunView {
  readonly startMs: number;
  readonly catches: number;
  /** From the run's first throw or catch to the newest tracked frame (camera time, not a timer). */
  readonly seconds: number;
  /** Balls in the pattern while it lasts (the tracker's most seen count), null: not sure. */
  readonly balls: number | null;
  /** The pattern the headline has named most often in it so far (null: none yet). */
  readonly pattern: string | null;
}

export interface FinishedRunView {
  /** Unique per run of this feed: the page stores each run once however often it is reported. */
  readonly id: string;
  /** Camera time (the frames' clock) of the first and last throw or catch. */
  readonly startMs: number;
  readonly endMs: number;
  readonly seconds: number;
  readonly catches: number;
  readonly throws: number;
  readonly balls: number | null;
  /** The pattern the headline named most often during the run (null: none named). */
  readonly pattern: string | null;
  readonly end: RunEnd;
  /** Spread of the run's throw heights (throw-measures.ts), null: too few throws measured. */
  readonly heightSpread: number | null;
}

export interface CatchRunSummary {
  readonly current: CurrentRunView | null;
  /** The runs that ended most recently, oldest first (the last is the one to show). */
  readonly recent: readonly FinishedRunView[];
}

export const NO_RUNS: CatchRunSummary = { current: null, recent: [] };

/** Finished runs carried in each summary: enough that none is missed between two predictions. */
export const RECENT_RUNS = 8;

/** Catches counted in the runs a summary holds: the one going on and the recent finished ones. */
export function countedCatches(runs: CatchRunSummary | null): number {
  return (runs?.current?.catches ?? 0) + (runs?.recent ?? []).reduce((sum, run) => sum + run.catches, 0);
}

export class LiveRuns {
  private readonly counter: CatchRunCounter;
  private current: CurrentRunView | null = null;
  private recent: FinishedRunView[] = [];
  private patterns = new Map<string, number>();
  private patternsForStartMs: number | null = null;
  private sequence = 0;

  /** `feedId`: unique to this feed (runs of two feeds never share an id). */
  constructor(
    private readonly feedId: string,
    options: CatchRunOptions = DEFAULT_CATCH_RUN_OPTIONS,
  ) {
    // Bests are the page's (stored across visits); this counter only finds where runs end.
    this.counter = new CatchRunCounter(new Map(), options);
  }

  /** One tracker state at camera time `nowMs`. */
  update(state: TrackerState, nowMs: number): void {
    const view = this.counter.update(state, nowMs);
    if (view.finished && view.finished.catches > 0) {
      const run = view.finished;
      const throws = state.throws.filter((entry) => entry.timeMs >= run.startMs && entry.timeMs <= run.endMs);
      this.sequence += 1;
      this.recent = [
        ...this.recent,
        {
          id: `${this.feedId}:${this.sequence}`,
          startMs: run.startMs,
          endMs: run.endMs,
          seconds: (run.endMs - run.startMs) / 1000,
          catches: run.catches,
          throws: run.throws,
          balls: run.balls,
          pattern: this.patternsForStartMs === run.startMs ? majority(this.patterns) : null,
          end: run.end,
          heightSpread: measureThrows({ ...state, throws }).heightSpread,
        },
      ].slice(-RECENT_RUNS);
    }
    const current = view.current;
    if (current && current.startMs !== this.patternsForStartMs) {
      this.patterns = new Map();
      this.patternsForStartMs = current.startMs;
    }
    this.current = current ? { startMs: current.startMs, catches: current.catches, seconds: (current.endMs - current.startMs) / 1000, balls: current.balls, pattern: majority(this.patterns) } : null;
  }

  /** The pattern the headline shows now (null: uncertain); counts towards the run going on. */
  notePattern(pattern: string | null): void {
    if (!this.current || pattern === null) return;
    this.patterns.set(pattern, (this.patterns.get(pattern) ?? 0) + 1);
    this.current = { ...this.current, pattern: majority(this.patterns) };
  }

  get summary(): CatchRunSummary {
    return { current: this.current, recent: this.recent };
  }
}

function majority(counts: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let most = 0;
  for (const [name, seen] of counts) if (seen > most) [best, most] = [name, seen];
  return best;
}
