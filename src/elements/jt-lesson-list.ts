// Every lesson step in order, each marked done, open or locked; picking one opens it.
import { LitElement, css, html } from 'lit';
import { LESSONS, isUnlocked } from '../core/lessons.ts';
import { formatSeconds } from '../core/lesson-cues.ts';
import type { StepProgress } from '../core/step-progress.ts';
import { buttonStyles } from './styles.ts';

type StepState = 'completed' | 'open' | 'locked';

export class JtLessonList extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.3rem;
      }
      button {
        width: 100%;
        display: flex;
        justify-content: space-between;
        gap: 0.6rem;
        text-align: left;
        font-size: 1rem;
        padding: 0.4em 0.7em;
      }
      button[aria-current='step'] {
        border-color: #ffd400;
      }
      button:disabled {
        opacity: 0.55;
        cursor: not-allowed;
      }
      .mark {
        flex: none;
        color: #aab2c8;
        font-variant-numeric: tabular-nums;
      }
      [data-state='completed'] .mark {
        color: #7cff6b;
      }
    `,
  ];

  // Reactive properties are declared, not decorated: Vite 8 (Oxc) leaves standard decorators
  // and `accessor` unlowered in the bundle, which browsers cannot parse.
  static override properties = {
    progress: { attribute: false },
    currentId: {},
  };

  declare progress: ReadonlyMap<string, StepProgress>;
  declare currentId: string;

  constructor() {
    super();
    this.progress = new Map();
    this.currentId = '';
  }

  private select(id: string): void {
    this.dispatchEvent(new CustomEvent<string>('lesson-select', { detail: id, bubbles: true, composed: true }));
  }

  override render() {
    const completed = new Set([...this.progress.values()].filter((entry) => entry.completedAtMs !== null).map((entry) => entry.stepId));
    return html`<ol>
      ${LESSONS.map((step, index) => {
        const state: StepState = completed.has(step.id) ? 'completed' : isUnlocked(step, completed) ? 'open' : 'locked';
        const best = this.progress.get(step.id)?.bestStreakMs ?? 0;
        const mark = state === 'completed' ? `✓ ${formatSeconds(best)}` : state === 'locked' ? 'locked' : best > 0 ? `best ${formatSeconds(best)}` : '';
        return html`<li>
          <button
            data-testid="lesson-${step.id}"
            data-state=${state}
            aria-current=${step.id === this.currentId ? 'step' : 'false'}
            ?disabled=${state === 'locked'}
            title=${state === 'locked' ? 'Finish the step before to unlock this one' : step.goal}
            @click=${() => this.select(step.id)}
          >
            <span>${index + 1}. ${step.title}</span><span class="mark">${mark}</span>
          </button>
        </li>`;
      })}
    </ol>`;
  }
}

customElements.define('jt-lesson-list', JtLessonList);

declare global {
  interface HTMLElementTagNameMap {
    'jt-lesson-list': JtLessonList;
  }
}
