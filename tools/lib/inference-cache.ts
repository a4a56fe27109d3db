// What the networks saw on a clip, kept on disk so that reading it again (another tracker or
// postprocessing setting, the same model) runs no network. Keyed by the clip's bytes, every
// file of the model (model.json and the ONNX files it names) and the source of the networks'
// pass, so a changed model, clip or preprocessing misses.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './model-files.ts';
import type { ClipInference } from './clip-inference.ts';
import { DEFAULT_TRACKER_OPTIONS, type TrackerOptions } from '../../src/core/ball-track-types.ts';

/** The files a model.json names (classifier, locator, ball detector, pose network), beside it. */
function modelFiles(specPath: string): string[] {
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as { file: string; input?: { crop?: { locator?: { file: string } } }; ballDetector?: { file: string }; pose?: { file: string } };
  return [spec.file, spec.input?.crop?.locator?.file, spec.ballDetector?.file, spec.pose?.file].filter((file): file is string => !!file).map((file) => join(dirname(specPath), file));
}

/**
 * The source of the networks' pass (sampling, preprocessing, crop placement, the detector's
 * input and decoding, the ONNX runners): these files and what they import, so a change there
 * misses the cache; the tracker and postprocessing (read afresh every time) are not among them.
 */
const INFERENCE_ENTRIES = ['tools/lib/clip-inference.ts', 'src/core/window-assembler.ts', 'src/core/ball-detector.ts', 'src/core/pose-step.ts', 'tools/lib/onnx-node.ts', 'tools/lib/onnx-pose.ts', 'tools/lib/y4m.ts'];
/** Read, without following their imports (they reach the tracker): the detector's runner, and the recognition loop (its networks' steps). */
const INFERENCE_LEAVES = ['tools/lib/onnx-detector.ts', 'src/core/recognition-loop.ts'];

export function inferenceSources(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (INFERENCE_LEAVES.some((leaf) => file === join(REPO_ROOT, leaf))) return;
    for (const [, target] of readFileSync(file, 'utf8').matchAll(/^import [^;]*? from '(\.{1,2}\/[^']+)';/gms)) visit(join(dirname(file), target));
  };
  for (const entry of INFERENCE_ENTRIES) visit(join(REPO_ROOT, entry));
  return [...seen].sort();
}

export function inferenceKey(clipPath: string, specPath: string): string {
  const hash = createHash('sha256');
  for (const file of [clipPath, specPath, ...modelFiles(specPath), ...inferenceSources()]) hash.update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 32);
}

export async function cachedInference(clipPath: string, specPath: string, cacheDir: string, infer: (clip: string, spec: string) => Promise<ClipInference>): Promise<ClipInference> {
  const file = join(cacheDir, `${inferenceKey(clipPath, specPath)}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ClipInference;
  const inference = await infer(clipPath, specPath);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(`${file}.part`, JSON.stringify(inference));
  renameSync(`${file}.part`, file);
  return inference;
}

/** `--tracker '{"maxFitErrorRadii": 0.8}'`: tracker settings to compare against the defaults (an unknown name is an error). */
export function parseTrackerOverride(json: string | undefined): Partial<TrackerOptions> | undefined {
  if (!json) return undefined;
  const override = JSON.parse(json) as Record<string, unknown>;
  for (const name of Object.keys(override)) if (!(name in DEFAULT_TRACKER_OPTIONS)) throw new Error(`--tracker: no tracker setting "${name}" (see src/core/ball-track-types.ts)`);
  return override as Partial<TrackerOptions>;
}
