// The class-name grammar of DESIGN.md: `<N>b_<pattern>[_<quality>]`.
// The parser is total: every catalog name parses, anything else is a clear error.

export const CATALOG = [
  '0b_empty',
  '0b_idle',
  '0b_entering',
  '0b_leaving',
  '0b_reaching',
  '0b_pretend',
  '1b_toss',
  '1b_toss_too-high',
  '1b_toss_too-low',
  '1b_toss_drop',
  '2b_exchange',
  '2b_continuous',
  '2b_fountain',
  '2b_exchange_simultaneous',
  '2b_exchange_drop',
  '3b_flash',
  '3b_cascade',
  '3b_cascade_too-high',
  '3b_cascade_too-low',
  '3b_cascade_unsteady',
  '3b_cascade_moving',
  '3b_cascade_hands-close',
  '3b_cascade_hands-high',
  '3b_cascade_drop',
  '3b_shower',
  '3b_reverse-cascade',
  '3b_columns',
] as const;

export type CatalogClass = (typeof CATALOG)[number];

export interface ParsedLabel {
  readonly name: string;
  readonly balls: number;
  readonly pattern: string;
  /** null when the pattern is done well. */
  readonly quality: string | null;
}

export class LabelError extends Error {
  constructor(
    readonly label: string,
    reason: string,
  ) {
    super(`"${label}" is not a class name: ${reason}. Expected <balls>b_<pattern>[_<quality>], e.g. 3b_cascade_too-high.`);
    this.name = 'LabelError';
  }
}

const WORD = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const MAX_BALLS = 9;

/** Parses any name that follows the grammar (user classes too, not only the catalog). */
export function parseLabel(name: string): ParsedLabel {
  if (typeof name !== 'string' || name.length === 0) throw new LabelError(String(name), 'it is empty');
  if (name.length > 64) throw new LabelError(name, 'it is longer than 64 characters');
  const fields = name.split('_');
  if (fields.length < 2) throw new LabelError(name, 'it needs at least a ball count and a pattern');
  if (fields.length > 3) throw new LabelError(name, 'it has more than three fields');
  const [countField, pattern, quality] = fields;
  const countMatch = /^(\d)b$/.exec(countField);
  if (!countMatch) throw new LabelError(name, `"${countField}" is not a ball count like 3b`);
  const balls = Number(countMatch[1]);
  if (balls > MAX_BALLS) throw new LabelError(name, `more than ${MAX_BALLS} balls`);
  if (!WORD.test(pattern)) throw new LabelError(name, `"${pattern}" is not a pattern (lower-case words joined by -)`);
  if (quality !== undefined && !WORD.test(quality)) {
    throw new LabelError(name, `"${quality}" is not a quality (lower-case words joined by -)`);
  }
  return { name, balls, pattern, quality: quality ?? null };
}

export function isCatalogClass(name: string): name is CatalogClass {
  return (CATALOG as readonly string[]).includes(name);
}

/** Words a person reads on the overlay, one table. */
export const PATTERN_TEXT: Record<string, string> = {
  empty: 'nobody there',
  idle: 'ready when you are',
  entering: 'stepping in',
  leaving: 'stepping out',
  reaching: 'reaching',
  pretend: 'juggling without balls',
  toss: 'toss',
  exchange: 'exchange',
  continuous: 'continuous',
  fountain: 'fountain',
  flash: 'flash',
  cascade: 'cascade',
  shower: 'shower',
  'reverse-cascade': 'reverse cascade',
  columns: 'columns',
};

/** One-line feedback for each quality (the mistake), one table. */
export const QUALITY_FEEDBACK: Record<string, string> = {
  'too-high': 'Throw lower: peaks at eye height.',
  'too-low': 'Throw higher: peaks at eye height.',
  drop: 'Dropped one. Pick it up and go again.',
  simultaneous: 'Throw the second ball when the first one peaks, not together.',
  unsteady: 'Keep an even rhythm: throw, throw, throw.',
  moving: 'Stand still, feet apart. Throw in front of you, not forwards.',
  'hands-close': 'Hands further apart, about hip width.',
  'hands-high': 'Drop your hands to waist height, elbows bent.',
};

export const GOOD_FEEDBACK = 'Good. Keep it going.';

export function patternText(pattern: string): string {
  return PATTERN_TEXT[pattern] ?? pattern.replaceAll('-', ' ');
}

export function feedbackFor(label: ParsedLabel): string {
  if (label.quality === null) return label.balls > 0 ? GOOD_FEEDBACK : '';
  return QUALITY_FEEDBACK[label.quality] ?? `Watch out: ${label.quality.replaceAll('-', ' ')}.`;
}

/** Headline for the overlay, e.g. "3 balls · cascade". */
export function headline(label: ParsedLabel): string {
  if (label.balls === 0) return patternText(label.pattern);
  const count = label.balls === 1 ? '1 ball' : `${label.balls} balls`;
  return `${count} · ${patternText(label.pattern)}`;
}

/** Why `name` is not a class name, for people; null when it is one. */
export function labelProblem(name: string): string | null {
  try {
    parseLabel(name.trim());
    return null;
  } catch (error) {
    if (error instanceof LabelError) return error.message;
    throw error;
  }
}
