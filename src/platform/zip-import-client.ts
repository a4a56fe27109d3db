// The page's side of the import worker: one worker per import (it holds the whole archive and
// its inflated entries; ending it frees them at once), wrapped with comlink. A crash of the worker
// (out of memory on a huge archive) becomes an import problem, never a stuck "Checking…".
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { ZipCheckProgress } from '../core/clip-zip.ts';
import type { ModelSpec } from '../core/model-spec.ts';
import type { HeadExpectations } from '../core/personal-head-json.ts';
import type { HeadCheckResult, ZipCheckResult, ZipImportApi } from '../shared/zip-import-api.ts';

/** Runs one call in a fresh import worker; a crash of the worker answers `onCrash(message)`. */
async function inImportWorker<Result>(call: (remote: Remote<ZipImportApi>) => Promise<Result>, onCrash: (reason: string) => Result): Promise<Result> {
  const worker = new Worker(new URL('../worker/zip-import.worker.ts', import.meta.url), { type: 'module', name: 'zip-import' });
  const remote = wrap<ZipImportApi>(worker);
  const crashed = new Promise<Result>((resolve) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      resolve(onCrash(event.message || 'out of memory?'));
    });
  });
  try {
    return await Promise.race([call(remote), crashed]);
  } finally {
    remote[releaseProxy]();
    worker.terminate();
  }
}

export function checkArchiveInWorker(file: Blob, spec: ModelSpec, onProgress: (progress: ZipCheckProgress) => void): Promise<ZipCheckResult> {
  return inImportWorker(
    (remote) => remote.check(file, spec, proxy(onProgress)),
    (reason) => ({ problems: [`The archive could not be checked: the checking worker stopped (${reason}).`], clips: [] }),
  );
}

/** A head file parsed and checked off the page's thread (a large or hostile file never freezes the page). */
export function checkHeadInWorker(file: Blob, expected: HeadExpectations): Promise<HeadCheckResult> {
  return inImportWorker<HeadCheckResult>(
    (remote) => remote.checkHead(file, expected),
    (reason) => ({ head: null, problem: `The head file could not be checked: the checking worker stopped (${reason}).` }),
  );
}
