// Lesson rules over recorded prediction sequences: streaks, grace, drops, repetitions,
// success, unlocking, tips from the feedback table, and cue rate limiting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOG, QUALITY_FEEDBACK, isCatalogClass, parseLabel } from '../src/core/labels.ts';
import { LESSONS, isUnlocked, lessonById, LessonError, nextStep, tipFor, unlockedBy } from '../src/core/lessons.ts';
import { LessonTracker, type CoachEvent, type Observation } from '../src/core/lesson-rules.ts';
import { CueLimiter, successText } from '../src/core/lesson-cues.ts';
import { TimelineBuilder, dayKey, recentDays } from '../src/core/lesson-timeline.ts';

/** A recorded run: [label or null (uncertain), confidence, duration ms], one prediction every 250 ms. */
type Segment = readonly [string | null, number, number];
const STEP_MS = 250;

function record(segments: readonly Segment[], startMs = 10_000): Observation[] {
  const observations: Observation[] = [];
  let timeMs = startMs;
  for (const [label, confidence, durationMs] of segments) {
    for (let elapsed = 0; elapsed < durationMs; elapsed += STEP_MS) {
      observations.push({ label, confidence, uncertain: label === null, timeMs });
      timeMs += STEP_MS;
    }
  }
  return observations;
}

function replay(tracker: LessonTracker, observations: readonly Observation[]): CoachEvent[] {
  return observations.flatMap((observation) => tracker.observe(observation));
}

const cascade5 = lessonById('cascade-5s');

test('the lesson table: every step is well formed and the path runs from one ball to tricks', () => {
  assert.deepEqual(
    LESSONS.map((step) => step.id),
    ['one-ball', 'two-ball-exchange', 'two-ball-continuous', 'three-ball-flash', 'cascade-5s', 'cascade-15s', 'cascade-30s', 'cascade-60s', 'reverse-cascade', 'shower', 'columns'],
  );
  const ids = new Set<string>();
  for (const step of LESSONS) {
    assert.ok(!ids.has(step.id), `${step.id} is unique`);
    ids.add(step.id);
    assert.ok(isCatalogClass(step.previewClass), `${step.id} previews a catalog class`);
    for (const label of step.success.labels) assert.ok(isCatalogClass(label) && parseLabel(label).quality === null, `${step.id} passes on a good class`);
    for (const quality of step.tipQualities) assert.ok(QUALITY_FEEDBACK[quality], `${step.id} tip "${quality}" has feedback text`);
    assert.ok(step.requires === null || ids.has(step.requires), `${step.id} requires an earlier step`);
    assert.ok(step.success.holdSeconds > 0 && step.success.repetitions >= 1);
    assert.ok(step.instructions.length > 0 && step.goal.length > 0);
  }
  assert.deepEqual(
    LESSONS.filter((step) => step.id.startsWith('cascade-')).map((step) => step.success.holdSeconds),
    [5, 15, 30, 60],
  );
  assert.ok(CATALOG.length > 0);
  assert.throws(() => lessonById('juggle-chainsaws'), LessonError);
});

test('tips reuse the feedback table of labels.ts', () => {
  assert.equal(tipFor(cascade5, 'too-high'), QUALITY_FEEDBACK['too-high']);
  assert.equal(tipFor(cascade5, 'moving'), QUALITY_FEEDBACK.moving);
  assert.equal(tipFor(cascade5, 'drop'), QUALITY_FEEDBACK.drop);
  assert.equal(tipFor(lessonById('one-ball'), 'hands-close'), null, 'no tip the step does not list');
});

test('a 5 s cascade held at good confidence passes the step exactly once', () => {
  const tracker = new LessonTracker(cascade5);
  const events = replay(tracker, record([['0b_idle', 0.9, 1000], ['3b_cascade', 0.8, 6000]]));
  const kinds = events.map((event) => event.kind);
  assert.deepEqual(kinds, ['streak-start', 'repetition', 'success']);
  const success = events.find((event) => event.kind === 'success');
  assert.ok(success && success.kind === 'success' && success.streakMs >= 5000 && success.streakMs < 5250);
  assert.equal(tracker.view.complete, true);
  assert.ok(tracker.view.bestStreakMs >= 5750, 'best streak keeps growing after success');
  // More juggling does not succeed again.
  assert.deepEqual(replay(tracker, record([['3b_cascade', 0.8, 6000]], 30_000)).filter((event) => event.kind === 'success'), []);
});

test('4.75 s is not 5 s, and low confidence does not count', () => {
  const short = new LessonTracker(cascade5);
  assert.ok(!replay(short, record([['3b_cascade', 0.9, 5000]])).some((event) => event.kind === 'success'), 'last prediction is at 4.75 s');
  assert.equal(short.view.streakMs, 4750);
  const unsure = new LessonTracker(cascade5);
  assert.deepEqual(replay(unsure, record([['3b_cascade', 0.35, 8000]])), []);
  assert.equal(unsure.view.bestStreakMs, 0);
});

test('a short flicker within the grace period keeps the streak; a longer one breaks it', () => {
  const kept = new LessonTracker(cascade5);
  const keptEvents = replay(kept, record([['3b_cascade', 0.8, 3000], [null, 0.3, 1000], ['3b_cascade_unsteady', 0.7, 250], ['3b_cascade', 0.8, 1500]]));
  assert.deepEqual(keptEvents.map((event) => event.kind), ['streak-start', 'repetition', 'success'], 'the flicker counts as part of the streak');

  const broken = new LessonTracker(cascade5);
  const brokenEvents = replay(broken, record([['3b_cascade', 0.8, 3000], ['2b_continuous', 0.8, 2000], ['3b_cascade', 0.8, 3000]]));
  assert.deepEqual(brokenEvents.map((event) => event.kind), ['streak-start', 'streak-break', 'streak-start']);
  const breakEvent = brokenEvents[1];
  assert.ok(breakEvent.kind === 'streak-break' && breakEvent.reason === 'lost' && breakEvent.streakMs === 2750);
  assert.equal(broken.view.bestStreakMs, 2750);
  assert.equal(broken.view.complete, false);
});

test('a drop breaks the streak at once and earns the pick-it-up tip', () => {
  const tracker = new LessonTracker(cascade5);
  const events = replay(tracker, record([['3b_cascade', 0.8, 4000], ['3b_cascade_drop', 0.7, 250], ['3b_cascade', 0.8, 2000]]));
  assert.deepEqual(events.map((event) => event.kind), ['streak-start', 'streak-break', 'tip', 'streak-start']);
  assert.ok(events[1].kind === 'streak-break' && events[1].reason === 'drop');
  assert.ok(events[2].kind === 'tip' && events[2].text === QUALITY_FEEDBACK.drop);
  assert.equal(tracker.view.complete, false);
});

test('a mistake that goes on is offered again every 5 s (the limiter decides what is spoken)', () => {
  const tracker = new LessonTracker(cascade5);
  const tips = replay(tracker, record([['3b_cascade_too-high', 0.8, 12_000]])).filter((event) => event.kind === 'tip');
  assert.equal(tips.length, 3, 'at 1 s, 6 s and 11 s');
  const limiter = new CueLimiter({ minGapMs: 4000, repeatGapMs: 15_000 });
  const spoken = [1000, 6000, 11_000, 16_000].filter((timeMs) => limiter.offer(QUALITY_FEEDBACK['too-high'], timeMs));
  assert.deepEqual(spoken, [1000, 16_000], 'the same words at most every 15 s');
});

test('a mistake shown for a second earns its tip, once per short episode', () => {
  const tracker = new LessonTracker(cascade5);
  const events = replay(tracker, record([['3b_cascade_too-high', 0.8, 3000], ['3b_cascade', 0.8, 1000], ['3b_cascade_too-high', 0.8, 500], ['3b_cascade_moving', 0.8, 1500]]));
  const tips = events.filter((event) => event.kind === 'tip').map((event) => (event.kind === 'tip' ? event.text : ''));
  assert.deepEqual(tips, [QUALITY_FEEDBACK['too-high'], QUALITY_FEEDBACK.moving], 'too-high once; the 0.5 s relapse is too short; then moving');
});

test('the best streak carries over from earlier visits and only grows', () => {
  const tracker = new LessonTracker(lessonById('cascade-15s'), 9000);
  replay(tracker, record([['3b_cascade', 0.9, 4000]]));
  assert.equal(tracker.view.bestStreakMs, 9000);
  replay(tracker, record([['3b_cascade', 0.9, 11_000]], 60_000));
  assert.equal(tracker.view.bestStreakMs, 10_750);
});

test('a step needing two repetitions needs two separate streaks', () => {
  const exchange = lessonById('two-ball-exchange');
  assert.equal(exchange.success.repetitions, 2);
  const tracker = new LessonTracker(exchange);
  const once = replay(tracker, record([['2b_exchange', 0.9, 6000]]));
  assert.deepEqual(once.map((event) => event.kind), ['streak-start', 'repetition'], 'one long streak is one repetition');
  const twice = replay(tracker, record([['0b_idle', 0.9, 2000], ['2b_exchange', 0.9, 2500]], 20_000));
  assert.deepEqual(twice.map((event) => event.kind), ['streak-break', 'streak-start', 'repetition', 'success']);
});

test('a silence longer than the grace period ends the streak', () => {
  const tracker = new LessonTracker(cascade5);
  replay(tracker, record([['3b_cascade', 0.9, 3000]]));
  const events = replay(tracker, record([['3b_cascade', 0.9, 3000]], 20_000));
  assert.deepEqual(events.map((event) => event.kind).slice(0, 2), ['streak-break', 'streak-start']);
  assert.equal(tracker.view.complete, false);
});

test('unlocking: each step opens the next, cascade 60 s opens the three tricks', () => {
  const none = new Set<string>();
  assert.equal(nextStep(none).id, 'one-ball');
  assert.ok(isUnlocked(lessonById('one-ball'), none));
  assert.ok(!isUnlocked(lessonById('cascade-5s'), none));
  assert.ok(isUnlocked(lessonById('cascade-5s'), new Set(['three-ball-flash'])));
  assert.deepEqual(unlockedBy('cascade-5s').map((step) => step.id), ['cascade-15s']);
  assert.deepEqual(unlockedBy('cascade-60s').map((step) => step.id), ['reverse-cascade', 'shower', 'columns']);
  const upToFlash = new Set(['one-ball', 'two-ball-exchange', 'two-ball-continuous', 'three-ball-flash']);
  assert.equal(nextStep(upToFlash).id, 'cascade-5s');
  assert.equal(successText(cascade5), 'Well done! Cascade for 5 seconds: complete. Next: Cascade for 15 seconds.');
  assert.match(successText(lessonById('cascade-60s')), /unlocked 3 tricks/);
});

test('cues are rate limited: no nagging, no repeats, success always heard', () => {
  const limiter = new CueLimiter({ minGapMs: 4000, repeatGapMs: 15_000 });
  assert.equal(limiter.offer('Throw lower', 0), true);
  assert.equal(limiter.offer('Stand still', 1000), false, 'too soon after the last cue');
  assert.equal(limiter.offer('Stand still', 4000), true);
  assert.equal(limiter.offer('Throw lower', 9000), false, 'the same text 9 s after it was said: under the 15-s repeat gap (simulated times)');
  assert.equal(limiter.offer('Well done!', 9500, 'high'), true, 'success is never held back');
  assert.equal(limiter.offer('Throw lower', 12_000), false, 'the success counts as the latest cue');
  assert.equal(limiter.offer('Throw lower', 15_000), true);
});

test('session timeline: one point a second, practice time only while balls are up', () => {
  const timeline = new TimelineBuilder();
  for (let timeMs = 0; timeMs < 4000; timeMs += 250) timeline.push({ timeMs, balls: timeMs < 2000 ? 0 : 3, label: timeMs < 2000 ? '0b_idle' : '3b_cascade' });
  // A 60 s gap (tab hidden) counts as at most 2 s.
  timeline.push({ timeMs: 64_000, balls: 3, label: '3b_cascade' });
  assert.deepEqual(timeline.points.map((point) => point.atSec), [0, 1, 2, 3, 64]);
  assert.deepEqual(timeline.points.map((point) => point.balls), [0, 0, 3, 3, 3]);
  assert.equal(timeline.practiceMs, 1750 + 2000, '2.00–3.75 s juggling plus the capped gap');
  assert.equal(timeline.durationMs, 64_000);
  assert.equal(dayKey(new Date(2026, 10, 25, 23, 59).getTime()), '2026-11-25');
  assert.deepEqual(recentDays(new Date(2026, 2, 2, 8).getTime(), 3), ['2026-02-28', '2026-03-01', '2026-03-02']);
});
