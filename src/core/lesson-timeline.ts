// A practice session's timeline for the history view: detected ball count and quality, at most
// one point per second, and how long the person actually juggled. Pure; time comes in.

export interface TimelineObservation {
  readonly timeMs: number;
  /** Most likely ball count (shared Prediction.balls, known even while the class is uncertain). */
  readonly balls: number;
  readonly label: string | null;
}

export interface TimelinePoint {
  /** Seconds since the session started. */
  readonly atSec: number;
  readonly balls: number;
  /** The shown class, null while uncertain. */
  readonly label: string | null;
}

/** Gaps longer than this (tab hidden, source switched) do not count as practice. */
export const MAX_COUNTED_GAP_MS = 2000;
export const POINT_INTERVAL_MS = 1000;

export class TimelineBuilder {
  private startMs: number | null = null;
  private lastMs: number | null = null;
  private lastBalls = 0;
  private lastPointMs = -Infinity;
  private readonly collected: TimelinePoint[] = [];
  private juggledMs = 0;

  get points(): readonly TimelinePoint[] {
    return this.collected;
  }

  /** Time with balls in the air (gaps capped), the "practice time" of the history view. */
  get practiceMs(): number {
    return this.juggledMs;
  }

  get durationMs(): number {
    return this.startMs === null || this.lastMs === null ? 0 : this.lastMs - this.startMs;
  }

  push(observation: TimelineObservation): void {
    const timeMs = observation.timeMs;
    if (this.startMs === null) this.startMs = timeMs;
    if (this.lastMs !== null && timeMs > this.lastMs && this.lastBalls > 0) {
      this.juggledMs += Math.min(timeMs - this.lastMs, MAX_COUNTED_GAP_MS);
    }
    if (this.lastMs === null || timeMs >= this.lastMs) {
      this.lastMs = timeMs;
      this.lastBalls = observation.balls;
    }
    if (timeMs - this.lastPointMs >= POINT_INTERVAL_MS) {
      this.lastPointMs = timeMs;
      this.collected.push({ atSec: Math.round((timeMs - this.startMs) / 100) / 10, balls: observation.balls, label: observation.label });
    }
  }
}

/** Local calendar day "YYYY-MM-DD" of a wall-clock time, the key of practice time per day. */
export function dayKey(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last `count` day keys ending today, oldest first (days without practice included). */
export function recentDays(todayMs: number, count: number): string[] {
  const days: string[] = [];
  const today = new Date(todayMs);
  for (let back = count - 1; back >= 0; back--) {
    const day = new Date(today.getFullYear(), today.getMonth(), today.getDate() - back, 12);
    days.push(dayKey(day.getTime()));
  }
  return days;
}
