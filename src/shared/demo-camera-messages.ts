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

/** The worker could not paint (no 2D context on the OffscreenCanvas): the main thread paints instead. */
export interface DemoFailedMessage {
  readonly kind: 'failed';
  readonly message: string;
}
