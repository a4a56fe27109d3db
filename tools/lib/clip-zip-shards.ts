// The clips a user exported from the app's Dataset view (docs/clip-zip.md) as classifier shards
// for `training/train.py --clips`: each archive is read and checked against the model contract by
// the app's own importer (readClipZip), every clip is cut into the model's windows (windowStarts at
// spec.stride, clipWindowBytes), and the windows are written by split in the format
// `render dataset` writes (writeShard), into <out>/train/ and <out>/validation/.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { concatBytes, fileSizeProblem, readClipZip, type ReadClip } from '../../src/core/clip-zip.ts';
import type { Split } from '../../src/core/clip-split.ts';
import { clipWindowBytes, windowStarts, type ClipFrames } from '../../src/core/clip-windows.ts';
import type { ModelSpec } from '../../src/core/model-spec.ts';
import { classifierClipShape, writeShard } from './shard.ts';

export const SPLITS: readonly Split[] = ['train', 'validation'];

export interface ClipZipShardsJob {
  readonly zips: readonly string[];
  readonly out: string;
  readonly spec: ModelSpec;
  /** Windows per shard at most. */
  readonly shardSize: number;
  readonly log: (line: string) => void;
}

export interface ClipZipShardsResult {
  /** Everything wrong with the archives or the output folder; nothing was written when there is any. */
  readonly problems: readonly string[];
  /** Windows written per split. */
  readonly windows: Readonly<Record<Split, number>>;
}

interface Archive {
  readonly path: string;
  readonly clips: readonly ReadClip[];
}

/** Reads and checks every archive, then (only when all are good) writes their windows as shards. */
export function clipZipsToShards(job: ClipZipShardsJob): ClipZipShardsResult {
  const problems = SPLITS.flatMap((split) => existingShardsProblem(join(job.out, split)) ?? []);
  const archives: Archive[] = [];
  for (const path of job.zips) {
    const result = readArchive(path, job.spec);
    problems.push(...result.problems.map((problem) => `${path}: ${problem}`));
    archives.push({ path, clips: result.clips });
  }
  if (problems.length > 0) return { problems, windows: { train: 0, validation: 0 } };
  const clips = archives.flatMap((archive) => learnableClips(archive, job.spec, job.log));
  const windows = { train: 0, validation: 0 };
  for (const split of SPLITS) {
    windows[split] = writeSplitShards(clips.filter((clip) => clip.meta.split === split), join(job.out, split), job);
  }
  return { problems: [], windows };
}

/** Why a folder cannot take new shards (it already holds some), or null. */
function existingShardsProblem(folder: string): string | null {
  if (!existsSync(folder)) return null;
  const shards = readdirSync(folder).filter((name) => /^shard-\d+\.(json|u8)$/.test(name));
  return shards.length > 0 ? `${folder} already holds shards (${shards.length} files); write into a new folder or delete them first` : null;
}

/** One archive through the app's importer checks (readClipZip: all or nothing). */
function readArchive(path: string, spec: ModelSpec): { problems: readonly string[]; clips: readonly ReadClip[] } {
  let bytes: Uint8Array;
  try {
    const tooLarge = fileSizeProblem(statSync(path).size);
    if (tooLarge) return { problems: [tooLarge], clips: [] };
    bytes = readFileSync(path);
  } catch (error) {
    return { problems: [`cannot be read (${(error as Error).message})`], clips: [] };
  }
  return readClipZip(bytes, spec);
}

/** The archive's clips the model can learn from; one line each for the labels it does not know and the clips shorter than a window. */
function learnableClips(archive: Archive, spec: ModelSpec, log: (line: string) => void): ReadClip[] {
  const name = basename(archive.path);
  const unknown = new Set(archive.clips.map((clip) => clip.meta.label).filter((label) => !spec.classes.includes(label)));
  if (unknown.size > 0) log(`${name}: skipped clips labelled ${[...unknown].sort().join(', ')} (not in the model's classes)`);
  const known = archive.clips.filter((clip) => !unknown.has(clip.meta.label));
  const short = known.filter((clip) => windowStarts(clip.meta.frames, spec.input.frames, spec.stride).length === 0);
  if (short.length > 0) log(`${name}: skipped clips shorter than a window (${spec.input.frames} frames): ${short.map((clip) => clip.meta.id).join(', ')}`);
  return known.filter((clip) => !short.includes(clip));
}

/** Writes every window of the clips into `folder`, `shardSize` windows a shard; returns how many. */
function writeSplitShards(clips: readonly ReadClip[], folder: string, job: ClipZipShardsJob): number {
  mkdirSync(folder, { recursive: true });
  const { frames, height, width } = job.spec.input;
  let pending: { bytes: Uint8Array; label: string; clip: string; start: number }[] = [];
  let shardIndex = 0;
  let written = 0;
  const flush = () => {
    if (pending.length === 0) return;
    writeShard(folder, shardIndex++, concatBytes(pending.map((window) => window.bytes)), {
      clipShape: classifierClipShape(job.spec),
      labels: pending.map((window) => window.label),
      clips: pending.map((window) => window.clip),
      starts: pending.map((window) => window.start),
    });
    written += pending.length;
    pending = [];
  };
  for (const { meta, tensor } of clips) {
    const clip: ClipFrames = { frames: meta.frames, height, width, data: tensor };
    for (const start of windowStarts(meta.frames, frames, job.spec.stride)) {
      pending.push({ bytes: clipWindowBytes(clip, start, frames), label: meta.label, clip: meta.id, start });
      if (pending.length === job.shardSize) flush();
    }
  }
  flush();
  return written;
}
