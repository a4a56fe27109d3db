// Progress over time, from what is stored on this device: minutes of juggling per day, the ball
// count the model saw during one session, and the lessons done with their best streaks.
import { LitElement, css, html, nothing, svg } from 'lit';
import { LESSONS } from '../core/lessons.ts';
import { formatSeconds } from '../core/lesson-cues.ts';
import { parseLabel } from '../core/labels.ts';
import { recentDays } from '../core/lesson-timeline.ts';
import { loadProgress, type StepProgress } from '../storage/progress.ts';
import { listSessions, practicePerDay, type SessionRecord } from '../storage/sessions.ts';
import { buttonStyles } from './styles.ts';

const DAYS_SHOWN = 14;
const CHART_WIDTH = 640;
const CHART_HEIGHT = 180;
const PAD = { left: 56, right: 12, top: 18, bottom: 24 };

function minutes(durationMs: number): string {
  const value = durationMs / 60_000;
  return value < 10 ? value.toFixed(1) : String(Math.round(value));
}

function sessionTitle(session: SessionRecord): string {
  const start = new Date(session.startedAtMs);
  const when = start.toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const lesson = session.lessonId ? LESSONS.find((step) => step.id === session.lessonId)?.title : null;
  return `${when} · ${minutes(session.practiceMs)} min juggling${lesson ? ` · ${lesson}` : ''}`;
}

/** Colour of one timeline point: dark grey unsure, light grey no balls, green done well, red a drop, orange another mistake. */
function pointColour(label: string | null): string {
  if (label === null) return '#6b7389';
  const parsed = parseLabel(label);
  if (parsed.balls === 0) return '#aab2c8';
  const quality = parsed.quality;
  if (quality === null) return '#7cff6b';
  return quality === 'drop' ? '#ff5252' : '#ffa040';
}

function minutesChart(perDay: ReadonlyMap<string, number>, todayMs: number) {
  const days = recentDays(todayMs, DAYS_SHOWN);
  const values = days.map((day) => (perDay.get(day) ?? 0) / 60_000);
  const top = Math.max(1, Math.ceil(Math.max(...values)));
  const innerWidth = CHART_WIDTH - PAD.left - PAD.right;
  const innerHeight = CHART_HEIGHT - PAD.top - PAD.bottom;
  const slot = innerWidth / days.length;
  const y = (value: number) => PAD.top + innerHeight * (1 - value / top);
  return svg`<svg viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" role="img" aria-label="Minutes of juggling per day, last ${DAYS_SHOWN} days" data-testid="minutes-chart">
    <line x1=${PAD.left} x2=${CHART_WIDTH - PAD.right} y1=${y(0)} y2=${y(0)} class="axis"></line>
    <line x1=${PAD.left} x2=${CHART_WIDTH - PAD.right} y1=${y(top)} y2=${y(top)} class="grid"></line>
    <text x=${PAD.left - 6} y=${y(top) + 4} class="tick end">${top} min</text>
    <text x=${PAD.left - 6} y=${y(0) + 4} class="tick end">0</text>
    ${days.map((day, index) => {
      const x = PAD.left + index * slot;
      const value = values[index];
      const height = y(0) - y(value);
      return svg`<g data-day=${day} data-minutes=${value.toFixed(2)}>
        <rect x=${x + slot * 0.15} y=${y(value)} width=${slot * 0.7} height=${height} class="bar"></rect>
        ${value > 0 ? svg`<text x=${x + slot / 2} y=${y(value) - 4} class="tick middle">${value < 10 ? value.toFixed(1) : Math.round(value)}</text>` : nothing}
        <text x=${x + slot / 2} y=${CHART_HEIGHT - 6} class="tick middle">${Number(day.slice(8))}</text>
      </g>`;
    })}
  </svg>`;
}

function ballsChart(session: SessionRecord) {
  const points = session.points;
  const lastSec = Math.max(1, points.at(-1)?.atSec ?? 1);
  const topBalls = Math.max(3, ...points.map((point) => point.balls));
  const innerWidth = CHART_WIDTH - PAD.left - PAD.right;
  const innerHeight = CHART_HEIGHT - PAD.top - PAD.bottom;
  const x = (seconds: number) => PAD.left + (innerWidth * seconds) / lastSec;
  const y = (balls: number) => PAD.top + innerHeight * (1 - balls / topBalls);
  // A step line: the count holds until the next point.
  const path = points
    .map((point, index) => (index === 0 ? `M${x(point.atSec).toFixed(1)} ${y(point.balls).toFixed(1)}` : `H${x(point.atSec).toFixed(1)} V${y(point.balls).toFixed(1)}`))
    .join(' ');
  const ticks = [0, lastSec / 2, lastSec];
  const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;
  return svg`<svg viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" role="img" aria-label="Balls detected during the session" data-testid="balls-chart">
    ${Array.from({ length: topBalls + 1 }, (_, balls) => svg`<line x1=${PAD.left} x2=${CHART_WIDTH - PAD.right} y1=${y(balls)} y2=${y(balls)} class=${balls === 0 ? 'axis' : 'grid'}></line>
      <text x=${PAD.left - 6} y=${y(balls) + 4} class="tick end">${balls}</text>`)}
    ${ticks.map((seconds, index) => svg`<text x=${x(seconds)} y=${CHART_HEIGHT - 6} class="tick ${index === 0 ? 'start' : index === 2 ? 'end' : 'middle'}">${clock(seconds)}</text>`)}
    <path d=${path} class="line"></path>
    ${points.map((point) => svg`<circle cx=${x(point.atSec)} cy=${y(point.balls)} r="3" fill=${pointColour(point.label)}><title>${point.label ?? 'unsure'}</title></circle>`)}
  </svg>`;
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
    selected: { state: true },
    error: { state: true },
    loaded: { state: true },
  };

  declare sessions: readonly SessionRecord[];
  declare perDay: ReadonlyMap<string, number>;
  declare progress: ReadonlyMap<string, StepProgress>;
  declare selected: number;
  declare error: string | null;
  declare loaded: boolean;

  constructor() {
    super();
    this.sessions = [];
    this.perDay = new Map();
    this.progress = new Map();
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
      [this.sessions, this.perDay, this.progress] = await Promise.all([listSessions(), practicePerDay(), loadProgress()]);
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
        <h2>Balls detected in a session</h2>
        ${session
          ? html`<select aria-label="Session" data-testid="session-select" @change=${(event: Event) => (this.selected = Number((event.target as HTMLSelectElement).value))}>
                ${this.sessions.map((entry, index) => html`<option value=${index} ?selected=${index === this.selected}>${sessionTitle(entry)}</option>`)}
              </select>
              ${ballsChart(session)}
              <div class="legend">
                <span style="--colour: #7cff6b">done well</span><span style="--colour: #ffa040">a mistake</span><span style="--colour: #ff5252">a drop</span
                ><span style="--colour: #aab2c8">no balls</span><span style="--colour: #6b7389">unsure</span>
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
