import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importProgressFraction, importProgressText, ProgressThrottle, type ImportProgress } from '../src/core/import-progress.ts';
import { inLanes } from '../src/core/in-lanes.ts';
import { videoProbeProblem } from '../src/core/video-decode.ts';

test('import progress: words and a bar that only grows through the steps', () => {
  const steps: ImportProgress[] = [
    { kind: 'reading', fileBytes: 80_000_000 },
    { kind: 'checking', entriesChecked: 1, entriesTotal: 241, bytesChecked: 1000, bytesTotal: 80_000_000 },
    { kind: 'checking', entriesChecked: 40, entriesTotal: 241, bytesChecked: 12_000_000, bytesTotal: 80_000_000 },
    { kind: 'checking', entriesChecked: 241, entriesTotal: 241, bytesChecked: 80_000_000, bytesTotal: 80_000_000 },
    { kind: 'videos', checked: 0, total: 120 },
    { kind: 'videos', checked: 120, total: 120 },
    { kind: 'writing', clips: 120 },
  ];
  assert.equal(importProgressText(steps[0]), 'Reading the file (80 MB)…');
  assert.equal(importProgressText(steps[2]), 'Checking entries: 40 / 241 (12 MB / 80 MB)');
  assert.equal(importProgressText(steps[4]), 'Trying the videos: 0 / 120');
  assert.equal(importProgressText(steps[6]), 'Saving 120 clips…');
  assert.equal(importProgressText({ kind: 'writing', clips: 1 }), 'Saving 1 clip…');
  assert.equal(importProgressFraction(steps[0]), null);
  const fractions = steps.slice(1).map((step) => importProgressFraction(step)!);
  assert.ok(fractions.every((fraction, index) => fraction >= 0 && fraction <= 1 && (index === 0 || fraction >= fractions[index - 1])), String(fractions));
  assert.equal(fractions.at(-1), 1);
  // An archive of nothing to check is not a division by zero.
  assert.equal(importProgressFraction({ kind: 'videos', checked: 0, total: 0 }), 1);
});

test('progress throttle: at most one report per interval, the last always', () => {
  let nowMs = 0;
  const throttle = new ProgressThrottle(100, () => nowMs);
  const passed: number[] = [];
  for (let step = 0; step < 50; step++) {
    nowMs = step * 10;
    if (throttle.due(step === 49)) passed.push(step);
  }
  assert.deepEqual(passed, [0, 10, 20, 30, 40, 49]);
});

test('video probe: a decoded picture passes; an error, an empty picture or a timeout is a reason that names the file', () => {
  const path = 'videos_train/3b_cascade/c1.webm';
  const type = 'video/webm;codecs=vp8';
  assert.equal(videoProbeProblem(path, type, { kind: 'decoded', width: 320, height: 240 }), null);
  assert.equal(
    videoProbeProblem(path, type, { kind: 'error', code: 4, message: 'DEMUXER_ERROR_COULD_NOT_OPEN' }),
    'its video videos_train/3b_cascade/c1.webm (video/webm;codecs=vp8) cannot be decoded: this browser cannot play it (not a video, or a format or codec it does not support): DEMUXER_ERROR_COULD_NOT_OPEN',
  );
  assert.match(videoProbeProblem(path, type, { kind: 'error', code: 3, message: '' })!, /damaged or in a codec this browser cannot decode$/);
  assert.match(videoProbeProblem(path, type, { kind: 'error', code: null, message: '' })!, /the browser could not decode it$/);
  assert.match(videoProbeProblem(path, type, { kind: 'decoded', width: 0, height: 0 })!, /empty picture/);
  assert.match(videoProbeProblem(path, type, { kind: 'timeout', afterMs: 60_000 })!, /showed no picture within 60 s/);
});

test('in lanes: every item once, never more than the lanes at a time, results in order', async () => {
  let running = 0;
  let most = 0;
  const results = await inLanes([5, 1, 4, 2, 3, 0, 6], 3, async (item, index) => {
    running += 1;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, item));
    running -= 1;
    return `${index}:${item}`;
  });
  assert.deepEqual(results, ['0:5', '1:1', '2:4', '3:2', '4:3', '5:0', '6:6']);
  assert.equal(most, 3);
  assert.deepEqual(await inLanes([], 4, async () => 1), []);
});
