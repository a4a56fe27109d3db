// A damaged model file never poisons the offline cache: the service worker refuses to cache a
// copy that is not the built one, and a bad cached copy is evicted and downloaded again.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { launchApp } from '../tools/lib/browser.ts';
import { ENGINE_READY, READ_TIMEOUT_MS } from './waits.ts';
import { modelFileNames, parseModelSpec } from '../src/core/model-spec.ts';

const modelSpec = parseModelSpec(JSON.parse(readFileSync(new URL('../models/model.json', import.meta.url), 'utf8')));
const DAMAGED = Buffer.from('this is not an onnx model'.repeat(40));

/** 'installing' while a service worker is being installed, else whether one is active. */
function registrationState(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (registration?.installing) return 'installing';
    return registration?.active ? 'active' : 'none';
  });
}

/** Reloads until the service worker controls the page (the first load is not controlled). */
async function reloadUnderServiceWorker(page: Page): Promise<void> {
  await page.reload();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

async function expectModelRuns(page: Page): Promise<void> {
  await expect(page.getByTestId('hud-provider')).toHaveText(ENGINE_READY, { timeout: READ_TIMEOUT_MS });
  await expect(page.getByTestId('error-title')).toHaveCount(0);
}

async function expectOfflineStart(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(true);
  try {
    await page.reload();
    await expectModelRuns(page);
  } finally {
    await context.setOffline(false);
  }
}

for (const file of modelFileNames(modelSpec)) {
  test(`${file} damaged while the service worker installs: never cached; restored, Retry, reload and offline all work`, async ({ baseURL }) => {
    test.setTimeout(240_000);
    const app = await launchApp({ camera: 'builtin' });
    const { page, context } = app;
    try {
      let serviceWorkerRequests = 0;
      const pattern = `**/models/${file}`;
      await context.route(pattern, (route) => {
        if (route.request().serviceWorker()) serviceWorkerRequests++;
        return route.fulfill({ status: 200, contentType: 'application/octet-stream', body: DAMAGED });
      });
      await page.goto(baseURL!);
      await expect(page.getByTestId('error-title')).toHaveText('The model could not be loaded');
      // The service worker met the damaged file while installing, and has finished with it.
      await expect
        .poll(async () => serviceWorkerRequests > 0 && (await registrationState(page)) !== 'installing', { timeout: READ_TIMEOUT_MS })
        .toBe(true);

      await context.unroute(pattern);
      await page.getByTestId('retry').click();
      await expectModelRuns(page);
      await reloadUnderServiceWorker(page);
      await expectModelRuns(page);
      await expectOfflineStart(context, page);
    } finally {
      await app.close();
    }
  });
}

test('a damaged copy in the offline cache is evicted and downloaded again, and the good copy is cached', async ({ baseURL }) => {
  test.setTimeout(240_000);
  const app = await launchApp({ camera: 'builtin' });
  const { page, context } = app;
  try {
    await page.goto(baseURL!);
    await reloadUnderServiceWorker(page);
    await expectModelRuns(page);
    // Every cached copy of every model file is overwritten with junk, as a bad disk or an old build would leave it.
    const poisoned = await page.evaluate(
      async ({ files, junk }) => {
        let count = 0;
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const request of await cache.keys()) {
            if (!files.some((file) => new URL(request.url).pathname.endsWith(`/models/${file}`))) continue;
            await cache.put(request, new Response(junk, { headers: { 'Content-Type': 'application/octet-stream' } }));
            count++;
          }
        }
        return count;
      },
      { files: modelFileNames(modelSpec), junk: DAMAGED.toString() },
    );
    expect(poisoned).toBe(modelFileNames(modelSpec).length);
    await page.reload();
    await expectModelRuns(page);
    await expectOfflineStart(context, page);
  } finally {
    await app.close();
  }
});
