// Turns one measured run of a pipeline into the figures of the benchmark table, and prints
// the tables (markdown, so BENCHMARKS.md can take them as they are).
import {
  cpuMsPerPrediction,
  frameToOverlayMs,
  framesMissedByModel,
  memoryGrowth,
  ratio,
  summarize,
  totalBlockingTimeMs,
  type BenchCounters,
  type Growth,
  type LongTask,
  type MemorySample,
  type ShownPrediction,
  type Summary,
} from '../../src/core/bench-stats.ts';

export interface HeapPair {
  readonly usedBytes: number;
  readonly bufferBytes: number;
}

/** Everything read from one pipeline's measuring window. */
export interface RawRun {
  readonly name: string;
  readonly url: string;
  readonly seconds: number;
  readonly modelFps: number;
  readonly windowFrames: number;
  /** Frames per second the fake webcam offers (the clip's rate). */
  readonly offeredFps: number;
  readonly countersStart: BenchCounters;
  readonly countersEnd: BenchCounters;
  readonly shown: readonly ShownPrediction[];
  /** null: no Long Tasks API. */
  readonly longTasks: readonly LongTask[] | null;
  /** CPU time of all the browser's processes over the window, in cores (1 = one core busy); null off Linux. */
  readonly browserCpuCores: number | null;
  /** monotonic = page + offset */
  readonly clockOffsetMs: number;
  readonly clockUncertaintyMs: number;
  readonly pageHeap: readonly (HeapPair & { atMs: number })[];
  readonly workerHeap: readonly (HeapPair & { atMs: number })[];
  /** Resident memory of all the browser's processes (includes ORT's wasm memory, which the V8 heap figures do not). */
  readonly browserRss: readonly MemorySample[];
  /** The same by Chromium process type, to see where growth happens. */
  readonly browserRssByType: readonly { atMs: number; bytes: Record<string, number> }[];
  readonly coldStartMs: number | null;
  readonly cachedStartMs: number | null;
  readonly cachedStartKind: string;
  /** From navigation (cached load) to the first headline naming the clip's ball count and pattern; null: never within the limit. */
  readonly firstRightMs: number | null;
}

export interface RunFigures {
  readonly name: string;
  readonly provider: string;
  readonly threads: number;
  readonly adapter: string | null;
  /** A software (SwiftShader) WebGPU adapter: CPU emulation, not GPU speed. */
  readonly emulated: boolean;
  readonly seconds: number;
  readonly inferenceMs: Summary;
  readonly preprocessMs: Summary;
  /** Of preprocessMs, the locator network's run (empty without a locator). */
  readonly locatorMs: Summary;
  readonly cameraFps: number;
  /** The clip's rate: camera fps in is read against it. */
  readonly offeredFps: number;
  readonly framesSampled: number;
  readonly framesReachedModel: number;
  readonly windowsInferred: number;
  readonly windowsDropped: number;
  readonly windowsQueuedMax: number;
  readonly predictionsPerSecond: number;
  readonly frameToOverlayMs: Summary;
  readonly clockUncertaintyMs: number;
  readonly longTaskCount: number | null;
  readonly longestTaskMs: number | null;
  readonly totalBlockingTimeMs: number | null;
  readonly browserCpuCores: number | null;
  /** Browser CPU-ms per shown prediction (NaN without a CPU reading). */
  readonly cpuMsPerPrediction: number;
  readonly pageHeap: { readonly used: Growth; readonly buffers: Growth };
  readonly workerHeap: { readonly used: Growth; readonly buffers: Growth } | null;
  readonly browserRss: Growth | null;
  /** Growth over the second half of the samples only: the steady state, after warm-up allocations. */
  readonly browserRssLateHalf: Growth | null;
  readonly coldStartMs: number | null;
  readonly cachedStartMs: number | null;
  readonly cachedStartKind: string;
  readonly firstRightMs: number | null;
}

function heapGrowth(samples: readonly (HeapPair & { atMs: number })[]) {
  const series = (pick: (sample: HeapPair) => number): MemorySample[] => samples.map((sample) => ({ atMs: sample.atMs, bytes: pick(sample) }));
  return { used: memoryGrowth(series((sample) => sample.usedBytes)), buffers: memoryGrowth(series((sample) => sample.bufferBytes)) };
}

export function figuresOf(run: RawRun): RunFigures {
  const { countersStart: start, countersEnd: end } = run;
  const framesSampled = end.framesSampled - start.framesSampled;
  const newest = run.shown.map((prediction) => prediction.frameTimestampMs);
  const longDurations = run.longTasks?.map((task) => task.durationMs) ?? null;
  return {
    name: run.name,
    provider: end.provider,
    threads: end.threads,
    adapter: end.adapter,
    emulated: /swiftshader/i.test(end.adapter ?? ''),
    seconds: run.seconds,
    // Windows that could not be read ran no model: they count as shown, not in the timings.
    inferenceMs: summarize(run.shown.filter((prediction) => prediction.inferred !== false).map((prediction) => prediction.inferenceMs)),
    preprocessMs: summarize(run.shown.filter((prediction) => prediction.inferred !== false).map((prediction) => prediction.preprocessMs)),
    locatorMs: summarize(run.shown.filter((prediction) => prediction.inferred !== false && prediction.locatorMs !== undefined).map((prediction) => prediction.locatorMs!)),
    cameraFps: (end.framesReceived - start.framesReceived) / run.seconds,
    offeredFps: run.offeredFps,
    framesSampled,
    framesReachedModel: Math.max(0, framesSampled - framesMissedByModel(newest, run.modelFps, run.windowFrames)),
    windowsInferred: end.windowsInferred - start.windowsInferred,
    windowsDropped: end.windowsDropped - start.windowsDropped,
    windowsQueuedMax: end.windowsQueuedMax,
    // Exact: every prediction shown within the window (the counters above are the worker's once-a-second report).
    predictionsPerSecond: run.shown.length / run.seconds,
    frameToOverlayMs: summarize(frameToOverlayMs(run.shown, run.clockOffsetMs)),
    clockUncertaintyMs: run.clockUncertaintyMs,
    longTaskCount: longDurations?.length ?? null,
    longestTaskMs: longDurations ? (longDurations.length > 0 ? Math.max(...longDurations) : 0) : null,
    totalBlockingTimeMs: longDurations ? totalBlockingTimeMs(longDurations) : null,
    browserCpuCores: run.browserCpuCores,
    cpuMsPerPrediction: cpuMsPerPrediction(run.browserCpuCores, run.seconds, run.shown.length),
    pageHeap: heapGrowth(run.pageHeap),
    workerHeap: run.workerHeap.length > 0 ? heapGrowth(run.workerHeap) : null,
    browserRss: run.browserRss.length > 0 ? memoryGrowth(run.browserRss) : null,
    // Only a soak has enough samples for a second half to say anything.
    browserRssLateHalf: run.browserRss.length >= 8 ? memoryGrowth(run.browserRss.slice(Math.floor(run.browserRss.length / 2))) : null,
    coldStartMs: run.coldStartMs,
    cachedStartMs: run.cachedStartMs,
    cachedStartKind: run.cachedStartKind,
    firstRightMs: run.firstRightMs ?? null,
  };
}

const fixed = (value: number | null, digits = 1) => (value === null || !Number.isFinite(value) ? '–' : value.toFixed(digits));
const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const startEnd = (growth: Growth) => `${megabytes(growth.startBytes)} → ${megabytes(growth.endBytes)}`;

function engine(figures: RunFigures): string {
  if (figures.provider === 'webgpu') return `WebGPU (${figures.emulated ? 'SwiftShader, CPU-emulated' : figures.adapter ?? 'GPU'})`;
  if (figures.provider === 'naive-wasm') return `WASM ${figures.threads} thr, main thread`;
  return `WASM ${figures.threads} thr, worker`;
}

export function liveTable(runs: readonly RunFigures[]): string {
  const lines = [
    '| pipeline | engine | inference ms p50 / p95 | preprocess ms p50 (of it locator) | camera fps in / offered | sampled → reached model | windows dropped | predictions/s | frame→overlay ms p50 / p95 | long tasks (longest ms) | TBT ms | browser CPU (cores) | CPU ms per prediction | cold start s | cached start s | first right headline s |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const run of runs) {
    lines.push(
      `| ${run.name} | ${engine(run)} | ${fixed(run.inferenceMs.p50)} / ${fixed(run.inferenceMs.p95)} | ${fixed(run.preprocessMs.p50)} (${run.locatorMs.count > 0 ? fixed(run.locatorMs.p50) : '–'}) | ${fixed(run.cameraFps)} / ${fixed(run.offeredFps, 0)} (${fixed((100 * run.cameraFps) / run.offeredFps, 0)} %) | ${run.framesSampled} → ${run.framesReachedModel} | ${run.windowsDropped} | ${fixed(run.predictionsPerSecond, 2)} | ${fixed(run.frameToOverlayMs.p50, 0)} / ${fixed(run.frameToOverlayMs.p95, 0)} | ${run.longTaskCount ?? '–'} (${fixed(run.longestTaskMs, 0)}) | ${fixed(run.totalBlockingTimeMs, 0)} | ${fixed(run.browserCpuCores, 2)} | ${fixed(run.cpuMsPerPrediction, 0)} | ${fixed(run.coldStartMs === null ? null : run.coldStartMs / 1000, 2)} | ${fixed(run.cachedStartMs === null ? null : run.cachedStartMs / 1000, 2)} | ${run.firstRightMs === null ? 'never' : fixed(run.firstRightMs / 1000, 2)} |`,
    );
  }
  return lines.join('\n');
}

export function memoryTable(runs: readonly RunFigures[]): string {
  const lines = [
    '| pipeline | page JS heap MB start → end | page ArrayBuffers MB | worker JS heap MB start → end | worker ArrayBuffers MB | JS heap growth MB/min (page + worker) | browser RSS MB start → end | RSS growth MB/min (all / 2nd half) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const run of runs) {
    const slope = (run.pageHeap.used.slopeBytesPerMinute + (run.workerHeap?.used.slopeBytesPerMinute ?? 0)) / 1024 / 1024;
    lines.push(
      `| ${run.name} | ${startEnd(run.pageHeap.used)} | ${startEnd(run.pageHeap.buffers)} | ${run.workerHeap ? startEnd(run.workerHeap.used) : '–'} | ${run.workerHeap ? startEnd(run.workerHeap.buffers) : '–'} | ${slope.toFixed(2)} | ${run.browserRss ? startEnd(run.browserRss) : '–'} | ${run.browserRss ? `${(run.browserRss.slopeBytesPerMinute / 1024 / 1024).toFixed(1)} / ${run.browserRssLateHalf ? (run.browserRssLateHalf.slopeBytesPerMinute / 1024 / 1024).toFixed(1) : '–'}` : '–'} |`,
    );
  }
  return lines.join('\n');
}

/** ours / naive for the figures where the ratio says something. */
export function ratioTable(runs: readonly RunFigures[], naive: RunFigures): string {
  const lines = [
    `| ours / naive (${naive.name}) | inference p50 | frame→overlay p95 | predictions/s | CPU per prediction | long tasks | TBT |`,
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const run of runs) {
    if (run === naive) continue;
    const cells = [
      ratio(run.inferenceMs.p50, naive.inferenceMs.p50),
      ratio(run.frameToOverlayMs.p95, naive.frameToOverlayMs.p95),
      ratio(run.predictionsPerSecond, naive.predictionsPerSecond),
      ratio(run.cpuMsPerPrediction, naive.cpuMsPerPrediction),
      ratio(run.longTaskCount ?? Number.NaN, naive.longTaskCount ?? Number.NaN),
      ratio(run.totalBlockingTimeMs ?? Number.NaN, naive.totalBlockingTimeMs ?? Number.NaN),
    ];
    lines.push(`| ${run.name} | ${cells.map((cell) => (Number.isFinite(cell) ? `${cell.toFixed(2)}×` : '–')).join(' | ')} |`);
  }
  return lines.join('\n');
}
