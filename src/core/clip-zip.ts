// The clip archive: recorded clips exported as one zip (and imported back, or cut into training
// shards by `tools/render.ts from-zip`), laid out like SenseKit's datasets so other tools can
// read it too. The full format is in docs/clip-zip.md:
//   videos_train/<label>/<id>.<webm|mp4>    the encoded video of a training clip
//   videos_valid/<label>/<id>.<webm|mp4>    … of a validation clip
//   tensors/<id>.bin                        raw uint8 [3][frames][height][width], the model-ready frames
//   manifest.json                           format, tensor layout, one entry per clip (written last)
// Reading validates everything (zip structure, names, path traversal, labels, sizes, duplicates,
// the tensor contract of the shipped model, then each entry's real size and CRC-32, see
// zip-reader.ts) before anything is returned: all or nothing.
import { Zip, ZipDeflate, ZipPassThrough, strToU8, strFromU8 } from 'fflate';
import { LabelError, parseLabel } from './labels.ts';
import type { ModelSpec } from './model-spec.ts';
import type { Split } from './clip-split.ts';
import { isPlausibleTimeMs, PLAUSIBLE_TIME_TEXT } from './plausible-time.ts';
import { videoExtension, videoTypeProblem } from './video-types.ts';
import { readZipDirectory, readZipEntry, type ZipEntry } from './zip-reader.ts';

export const CLIP_ZIP_FORMAT = 'juggling-trainer-clips';
export const CLIP_ZIP_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';

/** Split → top folder (SenseKit's names). */
export const SPLIT_FOLDER: Record<Split, string> = { train: 'videos_train', validation: 'videos_valid' };

export interface ManifestTensorLayout {
  readonly dtype: 'uint8';
  /** Channels, frames, height, width: byte (c·frames + t)·height·width + y·width + x. */
  readonly layout: 'CTHW';
  readonly channels: 3;
  readonly height: number;
  readonly width: number;
  readonly fps: number;
  /** Bytes 0–255; the model input is bytes / 255. */
  readonly range: readonly [0, 255];
}

export interface ManifestClip {
  readonly id: string;
  readonly label: string;
  readonly split: Split;
  readonly recordedAtMs: number;
  readonly durationMs: number;
  readonly camera: string;
  readonly recordingSessionId: string;
  readonly videoMimeType: string;
  /** Zip path of the video, e.g. videos_train/3b_cascade/<id>.webm. */
  readonly video: string;
  /** Zip path of the tensor: tensors/<id>.bin. */
  readonly tensor: string;
  readonly frames: number;
}

export interface ClipManifest {
  readonly format: typeof CLIP_ZIP_FORMAT;
  readonly version: typeof CLIP_ZIP_VERSION;
  readonly exportedAtMs: number;
  /** Version of the shipped model when exported (informative: tensors depend on the preprocessing, not the weights). */
  readonly modelVersion: string;
  readonly tensor: ManifestTensorLayout;
  readonly clips: readonly ManifestClip[];
}

/** A clip's metadata as stored (ClipRecord in src/storage/db.ts) plus its tensor's frame count. */
export type ClipMetadata = Omit<ManifestClip, 'video' | 'tensor'>;

/** Largest zip file, and largest sum of its entries' sizes unpacked (what an import holds in memory). */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;
/** Largest single entry unpacked: a 10-minute clip's tensor (3 × 9000 × 64 × 64 bytes) fits, a 300 MB video does not. */
export const MAX_ENTRY_BYTES = 128 * 1024 * 1024;
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

export interface ClipZipLimits {
  /** Largest zip file, and largest sum of the entries' uncompressed sizes. */
  readonly maxTotalBytes: number;
  /** Largest entry, uncompressed. */
  readonly maxEntryBytes: number;
  readonly maxEntries: number;
  readonly maxManifestBytes: number;
  /** Longest clip, in tensor frames. */
  readonly maxFrames: number;
  /** Problems listed at most (the count of the rest is added). */
  readonly maxProblems: number;
}

export const DEFAULT_LIMITS: ClipZipLimits = {
  maxTotalBytes: MAX_IMPORT_BYTES,
  maxEntryBytes: MAX_ENTRY_BYTES,
  maxEntries: 20_000,
  maxManifestBytes: MAX_MANIFEST_BYTES,
  maxFrames: 15 * 600,
  maxProblems: 100,
};

/** Ids (clips, recording sessions): what crypto.randomUUID makes, and any other short plain name. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function clipPaths(clip: Pick<ClipMetadata, 'id' | 'label' | 'split' | 'videoMimeType'>): { video: string; tensor: string } {
  const extension = videoExtension(clip.videoMimeType) ?? 'webm';
  return { video: `${SPLIT_FOLDER[clip.split]}/${clip.label}/${clip.id}.${extension}`, tensor: `tensors/${clip.id}.bin` };
}

export function tensorLayout(spec: ModelSpec): ManifestTensorLayout {
  const { height, width, fps } = spec.input;
  return { dtype: 'uint8', layout: 'CTHW', channels: 3, height, width, fps, range: [0, 255] };
}

export function buildManifest(clips: readonly ClipMetadata[], spec: ModelSpec, exportedAtMs: number): ClipManifest {
  return {
    format: CLIP_ZIP_FORMAT,
    version: CLIP_ZIP_VERSION,
    exportedAtMs,
    modelVersion: spec.version,
    tensor: tensorLayout(spec),
    clips: clips.map((clip) => ({
      id: clip.id,
      label: clip.label,
      split: clip.split,
      recordedAtMs: clip.recordedAtMs,
      durationMs: clip.durationMs,
      camera: clip.camera,
      recordingSessionId: clip.recordingSessionId,
      videoMimeType: clip.videoMimeType,
      ...clipPaths(clip),
      frames: clip.frames,
    })),
  };
}

/**
 * Writes an archive as a stream of chunks: each clip's video (stored: already compressed) and
 * tensor (deflated) as they come, then the manifest, which must name exactly the files added.
 * One pass over the clips, each read once (the manifest needs their frame counts).
 */
export class ClipZipWriter {
  private readonly zip: Zip;
  private failure: Error | null = null;
  private readonly added = new Set<string>();

  constructor(onChunk: (chunk: Uint8Array) => void) {
    this.zip = new Zip((error, chunk) => {
      if (error) this.failure = error;
      else onChunk(chunk);
    });
  }

  /** Adds a clip's video or tensor (paths from clipPaths). */
  add(path: string, data: Uint8Array): void {
    const reason = unsafeNameReason(path);
    if (reason) throw new Error(reason);
    if (path === MANIFEST_PATH || this.added.has(path)) throw new Error(`${path} was added twice`);
    this.added.add(path);
    this.put(path, data, !path.startsWith('videos_'));
  }

  /** Writes the manifest and the zip's directory. */
  finish(manifest: ClipManifest): void {
    const named = new Set(manifest.clips.flatMap((clip) => [clip.video, clip.tensor]));
    const missing = [...named].filter((path) => !this.added.has(path));
    const extra = [...this.added].filter((path) => !named.has(path));
    if (missing.length > 0) throw new Error(`missing from the archive: ${missing.slice(0, 3).join(', ')}`);
    if (extra.length > 0) throw new Error(`not in the manifest: ${extra.slice(0, 3).join(', ')}`);
    this.put(MANIFEST_PATH, strToU8(JSON.stringify(manifest, null, 1)), true);
    this.zip.end();
    if (this.failure) throw this.failure;
  }

  private put(path: string, data: Uint8Array, deflate: boolean): void {
    const file = deflate ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    this.zip.add(file);
    file.push(data, true);
    if (this.failure) throw this.failure;
  }
}

/** The whole archive in one array (tests, tools). */
export function writeClipZip(manifest: ClipManifest, files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const chunks: Uint8Array[] = [];
  const writer = new ClipZipWriter((chunk) => chunks.push(chunk));
  for (const clip of manifest.clips) {
    writer.add(clip.video, files.get(clip.video) ?? new Uint8Array());
    writer.add(clip.tensor, files.get(clip.tensor) ?? new Uint8Array());
  }
  writer.finish(manifest);
  return concatBytes(chunks);
}

/** The chunks one after another, in one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export interface ReadClip {
  readonly meta: ClipMetadata;
  readonly video: Uint8Array;
  readonly tensor: Uint8Array;
}

/** How far the contents check (step 4 of readClipZip) has come: entries read and their unpacked bytes. */
export interface ZipCheckProgress {
  readonly entriesChecked: number;
  readonly entriesTotal: number;
  readonly bytesChecked: number;
  readonly bytesTotal: number;
}

export interface ClipZipReadResult {
  /** Everything wrong, for people; empty when the archive is good. */
  readonly problems: readonly string[];
  /** The clips, only when there are no problems (all or nothing). */
  readonly clips: readonly ReadClip[];
  readonly manifest: ClipManifest | null;
}

/** Why an entry name is unsafe or malformed (null when it is fine). */
export function unsafeNameReason(name: string): string | null {
  if (name.length === 0) return 'an entry has an empty name';
  const shown = JSON.stringify(name.length > 120 ? `${name.slice(0, 120)}…` : name);
  if (name.length > 512) return `${shown}: the name is longer than 512 characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return `${shown}: the name contains control characters`;
  if (name.includes('\\')) return `${shown}: backslashes are not allowed in names (use /)`;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return `${shown}: absolute paths are not allowed`;
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.includes('..')) return `${shown}: path traversal ("..") is not allowed`;
  if (segments.some((segment) => segment === '' || segment === '.')) return `${shown}: empty or "." path segments are not allowed`;
  return null;
}

/** Entries other tools add when re-zipping (macOS Finder); ignored. */
function isJunk(name: string): boolean {
  return name.startsWith('__MACOSX/') || name === '.DS_Store' || name.endsWith('/.DS_Store');
}

const DIRECTORY = /^(videos_train|videos_valid)\/([^/]+\/)?$|^tensors\/$/;

class Problems {
  private readonly list: string[] = [];
  private extra = 0;
  constructor(private readonly max: number) {}
  add(problem: string): void {
    if (this.list.length < this.max) this.list.push(problem);
    else this.extra += 1;
  }
  get count(): number {
    return this.list.length + this.extra;
  }
  result(): string[] {
    return this.extra > 0 ? [...this.list, `… and ${this.extra} more problems`] : [...this.list];
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** A clip whose metadata and declared sizes are good, its entries still to be read. */
interface PendingClip {
  readonly meta: ClipMetadata;
  readonly video: ZipEntry;
  readonly tensor: ZipEntry;
}

const megabytes = (count: number) => `${Math.round(count / 1024 / 1024)} MB`;

/** The entries worth reading, by name; every bad name, method or size is a problem. */
function checkEntries(entries: readonly ZipEntry[], limits: ClipZipLimits, problems: Problems): Map<string, ZipEntry> {
  const seen = new Set<string>();
  const files = new Map<string, ZipEntry>();
  for (const entry of entries) {
    const reason = unsafeNameReason(entry.name);
    if (reason) {
      problems.add(`Unsafe entry ${reason}.`);
      continue;
    }
    if (seen.has(entry.name)) {
      problems.add(`"${entry.name}" appears more than once in the archive.`);
      continue;
    }
    seen.add(entry.name);
    if (isJunk(entry.name) || DIRECTORY.test(entry.name)) continue;
    if (entry.name.endsWith('/')) {
      problems.add(`Unexpected folder "${entry.name}" (only ${SPLIT_FOLDER.train}/, ${SPLIT_FOLDER.validation}/ and tensors/ belong in the archive).`);
      continue;
    }
    if (entry.compression !== 0 && entry.compression !== 8) {
      problems.add(`"${entry.name}" uses compression method ${entry.compression}; only stored and deflate are supported.`);
      continue;
    }
    if (entry.encrypted) {
      problems.add(`"${entry.name}" is encrypted; export the archive without a password.`);
      continue;
    }
    if (entry.originalSize > limits.maxEntryBytes) {
      problems.add(`"${entry.name}" unpacks to ${megabytes(entry.originalSize)}; one file in an archive may be at most ${megabytes(limits.maxEntryBytes)}.`);
      continue;
    }
    files.set(entry.name, entry);
  }
  return files;
}

/** Why a file of `fileBytes` is too large to import (null when it is not): checked before the file is read. */
export function fileSizeProblem(fileBytes: number, limits: ClipZipLimits = DEFAULT_LIMITS): string | null {
  return fileBytes > limits.maxTotalBytes ? `The file is ${megabytes(fileBytes)}; at most ${megabytes(limits.maxTotalBytes)} can be imported.` : null;
}

/**
 * Reads and validates an archive against the shipped model's contract. Never throws on bad input.
 * `onProgress` hears after the manifest and after each entry inflated and checked (the slow part).
 */
export function readClipZip(
  bytes: Uint8Array,
  spec: ModelSpec,
  limits: ClipZipLimits = DEFAULT_LIMITS,
  onProgress: (progress: ZipCheckProgress) => void = () => undefined,
): ClipZipReadResult {
  const problems = new Problems(limits.maxProblems);
  const fail = (): ClipZipReadResult => ({ problems: problems.result(), clips: [], manifest: null });
  const tooLarge = fileSizeProblem(bytes.length, limits);
  if (tooLarge) {
    problems.add(tooLarge);
    return fail();
  }

  // 1. The directory only (nothing is decompressed yet): names, duplicates, declared sizes.
  const directory = readZipDirectory(bytes);
  if (directory.problem !== null) {
    problems.add(`The file is not a readable zip archive (${directory.problem}).`);
    return fail();
  }
  const entries = directory.entries;
  if (entries.length > limits.maxEntries) {
    problems.add(`The archive has ${entries.length} entries; at most ${limits.maxEntries} are allowed.`);
    return fail();
  }
  const totalBytes = entries.reduce((sum, entry) => sum + entry.originalSize, 0);
  if (totalBytes > limits.maxTotalBytes) {
    problems.add(`The archive unpacks to ${megabytes(totalBytes)}; at most ${megabytes(limits.maxTotalBytes)} can be imported.`);
    return fail();
  }
  const files = checkEntries(entries, limits, problems);
  const manifestEntry = files.get(MANIFEST_PATH);
  if (!manifestEntry) {
    problems.add(`The archive has no ${MANIFEST_PATH} at its top level (is it an archive exported by this app?).`);
    return fail();
  }
  if (manifestEntry.originalSize > limits.maxManifestBytes) {
    problems.add(`${MANIFEST_PATH} is ${megabytes(manifestEntry.originalSize)}; at most ${megabytes(limits.maxManifestBytes)} is allowed.`);
    return fail();
  }

  // 2. The manifest: the only entry read before every name and size is known to be good.
  const manifestBytes = readZipEntry(bytes, manifestEntry);
  if (manifestBytes.problem !== null) {
    problems.add(`The archive is damaged: ${manifestBytes.problem}.`);
    return fail();
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(strFromU8(manifestBytes.data));
  } catch (error) {
    problems.add(`${MANIFEST_PATH} is not valid JSON (${(error as Error).message}).`);
    return fail();
  }
  if (!isObject(manifest)) {
    problems.add(`${MANIFEST_PATH} is not a JSON object.`);
    return fail();
  }
  if (manifest.format !== CLIP_ZIP_FORMAT) problems.add(`${MANIFEST_PATH}: "format" is ${JSON.stringify(manifest.format)}, not "${CLIP_ZIP_FORMAT}".`);
  if (manifest.version !== CLIP_ZIP_VERSION) {
    problems.add(`${MANIFEST_PATH}: format version ${JSON.stringify(manifest.version)} is not supported (this app reads version ${CLIP_ZIP_VERSION}).`);
  }
  const expectedLayout = tensorLayout(spec);
  const layout = manifest.tensor;
  if (!isObject(layout)) {
    problems.add(`${MANIFEST_PATH}: "tensor" (the tensor layout) is missing.`);
  } else {
    if (layout.dtype !== 'uint8' || layout.layout !== 'CTHW' || layout.channels !== 3) {
      problems.add(`${MANIFEST_PATH}: tensors must be uint8, CTHW, 3 channels (found ${JSON.stringify(layout.dtype)}, ${JSON.stringify(layout.layout)}, ${JSON.stringify(layout.channels)}).`);
    }
    for (const key of ['height', 'width', 'fps'] as const) {
      if (layout[key] !== expectedLayout[key]) {
        problems.add(`${MANIFEST_PATH}: tensor ${key} is ${JSON.stringify(layout[key])}, but the model (version ${spec.version}) needs ${expectedLayout[key]}.`);
      }
    }
  }
  if (!Array.isArray(manifest.clips)) {
    problems.add(`${MANIFEST_PATH}: "clips" must be a list.`);
    return fail();
  }

  // 3. Every clip: metadata, paths, and its entries' declared sizes (still nothing inflated).
  const planeBytes = 3 * expectedLayout.height * expectedLayout.width;
  const ids = new Set<string>();
  const referenced = new Set<string>([MANIFEST_PATH]);
  const pending: PendingClip[] = [];
  manifest.clips.forEach((raw: unknown, index: number) => {
    const before = problems.count;
    const where = isObject(raw) && typeof raw.id === 'string' ? `clip ${index + 1} (${raw.id.slice(0, 64)})` : `clip ${index + 1}`;
    const bad = (what: string) => problems.add(`${where}: ${what.replace(/\.$/, '')}.`);
    if (!isObject(raw)) return bad('is not a JSON object');
    const { id, label, split, recordedAtMs, durationMs, camera, recordingSessionId, videoMimeType, video, tensor, frames } = raw;
    if (typeof id !== 'string' || !ID.test(id)) bad(`"id" must be 1–64 letters, digits, - or _ (found ${JSON.stringify(id)})`);
    else if (ids.has(id)) bad('the same id appears more than once');
    else ids.add(id);
    if (typeof label !== 'string') bad('"label" is missing');
    else {
      try {
        parseLabel(label);
      } catch (error) {
        if (!(error instanceof LabelError)) throw error;
        bad(error.message);
      }
    }
    if (split !== 'train' && split !== 'validation') bad(`"split" must be "train" or "validation" (found ${JSON.stringify(split)})`);
    if (!isPlausibleTimeMs(recordedAtMs)) bad(`"recordedAtMs" must be ${PLAUSIBLE_TIME_TEXT} (found ${JSON.stringify(recordedAtMs)})`);
    if (!finite(durationMs) || durationMs <= 0 || durationMs > 3_600_000) bad('"durationMs" must be a positive duration up to an hour');
    if (typeof camera !== 'string' || camera.length > 256) bad('"camera" must be text of at most 256 characters');
    if (typeof recordingSessionId !== 'string' || !ID.test(recordingSessionId)) bad('"recordingSessionId" must be 1–64 letters, digits, - or _');
    const typeProblem = videoTypeProblem(videoMimeType);
    if (typeProblem) bad(typeProblem);
    if (!Number.isInteger(frames) || (frames as number) < 2 || (frames as number) > limits.maxFrames) {
      bad(`"frames" must be a whole number from 2 to ${limits.maxFrames} (found ${JSON.stringify(frames)})`);
    }
    if (problems.count > before) return;
    const meta: ClipMetadata = {
      id: id as string, label: label as string, split: split as Split, recordedAtMs: recordedAtMs as number, durationMs: durationMs as number,
      camera: camera as string, recordingSessionId: recordingSessionId as string, videoMimeType: videoMimeType as string, frames: frames as number,
    };
    const paths = clipPaths(meta);
    if (video !== paths.video) bad(`"video" must be "${paths.video}" (found ${JSON.stringify(video)})`);
    if (tensor !== paths.tensor) bad(`"tensor" must be "${paths.tensor}" (found ${JSON.stringify(tensor)})`);
    if (problems.count > before) return;
    referenced.add(paths.video);
    referenced.add(paths.tensor);
    const videoEntry = files.get(paths.video);
    const tensorEntry = files.get(paths.tensor);
    if (!videoEntry) bad(`its video ${paths.video} is not in the archive`);
    else if (videoEntry.originalSize === 0) bad(`its video ${paths.video} is empty`);
    if (!tensorEntry) bad(`its tensor ${paths.tensor} is not in the archive`);
    else if (tensorEntry.originalSize !== planeBytes * meta.frames) {
      bad(`tensor ${paths.tensor} has ${tensorEntry.originalSize} bytes, but 3 × ${meta.frames} frames × ${expectedLayout.height} × ${expectedLayout.width} = ${planeBytes * meta.frames} are needed`);
    }
    if (problems.count > before || !videoEntry || !tensorEntry) return;
    pending.push({ meta, video: videoEntry, tensor: tensorEntry });
  });
  for (const name of files.keys()) {
    if (!referenced.has(name)) problems.add(`"${name}" is not listed in ${MANIFEST_PATH}.`);
  }
  if (problems.count > 0) return fail();

  // 4. The contents, only now: each entry inflated to at most its declared size, and its CRC-32 checked.
  const clips: ReadClip[] = [];
  const entriesTotal = 1 + 2 * pending.length;
  const bytesTotal = pending.reduce((sum, clip) => sum + clip.video.originalSize + clip.tensor.originalSize, manifestEntry.originalSize);
  let entriesChecked = 1;
  let bytesChecked = manifestEntry.originalSize;
  onProgress({ entriesChecked, entriesTotal, bytesChecked, bytesTotal });
  const checked = (entry: ZipEntry) => {
    entriesChecked += 1;
    bytesChecked += entry.originalSize;
    onProgress({ entriesChecked, entriesTotal, bytesChecked, bytesTotal });
  };
  for (const { meta, video, tensor } of pending) {
    const videoBytes = readZipEntry(bytes, video);
    checked(video);
    const tensorBytes = readZipEntry(bytes, tensor);
    checked(tensor);
    if (videoBytes.problem !== null) problems.add(`clip ${meta.id}: ${videoBytes.problem}.`);
    if (tensorBytes.problem !== null) problems.add(`clip ${meta.id}: ${tensorBytes.problem}.`);
    if (videoBytes.data && tensorBytes.data) clips.push({ meta, video: videoBytes.data, tensor: tensorBytes.data });
  }
  if (problems.count > 0) return fail();
  return { problems: [], clips, manifest: manifest as unknown as ClipManifest };
}
