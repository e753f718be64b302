/**
 * The series' writes: a new event gets exactly what server/domain/event-copy.ts decides, in one
 * logged change, and the earlier event is left as it was.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoEvent } from '../seed/demo.js';
import { openDb } from './db.js';
import { accountOf, createEvent, eventTargets, organizersOf, seriesEvents, updateEvent } from './series.js';
import { Store } from './store.js';

let store: Store;
let eventId: string;

beforeEach(() => {
  store = new Store(openDb(':memory:'));
  eventId = seedDemoEvent(store, { now: 1_000, newId: randomUUID, size: 'small' });
});

afterEach(() => {
  store.db.close();
});

function newEvent(id: string, from: string | null, creator: { account: string; name: string }) {
  createEvent(store, {
    id,
    name: `event ${id}`,
    venue: '',
    date: '2027-02-10',
    boardNonce: `board-${id}`,
    from: from === null ? null : store.getEvent(from)!,
    creator,
    now: 5_000,
    newId: randomUUID,
    newNonce: randomUUID,
  });
}

const changesOf = (id: string) =>
  store.sql
    .prepare<[string], { kind: string; data: string }>('SELECT kind, data FROM changes WHERE event_id = ? ORDER BY seq')
    .all(id);

describe('a new event of the series', () => {
  it('takes the earlier event’s settings, outline and organizers, each with a new badge, in one change', () => {
    const organizer = organizersOf(store, eventId)[0]!;
    const account = accountOf(store, organizer.id)!;
    updateEvent(store, eventId, account, 2_000, {
      ...store.getEvent(eventId)!,
      targets: { firm: 30, pocs: 2 },
    });
    const before = store.getEvent(eventId);

    newEvent('second', eventId, { account: 'acc-new', name: '新任' });

    const copied = store.getEvent('second')!;
    const earlier = store.getEvent(eventId)!;
    expect([copied.venue, copied.timeZone, copied.topics]).toEqual([earlier.venue, earlier.timeZone, earlier.topics]);
    expect(store.getGrid('second')).toEqual(store.getGrid(eventId));
    expect(eventTargets(store, 'second')).toEqual({ firm: 30, pocs: 2 });
    expect(store.sql.pluck('SELECT created_from FROM events WHERE id = ?').get('second')).toBe(eventId);
    expect(store.program('second').sessions.map((s) => s.title)).toEqual(
      store.program(eventId).sessions.map((s) => s.title),
    );
    expect(store.program('second').pitches).toEqual([]);

    const organizers = organizersOf(store, 'second');
    expect(organizers.map((o) => [o.name, accountOf(store, o.id)])).toEqual(
      expect.arrayContaining([
        ['新任', 'acc-new'],
        [organizer.name, account],
      ]),
    );
    expect(organizers.map((o) => o.badgeNonce)).not.toContain(organizer.badgeNonce);
    expect(seriesEvents(store, account).map((e) => e.id)).toEqual([eventId, 'second']);
    expect(changesOf('second')).toEqual([
      { kind: 'event:create', data: JSON.stringify({ name: 'event second', date: '2027-02-10', from: eventId }) },
    ]);
    expect(store.getEvent(eventId)).toEqual(before);
  });

  it('from nothing: no grid, no targets, no outline, no source, and its creator alone organizes it', () => {
    newEvent('fresh', null, { account: 'acc-new', name: '新任' });
    expect(store.getEvent('fresh')).toMatchObject({ venue: '', timeZone: 'Asia/Tokyo', topics: [] });
    expect(store.getGrid('fresh')).toBeNull();
    expect(eventTargets(store, 'fresh')).toEqual({});
    expect(store.sql.pluck('SELECT created_from FROM events WHERE id = ?').get('fresh')).toBeNull();
    expect(store.program('fresh').sessions).toEqual([]);
    expect(organizersOf(store, 'fresh').map((o) => o.name)).toEqual(['新任']);
    expect(changesOf('fresh').map((c) => c.kind)).toEqual(['event:create']);
  });
});
