// Boot: reads the URL options, mounts <jt-app>, registers the service worker (production
// builds only), and, with ?test, exposes a hook the end-to-end tests call.
import { defaultWasmThreads } from './core/wasm-threads.ts';
import type { ProviderChoice } from './shared/inference-api.ts';
import type { AppOptions, JtApp } from './elements/jt-app.ts';
import { registerServiceWorker } from './platform/sw-register.ts';
import { installBenchProbe } from './platform/bench-probe.ts';
import { ClipRecorder } from './platform/clip-recorder.ts';
import { storeRecordedClip } from './platform/clip-archive.ts';
import './elements/jt-app.ts';
import { markStart } from './shared/start-marks.ts';

markStart('page script running');

const params = new URLSearchParams(window.location.search);
const requestedProvider = params.get('ep');
const provider: ProviderChoice = requestedProvider === 'webgpu' || requestedProvider === 'wasm' ? requestedProvider : 'auto';

// WASM threads need cross-origin isolation; without it ORT would silently use one.
const availableThreads = window.crossOriginIsolated ? navigator.hardwareConcurrency || 1 : 1;
// The default is measured per core count (core/wasm-threads.ts); ?threads=N sets it (the benchmark compares them).
const requestedThreads = Math.floor(Number(params.get('threads')));

const options: AppOptions = {
  modelSpecUrl: new URL('models/model.json', document.baseURI).href,
  provider,
  threads: requestedThreads >= 1 ? Math.min(requestedThreads, availableThreads) : Math.min(defaultWasmThreads(navigator.hardwareConcurrency), availableThreads),
  demoClass: params.get('demo') || null,
  version: __APP_VERSION__,
};

const app = document.createElement('jt-app') as JtApp;
app.options = options;
document.body.append(app);

if (import.meta.env.PROD) {
  registerServiceWorker({ onUpdateReady: (accept) => (app.updateAccept = accept) });
}

if (params.has('test')) {
  // Test hook: one model run on a caller-given input (NCTHW float32), to compare providers.
  Object.assign(window, {
    __jtTest: {
      version: __APP_VERSION__,
      classifyTensor: async (input: Float32Array | number[]) => {
        const session = app.session;
        if (!session) throw new Error('the app did not start');
        const result = await session.classifyTensor(input instanceof Float32Array ? input : Float32Array.from(input));
        return { ...result, probabilities: Array.from(result.probabilities), logits: Array.from(result.logits), features: Array.from(result.features) };
      },
      // Records one clip of the live camera as the record view does (capture in the worker, video, storage), under a given recording session (for benchmarks).
      recordClip: async (label: string, recordingSessionId: string, durationMs: number) => {
        const session = app.session;
        if (!session?.stream) throw new Error('no camera is running');
        const recorder = new ClipRecorder(session);
        await recorder.start(session.stream);
        await new Promise((resolve) => setTimeout(resolve, durationMs));
        const stored = await storeRecordedClip(await recorder.stop(), label, recordingSessionId);
        return { id: stored.id, split: stored.split };
      },
    },
  });
}

if (params.has('bench')) {
  // Benchmark hook (tools/bench-app.ts): when each prediction reached the overlay, and the counters.
  installBenchProbe({
    // The worker stamps windows with VideoFrame.timestamp from MediaStreamTrackProcessor.
    frameClock: 'monotonic',
    counters: () => {
      const { status, stats } = app;
      if (status?.kind !== 'ready' || !stats) return null;
      return {
        provider: status.provider,
        threads: status.threads,
        adapter: status.adapter,
        framesReceived: stats.framesReceived,
        framesSampled: stats.framesSampled,
        windowsInferred: stats.windowsInferred,
        windowsDropped: stats.framesDropped,
        windowsQueuedMax: 0,
      };
    },
  });
}
