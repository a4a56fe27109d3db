import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import {
  buildManifest, clipPaths, DEFAULT_LIMITS, MAX_ENTRY_BYTES, readClipZip, unsafeNameReason, writeClipZip, type ClipMetadata, type ClipManifest,
} from '../src/core/clip-zip.ts';
import { loadModelSpec } from '../tools/lib/model-files.ts';
import { craftZip, entryOf, zeroStream, type CraftedEntry } from '../tools/lib/zip-craft.ts';

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

// Hostile archives, made by hand (tools/lib/zip-craft.ts) so their headers can lie.

/** The good archive's entries as honest crafted entries (videos stored, the rest deflated), one changed by `tamper`. */
function craftedArchive(tamper: (entry: CraftedEntry) => CraftedEntry = (entry) => entry, extra: CraftedEntry[] = []): Uint8Array {
  const entries = Object.entries(unzipSync(goodArchive().bytes)).map(([name, data]) => tamper(entryOf(name, data, name.startsWith('videos_'))));
  return craftZip([...entries, ...extra]);
}

function rejected(bytes: Uint8Array): string {
  const result = readClipZip(bytes, spec);
  assert.equal(result.clips.length, 0, 'nothing is returned from a bad archive');
  assert.ok(result.problems.length > 0, 'a bad archive has problems');
  return result.problems.join('\n');
}

test('crafted honest archives read back (the fixture the hostile tests tamper with)', () => {
  assert.deepEqual(readClipZip(craftedArchive(), spec).problems, []);
});

test('a zip bomb: a tensor declaring its right size but inflating to 64 MiB is rejected, not cut to size', () => {
  const bomb = zeroStream(64 * 1024 * 1024);
  assert.ok(bomb.length < 200_000);
  const problems = rejected(craftedArchive((entry) => (entry.name.startsWith('tensors/') ? { ...entry, data: bomb, crc32: 0 } : entry)));
  assert.match(problems, /unpacks to more than its declared \d+ bytes/);
});

test('an entry the manifest does not name is rejected without being inflated', () => {
  const garbage = { name: 'tensors/stowaway.bin', data: Uint8Array.from({ length: 4000 }, (_, index) => (index * 131) & 255), method: 8, crc32: 0, originalSize: 1000 };
  const bomb = { name: 'videos_train/3b_cascade/bomb.webm', data: zeroStream(32 * 1024 * 1024), method: 8, crc32: 0, originalSize: 1000 };
  const problems = rejected(craftedArchive(undefined, [garbage, bomb]));
  assert.match(problems, /"tensors\/stowaway\.bin" is not listed in manifest\.json/);
  assert.match(problems, /"videos_train\/3b_cascade\/bomb\.webm" is not listed/);
  assert.doesNotMatch(problems, /damaged|unpacks to more/, 'the unlisted entries were inflated');
});

test('a wrong CRC-32 is rejected, in a stored video and in a deflated tensor', () => {
  const wrongVideo = rejected(craftedArchive((entry) => (entry.name.startsWith('videos_valid/') ? { ...entry, crc32: entry.crc32 ^ 1 } : entry)));
  assert.match(wrongVideo, /videos_valid\/.*fails its checksum/);
  const flipped = craftedArchive((entry) => {
    if (!entry.name.startsWith('videos_train/2b')) return entry;
    const data = Uint8Array.from(entry.data);
    data[3] ^= 0x20;
    return { ...entry, data };
  });
  assert.match(rejected(flipped), /fails its checksum/);
  const wrongTensor = rejected(craftedArchive((entry) => (entry.name.startsWith('tensors/') ? { ...entry, crc32: 12345 } : entry)));
  assert.match(wrongTensor, /tensors\/.*fails its checksum \(CRC-32 [0-9a-f]{8}, the archive says 00003039\)/);
});

test('sizes that lie: an entry over the per-entry limit, and a stored video shorter than it declares', () => {
  const huge = rejected(craftedArchive((entry) => (entry.name.startsWith('videos_valid/') ? { ...entry, method: 8, data: deflateRawOf(entry), originalSize: 200 * 1024 * 1024 } : entry)));
  assert.match(huge, new RegExp(`unpacks to 200 MB; one file in an archive may be at most ${MAX_ENTRY_BYTES / 1024 / 1024} MB`));
  const short = rejected(craftedArchive((entry) => (entry.name.startsWith('videos_valid/') ? { ...entry, originalSize: entry.originalSize + 1000 } : entry)));
  assert.match(short, /is stored with \d+ bytes but declares \d+/);
  const truncated = rejected(craftedArchive((entry) => (entry.name.startsWith('tensors/') ? { ...entry, data: entry.data.subarray(0, entry.data.length >> 1) } : entry)));
  assert.match(truncated, /damaged compressed data|fewer than its declared/);
});

function deflateRawOf(entry: CraftedEntry): Uint8Array {
  return entryOf(entry.name, entry.data).data;
}

test('a truncated or overflowing archive is a problem, never an exception', () => {
  const bytes = craftedArchive();
  for (const length of [0, 10, 22, bytes.length >> 1, bytes.length - 23, bytes.length - 1]) {
    assert.ok(readClipZip(bytes.subarray(0, length), spec).problems.length > 0, `cut at ${length}`);
  }
  const zip64 = Uint8Array.from(bytes);
  new DataView(zip64.buffer).setUint32(zip64.length - 6, 0xffffffff, true);
  assert.match(rejected(zip64), /ZIP64 archives are not supported/);
});

test('times: recordedAtMs of -0, 0 or before 2015 is rejected (it would show as a 1970 session)', () => {
  const entries = entriesOf(goodArchive().bytes);
  const manifest = manifestOf(entries);
  for (const recordedAtMs of ['-0', '0', '1000', '1e300']) {
    const text = JSON.stringify({ ...manifest, clips: [{ ...manifest.clips[0], recordedAtMs: 'TIME' }, ...manifest.clips.slice(1)] }).replace('"TIME"', recordedAtMs);
    const problems = problemsOf({ ...entries, 'manifest.json': strToU8(text) });
    assert.ok(problems.some((problem) => /"recordedAtMs" must be a time .* between 2015 and 2100/.test(problem)), `${recordedAtMs}: ${problems.join('\n')}`);
  }
});

test('video types: only WebM and MP4 with codecs the app plays, each refusal says why', () => {
  const entries = entriesOf(goodArchive().bytes);
  const manifest = manifestOf(entries);
  const withType = (videoMimeType: string) => withManifest(entries, { ...manifest, clips: [{ ...manifest.clips[0], videoMimeType }, ...manifest.clips.slice(1)] });
  assert.ok(problemsOf(withType('video/webm;codecs=theora')).some((problem) => /codecs the app does not play in WEBM \(theora; known: vp8/.test(problem)));
  assert.ok(problemsOf(withType('text/html')).some((problem) => /"text\/html" is not a WebM or MP4 video/.test(problem)));
  assert.ok(problemsOf(withType('video/webm;codecs=')).some((problem) => /an empty codec/.test(problem)));
  // What browsers' recorders report is accepted (Firefox quotes and spaces its codecs).
  assert.deepEqual(readClipZip(zipSync(withType('video/webm; codecs="vp8, opus"')), spec).problems, []);
  assert.deepEqual(readClipZip(zipSync(withType('video/webm;codecs=vp09.00.10.08')), spec).problems, []);
});

test('a label problem ends in one full stop, not two', () => {
  const entries = entriesOf(goodArchive().bytes);
  const manifest = manifestOf(entries);
  const problems = problemsOf(withManifest(entries, { ...manifest, clips: [{ ...manifest.clips[0], label: 'Three Balls' }, ...manifest.clips.slice(1)] }));
  const labelProblem = problems.find((problem) => problem.includes('is not a class name'))!;
  assert.match(labelProblem, /too-high\.$/);
  assert.doesNotMatch(labelProblem, /\.\.$/);
});

test('progress: the contents check reports every entry and its bytes, ending at the totals', () => {
  const { bytes } = goodArchive();
  const reports: { entriesChecked: number; entriesTotal: number; bytesChecked: number; bytesTotal: number }[] = [];
  const result = readClipZip(bytes, spec, DEFAULT_LIMITS, (progress) => reports.push(progress));
  assert.deepEqual(result.problems, []);
  const entries = unzipSync(bytes);
  const unpacked = Object.values(entries).reduce((sum, data) => sum + data.length, 0);
  // The manifest, then each clip's video and tensor.
  assert.deepEqual(reports.map((report) => report.entriesChecked), [1, 2, 3, 4, 5, 6, 7]);
  assert.ok(reports.every((report) => report.entriesTotal === 7 && report.bytesTotal === unpacked));
  assert.ok(reports.every((report, index) => index === 0 || report.bytesChecked > reports[index - 1].bytesChecked));
  assert.equal(reports.at(-1)!.bytesChecked, unpacked);
});

test('progress: an archive rejected before its contents are read reports nothing', () => {
  const reports: unknown[] = [];
  readClipZip(strToU8('hello, not a zip'), spec, DEFAULT_LIMITS, (progress) => reports.push(progress));
  const { bytes } = goodArchive();
  const entries = entriesOf(bytes);
  readClipZip(zipSync({ ...entries, 'stray.txt': strToU8('x') }), spec, DEFAULT_LIMITS, (progress) => reports.push(progress));
  assert.deepEqual(reports, []);
});
