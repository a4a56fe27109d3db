// What a service worker keeps of older builds for the pages still running them. Taking over
// would otherwise delete every file the new build lacks (the old content-hashed chunks and
// worker, the old revisions of unhashed files) while a tab opened earlier still needs them:
// its next worker start would get index.html and crash, again and again. Each build that is
// replaced becomes a retained build: the cache keys only it (and older builds) used, and the
// clients open at that moment. It is released once none of those clients is left.

/** One replaced build: its cache keys that no newer build uses, and the clients that run it. */
export interface RetainedBuild {
  /** Absolute cache keys (`…?__WB_REVISION__=…` for unhashed files). */
  readonly cacheKeys: readonly string[];
  readonly clientIds: readonly string[];
}

/** Origin and path of a URL or cache key: the file, whatever its revision or query. */
export function fileOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/**
 * The retained builds after a new build takes over, oldest first. `cachedKeys` is everything in
 * the precache now, `currentKeys` the new build's keys, `openClientIds` every client open now.
 * Builds whose clients are all gone are dropped; `release` lists the cache keys to delete.
 */
export function retainOnTakeover(
  retained: readonly RetainedBuild[],
  cachedKeys: readonly string[],
  currentKeys: ReadonlySet<string>,
  openClientIds: readonly string[],
): { retained: RetainedBuild[]; release: string[] } {
  const { retained: alive, release } = releaseClosed(retained, openClientIds);
  const keptKeys = new Set(alive.flatMap((build) => build.cacheKeys));
  const keptClients = new Set(alive.flatMap((build) => build.clientIds));
  const staleKeys = cachedKeys.filter((key) => !currentKeys.has(key) && !keptKeys.has(key) && !release.includes(key));
  const clientIds = openClientIds.filter((id) => !keptClients.has(id));
  if (clientIds.length === 0) return { retained: alive, release: [...release, ...staleKeys] };
  return { retained: staleKeys.length > 0 ? [...alive, { cacheKeys: staleKeys, clientIds }] : alive, release };
}

/** Drops the retained builds none of whose clients is open any more; `release` lists their cache keys. */
export function releaseClosed(retained: readonly RetainedBuild[], openClientIds: readonly string[]): { retained: RetainedBuild[]; release: string[] } {
  const open = new Set(openClientIds);
  const alive = retained.filter((build) => build.clientIds.some((id) => open.has(id)));
  const release = retained.filter((build) => !alive.includes(build)).flatMap((build) => build.cacheKeys);
  return { retained: alive, release };
}

/** What the service worker knows of a request. */
export interface RequestFacts {
  readonly url: string;
  /** The page or worker (script URL) that made it; '' when none. */
  readonly referrer: string;
  readonly clientId: string;
  readonly navigation: boolean;
}

/**
 * The retained cache key that answers a request, or null to answer it from the current build.
 * A page of a retained build (known by its client id) or a script of one (known by its referrer,
 * a file only that build has: a worker it started later) gets its own build's revision of a file,
 * or that of the next build that kept it. A file the current build does not have at all (an old
 * content-hashed chunk) comes from any retained build that holds it. Navigations always get the
 * current build: a reload is the way onto the new version.
 */
export function retainedCacheKey(request: RequestFacts, retained: readonly RetainedBuild[], currentFiles: ReadonlySet<string>): string | null {
  if (request.navigation || retained.length === 0) return null;
  const file = fileOf(request.url);
  const keyIn = (build: RetainedBuild) => build.cacheKeys.find((key) => fileOf(key) === file) ?? null;
  const owner = buildOf(request, retained, currentFiles);
  if (owner >= 0) {
    for (const build of retained.slice(owner)) {
      const key = keyIn(build);
      if (key) return key;
    }
    return null;
  }
  if (currentFiles.has(file)) return null;
  for (const build of retained) {
    const key = keyIn(build);
    if (key) return key;
  }
  return null;
}

/** Index of the retained build that made the request, or -1 (the current build, or unknown). */
function buildOf(request: RequestFacts, retained: readonly RetainedBuild[], currentFiles: ReadonlySet<string>): number {
  const byClient = retained.findIndex((build) => request.clientId !== '' && build.clientIds.includes(request.clientId));
  if (byClient >= 0 || request.referrer === '') return byClient;
  const referrer = fileOf(request.referrer);
  if (currentFiles.has(referrer)) return -1;
  return retained.findIndex((build) => build.cacheKeys.some((key) => fileOf(key) === referrer));
}

/** Reads stored retention state; anything malformed counts as nothing retained. */
export function parseRetainedBuilds(value: unknown): RetainedBuild[] {
  if (!Array.isArray(value)) return [];
  const strings = (list: unknown): list is string[] => Array.isArray(list) && list.every((item) => typeof item === 'string');
  return value.flatMap((build: unknown) => {
    const { cacheKeys, clientIds } = (build ?? {}) as { cacheKeys?: unknown; clientIds?: unknown };
    return strings(cacheKeys) && strings(clientIds) ? [{ cacheKeys, clientIds }] : [];
  });
}
