// (DOM types for the code these tests run inside the page.)
// Service-worker update: a new build waits, the page offers a reload, accepting it switches
// the page to the new version (a private deployment: e2e/deploy.ts).
import { expect, test } from '@playwright/test';
import { launchApp } from '../tools/lib/browser.ts';
import { startDeployment } from './deploy.ts';

test('update: a new build shows the prompt, and accepting reloads into it', async () => {
  test.setTimeout(300_000);
  const deployment = await startDeployment('e2e-old');
  const URL_BASE = deployment.url;
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

    deployment.deploy('e2e-new');
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
    deployment.close();
  }
});
