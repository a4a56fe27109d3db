// Benchmark (not a test): the app's preprocessing alone, in Node, on the bench clip (the same
// 3-ball cascade the e2e tests and `npm run bench` play), through the core WindowAssembler exactly
// as the worker drives it: every sampled frame shrunk to the working size, every due window
// placed by the juggling locator (onnxruntime-node, 1 thread; its run is timed apart) and cut.
//   npm run bench:preprocess                   # 3 passes over the 4-s clip
//   npm run bench:preprocess -- --passes 10
// Prints wall ms and CPU ms (this process's user + system time, which a busy machine inflates
// less) per sampled frame and per window, p50 / p95, and a SHA-256 of every window's model input:
// a change that keeps the numbers keeps the digest.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { renderClip } from './lib/webcam-clips.ts';
import { summarize } from '../src/core/bench-stats.ts';
import { toLocatorAnswer, type RunLocator } from '../src/core/locator.ts';
import { WindowAssembler } from '../src/core/window-assembler.ts';
import { loadModelSpec, MODELS_DIR } from './lib/model-files.ts';
import { i420ToRgba, readY4m } from './lib/y4m.ts';

const CLIP_CLASS = '3b_cascade';
const CLIP_SEED = 900013;

const { values } = parseArgs({ options: { passes: { type: 'string', default: '3' } } });
const passes = Number(values.passes);
const spec = loadModelSpec(join(MODELS_DIR, 'model.json'));
const locatorSpec = spec.input.crop.locator;
let locate: RunLocator | undefined;
let locatorMs = 0;
let locatorCpuMs = 0;
if (locatorSpec) {
  const session = await ort.InferenceSession.create(join(MODELS_DIR, locatorSpec.file), { intraOpNumThreads: 1, executionProviders: ['cpu'] });
  locate = async (input) => {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    const outputs = await session.run({ frames: new ort.Tensor('float32', input, [1, locatorSpec.frames * 3, locatorSpec.size, locatorSpec.size]) });
    locatorMs += performance.now() - started;
    const used = process.cpuUsage(cpuStarted);
    locatorCpuMs += (used.user + used.system) / 1000;
    return toLocatorAnswer(outputs.box?.data as Float32Array | undefined, outputs.present?.data as Float32Array | undefined);
  };
}

const directory = mkdtempSync(join(tmpdir(), 'jt-bench-preprocess-'));
const video = readY4m(renderClip(directory, CLIP_CLASS, CLIP_SEED));
rmSync(directory, { recursive: true, force: true });
const { width, height, fps } = video.header;
// Decoded once up front: the camera hands the app RGBA, so decoding is not the app's preprocessing.
const rgbaFrames = video.frames.map((frame) => i420ToRgba(frame, width, height));

const frameMs: number[] = [];
const windowMs: number[] = [];
const frameCpuMs: number[] = [];
const windowCpuMs: number[] = [];
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const digest = createHash('sha256');
let windows = 0;
const assembler = new WindowAssembler(spec);
for (let pass = 0; pass < passes; pass++) {
  for (let index = 0; index < rgbaFrames.length; index++) {
    // The clip loops, as the fake webcam plays it: time runs on.
    const timestampMs = ((pass * rgbaFrames.length + index) * 1000) / fps;
    if (!assembler.wants(timestampMs)) continue;
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    const due = assembler.add(rgbaFrames[index], width, height, 4, timestampMs);
    frameMs.push(performance.now() - started);
    frameCpuMs.push(cpuMs(cpuStarted));
    if (!due) continue;
    const window = assembler.window;
    if (!window.readable) continue;
    const locatorBefore = locatorMs;
    const locatorCpuBefore = locatorCpuMs;
    const windowCpuStarted = process.cpuUsage();
    const built = performance.now();
    await assembler.buildPlaced(locate, window.items);
    windowMs.push(performance.now() - built - (locatorMs - locatorBefore));
    windowCpuMs.push(cpuMs(windowCpuStarted) - (locatorCpuMs - locatorCpuBefore));
    digest.update(assembler.windowBytes);
    windows += 1;
  }
}
const fixed = (value: number) => value.toFixed(2);
const frames = summarize(frameMs);
const perWindow = summarize(windowMs);
const framesCpu = summarize(frameCpuMs);
const perWindowCpu = summarize(windowCpuMs);
console.log(`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; clip ${CLIP_CLASS} seed ${CLIP_SEED} ${width}×${height} @ ${fps} fps, ${passes} passes; load average ${(await import('node:os')).loadavg().map((load) => load.toFixed(2)).join(' ')}`);
console.log(`| step | count | wall ms p50 / p95 | CPU ms p50 / p95 |\n|---|---:|---:|---:|`);
console.log(`| sampled frame → working frame | ${frames.count} | ${fixed(frames.p50)} / ${fixed(frames.p95)} | ${fixed(framesCpu.p50)} / ${fixed(framesCpu.p95)} |`);
console.log(`| window: locator input + crop + tensor (locator run excluded) | ${perWindow.count} | ${fixed(perWindow.p50)} / ${fixed(perWindow.p95)} | ${fixed(perWindowCpu.p50)} / ${fixed(perWindowCpu.p95)} |`);
console.log(`| locator run (onnxruntime-node, 1 thread), mean | ${windows} | ${fixed(locatorMs / Math.max(1, windows))} | ${fixed(locatorCpuMs / Math.max(1, windows))} |`);
console.log(`windows ${windows}, SHA-256 of every window's bytes: ${digest.digest('hex')}`);
