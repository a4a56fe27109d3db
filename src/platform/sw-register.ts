// Service-worker registration with an explicit update prompt: a new build installs in the
// background and waits; the page offers "reload", and only then does it take over.
import { Workbox } from 'workbox-window';

export interface UpdateHooks {
  /** Called once when a new version is installed and waiting; call `accept` to switch to it. */
  onUpdateReady(accept: () => void): void;
}

const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export function registerServiceWorker(hooks: UpdateHooks): Workbox | null {
  if (!('serviceWorker' in navigator)) return null;
  const workbox = new Workbox(new URL('sw.js', document.baseURI).href, { scope: './' });
  let offered = false;
  const accept = () => {
    // Reload once the new worker controls the page, so shell and model match.
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    workbox.messageSkipWaiting();
  };
  const offer = () => {
    // Only an update: the very first install (nothing controls the page yet) needs no prompt.
    if (offered || !navigator.serviceWorker.controller) return;
    offered = true;
    hooks.onUpdateReady(accept);
  };
  workbox.addEventListener('waiting', offer);
  void workbox.register().then((registration) => {
    if (!registration) return;
    // The navigation itself may have found the update before register() ran; workbox-window
    // misses that 'updatefound', so watch the installing worker here as well.
    const watch = (worker: ServiceWorker | null) =>
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed') offer();
      });
    if (registration.waiting) offer();
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    // Check at once (the browser's own check after a navigation can lag by many seconds), and
    // now and then, since a practice session can stay open for hours.
    const checkForUpdate = () => void registration.update().catch(() => undefined);
    if (navigator.serviceWorker.controller) checkForUpdate();
    setInterval(checkForUpdate, UPDATE_CHECK_INTERVAL_MS);
  });
  return workbox;
}
