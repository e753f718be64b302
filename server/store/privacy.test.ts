/**
 * Erasure leaves no column behind: every column of the live schema that names a person (a foreign
 * key to people, or a name that says person, actor, author, "…by", e-mail, phone, kana, name) is
 * handled by server/store/privacy.ts (PERSON_COLUMNS) or said here not to be personal, with why. A
 * table another piece of work adds (a mail log, calendar feeds, KPI entries) fails here until its
 * erasure is decided. Then a person with a row in every table is erased, and nothing anywhere in
 * the database names them any more, while their organization's meetings stay.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seedDemoEvent } from '../seed/demo.js';
import { openDb } from './db.js';
import { erasePerson, erasureSummary, PERSON_COLUMNS } from './privacy.js';
import { Store } from './store.js';

/** Columns whose names look personal but are not, and why. */
const NOT_PERSONAL: Record<string, string> = {
  'events.name': 'the event',
  'organizations.name': 'a company: kept, the series counts distinct companies by it',
  'organizations.name_kana': 'the company’s reading',
  'smtp_settings.username': 'the organizer’s office mail account, deleted with the event',
  'smtp_settings.from_address': 'the organizer’s office sender address, deleted with the event',
  'smtp_settings.from_name': 'the organizer’s office sender name, deleted with the event',
  'meetings.declined_by': 'a side (guest or venture), not a person',
  'meetings.table_name': 'a table of the hall',
  'events.personal_data_purged_at': 'when the event’s purge ran',
};

const PERSONAL_NAME =
  /person|actor|author|(^|_)by$|recorded_by|e?mail|phone|(^|_)tel$|kana|^name$|address|_name$|username/;

function schemaColumns(store: Store): { table: string; column: string; toPeople: boolean }[] {
  const tables = store.sql
    .pluck<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all();
  return tables.flatMap((table) => {
    const fks = store.sql
      .prepare<[string], { from: string; table: string }>('SELECT "from", "table" FROM pragma_foreign_key_list(?)')
      .all(table);
    return store.sql
      .pluck<[string], string>('SELECT name FROM pragma_table_info(?)')
      .all(table)
      .map((column) => ({
        table,
        column,
        toPeople: fks.some((fk) => fk.from === column && fk.table === 'people'),
      }));
  });
}

/** Every text cell of every table that contains one of `needles`, as "table.column: value". */
function cellsContaining(store: Store, needles: string[]): string[] {
  const found: string[] = [];
  for (const { table, column } of schemaColumns(store)) {
    const rows = store.sql.pluck<[], unknown>(`SELECT "${column}" FROM "${table}"`).all();
    for (const value of rows) {
      if (typeof value !== 'string') continue;
      for (const needle of needles) if (value.includes(needle)) found.push(`${table}.${column}: ${value}`);
    }
  }
  return found;
}

describe('erasure covers the schema', () => {
  it('handles every column that names a person, or says why it is not personal', () => {
    const store = new Store(openDb(':memory:'));
    try {
      const naming = schemaColumns(store)
        .filter((c) => c.toPeople || (c.table === 'people' ? true : PERSONAL_NAME.test(c.column)))
        .map((c) => `${c.table}.${c.column}`);
      // people's own columns are blanked wholesale by the purge, but each must still be decided for erasure.
      const peopleKept = ['people.event_id', 'people.organization_id', 'people.is_organizer', 'people.created_at'];
      const undecided = naming.filter(
        (c) => !(c in PERSON_COLUMNS) && !(c in NOT_PERSONAL) && !peopleKept.includes(c) && !c.startsWith('people.'),
      );
      expect(undecided).toEqual([]);
      // Every foreign key to a person is an erasure decision, not an exception.
      const fkUndecided = schemaColumns(store)
        .filter((c) => c.toPeople)
        .map((c) => `${c.table}.${c.column}`)
        .filter((c) => !(c in PERSON_COLUMNS));
      expect(fkUndecided).toEqual([]);
    } finally {
      store.db.close();
    }
  });
});

describe('erasing a person', () => {
  it('leaves nothing naming them anywhere, and keeps their organization’s meetings', () => {
    const store = new Store(openDb(':memory:'));
    try {
      const now = Date.UTC(2026, 10, 30, 6);
      const eventId = seedDemoEvent(store, { now, newId: randomUUID, size: 'small', activity: { seed: 7 } });
      const organizer = store.listPeople(eventId).find((p) => p.role === 'organizer')!;
      // The firm person with the most the app holds about them: taps and requests.
      const candidates = store.listPeople(eventId).filter((p) => p.role === 'firm');
      const score = (id: string) => {
        const s = erasureSummary(store, id)!;
        return s.taps + s.requests * 10 + (s.checkedIn ? 1 : 0);
      };
      const person = candidates.sort((a, b) => score(b.id) - score(a.id))[0]!;
      const email = `erase.me.${randomUUID().slice(0, 8)}@example.jp`;
      store.sql.prepare('UPDATE people SET email = ? WHERE id = ?').run(email, person.id);
      // A note naming them, a session, a reissued badge, a retry answer, a calendar feed.
      store.sql.prepare('UPDATE interests SET note = ? WHERE person_id = ?').run(`${person.name}のメモ`, person.id);
      store.insertLogin(`hash-${randomUUID()}`, store.getPerson(person.id)!, now);
      store.setBadgeNonce(person.id, randomBytes(18).toString('base64url'), now);
      store.rememberAnswer(person.id, 'interest:set', 'k1', { name: person.name }, now);
      store.rememberAnswer(organizer.id, 'checkin:person', 'k2', { person: { id: person.id, name: person.name } }, now);
      store.sql
        .prepare('INSERT INTO calendar_feeds (id, event_id, person_id, secret, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(randomUUID(), eventId, person.id, randomBytes(18).toString('base64url'), now);
      store.mutate(eventId, person.id, now, () => ({
        result: null,
        changes: [{ kind: 'test:named', data: { personId: person.id, name: person.name, email } }],
      }));
      const summary = erasureSummary(store, person.id)!;
      expect(summary.taps).toBeGreaterThan(0);
      expect(summary.requests).toBeGreaterThan(0);
      const orgId = person.org!.id;
      const meetings = store.meetings(eventId, { orgId }).map((m) => [m.id, m.status]);
      expect(meetings.length).toBeGreaterThan(0);

      erasePerson(store, person.id, organizer.id, now);

      expect(store.getPerson(person.id)).toBeUndefined();
      expect(cellsContaining(store, [person.id, person.name, email])).toEqual([]);
      expect(store.meetings(eventId, { orgId }).map((m) => [m.id, m.status])).toEqual(meetings);
      expect(store.getOrganization(orgId)?.name).toBe(person.org!.name);
      expect(store.db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      store.db.close();
    }
  });
});
