import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createScene, type SceneOptions } from '../src/synth/index.ts';
import { paintPhotoBackground, type Photo, type PhotoLibrary } from '../src/synth/photos.ts';
import { Random } from '../src/core/random.ts';
import { Raster } from '../src/synth/raster.ts';
import { TRAIN_RANGES } from '../src/synth/randomisation.ts';
import { loadPhotoLibrary } from '../tools/lib/photos.ts';

const hash = (frames: Uint8ClampedArray[]): string => frames.reduce((digest, frame) => digest.update(frame), createHash('sha256')).digest('hex');

/** A 64×48 image with big features: red rises to the right, blue downwards, and a green checker. */
function gradientChecker(width = 64, height = 48): Photo {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const base = (y * width + x) * 3;
      rgb[base] = Math.round((x / (width - 1)) * 255);
      rgb[base + 1] = ((x >> 4) + (y >> 4)) % 2 ? 200 : 40;
      rgb[base + 2] = Math.round((y / (height - 1)) * 255);
    }
  }
  return { width, height, rgb, kind: 'photo', name: 'gradient-checker' };
}

const library: PhotoLibrary = { photos: [gradientChecker()] };
const base: SceneOptions = { className: '3b_cascade', seed: 11, width: 96, height: 72, fps: 15 };

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const count = a.length;
  let meanA = 0;
  let meanB = 0;
  for (let index = 0; index < count; index++) {
    meanA += a[index] / count;
    meanB += b[index] / count;
  }
  let product = 0;
  let squaresA = 0;
  let squaresB = 0;
  for (let index = 0; index < count; index++) {
    product += (a[index] - meanA) * (b[index] - meanB);
    squaresA += (a[index] - meanA) ** 2;
    squaresB += (b[index] - meanB) ** 2;
  }
  return product / Math.sqrt(squaresA * squaresB);
}

/** Seeds whose scene shows a photo, found by rendering the background with and without the library. */
function sceneShowsPhoto(seed: number): boolean {
  const plain = createScene({ ...base, seed }).frameAt(0);
  const withPhotos = createScene({ ...base, seed, photos: library }).frameAt(0);
  return hash([plain]) !== hash([withPhotos]);
}

test('without photos (or with an empty library), every scene renders exactly as before', () => {
  for (const style of ['train', 'shifted'] as const) {
    for (const seed of [1, 2, 3, 4]) {
      const options = { ...base, seed, style };
      const reference = hash(createScene(options).clip(1, 3));
      assert.equal(hash(createScene({ ...options, photos: undefined }).clip(1, 3)), reference);
      assert.equal(hash(createScene({ ...options, photos: { photos: [] } }).clip(1, 3)), reference);
    }
  }
});

test('shifted (evaluation) styles never show photos, so evaluation renders stay as they are', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const options = { ...base, seed, style: 'shifted' as const };
    assert.equal(hash(createScene({ ...options, photos: library }).clip(1, 2)), hash(createScene(options).clip(1, 2)));
  }
});

test('with photos, about photoBackgroundChance of training scenes show one, the same for the same seed', () => {
  const seeds = Array.from({ length: 40 }, (_, index) => 100 + index);
  const shown = seeds.filter(sceneShowsPhoto);
  assert.ok(shown.length > 12 && shown.length < 36, `${shown.length} of 40 scenes show a photo (chance ${TRAIN_RANGES.photoBackgroundChance})`);
  const seed = shown[0];
  const render = () => hash(createScene({ ...base, seed, photos: library }).clip(1, 3));
  assert.equal(render(), render(), 'deterministic for a seed');
});

test('a photo scene keeps its juggler: balls, hands and head are where the plain scene has them', () => {
  const seed = Array.from({ length: 40 }, (_, index) => 100 + index).find(sceneShowsPhoto);
  assert.ok(seed !== undefined);
  const plain = createScene({ ...base, seed }).imageAt(2);
  const photo = createScene({ ...base, seed, photos: library }).imageAt(2);
  assert.deepEqual(photo, plain, 'balls, hands and head are where they were: the photo draws shift nothing else');
});

test('the painted background follows the photo (correlation with the source crop, flip included)', () => {
  const photo = gradientChecker();
  // A raster of the photo's own shape at zoom 1 shows the whole photo, perhaps mirrored.
  const ranges = { ...TRAIN_RANGES, photoScale: [1, 1] as const };
  for (const seed of [1, 2, 3, 4, 5]) {
    const raster = new Raster(64, 48);
    const mean = paintPhotoBackground(raster, new Random(seed), ranges, { photos: [photo] });
    const painted = (channel: number) => Array.from({ length: 64 * 48 }, (_, index) => raster.pixels[index * 3 + channel]);
    const source = (channel: number, flip: boolean) => Array.from({ length: 64 * 48 }, (_, index) => {
      const x = index % 64;
      const y = Math.floor(index / 64);
      return photo.rgb[(y * 64 + (flip ? 63 - x : x)) * 3 + channel];
    });
    const best = Math.max(...[false, true].map((flip) => Math.min(...[0, 1, 2].map((channel) => correlation(painted(channel), source(channel, flip))))));
    assert.ok(best > 0.9, `seed ${seed}: background correlates with the photo (${best.toFixed(3)})`);
    assert.ok(mean.every((value) => value > 0.05 && value < 0.95), 'the mean colour is a plausible colour');
  }
});

test('a scene that shows a photo differs from the same scene without it, and shows the photo\'s edges', () => {
  const seed = Array.from({ length: 40 }, (_, index) => 100 + index).find(sceneShowsPhoto)!;
  const frame = createScene({ ...base, seed, photos: library }).frameAt(0);
  const plainFrame = createScene({ ...base, seed }).frameAt(0);
  let differing = 0;
  for (let index = 0; index < frame.length; index += 4) if (Math.abs(frame[index] - plainFrame[index]) > 20) differing++;
  assert.ok(differing > 0.3 * base.width * base.height, `${differing} pixels differ`);
  // The green checker's edges survive the crop: green varies far more than in a flat background.
  const green = Array.from({ length: base.width * base.height }, (_, index) => frame[index * 4 + 1]);
  const mean = green.reduce((sum, value) => sum + value, 0) / green.length;
  const spread = Math.sqrt(green.reduce((sum, value) => sum + (value - mean) ** 2, 0) / green.length);
  assert.ok(spread > 15, `green spread ${spread.toFixed(1)}`);
});

test('loadPhotoLibrary: null for a missing folder; reads the raw RGB files of an index; leaves out bad files', () => {
  assert.equal(loadPhotoLibrary(join(tmpdir(), 'no-such-photo-folder-' + process.pid)), null);
  const folder = mkdtempSync(join(tmpdir(), 'photos-'));
  const photo = gradientChecker();
  writeFileSync(join(folder, 'good.rgb'), photo.rgb);
  writeFileSync(join(folder, 'short.rgb'), photo.rgb.subarray(0, 100));
  writeFileSync(join(folder, 'flat.rgb'), new Uint8Array(64 * 48 * 3));
  writeFileSync(join(folder, 'index.json'), JSON.stringify({
    longSidePx: 64,
    photos: [
      { file: 'good.rgb', width: 64, height: 48, kind: 'photo', source: '/x/good.jpg' },
      { file: 'short.rgb', width: 64, height: 48, kind: 'photo', source: '/x/short.jpg' },
      { file: 'flat.rgb', width: 64, height: 48, kind: 'drawn', source: '/x/flat.png' },
      { file: 'gone.rgb', width: 64, height: 48, kind: 'photo', source: '/x/gone.jpg' },
    ],
  }));
  const warn = console.warn;
  console.warn = () => {};
  try {
    const loaded = loadPhotoLibrary(folder);
    assert.equal(loaded?.photos.length, 1);
    assert.deepEqual(Array.from(loaded!.photos[0].rgb), Array.from(photo.rgb));
    assert.equal(loaded!.photos[0].width, 64);
    assert.equal(loadPhotoLibrary(folder, { kinds: ['drawn'] }), null, 'no drawn photo survives');
  } finally {
    console.warn = warn;
  }
});
