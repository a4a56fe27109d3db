// The practice view: the live picture filling the window (mirrored for a camera, like a
// mirror), the big overlay, the HUD, and the source controls (camera picker, demo juggler).
import { LitElement, css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { CATALOG, parseLabel, headline } from '../core/labels.ts';
import type { PipelineStats, Prediction, WorkerStatus } from '../shared/inference-api.ts';
import { buttonStyles } from './styles.ts';
import './jt-overlay.ts';
import './jt-hud.ts';
import './jt-catch-counter.ts';
import type { RunRecord } from '../core/run-records.ts';
import { debugDrawingWanted } from './jt-ball-layer.ts';

export interface CameraChoice {
  readonly deviceId: string;
  readonly label: string;
}

/** Patterns the demo juggler can show: every catalog class with balls in the air. */
export const DEMO_CLASSES = CATALOG.filter((name) => parseLabel(name).balls > 0);
export const DEFAULT_DEMO_CLASS = '3b_cascade';

/** Below this width the practice view stacks counter, links, controls and HUD under the picture. */
const NARROW_VIEW_PX = 640;

function demoOptionText(name: string): string {
  const label = parseLabel(name);
  return label.quality ? `${headline(label)} (${label.quality.replaceAll('-', ' ')})` : headline(label);
}

export class JtPractice extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        position: relative;
        display: block;
        width: 100%;
        height: 100%;
        overflow: hidden;
        background: #000000;
        /* The headline and the catch counter size themselves to this view (cqw, cqh), not to the window: beside the coach they still fit. */
        container-type: size;
      }
      video {
        position: absolute;
        inset: 0;
        width: 100%;
        height: 100%;
        /* The whole picture, never cropped: balls peak near the top edge. */
        object-fit: contain;
      }
      video.mirrored {
        transform: scaleX(-1);
      }
      jt-overlay {
        position: absolute;
        left: 0;
        right: 0;
        top: 0;
        padding: 2vh 2vw 3vh;
        background: linear-gradient(rgba(0, 0, 0, 0.6), rgba(0, 0, 0, 0.3) 75%, rgba(0, 0, 0, 0));
      }
      /* The left edge, clear of the headline above and the controls below. */
      jt-catch-counter {
        position: absolute;
        left: 1rem;
        top: 50%;
        transform: translateY(-45%);
      }
      jt-hud {
        position: absolute;
        right: 1rem;
        bottom: 1rem;
      }
      .controls {
        position: absolute;
        left: 1rem;
        bottom: 1rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem;
        align-items: center;
        max-width: calc(100% - 17rem);
      }
      select {
        text-overflow: ellipsis;
      }
      /* Coach and history sit in the free corner above the HUD, clear of the centred headline. */
      .nav {
        position: absolute;
        right: 1rem;
        bottom: 10rem;
        display: flex;
        flex-direction: column;
        align-items: stretch;
        gap: 0.6rem;
      }
      #camera {
        max-width: 12rem;
      }
      #pattern {
        max-width: 22rem;
      }
      /* Counter, links, controls and HUD: each in its own corner of a wide view (the dock adds no box)... */
      .dock {
        display: contents;
      }
      /* ...stacked under the picture in a narrow one (a phone held upright: a 4:3 picture leaves the
         lower third free), so nothing covers another. */
      :host([narrow]) .dock {
        position: absolute;
        left: 0.6rem;
        right: 0.6rem;
        bottom: 0.6rem;
        display: grid;
        grid-template-columns: 1fr auto;
        grid-template-areas: 'counter nav' 'controls controls' 'hud hud';
        align-items: end;
        gap: 0.5rem;
      }
      :host([narrow]) .dock > * {
        position: static;
        transform: none;
        max-width: none;
      }
      :host([narrow]) jt-catch-counter {
        grid-area: counter;
        width: auto;
      }
      /* No links beside it under the coach: the counter keeps to the left, clear of the juggler. */
      :host([narrow][coaching]) jt-catch-counter {
        justify-self: start;
        width: clamp(9rem, 45cqw, 16rem);
      }
      :host([narrow]) .nav {
        grid-area: nav;
        justify-self: end;
      }
      :host([narrow]) .controls {
        grid-area: controls;
        flex-wrap: nowrap;
      }
      :host([narrow]) #pattern {
        flex: 1;
        min-width: 0;
      }
      :host([narrow]) jt-hud {
        grid-area: hud;
      }
      /* Under the coach's panel the view is short too: the picture comes before the engine's figures. */
      :host([narrow][coaching]) jt-hud {
        display: none;
      }
      label {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
      }
    `,
  ];

  // Reactive properties are declared, not decorated: Vite 8 (Oxc) leaves standard decorators
  // and `accessor` unlowered in the bundle, which browsers cannot parse.
  static override properties = {
    stream: { attribute: false },
    sourceKind: {},
    cameras: { attribute: false },
    cameraId: {},
    demoClass: {},
    prediction: { attribute: false },
    stats: { attribute: false },
    status: { attribute: false },
    coaching: { type: Boolean, reflect: true },
    narrow: { type: Boolean, reflect: true },
    runRecords: { attribute: false },
    demoCatches: { attribute: false },
    newBest: { attribute: false },
  };

  declare stream: MediaStream | null;
  declare sourceKind: 'camera' | 'demo' | null;
  declare cameras: readonly CameraChoice[];
  declare cameraId: string;
  declare demoClass: string;
  declare prediction: Prediction | null;
  declare stats: PipelineStats | null;
  declare status: WorkerStatus | null;
  /** The coach panel is open beside the picture (it has its own close and history buttons). */
  declare coaching: boolean;
  /** The view is narrower than NARROW_VIEW_PX (set from its own size, not the window's): the dock stacks. */
  declare narrow: boolean;
  /** Stored runs of catches (the counter's bests) and the newest personal best. */
  declare runRecords: readonly RunRecord[];
  /** The demo juggler's own count of its catches (null: no demo). */
  declare demoCatches: number | null;
  declare newBest: RunRecord | null;

  constructor() {
    super();
    this.stream = null;
    this.sourceKind = null;
    this.cameras = [];
    this.cameraId = '';
    this.demoClass = DEFAULT_DEMO_CLASS;
    this.prediction = null;
    this.stats = null;
    this.status = null;
    this.coaching = false;
    this.narrow = false;
    this.runRecords = [];
    this.demoCatches = null;
    this.newBest = null;
  }

  private readonly resizeObserver = new ResizeObserver(([entry]) => {
    this.narrow = entry.contentRect.width < NARROW_VIEW_PX;
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
  }

  private emit(name: 'camera-start' | 'demo-start' | 'coach-toggle' | 'history-open' | 'record-open' | 'teach-open', detail: string) {
    this.dispatchEvent(new CustomEvent<string>(name, { detail, bubbles: true, composed: true }));
  }

  private onDemoClassChange(event: Event) {
    this.demoClass = (event.target as HTMLSelectElement).value;
    // Changing the pattern while the demo runs switches the demo straight away.
    if (this.sourceKind === 'demo') this.emit('demo-start', this.demoClass);
  }

  override render() {
    return html`
      <video class=${this.sourceKind === 'camera' ? 'mirrored' : ''} .srcObject=${live(this.stream)} autoplay muted playsinline></video>
      ${debugDrawingWanted() ? html`<jt-ball-layer .tracks=${this.prediction?.tracks ?? null} ?mirrored=${this.sourceKind === 'camera'}></jt-ball-layer>` : nothing}
      <jt-overlay .prediction=${this.prediction}></jt-overlay>
      <div class="dock">
      ${this.prediction?.tracks
        ? html`<jt-catch-counter
            .runs=${this.prediction.tracks.runs}
            .records=${this.runRecords}
            .newBest=${this.newBest}
            .demoCatches=${this.sourceKind === 'demo' ? this.demoCatches : null}
            ?compact=${this.coaching || this.narrow}
          ></jt-catch-counter>`
        : nothing}
      <jt-hud .status=${this.status} .prediction=${this.prediction} .stats=${this.stats} ?narrow=${this.narrow}></jt-hud>
      ${this.coaching
        ? nothing
        : html`<nav class="nav">
            <button class="primary" data-testid="coach-toggle" @click=${() => this.emit('coach-toggle', '')}>Coach</button>
            <button data-testid="history-open" @click=${() => this.emit('history-open', '')}>History</button>
            <button data-testid="record-open" @click=${() => this.emit('record-open', '')}>Record clips</button>
            <button data-testid="teach-open" @click=${() => this.emit('teach-open', '')}>Teach</button>
          </nav>`}
      <div class="controls">
        ${this.cameras.length > 0
          ? html`<label for="camera">Camera</label>
              <select id="camera" data-testid="camera-select" @change=${(event: Event) => this.emit('camera-start', (event.target as HTMLSelectElement).value)}>
                ${this.cameras.map(
                  (camera) => html`<option value=${camera.deviceId} ?selected=${camera.deviceId === this.cameraId}>${camera.label}</option>`,
                )}
              </select>`
          : nothing}
        ${this.sourceKind === 'demo'
          ? html`<button data-testid="camera-start" @click=${() => this.emit('camera-start', this.cameraId)}>Use my camera</button>`
          : html`<button class="primary" data-testid="demo-start" @click=${() => this.emit('demo-start', this.demoClass)}>Try the demo juggler</button>`}
        <label for="pattern">Demo pattern</label>
        <select id="pattern" data-testid="demo-pattern" @change=${this.onDemoClassChange}>
          ${DEMO_CLASSES.map((name) => html`<option value=${name} ?selected=${name === this.demoClass}>${demoOptionText(name)}</option>`)}
        </select>
      </div>
      </div>
    `;
  }
}

customElements.define('jt-practice', JtPractice);

declare global {
  interface HTMLElementTagNameMap {
    'jt-practice': JtPractice;
  }
}
