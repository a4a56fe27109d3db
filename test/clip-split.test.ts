import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ONE_SESSION_NOTE, planSplits, recordingSessions, type SplitClip } from '../src/core/clip-split.ts';

function clips(sessions: Record<string, number>): SplitClip[] {
  return Object.entries(sessions).flatMap(([session, count]) =>
    Array.from({ length: count }, (_, index) => ({ id: `${session}-clip-${index}`, recordingSessionId: session })));
}

function sessionsOn(plan: ReturnType<typeof planSplits>, all: SplitClip[]): Map<string, Set<string>> {
  const sides = new Map<string, Set<string>>();
  for (const clip of all) {
    const side = plan.splits.get(clip.id)!;
    if (!sides.has(clip.recordingSessionId)) sides.set(clip.recordingSessionId, new Set());
    sides.get(clip.recordingSessionId)!.add(side);
  }
  return sides;
}

test('no clips: an empty plan', () => {
  const plan = planSplits([]);
  assert.equal(plan.splits.size, 0);
  assert.deepEqual(plan.validationSessions, []);
  assert.equal(plan.note, null);
});

test('one session: every clip trains, and the plan says why', () => {
  const all = clips({ a: 12 });
  const plan = planSplits(all);
  assert.ok([...plan.splits.values()].every((split) => split === 'train'));
  assert.equal(plan.note, ONE_SESSION_NOTE);
  assert.deepEqual(plan.trainSessions, ['a']);
});

test('two sessions: one on each side, whatever their sizes', () => {
  for (const sizes of [{ a: 1, b: 1 }, { a: 40, b: 2 }, { a: 2, b: 40 }]) {
    const all = clips(sizes);
    const plan = planSplits(all);
    assert.equal(plan.validationSessions.length, 1);
    assert.equal(plan.trainSessions.length, 1);
    assert.equal(plan.note, null);
  }
});

test('never the same session on both sides; about 20 % of clips for validation with many sessions', () => {
  const sizes: Record<string, number> = {};
  for (let index = 0; index < 20; index++) sizes[`session-${index}`] = 5 + (index % 4);
  const all = clips(sizes);
  const plan = planSplits(all);
  for (const [session, sides] of sessionsOn(plan, all)) assert.equal(sides.size, 1, `session ${session} on both sides`);
  const validation = [...plan.splits.values()].filter((split) => split === 'validation').length;
  const share = validation / all.length;
  assert.ok(share > 0.15 && share < 0.25, `validation share ${share}`);
  assert.ok(plan.trainSessions.length >= 1 && plan.validationSessions.length >= 1);
});

test('deterministic: the same clips in any order split the same', () => {
  const all = clips({ x: 3, y: 9, z: 4, w: 7, v: 5 });
  const first = planSplits(all);
  const second = planSplits([...all].reverse());
  assert.deepEqual([...first.splits.entries()].sort(), [...second.splits.entries()].sort());
  assert.deepEqual(first.validationSessions, second.validationSessions);
});

test('adding a session keeps most earlier assignments', () => {
  const sizes: Record<string, number> = {};
  for (let index = 0; index < 10; index++) sizes[`s${index}`] = 5;
  const before = planSplits(clips(sizes));
  const after = planSplits(clips({ ...sizes, s10: 5 }));
  const moved = [...before.splits.entries()].filter(([id, split]) => after.splits.get(id) !== split).length;
  assert.ok(moved <= 5, `${moved} clips changed side`);
});

test('recording sessions: one row a session, oldest first, with its first time, its clip count and its split', () => {
  const rows = recordingSessions([
    { id: 'b1', recordingSessionId: 'b', recordedAtMs: 5_000, split: 'validation' },
    { id: 'a1', recordingSessionId: 'a', recordedAtMs: 3_000, split: 'train' },
    { id: 'b2', recordingSessionId: 'b', recordedAtMs: 2_000, split: 'validation' },
    { id: 'a2', recordingSessionId: 'a', recordedAtMs: 4_000, split: 'train' },
    { id: 'c1', recordingSessionId: 'c', recordedAtMs: 9_000, split: 'train' },
  ]);
  assert.deepEqual(rows, [
    { id: 'b', firstMs: 2_000, clips: 2, split: 'validation' },
    { id: 'a', firstMs: 3_000, clips: 2, split: 'train' },
    { id: 'c', firstMs: 9_000, clips: 1, split: 'train' },
  ]);
  assert.deepEqual(recordingSessions([]), []);
});
