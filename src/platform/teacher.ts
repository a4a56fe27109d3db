// Teaching, end to end: stored clips → their tensors → the worker's features for every window →
// a head trained in the worker → the comparison with the shipped head on the validation clips.
// Nothing is written here: the caller saves the head it gets back, so a failure loses nothing.
import { DEFAULT_HEAD_TRAINING, type HeadTrainingOptions } from '../core/personal-head.ts';
import type { TeachProgress } from '../core/teach-progress.ts';
import type { PersonalHeadRecord } from '../core/personal-head-types.ts';
import { assembleTeachData, compareHeads, teachProblems, type ClipFeatures, type HeadComparison, type TeachClip } from '../core/teach-dataset.ts';
import type { ClipTensorInput } from '../shared/inference-api.ts';
import type { ClipTensorRecord } from '../storage/db.ts';
import type { PracticeSession } from './practice-session.ts';

export type { TeachProgress };

export interface TeachTimings {
  readonly readingMs: number;
  readonly featuresMs: number;
  readonly trainingMs: number;
  readonly totalMs: number;
}

export interface TeachResult {
  /** The new head, not yet saved. */
  readonly head: PersonalHeadRecord;
  /** Null without validation clips. */
  readonly comparison: HeadComparison | null;
  readonly bestEpoch: number;
  readonly epochsRun: number;
  readonly trainWindows: number;
  readonly validationWindows: number;
  readonly timings: TeachTimings;
}

export class TeachError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeachError';
  }
}

export interface TeachRequest {
  readonly clips: readonly TeachClip[];
  readonly loadTensor: (id: string) => Promise<ClipTensorRecord | undefined>;
  readonly name: string;
  readonly options?: Partial<HeadTrainingOptions>;
  readonly onProgress: (progress: TeachProgress) => void;
  /** Aborting cancels the worker's job in progress (the live feed resumes) and rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

export async function teachHead(session: PracticeSession, request: TeachRequest): Promise<TeachResult> {
  const blocking = teachProblems(request.clips).filter((problem) => problem.blocking);
  if (blocking.length > 0) throw new TeachError(blocking.map((problem) => problem.message).join(' '));
  const started = performance.now();

  const tensors: ClipTensorInput[] = [];
  const missing: string[] = [];
  for (const clip of request.clips) {
    request.signal?.throwIfAborted();
    const tensor = await request.loadTensor(clip.id);
    if (tensor) tensors.push({ id: clip.id, frames: tensor.frames, height: tensor.height, width: tensor.width, data: tensor.data });
    else missing.push(clip.id);
    request.onProgress({ kind: 'reading', clipsRead: tensors.length + missing.length, clipsTotal: request.clips.length });
  }
  if (missing.length > 0) throw new TeachError(`${missing.length} clip(s) have no stored frames (${missing.join(', ')}). Delete and record them again.`);
  const featuresStarted = performance.now();

  const extracted = await session.featuresForClips(tensors, (progress) => request.onProgress({ kind: 'features', ...progress }), request.signal);
  const features = new Map<string, ClipFeatures>(extracted.clips.map((clip) => [clip.clipId, clip]));
  const data = assembleTeachData(request.clips, features, extracted.featureSize);
  const trainingStarted = performance.now();

  const options = { ...DEFAULT_HEAD_TRAINING, ...request.options };
  const validation = data.validation.labels.length > 0 ? data.validation : null;
  const trained = await session.trainHead(data.train, validation, data.classes.length, options, (report) => request.onProgress({ kind: 'training', report }), request.signal);
  const finished = performance.now();

  const head: PersonalHeadRecord = {
    id: crypto.randomUUID(),
    name: request.name,
    createdAtMs: Date.now(),
    modelVersion: extracted.modelVersion,
    featureSize: extracted.featureSize,
    classes: data.classes,
    parameters: trained.parameters,
    validationAccuracy: trained.validationAccuracy,
  };
  return {
    head,
    comparison: validation ? compareHeads(trained.parameters, data, extracted.shippedClasses) : null,
    bestEpoch: trained.bestEpoch,
    epochsRun: trained.epochsRun,
    trainWindows: data.train.labels.length,
    validationWindows: data.validation.labels.length,
    timings: {
      readingMs: featuresStarted - started,
      featuresMs: trainingStarted - featuresStarted,
      trainingMs: finished - trainingStarted,
      totalMs: finished - started,
    },
  };
}
