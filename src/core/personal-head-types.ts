// Types of a personal head: a small classifier trained in the browser on the shipped model's
// pooled `features` of the user's own clips. Pure data (no logic) so storage, the worker and
// the training code share one shape. The logic lives in src/core/personal-head.ts.

/** One dense layer: outputs = weights (outputSize × inputSize, row-major) · inputs + bias. */
export interface DenseLayer {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

export interface HeadParameters {
  /** Per-feature standardisation applied before the first layer. */
  readonly featureMean: Float32Array;
  readonly featureScale: Float32Array;
  /** One layer = softmax regression; two = MLP with ReLU between. */
  readonly layers: readonly DenseLayer[];
}

export interface PersonalHeadRecord {
  readonly id: string;
  readonly name: string;
  readonly createdAtMs: number;
  /** Version of the shipped model whose features the head was trained on. */
  readonly modelVersion: string;
  readonly featureSize: number;
  /** Class names in output order (a subset of, or additions to, the catalog; grammar-valid). */
  readonly classes: readonly string[];
  readonly parameters: HeadParameters;
  /** Validation accuracy at the kept epoch; null when there was no validation split. */
  readonly validationAccuracy: number | null;
}
