// A phone held upright: the practice view stacks the catch counter, the links, the source controls
// and the engine's figures under the picture, none covering another and all on the screen; under
// the coach's panel the figures make way for the picture.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { launchApp } from '../tools/lib/browser.ts';
import { READ_TIMEOUT_MS } from './waits.ts';

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<Box> {
  // The counter comes and goes with the tracker's view (a busy machine's gaps): measure it when shown.
  await locator.waitFor({ state: 'visible', timeout: READ_TIMEOUT_MS });
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} has no box (hidden?)`);
  return box;
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function expectApart(page: Page, names: readonly string[]): Promise<void> {
  const viewport = page.viewportSize()!;
  const boxes = await Promise.all(names.map((name) => boxOf(page.locator(name).first())));
  boxes.forEach((box, index) => {
    expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width + 0.5 && box.y + box.height <= viewport.height + 0.5, `${names[index]} on screen: ${JSON.stringify(box)}`).toBe(true);
    for (let other = index + 1; other < boxes.length; other++) {
      expect(overlap(box, boxes[other]), `${names[index]} ${JSON.stringify(box)} and ${names[other]} ${JSON.stringify(boxes[other])} overlap`).toBe(false);
    }
  });
}

test('on a phone held upright, counter, links, controls and figures stack without covering each other; under the coach the figures give way', async ({ baseURL }) => {
  const app = await launchApp({ camera: null, viewport: { width: 390, height: 844 } });
  try {
    const { page } = app;
    await page.goto(`${baseURL}?demo=3b_cascade&ep=wasm`);
    await expect(page.getByTestId('catch-count')).toBeVisible({ timeout: READ_TIMEOUT_MS });
    await expect(page.locator('jt-practice')).toHaveAttribute('narrow', '');
    await expectApart(page, ['jt-catch-counter', 'jt-practice .nav', 'jt-practice .controls', 'jt-hud']);

    await page.getByTestId('coach-toggle').click();
    await expect(page.locator('jt-coach')).toBeVisible();
    await expect(page.locator('jt-hud')).toBeHidden();
    await expect(page.getByTestId('catch-count')).toBeVisible({ timeout: READ_TIMEOUT_MS });
    await expectApart(page, ['jt-catch-counter', 'jt-practice .controls']);
  } finally {
    await app.close();
  }
});
