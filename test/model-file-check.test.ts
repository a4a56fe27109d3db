import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileProblem, isFileCheck, toHex } from '../src/core/model-file-check.ts';
import { modelFileNames, parseModelSpec } from '../src/core/model-spec.ts';

const bytes = new TextEncoder().encode('an onnx model, honestly');
const good = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
const hashOf = (data: Uint8Array) => async () => createHash('sha256').update(data).digest('hex');

test('a file with the checked size and SHA-256 passes; a truncated or altered one says why', async () => {
  assert.equal(await fileProblem(bytes.length, hashOf(bytes), good), null);
  assert.equal(await fileProblem(10, () => assert.fail('no hash for a wrong size'), good), `it has 10 bytes instead of ${bytes.length}`);
  const altered = Uint8Array.from(bytes);
  altered[3] ^= 1;
  assert.equal(await fileProblem(altered.length, hashOf(altered), good), 'its SHA-256 checksum does not match');
});

test('toHex writes a digest as lower-case hex, as sha256sum does', () => {
  assert.equal(toHex(createHash('sha256').update(bytes).digest()), good.sha256);
  assert.equal(toHex(new Uint8Array([0, 15, 255])), '000fff');
});

test('model.json fileChecks: optional, each a positive size and a 64-digit hex hash', () => {
  const committed = JSON.parse(readFileSync(new URL('../models/model.json', import.meta.url), 'utf8'));
  const spec = parseModelSpec(committed);
  assert.equal(spec.fileChecks, undefined);
  assert.ok(modelFileNames(spec).includes(spec.file));
  const withChecks = parseModelSpec({ ...committed, fileChecks: { [spec.file]: good } });
  assert.deepEqual(withChecks.fileChecks, { [spec.file]: good });
  assert.throws(() => parseModelSpec({ ...committed, fileChecks: { [spec.file]: { bytes: 0, sha256: good.sha256 } } }), /fileChecks\["model.onnx"\]/);
  assert.throws(() => parseModelSpec({ ...committed, fileChecks: { [spec.file]: { bytes: 5, sha256: 'ABC' } } }), /sha256/);
  assert.equal(isFileCheck({ bytes: 5, sha256: good.sha256.toUpperCase() }), false);
});
