// Launches Debian Chromium with a fresh profile and the camera flags a run needs: for the e2e tests
// and for the tools that drive the app (bench-app, bench-teach, screenshot).
// A persistent context, because installability and service-worker tests need a real profile.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const BASE_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-webgpu',
];

export interface LaunchOptions {
  /**
   * 'file:<abs path>' plays a Y4M file as the webcam; 'builtin' is Chromium's fake device;
   * null gives no fake device at all.
   */
  readonly camera?: `file:${string}` | 'builtin' | null;
  /** Grant camera permission without a prompt (false: getUserMedia is refused). */
  readonly grantCamera?: boolean;
  readonly viewport?: { width: number; height: number };
}

export interface LaunchedApp {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console lines and page errors, for failure messages. */
  readonly logs: string[];
  close(): Promise<void>;
}

export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  const args = [...BASE_ARGS];
  const camera = options.camera === undefined ? 'builtin' : options.camera;
  if (camera) args.push('--use-fake-device-for-media-stream');
  if (camera?.startsWith('file:')) args.push(`--use-file-for-fake-video-capture=${camera.slice('file:'.length)}`);
  if (camera && options.grantCamera !== false) args.push('--use-fake-ui-for-media-stream');
  const profileDir = mkdtempSync(join(tmpdir(), 'jt-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args,
    viewport: options.viewport ?? { width: 1280, height: 720 },
  });
  await throttleEveryPage(context);
  const page = context.pages()[0] ?? (await context.newPage());
  const logs: string[] = [];
  page.on('console', (message) => logs.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => logs.push(`[pageerror] ${error.message}`));
  return {
    context,
    page,
    logs,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * JT_CPU_THROTTLE=N (npm run test:e2e:slow): every page of the context runs with its CPU slowed
 * N× (DevTools' Emulation.setCPUThrottlingRate), as on a slow laptop.
 */
export const CPU_THROTTLE = Math.max(1, Number(process.env.JT_CPU_THROTTLE ?? 1) || 1);

async function throttleEveryPage(context: BrowserContext): Promise<void> {
  if (CPU_THROTTLE <= 1) return;
  const throttle = async (page: Page) => {
    const session = await context.newCDPSession(page);
    await session.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
  };
  context.on('page', (page) => void throttle(page).catch(() => undefined));
  for (const page of context.pages()) await throttle(page);
}

/** Seeded floats in [0, 1) (mulberry32), identical in Node and in the page. */
export function seededFloats(seed: number, count: number): Float32Array {
  let state = seed >>> 0;
  const values = new Float32Array(count);
  for (let index = 0; index < count; index++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    values[index] = ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  }
  return values;
}
