// The networks' pass over a clip, the costly and deterministic part of reading it: sampling and
// preprocessing as the app does (src/core/recognition-loop.ts), the locator, the ball detector (and
// a pose network's hands and head) on every sampled frame and the window classifier when a window is due. Its output is what
// tools/lib/inference-cache.ts keeps; tools/classify.ts reads it (tracks, postprocessing).
import { join } from 'node:path';
import type { FrameBalls } from '../../src/core/ball-detector.ts';
import { RecognitionLoop } from '../../src/core/recognition-loop.ts';
import { MODELS_DIR } from './model-files.ts';
import { loadNodeDetector } from './onnx-detector.ts';
import { loadNodeModel } from './onnx-node.ts';
import { loadNodePose } from './onnx-pose.ts';
import { i420ToRgba, readY4m, type Y4mHeader } from './y4m.ts';

/** One sampled frame as the networks saw it: the costly, deterministic part of reading a clip. */
export interface InferredFrame {
  readonly timestampMs: number;
  /** The ball detector's finding (absent: the model has no ball detector, or nobody was located yet). */
  readonly balls?: FrameBalls;
  /** A window ended at this frame: the classifier's logits, or null when the window was unreadable. */
  readonly logits?: number[] | null;
}

export interface ClipInference {
  readonly video: Y4mHeader;
  readonly frames: readonly InferredFrame[];
}

/** Runs the model's networks over a Y4M as the app samples it (locator, ball detector, window classifier). */
export async function inferY4m(path: string, specPath = join(MODELS_DIR, 'model.json')): Promise<ClipInference> {
  const video = readY4m(path);
  const model = await loadNodeModel(specPath);
  const detector = model.spec.ballDetector ? await loadNodeDetector(join(specPath, '..', model.spec.ballDetector.file), model.spec) : null;
  // The app's own loop (src/core/recognition-loop.ts), every step awaited in turn.
  const pose = model.spec.pose ? await loadNodePose(join(specPath, '..', model.spec.pose.file)) : null;
  const loop = new RecognitionLoop(model.spec, { classify: (input) => model.run(input), locate: model.locate, detect: detector?.run, pose: pose?.run });
  const frames: InferredFrame[] = [];
  const { width, height, fps } = video.header;
  for (let index = 0; index < video.frames.length; index++) {
    const timestampMs = (index * 1000) / fps;
    if (!loop.wants(timestampMs)) continue;
    const due = loop.add(i420ToRgba(video.frames[index], width, height), width, height, 4, timestampMs);
    const counted = await loop.countNewest(timestampMs);
    // Nobody located yet: no square, nothing found (a replay gives the tracker an empty frame).
    const balls = counted && counted.balls.square.width > 0 ? { balls: counted.balls } : {};
    if (!due) {
      frames.push({ timestampMs, ...balls });
      continue;
    }
    if (!loop.windowReadable) {
      frames.push({ timestampMs, ...balls, logits: null });
      continue;
    }
    const { logits } = await loop.classifyWindow();
    frames.push({ timestampMs, ...balls, logits: [...logits] });
  }
  return { video: video.header, frames };
}
