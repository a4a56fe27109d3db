// Downloads the model's files so that a damaged copy never sticks: each download is checked
// against model.json's fileChecks (size, SHA-256) before ORT sees it; a bad copy, or one ORT
// cannot open, is evicted from every cache (the service worker's precache included) and
// downloaded once more, so restoring the file on the server is enough for Retry or a reload.
// The one place model.json is fetched: the worker (whose ready status hands the parsed spec to
// the page) and the benchmark's naive page.
import { fileProblem, toHex, type FileCheck } from '../core/model-file-check.ts';
import { parseModelSpec, type ModelSpec } from '../core/model-spec.ts';

export class ModelLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelLoadError';
  }
}

export async function fetchOk(url: string, what: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ModelLoadError(`Could not download the ${what} (${url}): ${(error as Error).message}`);
  }
  if (!response.ok) throw new ModelLoadError(`Could not download the ${what} (${url}): HTTP ${response.status}`);
  // Static hosts answer a missing file with the app's index.html (SPA fallback), status 200.
  if ((response.headers.get('Content-Type') ?? '').includes('text/html')) {
    throw new ModelLoadError(`The ${what} is missing on the server (${url} returned a web page).`);
  }
  return response;
}

/**
 * Deletes every cached copy of a URL, whatever the query (Workbox keys its precache entries as
 * `file?__WB_REVISION__=…`). The next request for it goes to the network; the service worker
 * caches the new copy only when it matches its integrity hash.
 */
export async function evictCachedCopies(url: string): Promise<void> {
  if (typeof caches === 'undefined') return;
  const target = new URL(url);
  try {
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const cached = new URL(request.url);
        if (cached.origin === target.origin && cached.pathname === target.pathname) await cache.delete(request);
      }
    }
  } catch {
    // Cache storage can be unavailable (private mode, storage cleared meanwhile): nothing to evict.
  }
}

/** model.json, parsed and checked; a copy that is not valid is evicted so the next try fetches it afresh. */
export async function loadModelSpec(specUrl: string): Promise<ModelSpec> {
  const response = await fetchOk(specUrl, 'model description');
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    await evictCachedCopies(specUrl);
    throw new ModelLoadError(`The model description (${specUrl}) is not valid JSON.`);
  }
  try {
    return parseModelSpec(json);
  } catch (error) {
    await evictCachedCopies(specUrl);
    throw new ModelLoadError((error as Error).message);
  }
}

async function download(url: string, what: string, init?: RequestInit): Promise<Uint8Array> {
  return new Uint8Array(await (await fetchOk(url, what, init)).arrayBuffer());
}

const sha256Of = (bytes: Uint8Array) => async () => toHex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));

/**
 * A model file's bytes, checked when model.json carries a check for it. A copy that fails the
 * check is evicted and downloaded again, past every cache; a second bad copy is an error.
 */
export async function downloadModelFile(url: string, what: string, check: FileCheck | undefined): Promise<Uint8Array> {
  const bytes = await download(url, what);
  if (!check || (await fileProblem(bytes.length, sha256Of(bytes), check)) === null) return bytes;
  await evictCachedCopies(url);
  const again = await download(url, what, { cache: 'reload' });
  const problem = await fileProblem(again.length, sha256Of(again), check);
  if (problem === null) return again;
  await evictCachedCopies(url);
  throw new ModelLoadError(`The ${what} could not be loaded: the file on the server is damaged (${problem}).`);
}

/**
 * Opens a downloaded model file (ORT session creation); when that fails, the copy is evicted
 * before the error goes on, so the next try downloads it afresh.
 */
export async function openModelFile<T>(url: string, open: () => Promise<T>, describe: (error: Error) => string): Promise<T> {
  try {
    return await open();
  } catch (error) {
    await evictCachedCopies(url);
    throw new ModelLoadError(describe(error as Error));
  }
}
