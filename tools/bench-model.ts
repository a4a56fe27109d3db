// Benchmark (not a test): the shipped model in onnxruntime-node, ms per window, 1 vs 2 threads.
//   npm run bench:model
// Prints a table and writes bench-results/model.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, platform, release } from 'node:os';
import * as ort from 'onnxruntime-node';
import { referenceInput } from '../src/core/reference-input.ts';
import { loadModelSpec, MODELS_DIR } from './lib/model-files.ts';

const spec = loadModelSpec();
const shape = [1, 3, spec.input.frames, spec.input.height, spec.input.width];
const input = new ort.Tensor('float32', referenceInput(shape.reduce((a, b) => a * b, 1)), shape);
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${platform()} ${release()}, Node ${process.version}`;
const rows: { threads: number; p50Ms: number; p95Ms: number; windowsPerSecond: number }[] = [];
for (const threads of [1, 2]) {
  const session = await ort.InferenceSession.create(join(MODELS_DIR, spec.file), { intraOpNumThreads: threads, executionProviders: ['cpu'] });
  for (let warm = 0; warm < 5; warm++) await session.run({ [spec.input.name]: input });
  const times: number[] = [];
  for (let run = 0; run < 60; run++) {
    const started = performance.now();
    await session.run({ [spec.input.name]: input });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const p50Ms = times[Math.floor(times.length * 0.5)];
  rows.push({ threads, p50Ms, p95Ms: times[Math.floor(times.length * 0.95)], windowsPerSecond: 1000 / p50Ms });
}
console.log(`model ${spec.file} ${spec.version}, input ${shape.join('×')}; machine: ${machine}; ${new Date().toISOString().slice(0, 10)}`);
console.log('| threads | p50 ms/window | p95 ms/window | windows/s |\n|---:|---:|---:|---:|');
for (const row of rows) console.log(`| ${row.threads} | ${row.p50Ms.toFixed(2)} | ${row.p95Ms.toFixed(2)} | ${row.windowsPerSecond.toFixed(0)} |`);
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/model.json', JSON.stringify({ machine, date: new Date().toISOString(), model: spec.version, rows }, null, 2));
