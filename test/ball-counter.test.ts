import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BallCounter, ballsFlying, FLIGHT_TRAIL_MS, FLYING_MEMORY_MS, NO_BALLS, POSE_HOLD_MS, summariseTracks, type CountedFrame } from '../src/core/ball-counter.ts';
import type { BallDetectorSpec, PoseSpec } from '../src/core/model-spec.ts';
import { PoseStep, type RunPose } from '../src/core/pose-step.ts';
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
    pose: null,
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

test('with a pose network, it runs on one frame in `everyFrames` on the detector\'s square, and the tracker keeps its hands and head a short while', async () => {
  const poseSpec: PoseSpec = { file: 'pose.onnx', size: SPEC.size, minScore: 0.3, everyFrames: 3 };
  const grid = poseSpec.size / 4;
  const cells = grid * grid;
  let runs = 0;
  // A person centred in the square, every keypoint (wrists included) at cell (6, 2): input pixel (24.5, 8.5) with the offsets.
  const pose: RunPose = async (input) => {
    runs += 1;
    assert.equal(input.length, 3 * poseSpec.size * poseSpec.size, 'the detector\'s square as planar RGB');
    const heatmap = new Float32Array(17 * cells);
    const center = new Float32Array(cells);
    center[(grid / 2) * grid + grid / 2] = 0.9;
    const regress = new Float32Array(34 * cells);
    for (let k = 0; k < 17; k++) {
      heatmap[k * cells + 6 * grid + 2] = 0.8;
      regress[2 * k * cells + (grid / 2) * grid + grid / 2] = 6 - grid / 2;
      regress[(2 * k + 1) * cells + (grid / 2) * grid + grid / 2] = 2 - grid / 2;
    }
    return { heatmap, center, regress, offset: new Float32Array(34 * cells).fill(0.125) };
  };
  const counter = new BallCounter(SPEC, peakAt(() => null), {}, new PoseStep(poseSpec, pose));
  // The square is twice the input size: working-frame pixels are twice the input's.
  const box = { x: 0, y: 0, width: 64, height: 64 };
  const seen: (CountedFrame['pose'])[] = [];
  for (let index = 0; index < 6; index++) seen.push((await counter.count([frame, frame], index * 67, box)).pose);
  assert.equal(runs, 2, 'frames 0 and 3');
  const hand = seen[0]?.hands[0];
  assert.ok(hand, 'a hand');
  // The elbow is at the wrist too, so the hand is the wrist: cell 2 + offset 0.125, 4 input px a cell, 2 working px an input px.
  const square = counter.last!.balls.square;
  assert.ok(Math.abs(hand.x - (square.x + (2.125 * 4 * square.width) / poseSpec.size)) < 1e-6 && Math.abs(hand.y - (square.y + (6.125 * 4 * square.height) / poseSpec.size)) < 1e-6);
  assert.ok(seen.every((reading) => reading !== null), 'held between runs');
  assert.deepEqual(summariseTracks(counter.last, 64, 64).pose, seen[5]);
  // Replayed frames without a reading: the last one holds for POSE_HOLD_MS, then the tracker infers the hands again.
  assert.ok(counter.track(NO_BALLS, 3 * 67 + POSE_HOLD_MS - 50).pose, 'the reading of frame 3, held');
  assert.equal(counter.track(NO_BALLS, 3 * 67 + POSE_HOLD_MS + 50).pose, null);
});
