// The demo juggler as a camera: the synthetic juggler (src/synth) painted into a canvas at
// 30 fps and captured as a MediaStream, so visitors without balls or a webcam see the whole
// pipeline work. Frames go through the same worker path as a real camera. Painting happens in a
// worker (the canvas's control transferred as an OffscreenCanvas), so the page's main thread
// stays free; where a browser cannot transfer a canvas, the main thread paints as before.
import { createScene } from '../synth/index.ts';
import { DEMO_CATCHES_EVERY_FRAMES, type DemoCatchesMessage, type DemoFailedMessage, type DemoStartMessage } from '../shared/demo-camera-messages.ts';

export const DEMO_WIDTH = 320;
export const DEMO_HEIGHT = 240;
export const DEMO_FPS = 30;

export interface DemoCamera {
  readonly stream: MediaStream;
  /** Where the frames are painted: 'worker' (OffscreenCanvas) or 'main' (the fallback). */
  readonly paintedIn: 'worker' | 'main';
  stop(): void;
}

/** The demo juggler's truth as it paints: the catches it has made so far (see Scene.catchesPainted). */
export type OnDemoCatches = (catches: number) => void;

export function startDemoCamera(className: string, onCatches: OnDemoCatches = () => undefined, seed = Math.floor(Math.random() * 1_000_000)): DemoCamera {
  const canvas = document.createElement('canvas');
  canvas.width = DEMO_WIDTH;
  canvas.height = DEMO_HEIGHT;
  return (canTransfer(canvas) && paintInWorker(canvas, className, seed, onCatches)) || paintOnMainThread(canvas, className, seed, onCatches);
}

function canTransfer(canvas: HTMLCanvasElement): boolean {
  return typeof canvas.transferControlToOffscreen === 'function' && typeof Worker === 'function' && typeof OffscreenCanvas === 'function';
}

/** null when the worker cannot be started (the canvas is then untouched: the main thread paints it). */
function paintInWorker(canvas: HTMLCanvasElement, className: string, seed: number, onCatches: OnDemoCatches): DemoCamera | null {
  let worker: Worker;
  try {
    worker = new Worker(new URL('../worker/demo-camera.worker.ts', import.meta.url), { type: 'module', name: 'demo-camera' });
  } catch {
    return null;
  }
  const offscreen = canvas.transferControlToOffscreen();
  const stream = canvas.captureStream(DEMO_FPS);
  let stopped = false;
  worker.addEventListener('message', (event: MessageEvent<DemoFailedMessage | DemoCatchesMessage>) => {
    if (event.data.kind === 'failed') console.error(`The demo juggler could not be painted: ${event.data.message}`);
    else if (!stopped) onCatches(event.data.catches);
  });
  const start: DemoStartMessage = { kind: 'start', canvas: offscreen, className, seed, width: DEMO_WIDTH, height: DEMO_HEIGHT, fps: DEMO_FPS };
  worker.postMessage(start, [offscreen]);
  return {
    stream,
    paintedIn: 'worker',
    stop() {
      if (stopped) return;
      stopped = true;
      worker.terminate();
      stream.getTracks().forEach((track) => track.stop());
    },
  };
}

function paintOnMainThread(canvas: HTMLCanvasElement, className: string, seed: number, onCatches: OnDemoCatches): DemoCamera {
  const context = canvas.getContext('2d');
  if (!context) throw new Error('A 2D canvas is not available.');
  const scene = createScene({ className, seed, width: DEMO_WIDTH, height: DEMO_HEIGHT, fps: DEMO_FPS });
  const image = context.createImageData(DEMO_WIDTH, DEMO_HEIGHT);
  let painted = 0;
  const paint = () => {
    image.data.set(scene.nextFrame());
    context.putImageData(image, 0, 0);
    if (painted++ % DEMO_CATCHES_EVERY_FRAMES === 0) onCatches(scene.catchesPainted());
  };
  paint();
  const stream = canvas.captureStream(DEMO_FPS);
  // A timer, not requestAnimationFrame: the scene's clock is frame-counted at DEMO_FPS, and
  // rAF pauses in background tabs while a timer only slows.
  const timer = setInterval(paint, 1000 / DEMO_FPS);
  return {
    stream,
    paintedIn: 'main',
    stop() {
      clearInterval(timer);
      stream.getTracks().forEach((track) => track.stop());
    },
  };
}
