import { describe, expect, it } from 'vitest';
import { AddressBuckets, HTTP_LIMITS } from './rate-limit.js';

describe('per-address token buckets', () => {
  it('lets a burst through, then one request per refill, and says how long to wait', () => {
    let t = 0;
    const buckets = new AddressBuckets({ burst: 3, perSecond: 0.5 }, () => t);
    expect([1, 2, 3].map(() => buckets.take('10.0.0.7'))).toEqual([0, 0, 0]);
    expect(buckets.take('10.0.0.7')).toBe(2);
    t += 1000;
    expect(buckets.take('10.0.0.7')).toBe(1);
    t += 1000;
    expect(buckets.take('10.0.0.7')).toBe(0);
    expect(buckets.take('10.0.0.7')).toBe(2);
    // Refusals do not dig the hole deeper: waiting as told is enough.
    for (let i = 0; i < 50; i++) buckets.take('10.0.0.7');
    t += 2000;
    expect(buckets.take('10.0.0.7')).toBe(0);
  });

  it('counts each address on its own', () => {
    const buckets = new AddressBuckets({ burst: 1, perSecond: 1 }, () => 0);
    expect(buckets.take('10.0.0.1')).toBe(0);
    expect(buckets.take('10.0.0.1')).toBe(1);
    expect(buckets.take('10.0.0.2')).toBe(0);
    expect(buckets.take('::1')).toBe(0);
  });

  it('remembers a bounded number of addresses, forgetting refilled ones first and never a busy one', () => {
    let t = 0;
    const buckets = new AddressBuckets({ burst: 2, perSecond: 1 }, () => t, 3);
    buckets.take('busy');
    buckets.take('busy');
    t += 100;
    buckets.take('a');
    buckets.take('b');
    t += 3000; // a and b have refilled; busy too, but it is used again now
    buckets.take('busy');
    buckets.take('busy');
    buckets.take('c');
    expect(buckets.size).toBeLessThanOrEqual(3);
    expect(buckets.take('busy')).toBe(1);
  });

  it('refuses settings that would block everyone or nobody', () => {
    expect(() => new AddressBuckets({ burst: 0, perSecond: 1 })).toThrow(/burst of at least 1/);
    expect(() => new AddressBuckets({ burst: 5, perSecond: 0 })).toThrow(/positive rate/);
    expect(() => new AddressBuckets({ burst: Number.NaN, perSecond: 1 })).toThrow();
    expect(HTTP_LIMITS.signIn.burst).toBeGreaterThanOrEqual(HTTP_LIMITS.post.burst);
  });
});
