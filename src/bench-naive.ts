// Entry of bench-naive.html: the naive main-thread pipeline (src/platform/naive-pipeline.ts)
// feeding the app's own overlay, with the ?bench probe. Only tools/bench-app.ts opens it; the
// service worker does not precache it and the app never links to it.
import { openCamera } from './platform/camera.ts';
import { installBenchProbe } from './platform/bench-probe.ts';
import { NaivePipeline } from './platform/naive-pipeline.ts';
import './elements/jt-overlay.ts';
import { markStart, markWasmCompile } from './shared/start-marks.ts';

markStart('page script running');
markWasmCompile();

const params = new URLSearchParams(window.location.search);
const requestedThreads = Math.floor(Number(params.get('threads')));
const video = document.querySelector('video')!;
const overlay = document.querySelector('jt-overlay')!;
const status = document.querySelector('#status')!;

async function start(): Promise<void> {
  status.textContent = 'Loading the model on the main thread…';
  const pipeline = await NaivePipeline.create(new URL('models/model.json', document.baseURI).href, requestedThreads >= 1 ? requestedThreads : null);
  installBenchProbe({ frameClock: 'page', counters: () => pipeline.counters() });
  video.srcObject = await openCamera();
  await video.play();
  status.textContent = `Naive pipeline: ORT WASM on the main thread, ${pipeline.threads} thread(s), getImageData per frame, no backpressure.`;
  pipeline.start(video, (prediction) => (overlay.prediction = prediction));
}

start().catch((error: Error) => (status.textContent = `The naive pipeline failed: ${error.message}`));
