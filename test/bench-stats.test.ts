// The arithmetic under the benchmark tables (src/core/bench-stats.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clockOffset,
  cpuMsPerPrediction,
  frameToOverlayMs,
  framesMissedByModel,
  memoryGrowth,
  percentile,
  ratio,
  summarize,
  totalBlockingTimeMs,
} from '../src/core/bench-stats.ts';

test('percentile interpolates between closest ranks and ignores input order', () => {
  const values = [40, 10, 30, 20, 50];
  assert.equal(percentile(values, 0), 10);
  assert.equal(percentile(values, 0.5), 30);
  assert.equal(percentile(values, 1), 50);
  assert.equal(percentile(values, 0.95), 48);
  assert.equal(percentile([7], 0.95), 7);
  assert.ok(Number.isNaN(percentile([], 0.5)));
  assert.throws(() => percentile(values, 1.5), /fraction/);
  // The input is not reordered in place.
  assert.deepEqual(values, [40, 10, 30, 20, 50]);
});

test('summarize gives count, p50, p95, mean and max', () => {
  const values = Array.from({ length: 101 }, (_, index) => index);
  assert.deepEqual(summarize(values), { count: 101, p50: 50, p95: 95, mean: 50, max: 100 });
  assert.equal(summarize([]).count, 0);
});

test('total blocking time counts only the part of each task beyond 50 ms', () => {
  assert.equal(totalBlockingTimeMs([]), 0);
  assert.equal(totalBlockingTimeMs([30, 50]), 0);
  assert.equal(totalBlockingTimeMs([51, 120, 49]), 1 + 70);
});

test('memory growth: delta and least-squares slope per minute', () => {
  const flat = memoryGrowth([
    { atMs: 0, bytes: 100 },
    { atMs: 30_000, bytes: 140 },
    { atMs: 60_000, bytes: 100 },
  ]);
  assert.equal(flat.deltaBytes, 0);
  assert.equal(flat.slopeBytesPerMinute, 0);
  const rising = memoryGrowth([
    { atMs: 0, bytes: 1000 },
    { atMs: 60_000, bytes: 2000 },
    { atMs: 120_000, bytes: 3000 },
  ]);
  assert.equal(rising.deltaBytes, 2000);
  assert.ok(Math.abs(rising.slopeBytesPerMinute - 1000) < 1e-9);
  assert.equal(memoryGrowth([{ atMs: 5, bytes: 9 }]).slopeBytesPerMinute, 0);
  assert.throws(() => memoryGrowth([]), /at least one/);
});

test('clock offset comes from the tightest reading', () => {
  const offset = clockOffset([
    { referenceBeforeMs: 1000, pageMs: 10, referenceAfterMs: 1030 },
    { referenceBeforeMs: 2000, pageMs: 1001, referenceAfterMs: 2002 },
  ]);
  assert.equal(offset.offsetMs, 1000);
  assert.equal(offset.uncertaintyMs, 1);
  assert.throws(() => clockOffset([]), /at least one/);
});

test('frame-to-overlay latency converts monotonic frame stamps and leaves page stamps alone', () => {
  const latencies = frameToOverlayMs(
    [
      { frameTimestampMs: 5_000_100, frameClock: 'monotonic', shownAtMs: 180, inferenceMs: 5, preprocessMs: 1, label: null, inferred: true },
      { frameTimestampMs: 120, frameClock: 'page', shownAtMs: 190, inferenceMs: 5, preprocessMs: 1, label: null, inferred: true },
    ],
    5_000_000,
  );
  assert.deepEqual(latencies, [80, 70]);
});

test('frames missed by the model: only gaps longer than a window lose frames', () => {
  // 15 fps, 16-frame windows, a window every 2 sampled frames: nothing is missed.
  const steady = Array.from({ length: 20 }, (_, index) => (index * 2 * 1000) / 15);
  assert.equal(framesMissedByModel(steady, 15, 16), 0);
  // A gap of 20 sampled frames between two windows: 4 frames were never in a window.
  assert.equal(framesMissedByModel([0, (20 * 1000) / 15], 15, 16), 4);
  assert.equal(framesMissedByModel([], 15, 16), 0);
  assert.throws(() => framesMissedByModel([0], 0, 16), /fps/);
});

test('CPU per prediction: browser CPU-seconds over the window divided among the predictions shown', () => {
  // 1.5 cores for 10 s is 15 CPU-seconds; 150 predictions: 100 CPU-ms each.
  assert.equal(cpuMsPerPrediction(1.5, 10, 150), 100);
  assert.ok(Number.isNaN(cpuMsPerPrediction(null, 10, 150)));
  assert.ok(Number.isNaN(cpuMsPerPrediction(1.5, 10, 0)));
});

test('ratio is NaN when a side is missing', () => {
  assert.equal(ratio(6, 3), 2);
  assert.ok(Number.isNaN(ratio(1, 0)));
  assert.ok(Number.isNaN(ratio(Number.NaN, 2)));
});

test('default WASM threads: 1 on 2 cores or fewer (measured: a 2nd thread starves the camera), half the cores above, at most 4', async () => {
  const { defaultWasmThreads } = await import('../src/core/wasm-threads.ts');
  assert.deepEqual([0, 1, 2, 3, 4, 6, 8, 16, Number.NaN].map(defaultWasmThreads), [1, 1, 1, 1, 2, 3, 4, 4, 1]);
});
