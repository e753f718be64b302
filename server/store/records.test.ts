/**
 * The per-kind modules on their own, over a real SQLite file in memory: the behaviours a caller
 * relies on that no screen shows directly (sessions ending with a badge, a change that throws
 * leaving nothing behind, the database refusing a second check-in or a double-booked table).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoEvent } from '../seed/demo.js';
import { openDb } from './db.js';
import type { PersonRecord } from './people.js';
import { Store } from './store.js';

let store: Store;
let eventId: string;
let firm: PersonRecord;
let venture: PersonRecord;

beforeEach(() => {
  store = new Store(openDb(':memory:'));
  eventId = seedDemoEvent(store, { now: 1_000, newId: randomUUID, size: 'small' });
  const people = store.records.people.list(eventId);
  firm = people.find((p) => p.role === 'firm')!;
  venture = people.find((p) => p.role === 'venture')!;
});

afterEach(() => {
  store.db.close();
});

describe('the change log', () => {
  it('numbers an event’s changes one after another, and keeps nothing of a change that throws', () => {
    const { changeLog, checkins } = store.records;
    const start = changeLog.seq(eventId);
    const twice = changeLog.record(eventId, 'tester', 2_000, () => ({
      result: 'done',
      changes: [
        { kind: 'a', data: 1 },
        { kind: 'b', data: 2 },
      ],
    }));
    expect(twice).toEqual({ result: 'done', seq: start + 2 });
    expect(() =>
      changeLog.record(eventId, 'tester', 3_000, () => {
        checkins.insert(eventId, firm.id, { at: 3_000, station: 'A', method: 'search' });
        throw new Error('half way');
      }),
    ).toThrow('half way');
    expect(checkins.get(firm.id)).toBeUndefined();
    expect(changeLog.seq(eventId)).toBe(start + 2);
  });
});

describe('people and their sessions', () => {
  it('ends a session when the badge is reissued, and one opened before the cut-off', () => {
    const { people } = store.records;
    people.insertLogin('session-1', firm, 5_000);
    expect(people.byLogin('session-1', 4_000)?.id).toBe(firm.id);
    expect(people.byLogin('session-1', 5_000)).toBeUndefined();
    people.setBadgeNonce(firm.id, 'new-badge', 6_000);
    expect(people.byLogin('session-1', 0)).toBeUndefined();
    expect(people.byBadgeNonce('new-badge')?.id).toBe(firm.id);
    expect(people.byBadgeNonce(firm.badgeNonce)).toBeUndefined();
    // The old badge is remembered as this person's, revoked.
    expect(people.byRevokedBadgeNonce(firm.badgeNonce)?.id).toBe(firm.id);
    expect(people.byRevokedBadgeNonce('new-badge')).toBeUndefined();
  });

  it('knows an organizer’s account across the series, and no one else’s', () => {
    const { people } = store.records;
    const organizer = people.list(eventId).find((p) => p.role === 'organizer')!;
    const account = people.accountOf(organizer.id)!;
    expect(people.organizerIn(account, eventId)?.id).toBe(organizer.id);
    expect(people.accountOf(firm.id)).toBeNull();
    expect(people.organizerIn(account, 'another-event')).toBeUndefined();
  });
});

describe('check-ins', () => {
  it('holds one per person (the database refuses a second) and counts companies once', () => {
    const { checkins, people } = store.records;
    const everyone = people.list(eventId).filter((p) => p.org);
    const first = everyone.find((p) => everyone.some((q) => q.org!.id === p.org!.id && q.id !== p.id));
    const colleague = everyone.find((q) => q.org!.id === first!.org!.id && q.id !== first!.id);
    checkins.insert(eventId, first!.id, { at: 2_000, station: 'A', method: 'qr' });
    expect(() => checkins.insert(eventId, first!.id, { at: 3_000, station: 'B', method: 'qr' })).toThrow(/UNIQUE/);
    checkins.insert(eventId, colleague!.id, { at: 2_500, station: 'A', method: 'search' });
    expect(checkins.counts(eventId)).toEqual({ checkedIn: 2, companies: 1 });
    expect(checkins.peopleSummaries(eventId, [first!.id])[0]!.checkin).toEqual({
      at: 2_000,
      station: 'A',
      method: 'qr',
    });
  });
});

describe('interest', () => {
  it('counts every venture of the event, the untagged ones as an explicit zero', () => {
    const { interests, organizations } = store.records;
    const ventures = organizations.ventures(eventId).map((v) => v.id);
    interests.upsert(eventId, firm.id, {
      ventureId: venture.org!.id,
      level: 'want-to-meet',
      tags: [],
      note: 'private',
      shareNote: false,
      updatedAt: 2_000,
    });
    const counts = interests.counts(eventId);
    expect(Object.keys(counts).sort()).toEqual([...ventures].sort());
    expect(counts[venture.org!.id]).toEqual({ total: 1, wantToMeet: 1 });
    expect(interests.leadsFor(venture.org!.id)[0]).toMatchObject({ personId: firm.id, note: '' });
    expect(interests.delete(firm.id, venture.org!.id)).toBe(true);
    expect(interests.delete(firm.id, venture.org!.id)).toBe(false);
  });

  it('counts people and want-to-meet per venture as a fold over every interest would, for all or some ventures', () => {
    const { interests, organizations, people } = store.records;
    const ventures = organizations.ventures(eventId).map((v) => v.id);
    const firms = people.list(eventId).filter((p) => p.role === 'firm');
    // A fixed pseudo-random day: every firm tags some ventures, some want to meet, some take it back.
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const held = new Map<string, 'interested' | 'want-to-meet'>();
    for (let i = 0; i < 400; i++) {
      const person = firms[next(firms.length)]!;
      const ventureId = ventures[next(ventures.length - 1)]!; // the last venture stays untagged
      const key = `${person.id}|${ventureId}`;
      if (next(5) === 0) {
        interests.delete(person.id, ventureId);
        held.delete(key);
        continue;
      }
      const level = next(3) === 0 ? 'want-to-meet' : 'interested';
      interests.upsert(eventId, person.id, { ventureId, level, tags: [], note: '', shareNote: false, updatedAt: i });
      held.set(key, level);
    }
    const expected: Record<string, { total: number; wantToMeet: number }> = {};
    for (const id of ventures) expected[id] = { total: 0, wantToMeet: 0 };
    for (const [key, level] of held) {
      const count = expected[key.split('|')[1]!]!;
      count.total += 1;
      if (level === 'want-to-meet') count.wantToMeet += 1;
    }
    expect(Object.values(expected).some((c) => c.wantToMeet > 0 && c.total > c.wantToMeet)).toBe(true);
    expect(interests.counts(eventId)).toEqual(expected);
    const some = [ventures[0]!, ventures[ventures.length - 1]!];
    expect(interests.counts(eventId, some)).toEqual({
      [some[0]!]: expected[some[0]!],
      [some[1]!]: { total: 0, wantToMeet: 0 },
    });
  });
});

describe('meetings', () => {
  it('are kept off a table already taken at that time by the database itself', () => {
    const { meetings, organizations } = store.records;
    const firms = organizations.list(eventId).filter((o) => o.kind === 'firm');
    const ventures = organizations.list(eventId).filter((o) => o.kind === 'venture');
    const meeting = (guest: string, ventureOrg: string) => ({
      id: randomUUID(),
      eventId,
      requestId: null,
      guestOrg: guest,
      ventureOrg,
      slotStart: 10_000,
      slotEnd: 11_000,
      table: '1',
      now: 2_000,
    });
    meetings.insertMeeting(meeting(firms[0]!.id, ventures[0]!.id));
    expect(() => meetings.insertMeeting(meeting(firms[1]!.id, ventures[1]!.id))).toThrow(/UNIQUE/);
    expect(meetings.bookings(eventId)).toHaveLength(1);
    expect(meetings.bookedCount(eventId)).toBe(1);
  });
});
