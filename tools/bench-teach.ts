// Benchmark (not a test): teaching a personal head in the browser, through the real app.
//   npm run bench:teach            (builds, then serves dist/ on JT_PORT, default 4176)
// 10 clips per class for 5 classes, rendered by the synthetic juggler (a different seed per clip)
// and recorded from Chromium's fake webcam in two recording sessions (so a validation split
// exists); then the teach view teaches a head: cold (the model watches every clip), again with
// the features cached, and a softmax-regression head. Prints a table, writes bench-results/teach.json.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { launchApp } from './lib/browser.ts';
import { renderClip } from './lib/webcam-clips.ts';
import { FakeCamera } from './lib/fake-camera.ts';

const CLASSES = ['0b_empty', '1b_toss', '2b_continuous', '3b_cascade', '3b_shower'];
const CLIPS_PER_CLASS = 10;
const SESSIONS = ['sitting-1', 'sitting-2'];
const CLIP_MS = 3000;
const PORT = Number(process.env.JT_PORT ?? 4176);
const BASE_URL = `http://localhost:${PORT}/`;
const CLIP_DIRECTORY = join('.cache', 'bench-teach-clips');

function seedFor(classIndex: number, clip: number): number {
  return 920_000 + classIndex * 100 + clip;
}

/** The Y4M clips, rendered once and kept in .cache for later runs. */
function renderClips(): Map<string, string[]> {
  mkdirSync(CLIP_DIRECTORY, { recursive: true });
  const clips = new Map<string, string[]>();
  CLASSES.forEach((className, classIndex) => {
    const paths: string[] = [];
    for (let clip = 0; clip < CLIPS_PER_CLASS; clip++) {
      const seed = seedFor(classIndex, clip);
      const path = join(CLIP_DIRECTORY, `${className}-${seed}-train.y4m`);
      paths.push(existsSync(path) ? join(process.cwd(), path) : renderClip(join(process.cwd(), CLIP_DIRECTORY), className, seed));
    }
    clips.set(className, paths);
  });
  return clips;
}

async function startPreview(): Promise<() => void> {
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
  for (let attempt = 0; attempt < 120; attempt++) {
    if (await fetch(BASE_URL).then((response) => response.ok).catch(() => false)) return () => server.kill();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill();
  throw new Error(`vite preview did not answer on ${BASE_URL}`);
}

interface TeachFigures {
  readonly run: string;
  readonly readingMs: number;
  readonly featuresMs: number;
  readonly trainingMs: number;
  readonly totalMs: number;
  readonly trainWindows: number;
  readonly validationWindows: number;
  readonly personalAccuracy: number;
  readonly shippedAccuracy: number;
}

async function teach(page: Page, run: string, headKind: string): Promise<TeachFigures> {
  await page.getByTestId('head-kind').selectOption(headKind);
  const timings = page.getByTestId('teach-timings');
  const previousHead = (await timings.count()) > 0 ? await timings.getAttribute('data-head-id') : null;
  await page.getByTestId('teach-start').click();
  // A new result is a new head id.
  await page.waitForFunction(
    (previous) => {
      const shadow = (globalThis as any).document.querySelector('jt-app')?.shadowRoot?.querySelector('jt-teach')?.shadowRoot;
      const id = shadow?.querySelector('[data-testid="teach-timings"]')?.getAttribute('data-head-id');
      return id && id !== previous;
    },
    previousHead,
    { timeout: 300_000, polling: 200 },
  );
  const number = async (name: string) => Number(await timings.getAttribute(`data-${name}`));
  const figures = {
    run,
    readingMs: await number('reading-ms'),
    featuresMs: await number('features-ms'),
    trainingMs: await number('training-ms'),
    totalMs: await number('total-ms'),
    trainWindows: await number('train-windows'),
    validationWindows: await number('validation-windows'),
    personalAccuracy: await number('personal-accuracy'),
    shippedAccuracy: await number('shipped-accuracy'),
  };
  return figures;
}

const clips = renderClips();
const stopPreview = await startPreview();
const camera = new FakeCamera(join(process.cwd(), CLIP_DIRECTORY), clips.get(CLASSES[0])![0]);
const app = await launchApp({ camera: camera.flag });
const { page } = app;
const loadBefore = loadavg()[0];
const rows: TeachFigures[] = [];
try {
  await page.goto(`${BASE_URL}?ep=wasm&test`);
  await page.getByTestId('hud-provider').filter({ hasText: 'WASM' }).waitFor({ timeout: 60_000 });
  const recordingStarted = performance.now();
  for (const [sessionIndex, session] of SESSIONS.entries()) {
    for (const className of CLASSES) {
      const perSession = CLIPS_PER_CLASS / SESSIONS.length;
      for (const clip of clips.get(className)!.slice(sessionIndex * perSession, (sessionIndex + 1) * perSession)) {
        await camera.show(page, clip);
        await page.evaluate(([label, id, ms]) => (globalThis as any).__jtTest.recordClip(label, id, ms), [className, session, CLIP_MS] as const);
      }
    }
    console.log(`recorded session ${session} (${((performance.now() - recordingStarted) / 1000).toFixed(0)} s so far)`);
  }
  await page.getByTestId('teach-open').click();
  rows.push(await teach(page, 'MLP, cold (model runs on every window)', '64'));
  rows.push(await teach(page, 'MLP, again (features cached)', '64'));
  rows.push(await teach(page, 'softmax regression (features cached)', '0'));
  await page.screenshot({ path: join('bench-results', 'teach-view.png'), fullPage: true });
} finally {
  await app.close();
  stopPreview();
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${platform()} ${release()}`;
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
console.log(`\nteach: ${CLASSES.length} classes × ${CLIPS_PER_CLASS} clips of ${CLIP_MS / 1000} s, ${SESSIONS.length} recording sessions; Chromium WASM; machine: ${machine}; load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}; ${new Date().toISOString().slice(0, 10)}`);
console.log('| run | windows train/val | reading clips s | features s (ms/window) | training s | total s | val. accuracy personal | shipped |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const row of rows) {
  console.log(`| ${row.run} | ${row.trainWindows}/${row.validationWindows} | ${seconds(row.readingMs)} | ${seconds(row.featuresMs)} (${(row.featuresMs / (row.trainWindows + row.validationWindows)).toFixed(1)}) | ${seconds(row.trainingMs)} | ${seconds(row.totalMs)} | ${percent(row.personalAccuracy)} | ${percent(row.shippedAccuracy)} |`);
}
mkdirSync('bench-results', { recursive: true });
writeFileSync(
  join('bench-results', 'teach.json'),
  JSON.stringify({ date: new Date().toISOString(), machine, loadAverage: { before: loadBefore, after: loadavg()[0] }, classes: CLASSES, clipsPerClass: CLIPS_PER_CLASS, sessions: SESSIONS, clipMs: CLIP_MS, rows }, null, 2),
);
console.log('wrote bench-results/teach.json');
