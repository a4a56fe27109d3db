// One dataset shard: clips back to back in `shard-<n>.u8`, their labels in `shard-<n>.json`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocatorInputShape } from '../../src/core/model-spec.ts';
import type { ModelSpec } from '../../src/core/model-spec.ts';
import type { WorldStyle } from '../../src/synth/index.ts';
import { renderClipTensor, renderLocatorSample } from './clips.ts';
import { loadModelSpec, MODELS_DIR } from './model-files.ts';
import { loadNodeLocator } from './onnx-node.ts';

export interface ShardJob {
  readonly out: string;
  readonly shardIndex: number;
  readonly items: readonly { className: string; seed: number }[];
  readonly style: WorldStyle;
  /** model.json whose input contract (size, fps, crop rule) the clips are preprocessed for; the shipped one when absent. */
  readonly specPath?: string;
  /** Render the juggling locator's samples (its input and the box it should find) instead of classifier clips. */
  readonly locator?: LocatorInputShape;
}

/** Renders one shard: `<out>/shard-<n>.u8` (clips back to back) + `shard-<n>.json` (labels). */
export async function renderShard(job: ShardJob): Promise<void> {
  const spec = loadModelSpec(job.specPath);
  if (job.locator) return renderLocatorShard(job, spec, job.locator);
  const clipSize = 3 * spec.input.frames * spec.input.height * spec.input.width;
  const data = new Uint8Array(clipSize * job.items.length);
  const locate = spec.input.crop.locator ? await loadNodeLocator(spec.input.crop.locator, job.specPath ?? join(MODELS_DIR, 'model.json')) : undefined;
  for (const [index, item] of job.items.entries()) data.set((await renderClipTensor(item.className, item.seed, spec.input, job.style, locate)).tensor, index * clipSize);
  writeShard(job.out, job.shardIndex, data, { clipShape: classifierClipShape(spec), labels: job.items.map((item) => item.className), seeds: job.items.map((item) => item.seed) });
}

/** What a shard's .json holds: the shape of one clip and a label per clip, and whatever else its kind records. */
export interface ShardMeta {
  readonly clipShape: readonly number[];
  readonly labels: readonly string[];
  readonly [more: string]: unknown;
}

/** `shard-0007`: shard 7's file name without its extension. */
export function shardName(shardIndex: number): string {
  return `shard-${String(shardIndex).padStart(4, '0')}`;
}

/** A classifier clip's shape in a shard: [3, frames, height, width], the model's input window. */
export function classifierClipShape(spec: ModelSpec): number[] {
  return [3, spec.input.frames, spec.input.height, spec.input.width];
}

/** Writes `<out>/shard-<n>.u8` (the clips back to back), then `shard-<n>.json` (the labels). */
export function writeShard(out: string, shardIndex: number, data: Uint8Array, meta: ShardMeta): void {
  const name = shardName(shardIndex);
  writeFileSync(join(out, `${name}.u8`), data);
  // The label file is written last: its presence marks a complete shard.
  writeFileSync(join(out, `${name}.json`), JSON.stringify(meta));
}

/** A locator shard: `<out>/shard-<n>.u8` (locator inputs back to back) + `shard-<n>.json` (labels and boxes). */
function renderLocatorShard(job: ShardJob, spec: ModelSpec, locator: LocatorInputShape): void {
  const sampleSize = locator.frames * 3 * locator.size * locator.size;
  const data = new Uint8Array(sampleSize * job.items.length);
  const boxes = job.items.map((item, index) => {
    const sample = renderLocatorSample(item.className, item.seed, spec.input, locator, job.style);
    data.set(sample.bytes, index * sampleSize);
    return sample.box;
  });
  writeShard(job.out, job.shardIndex, data, { clipShape: [locator.frames * 3, locator.size, locator.size], labels: job.items.map((item) => item.className), seeds: job.items.map((item) => item.seed), boxes });
}
