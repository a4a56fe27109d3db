// Failures a person can meet, each with its own message and a way forward.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { launchApp } from '../tools/lib/browser.ts';
import { ENGINE_READY, READ_TIMEOUT_MS } from './waits.ts';
import { parseModelSpec } from '../src/core/model-spec.ts';

const modelSpec = parseModelSpec(JSON.parse(readFileSync(new URL('../models/model.json', import.meta.url), 'utf8')));

test('camera denied: says so and offers the demo juggler, which then runs', async ({ baseURL }) => {
  // A fake camera exists but no permission is granted, so getUserMedia is refused.
  const app = await launchApp({ camera: 'builtin', grantCamera: false });
  try {
    await app.page.goto(baseURL!);
    await expect(app.page.getByTestId('error-message')).toContainText('Camera access was denied');
    const demo = app.page.getByTestId('demo-offer');
    await expect(demo).toHaveText('Try the demo juggler');
    await demo.click();
    await expect(app.page.getByTestId('error-message')).toHaveCount(0);
    await expect(app.page.getByTestId('hud-provider')).toHaveText(ENGINE_READY, { timeout: READ_TIMEOUT_MS });
  } finally {
    await app.close();
  }
});

test('corrupt model: shows the model error with Retry, and Retry recovers', async ({ baseURL }) => {
  const app = await launchApp({ camera: 'builtin' });
  try {
    // Dedicated-worker requests go through the context's routing in Chromium.
    await app.context.route('**/models/model.onnx', (route) =>
      route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.from('this is not an onnx model'.repeat(40)) }),
    );
    await app.page.goto(baseURL!);
    await expect(app.page.getByTestId('error-title')).toHaveText('The model could not be loaded');
    await expect(app.page.getByTestId('error-message')).toContainText('could not be loaded');
    await app.context.unroute('**/models/model.onnx');
    await app.page.getByTestId('retry').click();
    await expect(app.page.getByTestId('error-title')).toHaveCount(0);
    await expect(app.page.getByTestId('hud-provider')).toHaveText(ENGINE_READY, { timeout: READ_TIMEOUT_MS });
  } finally {
    await app.close();
  }
});

test('corrupt juggling locator: says which file failed, with Retry, and Retry recovers', async ({ baseURL }) => {
  const locator = modelSpec.input.crop.locator;
  test.skip(!locator, `models/model.json's crop rule (${modelSpec.input.crop.kind}) has no locator`);
  const app = await launchApp({ camera: 'builtin' });
  try {
    const route = `**/models/${locator!.file}`;
    await app.context.route(route, (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.from('not a locator'.repeat(40)) }));
    await app.page.goto(baseURL!);
    await expect(app.page.getByTestId('error-title')).toHaveText('The model could not be loaded');
    await expect(app.page.getByTestId('error-message')).toContainText('The juggling locator could not be loaded');
    await app.context.unroute(route);
    await app.page.getByTestId('retry').click();
    await expect(app.page.getByTestId('error-title')).toHaveCount(0);
    await expect(app.page.getByTestId('hud-provider')).toHaveText(ENGINE_READY, { timeout: READ_TIMEOUT_MS });
  } finally {
    await app.close();
  }
});

test('worker crash: the user is told, the worker restarts and predictions come back', async ({ baseURL }) => {
  const app = await launchApp({ camera: null });
  try {
    await app.page.goto(`${baseURL}?demo=3b_cascade&ep=wasm`);
    const predictionsPerSecond = async () => parseFloat((await app.page.getByTestId('hud-pps').textContent()) ?? '0');
    await expect.poll(predictionsPerSecond, { timeout: 30_000 }).toBeGreaterThan(0);
    const inference = app.page.workers().find((worker) => worker.url().includes('inference'));
    expect(inference, 'the inference worker runs').toBeTruthy();
    // An uncaught error in the worker, as an out-of-memory abort or a wasm trap would give.
    await inference!.evaluate(() => setTimeout(() => { throw new Error('simulated crash'); }));
    await expect(app.page.getByTestId('error-message')).toContainText('Practice goes on');
    await expect(app.page.getByTestId('hud-inference')).toHaveText('–');
    await app.page.getByTestId('dismiss').click();
    // The HUD was cleared with the old worker; figures return only from the new one.
    await expect.poll(predictionsPerSecond, { timeout: 45_000 }).toBeGreaterThan(0);
  } finally {
    await app.close();
  }
});

test('unsupported browser: a browser without workers gets its own message, not a blank page', async ({ baseURL }) => {
  const app = await launchApp({ camera: null });
  try {
    await app.page.addInitScript(() => Object.defineProperty(window, 'Worker', { value: undefined }));
    await app.page.goto(baseURL!);
    await expect(app.page.getByTestId('error-title')).toBeVisible();
    await expect(app.page.getByTestId('error-message')).toContainText('Worker');
  } finally {
    await app.close();
  }
});
