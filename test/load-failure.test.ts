import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeLoadFailure, isRuntimeFileFailure, RUNTIME_FILE_MESSAGE } from '../src/core/load-failure.ts';

test("a blocked runtime file is told in the app's words; a broken model keeps its reason", () => {
  const blocked =
    "no available backend found. ERR: [wasm] RuntimeError: Aborted(NetworkError: Failed to execute 'send' on 'XMLHttpRequest': Failed to load 'http://localhost/assets/ort-wasm-simd-threaded.asyncify-D5.wasm'.)";
  assert.equal(isRuntimeFileFailure(blocked), true);
  assert.equal(describeLoadFailure('model', blocked), RUNTIME_FILE_MESSAGE);
  assert.equal(isRuntimeFileFailure("previous call to 'initWasm()' failed."), true);
  const corrupt = "Can't create a session. ERROR_CODE: 7, ERROR_MESSAGE: Failed to load model because protobuf parsing failed.";
  assert.equal(isRuntimeFileFailure(corrupt), false);
  assert.equal(describeLoadFailure('juggling locator', corrupt), `The juggling locator could not be loaded: ${corrupt}`);
});
