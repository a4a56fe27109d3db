// Seeded randomness: every render and every training shuffle is a pure function of its seed (core: the personal head uses it too).

export class Random {
  private state: number;

  constructor(seed: number) {
    // Mix the seed so nearby seeds give unrelated streams.
    let mixed = (seed ^ 0x9e3779b9) >>> 0;
    mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b) >>> 0;
    mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35) >>> 0;
    this.state = (mixed ^ (mixed >>> 16)) >>> 0;
  }

  /** Uniform in [0, 1) (mulberry32). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  range(bounds: readonly [number, number]): number {
    return this.uniform(bounds[0], bounds[1]);
  }

  int(low: number, highInclusive: number): number {
    return Math.floor(this.uniform(low, highInclusive + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<Item>(items: readonly Item[]): Item {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A child stream, so adding draws in one part does not shift another part. */
  fork(salt: number): Random {
    return new Random(Math.floor(this.next() * 4294967296) ^ Math.imul(salt, 0x27d4eb2d));
  }
}
