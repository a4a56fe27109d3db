import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CLIP_SECONDS, DEFAULT_RECORD_SETTINGS, OTHER_CLASS, SERIES, clamp, clipsPerMinute, clipsPerStart, customLabelProblem, recordLabel,
} from '../src/core/record-settings.ts';

test('record settings: the label is the catalog choice, or the typed name trimmed; only a typed name is checked', () => {
  assert.equal(recordLabel(DEFAULT_RECORD_SETTINGS), '3b_cascade');
  assert.equal(customLabelProblem({ ...DEFAULT_RECORD_SETTINGS, customLabel: 'nonsense' }), null);
  const typed = { ...DEFAULT_RECORD_SETTINGS, choice: OTHER_CLASS, customLabel: ' 4b_fountain ' };
  assert.equal(recordLabel(typed), '4b_fountain');
  assert.match(customLabelProblem({ ...typed, customLabel: 'three balls' }) ?? '', /is not a class name/);
});

test('record settings: clamped numbers, clips per start (hands-free: no end) and clips a minute', () => {
  assert.equal(clamp(0.2, CLIP_SECONDS, 3), 1.5);
  assert.equal(clamp(99, CLIP_SECONDS, 3), 10);
  assert.equal(clamp(Number(''), SERIES, 1), 1);
  assert.equal(clamp(Number.NaN, SERIES, 7), 7);
  assert.equal(clipsPerStart(DEFAULT_RECORD_SETTINGS), 1);
  assert.equal(clipsPerStart({ ...DEFAULT_RECORD_SETTINGS, seriesCount: 4.6 }), 5);
  assert.equal(clipsPerStart({ ...DEFAULT_RECORD_SETTINGS, seriesCount: 500 }), 100);
  assert.equal(clipsPerStart({ ...DEFAULT_RECORD_SETTINGS, seriesCount: 5, repeat: true }), Infinity);
  assert.equal(clipsPerMinute(DEFAULT_RECORD_SETTINGS), 9);
});
