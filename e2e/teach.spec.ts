// Teaching a personal head in the browser, end to end: clips recorded from the fake webcam
// (synthetic juggler Y4M) through the record view into IndexedDB, the teach view's feature extraction and training in the
// worker, validation accuracy and confusion matrices, then practice through the new head. The
// cascade clips get a class of the person's own ("3b_my-cascade") that the shipped head does not
// know, so the overlay can only show it when the personal head is in use. Closing Teach mid-job
// cancels the worker's job, and practice goes on.
import { test, expect, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchApp } from '../tools/lib/browser.ts';
import { renderClip } from '../tools/lib/webcam-clips.ts';
import { FakeCamera } from '../tools/lib/fake-camera.ts';

const OWN_CLASS = '3b_my-cascade';

/** What the worker saw of a teaching job (see holdTeachingInWorker). */
interface TeachingHold {
  /** Zero-delay timers held since the job started. */
  held: number;
  /** cancel() calls received. */
  cancels: number;
  /** The error names of the calls that threw, as the worker answered them. */
  thrown: string[];
}

/** Runs in the inference worker: once a teaching job starts, its yields wait until __jtRelease(). */
function holdTeachingInWorker(): void {
  const scope = self as unknown as { __jtHold: TeachingHold; __jtRelease: () => void; setTimeout: typeof setTimeout; postMessage: (message: unknown, transfer?: Transferable[]) => void };
  const state: TeachingHold = { held: 0, cancels: 0, thrown: [] };
  const waiting: (() => void)[] = [];
  let holding = false;
  const setTimer = scope.setTimeout.bind(self);
  scope.setTimeout = ((handler: () => void, delayMs?: number, ...rest: unknown[]) => {
    if (!holding || delayMs) return setTimer(handler, delayMs, ...rest);
    state.held += 1;
    waiting.push(handler);
    return 0;
  }) as typeof setTimeout;
  scope.__jtRelease = () => {
    holding = false;
    for (const handler of waiting.splice(0)) setTimer(handler, 0);
  };
  self.addEventListener('message', (event: MessageEvent) => {
    const path = (event.data as { path?: unknown } | null)?.path;
    if (Array.isArray(path) && path.includes('featuresForClips')) holding = true;
    if (Array.isArray(path) && path.includes('cancel')) state.cancels += 1;
  });
  // comlink answers a call that threw with { type: 'HANDLER', name: 'throw', value: { isError, value: { name } } }.
  const post = scope.postMessage.bind(self);
  scope.postMessage = (message: unknown, transfer?: Transferable[]) => {
    const answer = message as { type?: string; name?: string; value?: { value?: { name?: string } } } | null;
    if (answer?.type === 'HANDLER' && answer.name === 'throw') state.thrown.push(answer.value?.value?.name ?? '?');
    post(message, transfer ?? []);
  };
  scope.__jtHold = state;
}

/** Records one 3-second clip of what the camera shows through the record view (one recording session per visit). */
async function recordClip(page: Page, label: string): Promise<void> {
  await page.getByTestId('record-open').click();
  await expect(page.getByTestId('record-view')).toBeVisible();
  if (label === OWN_CLASS) {
    await page.getByTestId('record-label').selectOption('__other__');
    await page.getByTestId('record-custom-label').fill(label);
  } else {
    await page.getByTestId('record-label').selectOption(label);
  }
  await page.getByTestId('record-countdown-seconds').fill('0');
  await page.getByTestId('record-countdown-seconds').dispatchEvent('change');
  await expect(page.getByTestId('record-start')).toBeEnabled({ timeout: 30_000 });
  await page.getByTestId('record-start').click();
  await expect(page.getByTestId('review-video')).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('review-keep').click();
  await expect(page.getByTestId('record-saved-count')).toHaveAttribute('data-count', '1');
  await page.getByTestId('record-close').click();
}

test('teach a head from recorded clips, compare it with the shipped head, and practise with it', async ({ baseURL }) => {
  test.setTimeout(300_000);
  const directory = mkdtempSync(join(tmpdir(), 'jt-e2e-teach-'));
  const clips = {
    empty: [renderClip(directory, '0b_empty', 910001), renderClip(directory, '0b_empty', 910002)],
    cascade: [renderClip(directory, '3b_cascade', 910003), renderClip(directory, '3b_cascade', 910004)],
  };
  const camera = new FakeCamera(directory, clips.empty[0]);
  const app = await launchApp({ camera: camera.flag });
  const { page } = app;
  try {
    await page.goto(`${baseURL}?ep=wasm`);
    await expect(page.getByTestId('hud-provider')).toHaveText(/WASM/, { timeout: 30_000 });

    // Teaching with nothing recorded says what to do, and the Teach button waits.
    await page.getByTestId('teach-open').click();
    await expect(page.getByTestId('teach-problem')).toHaveAttribute('data-kind', 'no-clips');
    await expect(page.getByTestId('teach-start')).toBeDisabled();
    await page.getByTestId('teach-close').click();

    // Two clips of each class, each in its own visit to the record view (a recording session), so
    // the split by session puts at least one clip on the validation side.
    for (const index of [0, 1]) {
      await camera.show(page, clips.empty[index]);
      await recordClip(page, '0b_empty');
      await camera.show(page, clips.cascade[index]);
      await recordClip(page, OWN_CLASS);
    }

    await page.getByTestId('teach-open').click();
    await expect(page.getByTestId('teach-clips').locator('tr[data-label]')).toHaveCount(2);
    await expect(page.getByTestId('teach-problem')).toHaveCount(0);
    await page.getByTestId('head-name').fill('Living room');

    // The worker dies while the model watches the clips: the person is told, nothing is lost.
    // It dies on receiving the request for the clips' features (comlink names the method in
    // `path`), so the crash lands mid-teaching however fast or loaded the machine is; waiting for
    // the progress text to read "windows" first raced a phase that can last under a second.
    const inference = page.workers().find((worker) => worker.url().includes('inference'));
    expect(inference, 'the inference worker runs').toBeTruthy();
    await inference!.evaluate(() => {
      self.addEventListener('message', (event: MessageEvent) => {
        const path = (event.data as { path?: unknown } | null)?.path;
        if (Array.isArray(path) && path.includes('featuresForClips')) setTimeout(() => { throw new Error('simulated crash'); });
      });
    });
    await page.getByTestId('teach-start').click();
    await expect(page.getByTestId('teach-error')).toContainText('The recogniser stopped while teaching');
    await expect(page.getByTestId('teach-error')).toContainText('Your clips and heads are safe');
    await expect(page.getByTestId('teach-clips').locator('tr[data-label]')).toHaveCount(2);
    await expect(page.getByTestId('teach-progress')).toHaveCount(0);
    // The app's own notice of the restart, as in practice.
    await expect(page.getByTestId('error-message')).toContainText('Practice goes on');
    await page.getByTestId('dismiss').click();

    // Teaching again works with the restarted worker.
    await page.getByTestId('teach-start').click();
    // The restarted worker loads the model again first (slow on a loaded 2-core machine). The
    // progress texts are not awaited: once the model is ready, watching and training these few
    // clips can take less than one of Playwright's polls, and a text it never saw failed CI.
    await expect(page.getByTestId('teach-result')).toBeVisible({ timeout: 90_000 });
    await expect(page.getByTestId('personal-accuracy')).toHaveText(/^\d+ %$/);
    const personal = parseInt((await page.getByTestId('personal-accuracy').textContent())!, 10);
    expect(personal, 'the personal head separates an empty room from a cascade').toBeGreaterThanOrEqual(90);
    // The shipped head cannot say 3b_my-cascade: its score is there, and the view says why.
    await expect(page.getByTestId('shipped-accuracy')).toHaveText(/^\d+ %$/);
    await expect(page.getByTestId('teach-result')).toContainText('The shipped head has no class for 3b_my-cascade');
    const personalCells = page.getByTestId('personal-confusion').locator('td');
    await expect(personalCells).toHaveCount(4);
    await expect(page.getByTestId('shipped-confusion').locator('td')).toHaveCount(4);
    const counted = (await personalCells.allTextContents()).reduce((sum, text) => sum + Number(text), 0);
    expect(counted, 'every validation window is in the matrix').toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/teach-view.png', fullPage: true });

    await page.getByTestId('head-save-use').click();
    await expect(page.getByTestId('teach-notice')).toContainText('practice now uses it');
    await expect(page.getByTestId('head-in-use')).toBeVisible();

    // Exported head file: valid JSON of the head; importing it again adds a second head.
    const download = page.waitForEvent('download');
    await page.getByTestId('head-export').click();
    const exported = join(directory, 'head.json');
    await (await download).saveAs(exported);
    await page.getByTestId('head-file').setInputFiles(exported);
    await expect(page.getByTestId('head')).toHaveCount(2);
    // A broken head file is refused with its reasons, and nothing is added.
    const broken = join(directory, 'broken.head.json');
    writeFileSync(broken, JSON.stringify({ ...JSON.parse(readFileSync(exported, 'utf8')), featureSize: 64, classes: ['3b_cascade', 'Cascade!'] }));
    await page.getByTestId('head-file').setInputFiles(broken);
    await expect(page.getByTestId('teach-error')).toContainText('expects 64 features');
    await expect(page.getByTestId('teach-error')).toContainText('"Cascade!" is not a class name');
    await expect(page.getByTestId('head')).toHaveCount(2);
    // A head file near the size cap (parsed in the import worker) is refused with its reason.
    const large = join(directory, 'large.head.json');
    writeFileSync(large, JSON.stringify({ ...JSON.parse(readFileSync(exported, 'utf8')), featureSize: 64, notes: 'x'.repeat(15 * 1024 * 1024) }));
    await page.getByTestId('head-file').setInputFiles(large);
    await expect(page.getByTestId('teach-error')).toContainText('large.head.json');
    await expect(page.getByTestId('teach-error')).toContainText('expects 64 features');
    await expect(page.getByTestId('head')).toHaveCount(2);

    // Practice through the personal head: the HUD names it and the overlay shows its own class.
    await page.getByTestId('teach-close').click();
    await camera.show(page, clips.cascade[0]);
    await expect(page.getByTestId('hud-head')).toHaveText('Living room', { timeout: 20_000 });
    await expect(page.getByTestId('headline')).toHaveText('3 balls · my cascade', { timeout: 20_000 });
    await page.screenshot({ path: 'test-results/practice-personal-head.png' });

    // After a reload the active head is still used.
    await page.reload();
    await expect(page.getByTestId('hud-head')).toHaveText('Living room', { timeout: 30_000 });

    // Closing Teach cancels the teaching: the worker hears cancel(id), the job ends at its next
    // step (it does not run to its end) and practice goes on. Once the job has started, the
    // worker's zero-delay timers (the job's yields between clips) are held, so the close lands
    // mid-job however fast or loaded the machine is; released after the close, the job must end
    // as cancelled.
    await expect(page.getByTestId('headline')).toHaveText('3 balls · my cascade', { timeout: 20_000 });
    const fresh = page.workers().filter((worker) => worker.url().includes('inference')).at(-1);
    expect(fresh, 'the inference worker runs').toBeTruthy();
    await fresh!.evaluate(holdTeachingInWorker);
    await page.getByTestId('teach-open').click();
    await page.getByTestId('teach-start').click();
    const hold = () => fresh!.evaluate(() => (self as unknown as { __jtHold: TeachingHold }).__jtHold);
    await expect.poll(async () => (await hold()).held, { timeout: 60_000 }).toBeGreaterThan(0);
    await page.getByTestId('teach-close').click();
    await expect.poll(async () => (await hold()).cancels).toBe(1);
    await fresh!.evaluate(() => (self as unknown as { __jtRelease: () => void }).__jtRelease());
    await expect.poll(async () => (await hold()).thrown).toContain('JobCancelledError');
    // Practice goes on: a new picture gets a new reading.
    await camera.show(page, clips.empty[0]);
    await expect(page.getByTestId('headline')).not.toHaveText('3 balls · my cascade', { timeout: 20_000 });

    // Stop using it: back to the shipped head.
    await page.getByTestId('teach-open').click();
    await page.getByTestId('head-stop').first().click();
    await page.getByTestId('teach-close').click();
    await expect(page.getByTestId('hud-head')).toHaveText('shipped', { timeout: 20_000 });
  } catch (error) {
    console.log(app.logs.slice(-30).join('\n'));
    throw error;
  } finally {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  }
});
