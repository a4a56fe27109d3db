// Teaching's expensive step: the shipped model on every window of every clip. Results are kept
// per clip id and model version, so teaching again after recording a few more clips only runs
// the new ones (a clip's frames never change; relabelling changes only its metadata).
import { clipFramesProblem, clipWindowInputs, TEACH_WINDOW_STEP, windowStarts } from '../core/clip-windows.ts';
import { softmax } from '../core/postprocess.ts';
import type { ClipFeatures } from '../core/teach-dataset.ts';
import type { ClipFeatureResult, ClipTensorInput, FeatureProgress } from '../shared/inference-api.ts';
import type { LoadedModel } from './session.ts';

export class ClipFeatureCache {
  private readonly cache = new Map<string, ClipFeatures>();

  /** `check` runs before each window and throws to stop (a cancelled teaching job). */
  async featuresForClips(
    model: LoadedModel,
    clips: readonly ClipTensorInput[],
    onProgress: (progress: FeatureProgress) => void,
    check: () => void = () => undefined,
  ): Promise<ClipFeatureResult> {
    const { spec } = model;
    const key = (clip: ClipTensorInput) => `${spec.version}|${clip.id}`;
    const pending = clips.filter((clip) => !this.cache.has(key(clip)));
    // Check every pending clip first, so a bad one fails before minutes of work and the
    // progress bar knows the total. Windows are built one clip at a time (a window is 0.8 MB).
    for (const clip of pending) {
      const problem = clipFramesProblem(clip, spec.input);
      if (problem) throw new Error(`A stored clip (${clip.id}) cannot be used: ${problem}.`);
    }
    const windowsTotal = pending.reduce((total, clip) => total + windowStarts(clip.frames, spec.input.frames, TEACH_WINDOW_STEP).length, 0);
    let windowsDone = 0;
    onProgress({ windowsDone, windowsTotal });
    for (const clip of pending) {
      // A model run does not yield to the event loop: give other messages (and timers) a turn per clip.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const windows = clipWindowInputs(clip, spec.input, TEACH_WINDOW_STEP);
      const features = new Float32Array(windows.length * spec.featureSize);
      const shippedProbabilities = new Float32Array(windows.length * spec.classes.length);
      for (const [window, input] of windows.entries()) {
        check();
        const output = await model.run(input);
        if (output.features.length !== spec.featureSize) {
          throw new Error(`the model gives ${output.features.length} features but model.json says ${spec.featureSize}`);
        }
        features.set(output.features, window * spec.featureSize);
        shippedProbabilities.set(softmax(output.logits), window * spec.classes.length);
        windowsDone += 1;
        // A handful of updates per clip is plenty for a progress bar.
        if (windowsDone % 4 === 0 || windowsDone === windowsTotal) onProgress({ windowsDone, windowsTotal });
      }
      this.cache.set(key(clip), { clipId: clip.id, windowCount: windows.length, features, shippedProbabilities });
    }
    return {
      modelVersion: spec.version,
      featureSize: spec.featureSize,
      shippedClasses: spec.classes,
      clips: clips.map((clip) => this.cache.get(key(clip))!),
    };
  }
}
