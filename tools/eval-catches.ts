// The catch counter on rendered clips whose catches are known (the renderer's routine): each clip
// is read end to end through classify's one loop (sampling, locator, ball detector, tracks) and
// the tracker's states go through the worker's LiveRuns (classify counts them). A table per clip (caught, counted,
// runs and how each ended) and the share of clips within one catch of the truth.
//   npm run eval:catches -- --spec candidate/model.json [--seeds 2] [--seconds 10] [--seed 960000] [--json out.json] [--cache dir] [--lead-in 1.5] [--tracker '{"name": value}']
// Seeds from 960000 up were never used for training. A model without a ball detector has no tracks: it says so and stops.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createScene, type WorldStyle } from '../src/synth/index.ts';
import { classifyY4m } from './classify.ts';
import { parseTrackerOverride } from './lib/inference-cache.ts';
import { REPO_ROOT } from './lib/model-files.ts';
import { Y4mWriter } from './lib/y4m.ts';

const CLASSES = ['3b_cascade', '3b_shower', '2b_continuous', '1b_toss', '3b_cascade_drop'];
const STYLES: readonly WorldStyle[] = ['train', 'shifted'];
const FRAME_RATES = [15, 30];

interface CatchRow {
  readonly clip: string;
  readonly caught: number;
  readonly counted: number;
  readonly runs: readonly string[];
  /** A drop clip: did a run end on the drop? (null: no drop in the clip) */
  readonly dropEnded: boolean | null;
  readonly within: boolean;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: Object.fromEntries(['spec', 'seeds', 'seconds', 'seed', 'json', 'cache', 'lead-in', 'tracker'].map((name) => [name, { type: 'string' as const }])) });
  const specPath = resolve(values.spec ?? join(REPO_ROOT, 'models', 'model.json'));
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as { version: string; ballDetector?: unknown };
  if (!spec.ballDetector) {
    console.log(`${specPath} (${spec.version}) has no ball detector: no tracks, no catches to count`);
    return;
  }
  const seeds = Number(values.seeds ?? 2);
  const seconds = Number(values.seconds ?? 10);
  const firstSeed = Number(values.seed ?? 960000);
  // --lead-in S: every clip from the routine's first throw, after S seconds of the juggler standing
  // ready (the first frame held), as a run starts in front of an app already watching. Without it,
  // clips start inside the steady pattern: a run the counter joins late.
  const leadInSec = Number(values['lead-in'] ?? 0);
  if (!(leadInSec >= 0)) throw new Error('--lead-in must be seconds, 0 or more');
  const work = mkdtempSync(join(tmpdir(), 'jt-eval-catches-'));
  const rows: CatchRow[] = [];
  const total = CLASSES.length * STYLES.length * FRAME_RATES.length * seeds;
  try {
    for (const className of CLASSES) {
      for (const style of STYLES) {
        for (const fps of FRAME_RATES) {
          for (let index = 0; index < seeds; index++) {
            const seed = firstSeed + rows.length;
            const scene = createScene({ className, seed, width: 320, height: 240, fps, style });
            // A drop clip from the start, so the run before the drop is in it; others inside the steady pattern.
            const startSec = className.endsWith('_drop') || leadInSec > 0 ? 0 : scene.steadyStartSec();
            const out = join(work, `${className}-${seed}.y4m`);
            const writer = new Y4mWriter(out, { width: 320, height: 240, fps });
            const frames = Math.round(seconds * fps);
            const leadInFrames = Math.round(leadInSec * fps);
            const standing = leadInFrames > 0 ? scene.frameAt(0).slice() : null;
            for (let frame = 0; frame < leadInFrames; frame++) writer.writeRgba(standing!);
            for (let frame = 0; frame < frames; frame++) writer.writeRgba(scene.frameAt(startSec + frame / fps));
            writer.close();
            const truth = scene.catchTruth(startSec, startSec + frames / fps);
            let read: Awaited<ReturnType<typeof classifyY4m>>;
            try {
              read = await classifyY4m(out, specPath, undefined, values.cache, parseTrackerOverride(values.tracker));
            } finally {
              rmSync(out, { force: true });
            }
            const { counted, finished, going: current } = read.tracks!.runs;
            const dropInside = truth.dropSec >= startSec && truth.dropSec < startSec + frames / fps;
            const dropEnded = dropInside ? finished.some((run) => run.end === 'drop' && Math.abs(run.endMs / 1000 - (truth.dropSec - startSec + leadInSec)) < 1) : null;
            rows.push({
              clip: `${className} ${style} ${fps} fps seed ${seed}`,
              caught: truth.catchesSec.length,
              counted,
              runs: [...finished.map((run) => `${run.catches} (${run.end})`), ...(current > 0 ? [`${current} (going on)`] : [])],
              dropEnded,
              within: Math.abs(counted - truth.catchesSec.length) <= 1 && dropEnded !== false,
            });
            process.stderr.write(`\r${rows.length}/${total} clips`);
          }
        }
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    process.stderr.write('\n');
  }
  console.log(`Catches on rendered clips (${seconds} s, 320×240), model ${specPath} (${spec.version})\n`);
  console.log('| clip | caught | counted | runs (catches, how it ended) | drop ended the run | within ±1 |\n|---|---:|---:|---|---|---|');
  for (const row of rows) console.log(`| ${row.clip} | ${row.caught} | ${row.counted} | ${row.runs.join(', ') || '–'} | ${row.dropEnded === null ? '–' : row.dropEnded ? 'yes' : 'no'} | ${row.within ? 'yes' : 'no'} |`);
  const within = rows.filter((row) => row.within).length;
  console.log(`\nWithin one catch of the truth (and the drop ending its run): ${within} / ${rows.length} clips (${((within / rows.length) * 100).toFixed(0)} %)`);
  if (values.json) writeFileSync(values.json, JSON.stringify({ model: spec.version, seconds, rows }, null, 2));
}

await main();
