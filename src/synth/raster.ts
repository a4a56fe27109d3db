// A tiny software rasteriser over a float RGB image: antialiased discs, capsules and boxes,
// shaded spheres, backgrounds, and camera effects (noise, blur, blockiness, exposure).
import type { Random } from '../core/random.ts';

export type Colour = readonly [number, number, number];

/** A pattern on a capsule, in the capsule's own coordinates (along / across its axis), so it moves with the limb. */
export interface Texture {
  readonly kind: 'stripes' | 'blotches';
  readonly second: Colour;
  /** Stripe period or blotch size, pixels. */
  readonly cellPx: number;
  readonly phase: number;
  readonly seed: number;
}

/** A ball's surface beyond plain shading (null = the original shaded ball); `cos`/`sin` of its spin angle. */
export interface SphereFinish {
  readonly look: 'two-tone' | 'striped' | 'panelled' | 'rimmed' | 'glossy';
  readonly second: Colour;
  readonly angle: number;
  readonly cos: number;
  readonly sin: number;
  readonly panels: number;
  readonly gloss: number;
}

function hashUnit(seed: number, x: number, y: number): number {
  let value = Math.imul(x, 0x27d4eb2d) ^ Math.imul(y, 0x165667b1) ^ seed;
  value = Math.imul(value ^ (value >>> 15), 0x85ebca6b);
  value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35);
  return ((value ^ (value >>> 16)) >>> 0) / 4294967296;
}

/** Whether the texture shows its second colour at (along, across), pixels. */
function textureSecond(texture: Texture, along: number, across: number): boolean {
  if (texture.kind === 'stripes') return (Math.floor(along / texture.cellPx + texture.phase) & 1) === 1;
  // Blotches: thresholded value noise on a lattice of cellPx.
  const gx = along / texture.cellPx + texture.phase * 7;
  const gy = across / texture.cellPx;
  const x0 = Math.floor(gx);
  const y0 = Math.floor(gy);
  const fx = gx - x0;
  const fy = gy - y0;
  const top = hashUnit(texture.seed, x0, y0) * (1 - fx) + hashUnit(texture.seed, x0 + 1, y0) * fx;
  const bottom = hashUnit(texture.seed, x0, y0 + 1) * (1 - fx) + hashUnit(texture.seed, x0 + 1, y0 + 1) * fx;
  return top * (1 - fy) + bottom * fy > 0.5;
}

export class Raster {
  readonly pixels: Float32Array;

  constructor(readonly width: number, readonly height: number) {
    this.pixels = new Float32Array(width * height * 3);
  }

  private blendPixel(index: number, colour: Colour, alpha: number): void {
    const base = index * 3;
    this.pixels[base] += (colour[0] - this.pixels[base]) * alpha;
    this.pixels[base + 1] += (colour[1] - this.pixels[base + 1]) * alpha;
    this.pixels[base + 2] += (colour[2] - this.pixels[base + 2]) * alpha;
  }

  fill(colour: Colour): void {
    for (let index = 0; index < this.width * this.height; index++) {
      this.pixels[index * 3] = colour[0];
      this.pixels[index * 3 + 1] = colour[1];
      this.pixels[index * 3 + 2] = colour[2];
    }
  }

  /** Vertical gradient from `top` to `bottom`, mixed with `horizontal` amount of a left→right one. */
  gradient(top: Colour, bottom: Colour, left: Colour, horizontal: number): void {
    for (let y = 0; y < this.height; y++) {
      const v = y / Math.max(1, this.height - 1);
      for (let x = 0; x < this.width; x++) {
        const h = (1 - x / Math.max(1, this.width - 1)) * horizontal;
        const base = (y * this.width + x) * 3;
        for (let channel = 0; channel < 3; channel++) {
          const vertical = top[channel] + (bottom[channel] - top[channel]) * v;
          this.pixels[base + channel] = vertical + (left[channel] - vertical) * h;
        }
      }
    }
  }

  /** Smooth value noise at `cells` cells across, added with `amplitude`. */
  valueNoise(random: Random, cells: number, amplitude: number, tint: Colour): void {
    const gridWidth = Math.max(2, Math.round(cells)) + 1;
    const gridHeight = Math.max(2, Math.round((cells * this.height) / this.width)) + 1;
    const grid = Float32Array.from({ length: gridWidth * gridHeight }, () => random.next() - 0.5);
    for (let y = 0; y < this.height; y++) {
      const gy = (y / this.height) * (gridHeight - 1);
      const y0 = Math.floor(gy);
      const fy = gy - y0;
      for (let x = 0; x < this.width; x++) {
        const gx = (x / this.width) * (gridWidth - 1);
        const x0 = Math.floor(gx);
        const fx = gx - x0;
        const top = grid[y0 * gridWidth + x0] * (1 - fx) + grid[y0 * gridWidth + x0 + 1] * fx;
        const bottom = grid[(y0 + 1) * gridWidth + x0] * (1 - fx) + grid[(y0 + 1) * gridWidth + x0 + 1] * fx;
        const value = (top * (1 - fy) + bottom * fy) * amplitude;
        const base = (y * this.width + x) * 3;
        this.pixels[base] += value * tint[0];
        this.pixels[base + 1] += value * tint[1];
        this.pixels[base + 2] += value * tint[2];
      }
    }
  }

  /** Axis-aligned box with soft (antialiased) edges. */
  box(left: number, top: number, right: number, bottom: number, colour: Colour, alpha = 1): void {
    const x0 = Math.max(0, Math.floor(left));
    const x1 = Math.min(this.width - 1, Math.ceil(right));
    const y0 = Math.max(0, Math.floor(top));
    const y1 = Math.min(this.height - 1, Math.ceil(bottom));
    for (let y = y0; y <= y1; y++) {
      const coverY = Math.min(Math.max(Math.min(y + 1, bottom) - Math.max(y, top), 0), 1);
      for (let x = x0; x <= x1; x++) {
        const coverX = Math.min(Math.max(Math.min(x + 1, right) - Math.max(x, left), 0), 1);
        const coverage = coverX * coverY * alpha;
        if (coverage > 0) this.blendPixel(y * this.width + x, colour, coverage);
      }
    }
  }

  /** Capsule (thick segment) from a to b with radii radiusA → radiusB; also draws discs when a = b. */
  capsule(ax: number, ay: number, bx: number, by: number, radiusA: number, radiusB: number, colour: Colour, alpha = 1, shade = 0, texture: Texture | null = null): void {
    const margin = Math.max(radiusA, radiusB) + 1;
    const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - margin));
    const x1 = Math.min(this.width - 1, Math.ceil(Math.max(ax, bx) + margin));
    const y0 = Math.max(0, Math.floor(Math.min(ay, by) - margin));
    const y1 = Math.min(this.height - 1, Math.ceil(Math.max(ay, by) + margin));
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSquared = dx * dx + dy * dy;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const px = x + 0.5 - ax;
        const py = y + 0.5 - ay;
        const along = lengthSquared > 0 ? Math.min(Math.max((px * dx + py * dy) / lengthSquared, 0), 1) : 0;
        const ex = px - along * dx;
        const ey = py - along * dy;
        const radius = radiusA + (radiusB - radiusA) * along;
        const distance = Math.sqrt(ex * ex + ey * ey);
        const coverage = Math.min(Math.max(radius - distance + 0.5, 0), 1) * alpha;
        if (coverage <= 0) continue;
        let surface = colour;
        if (texture) {
          const segmentLength = Math.sqrt(lengthSquared);
          const across = segmentLength > 0 ? (px * dy - py * dx) / segmentLength : px;
          if (textureSecond(texture, along * segmentLength, across)) surface = texture.second;
        }
        if (shade !== 0) {
          // Rounded look: darker towards the edge of the limb.
          const edge = Math.min(distance / Math.max(radius, 0.5), 1);
          const factor = 1 - shade * edge * edge;
          this.blendPixel(y * this.width + x, [surface[0] * factor, surface[1] * factor, surface[2] * factor], coverage);
        } else this.blendPixel(y * this.width + x, surface, coverage);
      }
    }
  }

  /** A lit sphere: diffuse shading from `light` (x right, y down, z towards the viewer) plus a highlight. */
  sphere(cx: number, cy: number, radius: number, colour: Colour, light: readonly [number, number, number], alpha = 1, shaded = true, finish: SphereFinish | null = null): void {
    const x0 = Math.max(0, Math.floor(cx - radius - 1));
    const x1 = Math.min(this.width - 1, Math.ceil(cx + radius + 1));
    const y0 = Math.max(0, Math.floor(cy - radius - 1));
    const y1 = Math.min(this.height - 1, Math.ceil(cy + radius + 1));
    const effectiveRadius = Math.max(radius, 0.6);
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const nx = (x + 0.5 - cx) / effectiveRadius;
        const ny = (y + 0.5 - cy) / effectiveRadius;
        const distance = Math.sqrt(nx * nx + ny * ny) * effectiveRadius;
        const coverage = Math.min(Math.max(effectiveRadius - distance + 0.5, 0), 1) * alpha;
        if (coverage <= 0) continue;
        if (!shaded) {
          this.blendPixel(y * this.width + x, colour, coverage);
          continue;
        }
        const nz = Math.sqrt(Math.max(0, 1 - nx * nx - ny * ny));
        const diffuse = Math.max(0, nx * light[0] + ny * light[1] + nz * light[2]);
        this.blendPixel(y * this.width + x, finish ? finishedSurface(finish, colour, nx, ny, diffuse) : shadedSurface(colour, diffuse), coverage);
      }
    }
  }

  /** Exposure, white balance and gamma, then sensor noise; writes RGBA bytes. */
  /** `pixelGain` (optional, one per pixel) is uneven light: vignetting, light falling off across the room. */
  develop(out: Uint8ClampedArray, gain: number, whiteBalance: Colour, gamma: number, noise: number, random: Random, pixelGain: Float32Array | null = null): Uint8ClampedArray {
    // Lookup tables keep this per-pixel loop cheap: gamma curve, and a table of noise values.
    const steps = 4096;
    const gammaTable = new Float32Array(steps + 1);
    for (let index = 0; index <= steps; index++) gammaTable[index] = Math.pow((index / steps) * 1.5, gamma) * 255;
    const noiseTable = new Float32Array(8192);
    for (let index = 0; index < noiseTable.length; index++) noiseTable[index] = noise * 255 * (random.next() + random.next() + random.next() - 1.5) * 2;
    const scales = [gain * whiteBalance[0], gain * whiteBalance[1], gain * whiteBalance[2]].map((value) => (value * steps) / 1.5);
    const count = this.width * this.height;
    let noiseIndex = Math.floor(random.next() * noiseTable.length);
    const noiseStride = 1 + 2 * Math.floor(random.next() * 1000);
    for (let index = 0; index < count; index++) {
      const light = pixelGain ? pixelGain[index] : 1;
      for (let channel = 0; channel < 3; channel++) {
        const scaled = this.pixels[index * 3 + channel] * scales[channel] * light;
        const tableIndex = scaled <= 0 ? 0 : scaled >= steps ? steps : scaled | 0;
        let value = gammaTable[tableIndex];
        if (noise > 0) {
          noiseIndex = (noiseIndex + noiseStride) & 8191;
          value += noiseTable[noiseIndex];
        }
        out[index * 4 + channel] = value;
      }
      out[index * 4 + 3] = 255;
    }
    return out;
  }
}

/** A patterned or glossy ball's colour at a point (nx, ny: position on the disc, -1..1), lit by `diffuse`. */
function finishedSurface(finish: SphereFinish, colour: Colour, nx: number, ny: number, diffuse: number): Colour {
  const axis = nx * finish.cos + ny * finish.sin;
  let surface = colour;
  switch (finish.look) {
    case 'two-tone':
      if (axis > 0) surface = finish.second;
      break;
    case 'striped':
      if (Math.abs(axis) < 0.3) surface = finish.second;
      break;
    case 'panelled': {
      const sector = Math.floor(((Math.atan2(ny, nx) + finish.angle) / Math.PI) * finish.panels);
      if ((sector & 1) === 1) surface = finish.second;
      break;
    }
    case 'rimmed':
      if (nx * nx + ny * ny > 0.55) surface = finish.second;
      break;
    case 'glossy': {
      // Shiny: darker body, small bright highlight.
      const highlight = Math.pow(diffuse, 60) * 1.2 * finish.gloss;
      const intensity = 0.22 + 0.8 * diffuse;
      return [colour[0] * intensity + highlight, colour[1] * intensity + highlight, colour[2] * intensity + highlight];
    }
  }
  return shadedSurface(surface, diffuse);
}

/** The plain shaded ball: diffuse light plus a soft highlight. */
function shadedSurface(surface: Colour, diffuse: number): Colour {
  const highlight = Math.pow(diffuse, 24) * 0.6;
  const intensity = 0.35 + 0.75 * diffuse;
  return [surface[0] * intensity + highlight, surface[1] * intensity + highlight, surface[2] * intensity + highlight];
}

/** 3×3 box blur of RGBA bytes, in place. */
export function boxBlur(rgba: Uint8ClampedArray, width: number, height: number): void {
  const copy = rgba.slice();
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      for (let channel = 0; channel < 3; channel++) {
        let sum = 0;
        for (let oy = -1; oy <= 1; oy++) for (let ox = -1; ox <= 1; ox++) sum += copy[((y + oy) * width + x + ox) * 4 + channel];
        rgba[(y * width + x) * 4 + channel] = sum / 9;
      }
    }
  }
}

/** Compression-like blockiness: each 8×8 block is pulled towards its mean. */
export function blockify(rgba: Uint8ClampedArray, width: number, height: number, amount: number): void {
  for (let blockY = 0; blockY < height; blockY += 8) {
    for (let blockX = 0; blockX < width; blockX += 8) {
      const yEnd = Math.min(blockY + 8, height);
      const xEnd = Math.min(blockX + 8, width);
      const mean = [0, 0, 0];
      const count = (yEnd - blockY) * (xEnd - blockX);
      for (let y = blockY; y < yEnd; y++) for (let x = blockX; x < xEnd; x++) for (let channel = 0; channel < 3; channel++) mean[channel] += rgba[(y * width + x) * 4 + channel] / count;
      for (let y = blockY; y < yEnd; y++) {
        for (let x = blockX; x < xEnd; x++) {
          for (let channel = 0; channel < 3; channel++) {
            const index = (y * width + x) * 4 + channel;
            rgba[index] = rgba[index] + (mean[channel] - rgba[index]) * amount;
          }
        }
      }
    }
  }
}
