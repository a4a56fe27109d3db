// Keeps the training pipeline alive: render a few clips, train a tiny model a few steps with
// Debian's PyTorch, export ONNX, load it through the model-contract loader and run it.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { referenceInput } from '../src/core/reference-input.ts';
import { loadNodeLocator, loadNodeModel } from '../tools/lib/onnx-node.ts';
import { loadNodeDetector } from '../tools/lib/onnx-detector.ts';
import { loadModelSpec, REPO_ROOT } from '../tools/lib/model-files.ts';
import { renderClipTensor } from '../tools/lib/clips.ts';
import { buildManifest, clipPaths, writeClipZip } from '../src/core/clip-zip.ts';
import { clipWindowBytes } from '../src/core/clip-windows.ts';

for (const arch of ['A', 'B'] as const) test(`candidate ${arch}: train a tiny model for a few steps, export it, run it through onnxruntime-node`, { timeout: 600_000 }, async () => {
  const workdir = mkdtempSync(join(tmpdir(), 'jt-smoke-'));
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const classes = '0b_empty,1b_toss,2b_continuous,3b_cascade';
  execFileSync(tsx, ['tools/render.ts', 'dataset', '--out', join(workdir, 'data'), '--clips-per-class', '3', '--seed', '77', '--classes', classes, '--workers', '1'], { cwd: REPO_ROOT });
  const environment = { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' };
  execFileSync('/usr/bin/python3', ['training/train.py', '--train', join(workdir, 'data'), '--val', join(workdir, 'data'), '--run', join(workdir, 'run'), '--max-steps', '3', '--batch-size', '4', '--width-scale', '0.25', '--arch', arch], { cwd: REPO_ROOT, env: environment });
  const specPath = join(workdir, 'model.json');
  copyFileSync(join(REPO_ROOT, 'models', 'model.json'), specPath);
  // The shipped crop rule's locator goes with the contract: this tests the classifier's pipeline.
  const locator = loadModelSpec(specPath).input.crop.locator;
  if (locator) copyFileSync(join(REPO_ROOT, 'models', locator.file), join(workdir, locator.file));
  execFileSync('/usr/bin/python3', ['training/export.py', '--checkpoint', join(workdir, 'run', 'best.pt'), '--out', join(workdir, 'model.onnx'), '--spec', specPath], { cwd: REPO_ROOT, env: environment });
  const model = await loadNodeModel(specPath);
  const reference = JSON.parse(readFileSync(join(workdir, 'reference.json'), 'utf8'));
  const count = reference.shape.reduce((product: number, size: number) => product * size, 1);
  const { logits } = await model.run(referenceInput(count));
  assert.equal(logits.length, model.spec.classes.length);
  reference.logits.forEach((value: number, index: number) => assert.ok(Math.abs(value - logits[index]) < 1e-4));
});

test('render from-zip cuts clips exported from the app (zip written by the app\'s own writer) into shards train.py --clips reads, and rejects a bad zip writing nothing', { timeout: 600_000 }, async () => {
  const workdir = mkdtempSync(join(tmpdir(), 'jt-smoke-zip-'));
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  execFileSync(tsx, ['tools/render.ts', 'dataset', '--out', join(workdir, 'data'), '--clips-per-class', '2', '--seed', '78', '--classes', '1b_toss,3b_cascade', '--workers', '1'], { cwd: REPO_ROOT });
  const { spec, locate } = await loadNodeModel();
  // Clips of 2 windows' length (T + stride frames): two from one recording session for training, one from another for validation,
  // and one whose label the model does not know (skipped).
  const frames = spec.input.frames + spec.stride;
  const recorded = [
    { label: '3b_cascade', split: 'train', session: 'session-a', seed: 800_101 },
    { label: '1b_toss', split: 'train', session: 'session-a', seed: 800_102 },
    { label: '3b_cascade', split: 'validation', session: 'session-b', seed: 800_103 },
    { label: '4b_fountain', split: 'train', session: 'session-b', seed: 800_104 },
  ] as const;
  const files = new Map<string, Uint8Array>();
  const clips = await Promise.all(recorded.map(async (clip, index) => {
    const meta = { id: `clip-${index}`, label: clip.label, split: clip.split, recordedAtMs: 1_795_000_000_000 + index, durationMs: 1200, camera: 'fake', recordingSessionId: clip.session, videoMimeType: 'video/webm', frames };
    const paths = clipPaths(meta);
    const renderAs = clip.label === '4b_fountain' ? '3b_cascade' : clip.label;
    const tensor = (await renderClipTensor(renderAs, clip.seed, { ...spec.input, frames }, 'train', locate)).tensor;
    files.set(paths.tensor, tensor);
    files.set(paths.video, new Uint8Array([0x1a, 0x45, 0xdf, 0xa3]));
    return meta;
  }));
  const zipPath = join(workdir, 'clips.zip');
  writeFileSync(zipPath, writeClipZip(buildManifest(clips, spec, 1_795_000_000_000), files));
  const mine = join(workdir, 'mine');
  const cut = execFileSync(tsx, ['tools/render.ts', 'from-zip', '--zip', zipPath, '--out', mine], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.match(cut, /clips\.zip: skipped clips labelled 4b_fountain \(not in the model's classes\)/);
  assert.match(cut, /4 train windows, 2 validation windows/);
  // The windows are the clips' own bytes, cut at windowStarts, in render dataset's shard format.
  const shard = JSON.parse(readFileSync(join(mine, 'train', 'shard-0000.json'), 'utf8'));
  assert.deepEqual(shard.clipShape, [3, spec.input.frames, spec.input.height, spec.input.width]);
  assert.deepEqual(shard.labels, ['3b_cascade', '3b_cascade', '1b_toss', '1b_toss']);
  const windowBytes = 3 * spec.input.frames * spec.input.height * spec.input.width;
  const shardBytes = readFileSync(join(mine, 'train', 'shard-0000.u8'));
  assert.equal(shardBytes.length, 4 * windowBytes);
  const second = clipWindowBytes({ frames, height: spec.input.height, width: spec.input.width, data: files.get('tensors/clip-0.bin')! }, spec.stride, spec.input.frames);
  assert.ok(Buffer.from(second).equals(shardBytes.subarray(windowBytes, 2 * windowBytes)), 'the second window starts a stride in');
  const environment = { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' };
  const log = execFileSync('/usr/bin/python3', ['training/train.py', '--train', join(workdir, 'data'), '--val', join(workdir, 'data'), '--run', join(workdir, 'run'), '--max-steps', '2', '--batch-size', '4', '--width-scale', '0.25', '--clips', mine], { cwd: REPO_ROOT, env: environment, encoding: 'utf8' });
  assert.match(log, /your clips: 4 train windows \(×3\), 2 validation windows/);
  assert.match(log, /your validation windows top-1/);
  // A tensor of the wrong size: from-zip stops with the reason, naming the clip, and writes no shard.
  const badFiles = new Map(files);
  badFiles.set('tensors/clip-0.bin', new Uint8Array(10));
  const badZip = join(workdir, 'bad.zip');
  writeFileSync(badZip, writeClipZip(buildManifest(clips, spec, 1_795_000_000_000), badFiles));
  const badOut = join(workdir, 'mine-bad');
  const result = spawnSync(tsx, ['tools/render.ts', 'from-zip', '--zip', zipPath, '--zip', badZip, '--out', badOut], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /bad\.zip: clip 1 \(clip-0\): tensor tensors\/clip-0\.bin has 10 bytes/);
  assert.equal(existsSync(badOut), false, 'nothing written');
});

test('train.py by the clock picks up shards that land while it trains (--wall-minutes --grow), as on a borrowed GPU', { timeout: 600_000 }, () => {
  const workdir = mkdtempSync(join(tmpdir(), 'jt-grow-'));
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const render = (folder: string, seed: string) => execFileSync(tsx, ['tools/render.ts', 'dataset', '--out', join(workdir, folder), '--clips-per-class', '2', '--seed', seed,
    '--classes', '0b_empty,3b_cascade', '--workers', '1', '--shard-size', '2'], { cwd: REPO_ROOT });
  render('first', '78');
  const environment = { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' };
  // The second folder does not exist yet; it is rendered while training runs.
  const training = spawnSync('/bin/sh', ['-c', `(sleep 2; "${tsx}" tools/render.ts dataset --out "${join(workdir, 'later')}" --clips-per-class 2 --seed 79 --classes 0b_empty,3b_cascade --workers 1 --shard-size 2) &
    /usr/bin/python3 training/train.py --train "${join(workdir, 'first')}" --train "${join(workdir, 'later')}" --val "${join(workdir, 'first')}" --run "${join(workdir, 'run')}" \
      --wall-minutes 0.25 --eval-seconds 3 --grow --batch-size 2 --width-scale 0.25 --augment wide; wait`], { cwd: REPO_ROOT, env: environment, encoding: 'utf8' });
  assert.equal(training.status, 0, training.stderr);
  const log = readFileSync(join(workdir, 'run', 'train.log'), 'utf8');
  assert.match(log, /train \(4, 3, 16/, 'starts on the first folder alone');
  assert.match(log, /grew the training set by \d+ clips to 8\n/, 'the shards rendered later join the training set');
  assert.match(log, /end of 0\.25 min val top-1/, 'stops by the clock, with a final evaluation');
  const finalCheckpoint = spawnSync('/usr/bin/python3', ['-c', `import torch; s = torch.load("${join(workdir, 'run', 'final.pt')}", weights_only=False); print(s["step"] > 0)`], { encoding: 'utf8' });
  assert.equal(finalCheckpoint.stdout.trim(), 'True');
});

test('augmentation keeps shape and range; "wide" swaps colour channels and greys some clips, "standard" does neither', { timeout: 120_000 }, () => {
  // One plain clip with a distinct value per channel: red > green > blue.
  const check = `
import sys, torch
sys.path.insert(0, "training")
from data import augment
clip = torch.zeros(1, 3, 4, 16, 16, dtype=torch.uint8)
clip[:, 0], clip[:, 1], clip[:, 2] = 200, 120, 40
batch = clip.repeat(400, 1, 1, 1, 1)
for kind in ("standard", "wide"):
    out = augment(batch, torch.Generator().manual_seed(3), kind)
    assert out.shape == batch.shape and out.dtype == torch.float32 and out.min() >= 0 and out.max() <= 1
    bright = out.mean(dim=(2, 3, 4))  # per clip and channel
    swapped = int((bright.argmax(dim=1) != 0).sum())
    grey = int(((bright.max(dim=1).values - bright.min(dim=1).values) < 0.02).sum())
    print(kind, swapped, grey)
`;
  const result = spawnSync('/usr/bin/python3', ['-c', check], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' } });
  assert.equal(result.status, 0, result.stderr);
  const counts = Object.fromEntries(result.stdout.trim().split('\n').map((line) => { const [kind, swapped, grey] = line.split(' '); return [kind, { swapped: Number(swapped), grey: Number(grey) }]; }));
  assert.deepEqual(counts.standard, { swapped: 0, grey: 0 }, 'standard jitter keeps red the brightest channel and never greys');
  assert.ok(counts.wide.swapped > 100 && counts.wide.swapped < 300, `wide swaps channels in about half the clips (minus those red stays first in): ${counts.wide.swapped}`);
  assert.ok(counts.wide.grey > 15 && counts.wide.grey < 80, `wide greys about a tenth of the clips: ${counts.wide.grey}`);
});

test('the juggling locator: render its samples, train a few steps, export, and onnxruntime-node answers as torch did', { timeout: 600_000 }, async () => {
  const workdir = mkdtempSync(join(tmpdir(), 'jt-smoke-locator-'));
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  execFileSync(tsx, ['tools/render.ts', 'dataset', '--out', join(workdir, 'data'), '--clips-per-class', '3', '--seed', '79', '--classes', '0b_empty,3b_cascade', '--workers', '1', '--locator-size', '32', '--locator-frames', '4'], { cwd: REPO_ROOT });
  const shard = JSON.parse(readFileSync(join(workdir, 'data', 'shard-0000.json'), 'utf8'));
  assert.deepEqual(shard.clipShape, [12, 32, 32]);
  shard.labels.forEach((label: string, index: number) => assert.equal(shard.boxes[index] === null, label === '0b_empty', `${label}: a box exactly when somebody is there`));
  const environment = { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' };
  execFileSync('/usr/bin/python3', ['training/locator.py', 'train', '--train', join(workdir, 'data'), '--val', join(workdir, 'data'), '--out', join(workdir, 'run'), '--max-steps', '3', '--batch', '4', '--threads', '1'], { cwd: REPO_ROOT, env: environment });
  execFileSync('/usr/bin/python3', ['training/locator.py', 'export', '--checkpoint', join(workdir, 'run', 'best.pt'), '--out', join(workdir, 'locator.onnx')], { cwd: REPO_ROOT, env: environment });
  const locate = await loadNodeLocator({ file: 'locator.onnx', size: 32, frames: 4, presentThreshold: 0.5 }, join(workdir, 'model.json'));
  const reference = JSON.parse(readFileSync(join(workdir, 'locator-reference.json'), 'utf8'));
  const answer = await locate(referenceInput(reference.shape.reduce((product: number, size: number) => product * size, 1)));
  reference.box.forEach((value: number, index: number) => assert.ok(Math.abs(value - answer.box[index]) < 1e-4, `box ${index}`));
  assert.ok(Math.abs(reference.present - answer.presentLogit) < 1e-4, 'present');
});

test('the ball detector: render its samples, train a few steps, export, load through the app loader, and match torch within 1e-4', { timeout: 600_000 }, async () => {
  const workdir = mkdtempSync(join(tmpdir(), 'jt-smoke-detector-'));
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  execFileSync(tsx, ['tools/render-detector.ts', '--out', join(workdir, 'data'), '--scenes', '6', '--per-scene', '2', '--seed', '81', '--workers', '1'], { cwd: REPO_ROOT });
  const shard = JSON.parse(readFileSync(join(workdir, 'data', 'shard-0000.json'), 'utf8'));
  assert.equal(shard.size, 128);
  assert.ok(shard.count >= 8, `${shard.count} samples`);
  for (const balls of shard.balls) for (const [x, y, r] of balls) assert.ok(x >= 0 && y >= 0 && x < 128 && y < 128 && r > 0);
  const environment = { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' };
  execFileSync('/usr/bin/python3', ['training/detector.py', 'train', '--train', join(workdir, 'data'), '--val', join(workdir, 'data'), '--out', join(workdir, 'run'), '--max-steps', '3', '--batch', '4', '--threads', '1'], { cwd: REPO_ROOT, env: environment });
  execFileSync('/usr/bin/python3', ['training/detector.py', 'export', '--checkpoint', join(workdir, 'run', 'best.pt'), '--out', join(workdir, 'detector.onnx')], { cwd: REPO_ROOT, env: environment });
  const spec = { file: 'detector.onnx', size: 128, frames: 2, outputStride: 4, threshold: 0.3, margin: 1.3 };
  const detector = await loadNodeDetector(join(workdir, 'detector.onnx'), loadModelSpec(), spec);
  const reference = JSON.parse(readFileSync(join(workdir, 'detector-reference.json'), 'utf8'));
  const output = await detector.run(referenceInput(reference.shape.reduce((product: number, size: number) => product * size, 1)));
  reference.picks.forEach((pick: number, index: number) => {
    assert.ok(Math.abs(output.heat[pick] - reference.heat[index]) < 1e-4, `heat[${pick}]`);
    assert.ok(Math.abs(output.offsets[pick] - reference.offsets[index]) < 1e-4, `offsets[${pick}]`);
  });
  let heatSum = 0;
  for (let index = 0; index < output.heat.length; index++) heatSum += output.heat[index];
  assert.ok(Math.abs(heatSum - reference.heatSum) < 1e-2, `heat sum ${heatSum} vs ${reference.heatSum}`);
  // A shipped ONNX (BatchNorm folded) back into a checkpoint that answers as it does (from-onnx
  // checks itself against the reference), and fine-tuned from there with the norms frozen.
  execFileSync('/usr/bin/python3', ['training/detector.py', 'from-onnx', '--onnx', join(workdir, 'detector.onnx'), '--width', '1', '--out', join(workdir, 'rebuilt.pt')], { cwd: REPO_ROOT, env: environment });
  execFileSync('/usr/bin/python3', ['training/detector.py', 'train', '--init', join(workdir, 'rebuilt.pt'), '--train', join(workdir, 'data'), '--val', join(workdir, 'data'), '--out', join(workdir, 'tuned'), '--max-steps', '2', '--batch', '4', '--threads', '1'], { cwd: REPO_ROOT, env: environment });
  execFileSync('/usr/bin/python3', ['training/detector.py', 'export', '--checkpoint', join(workdir, 'tuned', 'best.pt'), '--out', join(workdir, 'tuned.onnx')], { cwd: REPO_ROOT, env: environment });
  assert.ok(readFileSync(join(workdir, 'tuned.onnx')).length > 10_000);
});
