// Which tip the coach gives for a prediction: the tracks' measured one (with its number) where they
// measure something off, else the window classifier's quality tip, unless the tracks measure that
// very mistake and find it fine (the track knows better than a label). A measure speaks only once
// it has been measured for a few seconds (a run's first throws, and the tracker finding them, are
// uneven), smoothed (the median over the last few seconds: one odd track does not make a tip), and
// hysteresis keeps a tip from flickering: it starts above its limit and holds until the measure
// falls well below it, or another measure is much worse. Pure; LessonTracker (lesson-rules.ts) adds the onset wait and the repeat
// rate, as for every tip.
import { median } from './ball-count.ts';
import { MEASURE_TIPS, measureValue, tipSeverity, type MeasureTipKind, type PatternContext, type ThrowMeasures } from './throw-measures.ts';

/** A measured tip, once given, holds until its measure falls below this share of its limit. */
export const MEASURE_RELEASE_SHARE = 0.8;
/** Each measure is the median of its values over this long (a spurious track moves one value, not the median). */
export const MEASURE_SMOOTHING_MS = 3000;
/** Fewer values than this in that time: not yet measured. */
export const MIN_MEASURE_SAMPLES = 3;
/**
 * Values from the first this-long of a measured stretch are left out: the tracker keeps 4 s of
 * throws, so by then the run's start has left them (the synthetic juggler's steady cascades, through
 * the shipped detector, read a rhythm spread of up to 0.38 in their first 3 s, 2026-12-02).
 */
export const MEASURE_SETTLE_MS = 4000;
/** Another measure takes over a tip being given only when this many times as far past its limit. */
export const DISPLACE_FACTOR = 1.5;

export interface ChosenTip {
  /** The classifier's quality, or the measure's kind (MeasureTipKind). */
  readonly quality: string;
  readonly text: string;
  readonly source: 'measure' | 'classifier';
}


export class MeasuredTipPicker {
  private active: MeasureTipKind | null = null;
  /** Each measure's unbroken measured stretch: since when, and its recent values (gone when it is not measured: too few throws, another pattern). */
  private readonly stretches = new Map<MeasureTipKind, { sinceMs: number; samples: { timeMs: number; value: number }[] }>();

  /** The classifier qualities the tracks measured at the last pick (a settled, smoothed value). */
  private measuredQualities = new Set<string>();

  /** `kinds`: the measured tips this lesson step gives. */
  constructor(private readonly kinds: readonly MeasureTipKind[]) {}

  /** The measured tip at `timeMs` (null: the tracks measure nothing off, or nothing at all). */
  pick(measures: ThrowMeasures | null, pattern: PatternContext | null, timeMs: number): ChosenTip | null {
    const smoothed = MEASURE_TIPS.filter((entry) => this.kinds.includes(entry.kind)).map((entry) => {
      const value = measures && pattern ? measureValue(entry, measures, pattern) : null;
      if (value === null) {
        this.stretches.delete(entry.kind);
        return { entry, value: null };
      }
      const stretch = this.stretches.get(entry.kind) ?? { sinceMs: timeMs, samples: [] };
      if (timeMs - stretch.sinceMs >= MEASURE_SETTLE_MS) stretch.samples.push({ timeMs, value });
      stretch.samples = stretch.samples.filter((sample) => sample.timeMs > timeMs - MEASURE_SMOOTHING_MS);
      this.stretches.set(entry.kind, stretch);
      return { entry, value: stretch.samples.length >= MIN_MEASURE_SAMPLES ? median(stretch.samples.map((sample) => sample.value)) : null };
    });
    this.measuredQualities = new Set(smoothed.flatMap(({ entry, value }) => (value !== null && entry.quality !== null ? [entry.quality] : [])));
    const severity = (candidate: { entry: (typeof MEASURE_TIPS)[number]; value: number | null }) => tipSeverity(candidate.entry, candidate.value ?? 0);
    const held = smoothed.find(({ entry, value }) => entry.kind === this.active && value !== null && value > entry.limit * MEASURE_RELEASE_SHARE);
    const worst = smoothed.filter(({ entry, value }) => value !== null && value > entry.limit).sort((a, b) => severity(b) - severity(a))[0];
    // The tip being given stays while it holds, so two measures near their limits do not take turns.
    const chosen = held && !(worst && severity(worst) > severity(held) * DISPLACE_FACTOR) ? held : (worst ?? null);
    this.active = chosen?.entry.kind ?? null;
    return chosen && measures ? { quality: chosen.entry.kind, text: chosen.entry.words(chosen.value!, measures), source: 'measure' } : null;
  }

  /** Do the tracks measure the classifier's `quality` now (at the last pick)? Then its tip is theirs to give. */
  speaksFor(quality: string): boolean {
    return this.measuredQualities.has(quality);
  }
}
