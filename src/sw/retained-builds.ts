// The service worker's side of src/core/precache-retention.ts: the retained builds live in
// their own small cache (it outlives the worker's restarts), their files stay in the precache
// until their last client closes.
import { parseRetainedBuilds, releaseClosed, retainOnTakeover, type RetainedBuild } from '../core/precache-retention.ts';

declare const self: ServiceWorkerGlobalScope;

const STATE_CACHE = 'jt-retained-builds';
const stateKey = () => new URL('retained-builds.json', self.registration.scope).href;

async function openClientIds(): Promise<string[]> {
  return (await self.clients.matchAll({ type: 'all', includeUncontrolled: true })).map((client) => client.id);
}

export class RetainedBuilds {
  private state: Promise<RetainedBuild[]> | null = null;
  /** Changes run one at a time: a takeover and a release must not interleave. */
  private changes: Promise<unknown> = Promise.resolve();

  constructor(private readonly precacheName: string) {}

  /** The retained builds, oldest first (read once per worker start). */
  current(): Promise<RetainedBuild[]> {
    this.state ??= caches
      .open(STATE_CACHE)
      .then((cache) => cache.match(stateKey()))
      .then(async (response) => parseRetainedBuilds(response ? await response.json() : []))
      .catch(() => []);
    return this.state;
  }

  /** On activation: keeps what the replaced build's open clients still need, deletes the rest. */
  takeOver(currentKeys: ReadonlySet<string>): Promise<void> {
    return this.change(async (retained) => {
      const cache = await caches.open(this.precacheName);
      const cachedKeys = (await cache.keys()).map((request) => request.url);
      return retainOnTakeover(retained, cachedKeys, currentKeys, await openClientIds());
    });
  }

  /** Deletes the files of retained builds whose clients have all closed. */
  releaseClosed(): Promise<void> {
    return this.change(async (retained) => (retained.length === 0 ? { retained, release: [] } : releaseClosed(retained, await openClientIds())));
  }

  private change(step: (retained: RetainedBuild[]) => Promise<{ retained: RetainedBuild[]; release: string[] }>): Promise<void> {
    const run = this.changes.then(async () => {
      const before = await this.current();
      const { retained, release } = await step(before);
      if (release.length === 0 && JSON.stringify(retained) === JSON.stringify(before)) return;
      // The state first: a key it no longer names may go, never the other way round.
      const stateCache = await caches.open(STATE_CACHE);
      await stateCache.put(stateKey(), new Response(JSON.stringify(retained), { headers: { 'Content-Type': 'application/json' } }));
      this.state = Promise.resolve(retained);
      const cache = await caches.open(this.precacheName);
      for (const key of release) await cache.delete(key);
    });
    this.changes = run.catch(() => undefined);
    return run;
  }
}
