// Telling a runtime failure (ONNX Runtime's own WebAssembly file could not be fetched or started:
// offline, blocked by a firewall or an extension, a broken cache) from a model failure, so the
// person reads what happened in the app's words instead of the runtime's.

const RUNTIME_FILE_FAILURE = /no available backend|initWasm|prepare wasm|\.wasm\b|WebAssembly\.(instantiate|compile)|dynamically imported module/i;

export function isRuntimeFileFailure(message: string): boolean {
  return RUNTIME_FILE_FAILURE.test(message);
}

export const RUNTIME_FILE_MESSAGE =
  "The recogniser's runtime file could not be downloaded: the connection dropped, or something (a firewall, a browser extension) blocked it. Check the connection, then press Retry.";

/** What to tell the person when `what` (the model, the juggling locator…) failed to open. */
export function describeLoadFailure(what: string, message: string): string {
  return isRuntimeFileFailure(message) ? RUNTIME_FILE_MESSAGE : `The ${what} could not be loaded: ${message}`;
}
