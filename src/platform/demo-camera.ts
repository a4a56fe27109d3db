// The demo juggler as a camera: the synthetic juggler (src/synth) painted into a canvas at
// 30 fps and captured as a MediaStream, so visitors without balls or a webcam see the whole
// pipeline work. Frames go through the same worker path as a real camera.
import { createScene } from '../synth/index.ts';

export const DEMO_WIDTH = 320;
export const DEMO_HEIGHT = 240;
export const DEMO_FPS = 30;

export interface DemoCamera {
  readonly stream: MediaStream;
  stop(): void;
}

export function startDemoCamera(className: string, seed = Math.floor(Math.random() * 1_000_000)): DemoCamera {
  const canvas = document.createElement('canvas');
  canvas.width = DEMO_WIDTH;
  canvas.height = DEMO_HEIGHT;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('A 2D canvas is not available.');
  const scene = createScene({ className, seed, width: DEMO_WIDTH, height: DEMO_HEIGHT, fps: DEMO_FPS });
  const image = context.createImageData(DEMO_WIDTH, DEMO_HEIGHT);
  const paint = () => {
    image.data.set(scene.nextFrame());
    context.putImageData(image, 0, 0);
  };
  paint();
  const stream = canvas.captureStream(DEMO_FPS);
  // A timer, not requestAnimationFrame: the scene's clock is frame-counted at DEMO_FPS, and
  // rAF pauses in background tabs while a timer only slows.
  const timer = setInterval(paint, 1000 / DEMO_FPS);
  return {
    stream,
    stop() {
      clearInterval(timer);
      stream.getTracks().forEach((track) => track.stop());
    },
  };
}
