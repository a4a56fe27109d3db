import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FrameSampler } from '../src/core/frame-sampler.ts';
import { RingBuffer } from '../src/core/ring-buffer.ts';

test('ring buffer keeps the last N items, oldest first', () => {
  const buffer = new RingBuffer<number>(3);
  assert.deepEqual(buffer.toArray(), []);
  [1, 2].forEach((value) => buffer.push(value));
  assert.deepEqual(buffer.toArray(), [1, 2]);
  assert.equal(buffer.isFull, false);
  [3, 4, 5].forEach((value) => buffer.push(value));
  assert.deepEqual(buffer.toArray(), [3, 4, 5]);
  assert.equal(buffer.isFull, true);
  buffer.clear();
  assert.equal(buffer.size, 0);
  assert.throws(() => new RingBuffer(0), RangeError);
});

test('frame sampler turns 30 fps into 15 fps and passes slower cameras through', () => {
  const sampler = new FrameSampler(15);
  const kept = Array.from({ length: 60 }, (_, index) => sampler.accept(index * (1000 / 30))).filter(Boolean).length;
  assert.equal(kept, 30);
  const slow = new FrameSampler(15);
  const keptSlow = Array.from({ length: 20 }, (_, index) => slow.accept(index * 100)).filter(Boolean).length;
  assert.equal(keptSlow, 20, 'a 10 fps camera: every frame');
  const jittery = new FrameSampler(15);
  const keptJitter = Array.from({ length: 300 }, (_, index) => jittery.accept(index * (1000 / 30) + (index % 3) * 4)).filter(Boolean).length;
  assert.ok(Math.abs(keptJitter - 150) <= 3, `jitter: ${keptJitter}`);
});
