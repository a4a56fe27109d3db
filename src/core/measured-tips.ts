// Which tip the coach gives for a prediction: the tracks' measured one (with its number) where they
// measure something off, else the window classifier's quality tip, unless the tracks measure that
// very mistake and find it fine (the track knows better than a label). Each measure is smoothed
// (the median over the last few seconds of predictions: one odd track does not make a tip), and
// hysteresis keeps a tip from flickering: it starts above its limit and holds until the measure
// falls well below it. Pure; LessonTracker (lesson-rules.ts) adds the onset wait and the repeat
// rate, as for every tip.
import { MEASURE_TIPS, measureValue, type MeasureTipKind, type PatternContext, type ThrowMeasures } from './throw-measures.ts';

/** A measured tip, once given, holds until its measure falls below this share of its limit. */
export const MEASURE_RELEASE_SHARE = 0.8;
/** Each measure is the median of its values over this long (a spurious track moves one value, not the median). */
export const MEASURE_SMOOTHING_MS = 3000;
/** Fewer values than this in that time: not yet measured. */
export const MIN_MEASURE_SAMPLES = 3;

export interface ChosenTip {
  /** The classifier's quality, or the measure's kind (MeasureTipKind). */
  readonly quality: string;
  readonly text: string;
  readonly source: 'measure' | 'classifier';
}

/** Does a measure of the tracks stand in for the classifier's `quality` now (measured, for this pattern)? */
export function measuredFor(quality: string, kinds: readonly MeasureTipKind[], measures: ThrowMeasures | null, pattern: PatternContext | null): boolean {
  if (!measures || !pattern) return false;
  return MEASURE_TIPS.some((entry) => entry.quality === quality && kinds.includes(entry.kind) && measureValue(entry, measures, pattern) !== null);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export class MeasuredTipPicker {
  private active: MeasureTipKind | null = null;
  /** Each measure's recent values; emptied when it is not measured (too few throws, another pattern). */
  private readonly recent = new Map<MeasureTipKind, { timeMs: number; value: number }[]>();

  /** `kinds`: the measured tips this lesson step gives. */
  constructor(private readonly kinds: readonly MeasureTipKind[]) {}

  /** The measured tip at `timeMs` (null: the tracks measure nothing off, or nothing at all). */
  pick(measures: ThrowMeasures | null, pattern: PatternContext | null, timeMs: number): ChosenTip | null {
    const smoothed = MEASURE_TIPS.filter((entry) => this.kinds.includes(entry.kind)).map((entry) => {
      const value = measures && pattern ? measureValue(entry, measures, pattern) : null;
      const kept = value === null ? [] : [...(this.recent.get(entry.kind) ?? []), { timeMs, value }].filter((sample) => sample.timeMs > timeMs - MEASURE_SMOOTHING_MS);
      this.recent.set(entry.kind, kept);
      return { entry, value: kept.length >= MIN_MEASURE_SAMPLES ? median(kept.map((sample) => sample.value)) : null };
    });
    const held = smoothed.find(({ entry, value }) => entry.kind === this.active && value !== null && value > entry.limit * MEASURE_RELEASE_SHARE);
    const worst = smoothed
      .filter(({ entry, value }) => value !== null && value > entry.limit)
      .sort((a, b) => b.value! / b.entry.limit - a.value! / a.entry.limit)[0];
    // The tip being given stays while it holds, so two measures near their limits do not take turns.
    const chosen = held ?? worst ?? null;
    this.active = chosen?.entry.kind ?? null;
    return chosen && measures ? { quality: chosen.entry.kind, text: chosen.entry.words(chosen.value!, measures), source: 'measure' } : null;
  }
}
