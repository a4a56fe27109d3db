// The camera ending mid-practice (unplugged, taken by another app, revoked by the system) is
// noticed: "The camera stopped" with Reconnect and the demo, never "Watching…" at 0 fps; a take cut
// short is discarded with a message, and recording works again after reconnecting.
import { expect, test, type Page } from '@playwright/test';
import { launchApp } from '../tools/lib/browser.ts';
import { startTake, startTakeInRecorder } from './record-steps.ts';
import { ENGINE_READY, READ_TIMEOUT_MS } from './waits.ts';

/** Ends the camera track as the system does when the webcam goes away. */
async function stopCamera(page: Page): Promise<void> {
  await page.evaluate(() => {
    const app = document.querySelector('jt-app') as (Element & { session?: { stream: MediaStream | null } | null }) | null;
    const stream = app?.session?.stream;
    if (!stream) throw new Error('no camera stream');
    for (const track of stream.getVideoTracks()) track.stop();
  });
}

const predictionsPerSecond = async (page: Page) => parseFloat((await page.getByTestId('hud-pps').textContent()) ?? '0');

test('camera stopped while practising: says so with Reconnect and the demo; Reconnect brings predictions back', async ({ baseURL }) => {
  const app = await launchApp({ camera: 'builtin' });
  const { page } = app;
  try {
    await page.goto(`${baseURL}?ep=wasm`);
    await expect(page.getByTestId('hud-provider')).toHaveText(ENGINE_READY, { timeout: READ_TIMEOUT_MS });
    await expect.poll(() => predictionsPerSecond(page), { timeout: READ_TIMEOUT_MS }).toBeGreaterThan(0);
    await stopCamera(page);
    await expect(page.getByTestId('error-title')).toHaveText('The camera stopped');
    await expect(page.getByTestId('demo-offer')).toBeVisible();
    await page.getByTestId('reconnect').click();
    await expect(page.getByTestId('error-title')).toHaveCount(0);
    await expect.poll(() => predictionsPerSecond(page), { timeout: READ_TIMEOUT_MS }).toBeGreaterThan(0);
    // And the demo is offered too: it runs when the camera is gone.
    await stopCamera(page);
    await page.getByTestId('demo-offer').click();
    await expect(page.getByTestId('error-title')).toHaveCount(0);
    await expect.poll(() => predictionsPerSecond(page), { timeout: READ_TIMEOUT_MS }).toBeGreaterThan(0);
  } finally {
    await app.close();
  }
});

test('camera stopped during a series of takes: the cut-short take is discarded with a message, and recording resumes after Reconnect', async ({ baseURL }) => {
  test.setTimeout(180_000);
  const app = await launchApp({ camera: 'builtin' });
  const { page } = app;
  try {
    await startTake(page, baseURL, { series: 3 });
    await stopCamera(page);

    await expect(page.getByTestId('error-title').first()).toBeVisible();
    await expect(page.getByTestId('error-title')).toContainText(['The camera stopped', 'The take was discarded'], { ignoreCase: false });
    await expect(page.getByText('so that clip was discarded')).toBeVisible();
    // Nothing of the cut-short take was stored, even after the time the take would have taken.
    await page.waitForTimeout(4000);
    expect(await storedClipCount(page)).toBe(0);

    await page.getByTestId('dismiss').click();
    await page.getByTestId('reconnect').click();
    await startTakeInRecorder(page);
    await expect(page.getByTestId('review-video')).toBeVisible({ timeout: READ_TIMEOUT_MS });
    await page.getByTestId('review-keep').click();
    await expect(page.getByTestId('record-saved-count')).toHaveAttribute('data-count', '1');
    expect(await storedClipCount(page)).toBe(1);
  } finally {
    await app.close();
  }
});

/** Clips stored in the app's IndexedDB database. */
async function storedClipCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let count = 0;
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      if (db.objectStoreNames.contains('clips')) {
        count += await new Promise<number>((resolve, reject) => {
          const request = db.transaction('clips').objectStore('clips').count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      }
      db.close();
    }
    return count;
  });
}
