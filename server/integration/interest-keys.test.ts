import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callRaw, snapshotOf, startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

async function firstVenture(socket: Parameters<typeof snapshotOf>[0]): Promise<string> {
  return (await snapshotOf(socket)).ventures[0]!.id;
}

describe('interest:set with an idempotency key (a phone’s offline outbox)', () => {
  it('answers a resent tap with its first answer, and never lets it undo a later tap', async () => {
    const firm = await h.connectAs(h.person('firm').url);
    const ventureId = await firstVenture(firm);
    const first = await call(firm, 'interest:set', { ventureId, level: 'interested', key: 'tap-key-0001' });
    const later = await call(firm, 'interest:set', { ventureId, level: 'want-to-meet', key: 'tap-key-0002' });
    expect(first.ok && later.ok).toBe(true);

    // The first tap's answer was lost and it is sent again: same answer, nothing rewritten.
    const changesBefore = h.store.db.prepare('SELECT COUNT(*) FROM changes').pluck().get();
    const again = await call(firm, 'interest:set', { ventureId, level: 'interested', key: 'tap-key-0001' });
    expect(again).toEqual(first);
    expect(h.store.db.prepare('SELECT COUNT(*) FROM changes').pluck().get()).toBe(changesBefore);
    expect((await snapshotOf(firm)).myInterests.map((i) => i.level)).toEqual(['want-to-meet']);
    expect((await snapshotOf(await h.connectBoard())).counts[ventureId]).toEqual({ total: 1, wantToMeet: 1 });
  });

  it('remembers a take-back (a null answer) under its key too', async () => {
    const firm = await h.connectAs(h.person('firm').url);
    const ventureId = await firstVenture(firm);
    await call(firm, 'interest:set', { ventureId, level: 'interested', key: 'tap-key-0101' });
    const undo = await call(firm, 'interest:set', { ventureId, level: null, key: 'tap-key-0102' });
    expect(undo).toEqual({ ok: true, data: null });
    await call(firm, 'interest:set', { ventureId, level: 'want-to-meet', key: 'tap-key-0103' });
    expect(await call(firm, 'interest:set', { ventureId, level: null, key: 'tap-key-0102' })).toEqual(undo);
    expect((await snapshotOf(firm)).myInterests.map((i) => i.level)).toEqual(['want-to-meet']);
  });

  it('keeps keys per person: another firm’s key is a new tap for this one', async () => {
    const firmA = await h.connectAs(h.person('firm', 0).url);
    const firmB = await h.connectAs(h.person('firm', 1).url);
    const ventureId = await firstVenture(firmA);
    await call(firmA, 'interest:set', { ventureId, level: 'interested', key: 'shared-key-01' });
    const b = await call(firmB, 'interest:set', { ventureId, level: 'want-to-meet', key: 'shared-key-01' });
    expect(b.ok && b.data?.level).toBe('want-to-meet');
    expect((await snapshotOf(await h.connectBoard())).counts[ventureId]).toEqual({ total: 2, wantToMeet: 1 });
  });

  it('refuses a malformed key with the reason', async () => {
    const firm = await h.connectAs(h.person('firm').url);
    const ventureId = await firstVenture(firm);
    const bad = await callRaw(firm, 'interest:set', { ventureId, level: 'interested', key: 'no spaces!' });
    expect(bad.ok || bad.error).toEqual({
      code: 'BAD_REQUEST',
      reason: 'validation',
      params: { field: 'key', problem: 'invalid_format' },
      message: expect.stringContaining('key'),
    });
    expect((await snapshotOf(firm)).myInterests).toEqual([]);
  });
});
