// Steps several e2e tests share: open the app, open the recorder and start a take of 3b_cascade
// with no countdown (a series of `series` takes when given); each step also from a later view.
import { expect, type Page } from '@playwright/test';
import { ENGINE_READY, READ_TIMEOUT_MS } from './waits.ts';

export async function startTake(page: Page, baseURL: string | undefined, options: { readonly series?: number } = {}): Promise<void> {
  await page.goto(`${baseURL}?ep=wasm`);
  await expect(page.getByTestId('hud-provider')).toHaveText(ENGINE_READY, { timeout: READ_TIMEOUT_MS });
  await startTakeHere(page, options);
}

/** The same on a page already open in the practice view. */
export async function startTakeHere(page: Page, options: { readonly series?: number } = {}): Promise<void> {
  await page.getByTestId('record-open').click();
  await startTakeInRecorder(page, options);
}

/** The same on a page already open in the record view. */
export async function startTakeInRecorder(page: Page, options: { readonly series?: number } = {}): Promise<void> {
  await expect(page.getByTestId('record-view')).toBeVisible();
  await page.getByTestId('record-label').selectOption('3b_cascade');
  await page.getByTestId('record-countdown-seconds').fill('0');
  await page.getByTestId('record-countdown-seconds').dispatchEvent('change');
  if (options.series !== undefined) {
    await page.getByTestId('record-series').fill(String(options.series));
    await page.getByTestId('record-series').dispatchEvent('change');
  }
  await expect(page.getByTestId('record-start')).toBeEnabled({ timeout: READ_TIMEOUT_MS });
  await page.getByTestId('record-start').click();
  await expect(page.getByTestId('recording-indicator')).toBeVisible({ timeout: READ_TIMEOUT_MS });
}
