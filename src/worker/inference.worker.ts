// Worker entry: only exposes the API (logic: inference-service.ts, session.ts, frame-pipeline.ts).
import { expose } from 'comlink';
import { createInferenceApi } from './inference-service.ts';

expose(createInferenceApi());
