// How many WASM threads the live app gives the model by default. Measured (BENCHMARKS.md, "Thread
// count"): on 2 cores a second model thread takes the core the camera, the page and the browser
// need — with one other core busy, 2 threads delivered 18.9 camera fps of 30 and 140 ms p95
// frame→overlay, 1 thread 28.9 fps and 115 ms, at the same predictions per second. So 1 thread on
// ≤ 2 cores; on more, half the cores (at most 4, ORT's own cap), leaving the rest to the camera and page.

export function defaultWasmThreads(hardwareConcurrency: number): number {
  const cores = Number.isFinite(hardwareConcurrency) && hardwareConcurrency >= 1 ? Math.floor(hardwareConcurrency) : 1;
  if (cores <= 2) return 1;
  return Math.min(4, Math.floor(cores / 2));
}
