// Child-process entry: renders the one shard the parent sends, then exits.
import { renderShard, type ShardJob } from './shard.ts';

process.once('message', (job) => {
  renderShard(job as ShardJob);
  process.exit(0);
});
