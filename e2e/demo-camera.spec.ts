// The demo juggler paints in a worker (an OffscreenCanvas transferred from the page's canvas, whose
// captureStream feeds the app), so the page's main thread paints nothing; where a browser cannot
// transfer a canvas, the page paints it as before. Either way the model reads the demo.
import { expect, test, type Page } from '@playwright/test';
import { launchApp } from '../tools/lib/browser.ts';
import { READ_TIMEOUT_MS } from './waits.ts';

const predictionsPerSecond = async (page: Page) => parseFloat((await page.getByTestId('hud-pps').textContent()) ?? '0');
const demoWorkers = (page: Page) => page.workers().filter((worker) => worker.url().includes('demo-camera')).length;

test('the demo juggler is painted in a worker, and the model reads it', async ({ baseURL }) => {
  const app = await launchApp({ camera: null });
  try {
    await app.page.goto(`${baseURL}?demo=3b_cascade&ep=wasm`);
    await expect.poll(() => predictionsPerSecond(app.page), { timeout: READ_TIMEOUT_MS }).toBeGreaterThan(0);
    expect(demoWorkers(app.page), 'one demo painter worker').toBe(1);
  } finally {
    await app.close();
  }
});

test('without canvas transfer the page paints the demo juggler itself, and the model reads it', async ({ baseURL }) => {
  const app = await launchApp({ camera: null });
  try {
    await app.page.addInitScript(() => {
      delete (HTMLCanvasElement.prototype as Partial<HTMLCanvasElement>).transferControlToOffscreen;
    });
    await app.page.goto(`${baseURL}?demo=3b_cascade&ep=wasm`);
    await expect.poll(() => predictionsPerSecond(app.page), { timeout: READ_TIMEOUT_MS }).toBeGreaterThan(0);
    expect(demoWorkers(app.page), 'no demo painter worker').toBe(0);
  } finally {
    await app.close();
  }
});
