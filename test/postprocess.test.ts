import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOG } from '../src/core/labels.ts';
import { DEFAULT_POSTPROCESS, Postprocessor, postprocessOptionsForStride, softmax } from '../src/core/postprocess.ts';

const oneHot = (name: string, confidence: number): Float32Array => {
  const probabilities = new Float32Array(CATALOG.length).fill((1 - confidence) / (CATALOG.length - 1));
  probabilities[CATALOG.indexOf(name as never)] = confidence;
  return probabilities;
};

test('softmax sums to one and is stable for large logits', () => {
  const probabilities = softmax([1000, 1001, 999]);
  assert.ok(Math.abs(probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-6);
  assert.ok(probabilities[1] > probabilities[0]);
});

test('a confident class is shown; a single stray window does not flip it (hysteresis)', () => {
  const post = new Postprocessor(CATALOG);
  let state = post.push(oneHot('3b_cascade', 0.9));
  assert.equal(state.label?.name, '3b_cascade');
  assert.equal(state.balls, 3);
  state = post.push(oneHot('2b_continuous', 0.95));
  assert.equal(state.label?.name, '3b_cascade', 'one window of another class is smoothed away');
  for (let index = 0; index < 4; index++) state = post.push(oneHot('2b_continuous', 0.95));
  assert.equal(state.label?.name, '2b_continuous', 'a sustained change is shown');
});

test('low confidence gives the uncertain state, ball count from summed probabilities', () => {
  const post = new Postprocessor(CATALOG);
  const probabilities = new Float32Array(CATALOG.length).fill(0.01);
  // Spread 3-ball mass over several 3b patterns: no class or pattern is confident, the count is.
  for (const name of ['3b_cascade', '3b_columns', '3b_reverse-cascade', '3b_shower']) probabilities[CATALOG.indexOf(name as never)] = 0.19;
  const state = post.push(probabilities);
  assert.equal(state.uncertain, true);
  assert.equal(state.label, null);
  assert.equal(state.balls, 3);
  assert.ok(state.ballConfidence > 0.7);
});

test('reset forgets history', () => {
  const post = new Postprocessor(CATALOG);
  post.push(oneHot('3b_cascade', 0.9));
  post.reset();
  assert.equal(post.push(oneHot('1b_toss', 0.9)).label?.name, '1b_toss');
});

test('a model that makes a window every frame smooths over the same span of frames', () => {
  assert.deepEqual(postprocessOptionsForStride(2), DEFAULT_POSTPROCESS);
  const everyFrame = postprocessOptionsForStride(1);
  assert.equal(everyFrame.smoothingWindows, 2 * DEFAULT_POSTPROCESS.smoothingWindows);
  assert.equal(everyFrame.switchWindows, 2 * DEFAULT_POSTPROCESS.switchWindows);
  assert.equal(everyFrame.minConfidence, DEFAULT_POSTPROCESS.minConfidence);
  assert.equal(postprocessOptionsForStride(8).smoothingWindows, 1);
});

test('no class sure but one pattern is: its plain class is shown (count and pattern known, the mistake not)', () => {
  const post = new Postprocessor(CATALOG);
  const split = new Float32Array(CATALOG.length).fill(0.1 / (CATALOG.length - 3));
  split[CATALOG.indexOf('3b_cascade')] = 0.35;
  split[CATALOG.indexOf('3b_cascade_too-high')] = 0.33;
  split[CATALOG.indexOf('3b_shower')] = 0.22;
  const state = post.push(split);
  assert.equal(state.label?.name, '3b_cascade');
  assert.equal(state.uncertain, false);
  assert.ok(Math.abs(state.confidence - 0.68 - 0.1 / (CATALOG.length - 3) * 7) < 0.02, `confidence ${state.confidence}`);
  // Spread over patterns, no pattern sure: uncertain as before.
  const spread = new Float32Array(CATALOG.length).fill(1 / CATALOG.length);
  assert.equal(new Postprocessor(CATALOG).push(spread).uncertain, true);
});

test('an unreadable window (too many frames missing) forgets what was shown', () => {
  const post = new Postprocessor(CATALOG);
  post.push(oneHot('3b_cascade', 0.9));
  const state = post.pushUnreadable();
  assert.equal(state.uncertain, true);
  assert.equal(state.label, null);
  assert.equal(post.push(oneHot('2b_continuous', 0.9)).label?.name, '2b_continuous', 'no hysteresis left from before');
});

test('with a tracked ball count the count is the tracks\', the pattern the classifier\'s among classes of that count', () => {
  const post = new Postprocessor(CATALOG);
  // The classifier says 3 balls (a spread-out, unsure "3"), the tracks see 1 ball thrown.
  const probabilities = new Float32Array(CATALOG.length).fill(0.01);
  probabilities[CATALOG.indexOf('3b_columns')] = 0.4;
  probabilities[CATALOG.indexOf('3b_cascade')] = 0.3;
  probabilities[CATALOG.indexOf('1b_toss')] = 0.05;
  let state = post.push(probabilities, 1);
  assert.equal(state.balls, 1);
  assert.equal(state.label?.name, '1b_toss');
  // Not sure how many: "Not sure yet…", whatever the classifier says.
  state = post.push(oneHot('3b_cascade', 0.95), null);
  assert.equal(state.uncertain, true);
  assert.equal(state.label, null);
  // Three balls tracked, the classifier sure of a cascade.
  for (let index = 0; index < 4; index++) state = post.push(oneHot('3b_cascade', 0.9), 3);
  assert.equal(state.label?.name, '3b_cascade');
  assert.equal(state.balls, 3);
  // A count the catalog has no class for (7 balls): not a guess.
  assert.equal(post.push(oneHot('3b_cascade', 0.9), 7).uncertain, true);
});

test('tracks unsure and the classifier sure nobody juggles: "No juggling" stands; unsure about juggling: "Not sure yet…"', () => {
  const post = new Postprocessor(CATALOG);
  assert.equal(post.push(oneHot('0b_idle', 0.9), null).label?.name, '0b_idle');
  assert.equal(new Postprocessor(CATALOG).push(oneHot('0b_idle', 0.5), null).uncertain, true, 'not sure enough that nobody juggles');
  assert.equal(new Postprocessor(CATALOG).push(oneHot('3b_cascade', 0.9), null).uncertain, true);
});

test('tracks that see balls fly but cannot count them yet leave the count to the classifier; no flight, no count', () => {
  const flying = new Postprocessor(CATALOG);
  let state = flying.push(oneHot('3b_cascade', 0.9), null, true);
  assert.equal(state.uncertain, false);
  assert.equal(state.balls, 3);
  assert.equal(state.label?.name, '3b_cascade');
  // Once the tracks count, their count wins again.
  for (let index = 0; index < 4; index++) state = flying.push(oneHot('3b_cascade', 0.9), 2);
  assert.equal(state.balls, 2);
  // Nothing flies: the classifier alone never claims balls.
  assert.equal(new Postprocessor(CATALOG).push(oneHot('3b_cascade', 0.9), null, false).uncertain, true);
});
