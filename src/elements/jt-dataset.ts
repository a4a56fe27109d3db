// The dataset view: every recorded clip, counted per class and per split, with its thumbnail,
// its video, relabel and delete (with undo); the recording sessions and their split; export to a
// zip and import from one (validated first, all or nothing, every problem listed).
import { LitElement, css, html, nothing } from 'lit';
import { CATALOG, labelProblem } from '../core/labels.ts';
import { planSplits } from '../core/clip-split.ts';
import { formatBytes } from '../core/format.ts';
import { importProgressFraction, importProgressText, type ImportProgress } from '../core/import-progress.ts';
import type { ModelSpec } from '../core/model-spec.ts';
import { download, exportClips, exportFileName, fetchModelSpec, importArchive } from '../platform/clip-archive.ts';
import {
  deleteClips, getClipVideo, listClips, relabelClip, restoreClips, storageStatus, type ClipRecord, type StorageStatus, type StoredClip,
} from '../storage/clips.ts';
import { buttonStyles } from './styles.ts';
import './jt-dataset-thumb.ts';

interface ClassCount {
  readonly label: string;
  readonly train: number;
  readonly validation: number;
}

interface SessionRow {
  readonly id: string;
  readonly firstMs: number;
  readonly clips: number;
  readonly split: ClipRecord['split'];
}

function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

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
      .actions {
        display: flex;
        gap: 0.6rem;
        flex-wrap: wrap;
        align-items: center;
      }
      input[type='file'] {
        display: none;
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
      .import-progress {
        display: flex;
        align-items: center;
        gap: 0.6rem;
        margin: 0.6rem 0 0;
      }
      .import-progress progress {
        flex: 0 1 16rem;
      }
      .problems {
        border: 2px solid #ff6b6b;
        border-radius: 0.5rem;
        padding: 0.6rem 1rem;
        background: #2a1620;
      }
      .problems ul {
        margin: 0.4rem 0 0;
        padding-left: 1.2rem;
      }
      .problems li {
        margin: 0.2rem 0;
        overflow-wrap: anywhere;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
        gap: 0.8rem;
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
      button[disabled] {
        opacity: 0.45;
        cursor: not-allowed;
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
      .badge {
        display: inline-block;
        width: max-content;
        padding: 0 0.5em;
        border-radius: 1em;
        font-size: 0.8rem;
        font-weight: 700;
      }
      .badge.train {
        background: #1f4d7a;
      }
      .badge.validation {
        background: #7a4d1f;
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
      .player {
        position: fixed;
        inset: 0;
        display: flex;
        flex-direction: column;
        gap: 1rem;
        align-items: center;
        justify-content: center;
        background: rgba(0, 0, 0, 0.9);
        z-index: 3;
      }
      .player video {
        max-width: 90vw;
        max-height: 75vh;
        background: #000000;
      }
    `,
  ];

  static override properties = {
    modelSpecUrl: {},
    clips: { state: true },
    loadError: { state: true },
    undo: { state: true },
    playing: { state: true },
    relabeling: { state: true },
    busy: { state: true },
    importProblems: { state: true },
    importProgress: { state: true },
    message: { state: true },
    storage: { state: true },
  };

  declare modelSpecUrl: string;
  declare clips: readonly ClipRecord[] | null;
  declare loadError: string | null;
  declare undo: { removed: StoredClip[]; text: string } | null;
  declare playing: { clip: ClipRecord; url: string } | null;
  declare relabeling: { id: string; value: string; error: string | null } | null;
  declare busy: string | null;
  declare importProblems: readonly string[] | null;
  declare importProgress: ImportProgress | null;
  declare message: string | null;
  declare storage: StorageStatus | null;

  private spec: ModelSpec | null = null;

  constructor() {
    super();
    this.modelSpecUrl = '';
    this.clips = null;
    this.loadError = null;
    this.undo = null;
    this.playing = null;
    this.relabeling = null;
    this.busy = null;
    this.importProblems = null;
    this.importProgress = null;
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

  private async modelSpec(): Promise<ModelSpec> {
    this.spec ??= await fetchModelSpec(this.modelSpecUrl);
    return this.spec;
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

  private async exportZip(): Promise<void> {
    this.busy = 'Exporting…';
    this.message = null;
    try {
      const { blob, count } = await exportClips(await this.modelSpec(), (done, total) => (this.busy = `Exporting ${done} of ${total}…`));
      const name = exportFileName();
      download(blob, name);
      this.message = `Exported ${count} clip${count === 1 ? '' : 's'} to ${name} (${formatBytes(blob.size)}).`;
    } catch (error) {
      this.message = `Export failed: ${(error as Error).message}`;
    } finally {
      this.busy = null;
    }
  }

  private async importZip(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.busy = `Checking ${file.name}…`;
    this.importProblems = null;
    this.message = null;
    try {
      const outcome = await importArchive(file, await this.modelSpec(), (progress) => (this.importProgress = progress));
      if (outcome.problems.length > 0) {
        this.importProblems = outcome.problems;
      } else {
        const skipped = outcome.skipped > 0 ? ` (${outcome.skipped} already here, left as they were)` : '';
        this.message = `Imported ${outcome.added} clip${outcome.added === 1 ? '' : 's'} from ${file.name}${skipped}.`;
      }
      await this.reload();
    } catch (error) {
      this.importProblems = [`Nothing was imported: ${(error as Error).message}`];
    } finally {
      this.busy = null;
      this.importProgress = null;
    }
  }

  private renderImportProgress(progress: ImportProgress) {
    const fraction = importProgressFraction(progress);
    return html`<p class="import-progress" data-testid="import-progress" data-kind=${progress.kind} role="status">
      ${fraction === null ? html`<progress></progress>` : html`<progress max="1" .value=${fraction}></progress>`}
      <span data-testid="import-progress-text">${importProgressText(progress)}</span>
    </p>`;
  }

  private counts(clips: readonly ClipRecord[]): ClassCount[] {
    const byLabel = new Map<string, { train: number; validation: number }>();
    for (const clip of clips) {
      const count = byLabel.get(clip.label) ?? { train: 0, validation: 0 };
      count[clip.split] += 1;
      byLabel.set(clip.label, count);
    }
    const order = (label: string) => {
      const index = (CATALOG as readonly string[]).indexOf(label);
      return index < 0 ? CATALOG.length : index;
    };
    return [...byLabel.entries()]
      .map(([label, count]) => ({ label, ...count }))
      .sort((a, b) => order(a.label) - order(b.label) || a.label.localeCompare(b.label));
  }

  private sessions(clips: readonly ClipRecord[]): SessionRow[] {
    const rows = new Map<string, SessionRow>();
    for (const clip of clips) {
      const row = rows.get(clip.recordingSessionId);
      rows.set(clip.recordingSessionId, {
        id: clip.recordingSessionId,
        firstMs: Math.min(row?.firstMs ?? Infinity, clip.recordedAtMs),
        clips: (row?.clips ?? 0) + 1,
        split: clip.split,
      });
    }
    return [...rows.values()].sort((a, b) => a.firstMs - b.firstMs);
  }

  private renderCard(clip: ClipRecord) {
    const editing = this.relabeling?.id === clip.id ? this.relabeling : null;
    return html`<article class="card" data-testid="clip-card" data-id=${clip.id} data-label=${clip.label} data-split=${clip.split}>
      <jt-dataset-thumb clip-id=${clip.id}></jt-dataset-thumb>
      <div class="meta">
        <span class="label">${clip.label}</span>
        <span>${when(clip.recordedAtMs)}</span>
        <span>${(clip.durationMs / 1000).toFixed(1)} s</span>
        ${clip.camera ? html`<span class="camera" title=${clip.camera}>${clip.camera}</span>` : nothing}
        <span class="badge ${clip.split}" data-testid="clip-split">${clip.split}</span>
      </div>
      ${editing
        ? html`<form class="relabel" @submit=${(event: Event) => (event.preventDefault(), void this.saveLabel())}>
            <input
              data-testid="relabel-input"
              list="catalog"
              spellcheck="false"
              aria-invalid=${editing.error ? 'true' : 'false'}
              .value=${editing.value}
              @input=${(event: Event) => (this.relabeling = { ...editing, value: (event.target as HTMLInputElement).value, error: null })}
            />
            ${editing.error ? html`<span class="error" data-testid="relabel-error">${editing.error}</span>` : nothing}
            <div class="buttons">
              <button class="primary" type="submit" data-testid="relabel-save">Save</button>
              <button type="button" @click=${() => (this.relabeling = null)}>Cancel</button>
            </div>
          </form>`
        : html`<div class="buttons">
            <button data-testid="clip-play" @click=${() => void this.play(clip)}>Play</button>
            <button data-testid="clip-relabel" @click=${() => (this.relabeling = { id: clip.id, value: clip.label, error: null })}>Relabel</button>
            <button data-testid="clip-delete" @click=${() => void this.deleteClip(clip)}>Delete</button>
          </div>`}
    </article>`;
  }

  override render() {
    const clips = this.clips ?? [];
    const counts = this.counts(clips);
    const sessions = this.sessions(clips);
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
        ${this.storage?.usageBytes != null
          ? html`<p class="note">Storage: ${formatBytes(this.storage.usageBytes)} used of ${formatBytes(this.storage.quotaBytes ?? NaN)} · ${this.storage.persisted ? 'persistent' : 'not persistent: export to keep a copy'}.</p>`
          : nothing}
        ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : nothing}
        <div class="actions">
          <button class="primary" data-testid="dataset-export" ?disabled=${this.busy !== null || clips.length === 0} @click=${() => void this.exportZip()}>Export zip</button>
          <button data-testid="dataset-import" ?disabled=${this.busy !== null} @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click()}>Import zip…</button>
          <input type="file" accept=".zip,application/zip" data-testid="dataset-import-input" @change=${(event: Event) => void this.importZip(event)} />
          ${this.busy ? html`<span class="note" data-testid="dataset-busy">${this.busy}</span>` : nothing}
        </div>
        ${this.importProgress ? this.renderImportProgress(this.importProgress) : nothing}
        ${this.message ? html`<p class="ok" data-testid="dataset-message" role="status">${this.message}</p>` : nothing}
        ${this.importProblems
          ? html`<div class="problems" data-testid="import-problems" role="alert">
              <strong>Nothing was imported. ${this.importProblems.length === 1 ? 'One problem' : `${this.importProblems.length} problems`} with that file:</strong>
              <ul>${this.importProblems.map((problem) => html`<li>${problem}</li>`)}</ul>
            </div>`
          : nothing}
      </section>
      ${counts.length > 0
        ? html`<section>
              <h2>Per class</h2>
              <table data-testid="class-counts">
                <thead><tr><th>class</th><th class="number">train</th><th class="number">validation</th><th class="number">total</th></tr></thead>
                <tbody>
                  ${counts.map(
                    (count) => html`<tr data-class=${count.label}>
                      <td>${count.label}</td><td class="number">${count.train}</td><td class="number">${count.validation}</td><td class="number">${count.train + count.validation}</td>
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
                  ${sessions.map((session) => html`<tr data-session=${session.id}><td>${when(session.firstMs)}</td><td class="number">${session.clips}</td><td><span class="badge ${session.split}">${session.split}</span></td></tr>`)}
                </tbody>
              </table>
            </section>`
        : this.clips !== null
          ? html`<section><p class="note">No clips yet. Open <strong>Record</strong> to record some, or import a zip.</p></section>`
          : nothing}
      ${counts.map(
        (count) => html`<section>
          <h2>${count.label} <span class="note">(${count.train + count.validation})</span></h2>
          <div class="grid">${clips.filter((clip) => clip.label === count.label).map((clip) => this.renderCard(clip))}</div>
        </section>`,
      )}
      <datalist id="catalog">${CATALOG.map((name) => html`<option value=${name}></option>`)}</datalist>
      ${this.undo
        ? html`<div class="toast" role="status">
            <span>${this.undo.text}</span>
            <button class="primary" data-testid="undo-delete" @click=${() => void this.undoDelete()}>Undo</button>
            <button @click=${() => (this.undo = null)}>Dismiss</button>
          </div>`
        : nothing}
      ${this.playing
        ? html`<div class="player" @click=${(event: Event) => event.target === event.currentTarget && this.closePlayer()}>
            <video data-testid="clip-player" src=${this.playing.url} controls autoplay playsinline></video>
            <p>${this.playing.clip.label} · ${when(this.playing.clip.recordedAtMs)}</p>
            <button data-testid="player-close" @click=${() => this.closePlayer()}>Close</button>
          </div>`
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
