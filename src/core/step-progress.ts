// A lesson step's stored progress and the rules for it: best streaks only grow, a completion is
// never undone (whatever order tabs write in), and a write is only worth making when it adds one.
// Pure; src/storage/progress.ts keeps the records, the coach decides when to write.

export interface StepProgress {
  readonly stepId: string;
  /** Wall-clock time of the first success; null while not yet passed. */
  readonly completedAtMs: number | null;
  readonly bestStreakMs: number;
  readonly updatedAtMs: number;
}

/** The record after a streak (and its success when `completed`) on top of what is stored. */
export function withStreak(stored: StepProgress | undefined, stepId: string, streakMs: number, completed: boolean, nowMs: number): StepProgress {
  return {
    stepId,
    completedAtMs: stored?.completedAtMs ?? (completed ? nowMs : null),
    bestStreakMs: Math.max(stored?.bestStreakMs ?? 0, Math.round(streakMs)),
    updatedAtMs: nowMs,
  };
}

/** Does this streak (or success) add anything to what is stored? */
export function addsProgress(stored: StepProgress | undefined, bestStreakMs: number, completed: boolean): boolean {
  return bestStreakMs > (stored?.bestStreakMs ?? 0) || (completed && stored?.completedAtMs == null);
}

export function completedSteps(progress: ReadonlyMap<string, StepProgress>): Set<string> {
  return new Set([...progress.values()].filter((entry) => entry.completedAtMs !== null).map((entry) => entry.stepId));
}
