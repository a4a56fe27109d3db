// How long an e2e test waits for the app to read the camera. A test checks *what* is read, never
// how fast: a 2-core machine under load, or `npm run test:e2e:slow` (CPU throttled 3×), needs far
// longer than a quiet one. How soon the first right reading comes is a benchmark figure
// (`npm run bench`, "first right headline").
export const READ_TIMEOUT_MS = 60_000 * Math.max(1, Number(process.env.JT_CPU_THROTTLE ?? 1) || 1);

/** The HUD's engine once the model is ready; while loading it shows steps such as "Starting WASM…". */
export const ENGINE_READY = /^(WebGPU|WASM · \d+ threads?)$/;
