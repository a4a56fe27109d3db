// One dataset shard: clips back to back in `shard-<n>.u8`, their labels in `shard-<n>.json`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorldStyle } from '../../src/synth/index.ts';
import { renderClipTensor } from './clips.ts';
import { loadModelSpec } from './model-files.ts';

export interface ShardJob {
  readonly out: string;
  readonly shardIndex: number;
  readonly items: readonly { className: string; seed: number }[];
  readonly style: WorldStyle;
  /** model.json whose input contract (size, fps, crop rule) the clips are preprocessed for; the shipped one when absent. */
  readonly specPath?: string;
}

/** Renders one shard: `<out>/shard-<n>.u8` (clips back to back) + `shard-<n>.json` (labels). */
export function renderShard(job: ShardJob): void {
  const spec = loadModelSpec(job.specPath);
  const clipSize = 3 * spec.input.frames * spec.input.height * spec.input.width;
  const data = new Uint8Array(clipSize * job.items.length);
  job.items.forEach((item, index) => data.set(renderClipTensor(item.className, item.seed, spec.input, job.style).tensor, index * clipSize));
  const name = `shard-${String(job.shardIndex).padStart(4, '0')}`;
  writeFileSync(join(job.out, `${name}.u8`), data);
  // The label file is written last: its presence marks a complete shard.
  writeFileSync(join(job.out, `${name}.json`), JSON.stringify({ clipShape: [3, spec.input.frames, spec.input.height, spec.input.width], labels: job.items.map((item) => item.className), seeds: job.items.map((item) => item.seed) }));
}

