// The coaching workflow over one step at a time, as a pure state machine: the lesson tracker and
// the step's catch goal watch each prediction; this decides what the coach says (through the cue
// limiter), which tip goes on screen, when the step is passed, and when the best streak is saved.
// It returns actions; the caller (elements/lesson-coaching.ts) speaks, shows and writes them.
// Time comes in with each call, so Node tests replay prediction sequences exactly.
import { CatchGoalTracker, type CatchGoalView } from './catch-goals.ts';
import { isLessonId, lessonById, nextStep, type LessonStep } from './lessons.ts';
import { CueLimiter, introText, successText, type CueKind, type CuePriority } from './lesson-cues.ts';
import { LessonTracker, type CoachEvent, type LessonProgressView, type Observation } from './lesson-rules.ts';
import type { CatchRunSummary } from './live-runs.ts';
import { completedSteps, type StepProgress } from './step-progress.ts';

/**
 * A growing best streak is saved whenever it has grown this much, so a reload loses at most about
 * a second: half of it this step, half for the write itself on a busy machine.
 */
export const SAVE_BEST_EVERY_MS = 500;

/** A best streak (and the success, when `completed`) to write for a step. */
export interface StreakSave {
  readonly stepId: string;
  readonly bestStreakMs: number;
  readonly completed: boolean;
}

export type CoachAction =
  | { readonly kind: 'say'; readonly text: string; readonly cue: CueKind }
  | { readonly kind: 'show-tip'; readonly text: string }
  | ({ readonly kind: 'save' } & StreakSave);

/** One live prediction as the coach reads it (a subset of shared Prediction, and its time). */
export interface CoachObservation extends Observation {
  /** The ball tracker's runs of catches (Prediction.tracks.runs); absent without a tracker. */
  readonly runs?: CatchRunSummary | null;
}

export class LessonCoach {
  /** Stored progress per step id, as this visit knows it. */
  progress: ReadonlyMap<string, StepProgress> = new Map();
  /** The camera is on: progress counts. False while the demo juggler shows how it is done. */
  ownPractice = true;
  private current: LessonStep | null = null;
  private tracker: LessonTracker | null = null;
  private catchTracker: CatchGoalTracker | null = null;
  private limiter = new CueLimiter();
  private catchGoalView: CatchGoalView | null = null;
  private passed = false;

  get step(): LessonStep | null {
    return this.current;
  }

  get lessonView(): LessonProgressView | null {
    return this.tracker?.view ?? null;
  }

  /** The step's catch goal, while predictions carry the ball tracker's runs (null: none, or no tracker). */
  get catchView(): CatchGoalView | null {
    return this.catchGoalView;
  }

  /** The step was passed since it opened (the success message shows). */
  get celebrating(): boolean {
    return this.passed;
  }

  /** The step to open first: one named in the URL, even if locked (following a link is an explicit choice); else where the person left off. */
  firstStep(requestedLesson: string | null): LessonStep {
    return requestedLesson && isLessonId(requestedLesson) ? lessonById(requestedLesson) : nextStep(completedSteps(this.progress));
  }

  /** Opens a step: the one before is saved, the new one starts afresh and is introduced. */
  open(step: LessonStep, timeMs: number): CoachAction[] {
    const actions = this.saveBest(false);
    this.current = step;
    this.tracker = new LessonTracker(step, this.storedBestMs(step.id));
    this.catchTracker = step.catchGoal ? new CatchGoalTracker(step.catchGoal) : null;
    this.catchGoalView = null;
    this.limiter = new CueLimiter();
    this.passed = false;
    this.say(actions, introText(step), 'intro', 'normal', timeMs);
    return actions;
  }

  /** Feed one prediction; returns what to say, show and save, in order. */
  observe(observation: CoachObservation): CoachAction[] {
    const actions: CoachAction[] = [];
    const tracker = this.tracker;
    if (!tracker || !this.current) return actions;
    for (const event of tracker.observe(observation)) this.onEvent(event, observation.timeMs, actions);
    // Where the tracker counts catches, the step's catch goal passes it too (the time rule still can).
    const runs = observation.runs;
    if (runs && this.catchTracker) {
      const met = this.catchTracker.observe(runs);
      this.catchGoalView = this.catchTracker.view;
      const view = tracker.view;
      if (met && !this.passed) this.onEvent({ kind: 'success', streakMs: view.streakMs, bestStreakMs: view.bestStreakMs }, observation.timeMs, actions);
    }
    if (tracker.view.bestStreakMs - this.storedBestMs(this.current.id) >= SAVE_BEST_EVERY_MS) actions.push(...this.saveBest(false));
    return actions;
  }

  /** Leaving the step (the page hides, the coach closes): the streak so far is saved. */
  leave(): CoachAction[] {
    return this.saveBest(false);
  }

  /** A write finished (or was kept for this visit after it failed). */
  stored(entry: StepProgress): void {
    this.progress = new Map(this.progress).set(entry.stepId, entry);
  }

  private onEvent(event: CoachEvent, timeMs: number, actions: CoachAction[]): void {
    const step = this.current;
    if (!step) return;
    switch (event.kind) {
      case 'tip':
        actions.push({ kind: 'show-tip', text: event.text });
        this.say(actions, event.text, 'tip', 'normal', timeMs);
        break;
      case 'repetition':
        if (event.done < event.needed) this.say(actions, `That's ${event.done}. ${event.needed - event.done} more.`, 'intro', 'normal', timeMs);
        break;
      case 'success':
        this.passed = true;
        if (this.ownPractice) {
          this.say(actions, successText(step), 'success', 'high', timeMs);
          actions.push(...this.saveBest(true));
        }
        break;
      case 'streak-break':
        actions.push(...this.saveBest(false));
        break;
      case 'streak-start':
        break;
    }
  }

  private say(actions: CoachAction[], text: string, cue: CueKind, priority: CuePriority, timeMs: number): void {
    if (this.limiter.offer(text, timeMs, priority)) actions.push({ kind: 'say', text, cue });
  }

  /** The step's best streak so far, to be written if it is new (the demo juggler's streaks are not the person's). */
  private saveBest(completed: boolean): CoachAction[] {
    const step = this.current;
    if (!step || !this.ownPractice) return [];
    return [{ kind: 'save', stepId: step.id, bestStreakMs: this.tracker?.view.bestStreakMs ?? 0, completed }];
  }

  private storedBestMs(stepId: string): number {
    return this.progress.get(stepId)?.bestStreakMs ?? 0;
  }
}
