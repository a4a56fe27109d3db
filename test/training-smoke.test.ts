// Keeps the training pipeline alive: render a few clips, train a tiny model a few steps with
// Debian's PyTorch, export ONNX, load it through the model-contract loader and run it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { referenceInput } from '../src/core/reference-input.ts';
import { loadNodeModel } from '../tools/lib/onnx-node.ts';
import { REPO_ROOT } from '../tools/lib/model-files.ts';

test('train a tiny model for a few steps, export it, run it through onnxruntime-node', { timeout: 600_000 }, async () => {
  const workdir = mkdtempSync(join(tmpdir(), 'jt-smoke-'));
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const classes = '0b_empty,1b_toss,2b_continuous,3b_cascade';
  execFileSync(tsx, ['tools/render.ts', 'dataset', '--out', join(workdir, 'data'), '--clips-per-class', '3', '--seed', '77', '--classes', classes, '--workers', '1'], { cwd: REPO_ROOT });
  const environment = { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' };
  execFileSync('/usr/bin/python3', ['training/train.py', '--train', join(workdir, 'data'), '--val', join(workdir, 'data'), '--run', join(workdir, 'run'), '--max-steps', '3', '--batch-size', '4', '--width-scale', '0.25'], { cwd: REPO_ROOT, env: environment });
  const specPath = join(workdir, 'model.json');
  copyFileSync(join(REPO_ROOT, 'models', 'model.json'), specPath);
  execFileSync('/usr/bin/python3', ['training/export.py', '--checkpoint', join(workdir, 'run', 'best.pt'), '--out', join(workdir, 'model.onnx'), '--spec', specPath], { cwd: REPO_ROOT, env: environment });
  const model = await loadNodeModel(specPath);
  const reference = JSON.parse(readFileSync(join(workdir, 'reference.json'), 'utf8'));
  const count = reference.shape.reduce((product: number, size: number) => product * size, 1);
  const { logits } = await model.run(referenceInput(count));
  assert.equal(logits.length, model.spec.classes.length);
  reference.logits.forEach((value: number, index: number) => assert.ok(Math.abs(value - logits[index]) < 1e-4));
});
