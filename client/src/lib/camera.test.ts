import { Html5QrcodeStrings } from 'html5-qrcode/esm/strings';
import { describe, expect, it } from 'vitest';
import { ja as first } from './messages';
import { en as firstEn } from './messages-en';
import { jaLater } from './messages-later';
import { enLater } from './messages-later-en';
import { cameraErrorName, cameraProblem, cameraSupport } from './camera';

// The door's sentences are in both tables: the camera's problems in the first, its button in the later one.
const ja = { ...first, ...jaLater };
const en = { ...firstEn, ...enLater };

describe('cameraSupport', () => {
  it('allows the camera only on a secure page with getUserMedia', () => {
    expect(cameraSupport({ isSecureContext: true, hasGetUserMedia: true })).toBe('allowed');
    // Plain HTTP at a venue address: browsers hide getUserMedia altogether.
    expect(cameraSupport({ isSecureContext: false, hasGetUserMedia: false })).toBe('insecure');
    expect(cameraSupport({ isSecureContext: true, hasGetUserMedia: false })).toBe('unsupported');
  });
});

// What a station's camera start rejects with: the browser's DOMException itself, or html5-qrcode's
// own string around it (built here by the library's own function, so a change of its wording shows).
const refusal = (name: string, message: string) => new DOMException(message, name);
const wrapped = (name: string, message: string) => Html5QrcodeStrings.errorGettingUserMedia(refusal(name, message));

describe('cameraProblem: the browser’s refusal as something the door staff can act on', () => {
  it.each([
    ['NotAllowedError', 'Permission denied', 'denied'],
    ['NotFoundError', 'Requested device not found', 'not-found'],
    ['NotReadableError', 'Could not start video source', 'in-use'],
    ['OverconstrainedError', 'Constraints could not be satisfied', 'overconstrained'],
    ['PermissionDeniedError', '', 'denied'],
    ['TrackStartError', '', 'in-use'],
  ] as const)('%s, as an object and wrapped in html5-qrcode’s string, is %s', (name, message, problem) => {
    expect(cameraProblem(refusal(name, message))).toBe(problem);
    expect(cameraProblem(wrapped(name, message))).toBe(problem);
    expect(cameraErrorName(wrapped(name, message))).toBe(name);
  });

  it('reads html5-qrcode’s own errors: no camera API is unsupported, anything unknown is a failure to retry', () => {
    expect(cameraProblem(Html5QrcodeStrings.cameraStreamingNotSupported())).toBe('unsupported');
    expect(cameraProblem('navigator.mediaDevices not supported')).toBe('unsupported');
    expect(cameraProblem('No video tracks found')).toBe('not-found');
    expect(cameraProblem('RenderedCameraImpl video surface onerror() called')).toBe('failed');
    expect(cameraProblem(new Error('something else'))).toBe('failed');
    expect(cameraProblem(undefined)).toBe('failed');
    expect(cameraErrorName('RenderedCameraImpl video surface onerror() called')).toBeNull();
  });

  it('on a page that is not secure the answer is HTTPS, whatever the browser said', () => {
    expect(cameraProblem(refusal('NotAllowedError', 'Permission denied'), false)).toBe('insecure');
    expect(cameraProblem('navigator.mediaDevices not supported', false)).toBe('insecure');
  });

  it('every problem a camera can have is a sentence in both languages that points to what to do', () => {
    for (const problem of ['denied', 'not-found', 'in-use', 'overconstrained', 'failed'] as const) {
      const key = `checkin.camera.${problem}` as const;
      expect(ja[key]).toMatch(/。$/);
      expect(en[key]).toMatch(/\.$/);
    }
    // Each of the retryable ones tells the staff to press the button the message sits above.
    for (const problem of ['denied', 'not-found', 'in-use', 'failed'] as const) {
      expect(ja[`checkin.camera.${problem}`]).toContain(`「${ja['checkin.cameraStart']}」`);
      expect(en[`checkin.camera.${problem}`]).toContain(en['checkin.cameraStart']);
    }
  });
});
