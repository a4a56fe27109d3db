// The benchmark's CPU accounting (tools/lib/process-usage.ts) reads /proc: this process's own tree.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserPid, processTreeCpuSeconds, processTreeRssBytes } from '../tools/lib/process-usage.ts';

test('CPU seconds of a process tree grow while it computes; its resident memory is read', { skip: process.platform !== 'linux' }, () => {
  const before = processTreeCpuSeconds(process.pid);
  // Compute until the kernel has accounted at least one more tick (10 ms), however busy the machine.
  let sink = 0;
  const giveUpAt = Date.now() + 20_000;
  // The reading that ended the loop is the one asserted: a child process (tsx's) that ends
  // between two readings takes its CPU seconds out of the tree's sum.
  // It computes at least once: tsx's own processes can tick between `before` and the first reading.
  let after: number;
  do {
    for (let step = 0; step < 1e6; step++) sink += Math.sqrt(step);
    after = processTreeCpuSeconds(process.pid);
  } while (after <= before && Date.now() < giveUpAt);
  assert.ok(sink > 0);
  assert.ok(after > before, `CPU seconds ${before} → ${after}`);
  assert.equal(processTreeCpuSeconds(2 ** 30), 0);
  assert.ok(processTreeRssBytes(process.pid) > 1024 * 1024);
});

test('no browser is found for a webcam file nobody plays', { skip: process.platform !== 'linux' }, () => {
  assert.equal(browserPid('/nonexistent/clip.y4m'), null);
});
