// One confusion matrix: rows are what the clips are, columns what a head said, counts of
// validation windows in the cells, the diagonal (right answers) in green.
import { LitElement, css, html } from 'lit';
import { styleProps } from './style-props.ts';

export class JtConfusionMatrix extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font-variant-numeric: tabular-nums;
    }
    h3 {
      margin: 0 0 0.4rem;
      font-size: 1.05rem;
    }
    table {
      border-collapse: collapse;
      font-size: 0.9rem;
    }
    th {
      font-weight: 400;
      color: #aab2c8;
      padding: 0.2rem 0.4rem;
      text-align: right;
      white-space: nowrap;
    }
    thead th {
      writing-mode: vertical-rl;
      transform: rotate(180deg);
      text-align: left;
      vertical-align: bottom;
    }
    td {
      min-width: 2.2rem;
      padding: 0.25rem 0.4rem;
      text-align: center;
      border: 1px solid #2f3850;
    }
    td.right {
      background: rgba(124, 255, 107, calc(0.15 + 0.6 * var(--share)));
      color: #ffffff;
    }
    td.wrong {
      background: rgba(255, 82, 82, calc(0.6 * var(--share)));
    }
    td.zero {
      color: #5a6480;
    }
    .corner {
      font-size: 0.75rem;
      text-align: left;
    }
  `;

  static override properties = {
    heading: {},
    classes: { attribute: false },
    counts: { attribute: false },
  };

  declare heading: string;
  declare classes: readonly string[];
  /** counts[actual][predicted]. */
  declare counts: readonly (readonly number[])[];

  constructor() {
    super();
    this.heading = '';
    this.classes = [];
    this.counts = [];
  }

  override render() {
    return html`
      <h3>${this.heading}</h3>
      <table>
        <thead>
          <tr>
            <th class="corner">clip ↓ · said →</th>
            ${this.classes.map((name) => html`<th scope="col">${name}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${this.counts.map((row, actual) => {
            const total = row.reduce((sum, count) => sum + count, 0) || 1;
            return html`<tr>
              <th scope="row">${this.classes[actual]}</th>
              ${row.map(
                (count, predicted) =>
                  html`<td class="${predicted === actual ? 'right' : 'wrong'} ${count === 0 ? 'zero' : ''}" ${styleProps({ '--share': String(count / total) })}>${count}</td>`,
              )}
            </tr>`;
          })}
        </tbody>
      </table>
    `;
  }
}

customElements.define('jt-confusion-matrix', JtConfusionMatrix);

declare global {
  interface HTMLElementTagNameMap {
    'jt-confusion-matrix': JtConfusionMatrix;
  }
}
