import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../shared/errors';
import { intentKeys, newKey } from './keys';

describe('idempotency keys', () => {
  it('makes keys the server accepts, a new one each time', () => {
    const keys = new Set(Array.from({ length: 50 }, newKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it('keeps an intent’s key while its outcome is unknown, and gives a new one once it is answered', () => {
    const keys = intentKeys();
    const extend = 'program:control {"action":"extend","seconds":60}';
    const first = keys.keyFor(extend);
    keys.settle(extend, { ok: false, error: { code: ErrorCode.Internal } }); // timed out: done or not?
    expect(keys.keyFor(extend)).toBe(first);
    expect(keys.keyFor('program:control {"action":"pause"}')).not.toBe(first);
    keys.settle(extend, { ok: true });
    const next = keys.keyFor(extend); // another minute, on purpose
    expect(next).not.toBe(first);
    keys.settle(extend, { ok: false, error: { code: ErrorCode.Conflict } }); // refused: that one is over too
    expect(keys.keyFor(extend)).not.toBe(next);
  });
});
