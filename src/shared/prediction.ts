// One place that turns a postprocessed display state plus timings into the Prediction the
// overlay shows: used by the worker's pipeline and by the naive benchmark pipeline alike.
import type { DisplayState } from '../core/postprocess.ts';
import type { Prediction } from './inference-api.ts';

/** What a pipeline knows of a window besides the display state: the rest of the Prediction. */
export type PredictionSource = Pick<Prediction, 'rawProbabilities' | 'inferenceMs' | 'preprocessMs' | 'locatorMs' | 'frameTimestampMs' | 'provider' | 'head' | 'tracks' | 'unreadable'>;

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
