// Camera access. Every failure becomes a CameraError whose message a person can act on.

export type CameraErrorKind = 'denied' | 'not-found' | 'in-use' | 'unsupported' | 'other';

export class CameraError extends Error {
  constructor(
    readonly kind: CameraErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'CameraError';
  }
}

export interface CameraInfo {
  readonly deviceId: string;
  readonly label: string;
}

const MESSAGES: Record<CameraErrorKind, string> = {
  denied: 'Camera access was denied. Allow the camera for this site in your browser settings, then reload. Nothing leaves your device.',
  'not-found': 'No camera found. Connect a webcam and reload, or try the demo juggler.',
  'in-use': 'The camera is busy in another app or tab. Close it there and try again.',
  unsupported: 'This browser cannot open a camera here (it needs https or localhost).',
  other: 'The camera could not be started.',
};

export function toCameraError(error: unknown): CameraError {
  if (error instanceof CameraError) return error;
  const name = (error as { name?: string } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new CameraError('denied', MESSAGES.denied);
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new CameraError('not-found', MESSAGES['not-found']);
    case 'NotReadableError':
    case 'AbortError':
      return new CameraError('in-use', MESSAGES['in-use']);
    default:
      return new CameraError('other', `${MESSAGES.other} ${(error as Error)?.message ?? ''}`.trim());
  }
}

/** Video inputs; labels are empty until permission was granted once. */
export async function listCameras(): Promise<CameraInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((device) => device.kind === 'videoinput')
    .map((device, index) => ({ deviceId: device.deviceId, label: device.label || `Camera ${index + 1}` }));
}

export async function openCamera(deviceId?: string): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('unsupported', MESSAGES.unsupported);
  const video: MediaTrackConstraints = {
    // 640×480 is plenty: the model sees a 64 px crop; more pixels only cost decode time.
    width: { ideal: 640 },
    height: { ideal: 480 },
    frameRate: { ideal: 30 },
  };
  if (deviceId) video.deviceId = { exact: deviceId };
  try {
    return await navigator.mediaDevices.getUserMedia({ video, audio: false });
  } catch (error) {
    throw toCameraError(error);
  }
}

export function stopStream(stream: MediaStream | null): void {
  stream?.getTracks().forEach((track) => track.stop());
}
