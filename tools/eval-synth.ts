// Ball counting on rendered clips, scored exactly as the real-footage check scores real clips
// (tools/lib/real-report.ts): each clip is read end to end by the shipped pipeline (classify's
// path: sampling, locator, ball detector and tracks when the model has them, postprocessing).
//   npm run eval:synth [-- --style train|shifted] [--clips-per-count 6] [--seed 950000] [--fps 30] [--spec candidate/model.json] [--json out.json] [--cache dir] [--tracker '{"name": value}']
// Seeds from 950000 up were never used for training.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CATALOG, parseLabel } from '../src/core/labels.ts';
import { createScene, Random, WORLD_STYLES, type WorldStyle } from '../src/synth/index.ts';
import { classifyY4m } from './classify.ts';
import { parseTrackerOverride } from './lib/inference-cache.ts';
import { REPO_ROOT } from './lib/model-files.ts';
import { realReport, summariseRealClips, type RealClipResult } from './lib/real-report.ts';
import { Y4mWriter } from './lib/y4m.ts';

/**
 * Classes a person doing this count could show: the catalog's, without the empty room (nobody is
 * "juggling 0") and without drops (a drop clip starts 1.5 s before the ball falls, so most of it
 * shows somebody picking up, not a pattern of that many balls; the real set's counts are of
 * running patterns too).
 */
function classesWith(balls: number): string[] {
  return CATALOG.filter((name) => parseLabel(name).balls === balls && name !== '0b_empty' && parseLabel(name).quality !== 'drop');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: Object.fromEntries(['style', 'clips-per-count', 'seed', 'fps', 'seconds', 'spec', 'json', 'cache', 'tracker'].map((name) => [name, { type: 'string' as const }])) });
  const style = (values.style ?? 'train') as WorldStyle;
  if (!WORLD_STYLES.includes(style)) throw new Error(`--style must be one of ${WORLD_STYLES.join(', ')}`);
  const perCount = Number(values['clips-per-count'] ?? 6);
  const firstSeed = Number(values.seed ?? 950000);
  const fps = Number(values.fps ?? 30);
  const seconds = Number(values.seconds ?? 5);
  const specPath = resolve(values.spec ?? join(REPO_ROOT, 'models', 'model.json'));
  const work = mkdtempSync(join(tmpdir(), 'jt-eval-synth-'));
  const random = new Random(firstSeed);
  const results: RealClipResult[] = [];
  try {
    for (let balls = 0; balls <= 3; balls++) {
      for (let index = 0; index < perCount; index++) {
        const className = random.pick(classesWith(balls));
        const seed = firstSeed + balls * 1000 + index;
        const scene = createScene({ className, seed, width: 320, height: 240, fps, style });
        const out = join(work, `${className}-${seed}.y4m`);
        const writer = new Y4mWriter(out, { width: 320, height: 240, fps });
        const start = scene.steadyStartSec();
        for (let frame = 0; frame < Math.round(seconds * fps); frame++) writer.writeRgba(scene.frameAt(start + frame / fps));
        writer.close();
        try {
          const read = await classifyY4m(out, specPath, undefined, values.cache, parseTrackerOverride(values.tracker));
          results.push({ clip: { file: `${className} seed ${seed}`, balls, scored: true }, counts: read.windows.map((window) => (window.shown === null ? null : parseLabel(window.shown).balls)), error: null });
        } catch (error) {
          results.push({ clip: { file: `${className} seed ${seed}`, balls, scored: true }, counts: [], error: (error as Error).message });
        } finally {
          rmSync(out, { force: true });
        }
        process.stderr.write(`\r${results.length}/${4 * perCount} clips`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    process.stderr.write('\n');
  }
  const summary = summariseRealClips(results);
  console.log(realReport(summary, `rendered, style ${style}, ${fps} fps, ${seconds} s clips, seeds ${firstSeed}+; model ${specPath} (${JSON.parse(readFileSync(specPath, 'utf8')).version})`).replace(/^Real footage: /, 'Synthetic clips: '));
  if (values.json) writeFileSync(values.json, JSON.stringify(summary, null, 2));
}

await main();
