// Loads the photo cache that tools/install-photos.sh writes (raw RGB files + index.json) for
// SceneOptions.photos. Null when there is none, so renders work on a machine without photos.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Photo, PhotoLibrary } from '../../src/synth/photos.ts';

export const DEFAULT_PHOTO_FOLDER = 'data/photos';

interface IndexEntry {
  readonly file: string;
  readonly width: number;
  readonly height: number;
  readonly kind?: Photo['kind'];
  readonly source?: string;
}

export interface PhotoLoadOptions {
  /** Which kinds to keep (default: all). */
  readonly kinds?: readonly NonNullable<Photo['kind']>[];
}

/**
 * The photos in `folder`, or null when it has no index.json or no usable photo. A file of the wrong
 * length, or a nearly flat image (a transparent overlay on black), is left out with a warning.
 */
export function loadPhotoLibrary(folder = DEFAULT_PHOTO_FOLDER, options: PhotoLoadOptions = {}): PhotoLibrary | null {
  const indexPath = join(folder, 'index.json');
  if (!existsSync(indexPath)) return null;
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as { photos?: IndexEntry[] };
  const photos: Photo[] = [];
  for (const entry of index.photos ?? []) {
    if (options.kinds && !options.kinds.includes(entry.kind ?? 'unknown')) continue;
    const path = join(folder, entry.file);
    if (!existsSync(path)) {
      console.warn(`photos: ${path} is missing; rerun tools/install-photos.sh`);
      continue;
    }
    const rgb = new Uint8Array(readFileSync(path));
    if (rgb.length !== entry.width * entry.height * 3) {
      console.warn(`photos: ${path} has ${rgb.length} bytes, not ${entry.width}×${entry.height}×3; left out`);
      continue;
    }
    if (lumaSpread(rgb) < 4) continue;
    photos.push({ width: entry.width, height: entry.height, rgb, kind: entry.kind ?? 'unknown', name: entry.file });
  }
  return photos.length > 0 ? { photos } : null;
}

/** Standard deviation of the green channel, 0–255 (a cheap stand-in for luma). */
function lumaSpread(rgb: Uint8Array): number {
  let sum = 0;
  let squares = 0;
  const count = rgb.length / 3;
  for (let index = 1; index < rgb.length; index += 3) {
    sum += rgb[index];
    squares += rgb[index] * rgb[index];
  }
  const mean = sum / count;
  return Math.sqrt(Math.max(0, squares / count - mean * mean));
}
