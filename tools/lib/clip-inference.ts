// The networks' pass over a clip, the costly and deterministic part of reading it: sampling and
// preprocessing as the app does (src/core/window-assembler.ts), the locator, the ball detector on
// every sampled frame and the window classifier when a window is due. Its output is what
// tools/lib/inference-cache.ts keeps; tools/classify.ts reads it (tracks, postprocessing).
import { join } from 'node:path';
import { detectBalls, detectorScratch, type FrameBalls } from '../../src/core/ball-detector.ts';
import { WindowAssembler } from '../../src/core/window-assembler.ts';
import { MODELS_DIR } from './model-files.ts';
import { loadNodeDetector } from './onnx-detector.ts';
import { loadNodeModel } from './onnx-node.ts';
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
  const scratch = detector ? detectorScratch(detector.spec) : null;
  const assembler = new WindowAssembler(model.spec);
  const frames: InferredFrame[] = [];
  const { width, height, fps } = video.header;
  for (let index = 0; index < video.frames.length; index++) {
    const timestampMs = (index * 1000) / fps;
    if (!assembler.wants(timestampMs)) continue;
    const due = assembler.add(i420ToRgba(video.frames[index], width, height), width, height, 4, timestampMs);
    let balls = {};
    if (detector && scratch) {
      await assembler.placeEarly(model.locate);
      const box = assembler.lastPlaced?.box;
      if (box) balls = { balls: await detectBalls(assembler.recentFrames(detector.spec.frames), box, detector.spec, detector.run, scratch) };
    }
    if (!due) {
      frames.push({ timestampMs, ...balls });
      continue;
    }
    const window = assembler.window;
    if (!window.readable) {
      frames.push({ timestampMs, ...balls, logits: null });
      continue;
    }
    await assembler.buildPlaced(model.locate, window.items);
    const { logits } = await model.run(assembler.windowFloats);
    frames.push({ timestampMs, ...balls, logits: Array.from(logits) });
  }
  return { video: video.header, frames };
}

