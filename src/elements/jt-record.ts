// The record view: the live picture (the same stream and worker as practice, no second camera),
// a class to record, a countdown with tones and a large number, then one clip to keep, discard
// or retake; or a series of clips with the countdown as the pause between them (about 9 clips a
// minute at 3 s + 3 s), or clips until stopped (hands-free). Space starts and stops.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { labelProblem } from '../core/labels.ts';
import { formatBytes } from '../core/format.ts';
import {
  CLIP_SECONDS, COUNTDOWN_SECONDS, DEFAULT_CLIP_SECONDS, DEFAULT_RECORD_SETTINGS, clamp, clipsPerStart, recordLabel, type RecordSettings,
} from '../core/record-settings.ts';
import { ClipRecorder, type RecordedClip, type TensorCapture } from '../platform/clip-recorder.ts';
import { storeRecordedClip } from '../platform/clip-archive.ts';
import { Beeper, TONE } from '../platform/tones.ts';
import { requestPersistence, storageStatus, type StorageStatus } from '../storage/clips.ts';
import { buttonStyles } from './styles.ts';
import { recordFieldStyles, recordSharedStyles, recordStyles } from './jt-record-styles.ts';
import type { RecordPhase } from './jt-record-stage.ts';
import './jt-record-settings.ts';
import './jt-record-stage.ts';

export class JtRecord extends LitElement {
  static override styles = [buttonStyles, recordStyles, recordFieldStyles, recordSharedStyles];

  static override properties = {
    stream: { attribute: false },
    sourceKind: {},
    capture: { attribute: false },
    ready: { type: Boolean },
    picture: { type: Boolean },
    settings: { state: true },
    phase: { state: true },
    countdownValue: { state: true },
    elapsedMs: { state: true },
    seriesIndex: { state: true },
    review: { state: true },
    savedCount: { state: true },
    lastSaved: { state: true },
    error: { state: true },
    storage: { state: true },
  };

  declare stream: MediaStream | null;
  declare sourceKind: 'camera' | 'demo' | null;
  /** The worker side of recording (the practice session). */
  declare capture: TensorCapture | null;
  /** The model is loaded (recording needs the live pipeline). */
  declare ready: boolean;
  /** The current source's frames reach the model (a camera just opened may take a moment to send its first). */
  declare picture: boolean;
  declare settings: RecordSettings;
  declare phase: RecordPhase;
  declare countdownValue: number;
  declare elapsedMs: number;
  declare seriesIndex: number;
  declare review: { clip: RecordedClip; url: string } | null;
  declare savedCount: number;
  declare lastSaved: string | null;
  declare error: string | null;
  declare storage: StorageStatus | null;

  /** One per visit to this view: the split keeps a session's clips together. */
  readonly recordingSessionId = crypto.randomUUID();
  private readonly beeper = new Beeper();
  private recorder: ClipRecorder | null = null;
  /** Bumped to cancel whatever runs (countdown, series). */
  private runToken = 0;
  private finishEarly: (() => void) | null = null;
  private seriesTotal = 1;
  private elapsedTimer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    super();
    this.stream = null;
    this.sourceKind = null;
    this.capture = null;
    this.ready = false;
    this.picture = false;
    this.settings = DEFAULT_RECORD_SETTINGS;
    this.phase = 'idle';
    this.countdownValue = 0;
    this.elapsedMs = 0;
    this.seriesIndex = 0;
    this.review = null;
    this.savedCount = 0;
    this.lastSaved = null;
    this.error = null;
    this.storage = null;
  }

  private readonly onKey = (event: KeyboardEvent) => {
    const target = event.composedPath()[0] as HTMLElement | undefined;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
    if (event.code === 'Space' && !typing && !event.repeat) {
      event.preventDefault();
      this.toggle();
    } else if (event.code === 'Escape' && this.running) {
      this.stop();
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
    this.runToken += 1;
    this.recorder?.cancel();
    this.clearReview();
    this.stopElapsed();
    this.beeper.close();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('capture')) {
      this.recorder?.cancel();
      this.recorder = this.capture ? new ClipRecorder(this.capture) : null;
    }
  }

  private get label(): string {
    return recordLabel(this.settings);
  }

  private get running(): boolean {
    return this.phase === 'countdown' || this.phase === 'recording' || this.phase === 'saving';
  }

  /** Why recording cannot start now (null when it can). */
  private get blocker(): string | null {
    if (!this.stream) return 'Waiting for the camera…';
    if (!this.ready || !this.recorder) return 'Waiting for the model to load…';
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

  private toggle(): void {
    if (this.running) this.stop();
    else if (this.phase === 'idle') void this.startSeries();
  }

  /**
   * The camera stopped: whatever runs (a countdown, a take, a series) ends and the take cut short
   * is dropped, never kept. True when something was running, so the app can say so.
   */
  abandonTake(): boolean {
    if (!this.running) return false;
    this.runToken += 1;
    this.finishEarly?.();
    this.recorder?.cancel();
    this.stopElapsed();
    this.phase = 'idle';
    return true;
  }

  /** Space / Stop: cancels a countdown or a series; ends a single clip early (it is then reviewed). */
  private stop(): void {
    if (this.phase === 'recording' && this.seriesTotal === 1 && this.finishEarly) {
      this.finishEarly();
      return;
    }
    this.runToken += 1;
    this.finishEarly?.();
    this.recorder?.cancel();
    this.stopElapsed();
    this.phase = 'idle';
  }

  private wait(ms: number, token: number): Promise<boolean> {
    return new Promise((resolve) => setTimeout(() => resolve(token === this.runToken), ms));
  }

  private async startSeries(): Promise<void> {
    if (this.blocker || this.running) return;
    this.beeper.unlock();
    this.error = null;
    this.clearReview();
    const token = ++this.runToken;
    const label = this.label;
    this.seriesTotal = clipsPerStart(this.settings);
    for (let index = 0; index < this.seriesTotal; index++) {
      this.seriesIndex = index + 1;
      if (!(await this.countdown(token))) return;
      const clip = await this.recordOne(token);
      if (!clip || token !== this.runToken) return;
      if (this.seriesTotal === 1) {
        this.review = { clip, url: URL.createObjectURL(clip.video) };
        this.phase = 'review';
        return;
      }
      if (!(await this.keep(clip, label)) || token !== this.runToken) return;
    }
    if (token === this.runToken) this.phase = 'idle';
  }

  private async countdown(token: number): Promise<boolean> {
    this.phase = 'countdown';
    for (let value = Math.round(clamp(this.settings.countdownSeconds, COUNTDOWN_SECONDS, 3)); value > 0; value--) {
      this.countdownValue = value;
      this.beeper.beep(TONE.tick.frequency, TONE.tick.durationMs);
      if (!(await this.wait(1000, token))) return false;
    }
    return token === this.runToken;
  }

  private async recordOne(token: number): Promise<RecordedClip | null> {
    const recorder = this.recorder;
    const stream = this.stream;
    if (!recorder || !stream) return this.fail('The camera stopped.');
    try {
      await recorder.start(stream);
    } catch (error) {
      return this.fail((error as Error).message);
    }
    if (token !== this.runToken) {
      recorder.cancel();
      return null;
    }
    this.beeper.beep(TONE.go.frequency, TONE.go.durationMs);
    this.phase = 'recording';
    this.startElapsed();
    const durationMs = clamp(this.settings.clipSeconds, CLIP_SECONDS, DEFAULT_CLIP_SECONDS) * 1000;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, durationMs);
      this.finishEarly = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.finishEarly = null;
    this.stopElapsed();
    if (token !== this.runToken) {
      recorder.cancel();
      return null;
    }
    this.beeper.beep(TONE.stop.frequency, TONE.stop.durationMs);
    try {
      return await recorder.stop();
    } catch (error) {
      return this.fail((error as Error).message);
    }
  }

  private fail(message: string): null {
    this.runToken += 1;
    this.error = message;
    this.phase = 'idle';
    this.stopElapsed();
    return null;
  }

  private async keep(clip: RecordedClip, label: string): Promise<boolean> {
    this.phase = 'saving';
    try {
      await storeRecordedClip(clip, label, this.recordingSessionId);
      this.savedCount += 1;
      this.lastSaved = label;
      void this.refreshStorage();
      this.dispatchEvent(new CustomEvent('clips-changed', { bubbles: true, composed: true }));
      return true;
    } catch (error) {
      this.fail((error as Error).message);
      return false;
    }
  }

  private async keepReview(): Promise<void> {
    const review = this.review;
    if (!review) return;
    const saved = await this.keep(review.clip, this.label);
    this.clearReview();
    if (saved) this.phase = 'idle';
  }

  private discardReview(): void {
    this.clearReview();
    this.phase = 'idle';
  }

  private retake(): void {
    this.discardReview();
    void this.startSeries();
  }

  private clearReview(): void {
    if (this.review) URL.revokeObjectURL(this.review.url);
    this.review = null;
  }

  private startElapsed(): void {
    const started = performance.now();
    this.elapsedMs = 0;
    this.elapsedTimer = setInterval(() => (this.elapsedMs = performance.now() - started), 100);
  }

  private stopElapsed(): void {
    if (this.elapsedTimer) clearInterval(this.elapsedTimer);
    this.elapsedTimer = null;
  }

  private emit(name: 'record-close' | 'dataset-open'): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }

  private renderStage() {
    const { repeat, seriesCount } = this.settings;
    return html`<jt-record-stage
      .stream=${this.stream}
      ?mirrored=${this.sourceKind === 'camera'}
      .phase=${this.phase}
      .countdownValue=${this.countdownValue}
      .elapsedMs=${this.elapsedMs}
      .seriesIndex=${this.seriesIndex}
      .seriesTotal=${this.seriesTotal}
      .idleHint=${repeat ? 'until you press it again' : seriesCount > 1 ? `${seriesCount} clips` : 'a clip'}
      .reviewUrl=${this.review?.url ?? null}
      @review-keep=${() => void this.keepReview()}
      @review-retake=${() => this.retake()}
      @review-discard=${() => this.discardReview()}
    ></jt-record-stage>`;
  }

  private renderStorage() {
    const storage = this.storage;
    if (!storage) return html`<p class="note" data-testid="storage-status">Storage use unknown.</p>`;
    const used = storage.usageBytes === null ? '?' : formatBytes(storage.usageBytes);
    const quota = storage.quotaBytes === null ? '?' : formatBytes(storage.quotaBytes);
    const persisted =
      storage.persisted === true
        ? 'persistent storage granted'
        : storage.persisted === false
          ? 'persistent storage not granted (the browser may clear clips when the disk runs low; export them to keep a copy)'
          : 'persistence unknown';
    return html`<p class="note" data-testid="storage-status" data-persisted=${String(storage.persisted)}>Storage: ${used} used of ${quota} available · ${persisted}.</p>`;
  }

  override render() {
    const blocker = this.blocker;
    const locked = this.running || this.phase === 'review';
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
          ${this.running
            ? html`<button class="stop" data-testid="record-stop" @click=${() => this.stop()}>Stop</button>`
            : html`<button class="primary" data-testid="record-start" ?disabled=${blocker !== null || this.phase === 'review'} @click=${() => void this.startSeries()}>
                Record${this.settings.repeat ? ' until stopped' : this.settings.seriesCount > 1 ? ` ${this.settings.seriesCount} clips` : ''}
              </button>`}
        </div>
        ${blocker && !this.running ? html`<p class="note" data-testid="record-blocker">${blocker}</p>` : nothing}
        ${this.error ? html`<p class="error" role="alert" data-testid="record-error">${this.error}</p>` : nothing}
        <p class="ok" data-testid="record-saved-count" data-count=${this.savedCount}>
          ${this.savedCount === 0 ? 'No clips saved in this session yet.' : `${this.savedCount} clip${this.savedCount === 1 ? '' : 's'} saved in this session${this.lastSaved ? ` (last: ${this.lastSaved})` : ''}.`}
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
