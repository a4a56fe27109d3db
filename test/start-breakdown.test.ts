// The start-up breakdown under tools/bench-app.ts's cached-start table (src/core/start-breakdown.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSteps, summariseStarts, windowFloorMs, type GlobalTimeline } from '../src/core/start-breakdown.ts';

const page: GlobalTimeline = {
  where: 'page',
  timeOrigin: 1000,
  marks: [
    { name: 'jt:page script running', startTime: 50 },
    { name: 'jt:open camera start', startTime: 60 },
    { name: 'jt:open camera end', startTime: 160 },
    { name: 'someone else', startTime: 70 },
  ],
  resources: [{ name: 'http://localhost/assets/main.js', startTime: 1, responseEnd: 40 }],
};
// The worker's clock starts 100 ms after the page's.
const worker: GlobalTimeline = {
  where: 'worker',
  timeOrigin: 1100,
  marks: [
    { name: 'jt:create classifier (wasm) start', startTime: 10 },
    { name: 'jt:wasm compile (streaming) start', startTime: 12 },
    { name: 'jt:wasm compile (streaming) end', startTime: 30 },
    { name: 'jt:create classifier (wasm) end', startTime: 90 },
    { name: 'jt:ready', startTime: 95 },
  ],
  resources: [{ name: 'http://localhost/assets/ort-wasm-simd-threaded.asyncify-X.wasm?x=1', startTime: 11, responseEnd: 20 }],
};

test('startSteps pairs start/end marks, keeps moments, adds start-up fetches, on the page clock', () => {
  assert.deepEqual(startSteps([page, worker], 1000), [
    { step: 'page script running', where: 'page', startMs: 50, endMs: null },
    { step: 'open camera', where: 'page', startMs: 60, endMs: 160 },
    { step: 'create classifier (wasm)', where: 'worker', startMs: 110, endMs: 190 },
    { step: 'fetch ort-wasm-simd-threaded.asyncify-X.wasm', where: 'worker', startMs: 111, endMs: 120 },
    { step: 'wasm compile (streaming)', where: 'worker', startMs: 112, endMs: 130 },
    { step: 'ready', where: 'worker', startMs: 195, endMs: null },
  ]);
});

test('a start mark without its end is a step without an end', () => {
  const unfinished: GlobalTimeline = { where: 'worker', timeOrigin: 0, marks: [{ name: 'jt:warm-up start', startTime: 5 }], resources: [] };
  assert.deepEqual(startSteps([unfinished], 0), [{ step: 'warm-up', where: 'worker', startMs: 5, endMs: null }]);
});

test('summariseStarts gives each step its median start and duration, and how many starts had it', () => {
  const starts = [
    [{ step: 'create', where: 'worker' as const, startMs: 100, endMs: 300 }, { step: 'ready', where: 'worker' as const, startMs: 400, endMs: null }],
    [{ step: 'create', where: 'worker' as const, startMs: 120, endMs: 220 }],
    [{ step: 'create', where: 'worker' as const, startMs: 110, endMs: 410 }, { step: 'ready', where: 'worker' as const, startMs: 500, endMs: null }],
  ];
  assert.deepEqual(summariseStarts(starts), [
    { step: 'create', where: 'worker', startMs: 110, durationMs: 200, count: 3 },
    { step: 'ready', where: 'worker', startMs: 450, durationMs: null, count: 2 },
  ]);
});

test('the window floor is the time from the first to the last of its frames', () => {
  assert.equal(windowFloorMs(16, 15), 1000);
  assert.equal(windowFloorMs(1, 15), 0);
});
