// The lesson screen beside the live picture: the step, its streak timer and best streak,
// tips for the mistakes the model sees or the tracks measure, spoken cues (rate limited), success and the next step.
// Rules live in src/core (lesson-rules, lesson-cues); progress goes through src/storage.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { styleProps } from './style-props.ts';
import { LESSONS, catchGoalText, isLessonId, lessonById, nextStep, unlockedBy, type LessonStep } from '../core/lessons.ts';
import { CatchGoalTracker, type CatchGoalView } from '../core/catch-goals.ts';
import { LessonTracker, type CoachEvent, type LessonProgressView } from '../core/lesson-rules.ts';
import { CueLimiter, formatSeconds, introText, successText, type CuePriority } from '../core/lesson-cues.ts';
import type { Prediction } from '../shared/inference-api.ts';
import { Speaker, type CueKind } from '../platform/speech.ts';
import { completedSteps, loadProgress, recordStreak, type StepProgress } from '../storage/progress.ts';
import { loadSetting, saveSetting } from '../storage/settings.ts';
import { coachStyles } from './jt-coach-styles.ts';
import './jt-lesson-list.ts';
import './jt-lesson-preview.ts';

const MUTED_SETTING = 'coach-muted';
/** A tip stays on screen this long after it was last given. */
const TIP_SHOWN_MS = 6000;
/**
 * A growing best streak is saved whenever it has grown this much, so a reload loses at most about
 * a second: half of it this step, half for the write itself on a busy machine.
 */
const SAVE_BEST_EVERY_MS = 500;

export class JtCoach extends LitElement {
  static override styles = coachStyles;

  // Reactive properties are declared, not decorated: Vite 8 (Oxc) leaves standard decorators
  // and `accessor` unlowered in the bundle, which browsers cannot parse.
  static override properties = {
    prediction: { attribute: false },
    requestedLesson: { attribute: false },
    ownPractice: { attribute: false },
    step: { state: true },
    progress: { state: true },
    lessonView: { state: true },
    catchView: { state: true },
    tip: { state: true },
    celebrating: { state: true },
    muted: { state: true },
    storageMessage: { state: true },
  };

  declare prediction: Prediction | null;
  /** A step to open first (the ?lesson= URL parameter); otherwise where the person left off. */
  declare requestedLesson: string | null;
  /** The camera is on: progress counts. False while the demo juggler shows how it is done. */
  declare ownPractice: boolean;
  declare step: LessonStep | null;
  declare progress: ReadonlyMap<string, StepProgress>;
  declare lessonView: LessonProgressView | null;
  /** The step's catch goal, while predictions carry the ball tracker's runs (null: none, or no tracker). */
  declare catchView: CatchGoalView | null;
  declare tip: string | null;
  declare celebrating: boolean;
  declare muted: boolean;
  declare storageMessage: string | null;

  constructor() {
    super();
    this.prediction = null;
    this.requestedLesson = null;
    this.ownPractice = true;
    this.step = null;
    this.progress = new Map();
    this.lessonView = null;
    this.catchView = null;
    this.tip = null;
    this.celebrating = false;
    this.muted = false;
    this.storageMessage = null;
  }

  private readonly speaker = new Speaker();
  private limiter = new CueLimiter();
  private tracker: LessonTracker | null = null;
  private catchTracker: CatchGoalTracker | null = null;
  private tipTimer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();

  /** Leaving or reloading the page: the streak so far is written (the browser lets a started write finish). */
  private readonly onPageHide = () => void this.saveBest(false);

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this.onPageHide);
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.onPageHide);
    this.speaker.silence();
    if (this.tipTimer !== null) clearTimeout(this.tipTimer);
    void this.saveBest(false);
  }

  private async load(): Promise<void> {
    let progress = new Map<string, StepProgress>();
    try {
      progress = await loadProgress();
      this.muted = await loadSetting(MUTED_SETTING, false);
    } catch (error) {
      this.storageMessage = (error as Error).message;
    }
    this.speaker.muted = this.muted;
    this.progress = progress;
    const requested = this.requestedLesson;
    // A step named in the URL opens even if locked: following a link is an explicit choice.
    this.open(requested && isLessonId(requested) ? lessonById(requested) : nextStep(completedSteps(progress)));
  }

  private open(step: LessonStep): void {
    void this.saveBest(false);
    this.step = step;
    this.tracker = new LessonTracker(step, this.progress.get(step.id)?.bestStreakMs ?? 0);
    this.lessonView = this.tracker.view;
    this.catchTracker = step.catchGoal ? new CatchGoalTracker(step.catchGoal) : null;
    this.catchView = null;
    this.limiter = new CueLimiter();
    this.tip = null;
    this.celebrating = false;
    this.cue(introText(step), 'intro', 'normal');
    this.dispatchEvent(new CustomEvent<string>('lesson-change', { detail: step.id, bubbles: true, composed: true }));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('prediction') && this.prediction && this.tracker) {
      const prediction = this.prediction;
      const events = this.tracker.observe({ label: prediction.label, confidence: prediction.confidence, uncertain: prediction.uncertain, timeMs: performance.now(), measures: prediction.tracks?.measures ?? null });
      this.lessonView = this.tracker.view;
      for (const event of events) this.onEvent(event);
      // Where the tracker counts catches, the step's catch goal passes it too (the time rule still can).
      const runs = prediction.tracks?.runs;
      if (runs && this.catchTracker) {
        const met = this.catchTracker.observe(runs);
        this.catchView = this.catchTracker.view;
        if (met && !this.celebrating) this.onEvent({ kind: 'success', streakMs: this.lessonView.streakMs, bestStreakMs: this.lessonView.bestStreakMs });
      }
      const stored = this.step ? (this.progress.get(this.step.id)?.bestStreakMs ?? 0) : 0;
      if (this.lessonView.bestStreakMs - stored >= SAVE_BEST_EVERY_MS) void this.saveBest(false);
    }
  }

  private onEvent(event: CoachEvent): void {
    const step = this.step;
    if (!step) return;
    switch (event.kind) {
      case 'tip':
        this.showTip(event.text);
        this.cue(event.text, 'tip', 'normal');
        break;
      case 'repetition':
        if (event.done < event.needed) this.cue(`That's ${event.done}. ${event.needed - event.done} more.`, 'intro', 'normal');
        break;
      case 'success':
        this.celebrating = true;
        if (this.ownPractice) {
          this.cue(successText(step), 'success', 'high');
          void this.saveBest(true);
        }
        break;
      case 'streak-break':
        void this.saveBest(false);
        break;
      case 'streak-start':
        break;
    }
  }

  private cue(text: string, kind: CueKind, priority: CuePriority): void {
    if (this.limiter.offer(text, performance.now(), priority)) this.speaker.say(text, kind);
  }

  private showTip(text: string): void {
    this.tip = text;
    if (this.tipTimer !== null) clearTimeout(this.tipTimer);
    this.tipTimer = setTimeout(() => (this.tip = null), TIP_SHOWN_MS);
  }

  /** Stores a new best streak (and the success), one write at a time. */
  private saveBest(completed: boolean): Promise<void> {
    const step = this.step;
    const bestStreakMs = this.tracker?.view.bestStreakMs ?? 0;
    // The demo juggler's streaks are not the person's.
    if (!step || !this.ownPractice) return this.saving;
    this.saving = this.saving.then(() => this.writeBest(step, bestStreakMs, completed));
    return this.saving;
  }

  /** Writes only when there is something new since the last write. */
  private async writeBest(step: LessonStep, bestStreakMs: number, completed: boolean): Promise<void> {
    const stored = this.progress.get(step.id);
    const isNewBest = bestStreakMs > (stored?.bestStreakMs ?? 0);
    const isNewSuccess = completed && stored?.completedAtMs == null;
    if (!isNewBest && !isNewSuccess) return;
    const nowMs = Date.now();
    try {
      const saved = await recordStreak(step.id, bestStreakMs, completed, nowMs);
      this.progress = new Map(this.progress).set(step.id, saved);
      this.storageMessage = null;
    } catch (error) {
      this.storageMessage = (error as Error).message;
      // Kept for this visit: the next step still unlocks, and no retry on every prediction.
      const completedAtMs = stored?.completedAtMs ?? (completed ? nowMs : null);
      this.progress = new Map(this.progress).set(step.id, { stepId: step.id, completedAtMs, bestStreakMs, updatedAtMs: nowMs });
    }
  }

  private toggleMute(): void {
    this.muted = !this.muted;
    this.speaker.muted = this.muted;
    if (this.muted) this.speaker.silence();
    saveSetting(MUTED_SETTING, this.muted).catch((error: Error) => (this.storageMessage = error.message));
  }

  private emit(name: 'coach-close' | 'history-open'): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }

  private renderStreak(step: LessonStep, view: LessonProgressView) {
    const goalMs = step.success.holdSeconds * 1000;
    const fraction = Math.min(1, view.streakMs / goalMs);
    const repetitions = step.success.repetitions;
    return html`<section class="streak" aria-label="Streak">
      <div class="timer"><span data-testid="coach-streak">${formatSeconds(view.streakMs)}</span><small> of ${step.success.holdSeconds} s</small></div>
      <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${Math.round(fraction * 100)}>
        <div ${styleProps({ width: `${fraction * 100}%` })}></div>
      </div>
      <div class="stats">
        <span>Best <strong data-testid="coach-best">${formatSeconds(view.bestStreakMs)}</strong></span>
        ${repetitions > 1 ? html`<span>Done <strong>${Math.min(view.repetitionsDone, repetitions)} of ${repetitions}</strong></span>` : nothing}
        ${this.catchView
          ? html`<span>Catches in a row <strong data-testid="coach-catches">${Math.min(this.catchView.catches, this.catchView.needed)} of ${this.catchView.needed}</strong></span
              ><span>Most <strong data-testid="coach-catches-best">${this.catchView.best}</strong></span>`
          : nothing}
      </div>
    </section>`;
  }

  private renderSuccess(step: LessonStep) {
    if (!this.ownPractice) {
      return html`<div class="success demo" role="status" data-testid="coach-success-demo">
        <strong>That is a pass.</strong>
        <span>This was the demo juggler. Turn on your camera and it counts for you.</span>
      </div>`;
    }
    const next = unlockedBy(step.id);
    return html`<div class="success" role="status" data-testid="coach-success">
      <strong>Step complete!</strong>
      ${next.length > 0
        ? html`<span>Unlocked: ${next.map((candidate) => candidate.title).join(', ')}</span>
            <button class="primary" data-testid="coach-next" @click=${() => this.open(next[0])}>Next: ${next[0].title}</button>`
        : html`<span>You finished every lesson.</span>`}
    </div>`;
  }

  override render() {
    const step = this.step;
    const view = this.lessonView;
    if (!step || !view) return html`<p class="loading">Loading your lessons…</p>`;
    const index = LESSONS.indexOf(step);
    const completed = this.progress.get(step.id)?.completedAtMs != null;
    return html`
      <header @click=${() => this.speaker.unlockAudio()}>
        <h1>Coach</h1>
        <button aria-label="Mute the coach's voice" aria-pressed=${this.muted ? 'true' : 'false'} data-testid="coach-mute" @click=${() => this.toggleMute()}>${this.muted ? 'Voice off' : 'Voice on'}</button>
        <button data-testid="coach-history" @click=${() => this.emit('history-open')}>History</button>
        <button class="close" aria-label="Close the coach" data-testid="coach-close" @click=${() => this.emit('coach-close')}>✕</button>
      </header>
      <p class="position">
        Step ${index + 1} of ${LESSONS.length}
        ${completed ? html`<span class="done" data-testid="coach-step-done">✓ Completed</span>` : nothing}
      </p>
      <h2 data-testid="coach-step-title">${step.title}</h2>
      ${this.renderStreak(step, view)}
      <p class="tip" data-testid="coach-tip" aria-live="polite">${this.tip ?? ''}</p>
      ${this.celebrating ? this.renderSuccess(step) : nothing}
      ${this.storageMessage ? html`<p class="storage-error" role="alert">${this.storageMessage}</p>` : nothing}
      <div class="lesson">
        <jt-lesson-preview pattern=${step.previewClass}></jt-lesson-preview>
        <div>
          <p class="goal">${step.goal}</p>
          ${step.catchGoal && this.catchView ? html`<p class="goal" data-testid="coach-catch-goal">Or: ${catchGoalText(step.catchGoal)}</p>` : nothing}
          <ol class="instructions">
            ${step.instructions.map((line) => html`<li>${line}</li>`)}
          </ol>
        </div>
      </div>
      <details>
        <summary>All lessons</summary>
        <jt-lesson-list .progress=${this.progress} currentId=${step.id} @lesson-select=${(event: CustomEvent<string>) => this.open(lessonById(event.detail))}></jt-lesson-list>
      </details>
    `;
  }
}

customElements.define('jt-coach', JtCoach);

declare global {
  interface HTMLElementTagNameMap {
    'jt-coach': JtCoach;
  }
}
