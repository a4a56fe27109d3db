import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CatchRunCounter, missedCatches, type CatchRunView, type FinishedRun } from '../src/core/catch-runs.ts';
import type { TrackerState } from '../src/core/ball-track-types.ts';
import { createScene, Random } from '../src/synth/index.ts';
import { clip, SEEDS, track, WIDTH, HEIGHT, type RoutineTruth } from './ball-paths.ts';

const PATTERNS = ['3b_cascade', '3b_shower', '3b_columns', '3b_reverse-cascade', '2b_continuous', '2b_fountain', '1b_toss'];

/** The counter over a clip's tracker states; every run that ended, and the last view. */
function countRuns(states: readonly TrackerState[], times: readonly number[], bests?: ReadonlyMap<number, number>) {
  const counter = new CatchRunCounter(bests);
  const finished: FinishedRun[] = [];
  let view: CatchRunView | null = null;
  states.forEach((state, index) => {
    view = counter.update(state, times[index]);
    if (view.finished) finished.push(view.finished);
  });
  return { finished, view: view as CatchRunView | null, counter };
}

test('catches in a row from the renderer\'s ball paths: within one of the routine\'s over a 20-catch run, in every pattern (tally printed)', () => {
  let within = 0;
  let clips = 0;
  const rows: string[] = [];
  for (const className of PATTERNS) {
    for (const seed of SEEDS) {
      for (const fps of [15, 30]) {
        const run = clip(className, seed, { hideHeld: true, fps, durationSec: 12 });
        const states = track(run.frames);
        const { view, finished } = countRuns(states, run.frames.map((frame) => frame.timeMs));
        const current = view?.current;
        // One run over the whole clip (a steady pattern: no drop, no pause).
        const counted = (current?.catches ?? 0) + finished.reduce((sum, entry) => sum + entry.catches, 0);
        const endSec = run.frames[run.frames.length - 1].timeMs / 1000;
        const truth = run.routine!.flights.filter((flight) => flight.catchSec - flight.throwSec > 0.15 && !flight.dropped && flight.throwSec >= run.startSec && flight.catchSec <= endSec).length;
        const ok = Math.abs(counted - truth) <= 1 && finished.filter((entry) => entry.catches >= 3).length === 0;
        within += ok ? 1 : 0;
        clips += 1;
        rows.push(`${className} seed ${seed} ${fps} fps: ${counted} counted, ${truth} caught, ${finished.length} runs ended${ok ? '' : '  <-- off'}`);
      }
    }
  }
  console.log(`catches within ±1 of the truth in one run: ${within} / ${clips} clips\n${rows.join('\n')}`);
  assert.ok(within / clips >= 0.95, `${within} / ${clips} clips within one catch`);
});

test('a drop ends the run, and the next run starts from zero', () => {
  for (const seed of SEEDS) {
    const scene = createScene({ className: '3b_cascade_drop', seed, width: WIDTH, height: HEIGHT, fps: 15 });
    const dropSec = (scene as unknown as { routine: RoutineTruth }).routine.dropSec;
    const run = clip('3b_cascade_drop', seed, { startSec: 0, durationSec: dropSec + 4, hideHeld: true });
    const { finished, view } = countRuns(track(run.frames), run.frames.map((frame) => frame.timeMs));
    const dropped = finished.find((entry) => entry.end === 'drop');
    assert.ok(dropped, `seed ${seed}: the run ends on the drop (${JSON.stringify(finished)})`);
    assert.ok(dropped.catches >= 3, `seed ${seed}: the run before the drop had its catches (${dropped.catches})`);
    assert.ok(Math.abs(dropped.endMs / 1000 - dropSec) < 1, `seed ${seed}: it ended near the drop at ${dropSec.toFixed(2)} s (${dropped.endMs} ms)`);
    assert.ok((view?.current?.catches ?? 0) < dropped.catches, `seed ${seed}: after the drop the count starts again`);
  }
});

const state = (events: { throws?: [number, number][]; catches?: [number, number][]; drop?: number; balls?: number | null }): TrackerState => ({
  ballCount: events.balls === undefined ? 3 : events.balls,
  confidence: 1,
  tracks: [],
  throws: (events.throws ?? []).map(([trackId, timeMs]) => ({ trackId, timeMs, fromHand: null, apexY: 0, apexTimeMs: timeMs + 300, apexAboveHeadRadii: null })),
  catches: (events.catches ?? []).map(([trackId, timeMs]) => ({ trackId, timeMs, hand: null })),
  rhythmSpread: null,
  lastDropMs: events.drop ?? null,
});

test('a pause with no throw or catch ends the run; each catch counts once however often the tracker reports it; a new best is said once', () => {
  const counter = new CatchRunCounter(new Map([[3, 4]]));
  const catches: [number, number][] = [];
  let view: CatchRunView | null = null;
  for (let index = 0; index < 6; index++) {
    catches.push([index, 1000 + index * 250]);
    view = counter.update(state({ catches }), 1000 + index * 250);
  }
  assert.equal(view!.current?.catches, 6, 'six catches, each reported again in every later state');
  assert.equal(counter.update(state({ catches }), 3200).current?.catches, 6, 'under 1.2 s since the last catch: the run goes on');
  const ended = counter.update(state({ catches }), 3600);
  assert.equal(ended.current, null);
  assert.equal(ended.finished?.end, 'pause');
  assert.equal(ended.finished?.catches, 6);
  assert.equal(ended.finished?.endMs, 2250, 'the run ended at its last catch');
  assert.equal(ended.finished?.personalBest, true, 'six beats the best of four');
  assert.equal(ended.bests.get(3), 6);
  // The next run, shorter: counted from zero, no celebration.
  const next = [[10, 5000], [11, 5250], [12, 5500]] as [number, number][];
  let last: CatchRunView | null = null;
  for (let index = 1; index <= next.length; index++) last = counter.update(state({ catches: next.slice(0, index) }), next[index - 1][1]);
  assert.equal(last!.current?.catches, 3);
  const second = counter.update(state({ catches: next }), 7000).finished;
  assert.equal(second?.catches, 3);
  assert.equal(second?.personalBest, false);
  // A fumble (two catches) is no record, and never sure of the balls: no best either.
  const fumble = new CatchRunCounter();
  fumble.update(state({ catches: [[1, 100], [2, 300]] }), 300);
  assert.equal(fumble.update(state({ catches: [[1, 100], [2, 300]] }), 2000).finished?.personalBest, false);
  const unsure = new CatchRunCounter();
  for (let index = 0; index < 5; index++) unsure.update(state({ catches: [[index, index * 200]], balls: null }), index * 200);
  const unsureEnd = unsure.update(state({ balls: null }), 3000).finished;
  assert.equal(unsureEnd?.balls, null);
  assert.equal(unsureEnd?.personalBest, false);
});

test('catches missed between seen ones are found from the beat; an uneven rhythm or a pause adds none', () => {
  const random = new Random(31);
  // A cascade: a catch every 310 ms (a little jitter), 40 of them, about one in five not seen.
  const all = Array.from({ length: 40 }, (_, index) => 1000 + index * 310 + random.uniform(-15, 15));
  const seen = all.filter((_, index) => index === 0 || index === all.length - 1 || random.next() > 0.2);
  assert.ok(seen.length <= 36, `some catches are missed (${seen.length} seen)`);
  const counted = seen.length + missedCatches(seen);
  assert.ok(Math.abs(counted - all.length) <= 1, `${counted} counted of ${all.length}`);
  // Two balls in one hand: gaps alternate short and long; no gap is inferred to hide a catch.
  const uneven = Array.from({ length: 20 }, (_, index) => 1000 + Math.floor(index / 2) * 600 + (index % 2) * 200);
  assert.equal(missedCatches(uneven), 0);
  // A pause of 1.5 s between two bursts hides nothing.
  const bursts = [...Array.from({ length: 8 }, (_, index) => index * 300), ...Array.from({ length: 8 }, (_, index) => 3600 + index * 300)];
  assert.equal(missedCatches(bursts), 0);
  assert.equal(missedCatches([0, 600, 900]), 0, 'too few catches to know a beat');
});
