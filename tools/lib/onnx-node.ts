// The shipped model in onnxruntime-node, for tools and tests.
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { ModelSpec } from '../../src/core/model-spec.ts';
import { loadModelSpec, MODELS_DIR } from './model-files.ts';

export interface NodeModel {
  readonly spec: ModelSpec;
  run(input: Float32Array, batch?: number): Promise<{ logits: Float32Array; features: Float32Array }>;
}

export async function loadNodeModel(specPath = join(MODELS_DIR, 'model.json')): Promise<NodeModel> {
  const spec = loadModelSpec(specPath);
  const session = await ort.InferenceSession.create(join(specPath, '..', spec.file), { intraOpNumThreads: 2, executionProviders: ['cpu'] });
  const { frames, height, width } = spec.input;
  return {
    spec,
    async run(input, batch = 1) {
      const tensor = new ort.Tensor('float32', input, [batch, 3, frames, height, width]);
      const outputs = await session.run({ [spec.input.name]: tensor });
      return {
        logits: outputs[spec.outputs.logits].data as Float32Array,
        features: outputs[spec.outputs.features].data as Float32Array,
      };
    },
  };
}
