// The Content-Security-Policy: the built app sends a strict one (meta tag and header) and every
// view runs under it without a single violation.
import { expect, test, type Page } from '@playwright/test';
import { launchApp } from '../tools/lib/browser.ts';
import { startTakeHere } from './record-steps.ts';
import { ENGINE_READY, READ_TIMEOUT_MS } from './waits.ts';

/** What the policy must say (index.html's meta tag is the one source; vite.config.ts sends it as a header). */
const REQUIRED_DIRECTIVES = ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'"];

interface Violation {
  readonly directive: string;
  readonly blockedURI: string;
  readonly sourceFile: string;
}

/** Every securitypolicyviolation the page reports, from before its first script runs. */
async function collectViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: Violation[] = [];
    Object.assign(window, { __cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push({ directive: event.effectiveDirective, blockedURI: event.blockedURI, sourceFile: event.sourceFile }),
    );
  });
}

function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: Violation[] }).__cspViolations);
}

test('content security policy: every view (practice, coach, history, record with a clip, dataset, teach, demo) runs with no violation', async ({ baseURL }) => {
  test.setTimeout(240_000);
  const app = await launchApp({ camera: 'builtin' });
  const { page } = app;
  try {
    await collectViolations(page);
    const consoleRefusals: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) consoleRefusals.push(message.text());
    });
    const response = await page.goto(baseURL!);
    const header = response?.headers()['content-security-policy'] ?? '';
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    for (const directive of REQUIRED_DIRECTIVES) {
      expect(header, 'the server sends the policy as a header').toContain(directive);
      expect(meta, 'index.html carries the policy').toContain(directive);
    }
    expect(header).toBe(meta);

    // Practice: the worker loaded ORT's wasm and the model under the policy.
    await expect(page.getByTestId('hud-provider')).toHaveText(ENGINE_READY, { timeout: READ_TIMEOUT_MS });
    await expect(page.getByTestId('headline')).toBeVisible();

    await page.getByTestId('coach-toggle').click();
    await expect(page.getByTestId('coach-step-title')).toBeVisible();
    await expect(page.getByTestId('lesson-preview')).toBeVisible();
    await page.getByTestId('coach-history').click();
    await expect(page.getByTestId('minutes-chart')).toBeVisible();
    await page.getByTestId('history-close').click();
    await page.getByTestId('coach-close').click();

    // Record one clip (a blob: video to review), keep it, see it in the dataset with its thumbnail.
    await startTakeHere(page);
    await expect(page.getByTestId('review-video')).toBeVisible({ timeout: READ_TIMEOUT_MS });
    await page.getByTestId('review-keep').click();
    await expect(page.getByTestId('record-saved-count')).toHaveAttribute('data-count', '1');
    await page.getByTestId('dataset-open').click();
    await expect(page.getByTestId('dataset-summary')).toBeVisible();
    await expect(page.getByTestId('clip-thumb').first()).toBeVisible();
    await page.getByTestId('dataset-close').click();
    await page.getByTestId('record-close').click();

    await page.getByTestId('teach-open').click();
    await expect(page.getByTestId('teach-close')).toBeVisible();
    await page.getByTestId('teach-close').click();

    await page.getByTestId('demo-start').click();
    await expect.poll(async () => parseFloat((await page.getByTestId('hud-pps').textContent()) ?? '0'), { timeout: READ_TIMEOUT_MS }).toBeGreaterThan(0);

    expect(await violations(page), app.logs.join('\n')).toEqual([]);
    expect(consoleRefusals).toEqual([]);

    // The listener does see a violation: a request to another origin is refused and reported.
    await page.evaluate(() => fetch('http://127.0.0.1:9/elsewhere').catch(() => undefined));
    await expect.poll(async () => (await violations(page)).map((violation) => violation.directive)).toContain('connect-src');
  } finally {
    await app.close();
  }
});
