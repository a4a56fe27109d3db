// Backgrounds (flat, gradients, noise, rooms with clutter, textures), a moving distractor,
// and a static foreground occluder at a frame edge.
import type { Camera } from './camera.ts';
import { paintPhotoBackground, type PhotoLibrary } from './photos.ts';
import type { Random } from '../core/random.ts';
import type { Colour, Raster } from './raster.ts';
import type { WorldRanges } from './randomisation.ts';

function colourIn(random: Random, ranges: WorldRanges): Colour {
  const brightness = random.range(ranges.backgroundBrightness);
  const tint = random.uniform(0, 0.5);
  return [0, 1, 2].map(() => Math.min(1, Math.max(0, brightness * (1 - tint + tint * random.uniform(0, 2))))) as unknown as Colour;
}

/** Photographs to paint backgrounds from, with their own random stream (so scenes without photos draw as before). */
export interface PhotoBackdrop {
  readonly library: PhotoLibrary;
  readonly random: Random;
}

/**
 * Paints the static background; returns its mean colour (for low-contrast balls). Room clutter
 * comes from `clutterRandom`, after the mean is taken, so the base draws and the mean never change.
 * Given `photos`, it is a real photograph with the chance `ranges.photoBackgroundChance`.
 */
export function paintBackground(raster: Raster, random: Random, ranges: WorldRanges, camera: Camera, clutterRandom?: Random, photos?: PhotoBackdrop): Colour {
  if (photos && photos.library.photos.length > 0 && photos.random.chance(ranges.photoBackgroundChance)) return paintPhotoBackground(raster, photos.random, ranges, photos.library);
  const kind = random.pick(ranges.backgrounds);
  const { width, height } = raster;
  let floorTop = height;
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
      floorTop = wallBase ? Math.min(Math.max(wallBase.y, 0), height) : height * 0.8;
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
  if (kind === 'room' && clutterRandom && clutterRandom.chance(ranges.roomClutterChance)) paintClutter(raster, clutterRandom, ranges, floorTop);
  return [mean[0] / count, mean[1] / count, mean[2] / count];
}

/** Small things on the walls and floor of a room: shelves of books, pictures, lamps, plants, clocks. */
function paintClutter(raster: Raster, random: Random, ranges: WorldRanges, floorTop: number): void {
  const { width, height } = raster;
  const pieces = random.int(ranges.roomClutter[0], ranges.roomClutter[1]);
  for (let piece = 0; piece < pieces; piece++) {
    const x = random.uniform(0, width);
    const y = random.uniform(0.05, 0.95) * Math.max(floorTop, height * 0.3);
    const size = random.uniform(0.04, 0.16) * width;
    const colour = random.chance(0.3) ? saturatedish(random) : colourIn(random, ranges);
    switch (random.pick(['shelf', 'picture', 'lamp', 'plant', 'clock'] as const)) {
      case 'shelf': {
        const shelfWidth = size * random.uniform(1.5, 3);
        raster.box(x, y, x + shelfWidth, y + Math.max(1, size * 0.08), colour);
        for (let left = x + size * 0.1; left < x + shelfWidth - size * 0.1;) {
          const bookWidth = size * random.uniform(0.06, 0.14);
          const bookHeight = size * random.uniform(0.3, 0.6);
          raster.box(left, y - bookHeight, left + bookWidth, y, colourIn(random, ranges));
          left += bookWidth + (random.chance(0.2) ? size * random.uniform(0.1, 0.4) : 0);
        }
        break;
      }
      case 'picture': {
        const pictureHeight = size * random.uniform(0.6, 1.3);
        const frame = Math.max(1, size * 0.06);
        raster.box(x, y, x + size, y + pictureHeight, colour);
        raster.box(x + frame, y + frame, x + size - frame, y + pictureHeight - frame, colourIn(random, ranges));
        break;
      }
      case 'lamp': {
        const poleHeight = size * random.uniform(2, 4);
        const bottom = Math.min(floorTop + size * 0.2, height);
        raster.capsule(x, bottom, x, bottom - poleHeight, Math.max(0.6, size * 0.03), Math.max(0.6, size * 0.03), colour);
        raster.box(x - size * 0.3, bottom - poleHeight - size * 0.4, x + size * 0.3, bottom - poleHeight, colourIn(random, ranges), 0.95);
        break;
      }
      case 'plant': {
        const green: Colour = [random.uniform(0.05, 0.3), random.uniform(0.3, 0.6), random.uniform(0.05, 0.25)];
        const bottom = Math.min(floorTop + size * 0.3, height);
        raster.box(x - size * 0.2, bottom - size * 0.35, x + size * 0.2, bottom, colour);
        const leaves = random.int(5, 9);
        for (let leaf = 0; leaf < leaves; leaf++) {
          const leafX = x + random.uniform(-0.4, 0.4) * size;
          const leafY = bottom - size * random.uniform(0.4, 1.2);
          raster.capsule(x, bottom - size * 0.35, leafX, leafY, Math.max(0.6, size * 0.05), Math.max(0.6, size * random.uniform(0.08, 0.16)), green.map((value) => value * random.uniform(0.7, 1.2)) as unknown as Colour);
        }
        break;
      }
      case 'clock': {
        const radius = size * random.uniform(0.25, 0.5);
        raster.capsule(x, y, x, y, radius, radius, colour);
        raster.capsule(x, y, x, y, radius * 0.82, radius * 0.82, colourIn(random, ranges));
        break;
      }
    }
  }
}

function saturatedish(random: Random): Colour {
  const channels = [random.uniform(0, 0.3), random.uniform(0.3, 0.7), random.uniform(0.7, 1)];
  for (let index = channels.length - 1; index > 0; index--) {
    const other = random.int(0, index);
    [channels[index], channels[other]] = [channels[other], channels[index]];
  }
  return [channels[0], channels[1], channels[2]];
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

/** Something static between the camera and the juggler at a frame edge: a table edge at the bottom, a door frame at a side. */
export interface Occluder {
  readonly edge: 'bottom' | 'left' | 'right';
  /** How far into the frame it reaches, pixels. */
  readonly depthPx: number;
  readonly colour: Colour;
  readonly lip: Colour;
}

/** Where an occluder may reach without hiding anything that matters (balls, hands), pixels. */
export interface ClearArea {
  readonly left: number;
  readonly right: number;
  readonly bottom: number;
}

/** `clearArea` is asked only when the scene gets an occluder (it samples the whole loop). */
export function makeOccluder(random: Random, ranges: WorldRanges, width: number, height: number, clearArea: () => ClearArea): Occluder | null {
  if (!random.chance(ranges.occluderChance)) return null;
  const clear = clearArea();
  const edge = random.chance(0.7) ? 'bottom' : random.chance(0.5) ? 'left' : 'right';
  const wanted = random.range(ranges.occluderSize) * (edge === 'bottom' ? height : width);
  const room = edge === 'bottom' ? height - clear.bottom : edge === 'left' ? clear.left : width - clear.right;
  const depthPx = Math.min(wanted, room);
  const colour = colourIn(random, ranges);
  const lipShift = random.uniform(-0.25, 0.25);
  const lip = colour.map((value) => Math.min(1, Math.max(0, value + lipShift))) as unknown as Colour;
  // Too little room to show an occluder without hiding the juggling: none.
  if (depthPx < 0.03 * (edge === 'bottom' ? height : width)) return null;
  return { edge, depthPx, colour, lip };
}

export function drawOccluder(raster: Raster, occluder: Occluder): void {
  const { width, height } = raster;
  const { depthPx, colour, lip } = occluder;
  const lipPx = Math.max(1, depthPx * 0.15);
  if (occluder.edge === 'bottom') {
    raster.box(0, height - depthPx, width, height, colour);
    raster.box(0, height - depthPx, width, height - depthPx + lipPx, lip);
  } else if (occluder.edge === 'left') {
    raster.box(0, 0, depthPx, height, colour);
    raster.box(depthPx - lipPx, 0, depthPx, height, lip);
  } else {
    raster.box(width - depthPx, 0, width, height, colour);
    raster.box(width - depthPx, 0, width - depthPx + lipPx, height, lip);
  }
}
