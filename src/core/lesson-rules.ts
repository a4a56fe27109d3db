// The lesson state machine over live predictions: streak timer with a grace period, best
// streak, repetitions, success, and tips for the mistakes the model reports or the tracks measure
// (measured-tips.ts decides which). Pure: time comes in with each observation, so recorded
// prediction sequences replay exactly in tests.
import { parseLabel, type ParsedLabel } from './labels.ts';
import { tipFor, type LessonStep } from './lessons.ts';
import { MeasuredTipPicker, type ChosenTip } from './measured-tips.ts';
import type { PatternContext, ThrowMeasures } from './throw-measures.ts';

/** While the headline is unsure, the tracks' measures are read for the pattern it last named this recently. */
export const PATTERN_MEMORY_MS = 2000;

/** What the tracker needs from one live prediction (a subset of shared Prediction). */
export interface Observation {
  readonly label: string | null;
  readonly confidence: number;
  readonly uncertain: boolean;
  /** Monotonic time of the prediction. */
  readonly timeMs: number;
  /** What the ball tracker measures of the recent throws (Prediction.tracks.measures); absent: no tracker. */
  readonly measures?: ThrowMeasures | null;
}

export type CoachEvent =
  | { readonly kind: 'streak-start'; readonly timeMs: number }
  | { readonly kind: 'streak-break'; readonly streakMs: number; readonly reason: 'drop' | 'lost' }
  | { readonly kind: 'repetition'; readonly done: number; readonly needed: number }
  | { readonly kind: 'success'; readonly streakMs: number; readonly bestStreakMs: number }
  | { readonly kind: 'tip'; readonly quality: string; readonly text: string; readonly source: ChosenTip['source'] };

export interface LessonProgressView {
  /** Length of the running streak, 0 when none. */
  readonly streakMs: number;
  readonly bestStreakMs: number;
  readonly repetitionsDone: number;
  readonly complete: boolean;
}

export interface TrackerOptions {
  /** A mistake must be shown this long before it earns a tip (a drop earns one at once). */
  readonly tipAfterMs: number;
  /** While the same mistake goes on, its tip is offered again this often (the cue limiter decides what is spoken). */
  readonly tipRepeatMs: number;
}

export const DEFAULT_TRACKER_OPTIONS: TrackerOptions = { tipAfterMs: 1000, tipRepeatMs: 5000 };

export class LessonTracker {
  private streakStartMs: number | null = null;
  private lastMatchMs = 0;
  /** Has the running streak already been counted as a repetition? */
  private streakCounted = false;
  private bestMs: number;
  private repetitions = 0;
  private completed = false;
  private mistake: { quality: string; sinceMs: number; lastTipMs: number | null } | null = null;
  private lastTimeMs = 0;
  private readonly measured: MeasuredTipPicker;
  private lastPattern: { pattern: PatternContext; timeMs: number } | null = null;

  constructor(
    readonly step: LessonStep,
    /** Best streak stored from earlier visits, so "best" means best ever. */
    previousBestMs = 0,
    private readonly options: TrackerOptions = DEFAULT_TRACKER_OPTIONS,
  ) {
    this.bestMs = previousBestMs;
    this.measured = new MeasuredTipPicker(step.measuredTips);
  }

  get view(): LessonProgressView {
    const streakMs = this.streakStartMs === null ? 0 : this.lastMatchMs - this.streakStartMs;
    return { streakMs, bestStreakMs: this.bestMs, repetitionsDone: this.repetitions, complete: this.completed };
  }

  /** Feed one prediction; returns what happened, in order. */
  observe(observation: Observation): CoachEvent[] {
    const events: CoachEvent[] = [];
    const rule = this.step.success;
    const graceMs = rule.graceSeconds * 1000;
    const timeMs = Math.max(observation.timeMs, this.lastTimeMs);
    this.lastTimeMs = timeMs;
    const label = observation.uncertain || observation.label === null ? null : parseLabel(observation.label);
    const matches = label !== null && (rule.labels as readonly string[]).includes(label.name) && observation.confidence >= rule.minConfidence;

    // A long silence (no predictions: source switched, tab hidden) ends a streak like a miss.
    if (this.streakStartMs !== null && timeMs - this.lastMatchMs > graceMs) this.breakStreak(events, 'lost');

    if (matches) {
      if (this.streakStartMs === null) {
        this.streakStartMs = timeMs;
        this.streakCounted = false;
        events.push({ kind: 'streak-start', timeMs });
      }
      this.lastMatchMs = timeMs;
      const streakMs = timeMs - this.streakStartMs;
      this.bestMs = Math.max(this.bestMs, streakMs);
      if (!this.streakCounted && streakMs >= rule.holdSeconds * 1000) {
        this.streakCounted = true;
        if (!this.completed) {
          this.repetitions += 1;
          events.push({ kind: 'repetition', done: this.repetitions, needed: rule.repetitions });
          if (this.repetitions >= rule.repetitions) {
            this.completed = true;
            events.push({ kind: 'success', streakMs, bestStreakMs: this.bestMs });
          }
        }
      }
    } else if (this.streakStartMs !== null && label?.quality === 'drop') {
      this.breakStreak(events, 'drop');
    }

    this.trackMistake(this.chooseTip(label, observation.measures ?? null, timeMs), timeMs, events);
    return events;
  }

  private breakStreak(events: CoachEvent[], reason: 'drop' | 'lost'): void {
    if (this.streakStartMs === null) return;
    events.push({ kind: 'streak-break', streakMs: this.lastMatchMs - this.streakStartMs, reason });
    this.streakStartMs = null;
    this.streakCounted = false;
  }

  /**
   * The one tip for now: a drop at once; else what the tracks measure off (with its number); else the
   * classifier's quality tip, unless the tracks measure that mistake themselves (and found it fine).
   */
  private chooseTip(label: ParsedLabel | null, measures: ThrowMeasures | null, timeMs: number): ChosenTip | null {
    if (label) this.lastPattern = label.balls > 0 ? { pattern: { balls: label.balls, pattern: label.pattern }, timeMs } : null;
    const pattern = this.lastPattern && timeMs - this.lastPattern.timeMs <= PATTERN_MEMORY_MS ? this.lastPattern.pattern : null;
    const measured = this.measured.pick(measures, pattern, timeMs);
    const quality = label?.quality ?? null;
    const text = quality === null || this.measured.speaksFor(quality) ? null : tipFor(this.step, quality);
    const classified = quality !== null && text !== null ? { quality, text, source: 'classifier' as const } : null;
    return classified?.quality === 'drop' ? classified : (measured ?? classified);
  }

  private trackMistake(tip: ChosenTip | null, timeMs: number, events: CoachEvent[]): void {
    if (tip === null) {
      this.mistake = null;
      return;
    }
    const { quality } = tip;
    if (this.mistake?.quality !== quality) this.mistake = { quality, sinceMs: timeMs, lastTipMs: null };
    const waitMs = quality === 'drop' ? 0 : this.options.tipAfterMs;
    const due = this.mistake.lastTipMs === null ? timeMs - this.mistake.sinceMs >= waitMs : timeMs - this.mistake.lastTipMs >= this.options.tipRepeatMs;
    if (due) {
      this.mistake.lastTipMs = timeMs;
      events.push({ kind: 'tip', quality, text: tip.text, source: tip.source });
    }
  }
}
