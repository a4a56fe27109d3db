// Frames placed by their timestamps, not by their order. The model was trained on windows of T
// frames 1/fps apart; a camera (or a busy machine) that delivers fewer frames must not squeeze more
// time into a window, or a cascade looks like a shower. So a window is T slots ending at the newest
// frame, slot k due at newest − (T−1−k)/fps, each filled with the frame nearest to its due time, or,
// given a blend, the two frames around it mixed by time (a 10-fps camera: repeated frames read as
// jerky "columns" to the model, blended ones as the cascade they are). A slot whose nearest frame is more than one model interval away is
// *missing*; a window with too many missing slots is not to be read at all ("Not sure yet…").
// The same nearest-frame rule builds recorded clips' tensors (ClipCapture).

/** For each due time (ascending), the index of the timestamp (ascending) nearest to it (the earlier one on a tie). */
export function nearestByTime(timestampsMs: readonly number[], dueMs: readonly number[]): number[] {
  const indices: number[] = [];
  let nearest = 0;
  for (const due of dueMs) {
    while (nearest + 1 < timestampsMs.length && Math.abs(timestampsMs[nearest + 1] - due) < Math.abs(timestampsMs[nearest] - due)) nearest += 1;
    indices.push(nearest);
  }
  return indices;
}

/** A window with more missing slots than this fraction of T is not read (3 of 16: a 300-ms stall is read, a 500-ms one is not). */
export const MAX_MISSING_FRACTION = 0.2;

export interface TimedWindow<Item> {
  /** T items, oldest first; a slow camera's frames appear more than once. */
  readonly items: Item[];
  /** Due time of each slot. */
  readonly dueMs: number[];
  /** Timestamp of the frame that filled each slot. */
  readonly frameMs: number[];
  /** Slots whose nearest frame is more than one model interval from their due time. */
  readonly missing: number;
  /** False when too many slots are missing for the window to stand for the time it covers. */
  readonly readable: boolean;
}

export class TimedFrames<Item> {
  private readonly items: Item[] = [];
  private readonly timestampsMs: number[] = [];
  readonly intervalMs: number;

  constructor(
    readonly frames: number,
    readonly fps: number,
  ) {
    if (!Number.isInteger(frames) || frames <= 0) throw new RangeError(`frames must be a positive integer, got ${frames}`);
    if (!(fps > 0)) throw new RangeError(`fps must be > 0, got ${fps}`);
    this.intervalMs = 1000 / fps;
  }

  /** The time a window covers, first slot to last. */
  get spanMs(): number {
    return (this.frames - 1) * this.intervalMs;
  }

  get newestMs(): number | null {
    return this.timestampsMs.length ? this.timestampsMs[this.timestampsMs.length - 1] : null;
  }

  get size(): number {
    return this.items.length;
  }

  /** True once the frames held reach back over a whole window (a quarter interval of jitter allowed). */
  get covers(): boolean {
    const newest = this.newestMs;
    return newest !== null && newest - this.timestampsMs[0] >= this.spanMs - this.intervalMs * 0.25;
  }

  /** Adds a frame; a timestamp not after the newest is ignored (false). Frames no window can use are dropped. */
  push(item: Item, timestampMs: number): boolean {
    const newest = this.newestMs;
    if (!Number.isFinite(timestampMs) || (newest !== null && timestampMs <= newest)) return false;
    this.items.push(item);
    this.timestampsMs.push(timestampMs);
    // Keep one frame at or before the first slot's due time (it may be the nearest to it), none older.
    const firstDue = timestampMs - this.spanMs;
    let drop = 0;
    while (drop + 1 < this.timestampsMs.length && this.timestampsMs[drop + 1] <= firstDue) drop += 1;
    if (drop > 0) {
      this.items.splice(0, drop);
      this.timestampsMs.splice(0, drop);
    }
    return true;
  }

  /**
   * The window ending at the newest frame (throws when empty). With `blend`, a slot that falls
   * between two frames gets `blend(earlier, later, weightOfLater)`; without, the nearest frame.
   */
  window(blend?: (earlier: Item, later: Item, weight: number) => Item): TimedWindow<Item> {
    const newest = this.newestMs;
    if (newest === null) throw new Error('no frames yet');
    const dueMs = Array.from({ length: this.frames }, (_, slot) => newest - (this.frames - 1 - slot) * this.intervalMs);
    const indices = nearestByTime(this.timestampsMs, dueMs);
    const frameMs = indices.map((index) => this.timestampsMs[index]);
    // A small tolerance keeps a frame exactly one interval away (a 7.5-fps camera's midpoints) counted as present.
    const missing = dueMs.filter((due, slot) => Math.abs(frameMs[slot] - due) > this.intervalMs * 1.001).length;
    const items = indices.map((index, slot) => {
      if (!blend) return this.items[index];
      const due = dueMs[slot];
      const earlier = this.timestampsMs[index] <= due ? index : index - 1;
      const later = earlier + 1;
      if (earlier < 0 || later >= this.items.length) return this.items[index];
      const weight = (due - this.timestampsMs[earlier]) / (this.timestampsMs[later] - this.timestampsMs[earlier]);
      // Within 5 % of a frame's time (a 30-fps camera sampled at 15): that frame, unmixed.
      if (weight < 0.05) return this.items[earlier];
      if (weight > 0.95) return this.items[later];
      return blend(this.items[earlier], this.items[later], weight);
    });
    return {
      items,
      dueMs,
      frameMs,
      missing,
      readable: missing <= Math.floor(this.frames * MAX_MISSING_FRACTION),
    };
  }

  /** The newest `count` frames as they came (oldest first; fewer while fewer came). */
  recent(count: number): Item[] {
    return this.items.slice(-count);
  }

  clear(): void {
    this.items.length = 0;
    this.timestampsMs.length = 0;
  }
}
