import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BallCounter, ballsFlying, FLIGHT_TRAIL_MS, FLYING_MEMORY_MS, summariseTracks, type CountedFrame } from '../src/core/ball-counter.ts';
import type { BallDetectorSpec } from '../src/core/model-spec.ts';
import type { WorkingFrame } from '../src/core/preprocess.ts';

const SPEC: BallDetectorSpec = { file: 'detector.onnx', size: 32, frames: 2, outputStride: 4, threshold: 0.4, margin: 1 };
const GRID = SPEC.size / SPEC.outputStride;

/** A fake detector graph: one peak at the cell holding `where` (input pixels), nothing else. */
function peakAt(where: () => { x: number; y: number } | null) {
  return async () => {
    const heat = new Float32Array(GRID * GRID);
    const offsets = new Float32Array(2 * GRID * GRID).fill(0.5);
    const point = where();
    if (point) heat[Math.floor(point.y / SPEC.outputStride) * GRID + Math.floor(point.x / SPEC.outputStride)] = 0.9;
    return { heat, offsets };
  };
}

const frame: WorkingFrame = { data: new Uint8Array(64 * 64 * 3), width: 64, height: 64 };

test('the track summary carries the detector square, the detections and each track\'s recent sightings', async () => {
  let timeMs = 0;
  // A ball thrown up and falling back across the square (input pixels = frame pixels here: a 32-px square at the origin).
  const ballAt = () => {
    const t = timeMs / 1000;
    return { x: 4 + 40 * t, y: 28 - 60 * t + 60 * t * t };
  };
  const counter = new BallCounter(SPEC, peakAt(() => (timeMs <= 900 ? ballAt() : null)));
  const box = { x: 0, y: 0, width: 32, height: 32 };
  assert.equal(summariseTracks(counter.last, 64, 64).square, null, 'nothing counted yet: no square');
  for (; timeMs <= 670; timeMs += 67) await counter.count([frame, frame], timeMs, box);
  const inFlight = summariseTracks(counter.last, 64, 64);
  assert.equal(inFlight.detections.length, 1, 'the ball in the newest frame');
  const longest = [...inFlight.flights].sort((a, b) => b.points.length - a.points.length)[0];
  assert.ok(longest && longest.points.length >= 4, `a track of the flight so far: ${JSON.stringify(inFlight.flights)}`);
  for (const [x, y] of longest.points) {
    const t = (x - 4) / 40;
    assert.ok(Math.abs(y - (28 - 60 * t + 60 * t * t)) < 3, `a sighting on the ball's path: ${x}, ${y}`);
  }
  for (; timeMs <= 2300; timeMs += 67) await counter.count([frame, frame], timeMs, box);
  const summary = summariseTracks(counter.last, 64, 64);
  assert.deepEqual(summary.square, { x: 0, y: 0, width: 32, height: 32 });
  assert.equal(summary.frameWidth, 64);
  assert.equal(summary.detections.length, 0, 'the newest frame has no ball');
  for (const flight of summary.flights) {
    assert.ok(flight.points.length > 0);
    for (const [x, y] of flight.points) assert.ok(Number.isFinite(x) && Number.isFinite(y));
  }
  // Sightings older than the trail are left out: by 2.3 s, the flight (last seen at 0.9 s) is gone.
  assert.ok(counter.last!.timestampMs - FLIGHT_TRAIL_MS > 900);
  assert.deepEqual(summary.flights, []);
});

test('balls fly while a ballistic track was seen within the trail; a track that is not ballistic, or seen longer ago, is not a flight', () => {
  const at = (timestampMs: number, tracks: { ballistic: boolean; lastSeenMs: number }[]): CountedFrame => ({
    timestampMs,
    balls: { square: { x: 0, y: 0, width: 32, height: 32 }, detections: [], inputPeaks: [], ballRadiusPx: 2 },
    state: {
      ballCount: null,
      confidence: 0,
      tracks: tracks.map((track, id) => ({ id, ballistic: track.ballistic, live: true, fit: null, points: [{ x: 1, y: 1, timeMs: track.lastSeenMs - 200, score: 0.9 }, { x: 2, y: 2, timeMs: track.lastSeenMs, score: 0.9 }] })),
      throws: [],
      catches: [],
      rhythmSpread: null,
      lastDropMs: null,
    },
  });
  assert.equal(ballsFlying(null), false, 'nothing counted yet');
  assert.equal(ballsFlying(at(5000, [{ ballistic: true, lastSeenMs: 4500 }])), true);
  assert.equal(ballsFlying(at(5000, [{ ballistic: false, lastSeenMs: 4990 }])), false, 'a track that does not fly under gravity (a walker\'s shoe)');
  assert.equal(ballsFlying(at(5000, [{ ballistic: true, lastSeenMs: 5000 - FLYING_MEMORY_MS - 1 }])), false, 'a flight that ended longer ago than a few beats');
  assert.equal(summariseTracks(at(5000, [{ ballistic: true, lastSeenMs: 4800 }]), 64, 64).flying, true, 'the summary says so');
});
