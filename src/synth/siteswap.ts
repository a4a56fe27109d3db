// Siteswap notation → a timed list of throws. Async ("3", "51", "40", "330") and sync
// ("(4x,4x)") patterns. Beats are abstract; the scheduler turns them into seconds.

export interface SiteswapThrow {
  /** Beat index at which the throw happens. */
  readonly beat: number;
  /** 0 = right, 1 = left. */
  readonly hand: 0 | 1;
  readonly value: number;
  /** Hand that catches it. */
  readonly toHand: 0 | 1;
  /** Beats in the air + dwell, as the notation counts them. */
  readonly landingBeat: number;
}

export interface Siteswap {
  readonly notation: string;
  readonly sync: boolean;
  /** Throws of one period, beat numbers within [0, period). */
  readonly period: number;
  readonly throws: readonly { readonly hand: 0 | 1 | 'async'; readonly value: number; readonly crossing: boolean; readonly beat: number }[];
  readonly ballCount: number;
}

export class SiteswapError extends Error {}

const digit = (character: string): number => {
  const value = parseInt(character, 36);
  if (Number.isNaN(value)) throw new SiteswapError(`"${character}" is not a throw value`);
  return value;
};

export function parseSiteswap(notation: string): Siteswap {
  const text = notation.replace(/\s+/g, '').toLowerCase();
  if (text.length === 0) throw new SiteswapError('empty siteswap');
  if (text.startsWith('(')) {
    const pairs = [...text.matchAll(/\((\w)(x?),(\w)(x?)\)/g)];
    if (pairs.map((match) => match[0]).join('') !== text) throw new SiteswapError(`"${notation}" is not a sync siteswap`);
    const throws = pairs.flatMap((match, index) => [
      { hand: 0 as const, value: digit(match[1]), crossing: match[2] === 'x', beat: index * 2 },
      { hand: 1 as const, value: digit(match[3]), crossing: match[4] === 'x', beat: index * 2 },
    ]);
    for (const entry of throws) if (entry.value % 2 !== 0) throw new SiteswapError('sync throws must be even');
    const total = throws.reduce((sum, entry) => sum + entry.value, 0);
    return { notation, sync: true, period: pairs.length * 2, throws, ballCount: total / (pairs.length * 2) };
  }
  const values = [...text].map(digit);
  const period = values.length;
  const landings = new Set(values.map((value, beat) => (beat + value) % period));
  if (landings.size !== period) throw new SiteswapError(`"${notation}" is not a valid siteswap (two balls land together)`);
  const total = values.reduce((sum, value) => sum + value, 0);
  if (total % period !== 0) throw new SiteswapError(`"${notation}" has no whole number of balls`);
  const throws = values.map((value, beat) => ({ hand: 'async' as const, value, crossing: value % 2 === 1, beat }));
  return { notation, sync: false, period, throws, ballCount: total / period };
}

/** Unrolls the pattern into throws of beats [0, beatCount), hands alternating from `firstHand`. */
export function unroll(siteswap: Siteswap, beatCount: number, firstHand: 0 | 1 = 0): SiteswapThrow[] {
  const result: SiteswapThrow[] = [];
  for (let cycleStart = 0; cycleStart < beatCount; cycleStart += siteswap.period) {
    for (const entry of siteswap.throws) {
      const beat = cycleStart + entry.beat;
      if (beat >= beatCount || entry.value === 0) continue;
      const hand = (entry.hand === 'async' ? (beat + firstHand) % 2 : (entry.hand + firstHand) % 2) as 0 | 1;
      const toHand = (entry.crossing ? 1 - hand : hand) as 0 | 1;
      result.push({ beat, hand, value: entry.value, toHand, landingBeat: beat + entry.value });
    }
  }
  return result;
}
