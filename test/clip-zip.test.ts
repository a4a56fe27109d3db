import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import {
  buildManifest, clipPaths, DEFAULT_LIMITS, readClipZip, unsafeNameReason, writeClipZip, type ClipMetadata, type ClipManifest,
} from '../src/core/clip-zip.ts';
import { loadModelSpec } from '../tools/lib/model-files.ts';

const spec = loadModelSpec();
const { height, width } = spec.input;

function clip(index: number, overrides: Partial<ClipMetadata> = {}): ClipMetadata {
  return {
    id: `0000000${index}-aaaa-4bbb-8ccc-dddddddddddd`,
    label: index % 2 ? '3b_cascade' : '2b_continuous',
    split: index === 2 ? 'validation' : 'train',
    recordedAtMs: 1_790_000_000_000 + index * 1000,
    durationMs: 3000,
    camera: 'Fake camera',
    recordingSessionId: index === 2 ? 'session-b' : 'session-a',
    videoMimeType: index === 1 ? 'video/mp4;codecs=avc1' : 'video/webm;codecs=vp8',
    frames: 45 + index,
    ...overrides,
  };
}

function tensorOf(meta: ClipMetadata): Uint8Array {
  return Uint8Array.from({ length: 3 * meta.frames * height * width }, (_, index) => (index * 7 + meta.frames) & 255);
}

function videoOf(meta: ClipMetadata): Uint8Array {
  return strToU8(`video bytes of ${meta.id}`);
}

function goodArchive(metas = [clip(0), clip(1), clip(2)]): { bytes: Uint8Array; manifest: ClipManifest } {
  const manifest = buildManifest(metas, spec, 1_790_000_100_000);
  const files = new Map<string, Uint8Array>();
  for (const meta of metas) {
    const paths = clipPaths(meta);
    files.set(paths.video, videoOf(meta));
    files.set(paths.tensor, tensorOf(meta));
  }
  return { bytes: writeClipZip(manifest, files), manifest };
}

/** The good archive's entries, to tamper with and re-zip. */
function entriesOf(bytes: Uint8Array): Zippable {
  return { ...unzipSync(bytes) };
}

function manifestOf(entries: Zippable): any {
  return JSON.parse(new TextDecoder().decode(entries['manifest.json'] as Uint8Array));
}

function withManifest(entries: Zippable, manifest: unknown): Zippable {
  return { ...entries, 'manifest.json': strToU8(JSON.stringify(manifest)) };
}

function problemsOf(entries: Zippable): readonly string[] {
  const result = readClipZip(zipSync(entries), spec);
  assert.equal(result.clips.length, 0, 'nothing is returned from a bad archive');
  assert.ok(result.problems.length > 0, 'a bad archive has problems');
  return result.problems;
}

test('a written archive reads back identical, in the SenseKit layout', () => {
  const metas = [clip(0), clip(1), clip(2)];
  const { bytes, manifest } = goodArchive(metas);
  const names = Object.keys(unzipSync(bytes)).sort();
  assert.deepEqual(names, [
    'manifest.json',
    `tensors/${metas[0].id}.bin`, `tensors/${metas[1].id}.bin`, `tensors/${metas[2].id}.bin`,
    `videos_train/2b_continuous/${metas[0].id}.webm`,
    `videos_train/3b_cascade/${metas[1].id}.mp4`,
    `videos_valid/2b_continuous/${metas[2].id}.webm`,
  ].sort());
  const result = readClipZip(bytes, spec);
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.manifest, manifest);
  assert.equal(result.clips.length, 3);
  result.clips.forEach((read, index) => {
    assert.deepEqual(read.meta, metas[index]);
    assert.deepEqual(read.tensor, tensorOf(metas[index]));
    assert.deepEqual(read.video, videoOf(metas[index]));
  });
  assert.equal(manifest.tensor.height, spec.input.height);
  assert.equal(manifest.tensor.fps, spec.input.fps);
});

test('an empty archive (no clips) is valid', () => {
  const result = readClipZip(goodArchive([]).bytes, spec);
  assert.deepEqual(result.problems, []);
  assert.equal(result.clips.length, 0);
});

test('unsafe names: traversal, absolute, backslashes, drive letters, control characters', () => {
  assert.match(unsafeNameReason('../evil.txt')!, /path traversal/);
  assert.match(unsafeNameReason('videos_train/../../x')!, /path traversal/);
  assert.match(unsafeNameReason('/etc/passwd')!, /absolute/);
  assert.match(unsafeNameReason('C:/x.bin')!, /absolute/);
  assert.match(unsafeNameReason('tensors\\x.bin')!, /backslash/);
  assert.match(unsafeNameReason('tensors/a\u0000.bin')!, /control/);
  assert.match(unsafeNameReason('tensors//a.bin')!, /empty or "\."/);
  assert.equal(unsafeNameReason('videos_train/3b_cascade/abc.webm'), null);
  assert.equal(unsafeNameReason('videos_train/'), null);
});

test('path traversal and a wrong tensor size are both reported, and nothing is returned', () => {
  const entries = entriesOf(goodArchive().bytes);
  const [first] = Object.keys(entries).filter((name) => name.startsWith('tensors/'));
  entries[first] = (entries[first] as Uint8Array).subarray(0, 1000);
  entries['../evil.txt'] = strToU8('gotcha');
  const problems = problemsOf(entries);
  assert.ok(problems.some((problem) => /"\.\.\/evil\.txt".*path traversal/.test(problem)), problems.join('\n'));
  assert.ok(problems.some((problem) => new RegExp(`${first}.* has 1000 bytes, but 3 × \\d+ frames × 64 × 64`).test(problem)), problems.join('\n'));
});

test('absolute and backslash entries are rejected', () => {
  const entries = entriesOf(goodArchive().bytes);
  const problems = problemsOf({ ...entries, '/abs.txt': strToU8('x'), 'tensors\\win.bin': strToU8('x') });
  assert.ok(problems.some((problem) => problem.includes('absolute')));
  assert.ok(problems.some((problem) => problem.includes('backslash')));
});

test('not a zip, and a zip without a manifest', () => {
  assert.match(readClipZip(strToU8('hello, not a zip'), spec).problems[0], /not a readable zip/);
  assert.match(problemsOf({ 'tensors/x.bin': new Uint8Array(3) })[0], /no manifest\.json/);
});

test('manifest: bad JSON, wrong format, wrong version, wrong tensor size or fps for the model', () => {
  const entries = entriesOf(goodArchive().bytes);
  assert.match(problemsOf({ ...entries, 'manifest.json': strToU8('{ nope') })[0], /not valid JSON/);
  const manifest = manifestOf(entries);
  assert.ok(problemsOf(withManifest(entries, { ...manifest, format: 'other' })).some((problem) => problem.includes('"format"')));
  assert.ok(problemsOf(withManifest(entries, { ...manifest, version: 2 })).some((problem) => problem.includes('version 2 is not supported')));
  const wrongSize = problemsOf(withManifest(entries, { ...manifest, tensor: { ...manifest.tensor, height: 32, fps: 30 } }));
  assert.ok(wrongSize.some((problem) => /tensor height is 32, but the model .* needs 64/.test(problem)), wrongSize.join('\n'));
  assert.ok(wrongSize.some((problem) => /tensor fps is 30/.test(problem)));
});

test('labels are checked against the grammar, ids and splits too', () => {
  const entries = entriesOf(goodArchive().bytes);
  const manifest = manifestOf(entries);
  const clips = [...manifest.clips];
  clips[0] = { ...clips[0], label: 'Three Balls' };
  clips[1] = { ...clips[1], split: 'test' };
  clips[2] = { ...clips[2], id: '../../x' };
  const problems = problemsOf(withManifest(entries, { ...manifest, clips }));
  assert.ok(problems.some((problem) => problem.includes('"Three Balls" is not a class name')), problems.join('\n'));
  assert.ok(problems.some((problem) => problem.includes('"split" must be')));
  assert.ok(problems.some((problem) => problem.includes('"id" must be')));
});

test('duplicates: a clip id twice, an entry name twice', () => {
  const entries = entriesOf(goodArchive().bytes);
  const manifest = manifestOf(entries);
  const problems = problemsOf(withManifest(entries, { ...manifest, clips: [...manifest.clips, manifest.clips[0]] }));
  assert.ok(problems.some((problem) => problem.includes('the same id appears more than once')), problems.join('\n'));

  // fflate's zipSync cannot write a name twice: write one archive with a placeholder name and patch it.
  const name = Object.keys(entries).find((key) => key.startsWith('tensors/'))!;
  const twin = name.replace('tensors/', 'tensorz/');
  const bytes = zipSync({ ...entries, [twin]: entries[name] });
  const encoded = strToU8(twin);
  const patched = Uint8Array.from(bytes);
  for (let index = 0; index + encoded.length <= patched.length; index++) {
    if (encoded.every((byte, offset) => patched[index + offset] === byte)) patched.set(strToU8(name), index);
  }
  const result = readClipZip(patched, spec);
  assert.ok(result.problems.some((problem) => problem.includes(`"${name}" appears more than once`)), result.problems.join('\n'));
});

test('files not in the manifest, missing files and mismatched paths are listed', () => {
  const entries = entriesOf(goodArchive().bytes);
  const manifest = manifestOf(entries);
  const videoPath = manifest.clips[0].video;
  const { [videoPath]: _removed, ...withoutVideo } = entries;
  const problems = problemsOf({ ...withoutVideo, 'notes.txt': strToU8('hi') });
  assert.ok(problems.some((problem) => problem.includes(`its video ${videoPath} is not in the archive`)), problems.join('\n'));
  assert.ok(problems.some((problem) => problem.includes('"notes.txt" is not listed in manifest.json')));
  const moved = [...manifest.clips];
  moved[1] = { ...moved[1], video: moved[1].video.replace('videos_train', 'videos_valid') };
  assert.ok(problemsOf(withManifest(entries, { ...manifest, clips: moved })).some((problem) => problem.includes('"video" must be')));
});

test('size limits: total unpacked size and entry count are checked before anything is decompressed', () => {
  const { bytes } = goodArchive();
  const small = { ...DEFAULT_LIMITS, maxTotalBytes: 100_000 };
  assert.match(readClipZip(bytes, spec, small).problems[0], /unpacks to|The file is/);
  assert.match(readClipZip(bytes, spec, { ...DEFAULT_LIMITS, maxEntries: 3 }).problems[0], /entries; at most 3/);
  // A zip bomb: a megabyte of zeros deflates to a kilobyte.
  const bomb = zipSync({ 'manifest.json': strToU8('{}'), 'tensors/x.bin': new Uint8Array(4_000_000) });
  assert.ok(bomb.length < 100_000);
  assert.match(readClipZip(bomb, spec, { ...DEFAULT_LIMITS, maxTotalBytes: 1_000_000 }).problems[0], /unpacks to/);
});

test('junk from other zip tools is ignored, folder entries are fine', () => {
  const entries = entriesOf(goodArchive().bytes);
  const result = readClipZip(zipSync({ ...entries, '__MACOSX/._manifest.json': strToU8('x'), '.DS_Store': strToU8('x'), 'videos_train/': new Uint8Array() }), spec);
  assert.deepEqual(result.problems, []);
  assert.equal(result.clips.length, 3);
});
