// A personal head as a JSON file (export/import): plain arrays of numbers, a format tag, and a
// validation that names every problem it finds (sizes, numbers that are not finite once float32,
// class names, and whether the head fits the shipped model's features).
import { LabelError, parseLabel } from './labels.ts';
import { isPlausibleTimeMs, PLAUSIBLE_TIME_TEXT } from './plausible-time.ts';
import type { DenseLayer, HeadParameters, PersonalHeadRecord } from './personal-head-types.ts';

export const HEAD_FILE_FORMAT = 'juggling-trainer-head';
export const HEAD_FILE_VERSION = 1;
/** Hidden layers wider than this are not something the app trains; refuse giant files. */
const MAX_LAYER_SIZE = 1024;
const MAX_CLASSES = 256;
/** Largest head file: the largest head these limits allow (1024 hidden units, 256 classes) is about 10 MB of JSON; the app's own are under 1 MB. */
export const MAX_HEAD_FILE_BYTES = 16 * 1024 * 1024;

export class HeadFormatError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`This is not a head the app can use: ${problems.join('; ')}.`);
    this.name = 'HeadFormatError';
  }
}

/** What the shipped model gives, so an imported head fits it. */
export interface HeadExpectations {
  readonly modelVersion: string;
  readonly featureSize: number;
}

/** Refuses a head file larger than MAX_HEAD_FILE_BYTES (call it with the file's size before reading it). */
export function assertHeadFileSize(byteLength: number): void {
  if (byteLength > MAX_HEAD_FILE_BYTES) {
    const megabytes = (count: number) => `${Math.round(count / 1024 / 1024)} MB`;
    throw new HeadFormatError([`the file is ${megabytes(byteLength)}; a head file is at most ${megabytes(MAX_HEAD_FILE_BYTES)}`]);
  }
}

/** The head as a file's text; throws HeadFormatError when that text would not import again. */
export function headToJson(head: PersonalHeadRecord): string {
  const { parameters } = head;
  const text = JSON.stringify({
    format: HEAD_FILE_FORMAT,
    formatVersion: HEAD_FILE_VERSION,
    id: head.id,
    name: head.name,
    createdAtMs: head.createdAtMs,
    modelVersion: head.modelVersion,
    featureSize: head.featureSize,
    classes: head.classes,
    validationAccuracy: head.validationAccuracy,
    parameters: {
      featureMean: Array.from(parameters.featureMean),
      featureScale: Array.from(parameters.featureScale),
      layers: parameters.layers.map((layer) => ({
        inputSize: layer.inputSize,
        outputSize: layer.outputSize,
        weights: Array.from(layer.weights),
        bias: Array.from(layer.bias),
      })),
    },
  });
  // What the app writes it must read back: a head stored with ±Infinity (before float32 values
  // were checked) would be written as null. Same checks as an import, so one rule.
  parseHeadJson(text, { modelVersion: head.modelVersion, featureSize: head.featureSize });
  return text;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const positiveInt = (value: unknown, limit: number): value is number => Number.isInteger(value) && (value as number) > 0 && (value as number) <= limit;

/**
 * An array of numbers of the given length as Float32Array, or a problem. Finiteness is checked
 * after the conversion: 1e39 is a finite double but Infinity as a float32.
 */
function numbers(value: unknown, length: number, what: string, problems: string[]): Float32Array {
  if (!Array.isArray(value)) {
    problems.push(`${what} is not a list of numbers`);
    return new Float32Array(length);
  }
  if (value.length !== length) {
    problems.push(`${what} has ${value.length} numbers, expected ${length}`);
    return new Float32Array(length);
  }
  const converted = Float32Array.from(value, (entry) => (typeof entry === 'number' ? entry : NaN));
  if (!converted.every(Number.isFinite)) problems.push(`${what} contains something that is not a finite number (float32 holds up to ±3.4e38)`);
  return converted;
}

function parseLayers(value: unknown, featureSize: number, classCount: number, problems: string[]): DenseLayer[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > 2) {
    problems.push('parameters.layers must list one layer (softmax regression) or two (a small MLP)');
    return [];
  }
  const layers: DenseLayer[] = [];
  let expectedInput = featureSize;
  value.forEach((entry, index) => {
    const what = `layer ${index + 1}`;
    if (!isRecord(entry)) {
      problems.push(`${what} is not an object`);
      return;
    }
    const last = index === value.length - 1;
    const { inputSize, outputSize } = entry;
    if (!positiveInt(inputSize, MAX_LAYER_SIZE) || inputSize !== expectedInput) problems.push(`${what} must take ${expectedInput} inputs, not ${String(inputSize)}`);
    if (!positiveInt(outputSize, MAX_LAYER_SIZE)) problems.push(`${what} has an invalid output size ${String(outputSize)}`);
    else if (last && outputSize !== classCount) problems.push(`${what} gives ${outputSize} outputs but the head lists ${classCount} classes`);
    const rows = positiveInt(outputSize, MAX_LAYER_SIZE) ? outputSize : 0;
    const weights = numbers(entry.weights, rows * expectedInput, `${what} weights`, problems);
    const bias = numbers(entry.bias, rows, `${what} bias`, problems);
    layers.push({ inputSize: expectedInput, outputSize: rows, weights, bias });
    expectedInput = rows;
  });
  return layers;
}

/** Parses and validates an exported head; throws HeadFormatError listing every problem. */
export function parseHeadJson(text: string, expected: HeadExpectations): PersonalHeadRecord {
  assertHeadFileSize(text.length);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HeadFormatError(['the file is not valid JSON']);
  }
  if (!isRecord(json)) throw new HeadFormatError(['the file is not a JSON object']);
  if (json.format !== HEAD_FILE_FORMAT) throw new HeadFormatError([`the file is not a personal head (format is not "${HEAD_FILE_FORMAT}")`]);
  const problems: string[] = [];
  if (json.formatVersion !== HEAD_FILE_VERSION) problems.push(`format version ${String(json.formatVersion)} is not supported (expected ${HEAD_FILE_VERSION})`);
  if (typeof json.id !== 'string' || json.id.length === 0 || json.id.length > 100) problems.push('id must be a non-empty string');
  if (typeof json.name !== 'string' || json.name.trim().length === 0 || json.name.length > 100) problems.push('name must be a non-empty string of at most 100 characters');
  if (!isPlausibleTimeMs(json.createdAtMs)) problems.push(`createdAtMs must be ${PLAUSIBLE_TIME_TEXT}`);
  if (json.modelVersion !== expected.modelVersion) {
    problems.push(`it was taught on model version ${String(json.modelVersion)}, but this app runs model version ${expected.modelVersion}; teach it again here`);
  }
  if (json.featureSize !== expected.featureSize) problems.push(`it expects ${String(json.featureSize)} features, the model gives ${expected.featureSize}`);
  const accuracyValue = json.validationAccuracy;
  if (accuracyValue !== null && !(typeof accuracyValue === 'number' && accuracyValue >= 0 && accuracyValue <= 1)) {
    problems.push('validationAccuracy must be null or a number between 0 and 1');
  }
  let classes: string[] = [];
  if (!Array.isArray(json.classes) || json.classes.length < 2 || json.classes.length > MAX_CLASSES) {
    problems.push(`classes must list 2 to ${MAX_CLASSES} class names`);
  } else {
    classes = json.classes.map(String);
    for (const name of json.classes) {
      try {
        parseLabel(name as string);
      } catch (error) {
        if (error instanceof LabelError) problems.push(error.message.replace(/\.$/, ''));
        else throw error;
      }
    }
    if (new Set(classes).size !== classes.length) problems.push('classes must not repeat');
  }
  const parametersJson = json.parameters;
  let parameters: HeadParameters = { featureMean: new Float32Array(0), featureScale: new Float32Array(0), layers: [] };
  if (!isRecord(parametersJson)) problems.push('parameters are missing');
  else {
    const featureSize = expected.featureSize;
    parameters = {
      featureMean: numbers(parametersJson.featureMean, featureSize, 'parameters.featureMean', problems),
      featureScale: numbers(parametersJson.featureScale, featureSize, 'parameters.featureScale', problems),
      layers: parseLayers(parametersJson.layers, featureSize, classes.length, problems),
    };
  }
  if (problems.length > 0) throw new HeadFormatError(problems);
  return {
    id: json.id as string,
    name: (json.name as string).trim(),
    createdAtMs: json.createdAtMs as number,
    modelVersion: expected.modelVersion,
    featureSize: expected.featureSize,
    classes,
    parameters,
    validationAccuracy: accuracyValue as number | null,
  };
}

/** Why a stored head cannot run on this model (taught on another version), or null. */
export function headMismatch(head: PersonalHeadRecord, expected: HeadExpectations): string | null {
  if (head.modelVersion !== expected.modelVersion) return `"${head.name}" was taught on model version ${head.modelVersion}; this app runs ${expected.modelVersion}. Teach it again.`;
  if (head.featureSize !== expected.featureSize || head.parameters.featureMean.length !== expected.featureSize) {
    return `"${head.name}" expects ${head.featureSize} features; the model gives ${expected.featureSize}.`;
  }
  return null;
}
