// The juggling locator with its run timed: its network runs while a window's crop is placed, so
// it sits inside "preprocess"; the worker and the naive page report it apart (Prediction.locatorMs).
import type { RunLocator } from '../core/locator.ts';

export interface TimedLocator {
  readonly locate: RunLocator;
  /** How long the last run took (ms); 0 before any. */
  readonly lastMs: number;
}

export function timedLocator(run: RunLocator): TimedLocator {
  let lastMs = 0;
  return {
    locate: async (input) => {
      const started = performance.now();
      try {
        return await run(input);
      } finally {
        lastMs = performance.now() - started;
      }
    },
    get lastMs() {
      return lastMs;
    },
  };
}
