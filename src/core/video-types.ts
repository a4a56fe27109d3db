// The video types a clip can have: what MediaRecorder writes in the browsers the app supports,
// and so what an imported clip may declare. One table, read by the recorder and the importer.

/** What the recorder asks for, in order: H.264 in MP4 where the browser can record it (Safari, Chrome with proprietary codecs), else WebM. */
export const RECORDING_VIDEO_TYPES = ['video/mp4;codecs=avc1', 'video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'] as const;

/** Containers by file extension, and the codecs (RFC 6381 names, before any ".profile") recorders put in them. */
export const VIDEO_CONTAINERS: Record<string, { readonly type: string; readonly codecs: readonly string[] }> = {
  webm: { type: 'video/webm', codecs: ['vp8', 'vp9', 'vp09', 'av1', 'av01', 'avc1', 'h264', 'opus', 'vorbis'] },
  mp4: { type: 'video/mp4', codecs: ['avc1', 'avc3', 'h264', 'hvc1', 'hev1', 'av01', 'vp09', 'mp4a', 'opus'] },
};

interface ParsedVideoType {
  readonly extension: string | null;
  readonly codecs: readonly string[];
}

function parseVideoType(mimeType: string): ParsedVideoType {
  const [base, ...parameters] = mimeType.split(';');
  const type = base.trim().toLowerCase();
  const extension = Object.entries(VIDEO_CONTAINERS).find(([, container]) => container.type === type)?.[0] ?? null;
  const codecsParameter = parameters.map((parameter) => parameter.trim()).find((parameter) => /^codecs\s*=/i.test(parameter));
  const codecs = codecsParameter
    ? codecsParameter.replace(/^codecs\s*=\s*/i, '').replace(/^"|"$/g, '').split(',').map((codec) => codec.trim().toLowerCase())
    : [];
  return { extension, codecs };
}

/** The file extension for a video type ("webm", "mp4"), or null when the container is not one the app plays. */
export function videoExtension(mimeType: string): string | null {
  return parseVideoType(mimeType).extension;
}

/** Why a clip's video type is not one the app records and plays, for people; null when it is. */
export function videoTypeProblem(mimeType: unknown): string | null {
  if (typeof mimeType !== 'string' || mimeType.length === 0 || mimeType.length > 128) return `"videoMimeType" must be a video type such as "video/webm;codecs=vp8" (found ${JSON.stringify(mimeType)?.slice(0, 140)})`;
  const { extension, codecs } = parseVideoType(mimeType);
  const shown = JSON.stringify(mimeType);
  if (!extension) return `"videoMimeType" ${shown} is not a WebM or MP4 video, the only videos the app plays`;
  const known = VIDEO_CONTAINERS[extension].codecs;
  const unknown = codecs.filter((codec) => !known.includes(codec.split('.')[0]));
  if (unknown.length > 0 || codecs.includes('')) {
    return `"videoMimeType" ${shown} names codecs the app does not play in ${extension.toUpperCase()} (${unknown.join(', ') || 'an empty codec'}; known: ${known.join(', ')})`;
  }
  return null;
}
