// Which failure the app shows, and where: a screen (it replaces the practice view: the model or
// the camera is missing) or a banner (practice goes on). Pure rules over the events of live
// practice, tested in Node; PracticeFeed (src/elements/practice-feed.ts) applies them.

export type ErrorKind = 'model' | 'camera' | 'camera-stopped' | 'take-lost' | 'worker-crash' | 'runtime' | 'unsupported';

export interface ShownError {
  readonly kind: ErrorKind;
  readonly message: string;
}

export interface Notices {
  readonly screen: ShownError | null;
  readonly banner: ShownError | null;
}

export const NO_NOTICES: Notices = { screen: null, banner: null };

/** The worker's status (the kinds of WorkerStatus that matter here). */
export type StatusEvent = { readonly kind: 'loading' | 'ready' } | { readonly kind: 'model-error' | 'error'; readonly message: string };

export function onStatus(notices: Notices, status: StatusEvent): Notices {
  if (status.kind === 'model-error') return { ...notices, screen: { kind: 'model', message: status.message } };
  if (status.kind === 'error') return { ...notices, banner: { kind: 'runtime', message: status.message } };
  if (status.kind === 'ready' && notices.screen?.kind === 'model') return { ...notices, screen: null };
  return notices;
}

const withoutCameraScreen = (notices: Notices): Notices =>
  notices.screen?.kind === 'camera' || notices.screen?.kind === 'camera-stopped' ? { ...notices, screen: null } : notices;

/** A camera or the demo juggler started: a screen about the camera goes. */
export const onSourceStarted = withoutCameraScreen;

/** A camera could not be opened; a model error keeps the screen (it is the one to fix first). */
export function onCameraFailed(notices: Notices, message: string): Notices {
  return notices.screen?.kind === 'model' ? notices : { ...notices, screen: { kind: 'camera', message } };
}

/** The camera ended mid-practice; `takeLost` when a recording take was cut short (it is dropped). */
export function onCameraStopped(notices: Notices, takeLost: boolean): Notices {
  const banner: ShownError | null = takeLost
    ? { kind: 'take-lost', message: 'The camera stopped during a take, so that clip was discarded. Clips kept before it are safe; reconnect to record again.' }
    : notices.banner;
  const screen: ShownError | null =
    notices.screen?.kind === 'model'
      ? notices.screen
      : { kind: 'camera-stopped', message: 'It was unplugged, another app took it, or the browser turned it off. Connect it again and press Reconnect, or try the demo juggler.' };
  return { screen, banner };
}

/** What Retry does: reload the recogniser (a model error, or a runtime banner), or open the camera again. */
export function retryAction(notices: Notices): { readonly action: 'reload' | 'camera' | null; readonly notices: Notices } {
  const kind = notices.screen?.kind;
  if (kind === 'model') return { action: 'reload', notices: { ...notices, screen: null } };
  if (kind === 'camera' || kind === 'camera-stopped') return { action: 'camera', notices };
  if (notices.banner?.kind === 'runtime') return { action: 'reload', notices: { ...notices, banner: null } };
  return { action: null, notices };
}

/** A problem practice goes on through (a worker restart, a head that could not be used, the demo failing). */
export function withBanner(notices: Notices, kind: ErrorKind, message: string): Notices {
  return { ...notices, banner: { kind, message } };
}
