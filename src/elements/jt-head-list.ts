// The saved personal heads: which one the practice view uses, and use / stop using / export /
// delete for each. Presentational: it tells jt-teach what was asked for through events.
import { LitElement, css, html, nothing } from 'lit';
import type { PersonalHeadRecord } from '../core/personal-head-types.ts';
import { buttonStyles } from './styles.ts';

export type HeadAction = 'use' | 'stop' | 'export' | 'delete';

export interface HeadActionDetail {
  readonly action: HeadAction;
  readonly id: string;
}

function percent(value: number | null): string {
  return value === null ? 'accuracy unknown' : `${Math.round(value * 100)} % on validation`;
}

export class JtHeadList extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.6rem;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        padding: 0.6rem 0.8rem;
        border-radius: 0.6rem;
        background: #1b2233;
      }
      li.active {
        outline: 3px solid #7cff6b;
      }
      .about {
        margin-right: auto;
      }
      .name {
        font-weight: 700;
      }
      .details {
        color: #aab2c8;
        font-size: 0.9rem;
      }
      button {
        font-size: 1rem;
        padding: 0.35em 0.8em;
      }
      .empty {
        color: #aab2c8;
      }
    `,
  ];

  static override properties = {
    heads: { attribute: false },
    activeId: {},
  };

  declare heads: readonly PersonalHeadRecord[];
  declare activeId: string | null;

  constructor() {
    super();
    this.heads = [];
    this.activeId = null;
  }

  private emit(action: HeadAction, id: string): void {
    this.dispatchEvent(new CustomEvent<HeadActionDetail>('head-action', { detail: { action, id }, bubbles: true, composed: true }));
  }

  override render() {
    if (this.heads.length === 0) return html`<p class="empty" data-testid="no-heads">No personal heads yet: the practice view uses the shipped head.</p>`;
    return html`<ul>
      ${this.heads.map((head) => {
        const active = head.id === this.activeId;
        return html`<li class=${active ? 'active' : ''} data-testid="head" data-head-id=${head.id}>
          <div class="about">
            <div class="name">${head.name}${active ? html` · <span data-testid="head-in-use">in use</span>` : nothing}</div>
            <div class="details">
              ${head.classes.length} classes (${head.classes.join(', ')}) · ${percent(head.validationAccuracy)} ·
              ${new Date(head.createdAtMs).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}
            </div>
          </div>
          ${active
            ? html`<button data-testid="head-stop" @click=${() => this.emit('stop', head.id)}>Stop using</button>`
            : html`<button class="primary" data-testid="head-use" @click=${() => this.emit('use', head.id)}>Use in practice</button>`}
          <button data-testid="head-export" @click=${() => this.emit('export', head.id)}>Export</button>
          <button data-testid="head-delete" @click=${() => this.emit('delete', head.id)}>Delete</button>
        </li>`;
      })}
    </ul>`;
  }
}

customElements.define('jt-head-list', JtHeadList);

declare global {
  interface HTMLElementTagNameMap {
    'jt-head-list': JtHeadList;
  }
}
