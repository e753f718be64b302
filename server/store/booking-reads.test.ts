import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoEvent } from '../seed/demo.js';
import { tempDbFile } from '../testing/harness.js';
import { pendingPairs, pendingPairsOf, takenPlaces } from './booking-reads.js';
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
    const book = (guest: (typeof people)[number], venture: (typeof people)[number], slot: number, table: string) => {
      const id = randomUUID();
      store.insertMeeting({
        id,
        eventId,
        requestId: null,
        guestOrg: guest.org!.id,
        ventureOrg: venture.org!.id,
        slotStart: slot,
        slotEnd: slot + 900_000,
        table,
        now: 2_000,
      });
      return id;
    };
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
});
