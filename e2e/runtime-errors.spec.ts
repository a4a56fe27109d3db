// Failures of the recogniser's runtime, in the app's words, each with a way forward that works.
import { expect, test } from '@playwright/test';
import { launchApp } from '../tools/lib/browser.ts';
import { startTake } from './record-steps.ts';
import { ENGINE_READY, READ_TIMEOUT_MS } from './waits.ts';

test('runtime file blocked: a message in the app’s words, and Retry recovers once the file is reachable', async ({ baseURL }) => {
  const app = await launchApp({ camera: 'builtin' });
  const { page, context } = app;
  try {
    // A firewall or an extension refusing ONNX Runtime's WebAssembly file.
    await context.route('**/*.wasm', (route) => route.abort('blockedbyclient'));
    await page.goto(`${baseURL}?ep=wasm`);
    await expect(page.getByTestId('error-title')).toBeVisible({ timeout: READ_TIMEOUT_MS });
    const message = page.getByTestId('error-message');
    await expect(message).toContainText('runtime file');
    // None of ONNX Runtime's own wording reaches the person.
    await expect(message).not.toContainText(/backend|initWasm|wasm\b|ERR|TypeError|Aborted/);
    await context.unroute('**/*.wasm');
    await page.getByTestId('retry').click();
    await expect(page.getByTestId('hud-provider')).toHaveText(ENGINE_READY, { timeout: READ_TIMEOUT_MS });
    await expect(page.getByTestId('error-title')).toHaveCount(0);
  } finally {
    await app.close();
  }
});

test('worker crash during a take: says the recogniser stopped and the take was lost, not "No clip was being recorded"', async ({ baseURL }) => {
  const app = await launchApp({ camera: 'builtin' });
  const { page } = app;
  try {
    await startTake(page, baseURL);
    const inference = page.workers().find((worker) => worker.url().includes('inference'));
    expect(inference, 'the inference worker runs').toBeTruthy();
    await inference!.evaluate(() => setTimeout(() => { throw new Error('simulated crash'); }));
    const error = page.getByTestId('record-error');
    await expect(error).toContainText('The recogniser stopped during the take', { timeout: READ_TIMEOUT_MS });
    await expect(error).not.toContainText('No clip');
    await expect(page.getByTestId('review-video')).toHaveCount(0);
  } finally {
    await app.close();
  }
});
