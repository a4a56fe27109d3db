// The record view's live picture, with what a person reads from across the room over it: the
// countdown's large number, the REC badge and its seconds, "Clip 2 of 5", the Space hint, and the
// take to review (Keep, Retake, Discard). It shows; jt-record runs the takes.
import { LitElement, css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { buttonStyles } from './styles.ts';
import { recordSharedStyles, recordStageStyles } from './jt-record-styles.ts';

export type RecordPhase = 'idle' | 'countdown' | 'recording' | 'saving' | 'review';

export type RecordStageEvent = 'review-keep' | 'review-retake' | 'review-discard';

export class JtRecordStage extends LitElement {
  static override styles = [
    buttonStyles,
    recordStageStyles,
    recordSharedStyles,
    css`
      /* The stage is the record view's picture column itself. */
      :host {
        display: contents;
      }
    `,
  ];

  static override properties = {
    stream: { attribute: false },
    mirrored: { type: Boolean },
    phase: {},
    countdownValue: { attribute: false },
    elapsedMs: { attribute: false },
    seriesIndex: { attribute: false },
    seriesTotal: { attribute: false },
    idleHint: {},
    reviewUrl: {},
  };

  declare stream: MediaStream | null;
  /** A camera's picture is shown mirrored, the demo juggler's as it is. */
  declare mirrored: boolean;
  declare phase: RecordPhase;
  declare countdownValue: number;
  declare elapsedMs: number;
  /** Which clip of the series runs (from 1), of how many (Infinity hands-free). */
  declare seriesIndex: number;
  declare seriesTotal: number;
  /** What Space records, for the idle hint: "a clip", "3 clips", "until you press it again". */
  declare idleHint: string;
  /** The take to review (its video's object URL), or null. */
  declare reviewUrl: string | null;

  constructor() {
    super();
    this.stream = null;
    this.mirrored = false;
    this.phase = 'idle';
    this.countdownValue = 0;
    this.elapsedMs = 0;
    this.seriesIndex = 0;
    this.seriesTotal = 1;
    this.idleHint = 'a clip';
    this.reviewUrl = null;
  }

  private emit(name: RecordStageEvent): void {
    this.dispatchEvent(new CustomEvent(name));
  }

  override render() {
    const running = this.phase === 'countdown' || this.phase === 'recording' || this.phase === 'saving';
    const seriesText = this.seriesTotal === Infinity ? `Clip ${this.seriesIndex}` : `Clip ${this.seriesIndex} of ${this.seriesTotal}`;
    return html`<div class="stage" data-testid="record-stage">
      <video class=${this.mirrored ? 'mirrored' : ''} .srcObject=${live(this.stream)} autoplay muted playsinline></video>
      ${this.phase === 'countdown' ? html`<div class="countdown" data-testid="countdown" aria-live="assertive">${this.countdownValue}</div>` : nothing}
      ${this.phase === 'recording'
        ? html`<div class="rec" data-testid="recording-indicator">● REC ${(this.elapsedMs / 1000).toFixed(1)} s</div>`
        : nothing}
      ${running && this.seriesTotal > 1 ? html`<div class="series">${seriesText}</div>` : nothing}
      ${this.phase === 'idle' ? html`<p class="hint">Press <kbd>Space</kbd> to record ${this.idleHint}.</p>` : nothing}
      ${running ? html`<p class="hint"><kbd>Space</kbd> stops.</p>` : nothing}
      ${this.reviewUrl
        ? html`<div class="review">
            <video data-testid="review-video" src=${this.reviewUrl} autoplay loop muted playsinline controls></video>
            <div class="actions">
              <button class="primary" data-testid="review-keep" @click=${() => this.emit('review-keep')}>Keep</button>
              <button data-testid="review-retake" @click=${() => this.emit('review-retake')}>Retake</button>
              <button data-testid="review-discard" @click=${() => this.emit('review-discard')}>Discard</button>
            </div>
          </div>`
        : nothing}
    </div>`;
  }
}

customElements.define('jt-record-stage', JtRecordStage);

declare global {
  interface HTMLElementTagNameMap {
    'jt-record-stage': JtRecordStage;
  }
}
