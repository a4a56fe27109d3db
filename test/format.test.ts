import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes, storageText } from '../src/core/format.ts';

test('formatBytes: decimal units, one decimal below ten', () => {
  assert.equal(formatBytes(800), '800 B');
  assert.equal(formatBytes(512_000), '512 kB');
  assert.equal(formatBytes(12_300_000), '12 MB');
  assert.equal(formatBytes(1_200_000_000), '1.2 GB');
  assert.equal(formatBytes(Number.NaN), '?');
});

test('storageText: usage, quota and whether the browser promised to keep the clips', () => {
  assert.equal(storageText(null), 'Storage use unknown.');
  assert.equal(storageText({ usageBytes: 2_500_000, quotaBytes: 10_000_000_000, persisted: true }), 'Storage: 2.5 MB used of 10 GB available · persistent storage granted.');
  const notGranted = storageText({ usageBytes: null, quotaBytes: 1000, persisted: false });
  assert.match(notGranted, /^Storage: \? used of 1\.0 kB available · persistent storage not granted \(.*export them to keep a copy\)\.$/);
  assert.match(storageText({ usageBytes: 0, quotaBytes: null, persisted: null }), /used of \? available · persistence unknown\.$/);
});
