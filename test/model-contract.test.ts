import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CATALOG } from '../src/core/labels.ts';
import { referenceInput } from '../src/core/reference-input.ts';
import { loadNodeModel } from '../tools/lib/onnx-node.ts';
import { loadModelSpec, MODELS_DIR } from '../tools/lib/model-files.ts';

test('models/model.json follows the contract and lists the catalog', () => {
  const spec = loadModelSpec();
  assert.deepEqual([...spec.classes], [...CATALOG]);
  const locatorBytes = spec.input.crop.locator ? statSync(join(MODELS_DIR, spec.input.crop.locator.file)).size : 0;
  assert.ok(statSync(join(MODELS_DIR, spec.file)).size + locatorBytes < 5 * 1024 * 1024, 'the model (with its locator) stays under 5 MB');
});

test('onnxruntime-node reproduces the torch answer of the juggling locator within 1e-4 (when the crop rule has one)', async (context) => {
  const model = await loadNodeModel();
  const locator = model.spec.input.crop.locator;
  if (!model.locate || !locator) return context.skip(`models/model.json's crop rule is ${model.spec.input.crop.kind}: no locator`);
  const reference = JSON.parse(readFileSync(join(MODELS_DIR, locator.file.replace(/\.onnx$/, '-reference.json')), 'utf8'));
  assert.deepEqual(reference.shape, [1, 3 * locator.frames, locator.size, locator.size]);
  const answer = await model.locate(referenceInput(reference.shape.reduce((product: number, size: number) => product * size, 1)));
  reference.box.forEach((value: number, index: number) => assert.ok(Math.abs(value - answer.box[index]) < 1e-4, `box ${index}: torch ${value}, ort ${answer.box[index]}`));
  assert.ok(Math.abs(reference.present - answer.presentLogit) < 1e-4, 'present');
});

test('onnxruntime-node reproduces the torch outputs of the exported model within 1e-4', async () => {
  const model = await loadNodeModel();
  const reference = JSON.parse(readFileSync(join(MODELS_DIR, 'reference.json'), 'utf8'));
  const count = reference.shape.reduce((product: number, size: number) => product * size, 1);
  const { logits, features } = await model.run(referenceInput(count));
  assert.equal(logits.length, model.spec.classes.length);
  assert.equal(features.length, model.spec.featureSize);
  reference.logits.forEach((value: number, index: number) => assert.ok(Math.abs(value - logits[index]) < 1e-4, `logit ${index}: torch ${value}, ort ${logits[index]}`));
  reference.features.forEach((value: number, index: number) => assert.ok(Math.abs(value - features[index]) < 1e-4, `feature ${index}`));
});
