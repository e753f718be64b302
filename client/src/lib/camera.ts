/**
 * Whether the browser would let this page open a camera, without opening it: getUserMedia exists
 * only on secure pages (https, or http://localhost on the server's own laptop), and not in every
 * in-app browser. Read by the check-in station and by the connection check.
 */
export type CameraSupport = 'allowed' | 'insecure' | 'unsupported';

export function cameraSupport(
  env: { isSecureContext: boolean; hasGetUserMedia: boolean } = {
    isSecureContext: window.isSecureContext,
    hasGetUserMedia: typeof navigator.mediaDevices?.getUserMedia === 'function',
  },
): CameraSupport {
  if (!env.isSecureContext) return 'insecure';
  return env.hasGetUserMedia ? 'allowed' : 'unsupported';
}

/**
 * Why a station's camera did not start, as the door staff can act on it. The browser names its
 * refusal (a DOMException's name); html5-qrcode passes some on as objects and wraps others in its
 * own English strings ("Error getting userMedia, error = NotAllowedError: …"), so both are read.
 */
export type CameraProblem =
  'denied' | 'not-found' | 'in-use' | 'overconstrained' | 'insecure' | 'unsupported' | 'failed';

// Older Chrome and Firefox names beside the standard ones.
const PROBLEM_BY_NAME: Record<string, CameraProblem> = {
  NotAllowedError: 'denied',
  PermissionDeniedError: 'denied',
  SecurityError: 'denied',
  NotFoundError: 'not-found',
  DevicesNotFoundError: 'not-found',
  NotReadableError: 'in-use',
  TrackStartError: 'in-use',
  AbortError: 'in-use',
  OverconstrainedError: 'overconstrained',
  ConstraintNotSatisfiedError: 'overconstrained',
};

/** The browser's name for the refusal (NotAllowedError…), shown small beside the sentence for support. */
export function cameraErrorName(error: unknown): string | null {
  if (error && typeof error === 'object' && 'name' in error && typeof error.name === 'string') {
    if (error.name in PROBLEM_BY_NAME) return error.name;
  }
  const text = typeof error === 'string' ? error : error instanceof Error ? error.message : '';
  return Object.keys(PROBLEM_BY_NAME).find((name) => text.includes(name)) ?? null;
}

export function cameraProblem(error: unknown, isSecureContext = true): CameraProblem {
  if (!isSecureContext) return 'insecure';
  const name = cameraErrorName(error);
  if (name) return PROBLEM_BY_NAME[name]!;
  const text = typeof error === 'string' ? error : error instanceof Error ? error.message : '';
  // html5-qrcode's own words when the browser has no camera API at all, or the stream has no video.
  if (/streaming not supported|mediaDevices/i.test(text)) return 'unsupported';
  if (/no video tracks/i.test(text)) return 'not-found';
  return 'failed';
}
