// The service worker: precaches the app shell, ORT's wasm, and the shipped model, so the app
// starts and classifies offline. A new build waits until a page asks it to take over
// (src/platform/sw-register.ts shows the "new version" prompt); the files of the build it
// replaces stay for the tabs still running that build (src/sw/retained-builds.ts).
import { cleanupOutdatedCaches, PrecacheController, PrecacheRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, Router } from 'workbox-routing';
import { fileOf, retainedCacheKey } from '../core/precache-retention.ts';
import { RetainedBuilds } from './retained-builds.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

const precache = new PrecacheController();
precache.addToCacheList(self.__WB_MANIFEST);
const currentKeys = new Set(precache.getURLsToCacheKeys().values());
const currentFiles = new Set([...currentKeys].map(fileOf));
const retainedBuilds = new RetainedBuilds(precache.strategy.cacheName);

const router = new Router();
router.registerRoute(new PrecacheRoute(precache));
// Any navigation (deep link, start_url with a query) is answered by the cached shell.
router.registerRoute(new NavigationRoute(precache.createHandlerBoundToURL('index.html')));

self.addEventListener('install', (event) => void precache.install(event));
// Not workbox's activate, which deletes every file the new build lacks, at once.
self.addEventListener('activate', (event) => event.waitUntil(retainedBuilds.takeOver(currentKeys)));
cleanupOutdatedCaches();

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // A navigation is the moment a tab of an older build may have gone.
  if (request.mode === 'navigate') event.waitUntil(retainedBuilds.releaseClosed().catch(() => undefined));
  event.respondWith(respond(event));
});

async function respond(event: FetchEvent): Promise<Response> {
  const { request } = event;
  const facts = { url: request.url, referrer: request.referrer, clientId: event.clientId, navigation: request.mode === 'navigate' };
  const key = retainedCacheKey(facts, await retainedBuilds.current(), currentFiles);
  const retained = key ? await caches.open(precache.strategy.cacheName).then((cache) => cache.match(key)) : undefined;
  if (retained) return retained;
  return router.handleRequest({ request, event }) ?? fetch(request);
}

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
