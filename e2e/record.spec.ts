// Recording your own clips: the fake webcam plays a rendered clip of the synthetic juggler; the
// record view records clips (video + model-ready tensor) into IndexedDB; the dataset view lists
// and plays them after a reload, exports them to a zip, and a fresh profile imports that zip
// identically. A malformed zip is rejected with every reason and nothing is written.
import { expect } from '@playwright/test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildManifest, clipPaths, writeClipZip, type ClipMetadata } from '../src/core/clip-zip.ts';
import { parseModelSpec } from '../src/core/model-spec.ts';
import { RENDER_CLI, renderClip } from '../tools/lib/webcam-clips.ts';
import { datasetTest as test, openDataset, recordWebm, storedClips, testClipMeta, type StoredClipSummary } from './dataset.ts';

const spec = parseModelSpec(JSON.parse(readFileSync(new URL('../models/model.json', import.meta.url), 'utf8')));

test.skip(!existsSync(RENDER_CLI), 'needs the synthetic juggler CLI (tools/render.ts)');

test('record 3 clips, reload: listed and playable; export, import into a fresh profile: identical; relabel, delete, undo', async ({ open, directory }, testInfo) => {
  test.setTimeout(240_000);
  const clip = renderClip(directory, '3b_cascade', 900013);
  const { page, logs } = await open(clip);
  await page.getByTestId('record-open').click();
  await expect(page.getByTestId('record-view')).toBeVisible();

  // A custom class name is checked against the grammar, with the reason shown.
  await page.getByTestId('record-label').selectOption('__other__');
  await page.getByTestId('record-custom-label').fill('Three balls');
  await expect(page.getByTestId('label-error')).toContainText('is not a class name');
  await expect(page.getByTestId('record-start')).toBeDisabled();
  await page.getByTestId('record-custom-label').fill('3b_cascade_practice');
  await expect(page.getByTestId('label-error')).toHaveCount(0);
  await page.getByTestId('record-label').selectOption('3b_cascade');

  // One clip with the default countdown: a large number counts down, then it records, then review.
  await expect(page.getByTestId('record-start')).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByTestId('storage-status')).toContainText('used of');
  await page.keyboard.press('Space');
  // 3, 2, 1, a second each: any of them (one number lasts less than a poll on a loaded machine).
  await expect(page.getByTestId('countdown')).toHaveText(/^[1-3]$/);
  await page.screenshot({ path: testInfo.outputPath('record-countdown.png') });
  await expect(page.getByTestId('recording-indicator')).toBeVisible({ timeout: 5_000 });
  await page.screenshot({ path: testInfo.outputPath('record-recording.png') });
  await expect(page.getByTestId('review-video')).toBeVisible({ timeout: 10_000 });
  await page.getByTestId('review-keep').click();
  await expect(page.getByTestId('record-saved-count')).toHaveAttribute('data-count', '1');

  // A series of two with a 1-second countdown, kept as they come.
  await page.getByTestId('record-countdown-seconds').fill('1');
  await page.getByTestId('record-countdown-seconds').dispatchEvent('change');
  await page.getByTestId('record-series').fill('2');
  await page.getByTestId('record-series').dispatchEvent('change');
  await page.getByTestId('record-label').selectOption('2b_continuous');
  await page.getByTestId('record-start').click();
  await expect(page.getByTestId('record-saved-count')).toHaveAttribute('data-count', '3', { timeout: 20_000 });
  await expect(page.getByTestId('record-start')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('record-view.png') });

  const recorded = await storedClips(page);
  expect(recorded).toHaveLength(3);
  for (const stored of recorded) {
    expect(stored.videoBytes).toBeGreaterThan(1000);
    expect(stored.videoMimeType).toMatch(/^video\/(webm|mp4)/);
    expect([stored.height, stored.width, stored.fps]).toEqual([spec.input.height, spec.input.width, spec.input.fps]);
    // About 3 s at the model's fps.
    expect(stored.frames).toBeGreaterThanOrEqual(spec.input.fps * 2);
    expect(stored.frames).toBeLessThanOrEqual(spec.input.fps * 4);
    expect(stored.tensorBytes).toBe(3 * stored.frames * stored.height * stored.width);
  }
  expect(new Set(recorded.map((stored) => stored.recordingSessionId)).size).toBe(1);
  expect(recorded.map((stored) => stored.split)).toEqual(['train', 'train', 'train']);
  expect(recorded.map((stored) => stored.label).sort()).toEqual(['2b_continuous', '2b_continuous', '3b_cascade']);

  // After a reload the clips are still there, with thumbnails and a playable video.
  await page.reload();
  await openDataset(page);
  await expect(page.getByTestId('dataset-summary')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('split-note')).toContainText('one recording session');
  await expect(page.getByTestId('class-counts').locator('tr[data-class="2b_continuous"]')).toContainText('2');
  await expect(page.getByTestId('clip-card')).toHaveCount(3);
  await expect(page.getByTestId('clip-thumb').first()).toHaveAttribute('data-drawn', 'true');
  await page.screenshot({ path: testInfo.outputPath('dataset-view.png'), fullPage: true });
  await page.getByTestId('clip-card').first().getByTestId('clip-play').click();
  const player = page.getByTestId('clip-player');
  await expect.poll(() => player.evaluate((video: HTMLVideoElement) => video.readyState), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  expect(await player.evaluate((video: HTMLVideoElement) => video.videoWidth)).toBeGreaterThan(0);
  await page.screenshot({ path: testInfo.outputPath('dataset-player.png') });
  await page.getByTestId('player-close').click();

  // Export downloads one zip.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dataset-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^juggling-clips-\d{4}-\d{2}-\d{2}\.zip$/);
  const zipPath = join(directory, download.suggestedFilename());
  await download.saveAs(zipPath);
  await expect(page.getByTestId('dataset-message')).toContainText('Exported 3 clips');
  const entries = Object.keys(unzipSync(readFileSync(zipPath))).sort();
  expect(entries.filter((name) => name.startsWith('videos_train/2b_continuous/'))).toHaveLength(2);
  expect(entries.filter((name) => name.startsWith('tensors/'))).toHaveLength(3);
  expect(entries).toContain('manifest.json');

  // A fresh profile imports it: same ids, labels, metadata, tensors and videos byte for byte.
  const fresh = await open(null);
  await openDataset(fresh.page);
  await expect(fresh.page.getByTestId('dataset-summary')).toHaveAttribute('data-count', '0');
  await fresh.page.getByTestId('dataset-import-input').setInputFiles(zipPath);
  await expect(fresh.page.getByTestId('dataset-message')).toContainText('Imported 3 clips');
  await expect(fresh.page.getByTestId('clip-card')).toHaveCount(3);
  expect(await storedClips(fresh.page)).toEqual(recorded);
  // Importing the same file again changes nothing.
  await fresh.page.getByTestId('dataset-import-input').setInputFiles(zipPath);
  await expect(fresh.page.getByTestId('dataset-message')).toContainText('Imported 0 clips');
  expect(await storedClips(fresh.page)).toEqual(recorded);

  // Relabel (checked against the grammar), delete and undo.
  const cards = fresh.page.getByTestId('clip-card');
  await fresh.page.locator('[data-testid="clip-card"][data-label="3b_cascade"]').getByTestId('clip-relabel').click();
  await fresh.page.getByTestId('relabel-input').fill('three balls');
  await fresh.page.getByTestId('relabel-save').click();
  await expect(fresh.page.getByTestId('relabel-error')).toContainText('is not a class name');
  await fresh.page.getByTestId('relabel-input').fill('3b_cascade_too-high');
  await fresh.page.getByTestId('relabel-save').click();
  await expect(fresh.page.locator('[data-testid="clip-card"][data-label="3b_cascade_too-high"]')).toHaveCount(1);
  await fresh.page.locator('[data-testid="clip-card"][data-label="2b_continuous"]').first().getByTestId('clip-delete').click();
  await expect(cards).toHaveCount(2);
  expect(await storedClips(fresh.page)).toHaveLength(2);
  await fresh.page.getByTestId('undo-delete').click();
  await expect(cards).toHaveCount(3);
  const edited = await storedClips(fresh.page);
  expect(edited.map((stored) => stored.label).sort()).toEqual(['2b_continuous', '2b_continuous', '3b_cascade_too-high']);
  const withoutLabel = (clips: StoredClipSummary[]) => clips.map(({ label: _label, ...rest }) => rest);
  expect(withoutLabel(edited)).toEqual(withoutLabel(recorded));
  expect(logs.filter((line) => line.startsWith('[pageerror]'))).toEqual([]);
});

/** Two clips with a real (decodable) video each: the importer tries every video before writing. */
function syntheticArchive(video: Uint8Array): { entries: Record<string, Uint8Array>; metas: ClipMetadata[] } {
  const metas = [0, 1].map((index) => testClipMeta(index, `c0ffee0${index}-1111-4222-8333-444444444444`, index ? '3b_cascade' : '1b_toss'));
  const files = new Map<string, Uint8Array>();
  for (const meta of metas) {
    const paths = clipPaths(meta);
    files.set(paths.video, video);
    files.set(paths.tensor, new Uint8Array(3 * meta.frames * spec.input.height * spec.input.width).fill(100));
  }
  return { entries: unzipSync(writeClipZip(buildManifest(metas, spec, 1_795_000_100_000), files)), metas };
}

test('a malformed zip is rejected with every reason and nothing is written', async ({ open, directory }, testInfo) => {
  const { page } = await open(null);
  const { entries, metas } = syntheticArchive(await recordWebm(page));
  const badTensor = clipPaths(metas[0]).tensor;
  const bad = zipSync({ ...entries, [badTensor]: entries[badTensor].subarray(0, 5000), '../escape.txt': strToU8('outside') });
  const badPath = join(directory, 'bad.zip');
  writeFileSync(badPath, bad);
  await openDataset(page);
  await page.getByTestId('dataset-import-input').setInputFiles(badPath);
  const problems = page.getByTestId('import-problems');
  await expect(problems).toContainText('Nothing was imported');
  await expect(problems).toContainText('"../escape.txt": path traversal ("..") is not allowed');
  await expect(problems).toContainText(`tensor ${badTensor} has 5000 bytes, but 3 × 45 frames × 64 × 64 = 552960 are needed`);
  await page.screenshot({ path: testInfo.outputPath('import-problems.png') });
  expect(await storedClips(page)).toEqual([]);
  await expect(page.getByTestId('dataset-summary')).toHaveAttribute('data-count', '0');

  // The same archive without the two defects imports.
  const goodPath = join(directory, 'good.zip');
  writeFileSync(goodPath, zipSync(entries));
  await page.getByTestId('dataset-import-input').setInputFiles(goodPath);
  await expect(page.getByTestId('dataset-message')).toContainText('Imported 2 clips');
  expect((await storedClips(page)).map((clip) => clip.id)).toEqual(metas.map((meta) => meta.id));
  await expect(page.getByTestId('import-problems')).toHaveCount(0);
});
