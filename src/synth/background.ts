// Backgrounds (flat, gradients, noise, rooms, textures) and a moving distractor.
import type { Camera } from './camera.ts';
import type { Random } from './random.ts';
import type { Colour, Raster } from './raster.ts';
import type { WorldRanges } from './randomisation.ts';

function colourIn(random: Random, ranges: WorldRanges): Colour {
  const brightness = random.range(ranges.backgroundBrightness);
  const tint = random.uniform(0, 0.5);
  return [0, 1, 2].map(() => Math.min(1, Math.max(0, brightness * (1 - tint + tint * random.uniform(0, 2))))) as unknown as Colour;
}

/** Paints the static background; returns its mean colour (for low-contrast balls). */
export function paintBackground(raster: Raster, random: Random, ranges: WorldRanges, camera: Camera): Colour {
  const kind = random.pick(ranges.backgrounds);
  const { width, height } = raster;
  const first = colourIn(random, ranges);
  const second = colourIn(random, ranges);
  switch (kind) {
    case 'flat':
      raster.fill(first);
      break;
    case 'gradient':
      raster.gradient(first, second, colourIn(random, ranges), random.uniform(0, 0.7));
      break;
    case 'noise':
      raster.fill(first);
      raster.valueNoise(random, random.uniform(3, 30), random.uniform(0.2, 0.8), [1, random.uniform(0.6, 1.4), random.uniform(0.6, 1.4)]);
      break;
    case 'stripes': {
      raster.fill(first);
      const period = random.uniform(6, 40) * (width / 320);
      const vertical = random.chance(0.5);
      const count = (vertical ? width : height) / period;
      for (let index = 0; index < count; index += 2) {
        const start = index * period;
        if (vertical) raster.box(start, 0, start + period, height, second);
        else raster.box(0, start, width, start + period, second);
      }
      break;
    }
    case 'checker': {
      raster.fill(first);
      const cell = random.uniform(8, 48) * (width / 320);
      for (let y = 0; y * cell < height; y++) for (let x = (y % 2); x * cell < width; x += 2) raster.box(x * cell, y * cell, (x + 1) * cell, (y + 1) * cell, second);
      break;
    }
    case 'room': {
      raster.gradient(first, first.map((value) => value * random.uniform(0.6, 1)) as unknown as Colour, first, 0);
      const wallBase = camera.project([0, 0, -random.uniform(0.8, 2.5)]);
      const floorTop = wallBase ? Math.min(Math.max(wallBase.y, 0), height) : height * 0.8;
      raster.box(0, floorTop, width, height, second);
      raster.valueNoise(random, random.uniform(10, 40), 0.12, [1, 1, 1]);
      const furniture = random.int(1, 6);
      for (let index = 0; index < furniture; index++) {
        const left = random.uniform(-0.1, 0.9) * width;
        const top = random.uniform(0, 0.8) * floorTop;
        const boxWidth = random.uniform(0.05, 0.35) * width;
        const boxHeight = random.uniform(0.05, 0.5) * height;
        raster.box(left, top, left + boxWidth, Math.min(top + boxHeight, floorTop + 0.05 * height), colourIn(random, ranges), random.uniform(0.6, 1));
      }
      break;
    }
  }
  const pixels = raster.pixels;
  const mean = [0, 0, 0];
  for (let index = 0; index < pixels.length; index += 3) for (let channel = 0; channel < 3; channel++) mean[channel] += pixels[index + channel];
  const count = pixels.length / 3;
  return [mean[0] / count, mean[1] / count, mean[2] / count];
}

export interface Distractor {
  readonly colour: Colour;
  readonly size: number;
  readonly startX: number;
  readonly startY: number;
  readonly velocityX: number;
  readonly velocityY: number;
  readonly rectangular: boolean;
}

export function makeDistractor(random: Random, width: number, height: number): Distractor {
  return {
    colour: [random.next(), random.next(), random.next()],
    size: random.uniform(0.08, 0.25) * height,
    startX: random.uniform(0, width),
    startY: random.uniform(0, height),
    velocityX: random.uniform(-0.15, 0.15) * width,
    velocityY: random.uniform(-0.05, 0.05) * height,
    rectangular: random.chance(0.5),
  };
}

/** A slow object in the background (a person passing, a swinging lamp): it moves but is not juggling. */
export function drawDistractor(raster: Raster, distractor: Distractor, timeSec: number): void {
  const wrap = (value: number, size: number): number => ((value % (size + distractor.size * 2)) + size + distractor.size * 2) % (size + distractor.size * 2) - distractor.size;
  const x = wrap(distractor.startX + distractor.velocityX * timeSec, raster.width);
  const y = wrap(distractor.startY + distractor.velocityY * timeSec, raster.height);
  if (distractor.rectangular) raster.box(x - distractor.size / 2, y - distractor.size, x + distractor.size / 2, y + distractor.size, distractor.colour, 0.9);
  else raster.capsule(x, y, x, y, distractor.size / 2, distractor.size / 2, distractor.colour, 0.9);
}
