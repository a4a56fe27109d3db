// The FLOP counter under `npm run bench:model` (tools/onnx-graph.py, Debian python3-onnx):
// exact on a generated MatMul graph, and complete on the shipped model (every node has a rule,
// propagated output shapes agree with the contract).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadModelSpec, MODELS_DIR, REPO_ROOT } from '../tools/lib/model-files.ts';

const workdir = mkdtempSync(join(tmpdir(), 'jt-flops-'));
const graphTool = join(REPO_ROOT, 'tools', 'onnx-graph.py');

function countFlops(modelPath: string) {
  const out = join(workdir, `${Math.random().toString(36).slice(2)}.json`);
  execFileSync('/usr/bin/python3', [graphTool, 'flops', modelPath, out]);
  return JSON.parse(readFileSync(out, 'utf8')) as { macFlops: number; outputs: Record<string, number[]>; parameters: number };
}

test('a generated N×N MatMul counts 2·N³ FLOPs (1 MAC = 2 FLOPs)', () => {
  const matmul = join(workdir, 'matmul-8.onnx');
  execFileSync('/usr/bin/python3', [graphTool, 'matmul', '8', matmul]);
  const counted = countFlops(matmul);
  assert.equal(counted.macFlops, 2 * 8 ** 3);
  assert.deepEqual(counted.outputs, { product: [8, 8] });
  assert.equal(counted.parameters, 64);
});

test('the shipped model is counted through every node, with the output shapes of model.json', () => {
  const spec = loadModelSpec();
  const counted = countFlops(join(MODELS_DIR, spec.file));
  assert.deepEqual(counted.outputs[spec.outputs.logits], [1, spec.classes.length]);
  assert.equal(counted.outputs[spec.outputs.features].length, 2);
  assert.ok(counted.macFlops > 1e6, `implausibly few FLOPs: ${counted.macFlops}`);
});
