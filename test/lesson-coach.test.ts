// The coaching workflow (core/lesson-coach.ts) without a browser: what the coach says, shows and
// saves as predictions come in, on simulated times.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LessonCoach, SAVE_BEST_EVERY_MS, type CoachAction, type CoachObservation } from '../src/core/lesson-coach.ts';
import { introText, successText } from '../src/core/lesson-cues.ts';
import { LESSONS, lessonById } from '../src/core/lessons.ts';
import type { CatchRunSummary } from '../src/core/live-runs.ts';
import { addsProgress, completedSteps, withStreak, type StepProgress } from '../src/core/step-progress.ts';

const seen = (label: string | null, timeMs: number, extra: Partial<CoachObservation> = {}): CoachObservation => ({ label, confidence: 0.95, uncertain: label === null, timeMs, ...extra });

/** Predictions of `label` every 100 ms from `fromMs` to `toMs`; every action, in order. */
function feed(coach: LessonCoach, label: string | null, fromMs: number, toMs: number): CoachAction[] {
  const actions: CoachAction[] = [];
  for (let timeMs = fromMs; timeMs <= toMs; timeMs += 100) actions.push(...coach.observe(seen(label, timeMs)));
  return actions;
}

const saves = (actions: readonly CoachAction[]) => actions.filter((action) => action.kind === 'save');
const said = (actions: readonly CoachAction[]) => actions.flatMap((action) => (action.kind === 'say' ? [action.text] : []));

test('opening a step introduces it; the first open saves nothing, the next saves the step left', () => {
  const coach = new LessonCoach();
  const oneBall = lessonById('one-ball');
  assert.deepEqual(coach.open(oneBall, 0), [{ kind: 'say', text: introText(oneBall), cue: 'intro' }]);
  assert.equal(coach.step, oneBall);
  assert.deepEqual(coach.lessonView, { streakMs: 0, bestStreakMs: 0, repetitionsDone: 0, complete: false });
  feed(coach, '1b_toss', 100, 400);
  const exchange = lessonById('two-ball-exchange');
  const actions = coach.open(exchange, 500);
  assert.deepEqual(actions, [
    { kind: 'save', stepId: 'one-ball', bestStreakMs: 300, completed: false },
    { kind: 'say', text: introText(exchange), cue: 'intro' },
  ]);
  assert.equal(coach.celebrating, false);
});

test('a held streak passes the step once: the success is said (over the limiter) and saved as completed', () => {
  const coach = new LessonCoach();
  const step = lessonById('one-ball');
  coach.open(step, 0);
  const actions = feed(coach, '1b_toss', 1000, 1000 + step.success.holdSeconds * 1000 + 500);
  assert.equal(coach.celebrating, true);
  assert.deepEqual(said(actions), [successText(step)], 'the intro 1 s earlier does not hold the success back');
  const completed = saves(actions).filter((save) => save.kind === 'save' && save.completed);
  assert.equal(completed.length, 1);
  assert.deepEqual(completed[0], { kind: 'save', stepId: 'one-ball', bestStreakMs: step.success.holdSeconds * 1000, completed: true });
  assert.ok(saves(feed(coach, '1b_toss', 12_000, 12_500)).every((save) => save.kind === 'save' && !save.completed), 'no second success');
});

test('a repetition short of the goal is counted aloud ("That\'s 1. 1 more.")', () => {
  const coach = new LessonCoach();
  const step = lessonById('two-ball-exchange');
  coach.open(step, 0);
  const actions = feed(coach, '2b_exchange', 5000, 5000 + step.success.holdSeconds * 1000);
  assert.deepEqual(said(actions), ["That's 1. 1 more."]);
  assert.equal(coach.celebrating, false);
});

test('the demo juggler passes a step on screen, but nothing is said about it or saved', () => {
  const coach = new LessonCoach();
  coach.ownPractice = false;
  const step = lessonById('one-ball');
  coach.open(step, 0);
  const actions = feed(coach, '1b_toss', 1000, 12_000);
  assert.equal(coach.celebrating, true);
  assert.deepEqual(said(actions), []);
  assert.deepEqual(saves(actions), []);
  assert.deepEqual(coach.leave(), []);
});

test(`a growing best streak is saved every ${SAVE_BEST_EVERY_MS} ms beyond the stored one, and when the streak breaks`, () => {
  const coach = new LessonCoach();
  coach.open(lessonById('one-ball'), 0);
  const first = saves(feed(coach, '1b_toss', 0, SAVE_BEST_EVERY_MS - 100));
  assert.deepEqual(first, [], 'short of the step');
  const due = coach.observe(seen('1b_toss', SAVE_BEST_EVERY_MS));
  assert.deepEqual(saves(due), [{ kind: 'save', stepId: 'one-ball', bestStreakMs: SAVE_BEST_EVERY_MS, completed: false }]);
  // Until the write lands the rule still holds (the writer skips what adds nothing); after it, the next step is 500 ms on.
  assert.equal(saves(coach.observe(seen('1b_toss', SAVE_BEST_EVERY_MS + 100))).length, 1);
  coach.stored(withStreak(undefined, 'one-ball', SAVE_BEST_EVERY_MS + 100, false, 1));
  assert.deepEqual(saves(feed(coach, '1b_toss', SAVE_BEST_EVERY_MS + 200, 2 * SAVE_BEST_EVERY_MS)), []);
  assert.equal(saves(coach.observe(seen('1b_toss', 2 * SAVE_BEST_EVERY_MS + 100))).length, 1);
  coach.stored(withStreak(undefined, 'one-ball', 2 * SAVE_BEST_EVERY_MS + 100, false, 2));
  // A drop breaks the streak: saved at once.
  const dropped = coach.observe(seen('1b_toss_drop', 2 * SAVE_BEST_EVERY_MS + 200));
  assert.deepEqual(saves(dropped), [{ kind: 'save', stepId: 'one-ball', bestStreakMs: 2 * SAVE_BEST_EVERY_MS + 100, completed: false }]);
});

test('the best streak stored from earlier visits is the best to beat', () => {
  const coach = new LessonCoach();
  coach.progress = new Map([['one-ball', withStreak(undefined, 'one-ball', 4000, false, 1)]]);
  coach.open(lessonById('one-ball'), 0);
  assert.equal(coach.lessonView?.bestStreakMs, 4000);
  assert.deepEqual(saves(feed(coach, '1b_toss', 0, 4400)), []);
  assert.equal(saves(feed(coach, '1b_toss', 4500, 4500)).length, 1);
});

test('a tip goes on screen and is said; the same tip again soon is shown but not said again', () => {
  const coach = new LessonCoach();
  const step = lessonById('one-ball');
  coach.open(step, 0);
  const first = feed(coach, '1b_toss_too-high', 10_000, 11_000);
  const tips = first.filter((action) => action.kind === 'show-tip');
  assert.equal(tips.length, 1);
  assert.equal(said(first).length, 1);
  assert.equal(said(first)[0], tips[0].kind === 'show-tip' ? tips[0].text : '');
  const again = feed(coach, '1b_toss_too-high', 11_100, 16_100);
  assert.equal(again.filter((action) => action.kind === 'show-tip').length, 1, 'offered again after the repeat time');
  assert.deepEqual(said(again), [], 'the limiter keeps the same text quiet for 15 s');
});

test('the catch goal passes the step where the tracker counts catches, before the time rule could', () => {
  const coach = new LessonCoach();
  const step = lessonById('one-ball');
  coach.open(step, 0);
  const runs = (catches: number): CatchRunSummary => ({ current: { startMs: 0, catches, seconds: catches / 2, balls: 1, pattern: 'toss' }, recent: [] });
  const actions: CoachAction[] = [];
  for (let catches = 1; catches <= 10; catches += 1) actions.push(...coach.observe(seen('1b_toss', 1000 + catches * 300, { runs: runs(catches) })));
  assert.equal(coach.celebrating, true);
  assert.deepEqual(coach.catchView, { catches: 10, best: 10, needed: 10, met: true });
  assert.deepEqual(said(actions), [successText(step)]);
  assert.equal(saves(actions).filter((save) => save.kind === 'save' && save.completed).length, 1);
});

test('without the tracker\'s runs there is no catch view', () => {
  const coach = new LessonCoach();
  coach.open(lessonById('one-ball'), 0);
  feed(coach, '1b_toss', 0, 1000);
  assert.equal(coach.catchView, null);
});

test('the first step is the one asked for (even locked), else the first not yet completed', () => {
  const coach = new LessonCoach();
  assert.equal(coach.firstStep(null).id, LESSONS[0].id);
  assert.equal(coach.firstStep('cascade-60s').id, 'cascade-60s');
  assert.equal(coach.firstStep('no-such-step').id, LESSONS[0].id);
  coach.stored(withStreak(undefined, 'one-ball', 10_000, true, 5));
  assert.equal(coach.firstStep(null).id, 'two-ball-exchange');
});

test('a step\'s record: best streaks only grow, a completion stays, and a write is made only when it adds one', () => {
  const stored: StepProgress = { stepId: 'one-ball', completedAtMs: 10, bestStreakMs: 3000, updatedAtMs: 10 };
  assert.deepEqual(withStreak(stored, 'one-ball', 2000.4, false, 99), { stepId: 'one-ball', completedAtMs: 10, bestStreakMs: 3000, updatedAtMs: 99 });
  assert.deepEqual(withStreak(undefined, 'one-ball', 2000.6, true, 99), { stepId: 'one-ball', completedAtMs: 99, bestStreakMs: 2001, updatedAtMs: 99 });
  assert.equal(withStreak(undefined, 'one-ball', 5, false, 99).completedAtMs, null);
  assert.equal(addsProgress(stored, 3000, false), false);
  assert.equal(addsProgress(stored, 3001, false), true);
  assert.equal(addsProgress(stored, 0, true), false, 'completed already');
  assert.equal(addsProgress({ ...stored, completedAtMs: null }, 0, true), true);
  assert.equal(addsProgress(undefined, 0, false), false);
  assert.deepEqual(completedSteps(new Map([['one-ball', stored], ['cascade-5s', { ...stored, stepId: 'cascade-5s', completedAtMs: null }]])), new Set(['one-ball']));
});
