// npm run fuzz:import [-- --seed N --cases N]: throws a few thousand malformed clip archives and
// personal heads at the importers' validators (readClipZip, parseHeadJson) and prints how many
// were rejected, accepted and crashed (threw something other than the validator's own error).
// Exits non-zero on any crash, any case slower than HANG_MS (a hang, for a validator of a few
// kilobytes), anything accepted that does not survive export and import again, or an accepted
// archive of a kind that is corrupt by construction (MUST_REJECT: a wrong CRC, a bomb, a lying size).
import { performance } from 'node:perf_hooks';
import { unzipSync } from 'fflate';
import { buildManifest, clipPaths, readClipZip, writeClipZip, type ClipMetadata } from '../src/core/clip-zip.ts';
import { HeadFormatError, headToJson, parseHeadJson } from '../src/core/personal-head-json.ts';
import type { PersonalHeadRecord } from '../src/core/personal-head-types.ts';
import { Random } from '../src/core/random.ts';
import { loadModelSpec } from './lib/model-files.ts';
import { craftZip, entryOf, zeroStream, type CraftedEntry } from './lib/zip-craft.ts';

const HANG_MS = 2000;
const TIME_BUDGET_MS = 60_000;

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const random = new Random(option('seed', 18));
const casesPerKind = option('cases', 300);

const spec = loadModelSpec();
const { height, width } = spec.input;
const expectations = { modelVersion: spec.version, featureSize: spec.featureSize };

type Outcome = 'rejected' | 'accepted' | 'crashed' | 'unreadable' | 'wronglyAccepted';
interface Tally {
  cases: number;
  rejected: number;
  accepted: number;
  crashed: number;
  unreadable: number;
  wronglyAccepted: number;
  hung: number;
  slowestMs: number;
  example: string | null;
}
const tallies = new Map<string, Tally>();

const pick = <T>(items: readonly T[]): T => items[random.int(0, items.length - 1)];

// ---- archives -------------------------------------------------------------------------------

function goodClips(): { metas: ClipMetadata[]; files: Map<string, Uint8Array> } {
  const metas: ClipMetadata[] = [0, 1, 2].map((index) => ({
    id: `clip-${index}-${random.int(0, 1e6)}`,
    label: pick(['3b_cascade', '2b_continuous', '3b_cascade_too-high', '1b_toss']),
    split: index === 2 ? 'validation' : 'train',
    recordedAtMs: 1_790_000_000_000 + index * 1000,
    durationMs: 300,
    camera: 'Fuzz camera',
    recordingSessionId: index === 2 ? 'session-b' : 'session-a',
    videoMimeType: index === 1 ? 'video/mp4;codecs=avc1' : 'video/webm;codecs=vp8',
    frames: 2 + index,
  }));
  const files = new Map<string, Uint8Array>();
  for (const meta of metas) {
    const paths = clipPaths(meta);
    files.set(paths.video, Uint8Array.from({ length: 200 + random.int(0, 500) }, () => random.int(0, 255)));
    files.set(paths.tensor, Uint8Array.from({ length: 3 * meta.frames * height * width }, (_, index) => (index * 7) & 255));
  }
  return { metas, files };
}

function goodArchive(): Uint8Array {
  const { metas, files } = goodClips();
  return writeClipZip(buildManifest(metas, spec, 1_790_000_100_000), files);
}

/** The good archive as honest crafted entries, to lie about. */
function goodEntries(): CraftedEntry[] {
  return Object.entries(unzipSync(goodArchive())).map(([name, data]) => entryOf(name, data, name.startsWith('videos_')));
}

const BOMBS = [zeroStream(4 * 1024 * 1024), zeroStream(64 * 1024 * 1024), zeroStream(256 * 1024 * 1024)];
const BAD_NAMES = [
  '../evil.bin', 'videos_train/../../x.webm', '/etc/passwd', 'C:/x.bin', 'tensors\\x.bin', 'tensors/a\u0000.bin', 'tensors//a.bin',
  'tensors/./a.bin', '', 'x'.repeat(600), 'manifest.json', 'videos_train/', 'notes/', 'tensors/é.bin', 'videos_train/3b_cascade/\u202e.webm',
  '__MACOSX/._x', '.DS_Store',
];
const WEIRD_VALUES: unknown[] = [
  null, -0, 0, -1, 1e39, -1e308, 2 ** 53 + 1, 0.5, '', 'x'.repeat(5000), '1', true, [], [1, 2], {}, { nested: { deep: [null] } },
  '../x', 'video/webm;codecs=theora', 'text/html', 'video/webm;codecs=', '3b_cascade', '9b_x', 'Three Balls',
];

function mutateValue(value: unknown, depth = 0): unknown {
  if (Array.isArray(value) && value.length > 0 && depth < 4 && random.chance(0.7)) {
    const copy = [...value];
    const index = random.int(0, copy.length - 1);
    const action = random.int(0, 3);
    if (action === 0) copy.splice(index, 1);
    else if (action === 1) copy.push(structuredClone(copy[index]));
    else copy[index] = mutateValue(copy[index], depth + 1);
    return copy;
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && depth < 4 && random.chance(0.8)) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const key = pick(keys);
    if (random.chance(0.15)) delete copy[key];
    else if (random.chance(0.1)) copy[`extra${random.int(0, 9)}`] = pick(WEIRD_VALUES);
    else copy[key] = mutateValue(copy[key], depth + 1);
    return copy;
  }
  return pick(WEIRD_VALUES);
}

/** Kinds whose every archive is corrupt: accepting one is a failure. */
const MUST_REJECT = new Set(['zip: truncated', 'zip: wrong CRC', 'zip: size bomb', 'zip: lying sizes']);

/** Each kind makes one malformed archive. */
const ZIP_KINDS: Record<string, () => Uint8Array> = {
  'zip: truncated': () => {
    const bytes = goodArchive();
    return bytes.subarray(0, random.int(0, bytes.length - 1));
  },
  'zip: flipped bytes': () => {
    const bytes = Uint8Array.from(goodArchive());
    for (let count = random.int(1, 8); count > 0; count--) bytes[random.int(0, bytes.length - 1)] ^= 1 << random.int(0, 7);
    return bytes;
  },
  'zip: wrong CRC': () => {
    const entries = goodEntries();
    const index = random.int(0, entries.length - 1);
    entries[index] = { ...entries[index], crc32: (entries[index].crc32 ^ (1 << random.int(0, 31))) >>> 0 };
    return craftZip(entries);
  },
  'zip: size bomb': () => {
    const entries = goodEntries();
    const index = random.int(0, entries.length - 1);
    entries[index] = { ...entries[index], method: 8, data: pick(BOMBS) };
    return craftZip(entries);
  },
  'zip: lying sizes': () => {
    const entries = goodEntries();
    const index = random.int(0, entries.length - 1);
    const size = entries[index].originalSize;
    entries[index] = { ...entries[index], originalSize: pick([0, 1, size - 1, size + 1, size * 2, 0x7fffffff, 0xfffffffe, 0xffffffff]) };
    return craftZip(entries);
  },
  'zip: bad names': () => {
    const entries = goodEntries();
    const name = pick(BAD_NAMES);
    if (random.chance(0.5)) entries.push(entryOf(name, new Uint8Array(random.int(0, 100))));
    else {
      const index = random.int(0, entries.length - 1);
      entries[index] = { ...entries[index], name };
    }
    return craftZip(entries);
  },
  'zip: bad manifests': () => {
    const entries = goodEntries();
    const index = entries.findIndex((entry) => entry.name === 'manifest.json');
    const manifest = JSON.parse(new TextDecoder().decode(unzipSync(craftZip([entries[index]]))['manifest.json']));
    let text = JSON.stringify(mutateValue(manifest));
    if (random.chance(0.1)) text = text.slice(0, random.int(0, text.length));
    const bytes = random.chance(0.05) ? Uint8Array.from([0xff, 0xfe, ...new TextEncoder().encode(text)]) : new TextEncoder().encode(text);
    entries[index] = entryOf('manifest.json', bytes);
    return craftZip(entries);
  },
  'zip: methods, flags': () => {
    const entries = goodEntries();
    const index = random.int(0, entries.length - 1);
    entries[index] = random.chance(0.5) ? { ...entries[index], method: pick([1, 6, 9, 12, 14, 93, 99]) } : { ...entries[index], flags: pick([1, 8, 0x41]) };
    return craftZip(entries);
  },
};

function zipOutcome(bytes: Uint8Array): Outcome {
  const result = readClipZip(bytes, spec);
  if (result.problems.length > 0) return result.clips.length === 0 ? 'rejected' : 'unreadable';
  // Accepted: it must survive what the app does next, export and import again, byte for byte.
  const metas = result.clips.map((clip) => clip.meta);
  const files = new Map(result.clips.flatMap((clip) => [[clipPaths(clip.meta).video, clip.video], [clipPaths(clip.meta).tensor, clip.tensor]] as const));
  const again = readClipZip(writeClipZip(buildManifest(metas, spec, 1_790_000_200_000), files), spec);
  const same = again.problems.length === 0 && again.clips.length === result.clips.length
    && again.clips.every((clip, index) => equalBytes(clip.tensor, result.clips[index].tensor) && equalBytes(clip.video, result.clips[index].video));
  return same ? 'accepted' : 'unreadable';
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

// ---- heads ----------------------------------------------------------------------------------

function goodHead(): PersonalHeadRecord {
  const featureSize = spec.featureSize;
  const classes = ['3b_cascade', '3b_shower', '2b_continuous'].slice(0, random.int(2, 3));
  const hidden = random.chance(0.5) ? 8 : 0;
  const values = (length: number) => Float32Array.from({ length }, () => random.normal());
  const layers = hidden
    ? [
      { inputSize: featureSize, outputSize: hidden, weights: values(featureSize * hidden), bias: values(hidden) },
      { inputSize: hidden, outputSize: classes.length, weights: values(hidden * classes.length), bias: values(classes.length) },
    ]
    : [{ inputSize: featureSize, outputSize: classes.length, weights: values(featureSize * classes.length), bias: values(classes.length) }];
  return {
    id: `head-${random.int(0, 1e6)}`, name: 'Fuzz head', createdAtMs: 1_790_000_000_000, modelVersion: spec.version, featureSize, classes,
    parameters: { featureMean: values(featureSize), featureScale: values(featureSize), layers }, validationAccuracy: 0.5,
  };
}

const NUMBER_TOKENS = ['NaN', 'Infinity', '-Infinity', '1e39', '-1e39', '3.5e38', '1e400', '-0', 'null', '"1"', 'true', '[]', '{}', '1e-50'];

const HEAD_KINDS: Record<string, () => string> = {
  'head: bad numbers': () => {
    const text = headToJson(goodHead());
    // Replace one number in the arrays with a token that is not a float32 number (or not JSON at all).
    const numbers = [...text.matchAll(/-?\d+\.\d+(e-?\d+)?/g)];
    const match = pick(numbers);
    return text.slice(0, match.index) + pick(NUMBER_TOKENS) + text.slice(match.index! + match[0].length);
  },
  'head: wrong lengths': () => {
    const json = JSON.parse(headToJson(goodHead()));
    const arrays = [json.parameters.featureMean, json.parameters.featureScale, ...json.parameters.layers.flatMap((layer: any) => [layer.weights, layer.bias])];
    const array: number[] = pick(arrays);
    if (random.chance(0.5)) array.splice(0, random.int(1, array.length));
    else array.push(...new Array(random.int(1, 50)).fill(0.5));
    return JSON.stringify(json);
  },
  'head: wrong types, fields': () => JSON.stringify(mutateValue(JSON.parse(headToJson(goodHead())))),
  'head: truncated, garbage': () => {
    const text = headToJson(goodHead());
    return random.chance(0.5) ? text.slice(0, random.int(0, text.length - 1)) : text.replace(/[,:]/, pick(['', ';', '::', ',,']));
  },
};

function headOutcome(text: string): Outcome {
  let head: PersonalHeadRecord;
  try {
    head = parseHeadJson(text, expectations);
  } catch (error) {
    if (error instanceof HeadFormatError) return 'rejected';
    throw error;
  }
  // Accepted: every value a finite float32, and the head exports and imports again unchanged.
  const { parameters } = head;
  const arrays = [parameters.featureMean, parameters.featureScale, ...parameters.layers.flatMap((layer) => [layer.weights, layer.bias])];
  if (!arrays.every((array) => array.every(Number.isFinite))) return 'unreadable';
  try {
    const again = parseHeadJson(headToJson(head), expectations);
    return JSON.stringify(headToJson(again)) === JSON.stringify(headToJson(head)) ? 'accepted' : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

// ---- run ------------------------------------------------------------------------------------

function run<T>(kind: string, make: () => T, outcomeOf: (input: T) => Outcome, deadline: number): void {
  const tally: Tally = { cases: 0, rejected: 0, accepted: 0, crashed: 0, unreadable: 0, wronglyAccepted: 0, hung: 0, slowestMs: 0, example: null };
  tallies.set(kind, tally);
  for (let index = 0; index < casesPerKind && performance.now() < deadline; index++) {
    const input = make();
    const started = performance.now();
    let outcome: Outcome;
    try {
      outcome = outcomeOf(input);
    } catch (error) {
      outcome = 'crashed';
      tally.example ??= String((error as Error)?.stack ?? error).split('\n').slice(0, 3).join(' | ');
    }
    if (outcome === 'accepted' && MUST_REJECT.has(kind)) outcome = 'wronglyAccepted';
    const elapsedMs = performance.now() - started;
    tally.cases += 1;
    tally[outcome] += 1;
    if (outcome === 'unreadable') tally.example ??= 'accepted, but did not survive export and import again';
    if (outcome === 'wronglyAccepted') tally.example ??= 'a corrupt archive was accepted';
    tally.slowestMs = Math.max(tally.slowestMs, elapsedMs);
    if (elapsedMs > HANG_MS) tally.hung += 1;
  }
}

const startedMs = performance.now();
const deadline = startedMs + TIME_BUDGET_MS;
const kindCount = Object.keys(ZIP_KINDS).length + Object.keys(HEAD_KINDS).length;
for (const [kind, make] of Object.entries(ZIP_KINDS)) run(kind, make, zipOutcome, deadline);
for (const [kind, make] of Object.entries(HEAD_KINDS)) run(kind, make, headOutcome, deadline);
const totalMs = performance.now() - startedMs;

const columns = ['kind', 'cases', 'rejected', 'accepted', 'crashed', 'unreadable', 'wrongly accepted', 'hung', 'slowest ms'];
const rows = [...tallies].map(([kind, tally]) => [kind, tally.cases, tally.rejected, tally.accepted, tally.crashed, tally.unreadable, tally.wronglyAccepted, tally.hung, tally.slowestMs.toFixed(1)]);
const sum = (key: 'cases' | 'rejected' | 'accepted' | 'crashed' | 'unreadable' | 'wronglyAccepted' | 'hung') => [...tallies.values()].reduce((total, tally) => total + tally[key], 0);
rows.push(['total', sum('cases'), sum('rejected'), sum('accepted'), sum('crashed'), sum('unreadable'), sum('wronglyAccepted'), sum('hung'), Math.max(...[...tallies.values()].map((tally) => tally.slowestMs)).toFixed(1)]);
const widths = columns.map((column, index) => Math.max(column.length, ...rows.map((row) => String(row[index]).length)));
const line = (cells: readonly unknown[]) => `| ${cells.map((cell, index) => (index === 0 ? String(cell).padEnd(widths[index]) : String(cell).padStart(widths[index]))).join(' | ')} |`;
console.log(line(columns));
console.log(`|${widths.map((width, index) => (index === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`);
for (const row of rows) console.log(line(row));
console.log(`\n${sum('cases')} cases in ${(totalMs / 1000).toFixed(1)} s (seed ${option('seed', 18)}; hang = one case over ${HANG_MS} ms; budget ${TIME_BUDGET_MS / 1000} s).`);
for (const [kind, tally] of tallies) if (tally.example) console.log(`${kind}: ${tally.example}`);

const finishedEveryKind = tallies.size === kindCount && [...tallies.values()].every((tally) => tally.cases === casesPerKind);
if (!finishedEveryKind) console.log(`The time budget ran out before every case ran: treated as a hang.`);
if (sum('crashed') > 0 || sum('unreadable') > 0 || sum('wronglyAccepted') > 0 || sum('hung') > 0 || !finishedEveryKind) process.exit(1);
