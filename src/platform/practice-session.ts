// The live-practice service the elements use: owns the worker client, the current video
// source (camera or demo juggler) and the feed between them. Elements only see plain values
// (status, predictions, stats, a MediaStream to show) through the listener; the worker's one
// event stream is fanned out here: statuses to the listener, the current feed's predictions and
// stats to it too, and each teaching job's reports to that job's caller.
import type { Remote } from 'comlink';
import type {
  ClipFeatureResult, ClipTensorInput, ClipTensorPayload, FeatureProgress, InferenceApi, PipelineStats, Prediction, ProviderChoice, WorkerEvent, WorkerStatus,
} from '../shared/inference-api.ts';
import type { EpochReport, FeatureSet, HeadTrainingOptions, TrainedHead } from '../core/personal-head.ts';
import type { PersonalHeadRecord } from '../core/personal-head-types.ts';
import type { ModelSpec } from '../core/model-spec.ts';
import { openCamera, stopStream } from './camera.ts';
import { watchCameraTrack } from './camera-watch.ts';
import { startDemoCamera, type OnDemoCatches } from './demo-camera.ts';
import { connectStream } from './stream.ts';
import { WorkerClient } from './worker-client.ts';
import { markedStep } from '../shared/start-marks.ts';
import { transfer } from 'comlink';

export type SourceKind = 'camera' | 'demo';

export interface PracticeListener {
  onStatus(status: WorkerStatus): void;
  onPrediction(prediction: Prediction): void;
  onStats(stats: PipelineStats): void;
  /** The worker crashed and is being restarted. */
  onWorkerCrash(message: string): void;
  /** The camera in use ended or stayed muted (unplugged, taken, revoked); the source is gone. */
  onCameraStopped(): void;
}

export interface PracticeOptions {
  readonly modelSpecUrl: string;
  readonly provider: ProviderChoice;
  readonly threads: number;
}

/** More crashes than this within CRASH_WINDOW_MS stop the automatic restarts (e.g. a worker that cannot even load). */
const MAX_CRASHES = 3;
const CRASH_WINDOW_MS = 60_000;

interface ActiveSource {
  readonly kind: SourceKind;
  readonly stream: MediaStream;
  readonly stop: () => void;
  disconnect: (() => void) | null;
}

/** The worker died during a teaching step: the step's result is lost, nothing stored is. */
export class WorkerCrashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashError';
  }
}

export const TAKE_LOST_MESSAGE = 'The recogniser stopped during the take (it restarts by itself), so the take was lost. Record it again.';

/** A crash during a recording loses the take: say that, not what the new worker knows (no capture). */
function takeLostOnCrash(error: unknown): never {
  if (error instanceof WorkerCrashError) throw new WorkerCrashError(TAKE_LOST_MESSAGE);
  throw error;
}

/** A promise that rejects when the current worker crashes (comlink calls to a dead worker never settle). */
function crashSignal(): { promise: Promise<never>; reject: (error: Error) => void } {
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<never>((_, rejectPromise) => (reject = rejectPromise));
  promise.catch(() => undefined);
  return { promise, reject };
}

export class PracticeSession {
  private readonly worker: WorkerClient;
  private modelReady: Promise<WorkerStatus> | null = null;
  private source: ActiveSource | null = null;
  private crashTimesMs: number[] = [];
  private head: PersonalHeadRecord | null = null;
  /** model.json as the worker last reported it ready (the page never fetches it itself). */
  private spec: ModelSpec | null = null;
  /** The id of the next teaching job (the worker cancels by id), and of the next live feed. */
  private nextJob = 1;
  private nextFeed = 1;
  /** The live feed whose reports are shown (null: none); a stopped feed's last reports are not. */
  private liveFeed: number | null = null;
  /** Each running teaching job's reports go to its caller. */
  private readonly jobReports = new Map<number, (event: WorkerEvent) => void>();
  private crash = crashSignal();
  private readonly connecting = new WeakMap<ActiveSource, Promise<void>>();
  /** The crash signal current when the capture started (a crash replaces it). */
  private captureCrash: ReturnType<typeof crashSignal> | null = null;

  constructor(
    private readonly options: PracticeOptions,
    private readonly listener: PracticeListener,
  ) {
    this.worker = new WorkerClient(
      (message) => void this.recoverFromCrash(message),
      (event) => this.onWorkerEvent(event),
    );
  }

  private onWorkerEvent(event: WorkerEvent): void {
    switch (event.kind) {
      case 'status':
        this.listener.onStatus(event.status);
        break;
      case 'prediction':
        if (event.feed === this.liveFeed) this.listener.onPrediction(event.prediction);
        break;
      case 'stats':
        if (event.feed === this.liveFeed) this.listener.onStats(event.stats);
        break;
      case 'features':
      case 'epoch':
        this.jobReports.get(event.job)?.(event);
        break;
    }
  }

  /** Loads (or reloads, after a model error) the model in the worker. */
  loadModel(): Promise<WorkerStatus> {
    const api = this.worker.api;
    this.modelReady = api.init(this.options).then(
      async (status) => {
        if (status.kind === 'ready') this.spec = status.spec;
        // A restarted worker starts with the shipped head: give it the personal one again.
        if (status.kind === 'ready' && this.head) await api.setHead(this.head).catch(() => undefined);
        return status;
      },
      (error: Error) => {
        const status: WorkerStatus = { kind: 'error', message: `The inference worker failed to start: ${error.message}` };
        this.listener.onStatus(status);
        return status;
      },
    );
    return this.modelReady;
  }

  /**
   * Retry after a model error or repeated crashes: a fresh worker (ONNX Runtime remembers a failed
   * start of its WebAssembly runtime for the worker's lifetime), the model, and the source again.
   */
  async reload(): Promise<WorkerStatus> {
    this.crashTimesMs = [];
    if (this.source) {
      this.source.disconnect?.();
      this.source.disconnect = null;
    }
    this.worker.terminate();
    // Calls to the old worker never settle: end them as a crash would.
    this.crash.reject(new WorkerCrashError('The recogniser was restarted.'));
    this.crash = crashSignal();
    const status = await this.loadModel();
    if (this.source) await this.connect(this.source);
    return status;
  }

  /** Opens a camera and feeds it to the model; throws CameraError. Returns the stream to show. */
  async useCamera(deviceId?: string): Promise<MediaStream> {
    const stream = await markedStep('open camera', () => openCamera(deviceId));
    const track = stream.getVideoTracks()[0];
    let unwatch = () => undefined as void;
    const source: ActiveSource = {
      kind: 'camera',
      stream,
      stop: () => {
        unwatch();
        stopStream(stream);
      },
      disconnect: null,
    };
    if (track) {
      unwatch = watchCameraTrack(track, () => {
        if (this.source !== source) return;
        this.stopSource();
        this.listener.onCameraStopped();
      });
    }
    await this.switchSource(source);
    return stream;
  }

  /** `onCatches`: the demo juggler's own count of its catches, as it paints them. */
  async useDemo(className: string, onCatches?: OnDemoCatches): Promise<MediaStream> {
    const demo = startDemoCamera(className, onCatches);
    await this.switchSource({ kind: 'demo', stream: demo.stream, stop: demo.stop, disconnect: null });
    return demo.stream;
  }

  stopSource(): void {
    this.source?.disconnect?.();
    this.source?.stop();
    this.source = null;
    this.liveFeed = null;
  }

  /** The stream being shown and fed to the model (null when none). */
  get stream(): MediaStream | null {
    return this.source?.stream ?? null;
  }

  /** Recording: the worker keeps the model-ready frames of the running feed (see ClipRecorder). */
  async startCapture(): Promise<void> {
    this.captureCrash = this.crash;
    await Promise.race([this.worker.api.startCapture(), this.crash.promise]).catch(takeLostOnCrash);
  }

  /** The clip's frames; a worker that crashed since startCapture took them with it. */
  async stopCapture(): Promise<ClipTensorPayload> {
    const startedUnder = this.captureCrash;
    this.captureCrash = null;
    if (startedUnder !== this.crash) takeLostOnCrash(new WorkerCrashError('crashed during the take'));
    return Promise.race([this.worker.api.stopCapture(), this.crash.promise]).catch(takeLostOnCrash);
  }

  /** The shipped model's contract (the tensor layout an archive or a head must fit), once the worker has read it. */
  async modelSpec(): Promise<ModelSpec> {
    if (this.spec) return this.spec;
    const status = await Promise.race([this.modelReady ?? this.loadModel(), this.crash.promise]);
    if (status.kind === 'ready') return status.spec;
    throw new Error(`The model description could not be read: ${status.message}`);
  }

  /** For tests and tools: one model run on a given input. */
  async classifyTensor(input: Float32Array): ReturnType<Remote<InferenceApi>['classifyTensor']> {
    await (this.modelReady ?? this.loadModel());
    return this.worker.api.classifyTensor(input);
  }

  /** Live predictions through a personal head, or the shipped head with null. Throws when the head does not fit the model. */
  async setHead(head: PersonalHeadRecord | null): Promise<void> {
    const status = await (this.modelReady ?? this.loadModel());
    if (status.kind === 'ready') await this.worker.api.setHead(head);
    this.head = head;
  }

  /** Teaching step 1: the shipped model's features (and predictions) for every window of the clips. */
  featuresForClips(clips: readonly ClipTensorInput[], onProgress: (progress: FeatureProgress) => void, signal?: AbortSignal): Promise<ClipFeatureResult> {
    const buffers = clips.map((clip) => clip.data.buffer as ArrayBuffer);
    return this.teachingJob(signal, (api, job) => api.featuresForClips(job, transfer(clips, buffers)), (event) => {
      if (event.kind === 'features') onProgress(event.progress);
    });
  }

  /** Teaching step 2: a personal head trained in the worker, one report per epoch. */
  trainHead(
    train: FeatureSet,
    validation: FeatureSet | null,
    classCount: number,
    options: HeadTrainingOptions,
    onEpoch: (report: EpochReport) => void,
    signal?: AbortSignal,
  ): Promise<TrainedHead> {
    return this.teachingJob(signal, (api, job) => api.trainHead(job, train, validation, classCount, options), (event) => {
      if (event.kind === 'epoch') onEpoch(event.report);
    });
  }

  /**
   * One teaching job in the worker, which pauses its own live feed meanwhile. Rejects with
   * WorkerCrashError if the worker dies, and with the signal's reason once it aborts: the worker
   * is told to cancel the job, and live practice resumes at its next window or epoch.
   */
  private async teachingJob<Result>(
    signal: AbortSignal | undefined,
    call: (api: Remote<InferenceApi>, job: number) => Promise<Result>,
    onReport: (event: WorkerEvent) => void,
  ): Promise<Result> {
    signal?.throwIfAborted();
    const status = await (this.modelReady ?? this.loadModel());
    if (status.kind !== 'ready') throw new Error('The recogniser is not ready yet; wait for it and try again.');
    signal?.throwIfAborted();
    const api = this.worker.api;
    const job = this.nextJob++;
    let onAbort = () => undefined as void;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        void api.cancel(job).catch(() => undefined);
        reject(signal?.reason);
      };
    });
    aborted.catch(() => undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    this.jobReports.set(job, onReport);
    try {
      return await Promise.race([call(api, job), this.crash.promise, aborted]);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.jobReports.delete(job);
    }
  }

  private async switchSource(next: ActiveSource): Promise<void> {
    this.stopSource();
    this.source = next;
    await this.connect(next);
  }

  /** One connection attempt per source at a time (a crash restart and a reload may both ask). */
  private connect(source: ActiveSource): Promise<void> {
    let pending = this.connecting.get(source);
    if (!pending) {
      pending = this.connectOnce(source).finally(() => this.connecting.delete(source));
      this.connecting.set(source, pending);
    }
    return pending;
  }

  private async connectOnce(source: ActiveSource): Promise<void> {
    if (source.disconnect) return;
    const status = await (this.modelReady ?? this.loadModel());
    if (status.kind !== 'ready' || this.source !== source || source.disconnect) return;
    // A report the dead worker sent just before it crashed can arrive after the crash was
    // handled: the worker client drops it. Nor may a stopped feed's last report after a switch
    // of source put its figures back on screen: each connection is a new feed id.
    const crash = this.crash;
    const feed = this.nextFeed++;
    this.liveFeed = feed;
    const connecting = connectStream(source.stream, this.worker.api, feed);
    // A call to a worker that dies never settles: the crash ends the attempt, and the recovery connects again.
    const disconnect = await Promise.race([connecting, crash.promise.catch(() => null)]);
    if (!disconnect) return;
    // The source may have changed while the stream was connecting.
    if (this.source !== source) {
      disconnect();
      return;
    }
    source.disconnect = disconnect;
  }

  private async recoverFromCrash(message: string): Promise<void> {
    const now = performance.now();
    this.crashTimesMs = [...this.crashTimesMs.filter((time) => now - time < CRASH_WINDOW_MS), now];
    this.crash.reject(new WorkerCrashError(message));
    this.crash = crashSignal();
    if (this.source) this.source.disconnect = null;
    if (this.crashTimesMs.length > MAX_CRASHES) {
      this.listener.onStatus({ kind: 'error', message: `The recogniser keeps crashing (${message}). Reload the page to try again.` });
      return;
    }
    this.listener.onWorkerCrash(message);
    await this.loadModel();
    if (this.source) await this.connect(this.source);
  }
}
