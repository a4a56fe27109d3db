/// <reference lib="dom" />
// (DOM types for the code these tests run inside the page.)
// Service-worker update: a new build waits, the page offers a reload, accepting it switches
// the page to the new version. Uses its own build folder and preview port, so dist/ and the
// shared preview server stay untouched.
import { expect, test } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
    await page.goto(`${URL_BASE}?demo=3b_cascade`);
    await expect(page.getByTestId('app-version')).toHaveText('e2e-old');
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect(page.getByTestId('update-accept')).toHaveCount(0);

    build(outDir, 'e2e-new');
    // A navigation makes the browser check sw.js; the new one installs and waits.
    await page.reload();
    await expect(page.getByTestId('app-version')).toHaveText('e2e-old');
    const accept = page.getByTestId('update-accept');
    await expect(accept).toBeVisible({ timeout: 60_000 });
    await Promise.all([page.waitForEvent('load'), accept.click()]);
    await expect(page.getByTestId('app-version')).toHaveText('e2e-new');
  } finally {
    await app.close();
    if (server.pid) process.kill(-server.pid);
    rmSync(outDir, { recursive: true, force: true });
  }
});
