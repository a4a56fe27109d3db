// The lesson screen beside the live picture: the step, its streak timer and best streak,
// tips for the mistakes the model sees or the tracks measure, spoken cues (rate limited), success and the next step.
// The workflow is the LessonCoaching controller (over core/lesson-coach.ts); this renders and wires.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { styleProps } from './style-props.ts';
import { LESSONS, catchGoalText, lessonById, unlockedBy, type LessonStep } from '../core/lessons.ts';
import type { CatchGoalView } from '../core/catch-goals.ts';
import type { LessonProgressView } from '../core/lesson-rules.ts';
import { formatSeconds } from '../core/lesson-cues.ts';
import type { Prediction } from '../shared/inference-api.ts';
import { coachStyles } from './jt-coach-styles.ts';
import { LessonCoaching } from './lesson-coaching.ts';
import './jt-lesson-list.ts';
import './jt-lesson-preview.ts';

export class JtCoach extends LitElement {
  static override styles = coachStyles;

  // Reactive properties are declared, not decorated: Vite 8 (Oxc) leaves standard decorators
  // and `accessor` unlowered in the bundle, which browsers cannot parse.
  static override properties = {
    prediction: { attribute: false },
    requestedLesson: { attribute: false },
    ownPractice: { attribute: false },
  };

  declare prediction: Prediction | null;
  /** A step to open first (the ?lesson= URL parameter); otherwise where the person left off. */
  declare requestedLesson: string | null;
  /** The camera is on: progress counts. False while the demo juggler shows how it is done. */
  declare ownPractice: boolean;

  private readonly coaching = new LessonCoaching(this, {
    requestedLesson: () => this.requestedLesson,
    ownPractice: () => this.ownPractice,
    opened: (step) => this.dispatchEvent(new CustomEvent<string>('lesson-change', { detail: step.id, bubbles: true, composed: true })),
  });

  constructor() {
    super();
    this.prediction = null;
    this.requestedLesson = null;
    this.ownPractice = true;
  }

  /** What the catch goal shows (e2e prints it on a failure). */
  get catchView(): CatchGoalView | null {
    return this.coaching.coach.catchView;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('prediction') && this.prediction) this.coaching.observe(this.prediction);
  }

  private emit(name: 'coach-close' | 'history-open'): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }

  private renderStreak(step: LessonStep, view: LessonProgressView, catchView: CatchGoalView | null) {
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
        ${catchView
          ? html`<span>Catches in a row <strong data-testid="coach-catches">${Math.min(catchView.catches, catchView.needed)} of ${catchView.needed}</strong></span
              ><span>Most <strong data-testid="coach-catches-best">${catchView.best}</strong></span>`
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
            <button class="primary" data-testid="coach-next" @click=${() => this.coaching.open(next[0])}>Next: ${next[0].title}</button>`
        : html`<span>You finished every lesson.</span>`}
    </div>`;
  }

  override render() {
    const { coach, tip, muted, storageMessage } = this.coaching;
    const { step, lessonView: view, catchView, progress } = coach;
    if (!step || !view) return html`<p class="loading">Loading your lessons…</p>`;
    const index = LESSONS.indexOf(step);
    const completed = progress.get(step.id)?.completedAtMs != null;
    return html`
      <header @click=${() => this.coaching.unlockAudio()}>
        <h1>Coach</h1>
        <button aria-label="Mute the coach's voice" aria-pressed=${muted ? 'true' : 'false'} data-testid="coach-mute" @click=${() => this.coaching.toggleMute()}>${muted ? 'Voice off' : 'Voice on'}</button>
        <button data-testid="coach-history" @click=${() => this.emit('history-open')}>History</button>
        <button class="close" aria-label="Close the coach" data-testid="coach-close" @click=${() => this.emit('coach-close')}>✕</button>
      </header>
      <p class="position">
        Step ${index + 1} of ${LESSONS.length}
        ${completed ? html`<span class="done" data-testid="coach-step-done">✓ Completed</span>` : nothing}
      </p>
      <h2 data-testid="coach-step-title">${step.title}</h2>
      ${this.renderStreak(step, view, catchView)}
      <p class="tip" data-testid="coach-tip" aria-live="polite">${tip ?? ''}</p>
      ${coach.celebrating ? this.renderSuccess(step) : nothing}
      ${storageMessage ? html`<p class="storage-error" role="alert">${storageMessage}</p>` : nothing}
      <div class="lesson">
        <jt-lesson-preview pattern=${step.previewClass}></jt-lesson-preview>
        <div>
          <p class="goal">${step.goal}</p>
          ${step.catchGoal && catchView ? html`<p class="goal" data-testid="coach-catch-goal">Or: ${catchGoalText(step.catchGoal)}</p>` : nothing}
          <ol class="instructions">
            ${step.instructions.map((line) => html`<li>${line}</li>`)}
          </ol>
        </div>
      </div>
      <details>
        <summary>All lessons</summary>
        <jt-lesson-list .progress=${progress} currentId=${step.id} @lesson-select=${(event: CustomEvent<string>) => this.coaching.open(lessonById(event.detail))}></jt-lesson-list>
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
