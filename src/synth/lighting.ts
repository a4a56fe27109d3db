// Uneven light and sensor colour noise: a per-pixel gain (vignette, light falling off across
// the room) and blotchy chroma noise, as cheap webcams in real rooms produce.
import type { Random } from '../core/random.ts';
import type { WorldRanges } from './randomisation.ts';

/** A static per-pixel brightness factor for the scene, or null for even light. */
export function lightingGain(random: Random, ranges: WorldRanges, width: number, height: number): Float32Array | null {
  const vignette = random.chance(ranges.vignetteChance) ? random.range(ranges.vignetteStrength) : 0;
  const gradient = random.chance(ranges.lightGradientChance) ? random.range(ranges.lightGradientStrength) : 0;
  if (vignette === 0 && gradient === 0) return null;
  const centreX = random.uniform(-0.15, 0.15);
  const centreY = random.uniform(-0.15, 0.15);
  const angle = random.uniform(0, 2 * Math.PI);
  const directionX = Math.cos(angle);
  const directionY = Math.sin(angle);
  const gain = new Float32Array(width * height);
  const halfDiagonal = Math.hypot(width, height) / 2;
  for (let y = 0; y < height; y++) {
    const dy = (y + 0.5 - height / 2) / halfDiagonal;
    for (let x = 0; x < width; x++) {
      const dx = (x + 0.5 - width / 2) / halfDiagonal;
      const offsetX = dx - centreX;
      const offsetY = dy - centreY;
      const falloff = 1 - vignette * Math.min(1, offsetX * offsetX + offsetY * offsetY);
      gain[y * width + x] = falloff * (1 + gradient * (dx * directionX + dy * directionY));
    }
  }
  return gain;
}

export interface ChromaNoise {
  /** Standard deviation in [0, 1] units. */
  readonly amount: number;
  readonly blockPx: number;
}

export function makeChromaNoise(random: Random, ranges: WorldRanges): ChromaNoise | null {
  if (!random.chance(ranges.chromaNoiseChance)) return null;
  return { amount: random.range(ranges.chromaNoise), blockPx: Math.round(random.range(ranges.chromaBlockPx)) };
}

/** Adds blotchy colour noise to RGBA bytes in place, keeping each pixel's luminance. */
export function addChromaNoise(rgba: Uint8ClampedArray, width: number, height: number, noise: ChromaNoise, random: Random): void {
  const blocksAcross = Math.ceil(width / noise.blockPx);
  const blocksDown = Math.ceil(height / noise.blockPx);
  // Uniform noise of the wanted standard deviation: one draw per value keeps this cheap.
  const scale = noise.amount * 255 * 2 * Math.sqrt(3);
  const red = new Float32Array(blocksAcross * blocksDown);
  const blue = new Float32Array(blocksAcross * blocksDown);
  for (let index = 0; index < red.length; index++) {
    red[index] = (random.next() - 0.5) * scale;
    blue[index] = (random.next() - 0.5) * scale;
  }
  const blockOfColumn = Int32Array.from({ length: width }, (_, x) => Math.floor(x / noise.blockPx));
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / noise.blockPx) * blocksAcross;
    for (let x = 0; x < width; x++) {
      const block = row + blockOfColumn[x];
      const base = (y * width + x) * 4;
      const deltaRed = red[block];
      const deltaBlue = blue[block];
      rgba[base] += deltaRed;
      rgba[base + 1] -= (0.299 * deltaRed + 0.114 * deltaBlue) / 0.587;
      rgba[base + 2] += deltaBlue;
    }
  }
}
