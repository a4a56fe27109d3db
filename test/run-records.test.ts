import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bestRunPerDay, bestsFor, catchesPerSession, isPersonalBest, runRecordProblems, toRunRecord, type RunRecord } from '../src/core/run-records.ts';
import { dayKey } from '../src/core/lesson-timeline.ts';

const DAY_MS = 24 * 3600 * 1000;
// Noon local time, so a few hours either way stay on the same day.
const today = new Date(2026, 11, 2, 12, 0, 0).getTime();

let next = 0;
const run = (fields: Partial<RunRecord>): RunRecord => ({
  id: `run-${(next += 1)}`,
  sessionStartedAtMs: null,
  startedAtMs: today,
  endedAtMs: today + 10_000,
  balls: 3,
  pattern: 'cascade',
  catches: 10,
  throws: 11,
  drops: 0,
  end: 'pause',
  heightSpread: null,
  ...fields,
});

test('a finished run becomes a record in wall-clock time; its end and drops are kept', () => {
  const record = toRunRecord(
    { id: 'feed:3', startMs: 5_000, endMs: 14_500, seconds: 9.5, catches: 31, throws: 33, balls: 3, pattern: 'cascade', end: 'drop', heightSpread: 0.21 },
    { frameMs: 16_000, wallMs: today },
    today - 60_000,
  );
  assert.deepEqual(record, {
    id: 'feed:3',
    sessionStartedAtMs: today - 60_000,
    startedAtMs: today - 11_000,
    endedAtMs: today - 1_500,
    balls: 3,
    pattern: 'cascade',
    catches: 31,
    throws: 33,
    drops: 1,
    end: 'drop',
    heightSpread: 0.21,
  });
  assert.deepEqual(runRecordProblems(record), []);
});

test('a bad record is refused with every reason', () => {
  const bad = run({ id: '', startedAtMs: today, endedAtMs: today - 1, balls: 2.5, catches: -1, throws: Number.NaN, end: 'fell' as never, heightSpread: -0.2 });
  const problems = runRecordProblems(bad);
  assert.equal(problems.length, 7, problems.join('; '));
  assert.ok(problems.some((problem) => problem.includes('ends before it starts')));
  assert.ok(problems.some((problem) => problem.includes('catches (-1)')));
  assert.ok(problems.some((problem) => problem.includes('unknown way (fell)')));
});

test('bests today and ever per ball count and pattern; a new personal best beats every earlier run of its kind', () => {
  const runs = [
    run({ catches: 12 }),
    run({ catches: 47, startedAtMs: today - 3 * DAY_MS }),
    run({ catches: 20, pattern: 'shower' }),
    run({ catches: 80, balls: 2, pattern: 'continuous' }),
    run({ catches: 99, balls: null, pattern: 'cascade' }),
  ];
  assert.deepEqual(bestsFor(runs, { balls: 3, pattern: 'cascade' }, today), { today: 12, ever: 47 });
  assert.deepEqual(bestsFor(runs, { balls: 3, pattern: null }, today), { today: 20, ever: 47 }, 'every 3-ball pattern');
  assert.deepEqual(bestsFor(runs, { balls: 3, pattern: 'shower' }, today + 2 * DAY_MS), { today: 0, ever: 20 }, 'a new day starts at 0');
  assert.deepEqual(bestsFor([], { balls: 1, pattern: 'toss' }, today), { today: 0, ever: 0 });
  assert.equal(isPersonalBest(run({ catches: 48 }), runs), true);
  assert.equal(isPersonalBest(run({ catches: 47 }), runs), false, 'equalling is not beating');
  assert.equal(isPersonalBest(run({ catches: 21, pattern: 'shower' }), runs), true, 'per pattern');
  assert.equal(isPersonalBest(run({ catches: 2, balls: 1, pattern: 'toss' }), runs), false, 'too short to be a record');
  assert.equal(isPersonalBest(run({ catches: 300, balls: null }), runs), false, 'not sure of its balls');
  const stored = run({ catches: 60 });
  assert.equal(isPersonalBest(stored, [...runs, stored]), true, 'the run itself among the records does not count against it');
});

test('best run per day and catches per session', () => {
  const session = today - 3_600_000;
  const runs = [
    run({ catches: 12, sessionStartedAtMs: session }),
    run({ catches: 30, sessionStartedAtMs: session, balls: 2, pattern: 'continuous' }),
    run({ catches: 5, sessionStartedAtMs: today }),
    run({ catches: 47, startedAtMs: today - DAY_MS, sessionStartedAtMs: today - DAY_MS }),
    run({ catches: 8 }),
  ];
  assert.deepEqual([...bestRunPerDay(runs)].sort(), [[dayKey(today - DAY_MS), 47], [dayKey(today), 30]]);
  assert.deepEqual([...catchesPerSession(runs)].sort((a, b) => a[0] - b[0]), [[today - DAY_MS, 47], [session, 42], [today, 5]]);
});
