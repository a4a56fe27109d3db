// How the juggler and the balls look: base colours, and the extra looks of the training world
// (builds, wide colour ranges, sleeves, clothing patterns, ball finishes). The extra looks are
// drawn from their own random stream, so the base draws never shift.
import type { Random } from '../core/random.ts';
import type { Colour, SphereFinish, Texture } from './raster.ts';
import type { BallLook, ClothingPattern, WorldRanges } from './randomisation.ts';

export function randomColour(random: Random, low = 0.05, high = 0.95): Colour {
  return [random.uniform(low, high), random.uniform(low, high), random.uniform(low, high)];
}

export function saturated(random: Random): Colour {
  const hue = random.next() * 6;
  const value = random.uniform(0.55, 1);
  const floor = random.uniform(0, 0.35) * value;
  const channel = (offset: number): number => {
    const distance = Math.abs(((hue + offset) % 6) - 3);
    return floor + (value - floor) * Math.min(Math.max(distance - 1, 0), 1);
  };
  return [channel(0), channel(4), channel(2)];
}

const clamp = (value: number): number => Math.min(1, Math.max(0, value));
const luminance = (colour: Colour): number => 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2];

/** Grey, black or white with a faint tint (most real clothing). */
function neutral(random: Random): Colour {
  const level = random.uniform(0.03, 0.97);
  const tint = randomColour(random, -0.04, 0.04);
  return [clamp(level + tint[0]), clamp(level + tint[1]), clamp(level + tint[2])];
}

/** A colour that stands out from `against` (for the second colour of a pattern). */
function contrasting(random: Random, against: Colour): Colour {
  const colour = random.chance(0.5) ? neutral(random) : saturated(random);
  if (Math.abs(luminance(colour) - luminance(against)) >= 0.15) return colour;
  const shift = luminance(against) > 0.5 ? -0.45 : 0.45;
  return [clamp(colour[0] + shift), clamp(colour[1] + shift), clamp(colour[2] + shift)];
}

/** A clothing pattern in metres; the figure scales it to pixels per limb. */
export interface ClothPattern {
  readonly kind: ClothingPattern;
  readonly second: Colour;
  readonly sizeM: number;
  readonly phase: number;
  readonly seed: number;
}

export function textureAt(pattern: ClothPattern | null, pixelsPerMetre: number): Texture | null {
  if (!pattern) return null;
  return { kind: pattern.kind, second: pattern.second, cellPx: Math.max(1, pattern.sizeM * pixelsPerMetre), phase: pattern.phase, seed: pattern.seed };
}

export interface BaseColours {
  readonly skin: Colour;
  readonly hair: Colour;
  readonly shirt: Colour;
  readonly trousers: Colour;
}

/** The figure as drawn: colours per body part, patterns, and the build's drawing scales. */
export interface Dress extends BaseColours {
  /** Upper arms. */
  readonly sleeve: Colour;
  /** Skin, unless the sleeves are long. */
  readonly forearm: Colour;
  readonly shirtPattern: ClothPattern | null;
  readonly sleevePattern: ClothPattern | null;
  readonly forearmPattern: ClothPattern | null;
  readonly trouserPattern: ClothPattern | null;
  readonly limbScale: number;
  readonly headScale: number;
  readonly torsoScale: number;
}

function clothPattern(random: Random, ranges: WorldRanges, colour: Colour): ClothPattern {
  const kind = random.pick(ranges.clothingPatterns);
  return {
    kind,
    second: contrasting(random, colour),
    sizeM: random.range(kind === 'stripes' ? ranges.stripePeriodM : ranges.blotchSizeM),
    phase: random.next(),
    seed: random.int(0, 0x7fffffff),
  };
}

/** Dresses the figure. With every extra-look chance at 0 this returns the base colours, unpatterned, at scale 1. */
export function dressFigure(random: Random, ranges: WorldRanges, base: BaseColours): Dress {
  let { skin, hair, shirt, trousers } = base;
  if (random.chance(ranges.wideColourChance)) {
    const tone = random.range(ranges.skinTone);
    const warmth = random.range(ranges.skinWarmth);
    skin = [clamp(0.35 + 0.6 * tone + warmth), clamp(0.22 + 0.5 * tone), clamp(0.15 + 0.42 * tone - warmth)];
    if (random.chance(ranges.baldChance)) hair = [skin[0] * 0.92, skin[1] * 0.9, skin[2] * 0.9];
    else if (random.chance(ranges.dyedHairChance)) hair = saturated(random);
    else {
      const brightness = random.range(ranges.hairBrightness);
      const warmthOfHair = random.next();
      hair = [clamp(brightness * (1 + 0.45 * warmthOfHair)), clamp(brightness * (0.92 + 0.1 * warmthOfHair)), clamp(brightness * (0.85 - 0.35 * warmthOfHair))];
    }
    if (random.chance(ranges.neutralClothingChance)) shirt = neutral(random);
    if (random.chance(ranges.neutralClothingChance)) trousers = neutral(random);
    else {
      const brightness = random.range(ranges.trouserBrightness);
      const hue = saturated(random);
      trousers = [clamp(hue[0] * brightness * 1.2), clamp(hue[1] * brightness * 1.2), clamp(hue[2] * brightness * 1.2)];
    }
  }
  const slim = random.chance(ranges.slimFigureChance);
  const limbScale = slim ? random.range(ranges.slimLimbScale) : 1;
  const headScale = slim ? random.range(ranges.slimHeadScale) : 1;
  const torsoScale = slim ? random.range(ranges.slimTorsoScale) : 1;
  const shirtPattern = random.chance(ranges.shirtPatternChance) ? clothPattern(random, ranges, shirt) : null;
  const trouserPattern = random.chance(ranges.trouserPatternChance) ? clothPattern(random, ranges, trousers) : null;
  const ownSleeves = random.chance(ranges.sleeveColourChance);
  const sleeve = ownSleeves ? (random.chance(ranges.neutralClothingChance) ? neutral(random) : saturated(random)) : shirt;
  const sleevePattern = ownSleeves ? null : shirtPattern;
  const longSleeves = random.chance(ranges.longSleeveChance);
  return {
    skin,
    hair,
    shirt,
    trousers,
    sleeve,
    forearm: longSleeves ? sleeve : skin,
    shirtPattern,
    sleevePattern,
    forearmPattern: longSleeves ? sleevePattern : null,
    trouserPattern,
    limbScale,
    headScale,
    torsoScale,
  };
}

/** A ball's finish; null is the original shaded ball. */
export interface BallFinish {
  readonly look: Exclude<BallLook, 'shaded'>;
  readonly second: Colour;
  readonly angle: number;
  readonly spinRadPerSec: number;
  readonly panels: number;
  readonly gloss: number;
}

function ballFinish(random: Random, ranges: WorldRanges, look: BallLook): BallFinish | null {
  if (look === 'shaded') return null;
  const second = random.chance(0.35) ? (random.chance(0.5) ? [0.95, 0.95, 0.92] as Colour : [0.06, 0.06, 0.07] as Colour) : saturated(random);
  const spin = random.range(ranges.ballSpinTurnsPerSec) * 2 * Math.PI * (random.chance(0.5) ? 1 : -1);
  return { look, second, angle: random.uniform(0, 2 * Math.PI), spinRadPerSec: spin, panels: random.int(2, 4), gloss: random.uniform(0.6, 1) };
}

/** Finishes for `count` balls: one finish for the set, or (mixed sets) one per ball. */
export function finishBalls(random: Random, ranges: WorldRanges, count: number): (BallFinish | null)[] {
  if (random.chance(ranges.mixedBallLooksChance)) return Array.from({ length: count }, () => ballFinish(random, ranges, random.pick(ranges.ballLooks)));
  const finish = ballFinish(random, ranges, random.pick(ranges.ballLooks));
  return Array.from({ length: count }, (_, index) => (finish && index > 0 ? { ...finish, angle: random.uniform(0, 2 * Math.PI) } : finish));
}

/** The finish at a time (patterned balls spin), as the rasteriser takes it. */
export function sphereFinishAt(finish: BallFinish | null, timeSec: number): SphereFinish | null {
  if (!finish) return null;
  const angle = finish.angle + finish.spinRadPerSec * timeSec;
  return { look: finish.look, second: finish.second, cos: Math.cos(angle), sin: Math.sin(angle), angle, panels: finish.panels, gloss: finish.gloss };
}

/** Ball colours a little darker or lighter than the background (a hard case that real rooms have). */
export function nearBackgroundColours(random: Random, ranges: WorldRanges, backgroundMean: Colour, count: number): Colour[] | null {
  if (!random.chance(ranges.nearBackgroundBallChance)) return null;
  const bright = luminance(backgroundMean) > 0.7;
  const dark = luminance(backgroundMean) < 0.2;
  return Array.from({ length: count }, () => {
    const lighter = bright ? false : dark ? true : random.chance(0.5);
    const factor = 1 + (lighter ? 1 : -1) * random.range(ranges.nearBackgroundContrast);
    const lift = lighter ? 0.05 : 0;
    return [clamp(backgroundMean[0] * factor + lift), clamp(backgroundMean[1] * factor + lift), clamp(backgroundMean[2] * factor + lift)] as Colour;
  });
}
