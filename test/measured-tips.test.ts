// The coach's measured tips: each measure of the tracks to its words with the number, the limits,
// too few throws saying nothing, hysteresis, and the classifier's quality tip kept only where the
// tracks have no measure for that mistake (through LessonTracker, as the coach element uses it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QUALITY_FEEDBACK } from '../src/core/labels.ts';
import { lessonById } from '../src/core/lessons.ts';
import { LessonTracker, type CoachEvent } from '../src/core/lesson-rules.ts';
import { DISPLACE_FACTOR, MEASURE_RELEASE_SHARE, MEASURE_SETTLE_MS, MeasuredTipPicker } from '../src/core/measured-tips.ts';
import { MEASURE_TIPS, MIN_MEASURED_THROWS, measureThrows, measureTips, type ThrowMeasures } from '../src/core/throw-measures.ts';
import { NO_BALLS, summariseTracks } from '../src/core/ball-counter.ts';
import { clip, track } from './ball-paths.ts';

const CASCADE = { balls: 3, pattern: 'cascade' };
const EVEN: ThrowMeasures = { throws: 12, heightSpread: 0.1, leftOverRight: 1.02, rhythmSpread: 0.04, apexAboveHeadRadii: null };
const limitOf = (kind: string) => MEASURE_TIPS.find((entry) => entry.kind === kind)!.limit;
const ALL = ['uneven-height', 'one-hand-higher', 'uneven-rhythm'] as const;

/** Feeds `picker` the same measures every 250 ms from `fromMs` for `durationMs`; the last pick's quality. */
function feed(picker: MeasuredTipPicker, measures: ThrowMeasures | null, fromMs: number, durationMs: number): string | null {
  let quality: string | null = null;
  for (let timeMs = fromMs; timeMs < fromMs + durationMs; timeMs += 250) quality = picker.pick(measures, CASCADE, timeMs)?.quality ?? null;
  return quality;
}

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
  const wild: ThrowMeasures = { throws: MIN_MEASURED_THROWS - 1, heightSpread: 2, leftOverRight: 3, rhythmSpread: 0.6, apexAboveHeadRadii: 8 };
  assert.deepEqual(measureTips(wild, CASCADE), [], `${wild.throws} throws: nothing yet`);
  const picker = new MeasuredTipPicker(ALL);
  assert.equal(feed(picker, wild, 0, 10_000), null, 'never, however long');
  assert.equal(picker.speaksFor('unsteady'), false, 'unmeasured: the classifier still speaks for the rhythm');
  const even = new MeasuredTipPicker(ALL);
  feed(even, EVEN, 0, MEASURE_SETTLE_MS + 1000);
  assert.equal(even.speaksFor('unsteady'), true, 'measured, and even: the tracks speak for the rhythm');
  assert.equal(even.speaksFor('too-high'), false, 'the tracks cannot see the head');
  even.pick(EVEN, { balls: 2, pattern: 'continuous' }, MEASURE_SETTLE_MS + 1000);
  assert.equal(even.speaksFor('unsteady'), false, 'no rhythm measure for a 2-ball pattern');
});

test('a measure speaks once settled (prediction times given, no clock): not early in a stretch, then the median of its recent values', () => {
  const rhythm = limitOf('uneven-rhythm');
  const picker = new MeasuredTipPicker(['uneven-rhythm']);
  assert.equal(feed(picker, { ...EVEN, rhythmSpread: rhythm * 3 }, 0, 3000), null, 'a run\'s first 3 s: nothing');
  assert.equal(feed(picker, { ...EVEN, rhythmSpread: rhythm * 3 }, 3000, MEASURE_SETTLE_MS - 3000), null, 'nor until it settles');
  assert.equal(feed(picker, { ...EVEN, rhythmSpread: rhythm * 3 }, MEASURE_SETTLE_MS, 500), null, 'two values after settling: not yet');
  assert.equal(feed(picker, { ...EVEN, rhythmSpread: rhythm * 3 }, MEASURE_SETTLE_MS + 500, 250), 'uneven-rhythm', 'three');
  assert.equal(feed(picker, { ...EVEN, throws: 2 }, 5000, 250), null, 'too few throws: the stretch ends...');
  assert.equal(feed(picker, { ...EVEN, rhythmSpread: rhythm * 3 }, 5250, MEASURE_SETTLE_MS), null, '...and settles again');
  const steady = new MeasuredTipPicker(['uneven-rhythm']);
  feed(steady, EVEN, 0, MEASURE_SETTLE_MS);
  const picks = [0.03, 0.04, 0.5, 0.03, 0.05, 0.04].map((rhythmSpread, index) => steady.pick({ ...EVEN, rhythmSpread }, CASCADE, MEASURE_SETTLE_MS + index * 250));
  assert.deepEqual(picks, [null, null, null, null, null, null], 'a spike among steady values');
});

test('hysteresis: a measured tip starts over its limit, holds until well under it, and gives way only to a much worse one', () => {
  const picker = new MeasuredTipPicker(ALL);
  const [rhythm, height] = [limitOf('uneven-rhythm'), limitOf('uneven-height')];
  let timeMs = 0;
  /** The pick after 3 s of the same measures (the smoothing window then holds only them). */
  const after3s = (rhythmSpread: number, heightSpread = 0.1) => {
    const quality = feed(picker, { ...EVEN, rhythmSpread, heightSpread }, timeMs, 3000);
    timeMs += 3000;
    return quality;
  };
  feed(picker, EVEN, 0, MEASURE_SETTLE_MS);
  timeMs = MEASURE_SETTLE_MS;
  assert.equal(after3s(rhythm * 0.95), null, 'under the limit: nothing');
  assert.equal(after3s(rhythm * 1.1), 'uneven-rhythm');
  assert.equal(after3s(rhythm * 0.9), 'uneven-rhythm', 'a little under the limit: still told');
  assert.equal(after3s(rhythm * 1.05, height * 1.2), 'uneven-rhythm', 'a slightly worse height does not take its turn');
  assert.equal(after3s(rhythm * 1.05, height * 2), 'uneven-height', `a much worse one does (over ${DISPLACE_FACTOR} times as far past its limit)`);
  assert.equal(after3s(rhythm * (MEASURE_RELEASE_SHARE - 0.05)), null, 'both well under their limits: released');
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

test('the coach gives the measured tip like any other: after the usual onset wait, then at the usual repeat rate (prediction times given)', () => {
  const events = tips(replay(new LessonTracker(cascade5), '3b_cascade', { ...EVEN, rhythmSpread: 0.25 }, 16_000));
  assert.equal(events.length, 3, 'measured 4.5 s in (settled, three values): told at 5.5 s, 10.5 s and 15.5 s');
  for (const tip of events) {
    assert.equal(tip.source, 'measure');
    assert.equal(tip.quality, 'uneven-rhythm');
    assert.match(tip.text, /vary by about 30 %/);
  }
});

test('the classifier\'s quality tip is kept only where the tracks have no measure for that mistake', () => {
  const unsteady = (measures: ThrowMeasures | null | undefined) => tips(replay(new LessonTracker(cascade5), '3b_cascade_unsteady', measures, 7000)).map((tip) => tip.text);
  const twice = [QUALITY_FEEDBACK.unsteady, QUALITY_FEEDBACK.unsteady];
  assert.deepEqual(unsteady(undefined), twice, 'no ball tracker: the classifier\'s tip, at 1 s and 6 s');
  assert.deepEqual(unsteady(null), twice, 'nothing counted yet: the classifier\'s tip');
  assert.deepEqual(unsteady({ ...EVEN, throws: 3 }), twice, 'too few throws measured: the classifier\'s tip');
  assert.deepEqual(unsteady(EVEN), [QUALITY_FEEDBACK.unsteady], 'the tracks measure an even beat: the classifier\'s tip only while they settle');
  const uneven = unsteady({ ...EVEN, rhythmSpread: 0.3 });
  assert.equal(uneven.length, 2);
  assert.equal(uneven[0], QUALITY_FEEDBACK.unsteady, 'while the tracks settle, the classifier\'s words...');
  assert.match(uneven[1], /Uneven rhythm: the gaps between throws vary by about 30 %/, '...then the measured words instead');
  // Too high against the head: the tracks have no measure, so the classifier speaks even beside fine measures.
  assert.deepEqual(tips(replay(new LessonTracker(cascade5), '3b_cascade_too-high', EVEN, 7000)).map((tip) => tip.text), [QUALITY_FEEDBACK['too-high'], QUALITY_FEEDBACK['too-high']]);
  // A drop is told at once, before anything measured.
  const dropped = tips(replay(new LessonTracker(cascade5), '3b_cascade_drop', { ...EVEN, heightSpread: 0.9 }, 250));
  assert.deepEqual(dropped.map((tip) => tip.text), [QUALITY_FEEDBACK.drop]);
});

test('a step gives only the measured tips it lists: a shower\'s uneven heights are the pattern', () => {
  const uneven = { ...EVEN, heightSpread: 0.9, leftOverRight: 2 };
  assert.deepEqual(tips(replay(new LessonTracker(lessonById('shower')), '3b_shower', uneven, 8000)), []);
  assert.deepEqual(tips(replay(new LessonTracker(cascade5), '3b_cascade', uneven, 6000)).map((tip) => tip.quality), ['uneven-height'], 'the worse one only (1.8 times its limit against 1.25), one tip at a time');
});

test('through the tracker: a steady cascade read as unsteady by the classifier gets no tip, an unsteady one its measured rhythm', () => {
  const measuresOf = (className: string) => {
    const states = track(clip(className, 12345, { hideHeld: true, durationSec: 8 }).frames);
    const summary = summariseTracks({ timestampMs: 8000, balls: NO_BALLS, state: states[states.length - 1], pose: null }, 320, 240);
    assert.deepEqual(summary.measures, measureThrows(states[states.length - 1]), 'the summary the worker sends carries the measures');
    assert.ok(JSON.stringify(summary.measures).length < 200, 'a few numbers, not the tracks');
    return summary.measures;
  };
  const steady = measuresOf('3b_cascade');
  const steadyTips = tips(replay(new LessonTracker(cascade5), '3b_cascade_unsteady', steady, 7000));
  assert.deepEqual(steadyTips.map((tip) => tip.source), ['classifier'], 'the classifier\'s only while the tracks settle, then none');
  const told = tips(replay(new LessonTracker(cascade5), '3b_cascade', measuresOf('3b_cascade_unsteady'), 7000));
  assert.deepEqual(told.map((tip) => [tip.quality, tip.source]), [['uneven-rhythm', 'measure']]);
  assert.equal(summariseTracks(null, 320, 240).measures, null, 'nothing counted: no measures');
});

test('while the headline is unsure between readings, the tracks still measure for the pattern it last named', () => {
  const tracker = new LessonTracker(cascade5);
  const measures = { ...EVEN, rhythmSpread: 0.3 };
  const events: CoachEvent[] = [];
  // Every other prediction uncertain, as live predictions often are mid-pattern.
  for (let timeMs = 0; timeMs < 8000; timeMs += 250) events.push(...tracker.observe({ label: timeMs % 500 === 0 ? '3b_cascade' : null, confidence: 0.8, uncertain: timeMs % 500 !== 0, timeMs, measures }));
  assert.deepEqual(tips(events).map((tip) => tip.quality), ['uneven-rhythm']);
  // A 0-ball reading ends it: nobody is juggling.
  const stopped = new LessonTracker(cascade5);
  const none: CoachEvent[] = [];
  for (let timeMs = 0; timeMs < 8000; timeMs += 250) none.push(...stopped.observe({ label: timeMs % 500 === 0 ? '3b_cascade' : '0b_idle', confidence: 0.8, uncertain: false, timeMs, measures }));
  assert.deepEqual(tips(none), []);
});
