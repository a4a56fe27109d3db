// Training and running a personal head: softmax regression (one dense layer) or a one-hidden-
// layer MLP (ReLU) on the shipped model's pooled features. Mini-batch Adam with decoupled weight
// decay (AdamW), seeded init and shuffling, early stopping on the validation split that keeps the
// best epoch. Pure: the worker runs it, Node tests it.
import { Random } from './random.ts';
import { argmax, softmax } from './postprocess.ts';
import type { DenseLayer, HeadParameters } from './personal-head-types.ts';

/** Feature rows (rows × featureSize, row-major) with one class index per row. */
export interface FeatureSet {
  readonly featureSize: number;
  readonly features: Float32Array;
  readonly labels: Int32Array;
}

export interface HeadTrainingOptions {
  /** 0 = softmax regression; otherwise the width of the hidden ReLU layer. */
  readonly hiddenSize: number;
  readonly maxEpochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Decoupled (AdamW) weight decay on weights, not biases. */
  readonly weightDecay: number;
  /** Stop after this many epochs without a better validation result. */
  readonly patience: number;
  readonly seed: number;
}

export const DEFAULT_HEAD_TRAINING: HeadTrainingOptions = {
  hiddenSize: 64,
  maxEpochs: 60,
  batchSize: 32,
  learningRate: 3e-3,
  weightDecay: 1e-3,
  patience: 8,
  seed: 1,
};

export interface EpochReport {
  /** 1-based. */
  readonly epoch: number;
  readonly maxEpochs: number;
  readonly trainLoss: number;
  readonly validationLoss: number | null;
  readonly validationAccuracy: number | null;
  /** The epoch whose parameters are kept so far. */
  readonly bestEpoch: number;
}

export interface TrainedHead {
  readonly parameters: HeadParameters;
  /** The kept epoch (best on validation; the last one without a validation split). */
  readonly bestEpoch: number;
  readonly epochsRun: number;
  readonly validationAccuracy: number | null;
  readonly history: readonly EpochReport[];
}

export class HeadTrainingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeadTrainingError';
  }
}

export function rowCount(set: FeatureSet): number {
  return set.labels.length;
}

/** Per-feature mean and 1/std of the training rows; constant features keep scale 1. */
export function standardisation(set: FeatureSet): { featureMean: Float32Array; featureScale: Float32Array } {
  const size = set.featureSize;
  const rows = rowCount(set);
  const mean = new Float64Array(size);
  const squares = new Float64Array(size);
  for (let row = 0; row < rows; row++) {
    for (let index = 0; index < size; index++) {
      const value = set.features[row * size + index];
      mean[index] += value;
      squares[index] += value * value;
    }
  }
  const featureMean = new Float32Array(size);
  const featureScale = new Float32Array(size);
  for (let index = 0; index < size; index++) {
    const average = rows > 0 ? mean[index] / rows : 0;
    const variance = rows > 0 ? Math.max(squares[index] / rows - average * average, 0) : 0;
    const deviation = Math.sqrt(variance);
    featureMean[index] = average;
    featureScale[index] = deviation > 1e-6 ? 1 / deviation : 1;
  }
  return { featureMean, featureScale };
}

function denseLayer(inputSize: number, outputSize: number, gain: number, random: Random): DenseLayer {
  const weights = new Float32Array(inputSize * outputSize);
  const deviation = Math.sqrt(gain / inputSize);
  for (let index = 0; index < weights.length; index++) weights[index] = random.normal() * deviation;
  return { inputSize, outputSize, weights, bias: new Float32Array(outputSize) };
}

/** Seeded initial layers: He init before a ReLU, a smaller one for the output layer. */
export function initialLayers(featureSize: number, classCount: number, hiddenSize: number, seed: number): DenseLayer[] {
  const random = new Random(seed);
  if (hiddenSize <= 0) return [denseLayer(featureSize, classCount, 1, random)];
  return [denseLayer(featureSize, hiddenSize, 2, random), denseLayer(hiddenSize, classCount, 1, random)];
}

function standardise(parameters: Pick<HeadParameters, 'featureMean' | 'featureScale'>, features: ArrayLike<number>, offset: number, out: Float32Array): void {
  for (let index = 0; index < out.length; index++) {
    out[index] = (features[offset + index] - parameters.featureMean[index]) * parameters.featureScale[index];
  }
}

function applyLayer(layer: DenseLayer, input: Float32Array, out: Float32Array, relu: boolean): void {
  for (let output = 0; output < layer.outputSize; output++) {
    let sum = layer.bias[output];
    const base = output * layer.inputSize;
    for (let index = 0; index < layer.inputSize; index++) sum += layer.weights[base + index] * input[index];
    out[output] = relu && sum < 0 ? 0 : sum;
  }
}

/** Activations of every layer for one row: [standardised input, hidden…, logits]. */
function forward(parameters: HeadParameters, features: ArrayLike<number>, offset: number, activations: Float32Array[]): void {
  standardise(parameters, features, offset, activations[0]);
  parameters.layers.forEach((layer, index) => applyLayer(layer, activations[index], activations[index + 1], index < parameters.layers.length - 1));
}

function activationBuffers(parameters: HeadParameters): Float32Array[] {
  return [new Float32Array(parameters.featureMean.length), ...parameters.layers.map((layer) => new Float32Array(layer.outputSize))];
}

/** Class probabilities of the head for one feature vector. */
export function headProbabilities(parameters: HeadParameters, features: ArrayLike<number>, offset = 0): Float32Array {
  const activations = activationBuffers(parameters);
  forward(parameters, features, offset, activations);
  return softmax(activations[activations.length - 1]);
}

/** Probabilities for every row (rows × classes). */
export function headProbabilitiesForRows(parameters: HeadParameters, features: Float32Array): Float32Array {
  const featureSize = parameters.featureMean.length;
  const rows = features.length / featureSize;
  const classCount = parameters.layers[parameters.layers.length - 1].outputSize;
  const out = new Float32Array(rows * classCount);
  for (let row = 0; row < rows; row++) out.set(headProbabilities(parameters, features, row * featureSize), row * classCount);
  return out;
}

/** Arg-max class of every row of a rows × classes probability matrix. */
export function predictedClasses(probabilities: Float32Array, classCount: number): Int32Array {
  const rows = probabilities.length / classCount;
  const predicted = new Int32Array(rows);
  for (let row = 0; row < rows; row++) predicted[row] = argmax(probabilities.subarray(row * classCount, (row + 1) * classCount));
  return predicted;
}

export function accuracy(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (actual.length === 0) return 0;
  let correct = 0;
  for (let index = 0; index < actual.length; index++) if (predicted[index] === actual[index]) correct += 1;
  return correct / actual.length;
}

/** counts[actual][predicted]. */
export function confusionMatrix(predicted: ArrayLike<number>, actual: ArrayLike<number>, classCount: number): number[][] {
  const counts = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (let index = 0; index < actual.length; index++) counts[actual[index]][predicted[index]] += 1;
  return counts;
}

/** Mean cross-entropy and accuracy of the head on a set. */
export function evaluateHead(parameters: HeadParameters, set: FeatureSet): { loss: number; accuracy: number } {
  const activations = activationBuffers(parameters);
  const rows = rowCount(set);
  let loss = 0;
  let correct = 0;
  for (let row = 0; row < rows; row++) {
    forward(parameters, set.features, row * set.featureSize, activations);
    const probabilities = softmax(activations[activations.length - 1]);
    loss -= Math.log(Math.max(probabilities[set.labels[row]], 1e-12));
    if (argmax(probabilities) === set.labels[row]) correct += 1;
  }
  return { loss: rows > 0 ? loss / rows : 0, accuracy: rows > 0 ? correct / rows : 0 };
}

function cloneLayers(layers: readonly DenseLayer[]): DenseLayer[] {
  return layers.map((layer) => ({ ...layer, weights: Float32Array.from(layer.weights), bias: Float32Array.from(layer.bias) }));
}

/** Adam moments for one array, updated in place. */
class AdamState {
  private readonly first: Float32Array;
  private readonly second: Float32Array;

  constructor(size: number) {
    this.first = new Float32Array(size);
    this.second = new Float32Array(size);
  }

  step(values: Float32Array, gradient: Float32Array, learningRate: number, weightDecay: number, step: number): void {
    const beta1 = 0.9;
    const beta2 = 0.999;
    const correction1 = 1 - beta1 ** step;
    const correction2 = 1 - beta2 ** step;
    for (let index = 0; index < values.length; index++) {
      const grad = gradient[index];
      this.first[index] = beta1 * this.first[index] + (1 - beta1) * grad;
      this.second[index] = beta2 * this.second[index] + (1 - beta2) * grad * grad;
      const update = this.first[index] / correction1 / (Math.sqrt(this.second[index] / correction2) + 1e-8);
      values[index] -= learningRate * (update + weightDecay * values[index]);
    }
  }
}

function checkSet(set: FeatureSet, classCount: number, what: string): void {
  if (set.features.length !== rowCount(set) * set.featureSize) {
    throw new HeadTrainingError(`The ${what} features have ${set.features.length} values, not ${rowCount(set)} rows × ${set.featureSize}.`);
  }
  for (const label of set.labels) {
    if (!(label >= 0 && label < classCount)) throw new HeadTrainingError(`The ${what} set has a class index ${label} outside 0…${classCount - 1}.`);
  }
  for (const value of set.features) if (!Number.isFinite(value)) throw new HeadTrainingError(`The ${what} features contain a value that is not a finite number.`);
}

/**
 * Trains a head. With a validation set, keeps the epoch with the best validation accuracy (lower
 * validation loss breaks ties) and stops after `patience` epochs without improvement.
 */
export function trainHead(
  train: FeatureSet,
  validation: FeatureSet | null,
  classCount: number,
  options: HeadTrainingOptions = DEFAULT_HEAD_TRAINING,
  onEpoch: (report: EpochReport) => void = () => undefined,
): TrainedHead {
  const epochs = headTraining(train, validation, classCount, options);
  for (;;) {
    const next = epochs.next();
    if (next.done) return next.value;
    onEpoch(next.value);
  }
}

/**
 * The same training, awaiting `between()` before each epoch: a worker yields to its messages
 * there (a cancel, a stop), and `between` throws to end the training.
 */
export async function trainHeadInSteps(
  train: FeatureSet,
  validation: FeatureSet | null,
  classCount: number,
  options: HeadTrainingOptions,
  onEpoch: (report: EpochReport) => void,
  between: () => Promise<void>,
): Promise<TrainedHead> {
  const epochs = headTraining(train, validation, classCount, options);
  for (;;) {
    await between();
    const next = epochs.next();
    if (next.done) return next.value;
    onEpoch(next.value);
  }
}

/** The training loop, one epoch per step (the checks run at the first step). */
function* headTraining(train: FeatureSet, validation: FeatureSet | null, classCount: number, options: HeadTrainingOptions): Generator<EpochReport, TrainedHead> {
  if (classCount < 2) throw new HeadTrainingError('A head needs at least two classes.');
  if (rowCount(train) === 0) throw new HeadTrainingError('There are no training windows.');
  checkSet(train, classCount, 'training');
  if (validation) {
    if (validation.featureSize !== train.featureSize) throw new HeadTrainingError('Training and validation features differ in size.');
    checkSet(validation, classCount, 'validation');
  }
  const useValidation = validation !== null && rowCount(validation) > 0;
  const { featureMean, featureScale } = standardisation(train);
  const layers = initialLayers(train.featureSize, classCount, options.hiddenSize, options.seed);
  const parameters: HeadParameters = { featureMean, featureScale, layers };
  const gradients = layers.map((layer) => ({ weights: new Float32Array(layer.weights.length), bias: new Float32Array(layer.bias.length) }));
  const optimisers = layers.map((layer) => ({ weights: new AdamState(layer.weights.length), bias: new AdamState(layer.bias.length) }));
  const activations = activationBuffers(parameters);
  const deltas = layers.map((layer) => new Float32Array(layer.outputSize));
  const shuffle = new Random(options.seed ^ 0x5eed);
  const order = Int32Array.from({ length: rowCount(train) }, (_, index) => index);
  const history: EpochReport[] = [];
  let best = { epoch: 0, accuracy: -1, loss: Infinity, layers: cloneLayers(layers) };
  let adamStep = 0;

  for (let epoch = 1; epoch <= options.maxEpochs; epoch++) {
    for (let index = order.length - 1; index > 0; index--) {
      const other = Math.floor(shuffle.next() * (index + 1));
      [order[index], order[other]] = [order[other], order[index]];
    }
    let trainLoss = 0;
    for (let start = 0; start < order.length; start += options.batchSize) {
      const end = Math.min(start + options.batchSize, order.length);
      for (const gradient of gradients) {
        gradient.weights.fill(0);
        gradient.bias.fill(0);
      }
      for (let position = start; position < end; position++) {
        const row = order[position];
        forward(parameters, train.features, row * train.featureSize, activations);
        const last = layers.length - 1;
        const probabilities = softmax(activations[last + 1]);
        trainLoss -= Math.log(Math.max(probabilities[train.labels[row]], 1e-12));
        // Cross-entropy through softmax: dL/dlogits = p - onehot.
        deltas[last].set(probabilities);
        deltas[last][train.labels[row]] -= 1;
        for (let layerIndex = last; layerIndex >= 0; layerIndex--) {
          const layer = layers[layerIndex];
          const input = activations[layerIndex];
          const delta = deltas[layerIndex];
          const gradient = gradients[layerIndex];
          for (let output = 0; output < layer.outputSize; output++) {
            const value = delta[output];
            if (value === 0) continue;
            gradient.bias[output] += value;
            const base = output * layer.inputSize;
            for (let index = 0; index < layer.inputSize; index++) gradient.weights[base + index] += value * input[index];
          }
          if (layerIndex > 0) {
            // Back through the ReLU of the layer below.
            const below = deltas[layerIndex - 1];
            below.fill(0);
            for (let output = 0; output < layer.outputSize; output++) {
              const value = delta[output];
              if (value === 0) continue;
              const base = output * layer.inputSize;
              for (let index = 0; index < layer.inputSize; index++) below[index] += layer.weights[base + index] * value;
            }
            for (let index = 0; index < below.length; index++) if (input[index] <= 0) below[index] = 0;
          }
        }
      }
      adamStep += 1;
      const scale = 1 / (end - start);
      layers.forEach((layer, index) => {
        for (let k = 0; k < gradients[index].weights.length; k++) gradients[index].weights[k] *= scale;
        for (let k = 0; k < gradients[index].bias.length; k++) gradients[index].bias[k] *= scale;
        optimisers[index].weights.step(layer.weights as Float32Array, gradients[index].weights, options.learningRate, options.weightDecay, adamStep);
        optimisers[index].bias.step(layer.bias as Float32Array, gradients[index].bias, options.learningRate, 0, adamStep);
      });
    }
    trainLoss /= order.length;

    let validationLoss: number | null = null;
    let validationAccuracy: number | null = null;
    if (useValidation) {
      const result = evaluateHead(parameters, validation!);
      validationLoss = result.loss;
      validationAccuracy = result.accuracy;
      if (result.accuracy > best.accuracy || (result.accuracy === best.accuracy && result.loss < best.loss)) {
        best = { epoch, accuracy: result.accuracy, loss: result.loss, layers: cloneLayers(layers) };
      }
    } else {
      best = { epoch, accuracy: -1, loss: trainLoss, layers: best.layers };
    }
    const report: EpochReport = { epoch, maxEpochs: options.maxEpochs, trainLoss, validationLoss, validationAccuracy, bestEpoch: best.epoch };
    history.push(report);
    yield report;
    if (useValidation && epoch - best.epoch >= options.patience) break;
  }

  const keptLayers = useValidation ? best.layers : cloneLayers(layers);
  return {
    parameters: { featureMean, featureScale, layers: keptLayers },
    bestEpoch: best.epoch,
    epochsRun: history.length,
    validationAccuracy: useValidation ? best.accuracy : null,
    history,
  };
}
