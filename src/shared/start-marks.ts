// The start-up, marked: User Timing marks named "jt:<step>" (a step's start and end as
// "jt:<step> start" / "jt:<step> end", a moment alone as "jt:<step>"), on the page and in the
// inference worker. They cost nothing to speak of, show in DevTools' Performance panel, and
// tools/bench-app.ts reads them to say where a cached start spends its time (BENCHMARKS.md).
// Each name is marked once per page or worker: a restarted feed adds nothing.

export const START_MARK_PREFIX = 'jt:';

const marked = new Set<string>();

/** Marks a moment of the start-up, the first time only. */
export function markStart(name: string): void {
  if (marked.has(name)) return;
  marked.add(name);
  performance.mark(`${START_MARK_PREFIX}${name}`);
}

/** Marks the start and the end of a step (the first time it runs). */
export async function markedStep<T>(name: string, step: () => Promise<T>): Promise<T> {
  markStart(`${name} start`);
  try {
    return await step();
  } finally {
    markStart(`${name} end`);
  }
}

/**
 * Marks onnxruntime-web's WebAssembly compile (it happens inside the first session's creation,
 * where nothing else can see it): WebAssembly.instantiateStreaming and instantiate, wrapped to
 * mark and then do exactly what they did.
 */
export function markWasmCompile(): void {
  const wasm = globalThis.WebAssembly as typeof WebAssembly | undefined;
  if (!wasm || marked.has('wasm wrapped')) return;
  marked.add('wasm wrapped');
  const streaming = wasm.instantiateStreaming?.bind(wasm);
  if (streaming) {
    wasm.instantiateStreaming = (source, imports) => markedStep('wasm compile (streaming)', () => streaming(source, imports));
  }
  const instantiate = wasm.instantiate.bind(wasm) as (source: BufferSource | WebAssembly.Module, imports?: WebAssembly.Imports) => Promise<unknown>;
  // A Module (already compiled) instantiates without a compile: only bytes are marked.
  wasm.instantiate = ((source: BufferSource | WebAssembly.Module, imports?: WebAssembly.Imports) =>
    source instanceof wasm.Module ? instantiate(source, imports) : markedStep('wasm compile (bytes)', () => instantiate(source, imports))) as typeof wasm.instantiate;
}
