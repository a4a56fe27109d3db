// The worker's teaching jobs and its mode. While a teaching job runs the worker is 'teaching'
// (the live pipeline drops its frames, so the model is teaching's alone); when the last one ends,
// or is cancelled, it is 'live' again. Jobs have the page's ids; cancel(id) is seen between two
// of the model's windows and between two training epochs, each of which yields to the worker's
// messages first (a macrotask), so a cancel or a stop never waits for the end of the training.
import { trainHeadInSteps, type EpochReport, type FeatureSet, type HeadTrainingOptions, type TrainedHead } from '../core/personal-head.ts';
import type { ClipFeatureResult, ClipTensorInput, FeatureProgress } from '../shared/inference-api.ts';
import { ClipFeatureCache } from './clip-features.ts';
import type { LoadedModel } from './session.ts';

export type WorkerMode = 'live' | 'teaching';

export class JobCancelledError extends Error {
  constructor(job: number) {
    super(`Teaching job ${job} was cancelled.`);
    this.name = 'JobCancelledError';
  }
}

/** A turn for the worker's other messages (a model run or an epoch never yields by itself). */
const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class Teaching {
  /** The running jobs, and whether each was cancelled. */
  private readonly jobs = new Map<number, { cancelled: boolean }>();
  private readonly clipFeatures = new ClipFeatureCache();

  constructor(private readonly onModeChange: (mode: WorkerMode) => void) {}

  get mode(): WorkerMode {
    return this.jobs.size > 0 ? 'teaching' : 'live';
  }

  /** Teaching step 1: the shipped model on every window of the clips (cached per clip). */
  featuresForClips(job: number, model: LoadedModel, clips: readonly ClipTensorInput[], onProgress: (progress: FeatureProgress) => void): Promise<ClipFeatureResult> {
    return this.run(job, (check) => this.clipFeatures.featuresForClips(model, clips, onProgress, check));
  }

  /** Teaching step 2: a personal head, one report per epoch. */
  trainHead(job: number, train: FeatureSet, validation: FeatureSet | null, classCount: number, options: HeadTrainingOptions, onEpoch: (report: EpochReport) => void): Promise<TrainedHead> {
    return this.run(job, (check) =>
      trainHeadInSteps(train, validation, classCount, options, onEpoch, async () => {
        await macrotask();
        check();
      }),
    );
  }

  /** Ends a running job at its next step (it rejects with JobCancelledError); an unknown or finished job is left alone. */
  cancel(job: number): void {
    const state = this.jobs.get(job);
    if (state) state.cancelled = true;
  }

  /** Runs one job; `check` throws once the job is cancelled. */
  private async run<Result>(job: number, work: (check: () => void) => Promise<Result>): Promise<Result> {
    if (this.jobs.has(job)) throw new Error(`Teaching job ${job} is already running.`);
    const state = { cancelled: false };
    const wasLive = this.mode === 'live';
    this.jobs.set(job, state);
    if (wasLive) this.onModeChange('teaching');
    try {
      return await work(() => {
        if (state.cancelled) throw new JobCancelledError(job);
      });
    } finally {
      this.jobs.delete(job);
      if (this.mode === 'live') this.onModeChange('live');
    }
  }
}
