// Writes RGBA bytes to a PNG file (pngjs).
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

export function writePng(path: string, rgba: ArrayLike<number>, width: number, height: number): void {
  const png = new PNG({ width, height });
  for (let index = 0; index < width * height * 4; index++) png.data[index] = rgba[index];
  writeFileSync(path, PNG.sync.write(png));
}
