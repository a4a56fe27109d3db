// The dataset view: every recorded clip, counted per class and per split, with its thumbnail,
// its video, relabel and delete (with undo); the recording sessions and their split; export to a
// zip and import from one (validated first, all or nothing, every problem listed). The parts are
// elements of their own (jt-clip-card, jt-clip-player, jt-dataset-tables, jt-dataset-archive);
// this one holds the clips and the edits, and talks to storage.
import { LitElement, css, html, nothing } from 'lit';
import { labelProblem } from '../core/labels.ts';
import { planSplits, recordingSessions } from '../core/clip-split.ts';
import { storageText } from '../core/format.ts';
import { classSummaries } from '../core/teach-dataset.ts';
import {
  deleteClips, getClipVideo, listClips, relabelClip, restoreClips, storageStatus, type ClipRecord, type StorageStatus, type StoredClip,
} from '../storage/clips.ts';
import { buttonStyles } from './styles.ts';
import type { RelabelEdit } from './jt-clip-card.ts';
import './jt-clip-card.ts';
import './jt-clip-player.ts';
import './jt-dataset-archive.ts';
import './jt-dataset-tables.ts';

export class JtDataset extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
        box-sizing: border-box;
        overflow-y: auto;
        padding: 1rem 1.5rem 5rem;
        background: #101420;
        color: #ffffff;
      }
      header,
      section {
        max-width: 64rem;
        margin: 0 auto;
      }
      header {
        display: flex;
        align-items: center;
        gap: 0.8rem;
        flex-wrap: wrap;
      }
      h1 {
        margin: 0 auto 0 0;
        color: #ffd400;
      }
      section {
        margin-top: 1.2rem;
      }
      h2 {
        font-size: 1.2rem;
        margin: 0 0 0.5rem;
      }
      button {
        font-size: 1rem;
        padding: 0.4em 0.9em;
      }
      .note {
        color: #aab2c8;
        margin: 0.3rem 0;
      }
      .ok {
        color: #7ee787;
      }
      .error {
        color: #ff8a8a;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
        gap: 0.8rem;
      }
      .toast {
        position: fixed;
        left: 50%;
        bottom: 1rem;
        transform: translateX(-50%);
        display: flex;
        gap: 1rem;
        align-items: center;
        padding: 0.6rem 1rem;
        border-radius: 0.6rem;
        background: #2a3247;
        box-shadow: 0 0.3rem 1rem rgba(0, 0, 0, 0.5);
        z-index: 2;
      }
    `,
  ];

  static override properties = {
    clips: { state: true },
    loadError: { state: true },
    undo: { state: true },
    playing: { state: true },
    relabeling: { state: true },
    message: { state: true },
    storage: { state: true },
  };

  declare clips: readonly ClipRecord[] | null;
  declare loadError: string | null;
  declare undo: { removed: StoredClip[]; text: string } | null;
  declare playing: { clip: ClipRecord; url: string } | null;
  declare relabeling: RelabelEdit | null;
  declare message: string | null;
  declare storage: StorageStatus | null;

  constructor() {
    super();
    this.clips = null;
    this.loadError = null;
    this.undo = null;
    this.playing = null;
    this.relabeling = null;
    this.message = null;
    this.storage = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.closePlayer();
  }

  private async reload(): Promise<void> {
    try {
      this.clips = await listClips();
      this.loadError = null;
    } catch (error) {
      this.loadError = (error as Error).message;
    }
    this.storage = await storageStatus().catch(() => null);
  }

  private emit(name: 'dataset-close' | 'record-open'): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }

  private async play(clip: ClipRecord): Promise<void> {
    this.closePlayer();
    const video = await getClipVideo(clip.id).catch(() => undefined);
    if (!video) {
      this.message = 'That clip has no stored video.';
      return;
    }
    this.playing = { clip, url: URL.createObjectURL(video) };
  }

  private closePlayer(): void {
    if (this.playing) URL.revokeObjectURL(this.playing.url);
    this.playing = null;
  }

  private async deleteClip(clip: ClipRecord): Promise<void> {
    try {
      const removed = await deleteClips([clip.id]);
      this.undo = { removed, text: `Deleted a ${clip.label} clip.` };
      await this.reload();
    } catch (error) {
      this.message = (error as Error).message;
    }
  }

  private async undoDelete(): Promise<void> {
    const undo = this.undo;
    this.undo = null;
    if (!undo) return;
    try {
      await restoreClips(undo.removed);
      await this.reload();
    } catch (error) {
      this.message = (error as Error).message;
    }
  }

  private async saveLabel(): Promise<void> {
    const editing = this.relabeling;
    if (!editing) return;
    const value = editing.value.trim();
    const problem = labelProblem(value);
    if (problem) {
      this.relabeling = { ...editing, error: problem };
      return;
    }
    try {
      await relabelClip(editing.id, value);
      this.relabeling = null;
      await this.reload();
    } catch (error) {
      this.relabeling = { ...editing, error: (error as Error).message };
    }
  }

  private renderCard(clip: ClipRecord) {
    return html`<jt-clip-card
      .clip=${clip}
      .editing=${this.relabeling?.id === clip.id ? this.relabeling : null}
      @clip-play=${() => void this.play(clip)}
      @clip-delete=${() => void this.deleteClip(clip)}
      @relabel-edit=${(event: CustomEvent<RelabelEdit | null>) => (this.relabeling = event.detail)}
      @relabel-save=${() => void this.saveLabel()}
    ></jt-clip-card>`;
  }

  override render() {
    const clips = this.clips ?? [];
    const counts = classSummaries(clips);
    const sessions = recordingSessions(clips);
    const plan = planSplits(clips);
    const validation = clips.filter((clip) => clip.split === 'validation').length;
    return html`
      <header>
        <h1>Your clips</h1>
        <button data-testid="record-open" @click=${() => this.emit('record-open')}>Record</button>
        <button data-testid="dataset-close" @click=${() => this.emit('dataset-close')}>Close</button>
      </header>
      <section>
        <p data-testid="dataset-summary" data-count=${clips.length}>
          ${this.clips === null
            ? 'Reading your clips…'
            : `${clips.length} clip${clips.length === 1 ? '' : 's'} · ${counts.length} class${counts.length === 1 ? '' : 'es'} · ${sessions.length} recording session${sessions.length === 1 ? '' : 's'} · ${clips.length - validation} train / ${validation} validation`}
        </p>
        ${plan.note && clips.length > 0 ? html`<p class="note" data-testid="split-note">${plan.note}</p>` : nothing}
        ${this.storage ? html`<p class="note">${storageText(this.storage)}</p>` : nothing}
        ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : nothing}
        <jt-dataset-archive
          .clipCount=${clips.length}
          .reloadClips=${() => this.reload()}
          @archive-message=${(event: CustomEvent<string | null>) => (this.message = event.detail)}
        >
          ${this.message ? html`<p class="ok" data-testid="dataset-message" role="status">${this.message}</p>` : nothing}
        </jt-dataset-archive>
      </section>
      ${counts.length > 0
        ? html`<jt-dataset-tables .counts=${counts} .sessions=${sessions}></jt-dataset-tables>`
        : this.clips !== null
          ? html`<section><p class="note">No clips yet. Open <strong>Record</strong> to record some, or import a zip.</p></section>`
          : nothing}
      ${counts.map(
        (count) => html`<section>
          <h2>${count.label} <span class="note">(${count.trainClips + count.validationClips})</span></h2>
          <div class="grid">${clips.filter((clip) => clip.label === count.label).map((clip) => this.renderCard(clip))}</div>
        </section>`,
      )}
      ${this.undo
        ? html`<div class="toast" role="status">
            <span>${this.undo.text}</span>
            <button class="primary" data-testid="undo-delete" @click=${() => void this.undoDelete()}>Undo</button>
            <button @click=${() => (this.undo = null)}>Dismiss</button>
          </div>`
        : nothing}
      ${this.playing
        ? html`<jt-clip-player .clip=${this.playing.clip} url=${this.playing.url} @player-close=${() => this.closePlayer()}></jt-clip-player>`
        : nothing}
    `;
  }
}

customElements.define('jt-dataset', JtDataset);

declare global {
  interface HTMLElementTagNameMap {
    'jt-dataset': JtDataset;
  }
}
