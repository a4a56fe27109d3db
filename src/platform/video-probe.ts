// Tries a video in a <video> element on the page (workers have none): its first frame decoded
// ('loadeddata' with a picture size) or an 'error', within a timeout. The element is never in
// the document and is emptied afterwards, so its media pipeline is released.
import { VIDEO_PROBE_TIMEOUT_MS, type VideoProbeOutcome } from '../core/video-decode.ts';

export async function probeVideo(video: Blob, timeoutMs = VIDEO_PROBE_TIMEOUT_MS): Promise<VideoProbeOutcome> {
  const element = document.createElement('video');
  const url = URL.createObjectURL(video);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await new Promise<VideoProbeOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timeout', afterMs: timeoutMs }), timeoutMs);
      element.addEventListener('loadeddata', () => resolve({ kind: 'decoded', width: element.videoWidth, height: element.videoHeight }), { once: true });
      element.addEventListener('error', () => resolve({ kind: 'error', code: element.error?.code ?? null, message: element.error?.message ?? '' }), { once: true });
      element.muted = true;
      element.preload = 'auto';
      element.src = url;
    });
  } finally {
    clearTimeout(timer);
    element.removeAttribute('src');
    element.load();
    URL.revokeObjectURL(url);
  }
}
