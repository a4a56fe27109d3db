import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOG, feedbackFor, headline, LabelError, parseLabel, QUALITY_FEEDBACK } from '../src/core/labels.ts';

test('every catalog name parses into balls, pattern and quality', () => {
  assert.equal(CATALOG.length, 27);
  for (const name of CATALOG) {
    const label = parseLabel(name);
    assert.equal(label.name, name);
    assert.equal(label.balls, Number(name[0]));
    assert.ok(label.pattern.length > 0);
  }
  assert.deepEqual(parseLabel('3b_cascade_too-high'), { name: '3b_cascade_too-high', balls: 3, pattern: 'cascade', quality: 'too-high' });
  assert.deepEqual(parseLabel('3b_reverse-cascade'), { name: '3b_reverse-cascade', balls: 3, pattern: 'reverse-cascade', quality: null });
  assert.equal(parseLabel('4b_fountain').balls, 4, 'user classes beyond the catalog follow the grammar too');
});

test('names outside the grammar are clear errors, never guesses', () => {
  for (const bad of ['', 'cascade', '3_cascade', '3b', 'b3_cascade', '3b_Cascade', '3b_cascade_too_high', '3b__x', '10b_cascade', '3b_cascade_', '3b_-x', '3b cascade']) {
    assert.throws(() => parseLabel(bad), LabelError, bad);
  }
  assert.throws(() => parseLabel('3b_cascade_too_high'), /more than three fields/);
});

test('overlay text and feedback come from one table', () => {
  assert.equal(headline(parseLabel('3b_cascade')), '3 balls · cascade');
  assert.equal(headline(parseLabel('1b_toss')), '1 ball · toss');
  assert.equal(headline(parseLabel('0b_empty')), 'nobody there');
  for (const name of CATALOG) {
    const label = parseLabel(name);
    if (label.quality) assert.equal(feedbackFor(label), QUALITY_FEEDBACK[label.quality], `${name} has its own feedback`);
  }
});
