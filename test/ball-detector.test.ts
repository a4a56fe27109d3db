// The ball detector's preprocessing and decoding (src/core/ball-detector.ts), in Node.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cropPadded, detectBalls, detectorInput, detectorSquare, heatmapPeaks, PAD_VALUE, toFramePixels } from '../src/core/ball-detector.ts';
import { modelFileNames, parseModelSpec } from '../src/core/model-spec.ts';
import { loadModelSpec } from '../tools/lib/model-files.ts';

const frameOf = (width: number, height: number, paint: (x: number, y: number) => number) => {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.fill(paint(x, y), (y * width + x) * 3, (y * width + x) * 3 + 3);
  return { data, width, height };
};

test('the square is centred on the box, margin × its longer side, and may reach past the frame', () => {
  assert.deepEqual(detectorSquare({ x: 10, y: 20, width: 40, height: 20 }, 1.5), { x: 0, y: 0, width: 60, height: 60 });
  assert.deepEqual(detectorSquare({ x: -5, y: 100, width: 10, height: 30 }, 2), { x: -30, y: 85, width: 60, height: 60 });
});

test('cropPadded: inside the frame it is the frame resized; past the edges it is grey', () => {
  const frame = frameOf(8, 8, (x) => x * 30);
  const inside = cropPadded(frame, { x: 0, y: 0, width: 8, height: 8 }, 4);
  assert.deepEqual([inside[0], inside[3], inside[6], inside[9]], [15, 75, 135, 195]);
  // Left half past the frame's left edge: grey there, the frame's left half beside it.
  const padded = cropPadded(frame, { x: -8, y: 0, width: 16, height: 16 }, 4);
  assert.equal(padded[0], PAD_VALUE);
  assert.equal(padded[3], PAD_VALUE);
  assert.equal(padded[6], 45);
  assert.equal(padded[(3 * 4 + 3) * 3], PAD_VALUE, 'below the frame');
  const nowhere = cropPadded(frame, { x: 100, y: 100, width: 10, height: 10 }, 4);
  assert.ok(nowhere.every((value) => value === PAD_VALUE));
});

test('detectorInput is planar, frames oldest first, in [0, 1]', () => {
  const a = new Uint8Array(2 * 2 * 3).fill(0);
  const b = new Uint8Array(2 * 2 * 3).map((_, index) => index * 20);
  const input = detectorInput([a, b], 2);
  assert.equal(input.length, 2 * 3 * 4);
  assert.ok(input.slice(0, 12).every((value) => value === 0));
  // Frame 1, channel 0 (red) of the 4 pixels: bytes 0, 3, 6, 9.
  assert.deepEqual(Array.from(input.slice(12, 16)), [0, 60, 120, 180].map((value) => value / 255).map((value) => Math.fround(value)));
});

test('heatmapPeaks: local maxima above the threshold, with offsets, strongest first; a plateau gives one peak', () => {
  const grid = 4;
  const heat = new Float32Array(grid * grid);
  const offsets = new Float32Array(2 * grid * grid).fill(0.5);
  heat[1 * grid + 1] = 0.9;
  heat[1 * grid + 2] = 0.5; // beside the first: not a peak
  heat[3 * grid + 3] = 0.6;
  heat[0 * grid + 3] = 0.2; // below the threshold
  offsets[3 * grid + 3] = 0.25;
  const peaks = heatmapPeaks(heat, offsets, grid, 4, 0.3);
  assert.deepEqual(peaks.map((peak) => [peak.x, peak.y, peak.score]), [[6, 6, Math.fround(0.9)], [13, 14, Math.fround(0.6)]]);
  const flat = new Float32Array(grid * grid);
  flat[5] = flat[6] = 0.7;
  assert.equal(heatmapPeaks(flat, offsets, grid, 4, 0.3).length, 1);
  assert.deepEqual(toFramePixels([{ x: 64, y: 32, score: 1 }], { x: -10, y: 20, width: 256, height: 256 }, 128), [{ x: 118, y: 84, score: 1 }]);
});

test('detectBalls: the square around the box, the last frames as input, peaks back in frame pixels', async () => {
  const frames = [frameOf(32, 32, () => 10), frameOf(32, 32, (x, y) => (x === 20 && y === 8 ? 250 : 10))];
  const spec = { file: 'd.onnx', size: 16, frames: 2, outputStride: 4, threshold: 0.3, margin: 1 };
  let seen: Float32Array | null = null;
  const found = await detectBalls(frames, { x: 0, y: 0, width: 32, height: 32 }, spec, async (input) => {
    seen = input.slice();
    const heat = new Float32Array(16);
    heat[1 * 4 + 2] = 0.8; // cell (2, 1) → input (10, 6) with offsets 0.5 → frame (20, 12)
    return { heat, offsets: new Float32Array(32).fill(0.5) };
  });
  assert.equal(seen!.length, 2 * 3 * 16 * 16);
  assert.deepEqual(found.square, { x: 0, y: 0, width: 32, height: 32 });
  assert.deepEqual(found.detections.map((peak) => [peak.x, peak.y]), [[20, 12]]);
});

test('model.json: a ball detector needs a located crop and sane sizes', () => {
  const shipped = loadModelSpec();
  const detector = { file: 'detector.onnx', size: 128, frames: 2, outputStride: 4, threshold: 0.3, margin: 1.3 };
  assert.deepEqual(parseModelSpec({ ...shipped, ballDetector: detector }).ballDetector, detector);
  assert.throws(() => parseModelSpec({ ...shipped, ballDetector: { ...detector, size: 130 } }), /multiple of its outputStride/);
  assert.throws(() => parseModelSpec({ ...shipped, ballDetector: { ...detector, threshold: 1.5 } }), /threshold/);
  assert.throws(() => parseModelSpec({ ...shipped, ballDetector: { ...detector, file: 'x.bin' } }), /\.onnx/);
  assert.throws(() => parseModelSpec({ ...shipped, input: { ...shipped.input, crop: { ...shipped.input.crop, kind: 'motion' } }, ballDetector: detector }), /located/);
});

test('model.json: a pose network reads the ball detector\'s square, so it needs one of its size; its file is one of the model\'s', () => {
  const shipped = loadModelSpec();
  const detector = { file: 'detector.onnx', size: 128, frames: 2, outputStride: 4, threshold: 0.3, margin: 1.3 };
  const pose = { file: 'pose.onnx', size: 128, minScore: 0.3, everyFrames: 3 };
  const spec = parseModelSpec({ ...shipped, ballDetector: detector, pose });
  assert.deepEqual(spec.pose, pose);
  assert.ok(modelFileNames(spec).includes('pose.onnx'));
  const { ballDetector: _none, ...withoutDetector } = shipped;
  assert.throws(() => parseModelSpec({ ...withoutDetector, pose }), /needs a ballDetector/);
  assert.throws(() => parseModelSpec({ ...shipped, ballDetector: detector, pose: { ...pose, size: 192 } }), /pose.size must be ballDetector.size/);
  assert.throws(() => parseModelSpec({ ...shipped, ballDetector: detector, pose: { ...pose, everyFrames: 0 } }), /everyFrames/);
  assert.throws(() => parseModelSpec({ ...shipped, ballDetector: detector, pose: { ...pose, minScore: 1 } }), /minScore/);
});
