// Times read from files (a clip's recordedAtMs, a head's createdAtMs): a number can be finite and
// still be nonsense (0, -0, a negative, year 30000), and would show as a 1970 session.

/** Earliest time a file may claim: the app (and MediaRecorder in every browser it runs in) is younger. */
export const EARLIEST_TIME_MS = Date.UTC(2015, 0, 1);
/** Latest: a clock set far ahead is not a recording time. */
export const LATEST_TIME_MS = Date.UTC(2100, 0, 1);

export function isPlausibleTimeMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= EARLIEST_TIME_MS && value <= LATEST_TIME_MS;
}

/** The words for a bad time, for a problem list. */
export const PLAUSIBLE_TIME_TEXT = 'a time in milliseconds since 1970 between 2015 and 2100';
