// What tools/bench-app.ts reads from a page in headless Chromium: the ?bench probe, main-thread
// long tasks, the page↔monotonic clock offset, and JS heap sizes of the page and the inference
// worker through the DevTools protocol.
import { readdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import type { BenchCounters, BenchProbe, ClockReading, LongTask, ShownPrediction } from '../../src/core/bench-stats.ts';

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

export async function pageNowMs(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/** Waits for the first prediction on the overlay; its shownAtMs is milliseconds since navigation. */
export async function firstShownMs(page: Page, timeoutMs: number): Promise<number> {
  await page.waitForFunction(() => ((globalThis as unknown as BenchGlobals).__jtBench?.shown.length ?? 0) > 0, null, { timeout: timeoutMs, polling: 50 });
  return page.evaluate(() => (globalThis as unknown as BenchGlobals).__jtBench!.shown[0].shownAtMs);
}

export async function clearProbe(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as BenchGlobals).__jtBench!.clear());
}

export async function readCounters(page: Page): Promise<BenchCounters | null> {
  return page.evaluate(() => (globalThis as unknown as BenchGlobals).__jtBench?.counters() ?? null);
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
    const { targetInfos } = await this.cdp.send('Target.getTargets');
    const target = targetInfos.find((info) => info.type === 'worker' && info.title === workerName);
    if (!target) return null;
    // Playwright owns the flat sessions; a nested (non-flat) session is ours alone.
    const { sessionId } = await this.cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    try {
      await this.inTarget(sessionId, 'HeapProfiler.collectGarbage');
      return toHeapUsage((await this.inTarget(sessionId, 'Runtime.getHeapUsage')) as RawHeapUsage);
    } finally {
      await this.cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }

  private inTarget(sessionId: string, method: string): Promise<unknown> {
    const id = this.nextMessageId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method} in the worker timed out`)), 30_000);
      this.replies.set(id, (message) => {
        clearTimeout(timer);
        this.replies.delete(id);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      });
      this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(reject);
    });
  }
}

interface ProcessUsage {
  readonly parentPid: number;
  readonly cpuTicks: number;
  readonly rssBytes: number;
}

function processTable(): Map<number, ProcessUsage> {
  const pageSize = 4096;
  const table = new Map<number, ProcessUsage>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    // Fields after the parenthesised command name: state(3) ppid(4) … utime(14) stime(15) … rss(24, pages).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    table.set(Number(entry), { parentPid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]), rssBytes: Number(fields[21]) * pageSize });
  }
  return table;
}

function treeMembers(rootPid: number): [number, ProcessUsage][] {
  const table = processTable();
  const members: [number, ProcessUsage][] = [];
  for (const [pid, usage] of table) {
    for (let current: number | undefined = pid; current !== undefined && current > 1; current = table.get(current)?.parentPid) {
      if (current === rootPid) {
        members.push([pid, usage]);
        break;
      }
    }
  }
  return members;
}

function treeTotal(rootPid: number, pick: (usage: ProcessUsage) => number): number {
  return treeMembers(rootPid).reduce((sum, [, usage]) => sum + pick(usage), 0);
}

/** Resident memory of the tree by Chromium process type (--type=renderer, gpu-process, …; 'browser' for the rest). */
export function processTreeRssByType(rootPid: number): Record<string, number> {
  const byType: Record<string, number> = {};
  for (const [pid, usage] of treeMembers(rootPid)) {
    let type = 'browser';
    try {
      // Chromium retitles its children, so their command line is one space-separated string.
      const typeArg = /--type=(\S+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      if (typeArg) type = typeArg[1];
    } catch {
      continue;
    }
    byType[type] = (byType[type] ?? 0) + usage.rssBytes;
  }
  return byType;
}

/** Linux: CPU seconds (user + system) used so far by a process and all its descendants. */
export function processTreeCpuSeconds(rootPid: number): number {
  const ticksPerSecond = 100; // USER_HZ on Linux
  return treeTotal(rootPid, (usage) => usage.cpuTicks) / ticksPerSecond;
}

/** Linux: resident memory of a process and its descendants (shared pages counted in each: for growth, not for totals). */
export function processTreeRssBytes(rootPid: number): number {
  return treeTotal(rootPid, (usage) => usage.rssBytes);
}

/** The pid of the Chromium browser process started with this fake-webcam file (its command line names it). */
export function browserPid(clipPath: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (commandLine.some((arg) => arg === `--use-file-for-fake-video-capture=${clipPath}`) && !commandLine.some((arg) => arg.startsWith('--type='))) return Number(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  return null;
}
