// The coach's measured tips: each measure of the tracks to its words with the number, the limits,
// too few throws saying nothing, hysteresis, and the classifier's quality tip kept only where the
// tracks have no measure for that mistake (through LessonTracker, as the coach element uses it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QUALITY_FEEDBACK } from '../src/core/labels.ts';
import { lessonById } from '../src/core/lessons.ts';
import { LessonTracker, type CoachEvent } from '../src/core/lesson-rules.ts';
import { MEASURE_RELEASE_SHARE, MeasuredTipPicker, measuredFor } from '../src/core/measured-tips.ts';
import { MEASURE_TIPS, MIN_MEASURED_THROWS, measureThrows, measureTips, type ThrowMeasures } from '../src/core/throw-measures.ts';
import { NO_BALLS, summariseTracks } from '../src/core/ball-counter.ts';
import { clip, track } from './ball-paths.ts';

const CASCADE = { balls: 3, pattern: 'cascade' };
const EVEN: ThrowMeasures = { throws: 12, heightSpread: 0.1, leftOverRight: 1.02, rhythmSpread: 0.04 };
const limitOf = (kind: string) => MEASURE_TIPS.find((entry) => entry.kind === kind)!.limit;

test('each measure past its limit gets its own words, with the number rounded to tens of percent', () => {
  assert.deepEqual(measureTips(EVEN, CASCADE), [], 'even throws: nothing to say');
  const cases: [Partial<ThrowMeasures>, string, RegExp][] = [
    [{ heightSpread: 0.52 }, 'uneven-height', /vary in height by about 50 % of a throw/],
    // Hand 0, on the image's left, is the juggler's right hand.
    [{ leftOverRight: 0.6 }, 'one-hand-higher', /Your left hand throws about 70 % higher than your right/],
    [{ leftOverRight: 1.7 }, 'one-hand-higher', /Your right hand throws about 70 % higher than your left/],
    [{ rhythmSpread: 0.19 }, 'uneven-rhythm', /gaps between throws vary by about 20 %/],
  ];
  for (const [change, kind, words] of cases) {
    const tips = measureTips({ ...EVEN, ...change }, CASCADE);
    assert.deepEqual(tips.map((tip) => tip.kind), [kind], JSON.stringify(change));
    assert.match(tips[0].text, words);
  }
});

test('the limits: just under says nothing, just over speaks; too few throws say nothing at all', () => {
  for (const [kind, field] of [['uneven-height', 'heightSpread'], ['one-hand-higher', 'leftOverRight'], ['uneven-rhythm', 'rhythmSpread']] as const) {
    const limit = limitOf(kind);
    assert.deepEqual(measureTips({ ...EVEN, [field]: limit * 0.98 }, CASCADE), [], `${kind} just under its limit`);
    assert.deepEqual(measureTips({ ...EVEN, [field]: limit * 1.05 }, CASCADE).map((tip) => tip.kind), [kind], `${kind} just over`);
  }
  const wild: ThrowMeasures = { throws: MIN_MEASURED_THROWS - 1, heightSpread: 2, leftOverRight: 3, rhythmSpread: 0.6 };
  assert.deepEqual(measureTips(wild, CASCADE), [], `${wild.throws} throws: nothing yet`);
  const picker = new MeasuredTipPicker(['uneven-height', 'one-hand-higher', 'uneven-rhythm']);
  for (let timeMs = 0; timeMs <= 3000; timeMs += 250) assert.equal(picker.pick(wild, CASCADE, timeMs), null);
  assert.equal(measuredFor('unsteady', ['uneven-rhythm'], wild, CASCADE), false, 'unmeasured: the classifier still speaks for the rhythm');
  assert.equal(measuredFor('unsteady', ['uneven-rhythm'], EVEN, CASCADE), true);
  assert.equal(measuredFor('unsteady', ['uneven-rhythm'], EVEN, { balls: 2, pattern: 'continuous' }), false, 'no rhythm measure for a 2-ball pattern');
  assert.equal(measuredFor('too-high', ['uneven-height', 'one-hand-higher', 'uneven-rhythm'], EVEN, CASCADE), false, 'the tracks cannot see the head');
});

test('smoothing: a measure is the median of its last 3 s, so one odd value makes no tip, and three values are needed', () => {
  const picker = new MeasuredTipPicker(['uneven-rhythm']);
  const rhythm = limitOf('uneven-rhythm');
  assert.equal(picker.pick({ ...EVEN, rhythmSpread: rhythm * 3 }, CASCADE, 0), null, 'one value: not yet measured');
  assert.equal(picker.pick({ ...EVEN, rhythmSpread: rhythm * 3 }, CASCADE, 250), null, 'two values');
  assert.equal(picker.pick({ ...EVEN, rhythmSpread: rhythm * 3 }, CASCADE, 500)?.quality, 'uneven-rhythm', 'three values over the limit');
  const steady = new MeasuredTipPicker(['uneven-rhythm']);
  const picks = [0.03, 0.04, 0.5, 0.03, 0.05, 0.04].map((rhythmSpread, index) => steady.pick({ ...EVEN, rhythmSpread }, CASCADE, index * 250));
  assert.deepEqual(picks, [null, null, null, null, null, null], 'a spike among steady values');
});

test('hysteresis: a measured tip starts over its limit, holds until well under it, and is not displaced by a near rival', () => {
  const picker = new MeasuredTipPicker(['uneven-height', 'one-hand-higher', 'uneven-rhythm']);
  const rhythm = limitOf('uneven-rhythm');
  let timeMs = 0;
  /** The pick after 3 s of the same measures (the smoothing window then holds only them). */
  const after3s = (rhythmSpread: number, heightSpread = 0.1) => {
    let quality: string | null = null;
    for (const end = timeMs + 3000; timeMs < end; timeMs += 250) quality = picker.pick({ ...EVEN, rhythmSpread, heightSpread }, CASCADE, timeMs)?.quality ?? null;
    return quality;
  };
  assert.equal(after3s(rhythm * 0.95), null, 'under the limit: nothing');
  assert.equal(after3s(rhythm * 1.1), 'uneven-rhythm');
  assert.equal(after3s(rhythm * 0.9), 'uneven-rhythm', 'a little under the limit: still told');
  assert.equal(after3s(rhythm * 1.05, limitOf('uneven-height') * 1.2), 'uneven-rhythm', 'a slightly worse height does not take its turn');
  assert.equal(after3s(rhythm * (MEASURE_RELEASE_SHARE - 0.05)), null, 'well under the limit: released');
  assert.equal(after3s(rhythm * 0.9), null, 'and not told again until over the limit');
  assert.equal(picker.pick(null, CASCADE, timeMs), null, 'no tracker: nothing measured');
});

const cascade5 = lessonById('cascade-5s');

/** Predictions every 250 ms for `durationMs`: one label, one set of measures. */
function replay(tracker: LessonTracker, label: string, measures: ThrowMeasures | null | undefined, durationMs: number, startMs = 10_000): CoachEvent[] {
  const events: CoachEvent[] = [];
  for (let timeMs = startMs; timeMs < startMs + durationMs; timeMs += 250) events.push(...tracker.observe({ label, confidence: 0.8, uncertain: false, timeMs, measures }));
  return events;
}
const tips = (events: readonly CoachEvent[]) => events.flatMap((event) => (event.kind === 'tip' ? [event] : []));

test('the coach gives the measured tip, like any other: a second after it is measured, again every 5 s', () => {
  const events = tips(replay(new LessonTracker(cascade5), '3b_cascade', { ...EVEN, rhythmSpread: 0.25 }, 12_000));
  assert.equal(events.length, 3, 'at 1.5 s, 6.5 s and 11.5 s');
  for (const tip of events) {
    assert.equal(tip.source, 'measure');
    assert.equal(tip.quality, 'uneven-rhythm');
    assert.match(tip.text, /vary by about 30 %/);
  }
});

test('the classifier\'s quality tip is kept only where the tracks have no measure for that mistake', () => {
  const unsteady = (measures: ThrowMeasures | null | undefined) => tips(replay(new LessonTracker(cascade5), '3b_cascade_unsteady', measures, 2000)).map((tip) => tip.text);
  assert.deepEqual(unsteady(undefined), [QUALITY_FEEDBACK.unsteady], 'no ball tracker: the classifier\'s tip');
  assert.deepEqual(unsteady(null), [QUALITY_FEEDBACK.unsteady], 'nothing counted yet: the classifier\'s tip');
  assert.deepEqual(unsteady({ ...EVEN, throws: 3 }), [QUALITY_FEEDBACK.unsteady], 'too few throws measured: the classifier\'s tip');
  assert.deepEqual(unsteady(EVEN), [], 'the tracks measure an even beat: no rhythm tip');
  assert.match(unsteady({ ...EVEN, rhythmSpread: 0.3 })[0], /Uneven rhythm: the gaps between throws vary by about 30 %/, 'the measured words instead');
  // Too high against the head: the tracks have no measure, so the classifier speaks even beside fine measures.
  assert.deepEqual(tips(replay(new LessonTracker(cascade5), '3b_cascade_too-high', EVEN, 2000)).map((tip) => tip.text), [QUALITY_FEEDBACK['too-high']]);
  // A drop is told at once, before anything measured.
  const dropped = tips(replay(new LessonTracker(cascade5), '3b_cascade_drop', { ...EVEN, heightSpread: 0.9 }, 250));
  assert.deepEqual(dropped.map((tip) => tip.text), [QUALITY_FEEDBACK.drop]);
});

test('a step gives only the measured tips it lists: a shower\'s uneven heights are the pattern', () => {
  const uneven = { ...EVEN, heightSpread: 0.9, leftOverRight: 2 };
  assert.deepEqual(tips(replay(new LessonTracker(lessonById('shower')), '3b_shower', uneven, 3000)), []);
  assert.deepEqual(tips(replay(new LessonTracker(cascade5), '3b_cascade', uneven, 2000)).map((tip) => tip.quality), ['uneven-height'], 'the worse one only (1.8 times its limit against 1.25), one tip at a time');
});

test('through the tracker: a steady cascade read as unsteady by the classifier gets no tip, an unsteady one its measured rhythm', () => {
  const measuresOf = (className: string) => {
    const states = track(clip(className, 12345, { hideHeld: true, durationSec: 8 }).frames);
    const summary = summariseTracks({ timestampMs: 8000, balls: NO_BALLS, state: states[states.length - 1] }, 320, 240);
    assert.deepEqual(summary.measures, measureThrows(states[states.length - 1]), 'the summary the worker sends carries the measures');
    assert.ok(JSON.stringify(summary.measures).length < 200, 'a few numbers, not the tracks');
    return summary.measures;
  };
  assert.deepEqual(tips(replay(new LessonTracker(cascade5), '3b_cascade_unsteady', measuresOf('3b_cascade'), 3000)), []);
  const told = tips(replay(new LessonTracker(cascade5), '3b_cascade', measuresOf('3b_cascade_unsteady'), 3000));
  assert.deepEqual(told.map((tip) => [tip.quality, tip.source]), [['uneven-rhythm', 'measure']]);
  assert.equal(summariseTracks(null, 320, 240).measures, null, 'nothing counted: no measures');
});
