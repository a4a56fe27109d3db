// The ?bench probe: records, page side, each prediction the moment the overlay shows it, and
// exposes the pipeline counters, for tools/bench-app.ts to read through the DevTools protocol.
// It listens to jt-overlay's 'prediction-shown' event, so nothing in the worker changes.
import type { BenchCounters, BenchProbe, ShownPrediction } from '../core/bench-stats.ts';
import type { Prediction } from '../shared/inference-api.ts';

export interface BenchProbeOptions {
  /** Which clock Prediction.frameTimestampMs is on (see ShownPrediction). */
  readonly frameClock: ShownPrediction['frameClock'];
  readonly counters: () => BenchCounters | null;
}

declare global {
  interface Window {
    __jtBench?: BenchProbe;
  }
}

export function installBenchProbe(options: BenchProbeOptions): BenchProbe {
  const shown: ShownPrediction[] = [];
  window.addEventListener('prediction-shown', (event) => {
    const shownAtMs = performance.now();
    const prediction = (event as CustomEvent<Prediction>).detail;
    shown.push({
      frameTimestampMs: prediction.frameTimestampMs,
      frameClock: options.frameClock,
      shownAtMs,
      inferenceMs: prediction.inferenceMs,
      preprocessMs: prediction.preprocessMs,
      ...(prediction.locatorMs === undefined ? {} : { locatorMs: prediction.locatorMs }),
      label: prediction.uncertain ? null : prediction.label,
      inferred: !prediction.unreadable,
    });
  });
  const probe: BenchProbe = {
    shown,
    counters: options.counters,
    clear: () => void shown.splice(0, shown.length),
  };
  window.__jtBench = probe;
  return probe;
}
