import { describe, expect, it } from 'vitest';
import { backlogView, LONG_OFFLINE_MS } from './backlog';

const T1402 = Date.parse('2026-12-02T05:02:00Z'); // 14:02 in Tokyo

describe('the station’s backlog line', () => {
  it('says nothing while live with nothing waiting, or while only starting up', () => {
    expect(backlogView({ pending: 0, status: 'online', heardAt: T1402, copyAt: null, now: T1402 })).toEqual({
      show: false,
    });
    expect(backlogView({ pending: 0, status: 'connecting', heardAt: null, copyAt: null, now: T1402 })).toEqual({
      show: false,
    });
  });

  it('offline, says since when it was last in step, even with nothing waiting', () => {
    const view = backlogView({ pending: 0, status: 'offline', heardAt: T1402, copyAt: null, now: T1402 + 60_000 });
    expect(view).toEqual({ show: true, pending: 0, syncedAt: T1402, long: false });
  });

  it('after a reload offline, takes the time of the copy on screen', () => {
    const view = backlogView({ pending: 3, status: 'reconnecting', heardAt: null, copyAt: T1402, now: T1402 });
    expect(view).toMatchObject({ syncedAt: T1402, long: false });
  });

  it('turns large once offline for a while, and back when the connection returns', () => {
    const cut = { pending: 12, heardAt: T1402, copyAt: null };
    expect(backlogView({ ...cut, status: 'offline', now: T1402 + LONG_OFFLINE_MS - 1 })).toMatchObject({ long: false });
    expect(backlogView({ ...cut, status: 'offline', now: T1402 + LONG_OFFLINE_MS })).toMatchObject({ long: true });
    // Draining: live, the line stays until the last one is sent, synced now.
    const now = T1402 + LONG_OFFLINE_MS + 5000;
    expect(backlogView({ ...cut, status: 'online', now })).toEqual({
      show: true,
      pending: 12,
      syncedAt: now,
      long: false,
    });
  });

  it('is not large while a page that has waiting scans is still connecting', () => {
    const view = backlogView({ pending: 4, status: 'connecting', heardAt: null, copyAt: null, now: T1402 });
    expect(view).toEqual({ show: true, pending: 4, syncedAt: null, long: false });
  });
});
