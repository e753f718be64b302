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
