import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest-only';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('latestOnly', () => {
  it('drops an earlier answer that arrives after the later one', async () => {
    const latest = latestOnly();
    const first = deferred<string>();
    const second = deferred<string>();
    const a = latest.run(() => first.promise);
    const b = latest.run(() => second.promise);
    second.resolve('second');
    expect(await b).toEqual({ latest: true, value: 'second' });
    first.resolve('first');
    expect(await a).toEqual({ latest: false });
  });

  it('drops an earlier answer that arrives first, while the later one is still out', async () => {
    const latest = latestOnly();
    const first = deferred<string>();
    const second = deferred<string>();
    const a = latest.run(() => first.promise);
    const b = latest.run(() => second.promise);
    first.resolve('first');
    expect(await a).toEqual({ latest: false });
    second.resolve('second');
    expect(await b).toEqual({ latest: true, value: 'second' });
  });

  it('keeps every answer of requests that do not overlap', async () => {
    const latest = latestOnly();
    expect(await latest.run(() => Promise.resolve(1))).toEqual({ latest: true, value: 1 });
    expect(await latest.run(() => Promise.resolve(2))).toEqual({ latest: true, value: 2 });
  });
});
