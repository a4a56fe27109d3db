// Camera fps → model fps. Keeps a frame when its timestamp reaches the next due time, so a
// 30 fps camera feeds a 15 fps model every other frame, and a slower camera feeds every frame.

export class FrameSampler {
  private nextDueMs: number | null = null;
  private readonly intervalMs: number;

  constructor(readonly targetFps: number) {
    if (!(targetFps > 0)) throw new RangeError(`targetFps must be > 0, got ${targetFps}`);
    this.intervalMs = 1000 / targetFps;
  }

  /** True when the frame at `timestampMs` should be sampled. */
  accept(timestampMs: number): boolean {
    // A tolerance of a quarter interval absorbs camera timestamp jitter.
    const tolerance = this.intervalMs * 0.25;
    if (this.nextDueMs === null || timestampMs + tolerance >= this.nextDueMs) {
      const base = this.nextDueMs === null || timestampMs - this.nextDueMs > this.intervalMs ? timestampMs : this.nextDueMs;
      this.nextDueMs = base + this.intervalMs;
      return true;
    }
    return false;
  }

  reset(): void {
    this.nextDueMs = null;
  }
}
