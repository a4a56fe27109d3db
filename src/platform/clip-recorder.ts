// Records one clip from the live source: the encoded video (MediaRecorder on the same stream the
// page shows, no second camera) and, in the worker, the model-ready tensor of the frames the
// live pipeline samples. Both start and stop together.
import { RECORDING_VIDEO_TYPES } from '../core/video-types.ts';
import type { ClipTensorPayload } from '../shared/inference-api.ts';

/** The worker side of a recording (PracticeSession implements it). */
export interface TensorCapture {
  startCapture(): Promise<void>;
  stopCapture(): Promise<ClipTensorPayload>;
}

export interface RecordedClip {
  readonly video: Blob;
  /** The recorder's actual type, e.g. "video/webm;codecs=vp8". */
  readonly videoMimeType: string;
  readonly tensor: ClipTensorPayload;
  /** Wall-clock time the recorder ran. */
  readonly durationMs: number;
  /** The camera's label as the browser reports it ('' when unknown). */
  readonly camera: string;
  readonly recordedAtMs: number;
}

/** H.264 in MP4 where the browser can record it, else WebM (the table is in src/core/video-types.ts). */
export const VIDEO_TYPES = RECORDING_VIDEO_TYPES;

export function pickVideoMimeType(isTypeSupported: (type: string) => boolean = (type) => MediaRecorder.isTypeSupported(type)): string {
  return VIDEO_TYPES.find((type) => isTypeSupported(type)) ?? '';
}

export class RecordingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordingError';
  }
}

export class ClipRecorder {
  private recorder: MediaRecorder | null = null;
  private chunks: Blob[] = [];
  private startedAt = 0;
  private recordedAtMs = 0;
  private stopped: Promise<void> | null = null;
  private camera = '';

  constructor(private readonly capture: TensorCapture) {}

  /** Starts recording `stream`; resolves once both the video and the tensor capture run. */
  async start(stream: MediaStream): Promise<void> {
    if (this.recorder) throw new RecordingError('A clip is already being recorded.');
    if (typeof MediaRecorder === 'undefined') throw new RecordingError('This browser cannot record video (no MediaRecorder).');
    const track = stream.getVideoTracks()[0];
    if (!track || track.readyState !== 'live') throw new RecordingError('The camera is not running.');
    this.camera = track.label;
    await this.capture.startCapture();
    const mimeType = pickVideoMimeType();
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(stream, mimeType ? { mimeType, videoBitsPerSecond: 2_500_000 } : undefined);
    } catch (error) {
      await this.capture.stopCapture().catch(() => undefined);
      throw new RecordingError(`The video recorder could not start: ${(error as Error).message}`);
    }
    this.chunks = [];
    recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) this.chunks.push(event.data);
    });
    this.stopped = new Promise((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true }));
    const started = new Promise<void>((resolve, reject) => {
      recorder.addEventListener('start', () => resolve(), { once: true });
      recorder.addEventListener('error', (event) => reject(new RecordingError(`Recording failed: ${(event as ErrorEvent).message ?? 'unknown error'}`)), { once: true });
    });
    this.recorder = recorder;
    this.recordedAtMs = Date.now();
    this.startedAt = performance.now();
    recorder.start();
    await started;
  }

  /** Stops and returns the clip (video + tensor). */
  async stop(): Promise<RecordedClip> {
    const recorder = this.recorder;
    if (!recorder) throw new RecordingError('No clip is being recorded.');
    this.recorder = null;
    const durationMs = performance.now() - this.startedAt;
    if (recorder.state !== 'inactive') recorder.stop();
    const [tensor] = await Promise.all([this.capture.stopCapture(), this.stopped]);
    const videoMimeType = recorder.mimeType || this.chunks[0]?.type || 'video/webm';
    const video = new Blob(this.chunks, { type: videoMimeType });
    this.chunks = [];
    if (video.size === 0) throw new RecordingError('The video recorder produced no data.');
    return { video, videoMimeType, tensor, durationMs, camera: this.camera, recordedAtMs: this.recordedAtMs };
  }

  /** Stops without keeping anything. */
  cancel(): void {
    const recorder = this.recorder;
    this.recorder = null;
    this.chunks = [];
    if (recorder && recorder.state !== 'inactive') recorder.stop();
    if (recorder) void this.capture.stopCapture().catch(() => undefined);
  }
}
