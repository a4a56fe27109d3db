// Importing a clip zip off the main thread: an archive of many clips is read, inflated and
// CRC-checked in a worker (the zip-import worker is started for it) while the page shows the
// progress; how long the page's tasks take is a benchmark's to measure, not this test's; every video is tried in the browser before anything is written, so an archive
// with a video it cannot decode, or a damaged entry, is rejected with the reason and the clips
// already stored stay exactly as they were.
import { expect, type Page } from '@playwright/test';
import { strToU8, unzipSync } from 'fflate';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildManifest, clipPaths, writeClipZip, type ClipMetadata } from '../src/core/clip-zip.ts';
import { parseModelSpec } from '../src/core/model-spec.ts';
import { craftZip, entryOf, zeroStream } from '../tools/lib/zip-craft.ts';
import { datasetTest as test, openDataset, recordWebm, storedClips, testClipMeta } from './dataset.ts';

const spec = parseModelSpec(JSON.parse(readFileSync(new URL('../models/model.json', import.meta.url), 'utf8')));
const { height, width } = spec.input;
/** testClipMeta's frame count. */
const FRAMES = 45;

/** A tensor that deflates like real frames (smooth gradients with noise), different per clip. */
function tensorOf(index: number): Uint8Array {
  const tensor = new Uint8Array(3 * FRAMES * height * width);
  let seed = index * 2_654_435_761 + 1;
  for (let offset = 0; offset < tensor.length; offset++) {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    tensor[offset] = (((offset % width) * 3 + ((offset / width) | 0) + index) & 255) ^ (seed >>> 29);
  }
  return tensor;
}

/** An archive of `count` clips written by the app's own zip writer; `videoOf` gives each clip's video bytes. */
function archiveOf(count: number, prefix: string, videoOf: (index: number) => Uint8Array): { bytes: Uint8Array; metas: ClipMetadata[] } {
  const metas = Array.from({ length: count }, (_, index) => testClipMeta(index, `${prefix}-${String(index).padStart(4, '0')}`, ['1b_toss', '2b_continuous', '3b_cascade'][index % 3]));
  const files = new Map<string, Uint8Array>();
  for (const [index, meta] of metas.entries()) {
    const paths = clipPaths(meta);
    files.set(paths.video, videoOf(index));
    files.set(paths.tensor, tensorOf(index));
  }
  return { bytes: writeClipZip(buildManifest(metas, spec, 1_795_000_100_000), files), metas };
}

/** The archive again, with `path` replaced by 64 MiB of zeros deflated, still declaring its true size and CRC (a zip bomb). */
function lyingSize(archive: Uint8Array, path: string): Uint8Array {
  const bomb = zeroStream(64 * 1024 * 1024);
  return craftZip(
    Object.entries(unzipSync(archive)).map(([name, data]) => (name === path ? { ...entryOf(name, data), data: bomb } : entryOf(name, data, name.startsWith('videos_')))),
  );
}

/** Long tasks (the main thread busy ≥ 50 ms at once) and CSP violations, collected from now on. */
/** Content-security-policy violations from now on (a worker blocked by the policy would show here). */
async function watchViolations(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { __violations: seen });
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
}

const violationsSeen = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

test('a zip of 120 clips is checked in the zip-import worker: progress shown, all clips stored', async ({ open, directory }, testInfo) => {
  test.setTimeout(600_000);
  const { page } = await open(null);
  await openDataset(page);
  const video = await recordWebm(page);
  const clipCount = 120;
  const { bytes, metas } = archiveOf(clipCount, 'many', () => video);
  const zipPath = join(directory, 'many-clips.zip');
  writeFileSync(zipPath, bytes);

  await watchViolations(page);
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.getByTestId('dataset-import-input').setInputFiles(zipPath);
  // The worker reports entries and bytes as it goes (the manifest, then a video and a tensor per clip).
  await expect(page.getByTestId('import-progress-text')).toContainText(new RegExp(`^Checking entries: \\d+ / ${1 + 2 * clipCount} \\(`), { timeout: 120_000 });
  await page.screenshot({ path: testInfo.outputPath('import-progress.png') });
  await expect(page.getByTestId('dataset-message')).toContainText(`Imported ${clipCount} clips`, { timeout: 480_000 });
  await expect(page.getByTestId('import-progress')).toHaveCount(0);
  // The archive is read where the page cannot be blocked by it: the import's own worker.
  expect(workers.some((url) => /zip-import/.test(url)), `workers started for the import: ${JSON.stringify(workers)}`).toBe(true);
  expect(await violationsSeen(page)).toEqual([]);

  const stored = await storedClips(page);
  expect(stored.map((clip) => clip.id)).toEqual(metas.map((meta) => meta.id));
  expect(new Set(stored.map((clip) => clip.videoBytes))).toEqual(new Set([video.length]));
  expect(stored.every((clip) => clip.tensorBytes === 3 * FRAMES * height * width)).toBe(true);
});

test('a video the browser cannot decode, or a damaged video entry, is rejected with the reason; stored clips are kept', async ({ open, directory }) => {
  test.setTimeout(300_000);
  const { page } = await open(null);
  await openDataset(page);
  const video = await recordWebm(page);

  // Two good clips first: what must survive every rejected import below.
  const goodPath = join(directory, 'good.zip');
  writeFileSync(goodPath, archiveOf(2, 'kept', () => video).bytes);
  await page.getByTestId('dataset-import-input').setInputFiles(goodPath);
  await expect(page.getByTestId('dataset-message')).toContainText('Imported 2 clips', { timeout: 120_000 });
  const before = await storedClips(page);
  expect(before).toHaveLength(2);

  // A well-formed archive (sizes and CRCs right) whose second video is not a video.
  const undecodable = archiveOf(3, 'bad-video', (index) => (index === 1 ? strToU8('not really a video, but its CRC is right') : video));
  const undecodablePath = join(directory, 'undecodable.zip');
  writeFileSync(undecodablePath, undecodable.bytes);
  await page.getByTestId('dataset-import-input').setInputFiles(undecodablePath);
  const problems = page.getByTestId('import-problems');
  await expect(problems).toContainText('Nothing was imported', { timeout: 180_000 });
  const badVideo = clipPaths(undecodable.metas[1]).video;
  await expect(problems).toContainText(`clip ${undecodable.metas[1].id}: its video ${badVideo} (video/webm;codecs=vp8) cannot be decoded`);
  await expect(problems.locator('li')).toHaveCount(1);
  expect(await storedClips(page)).toEqual(before);
  await expect(page.getByTestId('dataset-summary')).toHaveAttribute('data-count', '2');

  // A real video with one byte changed in the archive: its CRC-32 no longer matches (checked in the worker).
  const damaged = archiveOf(1, 'bad-crc', () => video).bytes.slice();
  const at = damaged.findIndex((byte, index) => byte === 0x1a && damaged[index + 1] === 0x45 && damaged[index + 2] === 0xdf && damaged[index + 3] === 0xa3);
  expect(at).toBeGreaterThan(0);
  damaged[at + Math.floor(video.length / 2)] ^= 0xff;
  const damagedPath = join(directory, 'damaged.zip');
  writeFileSync(damagedPath, damaged);
  await page.getByTestId('dataset-import-input').setInputFiles(damagedPath);
  await expect(problems).toContainText('fails its checksum', { timeout: 180_000 });
  expect(await storedClips(page)).toEqual(before);

  // A zip bomb: a tensor entry that inflates past its declared size is stopped and rejected.
  const good = archiveOf(1, 'bomb', () => video);
  const tensorPath = clipPaths(good.metas[0]).tensor;
  const bombPath = join(directory, 'bomb.zip');
  writeFileSync(bombPath, lyingSize(good.bytes, tensorPath));
  await page.getByTestId('dataset-import-input').setInputFiles(bombPath);
  await expect(problems).toContainText(`"${tensorPath}" unpacks to more than its declared`, { timeout: 180_000 });
  expect(await storedClips(page)).toEqual(before);
});
