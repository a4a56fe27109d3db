// The page's side of the zip import worker: one worker per import (it holds the whole archive and
// its inflated entries; ending it frees them at once), wrapped with comlink. A crash of the worker
// (out of memory on a huge archive) becomes an import problem, never a stuck "Checking…".
import { proxy, releaseProxy, wrap } from 'comlink';
import type { ZipCheckProgress } from '../core/clip-zip.ts';
import type { ModelSpec } from '../core/model-spec.ts';
import type { ZipCheckResult, ZipImportApi } from '../shared/zip-import-api.ts';

export async function checkArchiveInWorker(file: Blob, spec: ModelSpec, onProgress: (progress: ZipCheckProgress) => void): Promise<ZipCheckResult> {
  const worker = new Worker(new URL('../worker/zip-import.worker.ts', import.meta.url), { type: 'module', name: 'zip-import' });
  const remote = wrap<ZipImportApi>(worker);
  const crashed = new Promise<ZipCheckResult>((resolve) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      resolve({ problems: [`The archive could not be checked: the checking worker stopped (${event.message || 'out of memory?'}).`], clips: [] });
    });
  });
  try {
    return await Promise.race([remote.check(file, spec, proxy(onProgress)), crashed]);
  } finally {
    remote[releaseProxy]();
    worker.terminate();
  }
}
