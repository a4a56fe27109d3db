// Benchmark (not a test): the real app in headless Debian Chromium with a fake webcam playing a
// rendered juggling clip, per execution provider, beside a naive main-thread pipeline.
//   npm run bench                       # 30 s per pipeline
//   npm run bench -- --seconds 10       # shorter
//   npm run bench -- --soak             # 10 minutes of the app (WASM, all threads): memory growth
//   npm run bench -- --only wasm1,naive # pick pipelines: wasm1, wasm2, wasm (the app's default), webgpu, naive, demo
//                                       # (demo: the app reading its demo juggler, 1 thread: long tasks with the demo painting)
//   npm run bench -- --busy-core        # with one core kept busy by another process (a loaded machine)
//   npm run bench -- --starts 5         # five cached starts (reloads) per pipeline, each broken down into its steps
//   npm run bench -- --start-only       # only the starts: no live measuring
// Builds dist/ when it is older than the sources, serves it with `vite preview` (COOP/COEP) on a
// free port, prints markdown tables and writes bench-results/app-<date>.json.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { clockOffset, percentile, type MemorySample } from '../src/core/bench-stats.ts';
import { launchApp } from './lib/browser.ts';
import { renderClip } from './lib/webcam-clips.ts';
import {
  freshCounters,
  firstShownMatchingMs,
  firstShownMs,
  HeapReader,
  observeLongTasks,
  readClock,
  readLongTasks,
  pageTimeline,
  readShown,
  serviceWorkerReady,
} from './lib/bench-page.ts';
import { startSteps, summariseStarts, windowFloorMs, type GlobalTimeline, type StartStep } from '../src/core/start-breakdown.ts';
import { browserPid, processTreeCpuSeconds, processTreeRssByType, processTreeRssBytes } from './lib/process-usage.ts';
import { figuresOf, liveTable, memoryTable, ratioTable, type HeapPair, type RawRun, type RunFigures } from './lib/bench-report.ts';
import { loadModelSpec, REPO_ROOT } from './lib/model-files.ts';

interface Pipeline {
  readonly id: string;
  readonly name: string;
  readonly path: string;
  /** The app registers a service worker; the naive page does not. */
  readonly app: boolean;
  /** SwiftShader needs seconds per window: allow for a slow first prediction. */
  readonly firstPredictionTimeoutMs: number;
  /** Run only when named in --only. */
  readonly optIn?: boolean;
}

const PIPELINES: readonly Pipeline[] = [
  { id: 'wasm1', name: 'app, WASM 1 thread', path: '?bench&ep=wasm&threads=1', app: true, firstPredictionTimeoutMs: 90_000 },
  { id: 'wasm2', name: 'app, WASM 2 threads', path: '?bench&ep=wasm&threads=2', app: true, firstPredictionTimeoutMs: 90_000 },
  { id: 'wasm', name: 'app, WASM default threads', path: '?bench&ep=wasm', app: true, firstPredictionTimeoutMs: 90_000 },
  { id: 'naive', name: 'naive, main thread', path: 'bench-naive.html?bench', app: false, firstPredictionTimeoutMs: 90_000 },
  { id: 'webgpu', name: 'app, WebGPU', path: '?bench&ep=webgpu', app: true, firstPredictionTimeoutMs: 240_000 },
  // Not in the default set: it measures the demo juggler's painting, not the camera path.
  { id: 'demo', name: 'app, demo juggler, WASM 1 thread', path: '?bench&ep=wasm&threads=1&demo=3b_cascade', app: true, firstPredictionTimeoutMs: 90_000, optIn: true },
];

const SETTLE_MS = 5_000;
const SOAK_SECONDS = 600;
const SOAK_SAMPLE_MS = 30_000;
const WORKER_NAME = 'inference';
const CLIP_CLASS = '3b_cascade';
const CLIP_SEED = 900013;
/** The clip's frame rate: what the fake webcam offers. */
const CLIP_FPS = 30;
/** Classes whose headline is right for the clip: "3 balls · cascade" (any quality). */
const CLIP_RIGHT_LABEL = '^3b_cascade(_|$)';

function parseArgs(argv: readonly string[]) {
  const options = { seconds: 30, soak: false, busyCore: false, only: null as string[] | null, port: Number(process.env.JT_BENCH_PORT ?? 0), starts: 1, startOnly: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--seconds') options.seconds = Number(value());
    else if (arg === '--soak') options.soak = true;
    else if (arg === '--busy-core') options.busyCore = true;
    else if (arg === '--only') options.only = value().split(',');
    else if (arg === '--port') options.port = Number(value());
    else if (arg === '--starts') options.starts = Number(value());
    else if (arg === '--start-only') options.startOnly = true;
    else throw new Error(`unknown option ${arg} (known: --seconds N, --soak, --busy-core, --only ${PIPELINES.map((pipeline) => pipeline.id).join(',')}, --port N, --starts N, --start-only)`);
  }
  if (!(Number.isInteger(options.starts) && options.starts >= 1)) throw new Error('--starts must be a whole number ≥ 1');
  if (!(options.seconds > 0)) throw new Error('--seconds must be a positive number');
  if (options.soak) {
    options.seconds = SOAK_SECONDS;
    options.only ??= ['wasm'];
  }
  for (const id of options.only ?? []) if (!PIPELINES.some((pipeline) => pipeline.id === id)) throw new Error(`unknown pipeline ${id}`);
  return options;
}

function newestMtimeMs(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtimeMs(join(path, name))));
}

function buildIfNeeded(): void {
  const built = join(REPO_ROOT, 'dist', 'bench-naive.html');
  const sources = ['src', 'models', 'public', 'index.html', 'bench-naive.html', 'vite.config.ts'].map((name) => join(REPO_ROOT, name));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestMtimeMs))) return;
  console.log('building dist/ …');
  const result = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'vite'), ['build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startPreview(port: number): Promise<ChildProcess> {
  const server = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'vite'), ['preview', '--port', String(port), '--strictPort'], { cwd: REPO_ROOT, stdio: 'ignore' });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`vite preview exited (${server.exitCode}); is port ${port} taken?`);
    const ok = await fetch(`http://localhost:${port}/`).then((response) => response.ok, () => false);
    if (ok) return server;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  server.kill();
  throw new Error('vite preview did not start within 30 s');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One cached start: when the first prediction showed, and the steps before it. */
export interface CachedStart {
  readonly firstShownMs: number;
  readonly steps: readonly StartStep[];
  readonly timelines: readonly GlobalTimeline[];
}

/** Reloads the page (from its cache) and waits for the first prediction; the marks tell the steps. */
async function cachedStart(context: BrowserContext, page: Page, pipeline: Pipeline): Promise<CachedStart> {
  await page.reload({ waitUntil: 'commit' });
  const shownMs = await firstShownMs(page, pipeline.firstPredictionTimeoutMs);
  const onPage = await pageTimeline(page);
  const reader = await HeapReader.open(context, page);
  const inWorker = await reader.workerTimeline(WORKER_NAME).finally(() => reader.close());
  const timelines = inWorker ? [onPage, inWorker] : [onPage];
  const steps = [...startSteps(timelines, onPage.timeOrigin), { step: 'first prediction shown', where: 'page' as const, startMs: shownMs, endMs: null }];
  return { firstShownMs: shownMs, steps, timelines };
}

interface MeasureOptions {
  readonly seconds: number;
  readonly soak: boolean;
  readonly starts: number;
  readonly startOnly: boolean;
}

/** A pipeline's starts alone (--start-only). */
interface StartRun {
  readonly name: string;
  readonly url: string;
  readonly coldStartMs: number;
  readonly cachedStarts: readonly CachedStart[];
}

async function measure(pipeline: Pipeline, baseUrl: string, clip: string, options: MeasureOptions): Promise<{ live: RawRun | null; starts: StartRun }> {
  const { seconds, soak } = options;
  const spec = loadModelSpec();
  const launched = await launchApp({ camera: `file:${clip}` });
  try {
    const { context, page } = launched;
    await observeLongTasks(context);
    const url = `${baseUrl}${pipeline.path}`;
    // Empty cache: a fresh profile, nothing downloaded yet.
    await page.goto(url, { waitUntil: 'commit' });
    const coldStartMs = await firstShownMs(page, pipeline.firstPredictionTimeoutMs);
    // Second load: the app from its service-worker precache, the naive page from the HTTP cache.
    if (pipeline.app) await serviceWorkerReady(page);
    const cachedStarts: CachedStart[] = [await cachedStart(context, page, pipeline)];
    const moreStarts = async () => {
      while (cachedStarts.length < options.starts) cachedStarts.push(await cachedStart(context, page, pipeline));
    };
    if (options.startOnly) {
      await moreStarts();
      return { live: null, starts: { name: pipeline.name, url, coldStartMs, cachedStarts } };
    }
    const cachedStartMs = cachedStarts[0].firstShownMs;
    const firstRightMs = await firstShownMatchingMs(page, CLIP_RIGHT_LABEL, pipeline.firstPredictionTimeoutMs);
    await sleep(SETTLE_MS);

    const heaps = await HeapReader.open(context, page);
    const pageHeap: (HeapPair & { atMs: number })[] = [];
    const workerHeap: (HeapPair & { atMs: number })[] = [];
    const browserRss: MemorySample[] = [];
    const browserRssByType: { atMs: number; bytes: Record<string, number> }[] = [];
    const pid = browserPid(clip);
    const sampleHeap = async (atMs: number) => {
      pageHeap.push({ atMs, ...(await heaps.page()) });
      const worker = await heaps.worker(WORKER_NAME);
      if (worker) workerHeap.push({ atMs, ...worker });
      if (pid !== null) {
        browserRss.push({ atMs, bytes: processTreeRssBytes(pid) });
        browserRssByType.push({ atMs, bytes: processTreeRssByType(pid) });
      }
    };
    const clock = await readClock(page);
    await sampleHeap(0);
    const cpuStartSeconds = pid === null ? null : processTreeCpuSeconds(pid);
    const { counters: countersStart, pageMs: startedPageMs } = await freshCounters(page, true);
    const startedMs = Date.now();
    if (soak) {
      while (Date.now() - startedMs < seconds * 1000) {
        await sleep(Math.min(SOAK_SAMPLE_MS, seconds * 1000 - (Date.now() - startedMs)));
        if (Date.now() - startedMs < seconds * 1000) await sampleHeap(Date.now() - startedMs);
      }
    } else {
      await sleep(seconds * 1000);
    }
    const { counters: countersEnd, pageMs: endedPageMs } = await freshCounters(page, false);
    const shown = (await readShown(page)).filter((prediction) => prediction.shownAtMs <= endedPageMs);
    const measuredSeconds = (endedPageMs - startedPageMs) / 1000;
    const browserCpuCores = pid === null || cpuStartSeconds === null ? null : (processTreeCpuSeconds(pid) - cpuStartSeconds) / measuredSeconds;
    const longTasks = (await readLongTasks(page))?.filter((task) => task.startMs >= startedPageMs && task.startMs <= endedPageMs) ?? null;
    await sampleHeap(Date.now() - startedMs);
    const offset = clockOffset([...clock, ...(await readClock(page))]);
    await heaps.close();
    // The further cached starts come after the live window, which they leave as it was.
    await moreStarts();
    const live: RawRun = {
      name: pipeline.name,
      url,
      seconds: measuredSeconds,
      modelFps: spec.input.fps,
      windowFrames: spec.input.frames,
      offeredFps: CLIP_FPS,
      countersStart,
      countersEnd,
      shown,
      longTasks,
      browserCpuCores,
      clockOffsetMs: offset.offsetMs,
      clockUncertaintyMs: offset.uncertaintyMs,
      pageHeap,
      workerHeap,
      browserRss,
      browserRssByType,
      coldStartMs,
      cachedStartMs,
      cachedStartKind: pipeline.app ? 'service-worker cache' : 'HTTP cache (no service worker)',
      firstRightMs,
    };
    return { live, starts: { name: pipeline.name, url, coldStartMs, cachedStarts } };
  } catch (error) {
    console.error(`${pipeline.name} failed: ${(error as Error).message}\n${launched.logs.slice(-15).join('\n')}`);
    throw error;
  } finally {
    await launched.close();
  }
}

const fixed0 = (value: number | null) => (value === null || !Number.isFinite(value) ? '–' : value.toFixed(0));

/** One pipeline's cached starts as a markdown table: each step's median start, end and duration. */
function startTable(run: StartRun): string {
  const totals = run.cachedStarts.map((start) => start.firstShownMs);
  const median = percentile(totals, 0.5);
  const lines = [
    `**${run.name}**: cached start ${totals.map((total) => (total / 1000).toFixed(2)).join(', ')} s (median ${(median / 1000).toFixed(2)} s); cold start ${(run.coldStartMs / 1000).toFixed(2)} s`,
    '',
    '| step | where | starts at ms | ends at ms | takes ms |',
    '|---|---|---:|---:|---:|',
  ];
  for (const step of summariseStarts(run.cachedStarts.map((start) => start.steps))) {
    const end = step.durationMs === null ? null : step.startMs + step.durationMs;
    lines.push(`| ${step.step}${step.count < run.cachedStarts.length ? ` (${step.count} of ${run.cachedStarts.length})` : ''} | ${step.where} | ${fixed0(step.startMs)} | ${fixed0(end)} | ${fixed0(step.durationMs)} |`);
  }
  return lines.join('\n');
}

function machine(): string {
  return `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length} cores, Node ${process.version}, Chromium ${spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^Chromium /, '')}`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const pipelines = PIPELINES.filter((pipeline) => options.only?.includes(pipeline.id) ?? !pipeline.optIn);
  buildIfNeeded();
  const clipDirectory = mkdtempSync(join(tmpdir(), 'jt-bench-clip-'));
  const clip = renderClip(clipDirectory, CLIP_CLASS, CLIP_SEED, 'train', CLIP_FPS);
  const port = options.port || (await freePort());
  const server = await startPreview(port);
  // --busy-core: another process spins on one core for the whole run, as a loaded machine's would.
  const busy = options.busyCore ? spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }) : null;
  const raw: RawRun[] = [];
  const starts: StartRun[] = [];
  const failures: { name: string; error: string }[] = [];
  try {
    for (const pipeline of pipelines) {
      console.log(`${pipeline.name}: ${options.startOnly ? '' : `${options.seconds} s, `}${options.starts} cached start${options.starts > 1 ? 's' : ''} …`);
      try {
        const measured = await measure(pipeline, `http://localhost:${port}/`, clip, options);
        if (measured.live) raw.push(measured.live);
        starts.push(measured.starts);
      } catch (error) {
        failures.push({ name: pipeline.name, error: (error as Error).message });
      }
    }
  } finally {
    busy?.kill();
    server.kill();
    rmSync(clipDirectory, { recursive: true, force: true });
  }
  const figures: RunFigures[] = raw.map(figuresOf);
  const date = new Date().toISOString();
  const header = `${date.slice(0, 16).replace('T', ' ')} UTC; ${machine()}; clip ${CLIP_CLASS} seed ${CLIP_SEED} 320×240 @ ${CLIP_FPS} fps (4 s, looped); ${options.startOnly ? 'starts only' : `${options.seconds} s per pipeline`}${options.soak ? ' (soak)' : ''}; ${options.starts} cached start${options.starts > 1 ? 's' : ''} each${options.busyCore ? '; one core kept busy by another process' : ''}; load average ${spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.split(' ').slice(0, 3).join(' ')}`;
  console.log(`\n${header}`);
  if (figures.length > 0) console.log(`\n${liveTable(figures)}\n\n${memoryTable(figures)}`);
  const naive = figures.find((run) => run.provider === 'naive-wasm');
  if (naive && figures.length > 1) console.log(`\n${ratioTable(figures, naive)}`);
  const spec = loadModelSpec();
  const floorMs = windowFloorMs(spec.input.frames, spec.input.fps);
  console.log(`\nCached starts, step by step (ms since navigation; medians over the starts). Floor once frames flow: the first window needs ${spec.input.frames} frames at ${spec.input.fps} fps = ${fixed0(floorMs)} ms from the first frame to the window filled.`);
  for (const run of starts) console.log(`\n${startTable(run)}`);
  for (const failure of failures) console.log(`\n${failure.name}: FAILED (${failure.error})`);
  mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
  const out = join(REPO_ROOT, 'bench-results', `app-${options.soak ? 'soak-' : ''}${date.replace(/[:.]/g, '-')}.json`);
  const startSummaries = starts.map((run) => ({ name: run.name, coldStartMs: run.coldStartMs, cachedStartsMs: run.cachedStarts.map((start) => start.firstShownMs), steps: summariseStarts(run.cachedStarts.map((start) => start.steps)) }));
  writeFileSync(out, JSON.stringify({ date, machine: machine(), header, options, figures, failures, startFloorMs: floorMs, starts: startSummaries, raw, rawStarts: starts }, null, 2));
  console.log(`\nwrote ${out}`);
  if (failures.length > 0) process.exitCode = 1;
}

await main();
