// Stored runs of catches, and what the counter and the history read from them: the best run
// today and ever per ball count and pattern, a new personal best, the best run per day and the
// catches per practice session. Pure bookkeeping over plain records (src/storage/runs.ts stores them).
import { DEFAULT_CATCH_RUN_OPTIONS, type RunEnd } from './catch-runs.ts';
import type { FinishedRunView } from './live-runs.ts';
import { dayKey } from './lesson-timeline.ts';

export interface RunRecord {
  /** The live pipeline's run id (a run reported again is stored once). */
  readonly id: string;
  /** The practice session it belongs to (SessionRecord.startedAtMs), null: none was recording. */
  readonly sessionStartedAtMs: number | null;
  /** Wall-clock times of its first and last throw or catch. */
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly balls: number | null;
  readonly pattern: string | null;
  readonly catches: number;
  readonly throws: number;
  /** Balls dropped in it (a run ends on its first drop: 0 or 1). */
  readonly drops: number;
  readonly end: RunEnd;
  /** Spread of its throw heights (throw-measures.ts), null: too few throws measured. */
  readonly heightSpread: number | null;
}

/**
 * A finished run as a record: its camera times become wall-clock times through one pair of
 * clocks read at the same moment (the newest frame's camera time and the wall clock then).
 */
export function toRunRecord(run: FinishedRunView, clocks: { readonly frameMs: number; readonly wallMs: number }, sessionStartedAtMs: number | null): RunRecord {
  const wall = (cameraMs: number) => Math.round(clocks.wallMs - (clocks.frameMs - cameraMs));
  return {
    id: run.id,
    sessionStartedAtMs,
    startedAtMs: wall(run.startMs),
    endedAtMs: wall(run.endMs),
    balls: run.balls,
    pattern: run.pattern,
    catches: run.catches,
    throws: run.throws,
    drops: run.end === 'drop' ? 1 : 0,
    end: run.end,
    heightSpread: run.heightSpread,
  };
}

const wholeAtLeastZero = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const finiteOrNull = (value: unknown) => value === null || (typeof value === 'number' && Number.isFinite(value));

/** Every problem of a record about to be stored (empty: it is fine). */
export function runRecordProblems(record: RunRecord): string[] {
  const problems: string[] = [];
  if (typeof record.id !== 'string' || record.id.length === 0) problems.push('it has no id');
  if (!Number.isFinite(record.startedAtMs) || !Number.isFinite(record.endedAtMs)) problems.push('its start or end time is not a number');
  else if (record.endedAtMs < record.startedAtMs) problems.push('it ends before it starts');
  if (!finiteOrNull(record.sessionStartedAtMs)) problems.push('its session time is not a number');
  if (record.balls !== null && !wholeAtLeastZero(record.balls)) problems.push(`its ball count ${record.balls} is not a whole number`);
  if (record.pattern !== null && typeof record.pattern !== 'string') problems.push('its pattern is not a name');
  for (const field of ['catches', 'throws', 'drops'] as const) if (!wholeAtLeastZero(record[field])) problems.push(`its ${field} (${record[field]}) is not a whole number of at least 0`);
  if (record.end !== 'drop' && record.end !== 'pause') problems.push(`it ended in an unknown way (${String(record.end)})`);
  if (!finiteOrNull(record.heightSpread) || (record.heightSpread !== null && record.heightSpread < 0)) problems.push('its throw-height spread is not a number of at least 0');
  return problems;
}

/** Which runs a best is over: a ball count, and a pattern (null: every pattern of that count). */
export interface RunKind {
  readonly balls: number;
  readonly pattern: string | null;
}

const ofKind = (run: RunRecord, kind: RunKind) => run.balls === kind.balls && (kind.pattern === null || run.pattern === kind.pattern);

export interface Bests {
  /** Most catches in one run today (local day), 0: none yet. */
  readonly today: number;
  readonly ever: number;
}

export function bestsFor(runs: readonly RunRecord[], kind: RunKind, nowMs: number): Bests {
  const today = dayKey(nowMs);
  let best = { today: 0, ever: 0 };
  for (const run of runs) {
    if (!ofKind(run, kind)) continue;
    best = { today: dayKey(run.startedAtMs) === today ? Math.max(best.today, run.catches) : best.today, ever: Math.max(best.ever, run.catches) };
  }
  return best;
}

/**
 * A run is a new personal best when it beats every earlier run of its ball count and pattern and
 * is long enough to count (a toss and a fumble is no record); runs not sure of their balls never are.
 */
export function isPersonalBest(run: RunRecord, earlier: readonly RunRecord[], minCatches = DEFAULT_CATCH_RUN_OPTIONS.minCatches): boolean {
  if (run.balls === null || run.catches < minCatches) return false;
  const kind = { balls: run.balls, pattern: run.pattern };
  return earlier.every((other) => other.id === run.id || !ofKind(other, kind) || other.catches < run.catches);
}

/** Most catches in one run per local day ("YYYY-MM-DD"), any ball count. */
export function bestRunPerDay(runs: readonly RunRecord[]): Map<string, number> {
  const days = new Map<string, number>();
  for (const run of runs) {
    const day = dayKey(run.startedAtMs);
    days.set(day, Math.max(days.get(day) ?? 0, run.catches));
  }
  return days;
}

/** Catches per practice session (keyed by its start), every run of it added up. */
export function catchesPerSession(runs: readonly RunRecord[]): Map<number, number> {
  const sessions = new Map<number, number>();
  for (const run of runs) if (run.sessionStartedAtMs !== null) sessions.set(run.sessionStartedAtMs, (sessions.get(run.sessionStartedAtMs) ?? 0) + run.catches);
  return sessions;
}
