// Progress over time, from what is stored on this device: minutes of juggling per day, the ball
// count the model saw during one session, and the lessons done with their best streaks.
import { LitElement, css, html, nothing } from 'lit';
import { LESSONS } from '../core/lessons.ts';
import { formatSeconds } from '../core/lesson-cues.ts';
import { ballsChart, bestRunChart, minutes, minutesChart, sessionCatchesChart } from './jt-history-charts.ts';
import { bestRunPerDay, catchesPerSession, type RunRecord } from '../core/run-records.ts';
import { listRuns } from '../storage/runs.ts';
import type { StepProgress } from '../core/step-progress.ts';
import { loadProgress } from '../storage/progress.ts';
import { listSessions, practicePerDay, type SessionRecord } from '../storage/sessions.ts';
import { buttonStyles } from './styles.ts';

function sessionTitle(session: SessionRecord): string {
  const start = new Date(session.startedAtMs);
  const when = start.toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const lesson = session.lessonId ? LESSONS.find((step) => step.id === session.lessonId)?.title : null;
  return `${when} · ${minutes(session.practiceMs)} min juggling${lesson ? ` · ${lesson}` : ''}`;
}

export class JtHistory extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
        box-sizing: border-box;
        overflow-y: auto;
        padding: 1rem 1.5rem 2rem;
        background: #101420;
        color: #ffffff;
      }
      header {
        display: flex;
        align-items: center;
        gap: 1rem;
        max-width: 56rem;
        margin: 0 auto;
      }
      h1 {
        margin: 0 auto 0 0;
        color: #ffd400;
      }
      section {
        max-width: 56rem;
        margin: 1.2rem auto 0;
      }
      h2 {
        font-size: 1.2rem;
        margin: 0 0 0.5rem;
      }
      svg {
        width: 100%;
        height: auto;
        background: #1b2233;
        border-radius: 0.6rem;
      }
      .axis {
        stroke: #aab2c8;
      }
      .grid {
        stroke: #2f3850;
        stroke-dasharray: 4 4;
      }
      .bar {
        fill: #40c8ff;
      }
      .bar.catches {
        fill: #ffd400;
      }
      .tick.catches {
        fill: #ffd400;
      }
      .line {
        fill: none;
        stroke: #40c8ff;
        stroke-width: 2;
      }
      .tick {
        fill: #aab2c8;
        font: 12px system-ui, sans-serif;
      }
      .tick.end {
        text-anchor: end;
      }
      .tick.middle {
        text-anchor: middle;
      }
      .legend {
        display: flex;
        gap: 1rem;
        color: #aab2c8;
        font-size: 0.9rem;
        margin-top: 0.4rem;
      }
      .legend span::before {
        content: '●';
        margin-right: 0.3em;
        color: var(--colour);
      }
      /* Classes, not style attributes: the Content-Security-Policy allows no inline styles. */
      .legend .well {
        --colour: #7cff6b;
      }
      .legend .mistake {
        --colour: #ffa040;
      }
      .legend .drop {
        --colour: #ff5252;
      }
      .legend .practice {
        --colour: #40c8ff;
      }
      .legend .catches {
        --colour: #ffd400;
      }
      .legend .no-balls {
        --colour: #aab2c8;
      }
      .legend .unsure {
        --colour: #6b7389;
      }
      select {
        max-width: 100%;
        margin-bottom: 0.6rem;
        font-size: 1rem;
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      td {
        padding: 0.3rem 0.5rem;
        border-bottom: 1px solid #2a3247;
      }
      td:last-child {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .empty,
      .error {
        color: #aab2c8;
      }
      .error {
        color: #ffd6d6;
      }
    `,
  ];

  // Reactive properties are declared, not decorated: Vite 8 (Oxc) leaves standard decorators
  // and `accessor` unlowered in the bundle, which browsers cannot parse.
  static override properties = {
    sessions: { state: true },
    perDay: { state: true },
    progress: { state: true },
    runs: { state: true },
    selected: { state: true },
    error: { state: true },
    loaded: { state: true },
  };

  declare sessions: readonly SessionRecord[];
  declare perDay: ReadonlyMap<string, number>;
  declare progress: ReadonlyMap<string, StepProgress>;
  /** Stored runs of catches (oldest first). */
  declare runs: readonly RunRecord[];
  declare selected: number;
  declare error: string | null;
  declare loaded: boolean;

  constructor() {
    super();
    this.sessions = [];
    this.perDay = new Map();
    this.progress = new Map();
    this.runs = [];
    this.selected = 0;
    this.error = null;
    this.loaded = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      [this.sessions, this.perDay, this.progress, this.runs] = await Promise.all([listSessions(), practicePerDay(), loadProgress(), listRuns()]);
    } catch (error) {
      this.error = (error as Error).message;
    }
    this.loaded = true;
  }

  override render() {
    const session = this.sessions[this.selected] ?? null;
    const totalMs = [...this.perDay.values()].reduce((sum, value) => sum + value, 0);
    return html`
      <header>
        <h1>History</h1>
        <button data-testid="history-close" @click=${() => this.dispatchEvent(new CustomEvent('history-close', { bubbles: true, composed: true }))}>Back to practice</button>
      </header>
      ${this.error ? html`<section class="error" role="alert">${this.error}</section>` : nothing}
      <section>
        <h2>Minutes of juggling per day <small class="empty">(${minutes(totalMs)} min in all)</small></h2>
        ${minutesChart(this.perDay, Date.now())}
      </section>
      <section>
        <h2>Best run per day <small class="empty">(most catches in a row)</small></h2>
        ${bestRunChart(bestRunPerDay(this.runs), Date.now())}
      </section>
      <section>
        <h2>Practice and catches per session</h2>
        ${this.sessions.length > 0
          ? html`${sessionCatchesChart(this.sessions, catchesPerSession(this.runs))}
              <div class="legend"><span class="practice">minutes of juggling</span><span class="catches">catches</span></div>`
          : html`<p class="empty">${this.loaded ? 'No sessions yet.' : 'Loading…'}</p>`}
      </section>
      <section>
        <h2>Balls detected in a session</h2>
        ${session
          ? html`<select aria-label="Session" data-testid="session-select" @change=${(event: Event) => (this.selected = Number((event.target as HTMLSelectElement).value))}>
                ${this.sessions.map((entry, index) => html`<option value=${index} ?selected=${index === this.selected}>${sessionTitle(entry)}</option>`)}
              </select>
              ${ballsChart(session)}
              <div class="legend">
                <span class="well">done well</span><span class="mistake">a mistake</span><span class="drop">a drop</span
                ><span class="no-balls">no balls</span><span class="unsure">unsure</span>
              </div>`
          : html`<p class="empty" data-testid="no-sessions">${this.loaded ? 'No sessions yet: juggle in front of the camera and they appear here.' : 'Loading…'}</p>`}
      </section>
      <section>
        <h2>Lessons</h2>
        <table data-testid="history-lessons">
          ${LESSONS.map((step) => {
            const entry = this.progress.get(step.id);
            const status = entry?.completedAtMs != null ? `✓ ${new Date(entry.completedAtMs).toLocaleDateString()}` : entry ? 'in progress' : '—';
            return html`<tr data-step=${step.id}>
              <td>${step.title}</td>
              <td>${status}</td>
              <td>${entry ? `best ${formatSeconds(entry.bestStreakMs)}` : ''}</td>
            </tr>`;
          })}
        </table>
      </section>
    `;
  }
}

customElements.define('jt-history', JtHistory);

declare global {
  interface HTMLElementTagNameMap {
    'jt-history': JtHistory;
  }
}
