import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oneAtATime } from '../src/core/one-at-a-time.ts';

const tick = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

test('oneAtATime never lets two calls overlap and keeps their order', async () => {
  let running = 0;
  let mostAtOnce = 0;
  const order: number[] = [];
  const run = oneAtATime(async (id: number, milliseconds: number) => {
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    await tick(milliseconds);
    order.push(id);
    running -= 1;
    return id * 10;
  });
  const results = await Promise.all([run(1, 20), run(2, 1), run(3, 5)]);
  assert.deepEqual(results, [10, 20, 30]);
  assert.deepEqual(order, [1, 2, 3]);
  assert.equal(mostAtOnce, 1);
});

test('oneAtATime: a failed call rejects its own caller only, and the next call still runs', async () => {
  const run = oneAtATime(async (fail: boolean) => {
    await tick(1);
    if (fail) throw new Error('run failed');
    return 'ok';
  });
  const failed = run(true);
  const next = run(false);
  await assert.rejects(failed, /run failed/);
  assert.equal(await next, 'ok');
});
