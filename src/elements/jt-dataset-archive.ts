// The dataset view's zip actions: Export zip (every clip, with a progress note) and Import zip…
// (checked whole first in a worker, with a progress bar; all or nothing, every problem listed).
// What they report goes to the dataset view's one message line (the `archive-message` event),
// shown in the slot between the buttons and the import's problems; after an import it reads the
// clips again (`reloadClips`).
import { LitElement, css, html, nothing } from 'lit';
import { formatBytes } from '../core/format.ts';
import { importProgressFraction, importProgressText, type ImportProgress } from '../core/import-progress.ts';
import type { ModelSpec } from '../core/model-spec.ts';
import { exportClips, exportFileName, importArchive } from '../platform/clip-archive.ts';
import { download } from '../platform/download.ts';
import { PracticeSessionConsumer } from './practice-context.ts';
import { buttonStyles } from './styles.ts';

export class JtDatasetArchive extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
      }
      button {
        font-size: 1rem;
        padding: 0.4em 0.9em;
      }
      button[disabled] {
        opacity: 0.45;
        cursor: not-allowed;
      }
      .note {
        color: #aab2c8;
        margin: 0.3rem 0;
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
    `,
  ];

  static override properties = {
    clipCount: { attribute: false },
    reloadClips: { attribute: false },
    busy: { state: true },
    importProblems: { state: true },
    importProgress: { state: true },
  };

  /** How many clips there are (Export is off with none). */
  declare clipCount: number;
  /** The dataset view reads the clips (and the storage used) again; it never throws. */
  declare reloadClips: () => Promise<void>;
  declare busy: string | null;
  declare importProblems: readonly string[] | null;
  declare importProgress: ImportProgress | null;

  private spec: ModelSpec | null = null;
  private readonly practice = new PracticeSessionConsumer(this);

  constructor() {
    super();
    this.clipCount = 0;
    this.reloadClips = async () => undefined;
    this.busy = null;
    this.importProblems = null;
    this.importProgress = null;
  }

  private async modelSpec(): Promise<ModelSpec> {
    this.spec ??= await this.practice.modelSpec();
    return this.spec;
  }

  /** The dataset view's message line: a text, or null to clear it. */
  private say(message: string | null): void {
    this.dispatchEvent(new CustomEvent<string | null>('archive-message', { detail: message }));
  }

  private async exportZip(): Promise<void> {
    this.busy = 'Exporting…';
    this.say(null);
    try {
      const { blob, count } = await exportClips(await this.modelSpec(), (done, total) => (this.busy = `Exporting ${done} of ${total}…`));
      const name = exportFileName();
      download(blob, name);
      this.say(`Exported ${count} clip${count === 1 ? '' : 's'} to ${name} (${formatBytes(blob.size)}).`);
    } catch (error) {
      this.say(`Export failed: ${(error as Error).message}`);
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
    this.say(null);
    try {
      const outcome = await importArchive(file, await this.modelSpec(), (progress) => (this.importProgress = progress));
      if (outcome.problems.length > 0) {
        this.importProblems = outcome.problems;
      } else {
        const skipped = outcome.skipped > 0 ? ` (${outcome.skipped} already here, left as they were)` : '';
        this.say(`Imported ${outcome.added} clip${outcome.added === 1 ? '' : 's'} from ${file.name}${skipped}.`);
      }
      await this.reloadClips();
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

  override render() {
    return html`<div class="actions">
        <button class="primary" data-testid="dataset-export" ?disabled=${this.busy !== null || this.clipCount === 0} @click=${() => void this.exportZip()}>Export zip</button>
        <button data-testid="dataset-import" ?disabled=${this.busy !== null} @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click()}>Import zip…</button>
        <input type="file" accept=".zip,application/zip" data-testid="dataset-import-input" @change=${(event: Event) => void this.importZip(event)} />
        ${this.busy ? html`<span class="note" data-testid="dataset-busy">${this.busy}</span>` : nothing}
      </div>
      ${this.importProgress ? this.renderImportProgress(this.importProgress) : nothing}
      <slot></slot>
      ${this.importProblems
        ? html`<div class="problems" data-testid="import-problems" role="alert">
            <strong>Nothing was imported. ${this.importProblems.length === 1 ? 'One problem' : `${this.importProblems.length} problems`} with that file:</strong>
            <ul>${this.importProblems.map((problem) => html`<li>${problem}</li>`)}</ul>
          </div>`
        : nothing}`;
  }
}

customElements.define('jt-dataset-archive', JtDatasetArchive);

declare global {
  interface HTMLElementTagNameMap {
    'jt-dataset-archive': JtDatasetArchive;
  }
}
