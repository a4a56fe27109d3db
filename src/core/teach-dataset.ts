// From labelled clips and their window features to what teaching needs: the class list, what
// stops teaching (with messages a person can act on), the training and validation feature sets,
// and the comparison of the personal head with the shipped head on the same validation windows.
import { CATALOG, parseLabel } from './labels.ts';
import { accuracy, confusionMatrix, headProbabilitiesForRows, predictedClasses, type FeatureSet } from './personal-head.ts';
import type { HeadParameters } from './personal-head-types.ts';

export type TeachSplit = 'train' | 'validation';

export interface TeachClip {
  readonly id: string;
  readonly label: string;
  readonly split: TeachSplit;
}

/** Per clip: the shipped model's features and probabilities of each of its windows. */
export interface ClipFeatures {
  readonly clipId: string;
  readonly windowCount: number;
  /** windowCount × featureSize. */
  readonly features: Float32Array;
  /** windowCount × shipped classes. */
  readonly shippedProbabilities: Float32Array;
}

export interface ClassSummary {
  readonly label: string;
  readonly trainClips: number;
  readonly validationClips: number;
}

export type TeachProblemKind = 'no-clips' | 'single-class' | 'no-validation' | 'class-without-training';

export interface TeachProblem {
  readonly kind: TeachProblemKind;
  /** Blocking problems stop teaching; the others are warnings. */
  readonly blocking: boolean;
  readonly message: string;
}

/** Catalog classes in catalog order, then the person's own classes alphabetically. */
export function teachClasses(clips: readonly TeachClip[]): string[] {
  const labels = new Set(clips.map((clip) => clip.label));
  const catalog = CATALOG.filter((name) => labels.has(name));
  const own = [...labels].filter((name) => !(CATALOG as readonly string[]).includes(name)).sort();
  return [...catalog, ...own];
}

export function classSummaries(clips: readonly TeachClip[]): ClassSummary[] {
  return teachClasses(clips).map((label) => ({
    label,
    trainClips: clips.filter((clip) => clip.label === label && clip.split === 'train').length,
    validationClips: clips.filter((clip) => clip.label === label && clip.split === 'validation').length,
  }));
}

export function teachProblems(clips: readonly TeachClip[]): TeachProblem[] {
  if (clips.length === 0) {
    return [{ kind: 'no-clips', blocking: true, message: 'There are no clips yet. Record a few clips of each thing you want the app to tell apart, then teach.' }];
  }
  const summaries = classSummaries(clips);
  const problems: TeachProblem[] = [];
  if (summaries.length < 2) {
    problems.push({
      kind: 'single-class',
      blocking: true,
      message: `All clips are "${summaries[0].label}". A head tells classes apart: record clips of at least one more class.`,
    });
  }
  const untrained = summaries.filter((summary) => summary.trainClips === 0).map((summary) => summary.label);
  if (untrained.length > 0) {
    problems.push({
      kind: 'class-without-training',
      blocking: true,
      message: `No training clips for ${untrained.join(', ')}: record another session of ${untrained.length === 1 ? 'it' : 'them'}, or move a session to training.`,
    });
  }
  if (summaries.every((summary) => summary.validationClips === 0)) {
    problems.push({
      kind: 'no-validation',
      blocking: false,
      message: 'No validation clips: the head is taught for a fixed number of epochs and its accuracy is unknown. Record a second session of each class to get a validation split.',
    });
  }
  return problems;
}

function featureSet(rows: { features: Float32Array; label: number }[], featureSize: number): FeatureSet {
  const features = new Float32Array(rows.reduce((total, row) => total + row.features.length, 0));
  const labels = new Int32Array(rows.reduce((total, row) => total + row.features.length / featureSize, 0));
  let offset = 0;
  let index = 0;
  for (const row of rows) {
    features.set(row.features, offset);
    offset += row.features.length;
    labels.fill(row.label, index, index + row.features.length / featureSize);
    index += row.features.length / featureSize;
  }
  return { featureSize, features, labels };
}

export interface TeachData {
  readonly classes: readonly string[];
  readonly train: FeatureSet;
  readonly validation: FeatureSet;
  /** Shipped-model probabilities of the validation windows (rows × shipped classes), same row order. */
  readonly validationShipped: Float32Array;
  /** Clip id of every validation window, same row order. */
  readonly validationClipIds: readonly string[];
}

/** Stacks the windows of every clip into training and validation sets. */
export function assembleTeachData(clips: readonly TeachClip[], features: ReadonlyMap<string, ClipFeatures>, featureSize: number): TeachData {
  const classes = teachClasses(clips);
  const train: { features: Float32Array; label: number }[] = [];
  const validation: { features: Float32Array; label: number }[] = [];
  const shipped: Float32Array[] = [];
  const validationClipIds: string[] = [];
  for (const clip of clips) {
    const clipFeatures = features.get(clip.id);
    if (!clipFeatures || clipFeatures.windowCount === 0) continue;
    const row = { features: clipFeatures.features, label: classes.indexOf(clip.label) };
    if (clip.split === 'train') train.push(row);
    else {
      validation.push(row);
      shipped.push(clipFeatures.shippedProbabilities);
      for (let window = 0; window < clipFeatures.windowCount; window++) validationClipIds.push(clip.id);
    }
  }
  const validationShipped = new Float32Array(shipped.reduce((total, entry) => total + entry.length, 0));
  let offset = 0;
  for (const entry of shipped) {
    validationShipped.set(entry, offset);
    offset += entry.length;
  }
  return { classes, train: featureSet(train, featureSize), validation: featureSet(validation, featureSize), validationShipped, validationClipIds };
}

/**
 * For each shipped class, the head class it counts as: the same name, else the head class with
 * the same ball count and pattern (a quality variant counts as the plain pattern); -1 for none.
 */
export function classMapping(shippedClasses: readonly string[], headClasses: readonly string[]): Int32Array {
  const parsedHead = headClasses.map(parseLabel);
  return Int32Array.from(shippedClasses, (name) => {
    const exact = headClasses.indexOf(name);
    if (exact >= 0) return exact;
    const label = parseLabel(name);
    return parsedHead.findIndex((head) => head.quality === null && head.balls === label.balls && head.pattern === label.pattern);
  });
}

/** rows × shipped probabilities → rows × head-class probabilities (mass of unmapped classes dropped). */
export function mapProbabilities(probabilities: Float32Array, mapping: Int32Array, headClassCount: number): Float32Array {
  const rows = probabilities.length / mapping.length;
  const out = new Float32Array(rows * headClassCount);
  for (let row = 0; row < rows; row++) {
    for (let source = 0; source < mapping.length; source++) {
      if (mapping[source] >= 0) out[row * headClassCount + mapping[source]] += probabilities[row * mapping.length + source];
    }
  }
  return out;
}

export interface HeadScore {
  readonly accuracy: number;
  /** counts[actual][predicted] over validation windows. */
  readonly confusion: number[][];
}

export interface HeadComparison {
  readonly classes: readonly string[];
  readonly windows: number;
  readonly personal: HeadScore;
  readonly shipped: HeadScore;
  /** Head classes no shipped class maps to: the shipped head can never predict them. */
  readonly unmappedHeadClasses: readonly string[];
}

/** The personal head beside the shipped head, on the same validation windows and classes. */
export function compareHeads(parameters: HeadParameters, data: TeachData, shippedClasses: readonly string[]): HeadComparison {
  const classCount = data.classes.length;
  const actual = data.validation.labels;
  const personal = predictedClasses(headProbabilitiesForRows(parameters, data.validation.features), classCount);
  const mapping = classMapping(shippedClasses, data.classes);
  const shipped = predictedClasses(mapProbabilities(data.validationShipped, mapping, classCount), classCount);
  return {
    classes: data.classes,
    windows: actual.length,
    personal: { accuracy: accuracy(personal, actual), confusion: confusionMatrix(personal, actual, classCount) },
    shipped: { accuracy: accuracy(shipped, actual), confusion: confusionMatrix(shipped, actual, classCount) },
    unmappedHeadClasses: data.classes.filter((_, index) => !mapping.includes(index)),
  };
}
