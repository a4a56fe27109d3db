// The dataset view's two tables: clips per class (train, validation, total) and the recording
// sessions with the split each is on.
import { LitElement, css, html } from 'lit';
import type { SessionRow } from '../core/clip-split.ts';
import { formatWhen } from '../core/format.ts';
import type { ClassSummary } from '../core/teach-dataset.ts';
import { splitBadgeStyles } from './styles.ts';

export class JtDatasetTables extends LitElement {
  static override styles = [
    splitBadgeStyles,
    css`
      :host {
        display: block;
      }
      section {
        max-width: 64rem;
        margin: 1.2rem auto 0;
      }
      h2 {
        font-size: 1.2rem;
        margin: 0 0 0.5rem;
      }
      .note {
        color: #aab2c8;
        margin: 0.3rem 0;
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-size: 1rem;
      }
      th,
      td {
        text-align: left;
        padding: 0.3rem 0.6rem;
        border-bottom: 1px solid #2a3247;
      }
      td.number,
      th.number {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  static override properties = { counts: { attribute: false }, sessions: { attribute: false } };

  declare counts: readonly ClassSummary[];
  declare sessions: readonly SessionRow[];

  constructor() {
    super();
    this.counts = [];
    this.sessions = [];
  }

  override render() {
    return html`<section>
        <h2>Per class</h2>
        <table data-testid="class-counts">
          <thead><tr><th>class</th><th class="number">train</th><th class="number">validation</th><th class="number">total</th></tr></thead>
          <tbody>
            ${this.counts.map(
              (count) => html`<tr data-class=${count.label}>
                <td>${count.label}</td><td class="number">${count.trainClips}</td><td class="number">${count.validationClips}</td><td class="number">${count.trainClips + count.validationClips}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section>
        <h2>Recording sessions</h2>
        <p class="note">The split is made per session, so a sitting's clips are never on both sides.</p>
        <table data-testid="session-table">
          <thead><tr><th>started</th><th class="number">clips</th><th>split</th></tr></thead>
          <tbody>
            ${this.sessions.map((session) => html`<tr data-session=${session.id}><td>${formatWhen(session.firstMs)}</td><td class="number">${session.clips}</td><td><span class="badge ${session.split}">${session.split}</span></td></tr>`)}
          </tbody>
        </table>
      </section>`;
  }
}

customElements.define('jt-dataset-tables', JtDatasetTables);

declare global {
  interface HTMLElementTagNameMap {
    'jt-dataset-tables': JtDatasetTables;
  }
}
