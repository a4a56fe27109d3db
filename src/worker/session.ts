// Loads the model contract and the ONNX graph, and picks the execution provider:
// WebGPU (proved by one warm-up run, since ORT only falls back when creation fails, not when a
// run fails) else WASM with as many threads as cross-origin isolation allows.
// The /webgpu build is the native WebGPU EP; the default build's JS backend computes grouped
// 3D convs wrongly (see ENVIRONMENT.md). Where WebGPU will not be tried, the plain /wasm build
// runs instead (see loadRuntime).
import type * as ort from 'onnxruntime-web/wasm';
import type { ModelSpec } from '../core/model-spec.ts';
import { referenceInput } from '../core/reference-input.ts';
import { oneAtATime } from '../core/one-at-a-time.ts';
import type { ExecutionProvider, InitOptions } from '../shared/inference-api.ts';
import type { RunLocator } from '../core/locator.ts';
import { createLocatorSession, type LocatorSession } from '../shared/locator-session.ts';
import { createDetectorSession, type DetectorSession } from '../shared/detector-session.ts';
import type { RunDetector } from '../core/ball-detector.ts';
import { createPoseSession, type PoseSession } from '../shared/pose-session.ts';
import type { RunPose } from '../core/pose-step.ts';
import { describeLoadFailure } from '../core/load-failure.ts';
import { downloadModelFile, loadModelSpec, ModelLoadError, openModelFile } from '../shared/model-files.ts';
import { markedStep } from '../shared/start-marks.ts';

export { ModelLoadError };

export interface ModelOutputs {
  readonly logits: Float32Array;
  readonly features: Float32Array;
}

export interface LoadedModel {
  readonly spec: ModelSpec;
  readonly provider: ExecutionProvider;
  readonly threads: number;
  readonly adapter: string | null;
  readonly fallbackReason: string | null;
  run(input: Float32Array): Promise<ModelOutputs>;
  /** The juggling locator, when the crop rule is 'located'. */
  readonly locate?: RunLocator;
  /** The per-frame ball detector, when model.json has one. */
  readonly detect?: RunDetector;
  /** The pose network on the detector's square, when model.json has one. */
  readonly pose?: RunPose;
  release(): Promise<void>;
}

// Only the few WebGPU members used here (the WebWorker lib has no WebGPU types).
interface GpuAdapterLike {
  readonly isFallbackAdapter?: boolean;
  readonly info?: { readonly vendor?: string; readonly architecture?: string; readonly description?: string; readonly isFallbackAdapter?: boolean };
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

function describeAdapter(adapter: GpuAdapterLike): string {
  const info = adapter.info ?? {};
  return [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown GPU';
}

/** Why WebGPU cannot be used here, or null with the adapter when it can. */
async function probeWebGpu(choice: 'webgpu' | 'auto'): Promise<{ adapter: string | null; reason: string | null }> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) return { adapter: null, reason: 'WebGPU is not available in this browser' };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return { adapter: null, reason: 'no WebGPU adapter' };
  const isSoftware = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
  // A software adapter (SwiftShader) is far slower than WASM; only use it when asked for.
  if (isSoftware && choice === 'auto') return { adapter: describeAdapter(adapter), reason: 'only a software WebGPU adapter' };
  return { adapter: describeAdapter(adapter), reason: null };
}

type Runner = (input: Float32Array) => Promise<ModelOutputs>;

/** onnxruntime-web, whichever build: the /wasm and /webgpu builds have the same API. */
export type Ort = typeof ort;

/**
 * The runtime for this start: the /webgpu build when WebGPU is to be tried (its wasm carries
 * both providers), else the plain /wasm build. The plain build's WebAssembly is 14 MB without
 * asyncify against 27 MB: V8 compiles it lazily as ORT first calls each function, and a cached
 * start's first session took about a third of the time with it (BENCHMARKS.md, "Cached start").
 * One build per worker: every session of a start shares it.
 */
async function loadRuntime(webgpu: boolean): Promise<Ort> {
  return webgpu ? import('onnxruntime-web/webgpu') : import('onnxruntime-web/wasm');
}

function wrapSession(runtime: Ort, session: ort.InferenceSession, spec: ModelSpec): Runner {
  const shape = [1, 3, spec.input.frames, spec.input.height, spec.input.width];
  const expected = shape.reduce((product, size) => product * size, 1);
  // The live feed and teaching share the session: their runs queue (see oneAtATime).
  return oneAtATime(async (input: Float32Array): Promise<ModelOutputs> => {
    if (input.length !== expected) throw new Error(`model input must have ${expected} values (${shape.join('×')}), got ${input.length}`);
    const feeds = { [spec.input.name]: new runtime.Tensor('float32', input, shape) };
    const results = await session.run(feeds);
    const logits = results[spec.outputs.logits];
    const features = results[spec.outputs.features];
    if (!logits || !features) throw new Error(`the model has no output named ${spec.outputs.logits} / ${spec.outputs.features}`);
    // No copy: with outputs on the CPU (the default location) ORT hands each run fresh arrays of its own,
    // copied out of the wasm heap, so nothing later run overwrites them.
    const output = { logits: asFloat32(logits.data), features: asFloat32(features.data) };
    if (output.logits.length !== spec.classes.length) {
      throw new Error(`the model gives ${output.logits.length} logits but model.json lists ${spec.classes.length} classes`);
    }
    return output;
  });
}

/** The output's own float32 array; another element type (a float16 graph) is converted. */
function asFloat32(data: ort.Tensor['data']): Float32Array {
  return data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>);
}

async function createOn(runtime: Ort, provider: ExecutionProvider, bytes: Uint8Array, spec: ModelSpec) {
  const session = await markedStep(`create classifier (${provider})`, () => runtime.InferenceSession.create(bytes, {
    executionProviders: [provider],
    graphOptimizationLevel: 'all',
    // Between windows (most of the time) ORT's pool threads would spin on every core, starving
    // the camera, the page and the service worker: let them sleep instead.
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  }));
  const run = wrapSession(runtime, session, spec);
  try {
    // The warm-up proves every node runs on this provider and checks the output contract.
    await markedStep(`warm-up classifier (${provider})`, () => run(new Float32Array(3 * spec.input.frames * spec.input.height * spec.input.width)));
  } catch (error) {
    await session.release().catch(() => undefined);
    throw error;
  }
  return { session, run };
}

/** A model file's URL and its download, started at once and awaited when its session is created. */
interface Download {
  readonly url: string;
  readonly bytes: Promise<Uint8Array>;
}

function startDownload(spec: ModelSpec, specUrl: string, file: string, what: string, step: string): Download {
  const url = new URL(file, new URL(specUrl, self.location.href)).href;
  const bytes = markedStep(step, () => downloadModelFile(url, what, spec.fileChecks?.[file]));
  // Awaited later (or never, when an earlier step fails): no unhandled rejection meanwhile.
  bytes.catch(() => undefined);
  return { url, bytes };
}

/**
 * One of the small graphs beside the classifier (the locator, the ball detector, the pose
 * network), on WASM, from its download; null when model.json has none (no download started).
 */
async function loadSmallGraph<Session>(download: Download | null, what: string, onProgress: (message: string) => void, create: (bytes: Uint8Array) => Promise<Session>): Promise<Session | null> {
  if (!download) return null;
  onProgress(`Loading the ${what}…`);
  const bytes = await download.bytes;
  return openModelFile(download.url, () => create(bytes), (error) => describeLoadFailure(what, error.message));
}

export async function loadModel(options: InitOptions, onProgress: (message: string) => void): Promise<LoadedModel> {
  onProgress('Loading the model description…');
  const spec = await markedStep('read model.json', () => loadModelSpec(options.modelSpecUrl));
  // The files at once: the small graphs' downloads overlap the runtime's compile and the
  // classifier's creation instead of following them (BENCHMARKS.md, "Cached start").
  onProgress('Downloading the model…');
  const classifierDownload = startDownload(spec, options.modelSpecUrl, spec.file, 'model', 'download classifier');
  const locator = spec.input.crop.kind === 'located' ? spec.input.crop.locator : undefined;
  const locatorDownload = locator ? startDownload(spec, options.modelSpecUrl, locator.file, 'juggling locator', 'download locator') : null;
  const detectorDownload = spec.ballDetector ? startDownload(spec, options.modelSpecUrl, spec.ballDetector.file, 'ball detector', 'download detector') : null;
  const poseDownload = spec.pose ? startDownload(spec, options.modelSpecUrl, spec.pose.file, 'pose network', 'download pose') : null;
  // WebGPU is probed before any runtime loads: its answer picks the build.
  const probe = options.provider === 'wasm' ? null : await probeWebGpu(options.provider);
  const runtime = await markedStep('load runtime', () => loadRuntime(probe !== null && probe.reason === null));
  const model = await loadClassifier(runtime, probe, spec, classifierDownload, options, onProgress);
  let locatorSession: LocatorSession | null = null;
  let detectorSession: DetectorSession | null = null;
  let poseSession: PoseSession | null = null;
  try {
    if (locator) locatorSession = await loadSmallGraph(locatorDownload, 'juggling locator', onProgress, (bytes) => createLocatorSession(runtime, bytes, locator));
    const detector = spec.ballDetector;
    if (detector) detectorSession = await loadSmallGraph(detectorDownload, 'ball detector', onProgress, (bytes) => createDetectorSession(runtime, bytes, detector));
    const pose = spec.pose;
    if (pose) poseSession = await loadSmallGraph(poseDownload, 'pose network', onProgress, (bytes) => createPoseSession(runtime, bytes, pose));
  } catch (error) {
    await Promise.all([model.release(), locatorSession?.release(), detectorSession?.release()].map((release) => release?.catch(() => undefined)));
    throw error;
  }
  const parts = [model, locatorSession, detectorSession, poseSession].filter((part) => part !== null);
  return {
    ...model,
    ...(locatorSession ? { locate: locatorSession.locate } : {}),
    ...(detectorSession ? { detect: detectorSession.detect } : {}),
    ...(poseSession ? { pose: poseSession.pose } : {}),
    release: async () => { await Promise.all(parts.map((part) => part.release())); },
  };
}

/** `probe`: WebGPU's probe (null: not tried, provider 'wasm'). */
async function loadClassifier(
  runtime: Ort,
  probe: Awaited<ReturnType<typeof probeWebGpu>> | null,
  spec: ModelSpec,
  download: Download,
  options: InitOptions,
  onProgress: (message: string) => void,
): Promise<LoadedModel> {
  const modelUrl = download.url;
  const bytes = await download.bytes;

  // Threads need SharedArrayBuffer (cross-origin isolation); ORT's own default is too low.
  const threads = self.crossOriginIsolated ? Math.max(1, Math.min(options.threads, navigator.hardwareConcurrency || 1)) : 1;
  runtime.env.wasm.numThreads = threads;
  runtime.env.logLevel = 'error';

  let fallbackReason: string | null = null;
  let adapter: string | null = null;
  let gpu: Awaited<ReturnType<typeof createOn>> | null = null;
  if (probe) {
    adapter = probe.adapter;
    fallbackReason = probe.reason;
    if (!probe.reason) {
      onProgress('Starting WebGPU…');
      try {
        gpu = await createOn(runtime, 'webgpu', bytes, spec);
      } catch (error) {
        fallbackReason = `WebGPU failed: ${(error as Error).message}`;
      }
    }
  }
  if (gpu && options.provider === 'webgpu') {
    const { session, run } = gpu;
    return { spec, provider: 'webgpu', threads, adapter, fallbackReason: null, run, release: () => session.release() };
  }
  onProgress('Starting WASM…');
  let cpu: Awaited<ReturnType<typeof createOn>>;
  try {
    cpu = await openModelFile(modelUrl, () => createOn(runtime, 'wasm', bytes, spec), (error) => describeLoadFailure('model', error.message));
  } catch (error) {
    await gpu?.session.release().catch(() => undefined);
    throw error;
  }
  if (gpu) {
    // 'auto' only keeps WebGPU when it agrees with WASM: some WebGPU kernels compute silently
    // wrong results on some shapes (see ENVIRONMENT.md), and a wrong coach is worse than a slow one.
    const difference = await largestDifference(gpu.run, cpu.run, spec).catch(() => Infinity);
    if (difference <= AGREEMENT_TOLERANCE) {
      await cpu.session.release().catch(() => undefined);
      const { session, run } = gpu;
      return { spec, provider: 'webgpu', threads, adapter, fallbackReason: null, run, release: () => session.release() };
    }
    await gpu.session.release().catch(() => undefined);
    fallbackReason = `WebGPU results differ from WASM (largest logit difference ${difference.toPrecision(2)})`;
  }
  const { session, run } = cpu;
  return { spec, provider: 'wasm', threads, adapter, fallbackReason, run, release: () => session.release() };
}

const AGREEMENT_TOLERANCE = 1e-3;

/** Largest logit difference between two runs of the model on the same deterministic input. */
async function largestDifference(first: Runner, second: Runner, spec: ModelSpec): Promise<number> {
  const input = referenceInput(3 * spec.input.frames * spec.input.height * spec.input.width);
  const [a, b] = [await first(input), await second(input)];
  let largest = 0;
  for (let index = 0; index < a.logits.length; index++) largest = Math.max(largest, Math.abs(a.logits[index] - b.logits[index]));
  return largest;
}
