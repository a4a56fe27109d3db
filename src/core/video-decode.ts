// Whether the browser can decode an imported clip's video, as a reason for people. The page tries
// each video in a <video> element (src/platform/video-probe.ts) and reports what happened; this
// turns that into the words of an import problem. MediaError codes: 1 aborted, 2 network,
// 3 decode, 4 source not supported.

/** How long one video may take to show its first frame before it counts as undecodable: a loaded, slow machine needs seconds. */
export const VIDEO_PROBE_TIMEOUT_MS = 60_000;

export type VideoProbeOutcome =
  /** The first frame was decoded, with a picture of this size. */
  | { readonly kind: 'decoded'; readonly width: number; readonly height: number }
  /** The element's 'error': MediaError.code and its message (often empty). */
  | { readonly kind: 'error'; readonly code: number | null; readonly message: string }
  | { readonly kind: 'timeout'; readonly afterMs: number };

const ERROR_WORDS: Record<number, string> = {
  1: 'loading it was aborted',
  2: 'it could not be read',
  3: 'its data is damaged or in a codec this browser cannot decode',
  4: 'this browser cannot play it (not a video, or a format or codec it does not support)',
};

/** Why the video at `path` cannot be imported, or null when it decoded. */
export function videoProbeProblem(path: string, mimeType: string, outcome: VideoProbeOutcome): string | null {
  const where = `its video ${path} (${mimeType})`;
  switch (outcome.kind) {
    case 'decoded':
      return outcome.width > 0 && outcome.height > 0 ? null : `${where} decodes to an empty picture`;
    case 'error': {
      const words = (outcome.code !== null ? ERROR_WORDS[outcome.code] : undefined) ?? 'the browser could not decode it';
      const detail = outcome.message.trim() ? `: ${outcome.message.trim().slice(0, 200)}` : '';
      return `${where} cannot be decoded: ${words}${detail}`;
    }
    case 'timeout':
      return `${where} showed no picture within ${Math.round(outcome.afterMs / 1000)} s: the browser could not decode it`;
  }
}
