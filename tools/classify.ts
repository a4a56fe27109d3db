// Classify a Y4M video with the shipped model, exactly as the app does (sampling, preprocessing,
// postprocessing from src/core), in onnxruntime-node.
//   npm run classify -- clip.y4m [--json] [--spec candidate/model.json]
// With a ball detector in model.json, every sampled frame is counted (src/core/ball-counter.ts):
// the count is the tracks', and the JSON adds the throws and catches with their apex heights.
// Make a Y4M from any video: ffmpeg -i in.mp4 -pix_fmt yuv420p out.y4m
import { parseArgs } from 'node:util';
import { parseLabel } from '../src/core/labels.ts';
import { argmax, softmax } from '../src/core/postprocess.ts';
import type { CountedFrame } from '../src/core/ball-counter.ts';
import { RecognitionLoop } from '../src/core/recognition-loop.ts';
import type { TrackerOptions } from '../src/core/ball-tracks.ts';
import type { ModelSpec } from '../src/core/model-spec.ts';
import { cachedInference } from './lib/inference-cache.ts';
import { inferY4m, type ClipInference } from './lib/clip-inference.ts';

export { inferY4m, type ClipInference, type InferredFrame } from './lib/clip-inference.ts';
import { countedCatches, type FinishedRunView } from '../src/core/live-runs.ts';
import { join } from 'node:path';
import { loadModelSpec, MODELS_DIR } from './lib/model-files.ts';
import { Y4mError } from './lib/y4m.ts';

interface WindowResult {
  readonly timeSec: number;
  readonly shown: string | null;
  readonly balls: number;
  readonly top: string;
  readonly topProbability: number;
  /** The tracker's count at this window (null: not sure; absent: no ball detector). */
  readonly trackedBalls?: number | null;
}

function majority<Item>(items: readonly Item[]): Item | null {
  const counts = new Map<Item, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  let best: Item | null = null;
  let bestCount = 0;
  for (const [item, count] of counts) if (count > bestCount) [best, bestCount] = [item, count];
  return best;
}

/**
 * Reads a clip from what the networks saw (inferY4m, or its cache): tracks, catches in a row and
 * the postprocessed headline, exactly as the app does. Pure and quick, so tracker settings can be
 * compared on cached inferences. `onCounted`: each sampled frame's detections and tracker view (tools/track-diagnose.ts).
 */
export function readInference(path: string, inference: ClipInference, spec: ModelSpec, onCounted?: (counted: CountedFrame) => void, trackerOptions?: Partial<TrackerOptions>) {
  // The app's own loop, replaying what the networks saw: no network runs here.
  const loop = new RecognitionLoop(spec, { classify: () => Promise.reject(new Error('a replayed clip runs no classifier')) }, { trackerOptions, runsId: 'clip' });
  const counter = loop.counter;
  const windows: WindowResult[] = [];
  // Catches in a row, as the practice view counts them: the worker's own LiveRuns.
  const liveRuns = loop.runs;
  const finishedRuns = new Map<string, FinishedRunView>();
  for (const frame of inference.frames) {
    const { timestampMs } = frame;
    const counted = loop.trackReplayed(frame.balls, timestampMs);
    if (counted) {
      for (const run of liveRuns?.summary.recent ?? []) finishedRuns.set(run.id, run);
      onCounted?.(counted);
    }
    if (frame.logits === undefined) continue;
    const trackedBalls = counter ? { trackedBalls: counter.state?.ballCount ?? null } : {};
    if (frame.logits === null) {
      loop.showUnreadable();
      windows.push({ timeSec: timestampMs / 1000, shown: null, balls: 0, top: 'unreadable', topProbability: 0, ...trackedBalls });
      continue;
    }
    const probabilities = softmax(Float32Array.from(frame.logits));
    const { display } = loop.show(probabilities);
    const top = argmax(probabilities);
    windows.push({ timeSec: timestampMs / 1000, shown: display.label?.name ?? null, balls: display.balls, top: spec.classes[top], topProbability: probabilities[top], ...trackedBalls });
  }
  if (windows.length === 0) throw new Y4mError(`${path}: too short: the model needs ${spec.input.frames} frames at ${spec.input.fps} fps (${(spec.input.frames / spec.input.fps).toFixed(1)} s)`);
  const label = majority(windows.map((window) => window.shown).filter((name): name is string => name !== null));
  const balls = majority(windows.map((window) => window.balls))!;
  const parsed = label ? parseLabel(label) : null;
  const state = counter?.state;
  const finished = [...finishedRuns.values()];
  const current = liveRuns?.summary.current ?? null;
  const runs = { counted: countedCatches({ current, recent: finished }), finished, going: current?.catches ?? 0 };
  const tracks = state ? { throws: state.throws, catches: state.catches, rhythmSpread: state.rhythmSpread, runs } : null;
  return { file: path, video: inference.video, windows, summary: { balls, pattern: parsed?.pattern ?? null, quality: parsed?.quality ?? null, label }, tracks };
}

export type ClipReading = ReturnType<typeof readInference>;

/**
 * Classifies a Y4M as the app would. With `cacheDir`, what the networks saw is kept there (keyed
 * by the clip's bytes and the model's files) and reused, so a second reading runs no network.
 * `trackerOptions` override the tracker's defaults (tools compare settings with --tracker).
 */
export async function classifyY4m(path: string, specPath = join(MODELS_DIR, 'model.json'), onCounted?: (counted: CountedFrame) => void, cacheDir?: string, trackerOptions?: Partial<TrackerOptions>): Promise<ClipReading> {
  const inference = cacheDir ? await cachedInference(path, specPath, cacheDir, inferY4m) : await inferY4m(path, specPath);
  return readInference(path, inference, loadModelSpec(specPath), onCounted, trackerOptions);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean' }, spec: { type: 'string' } } });
  if (positionals.length !== 1) {
    console.error('usage: npm run classify -- <video.y4m> [--json] [--spec model.json]');
    process.exit(2);
  }
  try {
    const result = await classifyY4m(positionals[0], values.spec);
    if (values.json) {
      console.log(JSON.stringify(result));
      return;
    }
    for (const window of result.windows) {
      console.log(`${window.timeSec.toFixed(2).padStart(7)} s  shown ${String(window.shown ?? '(uncertain)').padEnd(26)} balls ${window.balls}  top ${window.top} ${(window.topProbability * 100).toFixed(0)}%`);
    }
    const { summary } = result;
    console.log(`summary: ${summary.balls} balls, pattern ${summary.pattern ?? '-'}, quality ${summary.label ? summary.quality ?? 'good' : '-'} (${summary.label ?? 'uncertain'})`);
  } catch (error) {
    console.error(`classify: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

if (process.argv[1]?.endsWith('classify.ts')) main();
