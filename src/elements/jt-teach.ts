// The teach view: the recorded clips per class and split, "Teach" with a progress bar (the
// model watching every clip, then training epochs), the new head's validation accuracy and
// confusion matrix beside the shipped head's, and the saved heads (use, stop, export, import,
// delete). Teaching writes nothing until the person saves, so a failure loses nothing; it runs
// through the TeachRun controller, so closing the view cancels it and practice resumes at once.
import { LitElement, html, nothing } from 'lit';
import { classSummaries, teachProblems, type HeadComparison } from '../core/teach-dataset.ts';
import { defaultHeadName, HEAD_KINDS, teachProgressText } from '../core/teach-progress.ts';
import type { TeachResult } from '../platform/teacher.ts';
import { getClipTensor, listClips, type ClipRecord } from '../storage/clips.ts';
import type { HeadActionDetail } from './jt-head-list.ts';
import { buttonStyles } from './styles.ts';
import { teachStyles } from './jt-teach-styles.ts';
import { PracticeSessionConsumer } from './practice-context.ts';
import { TeachRun } from './teach-run.ts';
import { HeadShelf } from './head-shelf.ts';
import './jt-confusion-matrix.ts';
import './jt-head-list.ts';

const percent = (value: number) => `${Math.round(value * 100)} %`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export class JtTeach extends LitElement {
  static override styles = [buttonStyles, teachStyles];

  static override properties = {
    clips: { state: true },
    result: { state: true },
    savedResultId: { state: true },
    error: { state: true },
    notice: { state: true },
    hiddenSize: { state: true },
    headName: { state: true },
  };

  declare clips: readonly ClipRecord[] | null;
  declare result: TeachResult | null;
  /** The id under which the shown result was saved (null while unsaved). */
  declare savedResultId: string | null;
  declare error: string | null;
  declare notice: string | null;
  declare hiddenSize: number;
  declare headName: string;

  constructor() {
    super();
    this.clips = null;
    this.result = null;
    this.savedResultId = null;
    this.error = null;
    this.notice = null;
    this.hiddenSize = HEAD_KINDS[0].hiddenSize;
    this.headName = defaultHeadName();
  }

  private readonly practice = new PracticeSessionConsumer(this);
  /** Closing the view cancels a teaching in progress. */
  private readonly run = new TeachRun(this);
  private readonly shelf = new HeadShelf(this, this.practice);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      [this.clips] = await Promise.all([listClips(), this.shelf.load()]);
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private async teach(): Promise<void> {
    const session = this.practice.session;
    if (!session || !this.clips || this.run.running) return;
    this.error = null;
    this.notice = null;
    this.result = null;
    this.savedResultId = null;
    const outcome = await this.run.teach(session, {
      clips: this.clips,
      loadTensor: getClipTensor,
      name: this.headName.trim() || defaultHeadName(),
      options: { hiddenSize: this.hiddenSize },
    });
    if ('result' in outcome) this.result = outcome.result;
    else this.error = outcome.error;
  }

  private async saveResult(use: boolean): Promise<void> {
    if (!this.result) return;
    try {
      const head = { ...this.result.head, name: this.headName.trim() || this.result.head.name };
      await this.shelf.save(head);
      this.savedResultId = head.id;
      if (use) await this.shelf.use(head);
      await this.shelf.reload();
      this.notice = use ? `Saved "${head.name}"; practice now uses it.` : `Saved "${head.name}".`;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private async onHeadAction(event: CustomEvent<HeadActionDetail>): Promise<void> {
    if (!this.shelf.heads.some((head) => head.id === event.detail.id)) return;
    this.error = null;
    this.notice = null;
    try {
      this.notice = await this.shelf.act(event.detail);
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private async importFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.error = null;
    this.notice = null;
    try {
      this.notice = await this.shelf.importFile(file);
    } catch (error) {
      this.error = `${file.name}: ${(error as Error).message}`;
    }
  }

  private renderClips() {
    if (!this.clips) return html`<p class="hint">Loading your clips…</p>`;
    const summaries = classSummaries(this.clips);
    return html`
      ${summaries.length > 0
        ? html`<table class="clips" data-testid="teach-clips">
            <tr><th>Class</th><th>Training clips</th><th>Validation clips</th></tr>
            ${summaries.map(
              (summary) => html`<tr data-label=${summary.label}>
                <td>${summary.label}</td><td class="count">${summary.trainClips}</td><td class="count">${summary.validationClips}</td>
              </tr>`,
            )}
          </table>`
        : nothing}
      ${teachProblems(this.clips).map(
        (problem) => html`<p class="problem ${problem.blocking ? 'blocking' : ''}" data-testid="teach-problem" data-kind=${problem.kind}>${problem.message}</p>`,
      )}
    `;
  }

  private renderComparison(comparison: HeadComparison) {
    return html`
      <div class="scores" data-testid="teach-scores">
        <span>Your head: <strong data-testid="personal-accuracy">${percent(comparison.personal.accuracy)}</strong></span>
        <span>Shipped head: <span data-testid="shipped-accuracy">${percent(comparison.shipped.accuracy)}</span></span>
      </div>
      <p class="hint">On ${comparison.windows} windows of your validation clips (recorded in other sessions than the training clips).
        ${comparison.unmappedHeadClasses.length > 0 ? `The shipped head has no class for ${comparison.unmappedHeadClasses.join(', ')}.` : ''}</p>
      <div class="matrices">
        <jt-confusion-matrix data-testid="personal-confusion" heading="Your head" .classes=${comparison.classes} .counts=${comparison.personal.confusion}></jt-confusion-matrix>
        <jt-confusion-matrix data-testid="shipped-confusion" heading="Shipped head" .classes=${comparison.classes} .counts=${comparison.shipped.confusion}></jt-confusion-matrix>
      </div>
    `;
  }

  private renderResult(result: TeachResult) {
    const { timings } = result;
    return html`<section data-testid="teach-result">
      <h2>Result</h2>
      ${result.comparison
        ? this.renderComparison(result.comparison)
        : html`<p class="hint">No validation clips, so the accuracy is unknown.</p>`}
      <p class="hint" data-testid="teach-timings" data-head-id=${result.head.id} data-reading-ms=${timings.readingMs} data-features-ms=${timings.featuresMs} data-training-ms=${timings.trainingMs}
        data-total-ms=${timings.totalMs} data-train-windows=${result.trainWindows} data-validation-windows=${result.validationWindows}
        data-personal-accuracy=${result.comparison?.personal.accuracy ?? ''} data-shipped-accuracy=${result.comparison?.shipped.accuracy ?? ''}>
        ${result.trainWindows} training windows · kept epoch ${result.bestEpoch} of ${result.epochsRun} · model on clips ${seconds(timings.featuresMs)} ·
        training ${seconds(timings.trainingMs)} · total ${seconds(timings.totalMs)}
      </p>
      <div class="controls">
        ${this.savedResultId
          ? html`<span class="notice">Saved.</span>`
          : html`<button class="primary" data-testid="head-save-use" @click=${() => void this.saveResult(true)}>Save and use in practice</button>
              <button data-testid="head-save" @click=${() => void this.saveResult(false)}>Save</button>`}
      </div>
    </section>`;
  }

  override render() {
    const blocked = !this.clips || teachProblems(this.clips).some((problem) => problem.blocking);
    const shown = this.run.progress ? teachProgressText(this.run.progress) : null;
    return html`
      <header>
        <h1>Teach</h1>
        <button data-testid="teach-close" @click=${() => this.dispatchEvent(new CustomEvent('teach-close', { bubbles: true, composed: true }))}>Back to practice</button>
      </header>
      <section>
        <h2>Your clips</h2>
        ${this.renderClips()}
      </section>
      <section>
        <h2>Teach a personal head</h2>
        <p class="hint">The shipped model watches every clip; a small head learns your classes from what it sees. It stays on this device.</p>
        <div class="controls">
          <input type="text" aria-label="Head name" data-testid="head-name" .value=${this.headName}
            @input=${(event: Event) => (this.headName = (event.target as HTMLInputElement).value)} />
          <select aria-label="Head kind" data-testid="head-kind" @change=${(event: Event) => (this.hiddenSize = Number((event.target as HTMLSelectElement).value))}>
            ${HEAD_KINDS.map((kind) => html`<option value=${kind.hiddenSize} ?selected=${kind.hiddenSize === this.hiddenSize}>${kind.text}</option>`)}
          </select>
          <button class="primary" data-testid="teach-start" ?disabled=${blocked || this.run.running || !this.practice.session} @click=${() => void this.teach()}>Teach</button>
        </div>
        ${shown
          ? html`<p data-testid="teach-progress-text">${shown.text}</p><progress data-testid="teach-progress" max="1" .value=${shown.value}></progress>`
          : nothing}
        ${this.error ? html`<p class="error" role="alert" data-testid="teach-error">${this.error}</p>` : nothing}
        ${this.notice ? html`<p class="notice" role="status" data-testid="teach-notice">${this.notice}</p>` : nothing}
      </section>
      ${this.result ? this.renderResult(this.result) : nothing}
      <section>
        <h2>Your heads</h2>
        <jt-head-list .heads=${this.shelf.heads} .activeId=${this.shelf.activeId} @head-action=${(event: CustomEvent<HeadActionDetail>) => void this.onHeadAction(event)}></jt-head-list>
        <div class="controls head-import">
          <button data-testid="head-import" @click=${() => this.renderRoot.querySelector<HTMLInputElement>('#head-file')?.click()}>Import a head…</button>
          <input id="head-file" type="file" accept=".json,application/json" hidden data-testid="head-file" @change=${(event: Event) => void this.importFile(event)} />
        </div>
      </section>
    `;
  }
}

customElements.define('jt-teach', JtTeach);

declare global {
  interface HTMLElementTagNameMap {
    'jt-teach': JtTeach;
  }
}
