// The demo juggler's painter, off the main thread: the synthetic juggler (src/synth) drawn into the
// OffscreenCanvas of the page's placeholder canvas at the demo fps. The page captures that canvas
// as its camera stream, so the page itself paints nothing (no long tasks from the demo).
import { createScene } from '../synth/index.ts';
import { DEMO_CATCHES_EVERY_FRAMES, type DemoCatchesMessage, type DemoFailedMessage, type DemoStartMessage } from '../shared/demo-camera-messages.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<DemoStartMessage>) => {
  const { canvas, className, seed, width, height, fps } = event.data;
  const context = canvas.getContext('2d');
  if (!context) {
    scope.postMessage({ kind: 'failed', message: 'OffscreenCanvas has no 2D context here' } satisfies DemoFailedMessage);
    return;
  }
  const scene = createScene({ className, seed, width, height, fps });
  const image = new ImageData(width, height);
  let painted = 0;
  const paint = () => {
    image.data.set(scene.nextFrame());
    context.putImageData(image, 0, 0);
    if (painted++ % DEMO_CATCHES_EVERY_FRAMES === 0) scope.postMessage({ kind: 'catches', catches: scene.catchesPainted() } satisfies DemoCatchesMessage);
  };
  paint();
  // A timer, as on the main thread: the scene's clock is frame-counted at `fps`. The page ends
  // the demo by terminating this worker.
  setInterval(paint, 1000 / fps);
});
