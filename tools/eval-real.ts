// The real-footage check: every clip of a folder of real camera videos with ball counts counted by
// eye (manifest.json, as ../shared/realdev has), converted with ffmpeg and read by the shipped
// pipeline exactly as `npm run classify` reads a file (src/core sampling, preprocessing,
// postprocessing). For evaluation and model choice only: never train on these clips.
//   npm run eval:real [-- --set ../shared/realdev] [--spec candidate/model.json] [--json out.json] [--only substring] [--cache dir] [--tracker '{"name": value}']
// Prints a per-clip table (truth, answer, share of windows per count), recall per ball count and how
// often nobody-juggling clips read as juggling. --cache keeps what the networks saw (tools/lib/inference-cache.ts). Exits 0 with one line when the folder is absent.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseLabel } from '../src/core/labels.ts';
import { median } from '../src/core/ball-count.ts';
import type { CountedFrame } from '../src/core/ball-counter.ts';
import { classifyY4m } from './classify.ts';
import { parseTrackerOverride } from './lib/inference-cache.ts';
import { videoToY4m } from './lib/y4m.ts';
import { REPO_ROOT } from './lib/model-files.ts';
import { summariseRealClips, realReport, type RealClipResult, type RealManifestClip } from './lib/real-report.ts';

const DEFAULT_SET = resolve(REPO_ROOT, '..', 'shared', 'realdev');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { set: { type: 'string' }, json: { type: 'string' }, only: { type: 'string' }, spec: { type: 'string' }, cache: { type: 'string' }, tracker: { type: 'string' } } });
  const specPath = resolve(values.spec ?? join(REPO_ROOT, 'models', 'model.json'));
  const set = resolve(values.set ?? DEFAULT_SET);
  const manifestPath = join(set, 'manifest.json');
  if (!existsSync(manifestPath)) {
    console.log(`eval:real: skipped, no real footage at ${set} (a folder with manifest.json and videos/)`);
    return;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { clips: RealManifestClip[] };
  const clips = manifest.clips.filter((clip) => !values.only || clip.file.includes(values.only));
  const work = mkdtempSync(join(tmpdir(), 'jt-eval-real-'));
  const results: RealClipResult[] = [];
  try {
    for (const [index, clip] of clips.entries()) {
      const y4m = join(work, `clip-${index}.y4m`);
      try {
        videoToY4m(join(set, clip.file), y4m);
        // Each throw's peak against the head (a model with a pose network), by its track: the last value the tracker gave it.
        const peaks = new Map<number, number>();
        const notePeaks = (counted: CountedFrame) => {
          for (const entry of counted.state.throws) if (entry.apexAboveHeadRadii !== null) peaks.set(entry.trackId, entry.apexAboveHeadRadii);
        };
        const read = await classifyY4m(y4m, specPath, notePeaks, values.cache, parseTrackerOverride(values.tracker));
        // What the headline says in each window: its class's ball count, or null ("Not sure yet…").
        const counts = read.windows.map((window) => (window.shown === null ? null : parseLabel(window.shown).balls));
        results.push({ clip, counts, error: null, ...(read.tracks ? { catches: read.tracks.runs.counted } : {}), ...(peaks.size > 0 ? { peakAboveEyesRadii: median([...peaks.values()])! } : {}) });
      } catch (error) {
        results.push({ clip, counts: [], error: (error as Error).message });
      } finally {
        rmSync(y4m, { force: true });
      }
      process.stderr.write(`\r${index + 1}/${clips.length} clips`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    process.stderr.write('\n');
  }
  const summary = summariseRealClips(results);
  console.log(realReport(summary, `${set}, model ${specPath} (${JSON.parse(readFileSync(specPath, 'utf8')).version})`));
  if (values.json) writeFileSync(values.json, JSON.stringify(summary, null, 2));
}

await main();
