// Child-process entry: renders the shard given as JSON in argv[2].
import { renderShard, type ShardJob } from './shard.ts';

renderShard(JSON.parse(process.argv[2]) as ShardJob);
