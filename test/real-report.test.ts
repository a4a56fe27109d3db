// The real-footage check's scoring (tools/lib/real-report.ts) and its clean skip when the footage is absent.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../tools/lib/model-files.ts';
import { summariseRealClips, realReport } from '../tools/lib/real-report.ts';

const clip = (file: string, balls: number, scored = true) => ({ file, balls, scored });

test('each clip answers with the count shown in most windows; recall per count, nobody read as juggling', () => {
  const summary = summariseRealClips([
    { clip: clip('a', 3), counts: [3, 3, null, 2], error: null },
    { clip: clip('b', 3), counts: [null, null, 3], error: null },
    { clip: clip('c', 1), counts: [1, 1, 3], error: null },
    { clip: clip('d', 0), counts: [0, 0, 3], error: null },
    { clip: clip('e', 0), counts: [3, 3, 0], error: null },
    { clip: clip('f', 7, false), counts: [3], error: null },
    { clip: clip('g', 0), counts: [], error: 'ffmpeg failed' },
  ]);
  assert.deepEqual(summary.clips.map((entry) => entry.answer), [3, 'unsure', 1, 0, 3, 3, 'error']);
  assert.deepEqual(summary.recall, { '3': { right: 1, clips: 2 }, '1': { right: 1, clips: 1 }, '0': { right: 1, clips: 3 } });
  assert.equal(summary.meanJugglingRecall, (1 + 0.5) / 2);
  assert.deepEqual(summary.nobodyReadAsJuggling, { clips: 1, of: 3 });
  assert.ok(Math.abs(summary.clips[0].shares['3'] - 0.5) < 1e-9);
  const report = realReport(summary, 'test');
  assert.match(report, /\| 3 balls \| 1 \/ 2 \| 50 % \|/);
  assert.match(report, /Nobody juggling read as juggling: 1 of 3/);
  assert.match(report, /not scored/);
  assert.doesNotMatch(report, /catches counted/, 'a model without a detector counts no catches: no column');
});

test('the catch counter\'s count per clip is a column beside the ball counts when the model counts catches', () => {
  const summary = summariseRealClips([
    { clip: clip('a', 3), counts: [3, 3], error: null, catches: 17 },
    { clip: clip('b', 0), counts: [0], error: null, catches: 0 },
  ]);
  const report = realReport(summary, 'test');
  assert.match(report, /\| right \| catches counted \|/);
  assert.match(report, /\| a \| 3 \| 3 \| 2 \|.*\| yes \| 17 \|/);
  assert.doesNotMatch(report, /peaks above the eyes/, 'no head seen anywhere: no column');
});

test('where the pose network saw a head, the throws\' median peak above the eyes is a column too', () => {
  const report = realReport(summariseRealClips([
    { clip: clip('a', 3), counts: [3, 3], error: null, catches: 17, peakAboveEyesRadii: 0.44 },
    { clip: clip('b', 0), counts: [0], error: null, catches: 0 },
  ]), 'test');
  assert.match(report, /\| catches counted \| peaks above the eyes \(head radii, median\) \|/);
  assert.match(report, /\| a \|.*\| 17 \| 0\.4 \|/);
  assert.match(report, /\| b \|.*\| 0 \| – \|/);
});

test('eval:real skips cleanly, with one line and exit 0, when there is no real footage', () => {
  const empty = mkdtempSync(join(tmpdir(), 'jt-no-footage-'));
  const output = execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['tools/eval-real.ts', '--set', empty], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.match(output.trim(), /^eval:real: skipped, no real footage at /);
  assert.equal(output.trim().split('\n').length, 1);
});
