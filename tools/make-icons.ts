// Writes the PWA icons (public/icons/*.png) with pngjs, so no image editor or binary blob
// source is needed: a dark disc with three bright balls in a cascade arc.
// Run: npx tsx tools/make-icons.ts
import { writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

// pngjs ships no types; this is the small part of its API used here.
interface PngImage {
  readonly data: Buffer;
}
interface PngModule {
  PNG: { new (options: { width: number; height: number }): PngImage; sync: { write(png: PngImage): Buffer } };
}
const { PNG } = createRequire(import.meta.url)('pngjs') as PngModule;

const BACKGROUND = [16, 20, 32] as const;
const PLATE = [32, 44, 72] as const;
const BALLS = [
  [255, 196, 0],
  [255, 82, 82],
  [64, 200, 255],
] as const;

function drawIcon(size: number, maskable: boolean): Buffer {
  const png = new PNG({ width: size, height: size });
  // Maskable icons must keep everything important inside the central 80 % "safe zone".
  const scale = maskable ? 0.72 : 1;
  const centre = size / 2;
  const plateRadius = (size / 2) * (maskable ? 1.5 : 0.96);
  const balls = [
    { x: 0.3, y: 0.58 },
    { x: 0.5, y: 0.3 },
    { x: 0.7, y: 0.58 },
  ].map((ball, index) => ({
    x: centre + (ball.x - 0.5) * size * scale,
    y: centre + (ball.y - 0.5) * size * scale,
    radius: size * 0.12 * scale,
    colour: BALLS[index],
  }));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const offset = (y * size + x) * 4;
      let colour: readonly number[] = BACKGROUND;
      let alpha = maskable ? 255 : 0;
      if (Math.hypot(x + 0.5 - centre, y + 0.5 - centre) <= plateRadius) {
        colour = PLATE;
        alpha = 255;
      }
      for (const ball of balls) {
        if (Math.hypot(x + 0.5 - ball.x, y + 0.5 - ball.y) <= ball.radius) {
          colour = ball.colour;
          alpha = 255;
        }
      }
      png.data[offset] = colour[0];
      png.data[offset + 1] = colour[1];
      png.data[offset + 2] = colour[2];
      png.data[offset + 3] = alpha;
    }
  }
  return PNG.sync.write(png);
}

const outputDir = new URL('../public/icons/', import.meta.url);
mkdirSync(outputDir, { recursive: true });
writeFileSync(new URL('icon-192.png', outputDir), drawIcon(192, false));
writeFileSync(new URL('icon-512.png', outputDir), drawIcon(512, false));
writeFileSync(new URL('icon-512-maskable.png', outputDir), drawIcon(512, true));
console.log('wrote public/icons/icon-192.png, icon-512.png, icon-512-maskable.png');
