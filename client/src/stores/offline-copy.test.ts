/**
 * The offline copy against the app's real stores, as the socket drives them: a view received live is
 * kept, shown with its time by a later page that cannot connect, and dropped when the session ends.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION } from '../../../shared/constants';
import type { PersonSummary } from '../../../shared/model';
import { EMPTY_REPLICA, type Replica } from '../../../shared/replica';
import { MemoryStorage } from '../testing/outbox';
import { useConnection, type ConnectionStatus } from './connection-store';
import { useEventStore } from './event-store';
import { forgetOfflineCopy, loadView, OFFLINE_COPY_KEY, startOfflineCopy, useOfflineCopy } from './offline-copy';

const AT_14_02 = Date.parse('2026-12-02T05:02:00Z'); // 14:02 in Tokyo

function firmView(personId = 'p-firm'): Replica {
  return {
    ...EMPTY_REPLICA,
    event: { id: 'e1', name: '苫小牧ピッチ', venue: '会場', date: '2026-12-02', timeZone: 'Asia/Tokyo' },
    viewer: {
      kind: 'person',
      personId,
      name: '佐藤 花子',
      role: 'firm',
      org: { id: 'o1', kind: 'firm', name: '苫小牧精機' },
    },
    ventures: [{ id: 'v1', name: '北海ロボティクス', nameKana: 'ほっかいろぼてぃくす', summary: '', tags: [] }],
    myInterests: { v1: { ventureId: 'v1', level: 'want-to-meet', tags: [], note: '', shareNote: false, updatedAt: 1 } },
  };
}

const setStatus = (status: ConnectionStatus) => useConnection.setState({ status });

/** A fresh page: empty stores, the socket not yet connected. */
function newPage(): void {
  useEventStore.setState({ loaded: false, ...EMPTY_REPLICA });
  useConnection.setState({ status: 'connecting', heardAt: null });
  useOfflineCopy.setState({ updatedAt: null });
}

/** A page that syncs as the socket does: the snapshot lands, then the status turns online. */
function receiveLive(view: Replica): void {
  useEventStore.setState({ loaded: true, ...view });
  useConnection.setState({ status: 'online', heardAt: Date.now() });
}

let storage: MemoryStorage;
let stop: () => void;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(AT_14_02);
  storage = new MemoryStorage();
  newPage();
});

afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('the offline copy', () => {
  it('keeps the live view and shows it, with its time, to a later page that cannot connect', () => {
    stop = startOfflineCopy({ storage, signedInJustNow: false, board: false, page: null });
    receiveLive(firmView());
    vi.advanceTimersByTime(1000);
    // Written a moment after it arrived (changes are gathered), stamped when it was heard.
    expect(loadView(storage)?.savedAt).toBe(AT_14_02);

    stop();
    newPage();
    vi.setSystemTime(AT_14_02 + 3600_000);
    stop = startOfflineCopy({ storage, signedInJustNow: false, board: false, page: null });
    setStatus('offline');
    const shown = useEventStore.getState();
    expect(shown.loaded).toBe(true);
    expect(shown.ventures.map((v) => v.name)).toEqual(['北海ロボティクス']);
    expect(shown.myInterests.v1?.level).toBe('want-to-meet');
    expect(useOfflineCopy.getState().updatedAt).toBe(AT_14_02);

    // Back online: the fresh snapshot replaces it and the screen is live again.
    receiveLive({ ...firmView(), ventures: [] });
    expect(useEventStore.getState().ventures).toEqual([]);
    expect(useOfflineCopy.getState().updatedAt).toBeNull();
  });

  it('also shows it when the network is up but the server does not answer', () => {
    stop = startOfflineCopy({ storage, signedInJustNow: false, board: false, page: null });
    receiveLive(firmView());
    vi.advanceTimersByTime(1000);
    stop();
    newPage();
    stop = startOfflineCopy({ storage, signedInJustNow: false, board: false, page: null });
    setStatus('reconnecting');
    expect(useEventStore.getState().loaded).toBe(true);
  });

  it('stamps when the server was last heard before the loss, and keeps the view as it was then', () => {
    stop = startOfflineCopy({ storage, signedInJustNow: false, board: false, page: null });
    receiveLive(firmView());
    vi.advanceTimersByTime(5 * 60_000);
    // A change that arrived just before the drop, still inside the write delay.
    useEventStore.setState({ ventures: [] });
    useConnection.setState({ heardAt: Date.now() });
    vi.advanceTimersByTime(20_000); // the loss is noticed a ping later
    setStatus('offline');
    expect(useOfflineCopy.getState().updatedAt).toBe(AT_14_02 + 5 * 60_000);
    expect(loadView(storage)?.savedAt).toBe(AT_14_02 + 5 * 60_000);
    expect(loadView(storage)?.replica.ventures).toEqual([]);
    // Not written again while offline: the page's own changes (a queued tap) are not news from the server.
    useEventStore.setState({ topics: ['省力化'] });
    vi.advanceTimersByTime(5000);
    expect(loadView(storage)?.replica.topics).toEqual([]);
  });

  it('is dropped when the session ends (signed out, badge reissued)', () => {
    stop = startOfflineCopy({ storage, signedInJustNow: false, board: false, page: null });
    receiveLive(firmView());
    vi.advanceTimersByTime(1000);
    setStatus('reconnecting');
    setStatus('unauthenticated');
    expect(storage.getItem(OFFLINE_COPY_KEY)).toBeNull();
    expect(useOfflineCopy.getState().updatedAt).toBeNull();
  });

  it('is dropped on sign-out, and a write still waiting does not bring it back', () => {
    stop = startOfflineCopy({ storage, signedInJustNow: false, board: false, page: null });
    receiveLive(firmView());
    vi.advanceTimersByTime(1000);
    useEventStore.setState({ topics: ['省力化'] });
    forgetOfflineCopy();
    vi.advanceTimersByTime(5000);
    expect(storage.getItem(OFFLINE_COPY_KEY)).toBeNull();
  });

  it('is dropped when a badge link has just signed someone in, before anything can show it', () => {
    stop = startOfflineCopy({ storage, signedInJustNow: false, board: false, page: null });
    receiveLive(firmView('p-first'));
    vi.advanceTimersByTime(1000);
    stop();
    newPage();
    stop = startOfflineCopy({ storage, signedInJustNow: true, board: false, page: null });
    setStatus('reconnecting');
    expect(useEventStore.getState().loaded).toBe(false);
    expect(storage.getItem(OFFLINE_COPY_KEY)).toBeNull();
  });

  it('keeps no board view, and shows no copy of another protocol or of a broken shape', () => {
    stop = startOfflineCopy({ storage, signedInJustNow: false, board: false, page: null });
    receiveLive({ ...firmView(), viewer: { kind: 'board' } });
    vi.advanceTimersByTime(1000);
    expect(storage.getItem(OFFLINE_COPY_KEY)).toBeNull();

    const stored = { protocol: PROTOCOL_VERSION + 1, owner: 'e1:p-firm', savedAt: AT_14_02, replica: firmView() };
    storage.setItem(OFFLINE_COPY_KEY, JSON.stringify(stored));
    expect(loadView(storage)).toBeNull();
    storage.setItem(OFFLINE_COPY_KEY, JSON.stringify({ ...stored, protocol: PROTOCOL_VERSION, owner: 'e1:p-other' }));
    expect(loadView(storage)).toBeNull();
    storage.setItem(OFFLINE_COPY_KEY, '{not json');
    expect(loadView(storage)).toBeNull();
    storage.setItem(OFFLINE_COPY_KEY, JSON.stringify({ ...stored, protocol: PROTOCOL_VERSION }));
    expect(loadView(storage)?.owner).toBe('e1:p-firm');
  });

  it('on a phone woken long after it was locked, says when it was last current, not when the loss was seen', () => {
    stop = startOfflineCopy({ storage, signedInJustNow: false, board: false, page: null });
    receiveLive(firmView());
    vi.advanceTimersByTime(1000);
    // Locked at 14:02, woken at 15:40 with the venue's Wi-Fi down: nothing was heard in between.
    vi.setSystemTime(AT_14_02 + 98 * 60_000);
    setStatus('offline');
    expect(useOfflineCopy.getState().updatedAt).toBe(AT_14_02);
    expect(loadView(storage)?.savedAt).toBe(AT_14_02);
  });

  it('is not shown, and is dropped, a day after it was last current', () => {
    stop = startOfflineCopy({ storage, signedInJustNow: false, board: false, page: null });
    receiveLive(firmView());
    vi.advanceTimersByTime(1000);
    expect(loadView(storage, AT_14_02 + 23 * 3600_000)).not.toBeNull();
    expect(loadView(storage, AT_14_02 + 25 * 3600_000)).toBeNull();
    expect(storage.getItem(OFFLINE_COPY_KEY)).toBeNull();
  });

  it('keeps a door station’s people with their badge checks, and a thousand of them fit with room to spare', () => {
    const people: PersonSummary[] = Array.from({ length: 1000 }, (_, i) => ({
      id: `p${i}`,
      name: `佐藤 花子${i}`,
      nameKana: `さとう はなこ${i}`,
      role: 'firm',
      orgId: `o${i % 300}`,
      orgName: `苫小牧精機株式会社${i % 300}`,
      title: '営業部 部長',
      checkin: i % 2 ? { at: AT_14_02, station: 'A', method: 'qr' } : null,
      badge: `badge-check-${String(i).padStart(10, '0')}`,
      revokedBadges: i % 50 ? [] : [`old-check-${String(i).padStart(12, '0')}`],
    }));
    const station: Replica = {
      ...firmView('p-organizer'),
      viewer: { kind: 'person', personId: 'p-organizer', name: '事務局', role: 'organizer', org: null },
      people,
    };
    stop = startOfflineCopy({ storage, signedInJustNow: false, board: false, page: null });
    receiveLive(station);
    vi.advanceTimersByTime(1000);
    stop();
    newPage();
    stop = startOfflineCopy({ storage, signedInJustNow: false, board: false, page: null });
    setStatus('offline');
    expect(useEventStore.getState().people).toEqual(people);
    // localStorage holds about 5 million characters per origin; the copy takes under a tenth.
    expect(storage.getItem(OFFLINE_COPY_KEY)!.length).toBeLessThan(500_000);
  });

  it('never shows a person’s copy on the big screen’s board page', () => {
    stop = startOfflineCopy({ storage, signedInJustNow: false, board: false, page: null });
    receiveLive(firmView());
    vi.advanceTimersByTime(1000);
    stop();
    newPage();
    stop = startOfflineCopy({ storage, signedInJustNow: false, board: true, page: null });
    setStatus('offline');
    expect(useEventStore.getState().loaded).toBe(false);
  });

  it('stops writing when another tab on this device signs out or signs in as someone else', () => {
    const page = new EventTarget();
    const otherTab = (key: string | null) => page.dispatchEvent(Object.assign(new Event('storage'), { key }));
    stop = startOfflineCopy({ storage, signedInJustNow: false, board: false, page });
    receiveLive(firmView('p-first'));
    vi.advanceTimersByTime(1000);
    // Another tab of the same person writes: this one carries on.
    otherTab(OFFLINE_COPY_KEY);
    useEventStore.setState({ topics: ['省力化'] });
    vi.advanceTimersByTime(1000);
    expect(loadView(storage)?.replica.topics).toEqual(['省力化']);
    // Another tab signs someone else in (it drops the copy): this tab's later facts and its loss of
    // connection write nothing back.
    storage.removeItem(OFFLINE_COPY_KEY);
    otherTab(OFFLINE_COPY_KEY);
    useEventStore.setState({ topics: ['人材育成'] });
    vi.advanceTimersByTime(1000);
    setStatus('offline');
    expect(storage.getItem(OFFLINE_COPY_KEY)).toBeNull();
  });
});
