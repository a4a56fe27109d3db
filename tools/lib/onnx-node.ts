// The shipped model in onnxruntime-node, for tools and tests.
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { toLocatorAnswer, type RunLocator } from '../../src/core/locator.ts';
import type { LocatorSpec, ModelSpec } from '../../src/core/model-spec.ts';
import { loadModelSpec, MODELS_DIR } from './model-files.ts';

export interface NodeModel {
  readonly spec: ModelSpec;
  run(input: Float32Array, batch?: number): Promise<{ logits: Float32Array; features: Float32Array }>;
  /** The juggling locator, when the crop rule has one ('located'). */
  readonly locate?: RunLocator;
}

/** The locator network of a 'located' crop rule, from the file next to model.json. */
export async function loadNodeLocator(locator: LocatorSpec, specPath: string): Promise<RunLocator> {
  const session = await ort.InferenceSession.create(join(specPath, '..', locator.file), { intraOpNumThreads: 2, executionProviders: ['cpu'] });
  return async (input) => {
    const outputs = await session.run({ frames: new ort.Tensor('float32', input, [1, locator.frames * 3, locator.size, locator.size]) });
    return toLocatorAnswer(outputs.box?.data as Float32Array | undefined, outputs.present?.data as Float32Array | undefined);
  };
}

export async function loadNodeModel(specPath = join(MODELS_DIR, 'model.json')): Promise<NodeModel> {
  const spec = loadModelSpec(specPath);
  const session = await ort.InferenceSession.create(join(specPath, '..', spec.file), { intraOpNumThreads: 2, executionProviders: ['cpu'] });
  const { frames, height, width } = spec.input;
  const locate = spec.input.crop.locator ? await loadNodeLocator(spec.input.crop.locator, specPath) : undefined;
  return {
    spec,
    locate,
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
