import { describe, expect, it } from 'vitest';
import { cameraSupport } from './camera';

describe('cameraSupport', () => {
  it('allows the camera only on a secure page with getUserMedia', () => {
    expect(cameraSupport({ isSecureContext: true, hasGetUserMedia: true })).toBe('allowed');
    // Plain HTTP at a venue address: browsers hide getUserMedia altogether.
    expect(cameraSupport({ isSecureContext: false, hasGetUserMedia: false })).toBe('insecure');
    expect(cameraSupport({ isSecureContext: true, hasGetUserMedia: false })).toBe('unsupported');
  });
});
