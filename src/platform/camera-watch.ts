// Notices the camera ending: a webcam unplugged, another app taking it, the OS or browser revoking
// it. The track then ends ('ended', or only readyState when something called track.stop(), which
// fires no event) or goes mute for good; a short mute is a driver hiccup and is tolerated.

/** How long a track may stay muted before the camera counts as stopped. */
export const CAMERA_MUTE_GRACE_MS = 3000;
const POLL_MS = 500;

/** Calls `onStopped` once when the track ends or stays muted past the grace time; returns the unwatch. */
export function watchCameraTrack(track: MediaStreamTrack, onStopped: () => void, muteGraceMs = CAMERA_MUTE_GRACE_MS): () => void {
  let done = false;
  let mutedTimer: ReturnType<typeof setTimeout> | null = null;
  const stopped = () => {
    if (done) return;
    unwatch();
    onStopped();
  };
  const onMute = () => {
    if (!mutedTimer) mutedTimer = setTimeout(stopped, muteGraceMs);
  };
  const onUnmute = () => {
    if (mutedTimer) clearTimeout(mutedTimer);
    mutedTimer = null;
  };
  const poll = setInterval(() => {
    if (track.readyState === 'ended') stopped();
  }, POLL_MS);
  track.addEventListener('ended', stopped);
  track.addEventListener('mute', onMute);
  track.addEventListener('unmute', onUnmute);
  if (track.muted) onMute();
  function unwatch(): void {
    done = true;
    clearInterval(poll);
    onUnmute();
    track.removeEventListener('ended', stopped);
    track.removeEventListener('mute', onMute);
    track.removeEventListener('unmute', onUnmute);
  }
  return unwatch;
}
