// Runs an async function one call at a time, in call order. onnxruntime-web's `session.run`
// must not overlap with itself: it saves and restores the wasm stack around awaits, and the
// asyncify build cannot re-enter, so two runs in flight on one session (the live feed and
// teaching, for a moment after a worker restart) can corrupt each other or never settle.
export function oneAtATime<Args extends unknown[], Result>(call: (...args: Args) => Promise<Result>): (...args: Args) => Promise<Result> {
  let previous: Promise<unknown> = Promise.resolve();
  return (...args: Args): Promise<Result> => {
    const result = previous.then(() => call(...args));
    // The next call waits for this one whether it succeeds or fails.
    previous = result.catch(() => undefined);
    return result;
  };
}
