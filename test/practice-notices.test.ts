import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NO_NOTICES, onCameraFailed, onCameraStopped, onSourceStarted, onStatus, retryAction, withBanner, type Notices } from '../src/core/practice-notices.ts';

const modelError: Notices = { screen: { kind: 'model', message: 'model.onnx is damaged' }, banner: null };

test('worker status: a model error takes the screen until the model is ready; a runtime error is a banner', () => {
  const failed = onStatus(NO_NOTICES, { kind: 'model-error', message: 'model.onnx is damaged' });
  assert.deepEqual(failed, modelError);
  assert.equal(onStatus(failed, { kind: 'loading' }), failed);
  assert.deepEqual(onStatus(failed, { kind: 'ready' }), NO_NOTICES);
  assert.deepEqual(onStatus(NO_NOTICES, { kind: 'error', message: 'out of memory' }), { screen: null, banner: { kind: 'runtime', message: 'out of memory' } });
  // Ready does not clear a camera screen.
  const camera: Notices = { screen: { kind: 'camera', message: 'denied' }, banner: null };
  assert.equal(onStatus(camera, { kind: 'ready' }), camera);
});

test('the camera: a failure or a stop takes the screen unless the model error holds it; a source clears it', () => {
  const denied = onCameraFailed(NO_NOTICES, 'Permission denied');
  assert.deepEqual(denied.screen, { kind: 'camera', message: 'Permission denied' });
  assert.equal(onCameraFailed(modelError, 'Permission denied'), modelError);
  assert.deepEqual(onSourceStarted(denied), NO_NOTICES);
  assert.equal(onSourceStarted(modelError), modelError);

  const stopped = onCameraStopped(NO_NOTICES, false);
  assert.equal(stopped.screen?.kind, 'camera-stopped');
  assert.equal(stopped.banner, null);
  assert.match(stopped.screen!.message, /press Reconnect/);
  assert.deepEqual(onSourceStarted(stopped), NO_NOTICES);
  const duringTake = onCameraStopped(modelError, true);
  assert.equal(duringTake.screen, modelError.screen);
  assert.equal(duringTake.banner?.kind, 'take-lost');
  assert.match(duringTake.banner!.message, /clip was discarded/);
});

test('Retry: reloads after a model error or a runtime banner (and clears it), reopens the camera after a camera screen', () => {
  assert.deepEqual(retryAction(modelError), { action: 'reload', notices: NO_NOTICES });
  const camera = onCameraStopped(NO_NOTICES, false);
  assert.deepEqual(retryAction(camera), { action: 'camera', notices: camera });
  const runtime = withBanner(NO_NOTICES, 'runtime', 'the worker failed');
  assert.deepEqual(retryAction(runtime), { action: 'reload', notices: NO_NOTICES });
  const crash = withBanner(NO_NOTICES, 'worker-crash', 'It crashed. Practice goes on.');
  assert.deepEqual(retryAction(crash), { action: null, notices: crash });
});
