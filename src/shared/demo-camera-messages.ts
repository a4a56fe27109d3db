// What the main thread tells the demo juggler's render worker (src/worker/demo-camera.worker.ts).
export interface DemoStartMessage {
  readonly kind: 'start';
  /** The placeholder canvas's control: its frames feed the canvas's captureStream(). */
  readonly canvas: OffscreenCanvas;
  readonly className: string;
  readonly seed: number;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
}

/** The demo juggler's truth, posted about twice a second: catches made in the frames painted so far. */
export interface DemoCatchesMessage {
  readonly kind: 'catches';
  readonly catches: number;
}

/** How many painted frames between two DemoCatchesMessage. */
export const DEMO_CATCHES_EVERY_FRAMES = 15;

/** The worker could not paint (no 2D context on the OffscreenCanvas): the main thread paints instead. */
export interface DemoFailedMessage {
  readonly kind: 'failed';
  readonly message: string;
}
