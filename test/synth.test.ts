import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { CATALOG, parseLabel } from '../src/core/labels.ts';
import { GRAVITY, Routine, type RoutineParams } from '../src/synth/juggling.ts';
import { Random } from '../src/synth/random.ts';
import { TRAIN_RANGES } from '../src/synth/randomisation.ts';
import { createScene } from '../src/synth/index.ts';
import { parseSiteswap, SiteswapError, unroll } from '../src/synth/siteswap.ts';

const hash = (bytes: Uint8ClampedArray): string => createHash('sha256').update(bytes).digest('hex');

test('same seed and options give identical bytes; another seed does not', () => {
  const render = (seed: number) => hash(createScene({ className: '3b_cascade', seed, width: 96, height: 72, fps: 15 }).clip(2, 3).reduce((all, frame) => {
    const joined = new Uint8ClampedArray(all.length + frame.length);
    joined.set(all);
    joined.set(frame, all.length);
    return joined;
  }, new Uint8ClampedArray()));
  assert.equal(render(7), render(7));
  assert.notEqual(render(7), render(8));
});

test('siteswaps: ball counts, validity, landing hands', () => {
  assert.equal(parseSiteswap('3').ballCount, 3);
  assert.equal(parseSiteswap('51').ballCount, 3);
  assert.equal(parseSiteswap('40').ballCount, 2);
  assert.equal(parseSiteswap('(4x,4x)').ballCount, 4, 'the simultaneous exchange uses its timing with 2 balls, episodically');
  assert.equal(parseSiteswap('(4,4)(4,0)').ballCount, 3);
  assert.throws(() => parseSiteswap('32'), SiteswapError);
  assert.throws(() => parseSiteswap('(3,4)'), SiteswapError);
  for (const entry of unroll(parseSiteswap('3'), 10)) {
    assert.equal(entry.toHand, 1 - entry.hand, 'odd throws cross');
    assert.equal(entry.landingBeat, entry.beat + 3);
  }
});

const baseParams: RoutineParams = {
  siteswap: '3', ballCount: 3, beatSec: 0.3, dwellRatio: 0.6, throwsPerCycle: Infinity, cycleBeats: 1, timingJitter: 0,
  firstHand: 0, dropThrowIndex: -1, placement: 'cascade', handSpacing: 0.3, handHeight: 1, handForward: 0.3, scoopDepth: 0.05,
  ballRadius: 0.035, startSec: 0.2, endSec: 8,
};

test('balls fly on parabolas under g and land in the hand on the beat their siteswap says', () => {
  const routine = new Routine(baseParams, new Random(1));
  const dwellSec = baseParams.dwellRatio * 2 * baseParams.beatSec;
  for (const flight of routine.flights.slice(0, 12)) {
    const flightSec = flight.catchSec - flight.throwSec;
    assert.ok(Math.abs(flightSec - (3 * baseParams.beatSec - dwellSec)) < 1e-9, 'a 3 lands three beats later, minus the dwell');
    // Second differences of height over equal steps equal -g·dt².
    const step = flightSec / 4;
    const heights = [0, 1, 2].map((index) => routine.ballsAt(flight.throwSec + step * (index + 0.5))[flight.ball].position[1]);
    assert.ok(Math.abs(heights[0] - 2 * heights[1] + heights[2] + GRAVITY * step * step) < 1e-6, 'parabola under g');
    assert.ok(Math.sign(flight.to[0]) !== Math.sign(flight.from[0]), 'a cascade throw crosses to the other hand');
  }
  for (const time of [1, 2.5, 4, 6.1]) {
    const balls = routine.ballsAt(time);
    assert.equal(balls.length, 3, 'ball count is conserved');
    assert.ok(balls.every((ball) => ball.position[1] > 0.5), 'nothing on the floor in a clean cascade');
  }
});

test('a drop falls to the floor and stays there; the pattern stops', () => {
  const routine = new Routine({ ...baseParams, dropThrowIndex: 5 }, new Random(2));
  assert.ok(routine.dropSec > 0);
  const late = routine.ballsAt(routine.dropSec + 3);
  const onFloor = late.filter((ball) => ball.position[1] <= baseParams.ballRadius + 1e-6);
  assert.equal(onFloor.length, 1, 'exactly one ball on the floor');
  assert.ok(routine.flights.every((flight) => flight.throwSec <= routine.dropSec), 'no throws after the drop');
});

test('every class renders over many seeds, and shows as many balls as its label says', () => {
  for (const className of CATALOG) {
    const balls = parseLabel(className).balls;
    for (let seed = 0; seed < 4; seed++) {
      const scene = createScene({ className, seed: 500 + seed, width: 64, height: 48, fps: 15 });
      const frame = scene.frameAt(2.3);
      assert.equal(frame.length, 64 * 48 * 4);
      const visible = scene.ballsAt(2.3).length;
      assert.equal(visible, className === '0b_pretend' ? 0 : balls, `${className} seed ${seed}`);
    }
  }
});

test('randomisation stays inside the documented ranges', () => {
  for (let seed = 0; seed < 40; seed++) {
    const routine = (createScene({ className: '3b_cascade', seed, width: 32, height: 24, fps: 15 }) as unknown as { routine: Routine }).routine;
    const diameter = routine.params.ballRadius * 2;
    assert.ok(diameter >= TRAIN_RANGES.ballDiameter[0] && diameter <= TRAIN_RANGES.ballDiameter[1], `ball diameter ${diameter}`);
  }
  const random = new Random(3);
  for (let index = 0; index < 1000; index++) {
    const value = random.range(TRAIN_RANGES.cameraDistance);
    assert.ok(value >= 1.5 && value <= 4);
  }
});

test('unknown classes are refused with the list of known ones', () => {
  assert.throws(() => createScene({ className: '3b_mills-mess', seed: 1, width: 8, height: 8, fps: 15 }), /renders the catalog classes only/);
});
