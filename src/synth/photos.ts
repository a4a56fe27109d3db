// Real photographs as backgrounds: a random crop of a random photo, zoomed, flipped, jittered in
// brightness, contrast and colour, sometimes slightly blurred, painted into the float raster.
// Pure: the photos arrive as plain bytes (tools/lib/photos.ts loads them in Node).
import type { Random } from '../core/random.ts';
import type { Colour, Raster } from './raster.ts';
import type { WorldRanges } from './randomisation.ts';

/** One image as 8-bit sRGB bytes, row-major, 3 per pixel (the bytes a camera would give). */
export interface Photo {
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;
  /** 'photo' for a photograph, 'drawn' for illustrations and renders, 'unknown' when not told. */
  readonly kind?: 'photo' | 'drawn' | 'unknown';
  readonly name?: string;
}

export interface PhotoLibrary {
  readonly photos: readonly Photo[];
}

/** The seed of the photo stream: its own generator, so that scenes without photos draw exactly as before. */
export function photoSeed(seed: number): number {
  return (Math.imul((seed ^ 0x50484f54) >>> 0, 0x5bd1e995) ^ 0x1b873593) >>> 0;
}

/**
 * Paints a jittered crop of one of the library's photos over the whole raster; returns its mean
 * colour (for low-contrast and near-background balls), as paintBackground does.
 */
export function paintPhotoBackground(raster: Raster, random: Random, ranges: WorldRanges, library: PhotoLibrary): Colour {
  const photo = library.photos[random.int(0, library.photos.length - 1)];
  const { width, height } = raster;
  // The largest crop of the frame's aspect that fits the photo, zoomed in by `scale`.
  const scale = random.range(ranges.photoScale);
  const aspect = width / height;
  const cropWidth = Math.min(photo.width, photo.height * aspect) / scale;
  const cropHeight = cropWidth / aspect;
  const left = random.uniform(0, photo.width - cropWidth);
  const top = random.uniform(0, photo.height - cropHeight);
  const flip = random.chance(0.5);
  const contrast = random.uniform(0.6, 1.3);
  const brightness = random.uniform(-0.15, 0.15);
  const gains = [random.uniform(0.85, 1.15), random.uniform(0.85, 1.15), random.uniform(0.85, 1.15)];
  const blur = random.chance(0.3);

  // Each frame pixel averages a grid of bilinear samples over its footprint in the photo, so a
  // photo shrunk 5× does not alias into noise.
  const step = cropWidth / width;
  const samples = Math.max(1, Math.ceil(step));
  const pixels = raster.pixels;
  const sample = [0, 0, 0];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      sample[0] = sample[1] = sample[2] = 0;
      for (let sy = 0; sy < samples; sy++) {
        const photoY = top + (y + (sy + 0.5) / samples) * step - 0.5;
        for (let sx = 0; sx < samples; sx++) {
          const frameX = flip ? width - x - (sx + 0.5) / samples : x + (sx + 0.5) / samples;
          addBilinear(photo, left + frameX * step - 0.5, photoY, sample);
        }
      }
      const base = (y * width + x) * 3;
      for (let channel = 0; channel < 3; channel++) {
        const value = sample[channel] / (samples * samples * 255);
        pixels[base + channel] = Math.min(1, Math.max(0, ((value - 0.5) * contrast + 0.5 + brightness) * gains[channel]));
      }
    }
  }
  if (blur) blurFloat(raster);
  const mean = [0, 0, 0];
  for (let index = 0; index < pixels.length; index += 3) for (let channel = 0; channel < 3; channel++) mean[channel] += pixels[index + channel];
  const count = pixels.length / 3;
  return [mean[0] / count, mean[1] / count, mean[2] / count];
}

function addBilinear(photo: Photo, x: number, y: number, into: number[]): void {
  const clampedX = Math.min(Math.max(x, 0), photo.width - 1);
  const clampedY = Math.min(Math.max(y, 0), photo.height - 1);
  const x0 = Math.floor(clampedX);
  const y0 = Math.floor(clampedY);
  const x1 = Math.min(x0 + 1, photo.width - 1);
  const y1 = Math.min(y0 + 1, photo.height - 1);
  const fx = clampedX - x0;
  const fy = clampedY - y0;
  const rgb = photo.rgb;
  const a = (y0 * photo.width + x0) * 3;
  const b = (y0 * photo.width + x1) * 3;
  const c = (y1 * photo.width + x0) * 3;
  const d = (y1 * photo.width + x1) * 3;
  for (let channel = 0; channel < 3; channel++) {
    const topRow = rgb[a + channel] + (rgb[b + channel] - rgb[a + channel]) * fx;
    const bottomRow = rgb[c + channel] + (rgb[d + channel] - rgb[c + channel]) * fx;
    into[channel] += topRow + (bottomRow - topRow) * fy;
  }
}

/** 3×3 box blur of the float raster, in place (a slightly soft focus on the background). */
function blurFloat(raster: Raster): void {
  const { width, height, pixels } = raster;
  const copy = pixels.slice();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let channel = 0; channel < 3; channel++) {
        let sum = 0;
        let count = 0;
        for (let dy = -1; dy <= 1; dy++) {
          const row = y + dy;
          if (row < 0 || row >= height) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const column = x + dx;
            if (column < 0 || column >= width) continue;
            sum += copy[(row * width + column) * 3 + channel];
            count++;
          }
        }
        pixels[(y * width + x) * 3 + channel] = sum / count;
      }
    }
  }
}
