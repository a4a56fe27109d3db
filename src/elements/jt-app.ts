// The root: starts the live-practice service, picks the view (practice or an error screen),
// and shows notices (worker restarted, new version ready).
import { LitElement, css, html, nothing } from 'lit';
import type { PipelineStats, Prediction, WorkerStatus } from '../shared/inference-api.ts';
import { CameraError, listCameras } from '../platform/camera.ts';
import { PracticeSession, type PracticeOptions, type SourceKind } from '../platform/practice-session.ts';
import { missingFeatures, type ErrorKind } from './jt-error-screen.ts';
import { DEFAULT_DEMO_CLASS, type CameraChoice } from './jt-practice.ts';
import { SessionRecorder } from '../storage/session-recorder.ts';
import { loadActiveHead } from '../storage/heads.ts';
import { providePracticeSession } from './practice-context.ts';
import './jt-coach.ts';
import './jt-error-screen.ts';
import './jt-history.ts';
import './jt-practice.ts';
import './jt-record.ts';
import './jt-dataset.ts';
import './jt-teach.ts';
import './jt-update-prompt.ts';

/** Practice alone, practice with the coach beside it, the history over both; recording clips, the dataset of clips; teaching a personal head. */
export type AppView = 'practice' | 'coach' | 'history' | 'record' | 'dataset' | 'teach';

export interface AppOptions extends PracticeOptions {
  /** Start with the demo juggler showing this class instead of opening the camera. */
  readonly demoClass: string | null;
  readonly version: string;
}

interface ShownError {
  readonly kind: ErrorKind;
  readonly message: string;
}

export class JtApp extends LitElement {
  static override styles = css`
    :host {
      position: fixed;
      inset: 0;
      display: block;
      background: #000000;
      color: #ffffff;
      font-family: system-ui, sans-serif;
    }
    .version {
      position: absolute;
      top: 0.4rem;
      right: 0.6rem;
      font-size: 0.8rem;
      color: #aab2c8;
      z-index: 5;
    }
    .notices {
      position: absolute;
      top: 1rem;
      left: 50%;
      transform: translateX(-50%);
      display: flex;
      flex-direction: column;
      gap: 0.6rem;
      z-index: 10;
      width: max-content;
      max-width: calc(100% - 2rem);
    }
    .layout {
      position: absolute;
      inset: 0;
      display: grid;
      grid-template-columns: 1fr;
    }
    .layout.coaching {
      grid-template-columns: min(28rem, 36vw) 1fr;
    }
    /* Narrow windows: the coach above the picture. */
    @media (max-width: 56rem) {
      .layout.coaching {
        grid-template-columns: 1fr;
        grid-template-rows: minmax(0, 45%) 1fr;
      }
      /* Clear of the version label in the top-right corner. */
      jt-coach {
        padding-top: 1.6rem;
        border-right: none;
        border-bottom: 2px solid #2a3247;
      }
    }
    .layout > * {
      min-width: 0;
      min-height: 0;
    }
    jt-history,
    jt-dataset,
    jt-teach {
      position: absolute;
      inset: 0;
      z-index: 6;
    }
  `;

  // Reactive properties are declared, not decorated: Vite 8 (Oxc) leaves standard decorators
  // and `accessor` unlowered in the bundle, which browsers cannot parse.
  static override properties = {
    options: { attribute: false },
    updateAccept: { attribute: false },
    screenError: { state: true },
    bannerError: { state: true },
    status: { state: true },
    prediction: { state: true },
    stats: { state: true },
    stream: { state: true },
    sourceKind: { state: true },
    cameras: { state: true },
    cameraId: { state: true },
    demoClass: { state: true },
    updateDismissed: { state: true },
    view: { state: true },
    returnView: { state: true },
  };

  declare options: AppOptions | null;
  /** Set by the service-worker registration when a new version waits. */
  declare updateAccept: (() => void) | null;
  declare screenError: ShownError | null;
  declare bannerError: ShownError | null;
  declare status: WorkerStatus | null;
  declare prediction: Prediction | null;
  declare stats: PipelineStats | null;
  declare stream: MediaStream | null;
  declare sourceKind: SourceKind | null;
  declare cameras: readonly CameraChoice[];
  declare cameraId: string;
  declare demoClass: string;
  declare updateDismissed: boolean;
  declare view: AppView;
  /** Where closing the history goes back to. */
  declare returnView: AppView;

  constructor() {
    super();
    this.options = null;
    this.updateAccept = null;
    this.screenError = null;
    this.bannerError = null;
    this.status = null;
    this.prediction = null;
    this.stats = null;
    this.stream = null;
    this.sourceKind = null;
    this.cameras = [];
    this.cameraId = '';
    this.demoClass = DEFAULT_DEMO_CLASS;
    this.updateDismissed = false;
    this.view = this.lessonParam ? 'coach' : 'practice';
    this.returnView = 'practice';
    // Every view under the root gets the one session from here, not through properties.
    providePracticeSession(this, () => this.practice);
  }

  /** ?lesson=<step id> opens the coach on that step. */
  private readonly lessonParam = new URLSearchParams(window.location.search).get('lesson');
  private recorder: SessionRecorder | null = null;

  private practice: PracticeSession | null = null;

  /** The running service (for the test hook in main.ts). */
  get session(): PracticeSession | null {
    return this.practice;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.practice && this.options) void this.start(this.options);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.practice?.stopSource();
    this.recorder?.dispose();
    this.recorder = null;
  }

  private async start(options: AppOptions): Promise<void> {
    const missing = missingFeatures();
    if (missing.length > 0) {
      this.screenError = { kind: 'unsupported', message: `It lacks ${missing.join(', ')}. Please use a current Chrome, Edge, Firefox or Safari.` };
      return;
    }
    this.practice = new PracticeSession(options, {
      onStatus: (status) => this.onStatus(status),
      onPrediction: (prediction) => {
        this.prediction = prediction;
        // Only the person's own practice goes into the history, not the demo juggler.
        if (this.sourceKind === 'camera') this.recorder?.push({ timeMs: performance.now(), balls: prediction.balls, label: prediction.label });
      },
      onStats: (stats) => (this.stats = stats),
      onWorkerCrash: (message) => {
        // Nothing of the dead worker stays on screen: the HUD waits for the new worker's figures.
        this.prediction = null;
        this.stats = null;
        this.bannerError = { kind: 'worker-crash', message: `${message} Practice goes on.` };
      },
      onCameraStopped: () => this.onCameraStopped(),
    });
    this.recorder = new SessionRecorder((error) => (this.bannerError = { kind: 'runtime', message: error.message }));
    void this.practice.loadModel();
    void this.useActiveHead(this.practice);
    if (options.demoClass) await this.startDemo(options.demoClass);
    else await this.startCamera(undefined);
  }

  /** The personal head chosen in the teach view, if any, for live practice. */
  private async useActiveHead(practice: PracticeSession): Promise<void> {
    try {
      const head = await loadActiveHead();
      if (head) await practice.setHead(head);
    } catch (error) {
      this.bannerError = { kind: 'runtime', message: `Your personal head could not be used (${(error as Error).message}); practice uses the shipped head.` };
    }
  }

  private onStatus(status: WorkerStatus): void {
    this.status = status;
    if (status.kind === 'model-error') this.screenError = { kind: 'model', message: status.message };
    else if (status.kind === 'error') this.bannerError = { kind: 'runtime', message: status.message };
    else if (status.kind === 'ready' && this.screenError?.kind === 'model') this.screenError = null;
  }

  /** The camera ended mid-practice: say so (Reconnect, or the demo) instead of watching nothing at 0 fps. */
  private onCameraStopped(): void {
    // A take cut short is not a clip: the record view drops it, and the person is told.
    const takeLost = this.renderRoot.querySelector('jt-record')?.abandonTake() ?? false;
    this.stream = null;
    this.prediction = null;
    this.stats = null;
    if (takeLost) {
      this.bannerError = { kind: 'take-lost', message: 'The camera stopped during a take, so that clip was discarded. Clips kept before it are safe; reconnect to record again.' };
    }
    if (this.screenError?.kind !== 'model') {
      this.screenError = { kind: 'camera-stopped', message: 'It was unplugged, another app took it, or the browser turned it off. Connect it again and press Reconnect, or try the demo juggler.' };
    }
  }

  private async startCamera(deviceId: string | undefined): Promise<void> {
    if (!this.practice) return;
    // The new feed's figures only: recording waits until its frames reach the model.
    this.prediction = null;
    this.stats = null;
    try {
      const stream = await this.practice.useCamera(deviceId);
      this.stream = stream;
      this.sourceKind = 'camera';
      this.cameraId = stream.getVideoTracks()[0]?.getSettings().deviceId ?? deviceId ?? '';
      if (this.screenError?.kind === 'camera' || this.screenError?.kind === 'camera-stopped') this.screenError = null;
      // Labels are only readable after permission, so list cameras after opening one.
      this.cameras = await listCameras().catch(() => []);
    } catch (error) {
      const message = error instanceof CameraError ? error.message : `The camera could not be started: ${(error as Error).message}`;
      if (this.screenError?.kind !== 'model') this.screenError = { kind: 'camera', message };
    }
  }

  private async startDemo(className: string): Promise<void> {
    if (!this.practice) return;
    this.prediction = null;
    this.stats = null;
    this.demoClass = className;
    try {
      this.stream = await this.practice.useDemo(className);
      this.sourceKind = 'demo';
      if (this.screenError?.kind === 'camera' || this.screenError?.kind === 'camera-stopped') this.screenError = null;
    } catch (error) {
      this.bannerError = { kind: 'runtime', message: `The demo juggler could not start: ${(error as Error).message}` };
    }
  }

  private async retry(): Promise<void> {
    const kind = this.screenError?.kind;
    if (kind === 'model') {
      this.screenError = null;
      await this.practice?.reload();
    } else if (kind === 'camera' || kind === 'camera-stopped') {
      await this.startCamera(this.cameraId || undefined);
    } else if (this.bannerError?.kind === 'runtime') {
      this.bannerError = null;
      await this.practice?.reload();
    }
  }

  private async openHistory(): Promise<void> {
    // Save the session so far first, so the history shows it.
    await this.recorder?.flush();
    if (this.view !== 'history') this.returnView = this.view;
    this.view = 'history';
  }

  override render() {
    const main = this.screenError
      ? html`<jt-error-screen
          kind=${this.screenError.kind}
          message=${this.screenError.message}
          @retry=${() => void this.retry()}
          @demo=${() => void this.startDemo(this.demoClass)}
        ></jt-error-screen>`
      : this.view === 'record' || this.view === 'dataset'
        ? html`<jt-record
            .stream=${this.stream}
            .sourceKind=${this.sourceKind}
            .ready=${this.status?.kind === 'ready'}
            .picture=${(this.stats?.framesReceived ?? 0) > 0}
            @record-close=${() => (this.view = 'practice')}
            @dataset-open=${() => (this.view = 'dataset')}
          ></jt-record>`
        : html`<jt-practice
          .stream=${this.stream}
          .sourceKind=${this.sourceKind}
          .cameras=${this.cameras}
          .cameraId=${this.cameraId}
          .demoClass=${this.demoClass}
          .prediction=${this.prediction}
          .stats=${this.stats}
          .status=${this.status}
          .coaching=${this.view === 'coach'}
          @coach-toggle=${() => (this.view = this.view === 'coach' ? 'practice' : 'coach')}
          @history-open=${() => void this.openHistory()}
          @record-open=${() => (this.view = 'record')}
          @teach-open=${() => (this.view = 'teach')}
          @camera-start=${(event: CustomEvent<string>) => void this.startCamera(event.detail || undefined)}
          @demo-start=${(event: CustomEvent<string>) => void this.startDemo(event.detail)}
        ></jt-practice>`;
    return html`
      <div class="layout ${this.view === 'coach' && !this.screenError ? 'coaching' : ''}">
        ${this.view === 'coach' && !this.screenError
          ? html`<jt-coach
              .prediction=${this.prediction}
              .requestedLesson=${this.lessonParam}
              .ownPractice=${this.sourceKind === 'camera'}
              @coach-close=${() => {
                this.view = 'practice';
                this.recorder?.setLesson(null);
              }}
              @history-open=${() => void this.openHistory()}
              @lesson-change=${(event: CustomEvent<string>) => this.recorder?.setLesson(event.detail)}
            ></jt-coach>`
          : nothing}
        ${main}
      </div>
      ${this.view === 'history' ? html`<jt-history @history-close=${() => (this.view = this.returnView)}></jt-history>` : nothing}
      ${this.view === 'dataset'
        ? html`<jt-dataset
            @dataset-close=${() => (this.view = 'record')}
            @record-open=${() => (this.view = 'record')}
          ></jt-dataset>`
        : nothing}
      ${this.view === 'teach' ? html`<jt-teach @teach-close=${() => (this.view = 'practice')}></jt-teach>` : nothing}
      <small class="version" data-testid="app-version">${this.options?.version ?? ''}</small>
      <div class="notices">
        ${this.bannerError
          ? html`<jt-error-screen
              banner
              kind=${this.bannerError.kind}
              message=${this.bannerError.message}
              @retry=${() => void this.retry()}
              @dismiss=${() => (this.bannerError = null)}
            ></jt-error-screen>`
          : nothing}
        ${this.updateAccept && !this.updateDismissed
          ? html`<jt-update-prompt @update-accept=${() => this.updateAccept?.()} @update-dismiss=${() => (this.updateDismissed = true)}></jt-update-prompt>`
          : nothing}
      </div>
    `;
  }
}

customElements.define('jt-app', JtApp);

declare global {
  interface HTMLElementTagNameMap {
    'jt-app': JtApp;
  }
}
