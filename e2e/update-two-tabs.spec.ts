// (DOM types for the code these tests run inside the page.)
// An update with two tabs open: tab A records while tab B accepts the new version. Tab A was
// loaded from the old build, whose files are gone from the server; it must go on with its own
// version (predictions, the take, a fresh recogniser) instead of crash-looping on the new
// build's index.html served for its worker file.
import { expect, test, type Page } from '@playwright/test';
import { launchApp } from '../tools/lib/browser.ts';
import { startDeployment } from './deploy.ts';
import { startTakeHere } from './record-steps.ts';
import { ENGINE_READY, READ_TIMEOUT_MS } from './waits.ts';

/** Predictions per second on the HUD (practice view). */
const predictionsPerSecond = async (page: Page) => parseFloat((await page.getByTestId('hud-pps').textContent()) ?? '0');

/** Predictions per second that arrive after now: the HUD's figure, once it is fresh. */
async function expectPredicting(page: Page): Promise<void> {
  await expect(page.getByTestId('hud-provider')).toHaveText(ENGINE_READY, { timeout: READ_TIMEOUT_MS });
  await expect.poll(() => predictionsPerSecond(page), { timeout: READ_TIMEOUT_MS }).toBeGreaterThan(0);
}

/**
 * Starts a fresh recogniser (what a crash or Retry does) and returns its status. On a crash loop
 * the model load never settles, so the page's own error status ends the wait.
 */
async function restartRecogniser(page: Page): Promise<{ kind: string; appVersion?: string; message?: string }> {
  return page.evaluate(async () => {
    const app = document.querySelector('jt-app') as unknown as {
      session: { reload(): Promise<{ kind: string; appVersion?: string; message?: string }> };
      status: { kind: string; message?: string } | null;
    };
    const failed = new Promise<{ kind: string; message?: string }>((resolve) => {
      const check = () => (app.status?.kind === 'error' ? resolve(app.status) : setTimeout(check, 200));
      check();
    });
    return Promise.race([app.session.reload(), failed]);
  });
}

test('update with two tabs: the tab left on the old version keeps predicting and recording', async () => {
  test.setTimeout(600_000);
  const deployment = await startDeployment('e2e-old');
  const app = await launchApp({ camera: 'builtin' });
  try {
    const tabA = app.page;
    await tabA.goto(`${deployment.url}?ep=wasm`);
    await tabA.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // The first load is not controlled (no clientsClaim): reload once.
    await tabA.reload();
    await expect.poll(() => tabA.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect(tabA.getByTestId('app-version')).toHaveText('e2e-old');
    await expectPredicting(tabA);

    deployment.deploy('e2e-new');
    const tabB = await app.context.newPage();
    const bLogs: string[] = [];
    tabB.on('console', (message) => bLogs.push(`[${message.type()}] ${message.text()}`));
    await tabB.goto(`${deployment.url}?ep=wasm`);
    await expect(tabB.getByTestId('app-version')).toHaveText('e2e-old');
    await expect(tabB.getByTestId('update-accept')).toBeVisible({ timeout: 180_000 });

    // Tab A starts a series of takes; tab B accepts the update meanwhile.
    await tabA.bringToFront();
    await startTakeHere(tabA, { series: 2 });
    // Tab B is in the background while tab A records: on a busy 2-core machine its reload into the
    // new build (activation, then the page and its modules from the new precache) has taken over a
    // minute once, so it gets the same allowance as the prompt above.
    await Promise.all([tabB.waitForEvent('load', { timeout: 180_000 }), tabB.getByTestId('update-accept').click()]);
    await expect(tabB.getByTestId('app-version')).toHaveText('e2e-new');

    // Tab A: the series finishes and is stored, on its own version, with no crash.
    await expect(tabA.getByTestId('record-saved-count')).toHaveAttribute('data-count', '2', { timeout: READ_TIMEOUT_MS });
    await expect(tabA.getByTestId('app-version')).toHaveText('e2e-old');
    await tabA.getByTestId('record-close').click();
    await expectPredicting(tabA);

    // A fresh recogniser in tab A (as after a crash, or Retry) loads the old build's worker
    // and model files, which only the service worker still holds.
    const restarted = await restartRecogniser(tabA);
    expect(restarted.kind, restarted.message).toBe('ready');
    expect(restarted).toMatchObject({ appVersion: 'e2e-old' });
    await expectPredicting(tabA);
    await expect(tabA.getByTestId('error-message')).toHaveCount(0);
    await expect(tabA.getByTestId('app-version')).toHaveText('e2e-old');
  } finally {
    await app.close();
    deployment.close();
  }
});

