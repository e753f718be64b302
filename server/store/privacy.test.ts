/**
 * Erasure leaves no column behind: every column of the live schema that names a person (a foreign
 * key to people, or a name that says person, actor, author, "…by", e-mail, phone, kana, name) is
 * handled by server/store/privacy.ts (PERSON_COLUMNS) or said here not to be personal, with why. A
 * table another piece of work adds (a mail log, calendar feeds, KPI entries) fails here until its
 * erasure is decided. Then a person with a row in every table is erased, and nothing anywhere in
 * the database names them any more, while their organization's meetings stay.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { seedDemoEvent } from '../seed/demo.js';
import { listBackups, replaceBackups, startPeriodicBackups } from './backup.js';
import { openDb } from './db.js';
import {
  compact,
  eraseEvent,
  erasePerson,
  erasureSummary,
  isCompactionPending,
  nameIsDistinctive,
  PERSON_COLUMNS,
} from './privacy.js';
import { joinProgramme, programmeBySlug, savePublish } from './programme.js';
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

const NOW = Date.UTC(2026, 10, 30, 6);

function seeded(store: Store, name = '展示会'): string {
  return seedDemoEvent(store, { now: NOW, newId: randomUUID, size: 'small', activity: { seed: 7 }, name });
}

/** A firm person with a colleague (same organization) who tapped, and a meeting of their organization. */
function firmPair(store: Store, eventId: string) {
  const firms = store.listPeople(eventId).filter((p) => p.role === 'firm');
  const tapped = (id: string) =>
    store.sql.pluck<[string], number>('SELECT count(*) FROM interests WHERE person_id = ?').get(id)! > 0;
  for (const person of firms) {
    const colleague = firms.find((c) => c.id !== person.id && c.org?.id === person.org?.id && tapped(c.id));
    const meeting = store.meetings(eventId, { orgId: person.org!.id })[0];
    if (colleague && meeting) return { person, colleague, meeting };
  }
  throw new Error('The demo event has no firm person with a tapping colleague and a meeting');
}

const cell = (store: Store, sql: string, id: string) => store.sql.pluck<[string], unknown>(sql).get(id);

describe('erasing a person blanks their words in the rows that are kept', () => {
  it('blanks notes, messages and outcome notes naming them, and the outcomes they recorded', () => {
    const store = new Store(openDb(':memory:'));
    try {
      const eventId = seeded(store);
      const organizer = store.listPeople(eventId).find((p) => p.role === 'organizer')!;
      const { person, colleague, meeting } = firmPair(store, eventId);
      const name = `消去山田${randomUUID().slice(0, 4)}`;
      const email = `erase.${randomUUID().slice(0, 8)}@example.jp`;
      store.sql.prepare('UPDATE people SET name = ?, email = ? WHERE id = ?').run(name, email, person.id);
      const colleagueTap = store.sql
        .prepare<[string], { rowid: number }>('SELECT rowid FROM interests WHERE person_id = ? LIMIT 1')
        .get(colleague.id)!.rowid;
      store.sql.prepare('UPDATE interests SET note = ? WHERE rowid = ?').run(`${name}さんが詳しい`, colleagueTap);
      const otherNote = store.sql
        .prepare<[string], { rowid: number }>('SELECT rowid FROM interests WHERE person_id <> ? LIMIT 1')
        .get(colleague.id)!.rowid;
      store.sql.prepare('UPDATE interests SET note = ? WHERE rowid = ?').run('価格表を確認', otherNote);
      const request = store.sql
        .pluck<[string, string], string>(
          'SELECT id FROM meeting_requests WHERE event_id = ? AND from_person <> ? LIMIT 1',
        )
        .get(eventId, person.id)!;
      store.sql.prepare('UPDATE meeting_requests SET message = ? WHERE id = ?').run(`連絡先: ${email}`, request);
      // The outcome they recorded: words of theirs, though their name is not in them.
      store.sql
        .prepare('UPDATE meetings SET outcome_note = ?, next_step = ? WHERE id = ?')
        .run('PoCを前向きに検討', '来週見積もり', meeting.id);
      store.mutate(eventId, person.id, NOW, () => ({
        result: null,
        changes: [{ kind: 'meeting:outcome', data: { meetingId: meeting.id, outcome: 'poc' } }],
      }));
      const outcomeId = randomUUID();
      store.sql
        .prepare(
          `INSERT INTO regional_outcomes (id, event_id, org_id, kind, on_date, note, meeting_id, recorded_at)
           VALUES (?, ?, ?, 'founded', '2026-12-01', ?, NULL, ?)`,
        )
        .run(outcomeId, eventId, person.org!.id, `${name}氏が県内に設立`, NOW);

      erasePerson(store, person.id, organizer.id, NOW);

      expect(cell(store, 'SELECT note FROM interests WHERE rowid = ?', String(colleagueTap))).toBe('');
      expect(cell(store, 'SELECT note FROM interests WHERE rowid = ?', String(otherNote))).toBe('価格表を確認');
      expect(cell(store, 'SELECT message FROM meeting_requests WHERE id = ?', request)).toBe('');
      expect(cell(store, 'SELECT outcome_note FROM meetings WHERE id = ?', meeting.id)).toBe('');
      expect(cell(store, 'SELECT next_step FROM meetings WHERE id = ?', meeting.id)).toBe('');
      expect(cell(store, 'SELECT note FROM regional_outcomes WHERE id = ?', outcomeId)).toBe('');
      expect(cell(store, 'SELECT count(*) FROM regional_outcomes WHERE id = ?', outcomeId)).toBe(1);
    } finally {
      store.db.close();
    }
  });

  it('matches a short name only as a whole value, and drops retry answers of this event only', () => {
    const store = new Store(openDb(':memory:'));
    try {
      const eventId = seeded(store);
      const otherEvent = seeded(store, '別の展示会');
      const organizer = store.listPeople(eventId).find((p) => p.role === 'organizer')!;
      const stranger = store.listPeople(otherEvent).find((p) => p.role === 'organizer')!;
      const { person, colleague } = firmPair(store, eventId);
      const email = `short.${randomUUID().slice(0, 8)}@example.jp`;
      store.sql.prepare('UPDATE people SET name = ?, email = ? WHERE id = ?').run('Li', email, person.id);
      const taps = store.sql
        .pluck<[string], number>('SELECT rowid FROM interests WHERE person_id = ? LIMIT 2')
        .all(colleague.id);
      store.sql.prepare('UPDATE interests SET note = ? WHERE rowid = ?').run('Lisbon office, lithium cells', taps[0]);
      store.sql.prepare('UPDATE interests SET note = ? WHERE rowid = ?').run(' Li ', taps[1] ?? taps[0]);
      store.rememberAnswer(organizer.id, 'checkin:person', 'a', { person: { name: 'Li' } }, NOW);
      store.rememberAnswer(organizer.id, 'checkin:person', 'b', { person: { name: 'Lisa' } }, NOW);
      store.rememberAnswer(stranger.id, 'checkin:person', 'c', { person: { email } }, NOW);

      erasePerson(store, person.id, organizer.id, NOW);

      expect(cell(store, 'SELECT note FROM interests WHERE rowid = ?', String(taps[0]))).toBe(
        taps[1] === undefined ? '' : 'Lisbon office, lithium cells',
      );
      if (taps[1] !== undefined)
        expect(cell(store, 'SELECT note FROM interests WHERE rowid = ?', String(taps[1]))).toBe('');
      const kept = ['a', 'b', 'c'].filter((key) =>
        store.idempotentAnswer(key === 'c' ? stranger.id : organizer.id, 'checkin:person', key),
      );
      expect(kept).toEqual(['b', 'c']);
    } finally {
      store.db.close();
    }
  });

  it('looks for a name inside text from 3 characters, or 4 for a Latin name', () => {
    expect(['山田花子', '李小龍', 'Anna', 'Mary Ann', 'José'].map(nameIsDistinctive)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['田中', 'Li', 'Ann', 'Bo B', ' 李 '].map(nameIsDistinctive)).toEqual([false, false, false, false, false]);
  });
});

describe('erasure on disk', () => {
  it('leaves neither the name nor the e-mail in the file or its write-ahead log', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-erase-'));
    const file = path.join(dir, 'pitch.db');
    const store = new Store(openDb(file));
    try {
      const eventId = seeded(store);
      const organizer = store.listPeople(eventId).find((p) => p.role === 'organizer')!;
      const { person } = firmPair(store, eventId);
      const name = `ディスク消去${randomUUID().slice(0, 6)}`;
      const email = `disk.${randomUUID().slice(0, 8)}@example.jp`;
      store.sql.prepare('UPDATE people SET name = ?, email = ? WHERE id = ?').run(name, email, person.id);
      store.sql.prepare('UPDATE interests SET note = ? WHERE person_id = ?').run(`${name}のメモ`, person.id);
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      const bytes = () =>
        Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
      expect(bytes().includes(Buffer.from(name, 'utf8'))).toBe(true);

      erasePerson(store, person.id, organizer.id, NOW);

      const after = bytes();
      expect(after.includes(Buffer.from(name, 'utf8'))).toBe(false);
      expect(after.includes(Buffer.from(email, 'utf8'))).toBe(false);
    } finally {
      store.db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('logs a failed compaction, marks it pending, and compacts when retried', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-compact-'));
    const file = path.join(dir, 'pitch.db');
    const store = new Store(openDb(file));
    const other = new Database(file);
    try {
      seeded(store);
      store.db.pragma('busy_timeout = 50');
      // Another connection (a backup process) holds the write lock: VACUUM cannot run.
      other.exec('BEGIN IMMEDIATE');
      const logged: string[] = [];
      expect(compact(store, (message) => logged.push(message))).toBe(false);
      expect(isCompactionPending(store)).toBe(true);
      expect(logged).toHaveLength(1);
      other.exec('ROLLBACK');
      expect(compact(store, (message) => logged.push(message))).toBe(true);
      expect(isCompactionPending(store)).toBe(false);
    } finally {
      other.close();
      store.db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('erasing the last event of a programme', () => {
  it('turns its publishing off, so its public page is gone', () => {
    const store = new Store(openDb(':memory:'));
    try {
      const first = seeded(store);
      const second = seeded(store, '第2回');
      const programme = `prog-${randomUUID()}`;
      joinProgramme(store, first, programme);
      joinProgramme(store, second, programme);
      const slug = `s${randomUUID().slice(0, 8)}`;
      const settings = { enabled: true, kpiIds: [], fiscalYears: [], reviews: true, events: true, companyNames: false };
      savePublish(store, programme, settings, slug);
      expect(programmeBySlug(store, slug)).toBe(programme);
      eraseEvent(store, first);
      expect(programmeBySlug(store, slug)).toBe(programme);
      eraseEvent(store, second);
      expect(programmeBySlug(store, slug)).toBeUndefined();
    } finally {
      store.db.close();
    }
  });
});

describe('the app’s backups after an erasure', () => {
  it('are replaced by a fresh one that no longer holds the person', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-erase-backups-'));
    const store = new Store(openDb(path.join(dir, 'pitch.db')));
    const backupDir = path.join(dir, 'backups');
    const logged: string[] = [];
    const eventId = seeded(store);
    const organizer = store.listPeople(eventId).find((p) => p.role === 'organizer')!;
    const { person } = firmPair(store, eventId);
    const name = `控え消去${randomUUID().slice(0, 6)}`;
    store.sql.prepare('UPDATE people SET name = ? WHERE id = ?').run(name, person.id);
    const backups = startPeriodicBackups(store.db, { dir: backupDir, everyMinutes: 60, keep: 24 }, (m) =>
      logged.push(m),
    );
    try {
      await expect.poll(() => listBackups(backupDir).length).toBe(1);
      const before = listBackups(backupDir)[0]!;
      expect(fs.readFileSync(before).includes(Buffer.from(name, 'utf8'))).toBe(true);

      erasePerson(store, person.id, organizer.id, NOW);
      await replaceBackups(store.db);

      const after = listBackups(backupDir);
      expect(after).toHaveLength(1);
      expect(after[0]).not.toBe(before);
      expect(fs.readFileSync(after[0]!).includes(Buffer.from(name, 'utf8'))).toBe(false);
      expect(logged.at(-1)).toMatch(/replaces the earlier backups/);
    } finally {
      await backups.stop();
      store.db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
