// Clips in and out of the browser: saving a recorded clip, exporting every clip to one zip and
// importing one (src/core/clip-zip.ts is the format and its validation, run in a worker by
// zip-import-client.ts; video-probe.ts tries each video; src/storage/clips.ts the only access to
// the stores).
import { buildManifest, clipPaths, ClipZipWriter, type ClipMetadata } from '../core/clip-zip.ts';
import type { ImportProgress } from '../core/import-progress.ts';
import { inLanes } from '../core/in-lanes.ts';
import { videoProbeProblem } from '../core/video-decode.ts';
import type { ModelSpec } from '../core/model-spec.ts';
import { getClipTensor, getClipVideo, importClips, listClips, saveClip, type ClipRecord, type StoredClip } from '../storage/clips.ts';
import type { RecordedClip } from './clip-recorder.ts';
import { probeVideo } from './video-probe.ts';
import { checkArchiveInWorker } from './zip-import-client.ts';

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

export interface ImportOutcome {
  /** Everything wrong with the file (nothing was written when this is not empty). */
  readonly problems: readonly string[];
  readonly added: number;
  /** Clips already stored (same id), left as they are. */
  readonly skipped: number;
}

/** Videos tried at once on the page. */
const VIDEO_PROBE_LANES = 4;

/**
 * Validates the whole archive first (structure, sizes, every CRC: in a worker; then every video
 * decoded once on the page), then writes all its clips in one transaction, or nothing.
 */
export async function importArchive(file: Blob, spec: ModelSpec, onProgress: (progress: ImportProgress) => void = () => undefined): Promise<ImportOutcome> {
  const rejected = (problems: readonly string[]): ImportOutcome => ({ problems, added: 0, skipped: 0 });
  onProgress({ kind: 'reading', fileBytes: file.size });
  const checked = await checkArchiveInWorker(file, spec, (progress) => onProgress({ kind: 'checking', ...progress }));
  if (checked.problems.length > 0) return rejected(checked.problems);

  let tried = 0;
  onProgress({ kind: 'videos', checked: 0, total: checked.clips.length });
  const videoProblems = await inLanes(checked.clips, VIDEO_PROBE_LANES, async ({ meta, video }) => {
    const problem = videoProbeProblem(clipPaths(meta).video, meta.videoMimeType, await probeVideo(video));
    onProgress({ kind: 'videos', checked: ++tried, total: checked.clips.length });
    return problem && `clip ${meta.id}: ${problem}.`;
  });
  const problems = videoProblems.filter((problem): problem is string => problem !== null);
  if (problems.length > 0) return rejected(problems);

  onProgress({ kind: 'writing', clips: checked.clips.length });
  const { height, width, fps } = spec.input;
  const clips: StoredClip[] = checked.clips.map(({ meta, video, tensor }) => {
    const { frames, ...record } = meta;
    return { meta: record, tensor: { id: meta.id, frames, height, width, fps, data: tensor }, video };
  });
  const { added, skipped } = await importClips(clips);
  return { problems: [], added: added.length, skipped: skipped.length };
}
