import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LiveRuns, RECENT_RUNS } from '../src/core/live-runs.ts';
import type { TrackerState } from '../src/core/ball-track-types.ts';
import { createScene } from '../src/synth/index.ts';
import { clip, track, WIDTH, HEIGHT, type RoutineTruth } from './ball-paths.ts';

const state = (events: { catches?: [number, number][]; throws?: [number, number, number][]; drop?: number; balls?: number | null }): TrackerState => ({
  ballCount: events.balls === undefined ? 3 : events.balls,
  confidence: 1,
  tracks: (events.throws ?? []).map(([trackId, timeMs]) => ({ id: trackId, points: [{ timeMs, x: 10, y: 100, score: 1 }], fit: null, ballistic: true, live: false })),
  throws: (events.throws ?? []).map(([trackId, timeMs, apexY]) => ({ trackId, timeMs, fromHand: null, apexY, apexTimeMs: timeMs + 300, apexAboveHeadRadii: null })),
  catches: (events.catches ?? []).map(([trackId, timeMs]) => ({ trackId, timeMs, hand: null })),
  rhythmSpread: null,
  lastDropMs: events.drop ?? null,
});

test('the run view: catches and seconds from the tracks\' times, then the finished run with its end, pattern, height spread and an id', () => {
  const runs = new LiveRuns('feed-a');
  const before = runs.summary;
  assert.deepEqual(before, { current: null, recent: [] }, 'nothing before the first catch');
  const catches: [number, number][] = [];
  const throws: [number, number, number][] = [];
  for (let index = 0; index < 8; index++) {
    throws.push([index, 1000 + index * 250, 40 + (index % 2) * 20]);
    catches.push([index, 1100 + index * 250]);
    const nowMs = 1100 + index * 250;
    runs.update(state({ catches, throws }), nowMs);
    runs.notePattern(index < 6 ? 'cascade' : 'shower');
  }
  const current = runs.summary.current!;
  assert.equal(current.catches, 8);
  assert.equal(current.balls, 3);
  assert.equal(current.startMs, 1000, 'the run starts at its first throw');
  assert.equal(current.pattern, 'cascade', 'the pattern named most so far (a misread or two does not change it)');
  assert.equal(current.seconds, (2850 - 1000) / 1000, 'its length runs to the newest tracked frame');
  runs.update(state({ catches, throws }), 5000);
  const { current: after, recent } = runs.summary;
  assert.equal(after, null, 'a pause ended it');
  assert.equal(recent.length, 1);
  const [run] = recent;
  assert.equal(run.id, 'feed-a:1');
  assert.equal(run.end, 'pause');
  assert.equal(run.catches, 8);
  assert.equal(run.throws, 8);
  assert.equal(run.pattern, 'cascade', 'the pattern named most while it lasted');
  assert.equal(run.seconds, (2850 - 1000) / 1000, 'from its first throw to its last catch');
  // Heights above the release level (y 100): 60 and 40 alternating: spread (60 − 40) / 60, or over the median.
  assert.ok(run.heightSpread !== null && run.heightSpread > 0.3 && run.heightSpread < 0.6, `spread ${run.heightSpread}`);
  // Reported again in later summaries with the same id (the page stores it once).
  runs.update(state({ catches, throws }), 6000);
  assert.deepEqual(runs.summary.recent.map((entry) => entry.id), ['feed-a:1']);
});

test('a drop ends the run and the next one starts from zero; only the newest few finished runs are carried', () => {
  const runs = new LiveRuns('feed-b');
  const catches: [number, number][] = [[1, 100], [2, 350], [3, 600], [4, 850]];
  for (let index = 1; index <= catches.length; index++) runs.update(state({ catches: catches.slice(0, index) }), catches[index - 1][1]);
  catches.push([5, 1300]);
  runs.update(state({ catches, drop: 1000 }), 1300);
  const { current, recent } = runs.summary;
  assert.equal(recent.at(-1)!.end, 'drop');
  assert.equal(recent.at(-1)!.catches, 4, 'the catches before the drop');
  assert.equal(recent.at(-1)!.pattern, null, 'no headline named a pattern');
  assert.equal(current!.catches, 1, 'the catch after the drop starts the next run');
  let nowMs = 5000;
  for (let index = 0; index < RECENT_RUNS + 3; index++) {
    catches.push([100 + index, nowMs]);
    runs.update(state({ catches }), nowMs);
    nowMs += 2000;
    runs.update(state({ catches }), nowMs);
  }
  assert.equal(runs.summary.recent.length, RECENT_RUNS);
  const ids = runs.summary.recent.map((entry) => entry.id);
  assert.equal(new Set(ids).size, ids.length, 'every run its own id');
  assert.equal(ids.at(-1), `feed-b:${RECENT_RUNS + 4}`);
});

test('over a rendered cascade with a drop: a run of the catches before the drop, then a fresh one', () => {
  const seed = 900013;
  const scene = createScene({ className: '3b_cascade_drop', seed, width: WIDTH, height: HEIGHT, fps: 15 });
  const dropSec = (scene as unknown as { routine: RoutineTruth }).routine.dropSec;
  const rendered = clip('3b_cascade_drop', seed, { startSec: 0, durationSec: dropSec + 4, hideHeld: true });
  const runs = new LiveRuns('feed-c');
  let highest = 0;
  track(rendered.frames).forEach((trackerState, index) => {
    runs.update(trackerState, rendered.frames[index].timeMs);
    runs.notePattern('cascade');
    highest = Math.max(highest, runs.summary.current?.catches ?? 0);
  });
  const dropped = runs.summary.recent.find((entry) => entry.end === 'drop');
  assert.ok(dropped, JSON.stringify(runs.summary));
  assert.ok(dropped.catches >= 3 && dropped.catches === highest, `the run before the drop (${dropped.catches}) was the highest count shown (${highest})`);
  assert.equal(dropped.balls, 3);
  assert.equal(dropped.pattern, 'cascade');
  assert.ok(dropped.seconds > 1 && dropped.seconds < dropSec + 0.5, `${dropped.seconds} s`);
});

test('countedCatches adds the run going on to the recent finished runs', async () => {
  const { countedCatches } = await import('../src/core/live-runs.ts');
  assert.equal(countedCatches(null), 0);
  const run = (catches: number) => ({ id: `f:${catches}`, startMs: 0, endMs: 1, seconds: 0, catches, throws: catches, balls: 3, pattern: null, end: 'pause' as const, heightSpread: null });
  assert.equal(countedCatches({ current: { startMs: 0, catches: 4, seconds: 1, balls: 3, pattern: null }, recent: [run(7), run(2)] }), 13);
  assert.equal(countedCatches({ current: null, recent: [run(5)] }), 5);
});
