// The root: picks the view (practice, coach, history, record, dataset, teach, or an error
// screen), provides the practice session to every view under it, and shows notices (worker
// restarted, new version ready). Live practice itself is the PracticeFeed controller.
import { LitElement, html, nothing } from 'lit';
import type { PipelineStats, WorkerStatus } from '../shared/inference-api.ts';
import type { PracticeSession } from '../platform/practice-session.ts';
import { appStyles } from './jt-app-styles.ts';
import { PracticeFeed, type PracticeFeedOptions } from './practice-feed.ts';
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

export interface AppOptions extends PracticeFeedOptions {
  readonly version: string;
}

export class JtApp extends LitElement {
  static override styles = appStyles;

  // Reactive properties are declared, not decorated: Vite 8 (Oxc) leaves standard decorators
  // and `accessor` unlowered in the bundle, which browsers cannot parse.
  static override properties = {
    options: { attribute: false },
    updateAccept: { attribute: false },
    updateDismissed: { state: true },
    view: { state: true },
    returnView: { state: true },
  };

  declare options: AppOptions | null;
  /** Set by the service-worker registration when a new version waits. */
  declare updateAccept: (() => void) | null;
  declare updateDismissed: boolean;
  declare view: AppView;
  /** Where closing the history goes back to. */
  declare returnView: AppView;

  /** ?lesson=<step id> opens the coach on that step. */
  private readonly lessonParam = new URLSearchParams(window.location.search).get('lesson');
  private readonly feed = new PracticeFeed(this, () => this.renderRoot.querySelector('jt-record')?.abandonTake() ?? false);

  constructor() {
    super();
    this.options = null;
    this.updateAccept = null;
    this.updateDismissed = false;
    this.view = this.lessonParam ? 'coach' : 'practice';
    this.returnView = 'practice';
    // Every view under the root gets the one session from here, not through properties.
    providePracticeSession(this, () => this.feed.session);
  }

  /** The running service (for the test hook in main.ts). */
  get session(): PracticeSession | null {
    return this.feed.session;
  }

  /** The worker's status and the feed's figures (for the benchmark hook in main.ts). */
  get status(): WorkerStatus | null {
    return this.feed.status;
  }

  get stats(): PipelineStats | null {
    return this.feed.stats;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.feed.session && this.options) void this.feed.start(this.options);
  }

  private async openHistory(): Promise<void> {
    // Save the session so far first, so the history shows it.
    await this.feed.flushHistory();
    if (this.view !== 'history') this.returnView = this.view;
    this.view = 'history';
  }

  override render() {
    const feed = this.feed;
    const { screen, banner } = feed.notices;
    const main = screen
      ? html`<jt-error-screen
          kind=${screen.kind}
          message=${screen.message}
          @retry=${() => void feed.retry()}
          @demo=${() => void feed.startDemo(feed.demoClass)}
        ></jt-error-screen>`
      : this.view === 'record' || this.view === 'dataset'
        ? html`<jt-record
            .stream=${feed.stream}
            .sourceKind=${feed.sourceKind}
            .ready=${feed.status?.kind === 'ready'}
            .picture=${(feed.stats?.framesReceived ?? 0) > 0}
            @record-close=${() => (this.view = 'practice')}
            @dataset-open=${() => (this.view = 'dataset')}
          ></jt-record>`
        : html`<jt-practice
          .stream=${feed.stream}
          .sourceKind=${feed.sourceKind}
          .cameras=${feed.cameras}
          .cameraId=${feed.cameraId}
          .demoClass=${feed.demoClass}
          .prediction=${feed.prediction}
          .stats=${feed.stats}
          .runRecords=${feed.runRecords}
          .demoCatches=${feed.demoCatches}
          .newBest=${feed.newBest}
          .status=${feed.status}
          .coaching=${this.view === 'coach'}
          @coach-toggle=${() => (this.view = this.view === 'coach' ? 'practice' : 'coach')}
          @history-open=${() => void this.openHistory()}
          @record-open=${() => (this.view = 'record')}
          @teach-open=${() => (this.view = 'teach')}
          @camera-start=${(event: CustomEvent<string>) => void feed.startCamera(event.detail || undefined)}
          @demo-start=${(event: CustomEvent<string>) => void feed.startDemo(event.detail)}
        ></jt-practice>`;
    return html`
      <div class="layout ${this.view === 'coach' && !screen ? 'coaching' : ''}">
        ${this.view === 'coach' && !screen
          ? html`<jt-coach
              .prediction=${feed.prediction}
              .requestedLesson=${this.lessonParam}
              .ownPractice=${feed.sourceKind === 'camera'}
              @coach-close=${() => {
                this.view = 'practice';
                feed.setLesson(null);
              }}
              @history-open=${() => void this.openHistory()}
              @lesson-change=${(event: CustomEvent<string>) => feed.setLesson(event.detail)}
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
        ${banner
          ? html`<jt-error-screen
              banner
              kind=${banner.kind}
              message=${banner.message}
              @retry=${() => void feed.retry()}
              @dismiss=${() => feed.dismissBanner()}
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
