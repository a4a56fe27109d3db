// Service-worker registration with an explicit update prompt: a new build installs in the
// background and waits; the page offers "reload", and only then does it take over.
import { Workbox } from 'workbox-window';

export interface UpdateHooks {
  /** Called when a new version is installed and waiting; call `accept` to switch to it. */
  onUpdateReady(accept: () => void): void;
}

export function registerServiceWorker(hooks: UpdateHooks): Workbox | null {
  if (!('serviceWorker' in navigator)) return null;
  const workbox = new Workbox(new URL('sw.js', document.baseURI).href, { scope: './' });
  workbox.addEventListener('waiting', () => {
    hooks.onUpdateReady(() => {
      // Reload once the new worker controls the page, so shell and model match.
      workbox.addEventListener('controlling', () => window.location.reload());
      workbox.messageSkipWaiting();
    });
  });
  void workbox.register();
  return workbox;
}
