// Pure statistics for the live benchmark (tools/bench-app.ts): percentiles, total blocking
// time, memory growth, clock alignment and how many sampled frames reached the model.
// Kept DOM-free so Node tests can check the arithmetic the benchmark tables rest on.

/** One prediction as it reached the screen, recorded by the page-side probe (?bench). */
export interface ShownPrediction {
  /** Capture time of the newest frame in the window, on the clock named by frameClock. */
  readonly frameTimestampMs: number;
  /**
   * 'monotonic': VideoFrame.timestamp from MediaStreamTrackProcessor, which Chromium stamps on
   * the system monotonic clock (CLOCK_MONOTONIC, not performance.now()); 'page': the page's
   * performance.now() clock (requestVideoFrameCallback's captureTime).
   */
  readonly frameClock: 'monotonic' | 'page';
  /** performance.now() of the page when the overlay committed this prediction to the DOM. */
  readonly shownAtMs: number;
  readonly inferenceMs: number;
  readonly preprocessMs: number;
  /** Of preprocessMs, the locator network's run; absent without a locator. */
  readonly locatorMs?: number;
  /** The class shown (null: "Not sure yet…"), to time the first right headline. */
  readonly label: string | null;
  /** False for a window too many of whose frames were missing: shown ("Not sure yet…"), but no model ran. */
  readonly inferred: boolean;
}

export interface LongTask {
  readonly startMs: number;
  readonly durationMs: number;
}

export interface Summary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly mean: number;
  readonly max: number;
}

/** The Long Tasks API threshold: a main-thread task longer than this blocks input. */
export const LONG_TASK_THRESHOLD_MS = 50;

/** Percentile by linear interpolation between closest ranks (numpy's default); NaN for no values. */
export function percentile(values: readonly number[], fraction: number): number {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`fraction must be in [0, 1], got ${fraction}`);
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

export function summarize(values: readonly number[]): Summary {
  const count = values.length;
  const mean = count === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / count;
  const max = count === 0 ? Number.NaN : Math.max(...values);
  return { count, p50: percentile(values, 0.5), p95: percentile(values, 0.95), mean, max };
}

/** Total blocking time: the part of each long task beyond 50 ms, summed (Lighthouse's definition). */
export function totalBlockingTimeMs(durationsMs: readonly number[]): number {
  return durationsMs.reduce((sum, duration) => sum + Math.max(0, duration - LONG_TASK_THRESHOLD_MS), 0);
}

export interface MemorySample {
  readonly atMs: number;
  readonly bytes: number;
}

export interface Growth {
  readonly startBytes: number;
  readonly endBytes: number;
  readonly deltaBytes: number;
  /** Least-squares slope over all samples, so one garbage collection does not decide it. */
  readonly slopeBytesPerMinute: number;
}

export function memoryGrowth(samples: readonly MemorySample[]): Growth {
  if (samples.length === 0) throw new RangeError('memoryGrowth needs at least one sample');
  const first = samples[0];
  const last = samples[samples.length - 1];
  let slope = 0;
  if (samples.length > 1) {
    const meanTime = samples.reduce((sum, sample) => sum + sample.atMs, 0) / samples.length;
    const meanBytes = samples.reduce((sum, sample) => sum + sample.bytes, 0) / samples.length;
    let covariance = 0;
    let variance = 0;
    for (const sample of samples) {
      covariance += (sample.atMs - meanTime) * (sample.bytes - meanBytes);
      variance += (sample.atMs - meanTime) ** 2;
    }
    slope = variance === 0 ? 0 : (covariance / variance) * 60_000;
  }
  return { startBytes: first.bytes, endBytes: last.bytes, deltaBytes: last.bytes - first.bytes, slopeBytesPerMinute: slope };
}

/** One reading of the page clock bracketed by two readings of the reference clock. */
export interface ClockReading {
  readonly referenceBeforeMs: number;
  readonly pageMs: number;
  readonly referenceAfterMs: number;
}

export interface ClockOffset {
  /** reference = page + offsetMs */
  readonly offsetMs: number;
  /** Half the round trip of the reading used: the offset is exact to within this. */
  readonly uncertaintyMs: number;
}

/** The offset from the reading with the shortest round trip (the tightest bracket). */
export function clockOffset(readings: readonly ClockReading[]): ClockOffset {
  if (readings.length === 0) throw new RangeError('clockOffset needs at least one reading');
  let best = readings[0];
  for (const reading of readings) {
    if (reading.referenceAfterMs - reading.referenceBeforeMs < best.referenceAfterMs - best.referenceBeforeMs) best = reading;
  }
  const roundTripMs = best.referenceAfterMs - best.referenceBeforeMs;
  if (roundTripMs < 0) throw new RangeError('a clock reading ends before it starts');
  return { offsetMs: (best.referenceBeforeMs + best.referenceAfterMs) / 2 - best.pageMs, uncertaintyMs: roundTripMs / 2 };
}

/**
 * Frame-to-overlay latency of each shown prediction. `monotonicMinusPageMs` converts the page
 * clock to the monotonic clock (from clockOffset); predictions stamped on the page clock need none.
 */
export function frameToOverlayMs(shown: readonly ShownPrediction[], monotonicMinusPageMs: number): number[] {
  return shown.map((prediction) =>
    prediction.frameClock === 'monotonic'
      ? prediction.shownAtMs + monotonicMinusPageMs - prediction.frameTimestampMs
      : prediction.shownAtMs - prediction.frameTimestampMs,
  );
}

/**
 * Sampled frames that no inferred window contained. A window holds the last `windowFrames`
 * sampled frames (at `fps`); when the newest frames of two consecutive inferred windows lie n
 * sampled frames apart, n - windowFrames frames in between were never seen (0 when windows overlap).
 */
export function framesMissedByModel(newestFrameTimestampsMs: readonly number[], fps: number, windowFrames: number): number {
  if (!(fps > 0) || !(windowFrames > 0)) throw new RangeError('fps and windowFrames must be > 0');
  let missed = 0;
  for (let index = 1; index < newestFrameTimestampsMs.length; index++) {
    const apart = Math.round(((newestFrameTimestampsMs[index] - newestFrameTimestampsMs[index - 1]) * fps) / 1000);
    missed += Math.max(0, apart - windowFrames);
  }
  return missed;
}

/**
 * Browser CPU time per shown prediction, in CPU-milliseconds: `cores` (CPU-seconds per second of
 * all the browser's processes) over `seconds`, divided among `predictions`. NaN when either is missing.
 */
export function cpuMsPerPrediction(cores: number | null, seconds: number, predictions: number): number {
  if (cores === null || !Number.isFinite(cores) || !(seconds > 0) || !(predictions > 0)) return Number.NaN;
  return (cores * seconds * 1000) / predictions;
}

/** a / b, or NaN when either is missing or b is 0. */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : Number.NaN;
}

/** Cumulative pipeline counters the page-side probe reports (ours from PipelineStats, the naive page its own). */
export interface BenchCounters {
  /** 'wasm' or 'webgpu' for the app; 'naive-wasm' for the main-thread comparison page. */
  readonly provider: string;
  readonly threads: number;
  readonly adapter: string | null;
  /** Camera frames that reached the pipeline. */
  readonly framesReceived: number;
  /** Frames kept at the model's fps. */
  readonly framesSampled: number;
  readonly windowsInferred: number;
  /** Windows skipped because the model was busy (the naive page never skips: 0). */
  readonly windowsDropped: number;
  /** Largest number of windows waiting for the model at once (the naive page's queue; 0 for the app). */
  readonly windowsQueuedMax: number;
}

/** What the ?bench probe puts on the page as window.__jtBench (src/platform/bench-probe.ts). */
export interface BenchProbe {
  readonly shown: ShownPrediction[];
  counters(): BenchCounters | null;
  /** Forgets what was recorded so far (the benchmark's measuring window starts now). */
  clear(): void;
}
