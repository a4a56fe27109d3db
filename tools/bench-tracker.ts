// Benchmark (not a test): the ball tracker's cost per frame, with hands given and with hands
// inferred (as in the app), the count by occupancy alone and with the rhythm (as in the app), on
// the synthetic juggler's ball paths plus 2 false detections a frame.
//   npm run bench:tracker [-- --seconds 40]
// Prints a table and writes bench-results/tracker.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BallTracker, DEFAULT_TRACKER_OPTIONS } from '../src/core/ball-tracks.ts';
import { summarize } from '../src/core/bench-stats.ts';
import { createScene, Random } from '../src/synth/index.ts';
import { REPO_ROOT } from './lib/model-files.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string' } } });
const seconds = Number(values.seconds ?? 40);
const rows = [];
for (const className of ['3b_cascade', '3b_shower', '2b_fountain', '1b_toss']) {
  for (const [withHands, rhythm] of [[true, true], [false, true], [false, false]] as const) {
    const scene = createScene({ className, seed: 900013, width: 320, height: 240, fps: 30 });
    const tracker = new BallTracker({ count: { ...DEFAULT_TRACKER_OPTIONS.count, rhythm } });
    const random = new Random(5);
    const frameMs: number[] = [];
    for (let frame = 0; frame < 30 * seconds; frame++) {
      const timeSec = frame / 30;
      const image = scene.imageAt(timeSec % 12);
      const detections = image.balls.map((ball) => ({ x: ball.x, y: ball.y, score: 0.9 }));
      for (let index = 0; index < 2; index++) detections.push({ x: random.uniform(0, 320), y: random.uniform(0, 240), score: 0.5 });
      const started = performance.now();
      tracker.push({ timeMs: timeSec * 1000, detections, ballRadiusPx: image.balls[0]?.radiusPx ?? 6, ...(withHands ? { hands: image.hands, head: image.head } : {}) });
      frameMs.push(performance.now() - started);
    }
    const summary = summarize(frameMs);
    rows.push({ className, hands: withHands ? 'given' : 'inferred', count: rhythm ? 'occupancy + rhythm' : 'occupancy', frames: frameMs.length, p50Ms: summary.p50, p95Ms: summary.p95, maxMs: summary.max });
  }
}
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length} cores, Node ${process.version}, load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
console.log(`${machine}; ${seconds} s at 30 fps per row\n\n| pattern | hands | count | frames | ms/frame p50 | p95 | max |\n|---|---|---|---:|---:|---:|---:|`);
for (const row of rows) console.log(`| ${row.className} | ${row.hands} | ${row.count} | ${row.frames} | ${row.p50Ms.toFixed(3)} | ${row.p95Ms.toFixed(3)} | ${row.maxMs.toFixed(2)} |`);
mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
writeFileSync(join(REPO_ROOT, 'bench-results', 'tracker.json'), JSON.stringify({ machine, seconds, rows }, null, 2));
