// What the record view is set to record: the class (from the catalog, or a name of one's own), the
// clip length, the countdown before each clip, and how many clips in a row (or hands-free: until
// stopped). Plain values and the rules on them; the view only shows and edits them.
import { labelProblem } from './labels.ts';

/** The class picker's "Another class…" entry: the label is then the typed name. */
export const OTHER_CLASS = '__other__';
export const DEFAULT_CLIP_SECONDS = 3;
export const DEFAULT_COUNTDOWN_SECONDS = 3;
export const CLIP_SECONDS = { min: 1.5, max: 10 } as const;
export const COUNTDOWN_SECONDS = { min: 0, max: 10 } as const;
export const SERIES = { min: 1, max: 100 } as const;

export interface NumberRange {
  readonly min: number;
  readonly max: number;
}

export interface RecordSettings {
  /** A catalog class, or OTHER_CLASS. */
  readonly choice: string;
  /** The typed class name (OTHER_CLASS only). */
  readonly customLabel: string;
  readonly clipSeconds: number;
  readonly countdownSeconds: number;
  /** Clips in a row. */
  readonly seriesCount: number;
  /** Hands-free: clips until stopped. */
  readonly repeat: boolean;
}

export const DEFAULT_RECORD_SETTINGS: RecordSettings = {
  choice: '3b_cascade',
  customLabel: '',
  clipSeconds: DEFAULT_CLIP_SECONDS,
  countdownSeconds: DEFAULT_COUNTDOWN_SECONDS,
  seriesCount: 1,
  repeat: false,
};

/** `value` within `range`; `fallback` when it is not a number (an emptied field). */
export function clamp(value: number, range: NumberRange, fallback: number): number {
  return Number.isFinite(value) ? Math.min(range.max, Math.max(range.min, value)) : fallback;
}

/** The class the clips are recorded as. */
export function recordLabel(settings: RecordSettings): string {
  return settings.choice === OTHER_CLASS ? settings.customLabel.trim() : settings.choice;
}

/** What is wrong with the typed class name (null when the catalog is used, or the name is good). */
export function customLabelProblem(settings: RecordSettings): string | null {
  return settings.choice === OTHER_CLASS ? labelProblem(settings.customLabel) : null;
}

/** How many clips one start records: Infinity hands-free. */
export function clipsPerStart(settings: RecordSettings): number {
  return settings.repeat ? Infinity : Math.round(clamp(settings.seriesCount, SERIES, 1));
}

/** Clips a minute in a series: each clip, its countdown, and half a second to store it. */
export function clipsPerMinute(settings: RecordSettings): number {
  return Math.round(60 / (settings.clipSeconds + settings.countdownSeconds + 0.5));
}
