// The one place the main thread talks to the inference worker: starts it lazily, wraps it
// with comlink, subscribes once to its reports, and replaces it when it crashes (an 'error'
// event: out of memory, a wasm abort), telling the owner so the user can be told and the feed
// re-connected. A replaced worker's last reports are not passed on.
import { proxy, wrap, releaseProxy, type Remote } from 'comlink';
import type { InferenceApi, WorkerEvent } from '../shared/inference-api.ts';
import { markStart } from '../shared/start-marks.ts';

export class WorkerClient {
  private worker: Worker | null = null;
  private remote: Remote<InferenceApi> | null = null;

  constructor(
    private readonly onCrash: (message: string) => void,
    private readonly onEvent: (event: WorkerEvent) => void,
  ) {}

  /** The worker's API, starting the worker on first use. */
  get api(): Remote<InferenceApi> {
    if (!this.remote) this.start();
    return this.remote!;
  }

  terminate(): void {
    this.remote?.[releaseProxy]();
    this.worker?.terminate();
    this.remote = null;
    this.worker = null;
  }

  private start(): void {
    markStart('worker created');
    const worker = new Worker(new URL('../worker/inference.worker.ts', import.meta.url), { type: 'module', name: 'inference' });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      if (worker !== this.worker) return;
      this.terminate();
      this.onCrash(event.message || 'The inference worker stopped unexpectedly.');
    });
    this.worker = worker;
    this.remote = wrap<InferenceApi>(worker);
    const onEvent = (event: WorkerEvent) => {
      if (worker === this.worker) this.onEvent(event);
    };
    void this.remote.subscribe(proxy(onEvent)).catch(() => undefined);
  }
}
