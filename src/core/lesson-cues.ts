// What the coach says and how often: spoken cues are rate limited so the voice does not nag.
// Pure; the caller passes the time.
import { unlockedBy, type LessonStep } from './lessons.ts';

export type CuePriority = 'normal' | 'high';

/** Which of the speaker's sounds goes with a cue (its tone when the voice is unavailable). */
export type CueKind = 'intro' | 'tip' | 'success';

export interface CueLimits {
  /** No two normal cues closer than this. */
  readonly minGapMs: number;
  /** The same text is not repeated within this. */
  readonly repeatGapMs: number;
}

export const DEFAULT_CUE_LIMITS: CueLimits = { minGapMs: 4000, repeatGapMs: 15000 };

export class CueLimiter {
  private lastCueMs = -Infinity;
  private readonly lastByText = new Map<string, number>();

  constructor(private readonly limits: CueLimits = DEFAULT_CUE_LIMITS) {}

  /**
   * May this cue be spoken now? A yes is recorded. High priority (success) always passes,
   * and still counts as the latest cue so a tip does not talk over it.
   */
  offer(text: string, timeMs: number, priority: CuePriority = 'normal'): boolean {
    if (priority === 'normal') {
      if (timeMs - this.lastCueMs < this.limits.minGapMs) return false;
      const lastSame = this.lastByText.get(text);
      if (lastSame !== undefined && timeMs - lastSame < this.limits.repeatGapMs) return false;
    }
    this.lastCueMs = timeMs;
    this.lastByText.set(text, timeMs);
    return true;
  }
}

/** Spoken when a step opens. */
export function introText(step: LessonStep): string {
  return `${step.title}. ${step.goal}`;
}

/** Spoken when a step is passed: praise, and where to go next. */
export function successText(step: LessonStep): string {
  const next = unlockedBy(step.id);
  const praise = `Well done! ${step.title}: complete.`;
  if (next.length === 0) return `${praise} You finished every lesson.`;
  if (next.length === 1) return `${praise} Next: ${next[0].title}.`;
  return `${praise} You unlocked ${next.length} tricks.`;
}

/** "12.3 s" for a streak shown on screen. */
export function formatSeconds(durationMs: number): string {
  return `${(Math.max(0, durationMs) / 1000).toFixed(1)} s`;
}
