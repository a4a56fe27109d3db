// Clips in and out of the browser: saving a recorded clip, exporting every clip to one zip and
// importing one (src/core/clip-zip.ts is the format and its validation; src/storage/clips.ts the
// only access to the stores).
import { buildManifest, clipPaths, ClipZipWriter, DEFAULT_LIMITS, readClipZip, type ClipMetadata } from '../core/clip-zip.ts';
import { parseModelSpec, type ModelSpec } from '../core/model-spec.ts';
import { getClipTensor, getClipVideo, importClips, listClips, saveClip, type ClipRecord, type StoredClip } from '../storage/clips.ts';
import type { RecordedClip } from './clip-recorder.ts';

/** The shipped model's contract, read on the main thread (the tensor layout an archive must match). */
export async function fetchModelSpec(url: string): Promise<ModelSpec> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not read the model description (HTTP ${response.status}).`);
  return parseModelSpec(await response.json());
}

/** A typed array that owns its whole buffer (IndexedDB stores a view's entire buffer). */
function owned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/** Stores a recorded clip under a new id; returns its metadata (with the split planned for it). */
export async function storeRecordedClip(clip: RecordedClip, label: string, recordingSessionId: string): Promise<ClipRecord> {
  const id = crypto.randomUUID();
  const meta: ClipRecord = {
    id,
    label,
    recordedAtMs: clip.recordedAtMs,
    durationMs: Math.round(clip.durationMs),
    camera: clip.camera,
    recordingSessionId,
    split: 'train',
    videoMimeType: clip.videoMimeType,
  };
  const { frames, height, width, fps, data } = clip.tensor;
  return saveClip(meta, { id, frames, height, width, fps, data: owned(data) }, clip.video);
}

export function exportFileName(date = new Date()): string {
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return `juggling-clips-${day}.zip`;
}

/** Every stored clip as one zip (see docs/clip-zip.md); reads each clip once. */
export async function exportClips(spec: ModelSpec, onProgress: (done: number, total: number) => void = () => undefined): Promise<{ blob: Blob; count: number }> {
  const clips = await listClips();
  const parts: Uint8Array[] = [];
  const writer = new ClipZipWriter((chunk) => parts.push(chunk));
  const metadata: ClipMetadata[] = [];
  for (const [index, clip] of clips.entries()) {
    const [tensor, video] = await Promise.all([getClipTensor(clip.id), getClipVideo(clip.id)]);
    if (!tensor || !video) continue;
    const meta: ClipMetadata = { ...clip, frames: tensor.frames };
    const paths = clipPaths(meta);
    writer.add(paths.video, new Uint8Array(await video.arrayBuffer()));
    writer.add(paths.tensor, tensor.data);
    metadata.push(meta);
    onProgress(index + 1, clips.length);
  }
  writer.finish(buildManifest(metadata, spec, Date.now()));
  return { blob: new Blob(parts as BlobPart[], { type: 'application/zip' }), count: metadata.length };
}

/** Starts a download of `blob` as `fileName`. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export interface ImportOutcome {
  /** Everything wrong with the file (nothing was written when this is not empty). */
  readonly problems: readonly string[];
  readonly added: number;
  /** Clips already stored (same id), left as they are. */
  readonly skipped: number;
}

/** Validates the whole archive first, then writes all its clips in one transaction, or nothing. */
export async function importArchive(file: Blob, spec: ModelSpec): Promise<ImportOutcome> {
  if (file.size > DEFAULT_LIMITS.maxTotalBytes) {
    return { problems: [`The file is ${Math.round(file.size / 1024 / 1024)} MB; at most ${DEFAULT_LIMITS.maxTotalBytes / 1024 / 1024} MB can be imported.`], added: 0, skipped: 0 };
  }
  const result = readClipZip(new Uint8Array(await file.arrayBuffer()), spec);
  if (result.problems.length > 0) return { problems: result.problems, added: 0, skipped: 0 };
  const { height, width, fps } = spec.input;
  const clips: StoredClip[] = result.clips.map(({ meta, video, tensor }) => {
    const { frames, ...record } = meta;
    return {
      meta: record,
      tensor: { id: meta.id, frames, height, width, fps, data: owned(tensor) },
      video: new Blob([video as BlobPart], { type: meta.videoMimeType }),
    };
  });
  const { added, skipped } = await importClips(clips);
  return { problems: [], added: added.length, skipped: skipped.length };
}
