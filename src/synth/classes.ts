// What each catalog class looks like in the synthetic world: one table, read by the scene.
import { CATALOG, type CatalogClass } from '../core/labels.ts';

export type Activity = 'absent' | 'idle' | 'enter' | 'leave' | 'reach' | 'juggle';

export interface ClassBehaviour {
  readonly activity: Activity;
  /** Siteswap and ball count of the juggling (also for pretending, which hides the balls). */
  readonly siteswap: string;
  readonly balls: number;
  readonly showBalls: boolean;
  /** Episodic: this many throws at the start of each cycle, then hold. */
  readonly throwsPerCycle: number;
  readonly cycleBeats: number;
  readonly placement: 'cascade' | 'reverse' | 'columns';
  readonly peak: 'normal' | 'high' | 'low';
  readonly unsteady: boolean;
  readonly moving: boolean;
  readonly handsClose: boolean;
  readonly handsHigh: boolean;
  readonly drop: boolean;
}

const base: ClassBehaviour = {
  activity: 'juggle',
  siteswap: '3',
  balls: 3,
  showBalls: true,
  throwsPerCycle: Infinity,
  cycleBeats: 1,
  placement: 'cascade',
  peak: 'normal',
  unsteady: false,
  moving: false,
  handsClose: false,
  handsHigh: false,
  drop: false,
};

const idle = { ...base, activity: 'idle' as const, balls: 0, showBalls: false };

export const CLASS_BEHAVIOUR: Record<CatalogClass, ClassBehaviour> = {
  '0b_empty': { ...idle, activity: 'absent' },
  '0b_idle': idle,
  '0b_entering': { ...idle, activity: 'enter' },
  '0b_leaving': { ...idle, activity: 'leave' },
  '0b_reaching': { ...idle, activity: 'reach' },
  '0b_pretend': { ...base, showBalls: false },
  '1b_toss': { ...base, balls: 1 },
  '1b_toss_too-high': { ...base, balls: 1, peak: 'high' },
  '1b_toss_too-low': { ...base, balls: 1, peak: 'low' },
  '1b_toss_drop': { ...base, balls: 1, drop: true },
  '2b_exchange': { ...base, balls: 2, throwsPerCycle: 2, cycleBeats: 8 },
  '2b_continuous': { ...base, balls: 2 },
  '2b_fountain': { ...base, siteswap: '40', balls: 2 },
  '2b_exchange_simultaneous': { ...base, siteswap: '(4x,4x)', balls: 2, throwsPerCycle: 2, cycleBeats: 8 },
  '2b_exchange_drop': { ...base, balls: 2, throwsPerCycle: 2, cycleBeats: 8, drop: true },
  '3b_flash': { ...base, throwsPerCycle: 3, cycleBeats: 11 },
  '3b_cascade': base,
  '3b_cascade_too-high': { ...base, peak: 'high' },
  '3b_cascade_too-low': { ...base, peak: 'low' },
  '3b_cascade_unsteady': { ...base, unsteady: true },
  '3b_cascade_moving': { ...base, moving: true },
  '3b_cascade_hands-close': { ...base, handsClose: true },
  '3b_cascade_hands-high': { ...base, handsHigh: true },
  '3b_cascade_drop': { ...base, drop: true },
  '3b_shower': { ...base, siteswap: '51' },
  '3b_reverse-cascade': { ...base, placement: 'reverse' },
  '3b_columns': { ...base, siteswap: '(4,4)(4,0)', placement: 'columns' },
};

export function behaviourOf(className: string): ClassBehaviour {
  if (!(CATALOG as readonly string[]).includes(className)) {
    throw new Error(`the synthetic juggler cannot render "${className}": it renders the catalog classes only (${CATALOG.join(', ')})`);
  }
  return CLASS_BEHAVIOUR[className as CatalogClass];
}
