// The benchmark's page-side hooks (tools/bench-app.ts): ?bench records each prediction the
// overlay shows, with counters, in the app and in the naive comparison page; the naive page is
// not precached by the service worker. Correctness only: no timing is asserted.
import { test as base, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchCounters, BenchProbe, ShownPrediction } from '../src/core/bench-stats.ts';
import { clockOffset, frameToOverlayMs } from '../src/core/bench-stats.ts';
import { readClock, serviceWorkerReady } from '../tools/lib/bench-page.ts';
import { launchApp, type LaunchedApp } from '../tools/lib/browser.ts';
import { renderClip } from '../tools/lib/webcam-clips.ts';

const test = base.extend<{ clip: string; open: (path: string) => Promise<LaunchedApp> }>({
  clip: async ({}, use) => {
    const directory = mkdtempSync(join(tmpdir(), 'jt-e2e-bench-'));
    await use(renderClip(directory, '3b_cascade', 900013));
    rmSync(directory, { recursive: true, force: true });
  },
  open: async ({ clip, baseURL }, use) => {
    const opened: LaunchedApp[] = [];
    await use(async (path) => {
      const app = await launchApp({ camera: `file:${clip}` });
      opened.push(app);
      await app.page.goto(`${baseURL}${path}`);
      return app;
    });
    for (const app of opened) await app.close();
  },
});

async function probeAfter(app: LaunchedApp, predictions: number): Promise<{ shown: ShownPrediction[]; counters: BenchCounters | null }> {
  await app.page.waitForFunction((count) => ((window as unknown as { __jtBench?: BenchProbe }).__jtBench?.shown.length ?? 0) >= count, predictions, { timeout: 60_000 });
  return app.page.evaluate(() => {
    const probe = (window as unknown as { __jtBench: BenchProbe }).__jtBench;
    return { shown: probe.shown.slice(), counters: probe.counters() };
  });
}

test('?bench in the app records shown predictions on the capture clock, and ?threads=1 is honoured', async ({ open }) => {
  const app = await open('?bench&ep=wasm&threads=1');
  const { shown } = await probeAfter(app, 5);
  // The worker reports its counters once a second.
  const counters = async () => (await probeAfter(app, 0)).counters;
  await expect.poll(async () => (await counters())?.windowsInferred ?? 0).toBeGreaterThanOrEqual(5);
  expect(await counters()).toMatchObject({ provider: 'wasm', threads: 1 });
  const { framesSampled, framesReceived } = (await counters())!;
  // A 30-fps camera feeds the 15-fps model every other frame; one slowed to 15 fps or less, every frame.
  expect(framesSampled).toBeLessThanOrEqual(framesReceived);
  // A window read while frames were missing (a loaded machine stalls at start) ran no model: it says so.
  expect(shown.every((prediction) => prediction.frameClock === 'monotonic' && (prediction.inferred ? prediction.inferenceMs > 0 : prediction.inferenceMs === 0))).toBe(true);
  expect(shown.some((prediction) => prediction.inferred)).toBe(true);
  // Frames are captured before they are shown: VideoFrame timestamps are on the monotonic clock.
  const offset = clockOffset(await readClock(app.page));
  expect(Math.min(...frameToOverlayMs(shown, offset.offsetMs))).toBeGreaterThan(0);
  await expect(app.page.getByTestId('headline')).toHaveText('3 balls · cascade');
});

test('the naive page runs the model on the main thread through the same overlay, outside the precache', async ({ open }) => {
  const app = await open('?ep=wasm');
  await serviceWorkerReady(app.page);
  const precached = await app.page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    return urls;
  });
  expect(precached.some((url) => url.includes('index.html'))).toBe(true);
  expect(precached.filter((url) => url.includes('bench-naive'))).toEqual([]);

  const naive = await open('bench-naive.html?bench');
  const { shown, counters } = await probeAfter(naive, 5);
  expect(counters).toMatchObject({ provider: 'naive-wasm', windowsDropped: 0 });
  expect(shown.every((prediction) => prediction.frameClock === 'page' && prediction.shownAtMs > prediction.frameTimestampMs)).toBe(true);
  await expect(naive.page.getByTestId('headline')).toHaveText('3 balls · cascade');
  await expect(naive.page.getByTestId('naive-status')).toContainText('main thread');
});
