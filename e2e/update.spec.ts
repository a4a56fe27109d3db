// (DOM types for the code these tests run inside the page.)
// Service-worker update: a new build waits, the page offers a reload, accepting it switches
// the page to the new version. Uses its own build folder and preview port, so dist/ and the
// shared preview server stay untouched.
import { expect, test } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchApp } from './browser.ts';

const PORT = 4179;
const URL_BASE = `http://localhost:${PORT}/`;

function build(outDir: string, version: string): void {
  const result = spawnSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    env: { ...process.env, JT_APP_VERSION: version },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vite build failed: ${result.stderr}`);
}

async function startPreview(outDir: string): Promise<ChildProcess> {
  const server = spawn('npx', ['vite', 'preview', '--outDir', outDir, '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await fetch(URL_BASE).then((response) => response.ok, () => false)) return server;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('vite preview did not start');
}

test('update: a new build shows the prompt, and accepting reloads into it', async () => {
  test.setTimeout(300_000);
  const outDir = mkdtempSync(join(tmpdir(), 'jt-e2e-dist-'));
  build(outDir, 'e2e-old');
  const server = await startPreview(outDir);
  const app = await launchApp({ camera: null });
  try {
    const { page } = app;
    // No camera and no demo: on a loaded 2-core machine a running model starves the browser's
    // service-worker threads and the update takes minutes; the version label shows regardless.
    await page.goto(URL_BASE);
    await expect(page.getByTestId('app-version')).toHaveText('e2e-old');
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect(page.getByTestId('update-accept')).toHaveCount(0);

    // Build beside the served folder and swap it in at once: a browser update check that lands
    // mid-build would otherwise read half-written files and stall the registration's job queue.
    build(`${outDir}-next`, 'e2e-new');
    renameSync(outDir, `${outDir}-old`);
    renameSync(`${outDir}-next`, outDir);
    // A navigation makes the browser check sw.js; the new one installs and waits.
    await page.reload();
    await expect(page.getByTestId('app-version')).toHaveText('e2e-old');
    const accept = page.getByTestId('update-accept');
    // Polls the registration too, so a failure says whether the new worker installed at all.
    const updateState = () =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        const prompt = document.querySelector('jt-app')?.shadowRoot?.querySelector('jt-update-prompt') !== null;
        return { installing: registration?.installing?.state ?? null, waiting: registration?.waiting?.state ?? null, prompt };
      });
    await expect.poll(updateState, { timeout: 60_000 }).toMatchObject({ waiting: 'installed', prompt: true });
    await expect(accept).toBeVisible();
    await Promise.all([page.waitForEvent('load'), accept.click()]);
    await expect(page.getByTestId('app-version')).toHaveText('e2e-new');
  } finally {
    await app.close();
    if (server.pid) process.kill(-server.pid);
    for (const directory of [outDir, `${outDir}-next`, `${outDir}-old`]) rmSync(directory, { recursive: true, force: true });
  }
});
