// Worker entry: only exposes the API (logic: inference-service.ts, session.ts, frame-pipeline.ts).
import { expose } from 'comlink';
import { createInferenceApi } from './inference-service.ts';
import { markStart, markWasmCompile } from '../shared/start-marks.ts';

markStart('worker running');
markWasmCompile();
expose(createInferenceApi());
