// Catches in a row, readable from where a person juggles (2–3 m): the current run's catches in
// large digits, its length in seconds, and the best run today and ever for this ball count and
// pattern; a short celebration when a run sets a personal best. Every number comes from the
// ball tracker's runs (Prediction.tracks.runs) and the stored runs: nothing here counts time.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { countedCatches, type CatchRunSummary, type FinishedRunView } from '../core/live-runs.ts';
import { bestsFor, type RunRecord } from '../core/run-records.ts';

const ENDS: Record<FinishedRunView['end'], string> = { drop: 'ended on a drop', pause: 'ended on a pause' };

/** No run stored yet is no best: a dash, not a 0 beside a run of 40 catches going on. */
const bestText = (catches: number) => (catches > 0 ? String(catches) : '–');

const catchesText = (count: number) => `${count} ${count === 1 ? 'catch' : 'catches'}`;

export class JtCatchCounter extends LitElement {
  static override styles = css`
    :host {
      display: block;
      color: #ffffff;
      text-align: center;
      text-shadow: 0 0 0.15em #000000, 0 0 0.4em #000000;
      font-variant-numeric: tabular-nums;
      pointer-events: none;
      background: rgba(0, 0, 0, 0.45);
      border-radius: 1rem;
      padding: 0.6rem 1.2rem 0.8rem;
      /* A fixed width: the panel must not jump as digits and messages change. */
      box-sizing: border-box;
      width: clamp(11rem, 20vw, 17rem);
    }
    .label {
      font-size: clamp(1rem, 2.6vh, 1.6rem);
      font-weight: 600;
      color: #d0d4e0;
    }
    .count {
      font-size: clamp(4.5rem, 18vh, 11rem);
      font-weight: 800;
      line-height: 1;
    }
    .count.idle {
      color: #8a93a8;
    }
    .count.beating {
      color: #ffd400;
    }
    .seconds {
      font-size: clamp(1.4rem, 4vh, 2.6rem);
      font-weight: 700;
    }
    .bests {
      margin-top: 0.4rem;
      display: grid;
      grid-template-columns: auto auto;
      gap: 0 0.8rem;
      font-size: clamp(1.1rem, 3vh, 2rem);
      font-weight: 600;
      text-align: left;
    }
    .bests dt {
      color: #aab2c8;
      font-weight: 400;
    }
    .bests dd {
      margin: 0;
      text-align: right;
    }
    .demo-truth {
      margin-top: 0.4rem;
      font-size: clamp(0.9rem, 2.2vh, 1.3rem);
      color: #d0d4e0;
    }
    .last {
      margin-top: 0.4rem;
      font-size: clamp(0.95rem, 2.4vh, 1.4rem);
      color: #d0d4e0;
    }
    .celebration {
      margin-top: 0.5rem;
      font-size: clamp(1.6rem, 5vh, 3.2rem);
      font-weight: 800;
      color: #ffd400;
      animation: cheer 3s ease-out forwards;
    }
    @keyframes cheer {
      0% {
        transform: scale(0.6);
        opacity: 0;
      }
      12% {
        transform: scale(1.25);
        opacity: 1;
      }
      25% {
        transform: scale(1);
      }
      85% {
        opacity: 1;
      }
      100% {
        opacity: 0;
      }
    }
    /* Beside or under the coach's panel the practice view is smaller: the panel sizes itself to that
       view (container units of jt-practice), not to the window. */
    :host([compact]) {
      width: clamp(8rem, 26cqw, 13rem);
      padding: 0.4rem 0.7rem 0.5rem;
    }
    :host([compact]) .label {
      font-size: clamp(0.8rem, 2.6cqh, 1.2rem);
    }
    :host([compact]) .count {
      font-size: clamp(2.4rem, min(14cqh, 12cqw), 7rem);
    }
    :host([compact]) .seconds {
      font-size: clamp(0.95rem, 4cqh, 1.8rem);
    }
    :host([compact]) .bests {
      font-size: clamp(0.8rem, 3cqh, 1.4rem);
      white-space: nowrap;
    }
    :host([compact]) .demo-truth,
    :host([compact]) .last {
      font-size: clamp(0.7rem, 2.2cqh, 1.1rem);
    }
    @media (prefers-reduced-motion: reduce) {
      .celebration {
        animation: fade 3s linear forwards;
      }
      @keyframes fade {
        0%,
        85% {
          opacity: 1;
        }
        100% {
          opacity: 0;
        }
      }
    }
  `;

  // Reactive properties are declared, not decorated: Vite 8 (Oxc) leaves standard decorators
  // and `accessor` unlowered in the bundle, which browsers cannot parse.
  static override properties = {
    runs: { attribute: false },
    records: { attribute: false },
    newBest: { attribute: false },
    demoCatches: { attribute: false },
    compact: { type: Boolean, reflect: true },
    celebrating: { state: true },
  };

  /** The tracker's runs of the newest prediction. */
  declare runs: CatchRunSummary | null;
  /** Stored runs (oldest first), for the bests. */
  declare records: readonly RunRecord[];
  /** The run that set the newest personal best (a new one starts the celebration). */
  declare newBest: RunRecord | null;
  declare celebrating: RunRecord | null;
  /** With the demo juggler: the catches it made, beside the catches the tracker counted (null: a real camera). */
  declare demoCatches: number | null;
  /** A smaller panel (the coach's panel is open beside the practice view). */
  declare compact: boolean;

  constructor() {
    super();
    this.runs = null;
    this.records = [];
    this.newBest = null;
    this.celebrating = null;
    this.demoCatches = null;
    this.compact = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('newBest') && this.newBest && this.newBest.id !== (changed.get('newBest') as RunRecord | null | undefined)?.id) this.celebrating = this.newBest;
  }

  /** The demo juggler knows every catch it made: its count beside the tracker's, all runs together. */
  private renderDemoTruth(made: number) {
    const counted = countedCatches(this.runs);
    return html`<div class="demo-truth" data-testid="demo-truth" data-made=${made} data-counted=${counted}>Demo juggler: ${catchesText(made)} made, ${counted} counted</div>`;
  }

  override render() {
    const current = this.runs?.current ?? null;
    const last = this.runs?.recent.at(-1) ?? null;
    const balls = current?.balls ?? last?.balls ?? null;
    // The run's own pattern (the headline's most named in it), steadier than the headline of the moment.
    const pattern = current ? current.pattern : (last?.pattern ?? null);
    const bests = balls === null ? null : bestsFor(this.records, { balls, pattern }, Date.now());
    const catches = current?.catches ?? 0;
    const beating = current !== null && bests !== null && bests.ever >= 3 && catches > bests.ever;
    return html`
      <div class="label">Catches${balls === null ? '' : ` · ${balls} ${balls === 1 ? 'ball' : 'balls'}`}</div>
      <div class="count ${current ? (beating ? 'beating' : '') : 'idle'}" data-testid="catch-count" data-count=${catches}>${catches}</div>
      <div class="seconds" data-testid="run-seconds">${current ? `${current.seconds.toFixed(1)} s` : '–'}</div>
      ${bests
        ? html`<dl class="bests">
            <dt>Best today</dt>
            <dd data-testid="best-today">${bestText(bests.today)}</dd>
            <dt>Best ever</dt>
            <dd data-testid="best-ever">${bestText(bests.ever)}</dd>
          </dl>`
        : nothing}
      ${last && !current ? html`<div class="last" data-testid="last-run" data-end=${last.end}>Last run: ${catchesText(last.catches)}, ${ENDS[last.end]}</div>` : nothing}
      ${this.demoCatches !== null ? this.renderDemoTruth(this.demoCatches) : nothing}
      ${this.celebrating
        ? html`<div class="celebration" data-testid="catch-celebration" role="status" @animationend=${() => (this.celebrating = null)}>
            New best! ${catchesText(this.celebrating.catches)}
          </div>`
        : nothing}
    `;
  }
}

customElements.define('jt-catch-counter', JtCatchCounter);

declare global {
  interface HTMLElementTagNameMap {
    'jt-catch-counter': JtCatchCounter;
  }
}
