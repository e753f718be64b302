import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoEvent } from '../seed/demo.js';
import { tempDbFile } from '../testing/harness.js';
import { insertMeetingAt } from '../testing/seeding.js';
import { keepTakenAfterBooking, pendingPairs, pendingPairsOf, takenPlaces } from './booking-reads.js';
import { openDb } from './db.js';
import { Store } from './store.js';

let dbFile: string;
let store: Store;
let eventId: string;

beforeEach(() => {
  dbFile = tempDbFile().dbFile;
  store = new Store(openDb(dbFile));
  eventId = seedDemoEvent(store, { now: 1_000, newId: randomUUID, size: 'small' });
});

afterEach(() => {
  store.db.close();
  fs.rmSync(path.dirname(dbFile), { recursive: true, force: true });
});

describe('the booking path’s lean reads', () => {
  it('give the same places and pending requests as the store’s full reads', () => {
    const people = store.listPeople(eventId).filter((p) => p.org && p.role !== 'organizer');
    const guests = people.filter((p) => p.org!.kind !== 'venture');
    const ventures = people.filter((p) => p.org!.kind === 'venture');
    expect(guests.length).toBeGreaterThanOrEqual(3);
    expect(ventures.length).toBeGreaterThanOrEqual(3);
    const ask = (from: (typeof people)[number], to: (typeof people)[number], at: number) => {
      const id = randomUUID();
      store.insertRequest({
        id,
        eventId,
        fromOrg: from.org!.id,
        toOrg: to.org!.id,
        fromPerson: from.id,
        message: '',
        now: at,
      });
      return id;
    };
    const book = (guest: (typeof people)[number], venture: (typeof people)[number], slot: number, table: string) =>
      insertMeetingAt(store, eventId, {
        guestOrg: guest.org!.id,
        ventureOrg: venture.org!.id,
        slotStart: slot,
        table,
        now: 2_000,
      });
    const [g0, g1, g2] = guests as [(typeof people)[number], (typeof people)[number], (typeof people)[number]];
    const [v0, v1, v2] = ventures as [(typeof people)[number], (typeof people)[number], (typeof people)[number]];
    ask(g0, v0, 10);
    const declined = ask(g0, v1, 20);
    ask(v2, g1, 30);
    ask(g2, v0, 40);
    store.setRequestStatus(declined, 'declined', 'not now', 50);
    book(g0, v0, 1e12, 'A');
    book(g1, v1, 1e12, 'B');
    const cancelled = book(g2, v2, 1e12 + 900_000, 'A');
    store.updateMeeting(cancelled, {
      slotStart: 1e12 + 900_000,
      slotEnd: 1e12 + 1_800_000,
      table: 'A',
      status: 'cancelled',
      nextStep: '',
      now: 3_000,
    });

    const places = (list: { slotStart: number; table: string; orgs: readonly string[] }[]) =>
      list.map((b) => `${b.slotStart} ${b.table} ${b.orgs.join(' ')}`).sort();
    expect(places(takenPlaces(store, eventId))).toEqual(places(store.bookings(eventId)));
    expect(takenPlaces(store, eventId)).toHaveLength(2);

    const pairs = (list: { id: string; fromOrgId: string; toOrgId: string }[]) =>
      list.map((r) => `${r.id} ${r.fromOrgId} ${r.toOrgId}`);
    const pending = store.requests(eventId).filter((r) => r.status === 'pending');
    expect(pairs(pendingPairs(store, eventId))).toEqual(pairs(pending));
    expect(pendingPairs(store, eventId)).toHaveLength(3);
    for (const orgs of [[g0.org!.id, v0.org!.id], [g1.org!.id], [v1.org!.id, g2.org!.id]]) {
      expect(pairs(pendingPairsOf(store, eventId, orgs))).toEqual(pairs(store.requests(eventId, { pendingOf: orgs })));
    }
  });

  it('keep the taken places between bookings only while no other write touched the meetings', () => {
    const orgs = store.organizations(eventId);
    const guests = orgs.filter((o) => o.kind !== 'venture');
    const ventures = orgs.filter((o) => o.kind === 'venture');
    const sorted = (list: readonly { slotStart: number; table: string; orgs: readonly string[] }[]) =>
      list.map((b) => `${b.slotStart} ${b.table} ${b.orgs.join(' ')}`).sort();
    const fresh = () => sorted(store.bookings(eventId));
    let n = 0;
    // One booking as book() makes it: read the places, insert, keep the places with the new one.
    const bookOne = (slot: number, table: string) => {
      const before = takenPlaces(store, eventId);
      const guest = guests[n % guests.length]!.id;
      const venture = ventures[n % ventures.length]!.id;
      n++;
      const id = insertMeetingAt(store, eventId, {
        guestOrg: guest,
        ventureOrg: venture,
        slotStart: slot,
        table,
        now: 2_000,
      });
      keepTakenAfterBooking(store, eventId, before, { slotStart: slot, table, orgs: [guest, venture] });
      return id;
    };
    const first = bookOne(1e12, 'A');
    bookOne(1e12, 'B');
    expect(sorted(takenPlaces(store, eventId))).toEqual(fresh());
    expect(takenPlaces(store, eventId)).toHaveLength(2);

    // Another path writes to meetings (a cancel by raw SQL, as a merge or an erasure would): the kept places go.
    store.db.prepare("UPDATE meetings SET status = 'cancelled' WHERE id = ?").run(first);
    expect(sorted(takenPlaces(store, eventId))).toEqual(fresh());
    expect(takenPlaces(store, eventId)).toHaveLength(1);

    // A booking whose savepoint is rolled back (a refusal after it): its place is not kept.
    const refused = new Error('refused after booking');
    expect(() =>
      store.db.transaction(() => {
        bookOne(1e12 + 900_000, 'A');
        expect(takenPlaces(store, eventId)).toHaveLength(2);
        throw refused;
      })(),
    ).toThrow(refused);
    expect(sorted(takenPlaces(store, eventId))).toEqual(fresh());
    expect(takenPlaces(store, eventId)).toHaveLength(1);
    // …and a write after it that does not keep anything lands on a new version, never on the one the
    // discarded places were kept with (a counter would land there: version + 1 both times).
    insertMeetingAt(store, eventId, {
      guestOrg: guests[0]!.id,
      ventureOrg: ventures[1]!.id,
      slotStart: 1e12 + 1_800_000,
      table: 'C',
      now: 2_000,
    });
    expect(sorted(takenPlaces(store, eventId))).toEqual(fresh());
    expect(takenPlaces(store, eventId)).toHaveLength(2);

    // A second connection's write (a restore from the command line) changes the version too.
    const other = openDb(dbFile);
    try {
      other.prepare('DELETE FROM meetings WHERE event_id = ?').run(eventId);
    } finally {
      other.close();
    }
    expect(takenPlaces(store, eventId)).toEqual([]);
    // What callers get is theirs to change: the kept list is not.
    bookOne(1e12, 'A');
    takenPlaces(store, eventId).pop();
    expect(takenPlaces(store, eventId)).toHaveLength(1);
  });
});
