import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrackerState } from '../src/core/ball-track-types.ts';
import { MEASURE_TIPS, measureThrows, measureTips } from '../src/core/throw-measures.ts';
import { clip, SEEDS, track } from './ball-paths.ts';

const MORE_SEEDS = [...SEEDS, 4242, 99, 31337];

function lastState(className: string, seed: number): TrackerState {
  const states = track(clip(className, seed, { hideHeld: true, durationSec: 8 }).frames);
  return states[states.length - 1];
}

test('a steady cascade, shower or columns from the renderer\'s ball paths gets no measured tip', () => {
  for (const [className, pattern] of [['3b_cascade', 'cascade'], ['3b_reverse-cascade', 'reverse-cascade'], ['3b_shower', 'shower'], ['3b_columns', 'columns']] as const) {
    for (const seed of MORE_SEEDS) {
      const measures = measureThrows(lastState(className, seed));
      assert.ok(measures.throws >= 6, `${className} seed ${seed}: throws measured (${measures.throws})`);
      assert.deepEqual(measureTips(measures, { balls: 3, pattern }), [], `${className} seed ${seed}: ${JSON.stringify(measures)}`);
    }
  }
});

test('an unsteady cascade is told its rhythm, with the number', () => {
  let told = 0;
  for (const seed of MORE_SEEDS) {
    const tips = measureTips(measureThrows(lastState('3b_cascade_unsteady', seed)), { balls: 3, pattern: 'cascade' });
    const rhythm = tips.find((tip) => tip.kind === 'uneven-rhythm');
    if (rhythm) {
      told += 1;
      assert.match(rhythm.text, /vary by about \d+ %/);
    }
  }
  assert.ok(told >= MORE_SEEDS.length - 1, `${told} of ${MORE_SEEDS.length} unsteady cascades told`);
});

test('one hand throwing higher, and throws of uneven height, are measured against the juggler\'s own throws', () => {
  // Twelve throws from a release level of y = 200: the left hand's peak 125 px up, the right's 50.
  const throws = Array.from({ length: 12 }, (_, index) => ({ trackId: index, timeMs: index * 300, fromHand: (index % 2) as 0 | 1, apexY: index % 2 === 0 ? 75 : 150, apexTimeMs: index * 300 + 200, apexAboveHeadRadii: null }));
  const tracks = throws.map((entry) => ({ id: entry.trackId, points: [{ x: 0, y: 200, timeMs: entry.timeMs, score: 0.9 }], fit: null, ballistic: true, live: false }));
  const state: TrackerState = { ballCount: 3, confidence: 1, tracks, throws, catches: [], rhythmSpread: 0.02, lastDropMs: null };
  const measures = measureThrows(state);
  assert.equal(measures.leftOverRight, 2.5);
  const tips = measureTips(measures, { balls: 3, pattern: 'cascade' });
  assert.deepEqual(tips.map((tip) => tip.kind).sort(), ['one-hand-higher', 'uneven-height']);
  assert.match(tips.find((tip) => tip.kind === 'one-hand-higher')!.text, /Your right hand throws about 150 % higher/);
  // A 2-ball pattern's gap is no uneven rhythm; too few throws: nothing to say yet.
  assert.equal(measureTips({ ...measures, heightSpread: 0, leftOverRight: 1, rhythmSpread: 0.35 }, { balls: 2, pattern: 'continuous' }).length, 0);
  assert.equal(measureThrows({ ...state, throws: throws.slice(0, 3) }).heightSpread, null);
});

test('where the head is seen, peaks far above it or below the eyes are told, in head-heights; the classifier keeps those qualities elsewhere', () => {
  const stateWithPeaks = (apexAboveHeadRadii: number | null): TrackerState => {
    const throws = Array.from({ length: 12 }, (_, index) => ({ trackId: index, timeMs: index * 300, fromHand: (index % 2) as 0 | 1, apexY: 100, apexTimeMs: index * 300 + 200, apexAboveHeadRadii }));
    const tracks = throws.map((entry) => ({ id: entry.trackId, points: [{ x: 0, y: 200, timeMs: entry.timeMs, score: 0.9 }], fit: null, ballistic: true, live: false }));
    return { ballCount: 3, confidence: 1, tracks, throws, catches: [], rhythmSpread: 0.02, lastDropMs: null };
  };
  const kinds = (radii: number | null) => measureTips(measureThrows(stateWithPeaks(radii)), { balls: 3, pattern: 'cascade' }).map((tip) => tip.kind);
  assert.deepEqual(kinds(0.5), [], 'peaks at eye height');
  assert.deepEqual(kinds(null), [], 'no head seen: nothing measured against it');
  assert.deepEqual(kinds(6), ['peaks-too-high']);
  assert.deepEqual(kinds(-3), ['peaks-too-low']);
  const high = measureTips(measureThrows(stateWithPeaks(6)), { balls: 3, pattern: 'cascade' })[0];
  assert.match(high.text, /about 2\.5 head-heights above your head: throw lower/);
  const low = measureTips(measureThrows(stateWithPeaks(-3)), { balls: 3, pattern: 'cascade' })[0];
  assert.match(low.text, /about 1\.5 head-heights below your eyes: throw higher/);
  const entry = (kind: string) => MEASURE_TIPS.find((tip) => tip.kind === kind)!;
  assert.equal(entry('peaks-too-high').quality, 'too-high');
  assert.equal(entry('peaks-too-low').quality, 'too-low');
});
