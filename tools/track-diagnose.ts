// What the ball detector and tracker see on each juggling clip of a real-footage set: detections
// a frame, tracks, ballistic tracks, throws and catches, and how often each count is shown.
// For finding where counting breaks down (detection, linking, or the count); not a score.
//   npm run track-diagnose -- --spec cand/model.json [--set ../shared/realdev] [--cache dir]
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CountedFrame } from '../src/core/ball-counter.ts';
import { classifyY4m } from './classify.ts';
import { REPO_ROOT } from './lib/model-files.ts';
import { videoToY4m } from './lib/y4m.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { spec: { type: 'string' }, set: { type: 'string' }, cache: { type: 'string' } } });
  if (!values.spec) throw new Error('--spec <candidate model.json with a ballDetector> is required');
  const specPath = resolve(values.spec);
  const set = resolve(values.set ?? join(REPO_ROOT, '..', 'shared', 'realdev'));
  if (!existsSync(join(set, 'manifest.json'))) {
    console.log(`no real-footage set at ${set}: nothing to diagnose`);
    return;
  }
  const manifest = JSON.parse(readFileSync(join(set, 'manifest.json'), 'utf8')) as { clips: { file: string; balls: number }[] };
  const work = mkdtempSync(join(tmpdir(), 'jt-track-diagnose-'));
  console.log('| clip | truth | sampled frames | detections a frame | tracks | ballistic | throws | catches | counts shown (per sampled frame) |\n|---|---:|---:|---:|---:|---:|---:|---:|---|');
  try {
    for (const clip of manifest.clips.filter((entry) => entry.balls > 0)) {
      const y4m = join(work, 'clip.y4m');
      videoToY4m(join(set, clip.file), y4m);
      let frames = 0;
      let detections = 0;
      let last: CountedFrame | null = null;
      const counts = new Map<string, number>();
      await classifyY4m(y4m, specPath, (counted) => {
        frames += 1;
        detections += counted.balls.detections.length;
        const shown = String(counted.state.ballCount ?? 'unsure');
        counts.set(shown, (counts.get(shown) ?? 0) + 1);
        last = counted;
      }, values.cache);
      if (!last) throw new Error(`${specPath} has no ballDetector`);
      const state = (last as CountedFrame).state;
      const shown = [...counts].sort((a, b) => b[1] - a[1]).map(([count, seen]) => `${count}: ${seen}`).join(', ');
      console.log(`| ${clip.file.replace(/^videos\//, '').slice(0, 60)} | ${clip.balls} | ${frames} | ${(detections / Math.max(1, frames)).toFixed(2)} | ${state.tracks.length} | ${state.tracks.filter((track) => track.ballistic).length} | ${state.throws.length} | ${state.catches.length} | ${shown} |`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log('\nTracks, throws and catches are those the tracker still holds at the clip\'s end (its last few seconds).');
}

await main();
