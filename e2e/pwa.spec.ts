// (DOM types for the code these tests run inside the page.)
// Installable and offline: the service worker precaches shell, ORT wasm and model.
import { expect, test, type Page } from '@playwright/test';
import { launchApp } from '../tools/lib/browser.ts';

async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // The first load is not controlled (no clientsClaim): reload once.
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

test('installable: Chromium reports no installability errors', async ({ baseURL }) => {
  const app = await launchApp({ camera: 'builtin' });
  try {
    await app.page.goto(baseURL!);
    await app.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const cdp = await app.context.newCDPSession(app.page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    expect(installabilityErrors).toEqual([]);
    const manifest = await (await app.page.request.get(new URL('manifest.webmanifest', baseURL).href)).json();
    expect(manifest).toMatchObject({ name: 'Juggling Trainer', short_name: 'Juggle', display: 'standalone', start_url: './', scope: './' });
  } finally {
    await app.close();
  }
});

test('offline: after one visit the app starts and the demo juggler gets predictions', async ({ baseURL }) => {
  test.setTimeout(180_000);
  const app = await launchApp({ camera: 'builtin' });
  try {
    await app.page.goto(baseURL!);
    await waitForServiceWorkerControl(app.page);
    await app.context.setOffline(true);
    await app.page.reload();
    // Offline for real: a file the SW does not hold fails, the precached model is served.
    const fetches = await app.page.evaluate(async () => {
      const uncached = await fetch(`./not-precached-${Date.now()}.txt`).then(() => 'reached', () => 'failed');
      const model = await fetch('./models/model.json').then((response) => response.status, () => 'failed');
      return { uncached, model };
    });
    expect(fetches).toEqual({ uncached: 'failed', model: 200 });
    expect(await app.page.evaluate(() => crossOriginIsolated)).toBe(true);
    await app.page.getByTestId('demo-start').click();
    await expect(app.page.getByTestId('headline')).toBeVisible();
    await expect(app.page.getByTestId('hud-provider')).toHaveText(/WASM · \d+ threads?|WebGPU/);
    await expect.poll(async () => parseFloat((await app.page.getByTestId('hud-pps').textContent()) ?? '0'), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(app.page.getByTestId('headline')).not.toHaveText('Watching…');
  } finally {
    await app.context.setOffline(false).catch(() => undefined);
    await app.close();
  }
});
