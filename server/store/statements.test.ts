/**
 * The statement cache: one compiled statement per SQL text (and row shape) per connection, shared
 * by every module of the store, so a warm server compiles nothing on its hot paths.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { seedDemoEvent } from '../seed/demo.js';
import { exportEvent } from './archive.js';
import { pendingPairs, pendingPairsOf, takenPlaces } from './booking-reads.js';
import { openDb, type Db } from './db.js';
import { mergeHoldings } from './org-merge.js';
import { kpiFacts, seriesEvents } from './series.js';
import { statementsOf } from './statements.js';
import { Store } from './store.js';

let db: Db;

beforeEach(() => {
  db = openDb(':memory:');
});

afterEach(() => {
  db.close();
});

describe('the statement cache', () => {
  it('compiles a SQL text once per connection and gives back the same statement', () => {
    const sql = statementsOf(db);
    const first = sql.prepare('SELECT 1 AS one');
    expect(sql.prepare('SELECT 1 AS one')).toBe(first);
    expect(statementsOf(db)).toBe(sql);
    expect(new Store(db).sql).toBe(sql);

    const other = openDb(':memory:');
    try {
      expect(statementsOf(other)).not.toBe(sql);
      expect(statementsOf(other).prepare('SELECT 1 AS one')).not.toBe(first);
    } finally {
      other.close();
    }
  });

  it('keeps the row shapes of one SQL text apart: objects, first column, arrays', () => {
    const sql = statementsOf(db);
    const text = "SELECT 'a' AS letter, 2 AS number";
    expect(sql.pluck<[], string>(text).get()).toBe('a');
    expect(sql.raw<[], [string, number]>(text).get()).toEqual(['a', 2]);
    expect(sql.prepare<[], { letter: string; number: number }>(text).get()).toEqual({ letter: 'a', number: 2 });
    expect(sql.pluck<[], string>(text).get()).toBe('a');
    expect(sql.size).toBe(3);
  });

  it('serves every read of the store and its neighbours without compiling again once warm', () => {
    const store = new Store(db);
    const eventId = seedDemoEvent(store, { now: 1_000, newId: randomUUID, size: 'small' });
    const person = store.listPeople(eventId).find((p) => p.role === 'firm')!;
    const [firm, venture] = [person.org!.id, store.listVentures(eventId)[0]!.id];
    const account = store.listPeople(eventId).find((p) => p.role === 'organizer')!.id;
    const readAll = () => {
      store.getEvent(eventId);
      store.program(eventId);
      store.peopleSummaries(eventId);
      store.peopleSummaries(eventId, [person.id]);
      store.getPerson(person.id);
      store.myInterests(person.id);
      store.interestCounts(eventId);
      store.leadsFor(venture);
      store.requests(eventId);
      store.requests(eventId, { orgId: firm });
      store.meetings(eventId);
      store.meetings(eventId, { orgId: firm });
      store.stats(eventId);
      store.organizationByName(eventId, person.org!.name);
      takenPlaces(store, eventId);
      pendingPairs(store, eventId);
      pendingPairsOf(store, eventId, [firm, venture]);
      kpiFacts(store, eventId);
      seriesEvents(store, account);
      mergeHoldings(store, eventId, firm, venture);
      exportEvent(store, eventId, 2_000);
    };
    readAll();
    const compiled = store.sql.size;
    const prepare = vi.spyOn(db, 'prepare');
    try {
      readAll();
      expect(prepare).not.toHaveBeenCalled();
      expect(store.sql.size).toBe(compiled);
    } finally {
      prepare.mockRestore();
    }
  });
});
