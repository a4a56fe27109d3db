// Live practice for the root, as a reactive controller: starts the practice session (worker,
// camera or demo juggler), keeps what the views show of it (status, predictions, stats, the
// stream, the cameras) and the failures to show (the rules are core/practice-notices.ts), and
// saves the person's own practice to the history. jt-app only picks the view and renders.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import * as rules from '../core/practice-notices.ts';
import type { PipelineStats, Prediction, WorkerStatus } from '../shared/inference-api.ts';
import { CameraError, listCameras } from '../platform/camera.ts';
import { PracticeSession, type PracticeOptions, type SourceKind } from '../platform/practice-session.ts';
import { SessionRecorder } from '../storage/session-recorder.ts';
import { RunRecorder } from '../storage/run-recorder.ts';
import type { RunRecord } from '../core/run-records.ts';
import { loadActiveHead } from '../storage/heads.ts';
import { missingFeatures } from './jt-error-screen.ts';
import { DEFAULT_DEMO_CLASS, type CameraChoice } from './jt-practice.ts';

export interface PracticeFeedOptions extends PracticeOptions {
  /** Start with the demo juggler showing this class instead of opening the camera. */
  readonly demoClass: string | null;
}

export class PracticeFeed implements ReactiveController {
  session: PracticeSession | null = null;
  status: WorkerStatus | null = null;
  prediction: Prediction | null = null;
  stats: PipelineStats | null = null;
  stream: MediaStream | null = null;
  sourceKind: SourceKind | null = null;
  cameras: readonly CameraChoice[] = [];
  cameraId = '';
  demoClass = DEFAULT_DEMO_CLASS;
  notices: rules.Notices = rules.NO_NOTICES;
  /** Stored runs of catches, and the run that set the newest personal best. */
  runRecords: readonly RunRecord[] = [];
  newBest: RunRecord | null = null;
  /** The demo juggler's own count of the catches it made (null: no demo running). */
  demoCatches: number | null = null;
  private recorder: SessionRecorder | null = null;
  private runRecorder: RunRecorder | null = null;

  /** `abandonTake`: the record view drops a take the camera cut short; true when there was one. */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly abandonTake: () => boolean,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.session?.stopSource();
    this.recorder?.dispose();
    this.recorder = null;
  }

  private set(change: Partial<Pick<PracticeFeed, 'status' | 'prediction' | 'stats' | 'stream' | 'sourceKind' | 'cameras' | 'cameraId' | 'demoClass' | 'notices' | 'runRecords' | 'newBest' | 'demoCatches'>>): void {
    Object.assign(this, change);
    this.host.requestUpdate();
  }

  private banner(kind: rules.ErrorKind, message: string): void {
    this.set({ notices: rules.withBanner(this.notices, kind, message) });
  }

  async start(options: PracticeFeedOptions): Promise<void> {
    const missing = missingFeatures();
    if (missing.length > 0) {
      this.set({ notices: { ...this.notices, screen: { kind: 'unsupported', message: `It lacks ${missing.join(', ')}. Please use a current Chrome, Edge, Firefox or Safari.` } } });
      return;
    }
    this.session = new PracticeSession(options, {
      onStatus: (status) => this.set({ status, notices: rules.onStatus(this.notices, status) }),
      onPrediction: (prediction) => {
        this.set({ prediction });
        // Only the person's own practice goes into the history, not the demo juggler.
        if (this.sourceKind === 'camera') {
          this.recorder?.push({ timeMs: performance.now(), balls: prediction.balls, label: prediction.label });
          this.runRecorder?.push(prediction, this.recorder?.sessionStartedAtMs ?? null);
        }
      },
      onStats: (stats) => this.set({ stats }),
      onWorkerCrash: (message) => {
        // Nothing of the dead worker stays on screen: the HUD waits for the new worker's figures.
        this.set({ prediction: null, stats: null });
        this.banner('worker-crash', `${message} Practice goes on.`);
      },
      onCameraStopped: () => {
        // A take cut short is not a clip: the record view drops it, and the person is told.
        const takeLost = this.abandonTake();
        this.set({ stream: null, prediction: null, stats: null, notices: rules.onCameraStopped(this.notices, takeLost) });
      },
    });
    this.recorder = new SessionRecorder((error) => this.banner('runtime', error.message));
    this.runRecorder = new RunRecorder({
      onRuns: (runs, newBest) => this.set(newBest ? { runRecords: runs, newBest } : { runRecords: runs }),
      onError: (error) => this.banner('runtime', error.message),
    });
    void this.session.loadModel();
    void this.useActiveHead(this.session);
    if (options.demoClass) await this.startDemo(options.demoClass);
    else await this.startCamera(undefined);
  }

  /** The personal head chosen in the teach view, if any, for live practice. */
  private async useActiveHead(session: PracticeSession): Promise<void> {
    try {
      const head = await loadActiveHead();
      if (head) await session.setHead(head);
    } catch (error) {
      this.banner('runtime', `Your personal head could not be used (${(error as Error).message}); practice uses the shipped head.`);
    }
  }

  async startCamera(deviceId: string | undefined): Promise<void> {
    if (!this.session) return;
    // The new feed's figures only: recording waits until its frames reach the model.
    this.set({ prediction: null, stats: null, demoCatches: null });
    try {
      const stream = await this.session.useCamera(deviceId);
      const cameraId = stream.getVideoTracks()[0]?.getSettings().deviceId ?? deviceId ?? '';
      this.set({ stream, sourceKind: 'camera', cameraId, notices: rules.onSourceStarted(this.notices) });
      // Labels are only readable after permission, so list cameras after opening one.
      this.set({ cameras: await listCameras().catch(() => []) });
    } catch (error) {
      const message = error instanceof CameraError ? error.message : `The camera could not be started: ${(error as Error).message}`;
      this.set({ notices: rules.onCameraFailed(this.notices, message) });
    }
  }

  async startDemo(className: string): Promise<void> {
    if (!this.session) return;
    this.set({ prediction: null, stats: null, demoClass: className, demoCatches: null });
    try {
      const stream = await this.session.useDemo(className, (demoCatches) => {
        if (this.sourceKind === 'demo' && this.demoClass === className) this.set({ demoCatches });
      });
      this.set({ stream, sourceKind: 'demo', notices: rules.onSourceStarted(this.notices) });
    } catch (error) {
      this.banner('runtime', `The demo juggler could not start: ${(error as Error).message}`);
    }
  }

  async retry(): Promise<void> {
    const { action, notices } = rules.retryAction(this.notices);
    this.set({ notices });
    if (action === 'reload') await this.session?.reload();
    else if (action === 'camera') await this.startCamera(this.cameraId || undefined);
  }

  dismissBanner(): void {
    this.set({ notices: { ...this.notices, banner: null } });
  }

  /** The history shows the session so far: save it first. */
  async flushHistory(): Promise<void> {
    await this.recorder?.flush();
    await this.runRecorder?.flush();
  }

  /** The coach's step being practised (null when the coach closes), for the history. */
  setLesson(lessonId: string | null): void {
    this.recorder?.setLesson(lessonId);
  }
}
