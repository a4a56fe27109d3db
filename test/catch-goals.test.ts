import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CatchGoalTracker } from '../src/core/catch-goals.ts';
import { catchGoalText, LESSONS, lessonById } from '../src/core/lessons.ts';
import { parseLabel } from '../src/core/labels.ts';
import type { CatchRunSummary, FinishedRunView } from '../src/core/live-runs.ts';

const going = (catches: number, balls: number | null = 3, pattern: string | null = 'cascade', finished: FinishedRunView[] = []): CatchRunSummary => ({
  current: { startMs: 0, catches, seconds: catches / 3, balls, pattern },
  recent: finished,
});
const ended = (id: string, catches: number, balls: number | null = 3, pattern: string | null = 'cascade'): FinishedRunView => ({ id, startMs: 0, endMs: 1000, seconds: 1, catches, throws: catches, balls, pattern, end: 'drop', heightSpread: null });

test('the lessons set catch goals where a juggler would: one ball 10, flash 3, cascade 10, 20, 50, 100; time goals stay where a run of catches cannot say it', () => {
  assert.deepEqual(lessonById('one-ball').catchGoal, { balls: 1, pattern: null, catches: 10 });
  assert.deepEqual(lessonById('three-ball-flash').catchGoal, { balls: 3, pattern: null, catches: 3 });
  assert.deepEqual(['cascade-5s', 'cascade-15s', 'cascade-30s', 'cascade-60s'].map((id) => lessonById(id).catchGoal?.catches), [10, 20, 50, 100]);
  assert.equal(lessonById('two-ball-exchange').catchGoal, null);
  for (const step of LESSONS) {
    assert.ok(step.success.holdSeconds > 0, `${step.id} keeps its time rule`);
    if (!step.catchGoal) continue;
    const preview = parseLabel(step.previewClass);
    assert.equal(step.catchGoal.balls, preview.balls, `${step.id}: the goal's ball count is the step's`);
    if (step.catchGoal.pattern) assert.equal(step.catchGoal.pattern, preview.pattern, `${step.id}: the goal's pattern is the step's`);
  }
  assert.equal(catchGoalText(lessonById('cascade-15s').catchGoal!), '20 catches in a row with 3-ball cascade.');
  assert.equal(catchGoalText(lessonById('one-ball').catchGoal!), '10 catches in a row with 1 ball.');
});

test('a catch goal is met once, by a run of its kind reaching it; other kinds and short runs do not count', () => {
  const tracker = new CatchGoalTracker({ balls: 3, pattern: 'cascade', catches: 10 });
  assert.equal(tracker.observe(going(4)), false);
  assert.deepEqual(tracker.view, { catches: 4, best: 4, needed: 10, met: false });
  assert.equal(tracker.observe(going(12, 3, 'shower')), false, 'another pattern');
  assert.equal(tracker.observe(going(12, 2, 'cascade')), false, 'another ball count');
  assert.equal(tracker.observe(going(12, null, 'cascade')), false, 'not sure of the balls');
  assert.equal(tracker.view.catches, 0);
  assert.equal(tracker.view.best, 4);
  assert.equal(tracker.observe(going(9)), false);
  assert.equal(tracker.observe(going(10)), true, 'met at the tenth catch');
  assert.equal(tracker.observe(going(11)), false, 'said once');
  assert.equal(tracker.view.met, true);
});

test('a run that reached the goal between two predictions counts; each finished run is read once', () => {
  const tracker = new CatchGoalTracker({ balls: 3, pattern: null, catches: 3 });
  tracker.observe(going(2, 3, 'flash'));
  assert.equal(tracker.observe({ current: null, recent: [ended('a', 2), ended('b', 3, 3, null)] }), true);
  assert.equal(tracker.view.best, 3);
  assert.equal(tracker.view.catches, 0, 'no run going on');
  const fresh = new CatchGoalTracker({ balls: 1, pattern: null, catches: 10 });
  assert.equal(fresh.observe({ current: null, recent: [ended('c', 9, 1, 'toss')] }), false);
  assert.equal(fresh.observe({ current: null, recent: [ended('c', 9, 1, 'toss')] }), false);
  assert.equal(fresh.view.best, 9);
});
