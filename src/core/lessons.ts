// The coach's lessons, one table: from one ball to a steady cascade and a first trick.
// Each step names the catalog class its preview shows, the rule that passes it, and the
// mistakes worth a tip (texts come from QUALITY_FEEDBACK in labels.ts, never copied here, and the
// tracks' measured tips from MEASURE_TIPS in throw-measures.ts).
import { QUALITY_FEEDBACK, type CatalogClass } from './labels.ts';
import type { MeasureTipKind } from './throw-measures.ts';
import { DEFAULT_POSTPROCESS } from './postprocess.ts';

export interface SuccessRule {
  /** Classes that count towards the streak (the step's pattern done well). */
  readonly labels: readonly CatalogClass[];
  /** How long one unbroken streak must last. */
  readonly holdSeconds: number;
  /** Predictions below this confidence do not extend the streak. */
  readonly minConfidence: number;
  /** A streak survives other labels (or uncertainty) for this long; a drop breaks it at once. */
  readonly graceSeconds: number;
  /** How many separate streaks of holdSeconds pass the step (e.g. an exchange from each hand). */
  readonly repetitions: number;
}

/**
 * A goal in catches, as jugglers set them ("10 catches of cascade"): one run of at least
 * `catches` catches in a row with `balls` balls (and this pattern; null: any). It passes the step
 * where the ball tracker counts catches; the time rule stays for where it does not.
 */
export interface CatchGoal {
  readonly balls: number;
  readonly pattern: string | null;
  readonly catches: number;
}

export interface LessonStep {
  readonly id: string;
  readonly title: string;
  /** One sentence: what passes the step. */
  readonly goal: string;
  readonly instructions: readonly string[];
  /** The class the synthetic juggler shows as "this is what it should look like". */
  readonly previewClass: CatalogClass;
  readonly success: SuccessRule;
  /** Mistakes (quality field of a class name) this step gives tips for. */
  readonly tipQualities: readonly string[];
  /**
   * What the tracks measure that this step gives tips for (MEASURE_TIPS). Where a measure stands in
   * for a quality (uneven rhythm for 'unsteady'), the classifier's tip is given only while it is unmeasured.
   */
  readonly measuredTips: readonly MeasureTipKind[];
  /** The step that must be completed first; null for the first step. */
  readonly requires: string | null;
  /** Passes the step too, counted from the tracks; null: only the time rule fits this step. */
  readonly catchGoal: CatchGoal | null;
}

const CASCADE_TIPS = ['too-high', 'too-low', 'unsteady', 'moving', 'hands-close', 'hands-high', 'drop'];
/** Peaks against the head (where the pose network sees it): every step that aims its throws at eye height. */
const PEAK_MEASURES: readonly MeasureTipKind[] = ['peaks-too-high', 'peaks-too-low'];
const ALL_MEASURES: readonly MeasureTipKind[] = ['uneven-height', 'one-hand-higher', 'uneven-rhythm', ...PEAK_MEASURES];
/** Patterns whose throws all go equally high from both hands (no rhythm measure: theirs is uneven by design). */
const HEIGHT_MEASURES: readonly MeasureTipKind[] = ['uneven-height', 'one-hand-higher', ...PEAK_MEASURES];

/**
 * As sure as the overlay must be to name a class: when the screen says "3 balls · cascade",
 * the streak runs; the coach never disagrees with the overlay.
 */
const MIN_CONFIDENCE = DEFAULT_POSTPROCESS.minConfidence;

function rule(labels: readonly CatalogClass[], holdSeconds: number, repetitions = 1): SuccessRule {
  return { labels, holdSeconds, minConfidence: MIN_CONFIDENCE, graceSeconds: 1.5, repetitions };
}

function cascadeStep(seconds: number, catches: number, requires: string): LessonStep {
  return {
    id: `cascade-${seconds}s`,
    title: `Cascade for ${seconds} seconds`,
    goal: `Keep a 3-ball cascade going for ${seconds} seconds without a drop.`,
    instructions: [
      'Two balls in your dominant hand, one in the other.',
      'Throw from the hand holding two; each ball crosses to the other hand.',
      'Throw the next ball when the one before it peaks, at eye height.',
    ],
    previewClass: '3b_cascade',
    success: rule(['3b_cascade'], seconds),
    tipQualities: CASCADE_TIPS,
    measuredTips: ALL_MEASURES,
    requires,
    catchGoal: { balls: 3, pattern: 'cascade', catches },
  };
}

/**
 * A trick after the 60-second cascade: its own class held for 10 seconds. `measuredTips`: a shower's
 * two hands throw to different heights and columns throw two at once, by design: they get none.
 */
function trickStep(id: string, title: string, goal: string, instructions: string[], trickClass: CatalogClass, measuredTips: readonly MeasureTipKind[] = []): LessonStep {
  return { id, title, goal, instructions, previewClass: trickClass, success: rule([trickClass], 10), tipQualities: ['drop', 'moving'], measuredTips, requires: 'cascade-60s', catchGoal: null };
}

export const LESSONS: readonly LessonStep[] = [
  {
    id: 'one-ball',
    title: 'One ball',
    goal: 'Toss one ball from hand to hand, peaking at eye height, for 10 seconds.',
    instructions: [
      'Stand still, elbows bent, hands at waist height.',
      'Toss the ball in an arc from one hand to the other.',
      'Aim the top of the arc at eye height, a little outside your head.',
    ],
    previewClass: '1b_toss',
    success: rule(['1b_toss'], 10),
    tipQualities: ['too-high', 'too-low', 'drop'],
    measuredTips: HEIGHT_MEASURES,
    requires: null,
    // Ten clean tosses: a toss is a catch in the other hand.
    catchGoal: { balls: 1, pattern: null, catches: 10 },
  },
  {
    id: 'two-ball-exchange',
    title: 'Two-ball exchange',
    goal: 'Make a clean exchange twice: once starting with each hand.',
    instructions: [
      'One ball in each hand.',
      'Throw the first ball; when it peaks, throw the second under it.',
      'Catch both, stop. Then start with the other hand.',
    ],
    previewClass: '2b_exchange',
    success: rule(['2b_exchange'], 2, 2),
    tipQualities: ['simultaneous', 'drop'],
    measuredTips: [],
    requires: 'one-ball',
    // Two separate exchanges, one from each hand: a run of catches does not say which hand began.
    catchGoal: null,
  },
  {
    id: 'two-ball-continuous',
    title: 'Two balls, continuous',
    goal: 'Keep exchanging two balls without stopping for 10 seconds.',
    instructions: ['Exchange, then exchange back straight away.', 'Keep every peak at eye height.', 'Even rhythm: throw, throw, throw.'],
    previewClass: '2b_continuous',
    success: rule(['2b_continuous'], 10),
    tipQualities: ['simultaneous', 'drop'],
    measuredTips: HEIGHT_MEASURES,
    requires: 'two-ball-exchange',
    catchGoal: null,
  },
  {
    id: 'three-ball-flash',
    title: 'Three-ball flash',
    goal: 'Throw all three balls once and catch them, twice.',
    instructions: [
      'Two balls in your dominant hand, one in the other.',
      'Throw, throw, throw: each ball when the one before it peaks.',
      'Catch all three and stop.',
    ],
    previewClass: '3b_flash',
    success: rule(['3b_flash'], 1.5, 2),
    tipQualities: ['drop'],
    measuredTips: [],
    requires: 'two-ball-continuous',
    // Three throws, three catches (the headline may read it as a short cascade: any pattern).
    catchGoal: { balls: 3, pattern: null, catches: 3 },
  },
  cascadeStep(5, 10, 'three-ball-flash'),
  cascadeStep(15, 20, 'cascade-5s'),
  cascadeStep(30, 50, 'cascade-15s'),
  cascadeStep(60, 100, 'cascade-30s'),
  trickStep('reverse-cascade', 'Trick: reverse cascade', 'Keep a reverse cascade going for 10 seconds.', ['Throw each ball over the top of the incoming one, from the outside in.', 'Keep the hands low and the rhythm even.'], '3b_reverse-cascade', ALL_MEASURES),
  trickStep('shower', 'Trick: shower', 'Keep a 3-ball shower going for 10 seconds.', ['Throw high with one hand, pass low and quick with the other.', 'The balls go round in a circle.'], '3b_shower'),
  trickStep('columns', 'Trick: columns', 'Keep three balls going in columns for 10 seconds.', ['Throw straight up: one ball in the middle, then two together at the sides.', 'Each column rises and falls in its own lane.'], '3b_columns'),
];

export class LessonError extends Error {}

export function lessonById(id: string): LessonStep {
  const step = LESSONS.find((candidate) => candidate.id === id);
  if (!step) throw new LessonError(`There is no lesson "${id}". Lessons: ${LESSONS.map((lesson) => lesson.id).join(', ')}.`);
  return step;
}

export function isLessonId(id: string): boolean {
  return LESSONS.some((lesson) => lesson.id === id);
}

/** Steps whose required step is completed (the first step always is). */
export function isUnlocked(step: LessonStep, completed: ReadonlySet<string>): boolean {
  return step.requires === null || completed.has(step.requires);
}

/** The steps that completing `id` unlocks. */
export function unlockedBy(id: string): readonly LessonStep[] {
  return LESSONS.filter((step) => step.requires === id);
}

/** Where a person should go on: the first unlocked step not yet completed, else the last step. */
export function nextStep(completed: ReadonlySet<string>): LessonStep {
  return LESSONS.find((step) => !completed.has(step.id) && isUnlocked(step, completed)) ?? LESSONS[LESSONS.length - 1];
}

/** The tip for a mistake in this step, from the one feedback table; null when the step has none for it. */
export function tipFor(step: LessonStep, quality: string): string | null {
  if (!step.tipQualities.includes(quality)) return null;
  return QUALITY_FEEDBACK[quality] ?? null;
}

/** The catch goal in words, for the coach's goal line. */
export function catchGoalText(goal: CatchGoal): string {
  const what = goal.pattern ? `${goal.balls}-ball ${goal.pattern.replaceAll('-', ' ')}` : `${goal.balls} ${goal.balls === 1 ? 'ball' : 'balls'}`;
  return `${goal.catches} catches in a row with ${what}.`;
}
