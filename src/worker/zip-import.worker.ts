// Worker entry for imports: the validation itself is src/core/clip-zip.ts and
// src/core/personal-head-json.ts (also what the Node tests and the fuzzer run); this only reads the
// file, throttles progress and hands the clips back (tensors transferred, videos as Blobs) or the head.
import { expose, transfer } from 'comlink';
import { DEFAULT_LIMITS, fileSizeProblem, readClipZip } from '../core/clip-zip.ts';
import { ProgressThrottle } from '../core/import-progress.ts';
import { assertHeadFileSize, parseHeadJson } from '../core/personal-head-json.ts';
import type { CheckedClip, ZipImportApi } from '../shared/zip-import-api.ts';

/** Bytes in an array of their own (a stored entry is a view into the archive; a transfer moves a whole buffer). */
const owned = (bytes: Uint8Array) => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice());

const api: ZipImportApi = {
  async check(file, spec, onProgress) {
    const tooLarge = fileSizeProblem(file.size);
    if (tooLarge) return { problems: [tooLarge], clips: [] };
    const throttle = new ProgressThrottle(100, () => performance.now());
    const result = readClipZip(new Uint8Array(await file.arrayBuffer()), spec, DEFAULT_LIMITS, (progress) => {
      if (throttle.due(progress.entriesChecked === progress.entriesTotal)) void onProgress(progress);
    });
    if (result.problems.length > 0) return { problems: result.problems, clips: [] };
    const clips: CheckedClip[] = result.clips.map(({ meta, video, tensor }) => ({
      meta,
      video: new Blob([video as BlobPart], { type: meta.videoMimeType }),
      tensor: owned(tensor),
    }));
    return transfer({ problems: [], clips }, clips.map((clip) => clip.tensor.buffer as ArrayBuffer));
  },

  async checkHead(file, expected) {
    try {
      assertHeadFileSize(file.size);
      return { head: parseHeadJson(await file.text(), expected), problem: null };
    } catch (error) {
      return { head: null, problem: (error as Error).message };
    }
  },
};

expose(api);
