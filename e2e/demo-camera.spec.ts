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

test("the demo juggler's own count of its catches stands beside the tracker's, and the two agree roughly", async ({ baseURL }) => {
  const app = await launchApp({ camera: null });
  try {
    await app.page.goto(`${baseURL}?demo=3b_cascade&ep=wasm`);
    const truth = app.page.getByTestId('demo-truth');
    const made = async () => Number((await truth.getAttribute('data-made')) ?? '0');
    const counted = async () => Number((await truth.getAttribute('data-counted')) ?? '0');
    // Twenty catches made: several seconds of cascade, however slowly this machine runs.
    await expect.poll(made, { timeout: READ_TIMEOUT_MS }).toBeGreaterThanOrEqual(20);
    await expect(truth).toHaveText(/Demo juggler: \d+ catches made, \d+ counted/);
    // The tracker sees most of them (it counts a catch once it saw the ball land, so it trails)...
    await expect.poll(counted, { timeout: READ_TIMEOUT_MS }).toBeGreaterThanOrEqual(10);
    // ...and never counts catches that were not made (a frame or two of lag allowed).
    const [madeNow, countedNow] = [await made(), await counted()];
    console.log(`demo juggler: ${madeNow} catches made, ${countedNow} counted`);
    expect(countedNow).toBeLessThanOrEqual(madeNow + 2);
  } finally {
    await app.close();
  }
});
