import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { CATALOG, parseLabel } from '../src/core/labels.ts';
import { GRAVITY, Routine, type RoutineParams } from '../src/synth/juggling.ts';
import { Random } from '../src/core/random.ts';
import { TRAIN_RANGES, type WorldStyle } from '../src/synth/randomisation.ts';
import { createScene } from '../src/synth/index.ts';
import type { Occluder } from '../src/synth/background.ts';
import type { Dress } from '../src/synth/looks.ts';
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

// Hashes rendered by the renderer before the training world's extra looks were added: the
// evaluation-only styles must keep rendering exactly these bytes for the same seeds.
const EVALUATION_FRAME_HASHES: Record<string, string> = {
  'shifted 3b_cascade 11': 'ad28eae8ef8a9ca5',
  'shifted 2b_exchange_drop 12': 'b23a99ea838e1f10',
  'shifted 1b_toss 13': 'fb07dc0d4db73140',
  'shifted 0b_entering 14': '905e93b8ee7d967f',
  'shifted 3b_shower 15': '1f1be93f3d084e5b',
  'shifted-camera 3b_cascade 11': 'c3e4ef3b89ec2f25',
  'shifted-camera 2b_exchange_drop 12': '14257fa9ac127a63',
  'shifted-camera 1b_toss 13': '13421d7b4b1f9a65',
  'shifted-camera 0b_entering 14': 'bda1950bddbea38d',
  'shifted-camera 3b_shower 15': '8e70951f7b35aa4b',
  'shifted-look 3b_cascade 11': '043b46ef604a9524',
  'shifted-look 2b_exchange_drop 12': '357bae0d56bb8ac9',
  'shifted-look 1b_toss 13': '850a566c03de56b4',
  'shifted-look 0b_entering 14': '0c3f331442a32c05',
  'shifted-look 3b_shower 15': '14e9ccf9ee71011f',
};

const clipHash = (scene: ReturnType<typeof createScene>, startSec: number, count: number): string => {
  const digest = createHash('sha256');
  for (const frame of scene.clip(startSec, count)) digest.update(frame);
  return digest.digest('hex');
};

test('the evaluation-only styles render byte-identical frames to before the training looks were widened', () => {
  for (const [key, expected] of Object.entries(EVALUATION_FRAME_HASHES)) {
    const [style, className, seed] = key.split(' ');
    const scene = createScene({ className, seed: Number(seed), width: 96, height: 72, fps: 15, style: style as WorldStyle });
    assert.equal(clipHash(scene, 2, 3).slice(0, 16), expected, key);
  }
});

interface SceneInternals {
  effects: unknown; motion: unknown; shape: unknown; routine: Routine | null; occluder: Occluder | null;
  lightGain: Float32Array | null; chromaNoise: unknown;
  look: { figure: string; light: unknown; dress: Dress; ballFinishes: ({ look: string } | null)[] };
  camera: { project(point: readonly [number, number, number]): { x: number; y: number; scale: number } | null };
}
const internals = (scene: ReturnType<typeof createScene>): SceneInternals => scene as unknown as SceneInternals;

test('the extra looks come from their own random stream: camera, body, timing and balls of a training scene are as before', () => {
  const expected: Record<string, string> = {
    '3b_cascade 21': '777f4008d6535f61',
    '2b_fountain 22': 'df1ced09e181a2c6',
    '0b_reaching 23': 'e00979742a4926f1',
    '3b_cascade_moving 24': 'bc20bb0c2626278a',
  };
  for (const [key, digest] of Object.entries(expected)) {
    const [className, seed] = key.split(' ');
    const scene = createScene({ className, seed: Number(seed), width: 96, height: 72, fps: 15 });
    const inner = internals(scene);
    const parts: unknown[] = [inner.effects, inner.motion, inner.shape, inner.routine?.params ?? null, inner.look.light];
    for (const time of [1, 2.5, 4]) parts.push(scene.poseAt(time), scene.ballsAt(time), inner.camera.project([0.1, 1.2, 0.2]));
    assert.equal(hash(new TextEncoder().encode(JSON.stringify(parts)) as unknown as Uint8ClampedArray).slice(0, 16), digest, key);
  }
});

test('the training world draws the new figure, ball and scene looks; the evaluation styles never do', () => {
  const seen = { slim: 0, stripes: 0, blotches: 0, sleeves: 0, longSleeves: 0, occluders: 0, uneven: 0, chroma: 0, finishes: new Set<string>() };
  for (let seed = 0; seed < 80; seed++) {
    const inner = internals(createScene({ className: '3b_cascade', seed, width: 64, height: 48, fps: 15 }));
    const dress = inner.look.dress;
    assert.equal(inner.look.figure, 'rounded', 'boxy figures (and their flat balls) stay evaluation-only');
    if (dress.limbScale < 1) seen.slim++;
    for (const pattern of [dress.shirtPattern, dress.trouserPattern]) if (pattern) seen[pattern.kind]++;
    if (dress.sleeve !== dress.shirt) seen.sleeves++;
    if (dress.forearm !== dress.skin) seen.longSleeves++;
    if (inner.occluder) seen.occluders++;
    if (inner.lightGain) seen.uneven++;
    if (inner.chromaNoise) seen.chroma++;
    for (const finish of inner.look.ballFinishes) seen.finishes.add(finish?.look ?? 'shaded');
  }
  for (const key of ['slim', 'stripes', 'blotches', 'sleeves', 'longSleeves', 'occluders', 'uneven', 'chroma'] as const) assert.ok(seen[key] > 0, `no ${key} in 80 training scenes`);
  assert.deepEqual([...seen.finishes].sort(), [...TRAIN_RANGES.ballLooks].sort());
  for (const style of ['shifted', 'shifted-camera', 'shifted-look'] as const) {
    for (let seed = 0; seed < 30; seed++) {
      const inner = internals(createScene({ className: '3b_cascade', seed, width: 64, height: 48, fps: 15, style }));
      const dress = inner.look.dress;
      assert.deepEqual([dress.limbScale, dress.headScale, dress.torsoScale, dress.shirtPattern, dress.trouserPattern, dress.sleeve === dress.shirt, dress.forearm === dress.skin], [1, 1, 1, null, null, true, true], `${style} ${seed}`);
      assert.deepEqual([inner.occluder, inner.lightGain, inner.chromaNoise, ...inner.look.ballFinishes], [null, null, null, null, null, null], `${style} ${seed}`);
    }
  }
});

test('a foreground occluder never hides a ball or a hand', () => {
  let checked = 0;
  for (let seed = 0; seed < 200 && checked < 12; seed++) {
    const className = CATALOG[seed % CATALOG.length];
    const width = 96;
    const height = 72;
    const scene = createScene({ className, seed, width, height, fps: 15 });
    const { occluder, camera } = internals(scene);
    if (!occluder) continue;
    checked++;
    const hidden = (point: readonly [number, number, number]): boolean => {
      const projected = camera.project(point);
      if (!projected) return false;
      if (occluder.edge === 'bottom') return projected.y >= height - occluder.depthPx;
      return occluder.edge === 'left' ? projected.x <= occluder.depthPx : projected.x >= width - occluder.depthPx;
    };
    for (let time = 0; time < 12; time += 0.1) {
      for (const ball of scene.ballsAt(time)) assert.ok(!hidden(ball.position), `${className} seed ${seed}: ball behind the ${occluder.edge} occluder at ${time.toFixed(1)} s`);
      for (const hand of scene.poseAt(time)?.hands ?? []) assert.ok(!hidden(hand), `${className} seed ${seed}: hand behind the ${occluder.edge} occluder`);
    }
  }
  assert.ok(checked >= 12, 'enough scenes with occluders to check');
});

test('training scenes with the extra looks are deterministic, frame noise included', () => {
  for (let seed = 40; seed < 52; seed++) {
    const render = () => clipHash(createScene({ className: '3b_cascade', seed, width: 64, height: 48, fps: 15 }), 2, 3);
    assert.equal(render(), render(), `seed ${seed}`);
  }
});

test('the detector\'s world adds faces, fingers, shoes and dark rooms; the training look the classifier learned stays without them', () => {
  const dark = (style: 'train' | 'detector') => Array.from({ length: 60 }, (_, seed) => (createScene({ className: '3b_cascade', seed, width: 64, height: 48, fps: 15, style }) as unknown as { dark: unknown }).dark !== null).filter(Boolean).length;
  assert.equal(dark('train'), 0);
  assert.ok(dark('detector') > 0);
  const frame = (style: 'train' | 'detector') => hash(createScene({ className: '3b_cascade', seed: 3, width: 96, height: 72, fps: 15, style }).frameAt(2));
  assert.notEqual(frame('train'), frame('detector'), 'the details are drawn');
});

test("the demo juggler's truth: catches in the frames painted so far, each loop's counted again", () => {
  const fps = 15;
  const scene = createScene({ className: '3b_cascade', seed: 4242, width: 48, height: 36, fps });
  const perLoop = scene.catchTruth(0, 12).catchesSec.length;
  assert.ok(perLoop > 20, `a 12-s cascade loop holds many catches (${perLoop})`);
  assert.equal(scene.catchesPainted(), 0, 'nothing painted, nothing caught');
  for (let frame = 0; frame < 3 * fps; frame++) scene.nextFrame();
  assert.equal(scene.catchesPainted(), scene.catchTruth(0, 3).catchesSec.length);
  assert.ok(scene.catchesPainted() > 0);
  for (let frame = 3 * fps; frame < 14 * fps; frame++) scene.nextFrame();
  assert.equal(scene.catchesPainted(), perLoop + scene.catchTruth(0, 2).catchesSec.length, 'past the loop: the whole loop and two seconds of the next');
  const empty = createScene({ className: '0b_pretend', seed: 1, width: 48, height: 36, fps });
  for (let frame = 0; frame < fps; frame++) empty.nextFrame();
  assert.equal(empty.catchesPainted(), 0, 'no balls, no catches');
});
