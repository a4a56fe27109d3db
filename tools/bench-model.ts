// Benchmark (not a test): the shipped model (and its juggling locator, ball detector and pose network, if any) in onnxruntime-node at 1 and 2 threads — ms per
// window, FLOPs per window, achieved GFLOP/s — beside this machine's own measured peak: a
// MatMul-only ONNX graph (SGEMM, the best case for the CPU) run the same way.
//   npm run bench:model [-- --model candidate/model.json --model other/model.json]
// FLOPs come from tools/onnx-graph.py (Debian python3-onnx), convention 1 MAC = 2 FLOPs.
// Prints a table and writes bench-results/model.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { summarize } from '../src/core/bench-stats.ts';
import { referenceInput } from '../src/core/reference-input.ts';
import { loadModelSpec, MODELS_DIR, REPO_ROOT } from './lib/model-files.ts';

const PYTHON = '/usr/bin/python3';
const GRAPH_TOOL = join(REPO_ROOT, 'tools', 'onnx-graph.py');
const RESULTS = join(REPO_ROOT, 'bench-results');
const MATMUL_SIZE = 1024;
const THREADS = [1, 2];
const WARM_RUNS = 5;
const TIMED_RUNS = 60;
const MATMUL_RUNS = 20;

interface FlopCount {
  readonly macFlops: number;
  readonly otherFlops: number;
  readonly parameters: number;
  readonly convention: string;
}

function python(args: string[]): void {
  const result = spawnSync(PYTHON, [GRAPH_TOOL, ...args], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(`${PYTHON} ${GRAPH_TOOL} ${args.join(' ')} failed (needs Debian python3-onnx: apt-get install -y python3-onnx python3-numpy): ${result.error?.message ?? result.stderr}`);
  }
}

/** Milliseconds per run, after warm-up runs. */
async function time(session: ort.InferenceSession, feeds: Record<string, ort.Tensor>, runs: number): Promise<number[]> {
  for (let warm = 0; warm < WARM_RUNS; warm++) await session.run(feeds);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await session.run(feeds);
    times.push(performance.now() - started);
  }
  return times;
}

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const cpuModel = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? 'unknown CPU';
  const cores = cpuinfo.split('\n').filter((line) => line.startsWith('processor')).length;
  const ortVersion = (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'onnxruntime-node', 'package.json'), 'utf8')) as { version: string }).version;
  const loadAverage = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return { cpuModel, cores, node: process.version, onnxruntimeNode: ortVersion, loadAverage, date: new Date().toISOString() };
}

const { values: cliOptions } = parseArgs({ options: { model: { type: 'string', multiple: true } } });
// Candidates side by side in the same run: `--model a/model.json --model b/model.json`; default: the shipped model.
const specPaths = cliOptions.model?.length ? cliOptions.model : [join(MODELS_DIR, 'model.json')];
mkdirSync(RESULTS, { recursive: true });
const matmulPath = join(RESULTS, `matmul-${MATMUL_SIZE}.onnx`);
python(['matmul', String(MATMUL_SIZE), matmulPath]);
const matmulFlops = 2 * MATMUL_SIZE ** 3;
const matmulFeeds = { a: new ort.Tensor('float32', referenceInput(MATMUL_SIZE * MATMUL_SIZE), [MATMUL_SIZE, MATMUL_SIZE]) };

// Every graph a model ships: the classifier, and the juggling locator of a 'located' crop rule
// (it runs only on windows whose motion square spans the frame, so it is timed on its own).
const models = specPaths.flatMap((specPath) => {
  const spec = loadModelSpec(specPath);
  const locator = spec.input.crop.locator;
  const graphs = [{ specPath, spec, file: spec.file, inputName: spec.input.name, shape: [1, 3, spec.input.frames, spec.input.height, spec.input.width] }];
  if (locator) graphs.push({ specPath: `${specPath} locator`, spec, file: locator.file, inputName: 'frames', shape: [1, 3 * locator.frames, locator.size, locator.size] });
  // The ball detector runs once per sampled frame: its "window" is one frame.
  const detector = spec.ballDetector;
  if (detector) graphs.push({ specPath: `${specPath} ball detector`, spec, file: detector.file, inputName: 'frames', shape: [1, 3 * detector.frames, detector.size, detector.size] });
  // The pose network runs on one sampled frame in pose.everyFrames: its "window" is one frame too.
  const pose = spec.pose;
  if (pose) graphs.push({ specPath: `${specPath} pose`, spec, file: pose.file, inputName: 'frames', shape: [1, 3, pose.size, pose.size] });
  return graphs;
}).map(({ specPath, spec, file, inputName, shape }, index) => {
  const modelPath = join(dirname(specPath.replace(/ (locator|ball detector|pose)$/, '')), file);
  const flopsPath = join(RESULTS, `model-flops-${index}.json`);
  python(['flops', modelPath, flopsPath]);
  const flops = JSON.parse(readFileSync(flopsPath, 'utf8')) as FlopCount;
  const feeds = { [inputName]: new ort.Tensor('float32', referenceInput(shape.reduce((a, b) => a * b, 1)), shape) };
  return { specPath, spec, modelPath, flops, shape, feeds };
});

const rows = [];
for (const threads of THREADS) {
  const options = { intraOpNumThreads: threads, executionProviders: ['cpu'] };
  const matmulTimes = await time(await ort.InferenceSession.create(matmulPath, options), matmulFeeds, MATMUL_RUNS);
  const matmul = summarize(matmulTimes);
  const peakGflops = matmulFlops / matmul.p50 / 1e6;
  for (const candidate of models) {
    const model = summarize(await time(await ort.InferenceSession.create(candidate.modelPath, options), candidate.feeds, TIMED_RUNS));
    const achievedGflops = candidate.flops.macFlops / model.p50 / 1e6;
    rows.push({
      model: candidate.specPath,
      version: candidate.spec.version,
      threads,
      p50Ms: model.p50,
      p95Ms: model.p95,
      windowsPerSecond: 1000 / model.p50,
      achievedGflops,
      matmulP50Ms: matmul.p50,
      peakGflops,
      bestPeakGflops: matmulFlops / Math.min(...matmulTimes) / 1e6,
      fractionOfPeak: achievedGflops / peakGflops,
    });
  }
}

const about = machine();
for (const candidate of models) {
  console.log(`model ${candidate.specPath} (${candidate.spec.version}), input ${candidate.shape.join('×')}, ${candidate.flops.parameters} parameters; ${(candidate.flops.macFlops / 1e6).toFixed(1)} MFLOP per window in Conv/Gemm (1 MAC = 2 FLOPs) + ${(candidate.flops.otherFlops / 1e6).toFixed(1)} MFLOP elementwise`);
}
console.log(`machine: ${about.cpuModel} × ${about.cores} cores, Node ${about.node}, onnxruntime-node ${about.onnxruntimeNode}, ${about.date.slice(0, 16).replace('T', ' ')} UTC, load average ${about.loadAverage}`);
console.log(`peak: ${MATMUL_SIZE}×${MATMUL_SIZE} MatMul (${(matmulFlops / 1e9).toFixed(2)} GFLOP per run), same runtime and threads; all figures p50\n`);
console.log('| model | threads | ms/window p50 | p95 | windows/s | achieved GFLOP/s | MatMul peak GFLOP/s | fraction of peak |\n|---|---:|---:|---:|---:|---:|---:|---:|');
for (const row of rows) {
  console.log(`| ${row.model} (${row.version}) | ${row.threads} | ${row.p50Ms.toFixed(2)} | ${row.p95Ms.toFixed(2)} | ${row.windowsPerSecond.toFixed(0)} | ${row.achievedGflops.toFixed(1)} | ${row.peakGflops.toFixed(1)} | ${(row.fractionOfPeak * 100).toFixed(1)} % |`);
}
writeFileSync(join(RESULTS, 'model.json'), JSON.stringify({ machine: about, models: models.map(({ specPath, spec, flops, shape }) => ({ specPath, version: spec.version, input: shape, flops })), matmulSize: MATMUL_SIZE, rows }, null, 2));
console.log(`\nwrote ${join(RESULTS, 'model.json')}`);
