// One place that turns a postprocessed display state plus timings into the Prediction the
// overlay shows: used by the worker's pipeline and by the naive benchmark pipeline alike.
import type { DisplayState } from '../core/postprocess.ts';
import type { ExecutionProvider, Prediction } from './inference-api.ts';

export interface PredictionSource {
  readonly rawProbabilities: Float32Array;
  readonly inferenceMs: number;
  readonly preprocessMs: number;
  readonly locatorMs?: number;
  readonly frameTimestampMs: number;
  readonly provider: ExecutionProvider;
  /** Name of the personal head in use; null for the shipped head. */
  readonly head: string | null;
  readonly tracks?: import('./inference-api.ts').TrackSummary;
  /** The window could not be read (too many frames missing): no model ran. */
  readonly unreadable?: boolean;
}

export function toPrediction(display: DisplayState, source: PredictionSource): Prediction {
  return {
    label: display.label?.name ?? null,
    balls: display.balls,
    ballConfidence: display.ballConfidence,
    pattern: display.label?.pattern ?? null,
    quality: display.label?.quality ?? null,
    confidence: display.confidence,
    uncertain: display.uncertain,
    probabilities: display.probabilities,
    ...source,
  };
}
