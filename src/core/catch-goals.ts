// A lesson's catch goal over the tracker's runs: how many catches in a row of the goal's kind the
// run going on has, the most this visit, and the moment the goal is met (once). Pure: the coach
// feeds it each prediction's runs (Prediction.tracks.runs), Node tests feed it plain summaries.
import type { CatchGoal } from './lessons.ts';
import type { CatchRunSummary } from './live-runs.ts';

export interface CatchGoalView {
  /** Catches of the run going on, if it is of the goal's kind (else 0). */
  readonly catches: number;
  /** Most catches in one run of the goal's kind since this step opened. */
  readonly best: number;
  readonly needed: number;
  readonly met: boolean;
}

const ofKind = (goal: CatchGoal, run: { readonly balls: number | null; readonly pattern: string | null }) => run.balls === goal.balls && (goal.pattern === null || run.pattern === goal.pattern);

export class CatchGoalTracker {
  private best = 0;
  private met = false;
  private catches = 0;
  /** Finished runs already looked at (each summary carries the last few again). */
  private readonly seen = new Set<string>();

  constructor(readonly goal: CatchGoal) {}

  get view(): CatchGoalView {
    return { catches: this.catches, best: this.best, needed: this.goal.catches, met: this.met };
  }

  /** One prediction's runs; true the first time the goal is met. */
  observe(runs: CatchRunSummary): boolean {
    const wasMet = this.met;
    // A run that ended between two predictions counts too (the last one seen going may have been short of it).
    for (const run of runs.recent) {
      if (this.seen.has(run.id)) continue;
      this.seen.add(run.id);
      if (ofKind(this.goal, run)) this.best = Math.max(this.best, run.catches);
    }
    const current = runs.current;
    this.catches = current && ofKind(this.goal, current) ? current.catches : 0;
    this.best = Math.max(this.best, this.catches);
    this.met ||= this.best >= this.goal.catches;
    return this.met && !wasMet;
  }
}
