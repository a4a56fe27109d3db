// (DOM types for the code these tests run inside the page.)
// The same ONNX gives the same answer on WebGPU, on WASM, and in onnxruntime-node (the
// reference the training side uses), on one deterministic input of the contract's shape.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import * as ortNode from 'onnxruntime-node';
import { launchApp, seededFloats } from '../tools/lib/browser.ts';

interface Spec {
  file: string;
  input: { name: string; frames: number; height: number; width: number };
  outputs: { logits: string };
  classes: string[];
}

const spec = JSON.parse(readFileSync(new URL('../models/model.json', import.meta.url), 'utf8')) as Spec;
const shape = [1, 3, spec.input.frames, spec.input.height, spec.input.width];
const input = seededFloats(20261125, shape.reduce((product, size) => product * size, 1));

function softmax(logits: Float32Array): number[] {
  const max = Math.max(...logits);
  const exps = Array.from(logits, (value) => Math.exp(value - max));
  const sum = exps.reduce((total, value) => total + value, 0);
  return exps.map((value) => value / sum);
}

async function referenceProbabilities(): Promise<number[]> {
  const session = await ortNode.InferenceSession.create(new URL(`../models/${spec.file}`, import.meta.url).pathname);
  const results = await session.run({ [spec.input.name]: new ortNode.Tensor('float32', input, shape) });
  return softmax(results[spec.outputs.logits].data as Float32Array);
}

for (const provider of ['wasm', 'webgpu'] as const) {
  test(`?ep=${provider} matches onnxruntime-node within 1e-4`, async ({ baseURL }) => {
    // SwiftShader WebGPU is CPU-emulated: slow, but exact.
    test.setTimeout(240_000);
    const expected = await referenceProbabilities();
    // No camera: only the model is exercised.
    const app = await launchApp({ camera: null });
    try {
      await app.page.goto(`${baseURL}?test&ep=${provider}`);
      await app.page.waitForFunction(() => '__jtTest' in window);
      const result = await app.page.evaluate(
        (values) => (window as unknown as { __jtTest: { classifyTensor(input: number[]): Promise<{ probabilities: number[]; provider: string }> } }).__jtTest.classifyTensor(values),
        Array.from(input),
      );
      expect(result.provider).toBe(provider);
      expect(result.probabilities).toHaveLength(spec.classes.length);
      const largestDifference = Math.max(...result.probabilities.map((value, index) => Math.abs(value - expected[index])));
      expect(largestDifference).toBeLessThan(1e-4);
    } finally {
      await app.close();
    }
  });
}
