// The record view: the live picture (the same stream and worker as practice, no second camera),
// a class to record, a countdown with tones and a large number, then one clip to keep, discard
// or retake; or a series of clips with the countdown as the pause between them (about 9 clips a
// minute at 3 s + 3 s), or clips until stopped (hands-free). Space starts and stops.
import { LitElement, html, nothing } from 'lit';
import { labelProblem } from '../core/labels.ts';
import { storageText } from '../core/format.ts';
import { DEFAULT_RECORD_SETTINGS, recordLabel, type RecordSettings } from '../core/record-settings.ts';
import { requestPersistence, storageStatus, type StorageStatus } from '../storage/clips.ts';
import { buttonStyles } from './styles.ts';
import { recordFieldStyles, recordSharedStyles, recordStyles } from './jt-record-styles.ts';
import { RecordTakes } from './record-takes.ts';
import { PracticeSessionConsumer } from './practice-context.ts';
import './jt-record-settings.ts';
import './jt-record-stage.ts';

export class JtRecord extends LitElement {
  static override styles = [buttonStyles, recordStyles, recordFieldStyles, recordSharedStyles];

  static override properties = {
    stream: { attribute: false },
    sourceKind: {},
    ready: { type: Boolean },
    picture: { type: Boolean },
    settings: { state: true },
    storage: { state: true },
  };

  declare stream: MediaStream | null;
  declare sourceKind: 'camera' | 'demo' | null;
  /** The model is loaded (recording needs the live pipeline). */
  declare ready: boolean;
  /** The current source's frames reach the model (a camera just opened may take a moment to send its first). */
  declare picture: boolean;
  declare settings: RecordSettings;
  declare storage: StorageStatus | null;

  /** One per visit to this view: the split keeps a session's clips together. */
  readonly recordingSessionId = crypto.randomUUID();
  private readonly takes = new RecordTakes(this, {
    stream: () => this.stream,
    settings: () => this.settings,
    blocker: () => this.blocker,
    recordingSessionId: this.recordingSessionId,
    stored: () => {
      void this.refreshStorage();
      this.dispatchEvent(new CustomEvent('clips-changed', { bubbles: true, composed: true }));
    },
  });

  constructor() {
    super();
    // The worker side of recording: the provided practice session's capture.
    new PracticeSessionConsumer(this, (session) => this.takes.setCapture(session));
    this.stream = null;
    this.sourceKind = null;
    this.ready = false;
    this.picture = false;
    this.settings = DEFAULT_RECORD_SETTINGS;
    this.storage = null;
  }

  private readonly onKey = (event: KeyboardEvent) => {
    const target = event.composedPath()[0] as HTMLElement | undefined;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
    if (event.code === 'Space' && !typing && !event.repeat) {
      event.preventDefault();
      this.takes.toggle();
    } else if (event.code === 'Escape' && this.takes.running) {
      this.takes.stop();
    }
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKey);
    void this.refreshStorage(true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKey);
  }

  private get label(): string {
    return recordLabel(this.settings);
  }

  /** Why recording cannot start now (null when it can). */
  private get blocker(): string | null {
    if (!this.stream) return 'Waiting for the camera…';
    if (!this.ready || !this.takes.hasRecorder) return 'Waiting for the model to load…';
    if (!this.picture) return 'Waiting for the camera’s picture…';
    if (labelProblem(this.label)) return 'Pick a class, or type a valid class name.';
    return null;
  }

  private async refreshStorage(askPersistence = false): Promise<void> {
    try {
      if (askPersistence) await requestPersistence();
      this.storage = await storageStatus();
    } catch {
      this.storage = null;
    }
  }

  /**
   * The camera stopped: whatever runs (a countdown, a take, a series) ends and the take cut short
   * is dropped, never kept. True when something was running, so the app can say so.
   */
  abandonTake(): boolean {
    return this.takes.abandonTake();
  }

  private emit(name: 'record-close' | 'dataset-open'): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }

  private renderStage() {
    const { repeat, seriesCount } = this.settings;
    const take = this.takes.state;
    return html`<jt-record-stage
      .stream=${this.stream}
      ?mirrored=${this.sourceKind === 'camera'}
      .phase=${take.phase}
      .countdownValue=${take.countdownValue}
      .elapsedMs=${take.elapsedMs}
      .seriesIndex=${take.seriesIndex}
      .seriesTotal=${take.seriesTotal}
      .idleHint=${repeat ? 'until you press it again' : seriesCount > 1 ? `${seriesCount} clips` : 'a clip'}
      .reviewUrl=${take.review?.url ?? null}
      @review-keep=${() => void this.takes.keepReview()}
      @review-retake=${() => this.takes.retake()}
      @review-discard=${() => this.takes.discardReview()}
    ></jt-record-stage>`;
  }

  private renderStorage() {
    return html`<p class="note" data-testid="storage-status" data-persisted=${this.storage ? String(this.storage.persisted) : nothing}>${storageText(this.storage)}</p>`;
  }

  override render() {
    const blocker = this.blocker;
    const take = this.takes.state;
    const running = this.takes.running;
    const locked = running || take.phase === 'review';
    return html`
      ${this.renderStage()}
      <section class="panel" data-testid="record-view">
        <header>
          <h1>Record clips</h1>
          <button data-testid="dataset-open" @click=${() => this.emit('dataset-open')}>Dataset</button>
          <button data-testid="record-close" @click=${() => this.emit('record-close')}>Back</button>
        </header>
        <jt-record-settings .settings=${this.settings} ?locked=${locked} @settings-change=${(event: CustomEvent<RecordSettings>) => (this.settings = event.detail)}></jt-record-settings>
        <div class="actions">
          ${running
            ? html`<button class="stop" data-testid="record-stop" @click=${() => this.takes.stop()}>Stop</button>`
            : html`<button class="primary" data-testid="record-start" ?disabled=${blocker !== null || take.phase === 'review'} @click=${() => void this.takes.startSeries()}>
                Record${this.settings.repeat ? ' until stopped' : this.settings.seriesCount > 1 ? ` ${this.settings.seriesCount} clips` : ''}
              </button>`}
        </div>
        ${blocker && !running ? html`<p class="note" data-testid="record-blocker">${blocker}</p>` : nothing}
        ${take.error ? html`<p class="error" role="alert" data-testid="record-error">${take.error}</p>` : nothing}
        <p class="ok" data-testid="record-saved-count" data-count=${take.savedCount}>
          ${take.savedCount === 0 ? 'No clips saved in this session yet.' : `${take.savedCount} clip${take.savedCount === 1 ? '' : 's'} saved in this session${take.lastSaved ? ` (last: ${take.lastSaved})` : ''}.`}
        </p>
        ${this.renderStorage()}
      </section>
    `;
  }
}

customElements.define('jt-record', JtRecord);

declare global {
  interface HTMLElementTagNameMap {
    'jt-record': JtRecord;
  }
}
