// What tools/bench-app.ts reads from a page in headless Chromium: the ?bench probe, main-thread
// long tasks, the page↔monotonic clock offset, and JS heap sizes of the page and the inference
// worker through the DevTools protocol.
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import type { BenchCounters, BenchProbe, ClockReading, LongTask, ShownPrediction } from '../../src/core/bench-stats.ts';
import type { GlobalTimeline } from '../../src/core/start-breakdown.ts';

/** The globals the probe and the long-task observer put on the page. */
interface BenchGlobals {
  __jtBench?: BenchProbe;
  __benchLongTasks?: LongTask[];
}

// Runs before any page script, so long tasks during load are seen too (same for both pipelines).
const LONG_TASK_OBSERVER = `
  window.__benchLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__benchLongTasks.push({ startMs: entry.startTime, durationMs: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (error) {
    window.__benchLongTasks = null;
  }
`;

export async function observeLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: LONG_TASK_OBSERVER });
}

/** Milliseconds on the system monotonic clock (CLOCK_MONOTONIC, what Chromium stamps VideoFrames with). */
export function monotonicNowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Reads the page clock between two monotonic readings, `count` times. */
export async function readClock(page: Page, count = 20): Promise<ClockReading[]> {
  const readings: ClockReading[] = [];
  for (let index = 0; index < count; index++) {
    const referenceBeforeMs = monotonicNowMs();
    const pageMs = await page.evaluate(() => performance.now());
    readings.push({ referenceBeforeMs, pageMs, referenceAfterMs: monotonicNowMs() });
  }
  return readings;
}

/** Waits for the first prediction on the overlay; its shownAtMs is milliseconds since navigation. */
export async function firstShownMs(page: Page, timeoutMs: number): Promise<number> {
  await page.waitForFunction(() => ((globalThis as unknown as BenchGlobals).__jtBench?.shown.length ?? 0) > 0, null, { timeout: timeoutMs, polling: 50 });
  return page.evaluate(() => (globalThis as unknown as BenchGlobals).__jtBench!.shown[0].shownAtMs);
}

/**
 * Waits for the first prediction whose class matches `label` (a RegExp source, e.g. the clip's
 * ball count and pattern); its shownAtMs (since navigation), or null if none came in time.
 */
export async function firstShownMatchingMs(page: Page, label: string, timeoutMs: number): Promise<number | null> {
  const found = (source: string) => (globalThis as unknown as BenchGlobals).__jtBench?.shown.find((prediction) => prediction.label !== null && new RegExp(source).test(prediction.label))?.shownAtMs ?? null;
  try {
    await page.waitForFunction(found, label, { timeout: timeoutMs, polling: 50 });
  } catch {
    return null;
  }
  return page.evaluate(found, label);
}

/**
 * Waits for the counters to change (the app's worker reports them once a second), so a measuring
 * window starts and ends on fresh counts; optionally clears the probe at that same moment.
 */
export async function freshCounters(page: Page, clear: boolean): Promise<{ counters: BenchCounters; pageMs: number }> {
  return page.evaluate(async (clearProbe) => {
    const probe = (globalThis as unknown as BenchGlobals).__jtBench;
    if (!probe) throw new Error('the page has no ?bench probe');
    const previous = probe.counters()?.framesReceived ?? -1;
    for (;;) {
      const counters = probe.counters();
      if (counters && counters.framesReceived !== previous) {
        if (clearProbe) probe.clear();
        return { counters, pageMs: performance.now() };
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }, clear);
}

export async function readShown(page: Page): Promise<ShownPrediction[]> {
  return page.evaluate(() => (globalThis as unknown as BenchGlobals).__jtBench?.shown.slice() ?? []);
}

/** Long tasks recorded so far; null when this Chromium has no Long Tasks API. */
export async function readLongTasks(page: Page): Promise<LongTask[] | null> {
  return page.evaluate(() => (globalThis as unknown as BenchGlobals).__benchLongTasks ?? null);
}

/** Resolves once the service worker is active (its precache is complete). */
export async function serviceWorkerReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const container = (globalThis as unknown as { navigator: { serviceWorker?: { ready: Promise<unknown> } } }).navigator.serviceWorker;
    if (!container) throw new Error('no service worker support');
    await container.ready;
  });
}

// Evaluated in the page and in the worker: their start-up marks (src/shared/start-marks.ts) and fetches.
const TIMELINE_EXPRESSION = `() => ({
  timeOrigin: performance.timeOrigin,
  marks: performance.getEntriesByType('mark').map((mark) => ({ name: mark.name, startTime: mark.startTime })),
  resources: performance.getEntriesByType('resource').map((entry) => ({ name: entry.name, startTime: entry.startTime, responseEnd: entry.responseEnd })),
})`;

/** The page's start-up marks and fetches. */
export async function pageTimeline(page: Page): Promise<GlobalTimeline> {
  const value = (await page.evaluate(`(${TIMELINE_EXPRESSION})()`)) as Omit<GlobalTimeline, 'where'>;
  return { where: 'page', ...value };
}

export interface HeapUsage {
  /** V8 heap in use, after a forced garbage collection. */
  readonly usedBytes: number;
  /** ArrayBuffer backing stores (the wasm memory of ORT lives here). */
  readonly bufferBytes: number;
}

interface RawHeapUsage {
  usedSize: number;
  backingStorageSize?: number;
}

function toHeapUsage(raw: RawHeapUsage): HeapUsage {
  return { usedBytes: raw.usedSize, bufferBytes: raw.backingStorageSize ?? 0 };
}

/** Page heap and the heap of the worker named `workerName` (null when there is none), each after a GC. */
export class HeapReader {
  private nextMessageId = 1;
  private readonly replies = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();

  private constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id !== undefined) this.replies.get(message.id)?.(message);
    });
  }

  static async open(context: BrowserContext, page: Page): Promise<HeapReader> {
    return new HeapReader(await context.newCDPSession(page));
  }

  async page(): Promise<HeapUsage> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    return toHeapUsage((await this.cdp.send('Runtime.getHeapUsage')) as RawHeapUsage);
  }

  async worker(workerName: string): Promise<HeapUsage | null> {
    return this.inWorker(workerName, async (sessionId) => {
      await this.inTarget(sessionId, 'HeapProfiler.collectGarbage');
      return toHeapUsage((await this.inTarget(sessionId, 'Runtime.getHeapUsage')) as RawHeapUsage);
    });
  }

  /** The start-up marks and fetches of the worker named `workerName` (null when there is none). */
  async workerTimeline(workerName: string): Promise<GlobalTimeline | null> {
    return this.inWorker(workerName, async (sessionId) => {
      const result = (await this.inTarget(sessionId, 'Runtime.evaluate', { expression: `(${TIMELINE_EXPRESSION})()`, returnByValue: true })) as { result: { value: Omit<GlobalTimeline, 'where'> } };
      return { where: 'worker', ...result.result.value };
    });
  }

  private async inWorker<T>(workerName: string, use: (sessionId: string) => Promise<T>): Promise<T | null> {
    const { targetInfos } = await this.cdp.send('Target.getTargets');
    // After a reload the old worker may linger a moment: the newest is the page's.
    const target = targetInfos.filter((info) => info.type === 'worker' && info.title === workerName).at(-1);
    if (!target) return null;
    // Playwright owns the flat sessions; a nested (non-flat) session is ours alone.
    const { sessionId } = await this.cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    try {
      return await use(sessionId);
    } finally {
      await this.cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }

  private inTarget(sessionId: string, method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextMessageId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method} in the worker timed out`)), 30_000);
      this.replies.set(id, (message) => {
        clearTimeout(timer);
        this.replies.delete(id);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      });
      this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  }
}
