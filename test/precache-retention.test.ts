import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileOf, parseRetainedBuilds, releaseClosed, retainedCacheKey, retainOnTakeover, type RetainedBuild } from '../src/core/precache-retention.ts';

const at = (path: string) => `https://app.example/${path}`;
const revised = (path: string, revision: string) => `${at(path)}?__WB_REVISION__=${revision}`;

// Build 1 → build 2: the worker chunk is renamed (content hash), model.json gets a new revision.
const build1 = [at('assets/main-A1.js'), at('assets/worker-W1.js'), at('assets/ort-X.wasm'), revised('index.html', 'i1'), revised('models/model.json', 'm1')];
const build2 = [at('assets/main-A2.js'), at('assets/worker-W2.js'), at('assets/ort-X.wasm'), revised('index.html', 'i2'), revised('models/model.json', 'm2')];
const filesOf = (keys: readonly string[]) => new Set(keys.map(fileOf));
const request = (path: string, from: { clientId?: string; referrer?: string; navigation?: boolean } = {}) => ({
  url: at(path),
  referrer: from.referrer ?? '',
  clientId: from.clientId ?? '',
  navigation: from.navigation ?? false,
});

test('a takeover keeps the replaced build\'s own files for the clients open then', () => {
  const cached = [...new Set([...build1, ...build2])];
  const { retained, release } = retainOnTakeover([], cached, new Set(build2), ['tab-a', 'worker-a']);
  assert.deepEqual(release, []);
  assert.deepEqual(retained, [{ cacheKeys: [at('assets/main-A1.js'), at('assets/worker-W1.js'), revised('index.html', 'i1'), revised('models/model.json', 'm1')], clientIds: ['tab-a', 'worker-a'] }]);
});

test('a takeover with no client open deletes the old files at once', () => {
  const { retained, release } = retainOnTakeover([], [...build1, ...build2], new Set(build2), []);
  assert.deepEqual(retained, []);
  assert.ok(release.includes(at('assets/worker-W1.js')) && release.includes(revised('models/model.json', 'm1')));
  assert.ok(!release.includes(at('assets/ort-X.wasm')));
});

test('an old tab gets its own build: the renamed worker, and its revision of an unhashed file', () => {
  const retained = retainOnTakeover([], [...build1, ...build2], new Set(build2), ['tab-a']).retained;
  const current = filesOf(build2);
  // The old worker file, asked for by the old page (or anyone: only the old build has it).
  assert.equal(retainedCacheKey(request('assets/worker-W1.js', { clientId: 'tab-a' }), retained, current), at('assets/worker-W1.js'));
  assert.equal(retainedCacheKey(request('assets/worker-W1.js'), retained, current), at('assets/worker-W1.js'));
  // model.json from the old page, and from a worker the old page started after the takeover (new client id).
  assert.equal(retainedCacheKey(request('models/model.json', { clientId: 'tab-a' }), retained, current), revised('models/model.json', 'm1'));
  assert.equal(retainedCacheKey(request('models/model.json', { clientId: 'worker-new', referrer: at('assets/worker-W1.js') }), retained, current), revised('models/model.json', 'm1'));
  // A file both builds share comes from the current precache.
  assert.equal(retainedCacheKey(request('assets/ort-X.wasm', { clientId: 'tab-a' }), retained, current), null);
});

test('a new tab, its worker and every navigation get the current build', () => {
  const retained = retainOnTakeover([], [...build1, ...build2], new Set(build2), ['tab-a']).retained;
  const current = filesOf(build2);
  assert.equal(retainedCacheKey(request('models/model.json', { clientId: 'tab-b', referrer: at('') }), retained, current), null);
  assert.equal(retainedCacheKey(request('models/model.json', { clientId: 'worker-b', referrer: at('assets/worker-W2.js') }), retained, current), null);
  assert.equal(retainedCacheKey(request('index.html', { clientId: 'tab-a', navigation: true }), retained, current), null);
  assert.equal(retainedCacheKey(request('not-precached.txt', { clientId: 'tab-a' }), retained, current), null);
});

test('three builds: a tab of the first still gets its files, from its own retained build or a later one', () => {
  // Build 3 renames the worker and revises model.json again.
  const build3 = [at('assets/main-A3.js'), at('assets/worker-W3.js'), at('assets/ort-X.wasm'), revised('index.html', 'i3'), revised('models/model.json', 'm3')];
  const afterTwo = retainOnTakeover([], [...build1, ...build2], new Set(build2), ['tab-1']).retained;
  const { retained, release } = retainOnTakeover(afterTwo, [...new Set([...build1, ...build2, ...build3])], new Set(build3), ['tab-1', 'tab-2']);
  assert.deepEqual(release, []);
  assert.equal(retained.length, 2);
  assert.deepEqual(retained[1]!.clientIds, ['tab-2']);
  const current = filesOf(build3);
  assert.equal(retainedCacheKey(request('models/model.json', { clientId: 'tab-1' }), retained, current), revised('models/model.json', 'm1'));
  assert.equal(retainedCacheKey(request('models/model.json', { clientId: 'tab-2' }), retained, current), revised('models/model.json', 'm2'));
  assert.equal(retainedCacheKey(request('assets/worker-W2.js', { clientId: 'tab-2' }), retained, current), at('assets/worker-W2.js'));
});

test('a retained build is released when its last client closes, and only then', () => {
  const retained: RetainedBuild[] = [{ cacheKeys: [at('assets/worker-W1.js')], clientIds: ['tab-a', 'worker-a'] }];
  assert.deepEqual(releaseClosed(retained, ['worker-a', 'tab-b']), { retained, release: [] });
  assert.deepEqual(releaseClosed(retained, ['tab-b']), { retained: [], release: [at('assets/worker-W1.js')] });
});

test('stored state that is not what was written counts as nothing retained', () => {
  assert.deepEqual(parseRetainedBuilds(null), []);
  assert.deepEqual(parseRetainedBuilds({ cacheKeys: [] }), []);
  assert.deepEqual(parseRetainedBuilds([{ cacheKeys: ['a'], clientIds: [1] }, { cacheKeys: ['b'], clientIds: ['c'] }]), [{ cacheKeys: ['b'], clientIds: ['c'] }]);
});
