// The typed API between the page and the import worker (comlink): for a clip archive the worker
// reads the file, walks its directory, inflates every entry with a hard stop at its declared size
// and checks every CRC-32 (readClipZip in src/core/clip-zip.ts); for a head file it parses and
// checks the JSON (parseHeadJson in src/core/personal-head-json.ts). The page stays responsive.
// Implemented once in src/worker/zip-import.worker.ts, wrapped once in src/platform/zip-import-client.ts.
import type { ClipZipReadResult, ReadClip, ZipCheckProgress } from '../core/clip-zip.ts';
import type { ModelSpec } from '../core/model-spec.ts';
import type { HeadExpectations } from '../core/personal-head-json.ts';
import type { PersonalHeadRecord } from '../core/personal-head-types.ts';

/** A clip whose entries passed every check: its video as a Blob of its type, its tensor as bytes of its own buffer (transferred). */
export interface CheckedClip extends Omit<ReadClip, 'video'> {
  readonly video: Blob;
}

/** Every problem (then no clip: all or nothing), or the checked clips. */
export interface ZipCheckResult extends Pick<ClipZipReadResult, 'problems'> {
  readonly clips: readonly CheckedClip[];
}

export interface ZipImportApi {
  /** Checks the whole archive; `onProgress` hears a few times a second while entries are checked. */
  check(file: Blob, spec: ModelSpec, onProgress: (progress: ZipCheckProgress) => void): Promise<ZipCheckResult>;
  /** Parses and checks a head file against the shipped model: the head, or every problem in one message. */
  checkHead(file: Blob, expected: HeadExpectations): Promise<HeadCheckResult>;
}

export type HeadCheckResult = { readonly head: PersonalHeadRecord; readonly problem: null } | { readonly head: null; readonly problem: string };
