// What the tracks measure about the juggler's throws, and the words for it: how evenly high the
// throws go (each against the juggler's own recent throws, so no camera distance or ball size is
// needed), whether one hand throws higher than the other, and how even the rhythm is. One table
// maps each measure to its tip, as QUALITY_FEEDBACK does for the classifier's quality classes
// (which still speak where the tracks have no measure). Where the pose network sees the head, the
// throws' peaks are measured against it too: too high, too low.
import type { TrackerState } from './ball-track-types.ts';

export interface ThrowMeasures {
  /** Throws measured (each: apex height above where the flight was first seen). */
  readonly throws: number;
  /** Spread of the heights: (80th − 20th percentile) ÷ median; 0 = every throw the same. */
  readonly heightSpread: number | null;
  /** Median height of the on-screen-left hand's throws ÷ the right's (1 = even); null without both. */
  readonly leftOverRight: number | null;
  /** Spread of the intervals between throws ÷ their mean (the tracker's), null under 3 throws. */
  readonly rhythmSpread: number | null;
  /** Median peak of the recent throws above the head's centre (eye level), in head radii; null where the head was not seen at enough throws. */
  readonly apexAboveHeadRadii: number | null;
}

export interface MeasureOptions {
  /** The newest throws measured (a few seconds of juggling). */
  readonly recentThrows: number;
  /** Fewer throws than this: nothing to say yet. */
  readonly minThrows: number;
}

export const DEFAULT_MEASURE_OPTIONS: MeasureOptions = { recentThrows: 12, minThrows: 6 };

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
const median = (values: readonly number[]): number => quantile([...values].sort((a, b) => a - b), 0.5);

/** The measures of the newest throws the tracker holds. */
export function measureThrows(state: TrackerState, options: MeasureOptions = DEFAULT_MEASURE_OPTIONS): ThrowMeasures {
  const tracks = new Map(state.tracks.map((track) => [track.id, track]));
  const seen = [...state.throws]
    .sort((a, b) => a.timeMs - b.timeMs)
    .slice(-options.recentThrows)
    .flatMap((entry) => {
      const first = tracks.get(entry.trackId)?.points[0];
      return first ? [{ firstY: first.y, apexY: entry.apexY, hand: entry.fromHand }] : [];
    });
  // Heights from each hand's usual release level (the median first sighting of its throws), not
  // each flight's own first sighting: where a flight is first seen varies by a few radii.
  const releaseY = new Map<number | null, number>();
  for (const hand of [0, 1, null] as const) {
    const ys = seen.filter((entry) => entry.hand === hand).map((entry) => entry.firstY);
    if (ys.length > 0) releaseY.set(hand, median(ys));
  }
  const measured = seen
    .map((entry) => ({ height: releaseY.get(entry.hand)! - entry.apexY, hand: entry.hand }))
    .filter((entry) => Number.isFinite(entry.height) && entry.height > 0);
  const recent = [...state.throws].sort((a, b) => a.timeMs - b.timeMs).slice(-options.recentThrows);
  const againstHead = recent.flatMap((entry) => (entry.apexAboveHeadRadii === null ? [] : [entry.apexAboveHeadRadii]));
  const apexAboveHeadRadii = againstHead.length >= Math.ceil(options.minThrows / 2) ? median(againstHead) : null;
  if (measured.length < options.minThrows) return { throws: measured.length, heightSpread: null, leftOverRight: null, rhythmSpread: state.rhythmSpread, apexAboveHeadRadii };
  const heights = measured.map((entry) => entry.height).sort((a, b) => a - b);
  const middle = quantile(heights, 0.5);
  const heightSpread = (quantile(heights, 0.8) - quantile(heights, 0.2)) / middle;
  const left = measured.filter((entry) => entry.hand === 0).map((entry) => entry.height);
  const right = measured.filter((entry) => entry.hand === 1).map((entry) => entry.height);
  const enough = Math.max(2, Math.floor(options.minThrows / 3));
  const leftOverRight = left.length >= enough && right.length >= enough ? median(left) / median(right) : null;
  return { throws: measured.length, heightSpread, leftOverRight, rhythmSpread: state.rhythmSpread, apexAboveHeadRadii };
}

/** The pattern the tips are for (the headline's count and pattern). */
export interface PatternContext {
  readonly balls: number;
  readonly pattern: string;
}

const EVEN_BEAT_PATTERNS = new Set(['cascade', 'reverse-cascade', 'shower']);

export type MeasureTipKind = 'uneven-height' | 'one-hand-higher' | 'uneven-rhythm' | 'peaks-too-high' | 'peaks-too-low';

export interface MeasureTip {
  readonly kind: MeasureTipKind;
  readonly text: string;
  /** How far past its limit the measure is (1 = at the limit): tips are shown worst first. */
  readonly severity: number;
}

/** Fewer throws measured than this (of the last few seconds'): the tracks say nothing yet. */
export const MIN_MEASURED_THROWS = DEFAULT_MEASURE_OPTIONS.minThrows;

/**
 * A number in the words, rounded to tens of percent (at least 10 %): the juggler hears "about 30 %",
 * and the same words from one prediction to the next, so the cue limiter's repeat rule holds.
 */
const percent = (value: number) => `${Math.max(10, Math.round(value * 10) * 10)} %`;
/** Head radii as head heights, to the nearest half (at least a half): "about 1.5 head-heights". */
const headHeights = (radii: number) => {
  const halves = Math.max(1, Math.round(radii));
  return `${halves / 2} head-height${halves === 2 ? '' : 's'}`;
};

/** Peaks this far (head radii) above the eyes are too high: more than a head's height over the top of the head. */
export const PEAK_TOO_HIGH_RADII = 3;
/** Peaks this far (head radii) below the eyes are too low: under the chin. */
export const PEAK_TOO_LOW_RADII = 1.5;

export interface MeasureTipEntry {
  readonly kind: MeasureTipKind;
  /** The measure for this pattern; null: the tracks have none (too few throws, or no such measure for the pattern). */
  readonly value: (measures: ThrowMeasures, pattern: PatternContext) => number | null;
  /** Above this the tip is due (once given, measured-tips.ts holds it until well under). */
  readonly limit: number;
  /** The window classifier's quality class this measure stands in for: where the measure exists, the tracks speak for it. */
  readonly quality: string | null;
  readonly words: (value: number, measures: ThrowMeasures) => string;
}

/** Hand 0 of the tracker is on the image's left: the juggler's right hand, facing the camera. */
const higherHand = (measures: ThrowMeasures) => ((measures.leftOverRight ?? 1) >= 1 ? ['right', 'left'] : ['left', 'right']);

/**
 * The one table of measured tips: each measure, its limit, and its words with the number in them.
 * The rhythm limit is for 3-ball patterns with one throw every beat: a 2-ball pattern has a gap in
 * every cycle by design, and columns throw two balls together, so their intervals are uneven on purpose.
 * Too high and too low are measured against the head, where the pose network sees it (models with
 * `pose`); else the classifier's classes keep those.
 * The limits sit above what the synthetic juggler's steady cascades measure, with perfect detections
 * and through the shipped detector in the browser. test/throw-measures.test.ts checks the first
 * (steady cascades: no tip; unsteady: the rhythm tip); the browser figures were read by hand on
 * 2026-12-02, not by a committed command (height spread up to 0.5, one hand up to 1.55 times the
 * other, rhythm up to 0.05 with single frames to 0.27, which smoothing removes).
 */
export const MEASURE_TIPS: readonly MeasureTipEntry[] = [
  {
    kind: 'uneven-height',
    value: (measures) => measures.heightSpread,
    limit: 0.5,
    quality: null,
    words: (value) => `Your throws vary in height by about ${percent(value)} of a throw: aim every one at the same spot.`,
  },
  {
    kind: 'one-hand-higher',
    value: (measures) => (measures.leftOverRight === null ? null : Math.max(measures.leftOverRight, 1 / measures.leftOverRight)),
    limit: 1.6,
    quality: null,
    words: (value, measures) => {
      const [higher, lower] = higherHand(measures);
      return `Your ${higher} hand throws about ${percent(value - 1)} higher than your ${lower}: match them.`;
    },
  },
  {
    kind: 'uneven-rhythm',
    value: (measures, pattern) => (pattern.balls >= 3 && EVEN_BEAT_PATTERNS.has(pattern.pattern) ? measures.rhythmSpread : null),
    limit: 0.15,
    quality: 'unsteady',
    words: (value) => `Uneven rhythm: the gaps between throws vary by about ${percent(value)}. Throw, throw, throw, like a clock.`,
  },
  {
    kind: 'peaks-too-high',
    // How far past the top of the head's allowance: value > limit when the peaks are over PEAK_TOO_HIGH_RADII.
    value: (measures) => measures.apexAboveHeadRadii,
    limit: PEAK_TOO_HIGH_RADII,
    quality: 'too-high',
    words: (value) => `Your throws peak about ${headHeights(value - 1)} above your head: throw lower, peaks at eye height.`,
  },
  {
    kind: 'peaks-too-low',
    value: (measures) => (measures.apexAboveHeadRadii === null ? null : -measures.apexAboveHeadRadii),
    limit: PEAK_TOO_LOW_RADII,
    quality: 'too-low',
    words: (value) => `Your throws peak about ${headHeights(value)} below your eyes: throw higher, peaks at eye height.`,
  },
];

/** The measure of `entry` now, null where the tracks have none (always null under MIN_MEASURED_THROWS throws). */
export function measureValue(entry: MeasureTipEntry, measures: ThrowMeasures, pattern: PatternContext): number | null {
  if (measures.throws < MIN_MEASURED_THROWS) return null;
  const value = entry.value(measures, pattern);
  return value !== null && Number.isFinite(value) ? value : null;
}

/** How far past its limit a measure is (1 = at the limit): the worst is told first. */
export function tipSeverity(entry: MeasureTipEntry, value: number): number {
  return value / entry.limit;
}

/**
 * Tips for what the measures show is off now, worst first (empty: nothing measured is off). The
 * coach reads the same table through MeasuredTipPicker (measured-tips.ts), over smoothed values.
 */
export function measureTips(measures: ThrowMeasures, pattern: PatternContext): MeasureTip[] {
  return MEASURE_TIPS.flatMap((entry) => {
    const value = measureValue(entry, measures, pattern);
    return value !== null && value > entry.limit ? [{ kind: entry.kind, text: entry.words(value, measures), severity: tipSeverity(entry, value) }] : [];
  }).sort((a, b) => b.severity - a.severity);
}
