// One recorded clip in the dataset view: its thumbnail, label, time, length, camera and split, and
// Play / Relabel / Delete. While relabelling, a form checked against the label grammar on Save.
// The card only shows and asks: jt-dataset owns the clips, the one edit in progress and storage.
import { LitElement, css, html, nothing } from 'lit';
import { CATALOG } from '../core/labels.ts';
import { formatWhen } from '../core/format.ts';
import type { ClipRecord } from '../storage/clips.ts';
import { buttonStyles, splitBadgeStyles } from './styles.ts';
import './jt-dataset-thumb.ts';

/** The relabel form's state: which clip, what is typed, and why Save refused it. */
export interface RelabelEdit {
  readonly id: string;
  readonly value: string;
  readonly error: string | null;
}

export type ClipCardEvent = 'clip-play' | 'clip-delete' | 'relabel-save';

export class JtClipCard extends LitElement {
  static override styles = [
    buttonStyles,
    splitBadgeStyles,
    css`
      :host {
        display: block;
      }
      .card {
        display: grid;
        grid-template-columns: 6rem 1fr;
        gap: 0.6rem;
        padding: 0.6rem;
        background: #1b2233;
        border-radius: 0.6rem;
      }
      .card .meta {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
        min-width: 0;
        font-size: 0.9rem;
      }
      .card .camera {
        color: #aab2c8;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .card .label {
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .card .buttons {
        grid-column: 1 / -1;
        display: flex;
        gap: 0.4rem;
        flex-wrap: wrap;
      }
      .card .buttons button {
        font-size: 0.9rem;
        padding: 0.3em 0.7em;
      }
      .error {
        color: #ff8a8a;
      }
      .relabel {
        grid-column: 1 / -1;
        display: flex;
        flex-direction: column;
        gap: 0.3rem;
      }
      .relabel input {
        font: inherit;
        padding: 0.3em 0.5em;
        border-radius: 0.4em;
        border: 2px solid #aab2c8;
        background: #101420;
        color: #ffffff;
      }
    `,
  ];

  static override properties = { clip: { attribute: false }, editing: { attribute: false } };

  declare clip: ClipRecord;
  /** This card's relabel form, or null when it shows its buttons. */
  declare editing: RelabelEdit | null;

  constructor() {
    super();
    this.editing = null;
  }

  private emit(name: ClipCardEvent): void {
    this.dispatchEvent(new CustomEvent<ClipRecord>(name, { detail: this.clip }));
  }

  /** Asks jt-dataset to open, change or close (null) the relabel form. */
  private edit(editing: RelabelEdit | null): void {
    this.dispatchEvent(new CustomEvent<RelabelEdit | null>('relabel-edit', { detail: editing }));
  }

  override render() {
    const clip = this.clip;
    const editing = this.editing;
    return html`<article class="card" data-testid="clip-card" data-id=${clip.id} data-label=${clip.label} data-split=${clip.split}>
      <jt-dataset-thumb clip-id=${clip.id}></jt-dataset-thumb>
      <div class="meta">
        <span class="label">${clip.label}</span>
        <span>${formatWhen(clip.recordedAtMs)}</span>
        <span>${(clip.durationMs / 1000).toFixed(1)} s</span>
        ${clip.camera ? html`<span class="camera" title=${clip.camera}>${clip.camera}</span>` : nothing}
        <span class="badge ${clip.split}" data-testid="clip-split">${clip.split}</span>
      </div>
      ${editing
        ? html`<form class="relabel" @submit=${(event: Event) => (event.preventDefault(), this.emit('relabel-save'))}>
            <input
              data-testid="relabel-input"
              list="catalog"
              spellcheck="false"
              aria-invalid=${editing.error ? 'true' : 'false'}
              .value=${editing.value}
              @input=${(event: Event) => this.edit({ ...editing, value: (event.target as HTMLInputElement).value, error: null })}
            />
            <datalist id="catalog">${CATALOG.map((name) => html`<option value=${name}></option>`)}</datalist>
            ${editing.error ? html`<span class="error" data-testid="relabel-error">${editing.error}</span>` : nothing}
            <div class="buttons">
              <button class="primary" type="submit" data-testid="relabel-save">Save</button>
              <button type="button" @click=${() => this.edit(null)}>Cancel</button>
            </div>
          </form>`
        : html`<div class="buttons">
            <button data-testid="clip-play" @click=${() => this.emit('clip-play')}>Play</button>
            <button data-testid="clip-relabel" @click=${() => this.edit({ id: clip.id, value: clip.label, error: null })}>Relabel</button>
            <button data-testid="clip-delete" @click=${() => this.emit('clip-delete')}>Delete</button>
          </div>`}
    </article>`;
  }
}

customElements.define('jt-clip-card', JtClipCard);

declare global {
  interface HTMLElementTagNameMap {
    'jt-clip-card': JtClipCard;
  }
}
