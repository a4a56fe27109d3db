// Connects a camera/demo video track to the inference worker. Preferred: a
// MediaStreamTrackProcessor whose ReadableStream<VideoFrame> is transferred to the worker
// (a track itself is not transferable). Fallback where that API is missing: a hidden <video>
// and requestVideoFrameCallback, posting one ImageBitmap per frame.
import { transfer, type Remote } from 'comlink';
import type { InferenceApi } from '../shared/inference-api.ts';

// Not yet in TypeScript's DOM lib.
declare global {
  interface MediaStreamTrackProcessorInit {
    track: MediaStreamTrack;
    maxBufferSize?: number;
  }
  // eslint-disable-next-line no-var
  var MediaStreamTrackProcessor: { new (init: MediaStreamTrackProcessorInit): { readonly readable: ReadableStream<VideoFrame> } } | undefined;
}

/**
 * Starts feeding `stream`'s video to the worker as live feed `feed` (its predictions and stats
 * come through the worker's subscription, tagged with it); returns a function that stops feeding.
 */
export async function connectStream(stream: MediaStream, api: Remote<InferenceApi>, feed: number): Promise<() => void> {
  const [sourceTrack] = stream.getVideoTracks();
  if (!sourceTrack) throw new Error('The video source has no video track.');
  if (typeof globalThis.MediaStreamTrackProcessor === 'function') {
    // A clone, so stopping the worker's feed never stops the track the <video> shows.
    const track = sourceTrack.clone();
    const processor = new globalThis.MediaStreamTrackProcessor({ track, maxBufferSize: 2 });
    await api.startStream(feed, transfer(processor.readable, [processor.readable as unknown as Transferable]));
    return () => {
      track.stop();
      void api.stop().catch(() => undefined);
    };
  }
  return connectWithVideoElement(stream, api, feed);
}

async function connectWithVideoElement(stream: MediaStream, api: Remote<InferenceApi>, feed: number): Promise<() => void> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  await video.play();
  await api.startBitmaps(feed);
  let running = true;
  const onFrame = async () => {
    if (!running) return;
    // Size from the element, not the callback metadata (see ENVIRONMENT.md).
    if (video.videoWidth > 0) {
      const bitmap = await createImageBitmap(video);
      if (running) void api.pushBitmap(transfer(bitmap, [bitmap]), performance.now());
      else bitmap.close();
    }
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  return () => {
    running = false;
    video.pause();
    video.srcObject = null;
    void api.stop().catch(() => undefined);
  };
}
