/**
 * Personal data under Japan's APPI (issue 19): the notice each person acknowledges, erasing a person
 * or a whole event, the retention purge that anonymises an event's people while its KPI figures stay
 * the same, and a person's own data. Organization names are kept throughout: they are not personal
 * data, and the series' count of distinct companies needs them.
 *
 * PERSON_COLUMNS is the list of every column of the schema that names a person, with what erasure
 * and the purge do to it; privacy.test.ts enumerates the live schema and fails on a column that
 * names a person and is not listed, so a table added later cannot hold personal data past an erasure.
 */
import type { ErasureSummary, OwnData, PrivacyNotice, PrivacySettings } from '../../shared/privacy.js';
import { nextNotice } from '../domain/privacy.js';
import type { Store } from './store.js';

/** What erasing a person and purging an event do with a column that names a person. */
export interface PersonColumn {
  erase: string;
  purge: string;
}

/**
 * Every column naming a person (by id, name, e-mail, what they wrote, or who recorded something).
 * Tables of other work that are not there yet are handled when they exist (`hasTable`).
 */
export const PERSON_COLUMNS: Record<string, PersonColumn> = {
  'people.id': { erase: 'row deleted', purge: 'row kept for the figures; every personal column blanked' },
  'people.name': { erase: 'row deleted', purge: 'blanked' },
  'people.name_kana': { erase: 'row deleted', purge: 'blanked' },
  'people.email': { erase: 'row deleted', purge: 'cleared' },
  'people.title': { erase: 'row deleted', purge: 'blanked' },
  'people.registration_key': { erase: 'row deleted', purge: 'cleared (it is made from name and e-mail)' },
  'people.account': { erase: 'row deleted', purge: 'kept: an id joining the organizer’s events, no name' },
  'logins.person_id': { erase: 'sessions deleted', purge: 'sessions deleted' },
  'interests.person_id': { erase: 'taps deleted', purge: 'kept (counted); note and tags blanked' },
  'checkins.person_id': { erase: 'deleted', purge: 'kept (counted), naming an anonymised row' },
  'checkin_doubles.person_id': { erase: 'deleted', purge: 'deleted' },
  'revoked_badges.person_id': { erase: 'deleted', purge: 'deleted' },
  'meeting_requests.from_person': {
    erase: 'requests deleted (their meetings kept, detached)',
    purge: 'kept (counted); message and reason blanked',
  },
  'changes.actor': { erase: 'their rows’ actor and data blanked', purge: 'data blanked (ids kept)' },
  'idempotency.actor': { erase: 'their answers deleted', purge: 'answers of the event’s people deleted' },
  'calendar_feeds.person_id': { erase: 'deleted', purge: 'deleted' },
  'mail_log.person_id': { erase: 'deleted', purge: 'deleted' },
  'kpi_entries.recorded_by': { erase: 'blanked for that organizer', purge: 'blanked for the event’s organizers' },
  'kpi_entries.recorded_by_person': { erase: 'cleared', purge: 'cleared for the event’s organizers' },
};

/** Free text that may name someone, blanked by the purge though the column names no one by itself. */
const FREE_TEXT: readonly [table: string, column: string, blank: string][] = [
  ['interests', 'note', "''"],
  ['interests', 'tags', "'[]'"],
  ['interests', 'share_note', '0'],
  ['meeting_requests', 'message', "''"],
  ['meeting_requests', 'reason', "''"],
  ['meetings', 'outcome_note', "''"],
  ['meetings', 'next_step', "''"],
  ['regional_outcomes', 'note', "''"],
];

/** Columns of `people` the purge keeps: ids, the organization (counted), the account (the series). */
const PEOPLE_KEPT = new Set([
  'id',
  'event_id',
  'organization_id',
  'is_organizer',
  'badge_nonce',
  'created_at',
  'account',
  'notice_acknowledged',
]);

interface EventPrivacyRow {
  privacy_notice_ja: string | null;
  privacy_notice_en: string | null;
  privacy_contact: string;
  retention_days: number;
  privacy_version: number;
  personal_data_purged_at: number | null;
}

function hasTable(store: Store, table: string): boolean {
  return (
    store.sql.pluck<[string], number>("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !==
    undefined
  );
}

function hasColumn(store: Store, table: string, column: string): boolean {
  return (
    store.sql
      .pluck<[string, string], number>('SELECT 1 FROM pragma_table_info(?) WHERE name = ?')
      .get(table, column) !== undefined
  );
}

// ---- the notice ----

export function privacyNotice(store: Store, eventId: string): PrivacyNotice {
  const row = store.sql.prepare<[string], EventPrivacyRow>('SELECT * FROM events WHERE id = ?').get(eventId);
  if (!row) throw new Error(`No event ${eventId}`);
  return {
    version: row.privacy_version,
    ja: row.privacy_notice_ja,
    en: row.privacy_notice_en,
    contact: row.privacy_contact,
    retentionDays: row.retention_days,
  };
}

export function purgedAt(store: Store, eventId: string): number | null {
  return (
    store.sql.pluck<[string], number | null>('SELECT personal_data_purged_at FROM events WHERE id = ?').get(eventId) ??
    null
  );
}

/** Saves the organizer's settings as one logged change; returns the notice now in force. */
export function savePrivacySettings(
  store: Store,
  eventId: string,
  actor: string,
  now: number,
  settings: PrivacySettings,
): PrivacyNotice {
  return store.mutate(eventId, actor, now, () => {
    const next = nextNotice(privacyNotice(store, eventId), settings);
    store.sql
      .prepare(
        `UPDATE events SET privacy_notice_ja = ?, privacy_notice_en = ?, privacy_contact = ?, retention_days = ?,
           privacy_version = ? WHERE id = ?`,
      )
      .run(next.ja, next.en, next.contact, next.retentionDays, next.version, eventId);
    return { result: next, changes: [{ kind: 'privacy:settings', data: { version: next.version } }] };
  }).result;
}

export function acknowledgedVersion(store: Store, personId: string): number | null {
  return (
    store.sql.pluck<[string], number | null>('SELECT notice_acknowledged FROM people WHERE id = ?').get(personId) ??
    null
  );
}

/** 「確認しました」: the person read this version of the notice. One logged change. */
export function acknowledgeNotice(store: Store, eventId: string, personId: string, version: number, now: number): void {
  store.mutate(eventId, personId, now, () => {
    store.sql.prepare('UPDATE people SET notice_acknowledged = ? WHERE id = ?').run(version, personId);
    return { result: undefined, changes: [{ kind: 'privacy:acknowledged', data: { version } }] };
  });
}

/**
 * Everyone of the event has read the current notice: for test fixtures, so the specs about other
 * features meet the phone they test (e2e/privacy.spec.ts signs in people who have not).
 */
export function markNoticeRead(store: Store, eventId: string): void {
  store.sql
    .prepare(
      'UPDATE people SET notice_acknowledged = (SELECT privacy_version FROM events WHERE id = ?) WHERE event_id = ?',
    )
    .run(eventId, eventId);
}

/** How many of the event's people (organizers aside) acknowledged the current version, of how many. */
export function acknowledgements(store: Store, eventId: string): { acknowledged: number; people: number } {
  const version = privacyNotice(store, eventId).version;
  return store.sql
    .prepare<[number, string], { acknowledged: number; people: number }>(
      `SELECT coalesce(sum(notice_acknowledged >= ?), 0) AS acknowledged, count(*) AS people
       FROM people WHERE event_id = ? AND is_organizer = 0`,
    )
    .get(version, eventId)!;
}

// ---- erasing a person ----

interface PersonBasics {
  id: string;
  event_id: string;
  name: string;
  email: string | null;
  org_name: string | null;
  organization_id: string | null;
}

function basics(store: Store, personId: string): PersonBasics | undefined {
  return store.sql
    .prepare<[string], PersonBasics>(
      `SELECT p.id, p.event_id, p.name, p.email, p.organization_id, o.name AS org_name
       FROM people p LEFT JOIN organizations o ON o.id = p.organization_id WHERE p.id = ?`,
    )
    .get(personId);
}

const count = (store: Store, sql: string, ...args: string[]): number =>
  store.sql.pluck<string[], number>(sql).get(...args) ?? 0;

/** What erasing the person takes with them, for the console's confirm step. */
export function erasureSummary(store: Store, personId: string): ErasureSummary | undefined {
  const p = basics(store, personId);
  if (!p) return undefined;
  const others = (['calendar_feeds', 'mail_log'] as const)
    .filter((t) => hasTable(store, t))
    .reduce((sum, t) => sum + count(store, `SELECT count(*) FROM ${t} WHERE person_id = ?`, personId), 0);
  return {
    personId,
    name: p.name,
    orgName: p.org_name,
    taps: count(store, 'SELECT count(*) FROM interests WHERE person_id = ?', personId),
    notes: count(store, "SELECT count(*) FROM interests WHERE person_id = ? AND note <> ''", personId),
    requests: count(store, 'SELECT count(*) FROM meeting_requests WHERE from_person = ?', personId),
    checkedIn: count(store, 'SELECT count(*) FROM checkins WHERE person_id = ?', personId) > 0,
    sessions: count(store, 'SELECT count(*) FROM logins WHERE person_id = ?', personId),
    meetingsKept: p.organization_id
      ? count(
          store,
          "SELECT count(*) FROM meetings WHERE (guest_org = ? OR venture_org = ?) AND status <> 'cancelled'",
          p.organization_id,
          p.organization_id,
        )
      : 0,
    otherRows: others,
  };
}

/** Who must hear of an erasure: the organizations whose lists named the person. */
export interface Erased {
  seq: number;
  /** Organizations whose requests, leads or lists named the person (their phones resync). */
  orgIds: string[];
}

/**
 * Erases a person: the row and every row naming them (taps and notes, requests they sent, check-in,
 * sessions, badges, retry answers, calendar feeds, mail log); their requests' meetings stay, detached
 * from the request, and their organization stays. The change log keeps its sequence, with the rows
 * that named them emptied. One logged change ('person:erased', naming the organization only).
 */
export function erasePerson(store: Store, personId: string, actor: string, now: number): Erased {
  const p = basics(store, personId)!;
  const { sql } = store;
  const { result, seq } = store.mutate(p.event_id, actor, now, () => {
    const requests = sql
      .prepare<[string], { id: string; from_org: string; to_org: string }>(
        'SELECT id, from_org, to_org FROM meeting_requests WHERE from_person = ?',
      )
      .all(personId);
    const leads = sql
      .pluck<[string], string>("SELECT venture_id FROM interests WHERE person_id = ? AND level = 'want-to-meet'")
      .all(personId);
    for (const r of requests) sql.prepare('UPDATE meetings SET request_id = NULL WHERE request_id = ?').run(r.id);
    sql.prepare('DELETE FROM meeting_requests WHERE from_person = ?').run(personId);
    for (const table of ['interests', 'checkins', 'checkin_doubles', 'revoked_badges', 'logins']) {
      sql.prepare(`DELETE FROM ${table} WHERE person_id = ?`).run(personId);
    }
    for (const table of ['calendar_feeds', 'mail_log']) {
      if (hasTable(store, table)) sql.prepare(`DELETE FROM ${table} WHERE person_id = ?`).run(personId);
    }
    if (hasColumn(store, 'kpi_entries', 'recorded_by_person')) {
      sql
        .prepare("UPDATE kpi_entries SET recorded_by = '', recorded_by_person = NULL WHERE recorded_by_person = ?")
        .run(personId);
    }
    sql.prepare('DELETE FROM idempotency WHERE actor = ?').run(personId);
    // Others' remembered answers that name them (a desk's check-in answer carries the person), of
    // this event's people and stations only: another event's answers are not this erasure's to drop.
    const answers = sql.prepare(
      `DELETE FROM idempotency WHERE (actor IN (SELECT id FROM people WHERE event_id = ?)
         OR actor IN (SELECT 'door:' || id FROM door_links WHERE event_id = ?)) AND instr(answer, ?) > 0`,
    );
    for (const needle of jsonNeedlesOf(p)) answers.run(p.event_id, p.event_id, needle);
    blankTheirWords(store, p);
    scrubChanges(
      store,
      p,
      requests.map((r) => r.id),
    );
    sql.prepare('DELETE FROM people WHERE id = ?').run(personId);
    const orgIds = new Set([...requests.flatMap((r) => [r.from_org, r.to_org]), ...leads]);
    if (p.organization_id) orgIds.add(p.organization_id);
    return {
      result: [...orgIds],
      changes: [{ kind: 'person:erased', data: { orgId: p.organization_id } }],
    };
  });
  checkpoint(store);
  return { seq, orgIds: result };
}

/**
 * Whether a name is distinctive enough to be looked for inside others' words: at least 3 characters
 * (a Japanese full name such as 山田花子, or 李小龍), or at least 4 when it is all Latin letters ("Ann"
 * is inside "Annual", "Li" inside everything). A shorter name is matched only as a whole value: a
 * cell that is exactly the name, or a JSON string that is exactly the name.
 */
export function nameIsDistinctive(name: string): boolean {
  const trimmed = name.trim();
  const latin = /^[\p{Script=Latin}\s.'-]*$/u.test(trimmed);
  return [...trimmed.replace(/\s/g, '')].length >= (latin ? 4 : 3);
}

/** What names the person inside free text: id, e-mail, and their name when it is distinctive. */
function needlesOf(p: PersonBasics): string[] {
  return [p.id, ...(p.email ? [p.email] : []), ...(nameIsDistinctive(p.name) ? [p.name.trim()] : [])];
}

/** What names the person inside JSON (the change log, retry answers): as above, or the name as a whole string. */
function jsonNeedlesOf(p: PersonBasics): string[] {
  const needles = needlesOf(p);
  if (!nameIsDistinctive(p.name) && p.name.trim() !== '') needles.push(JSON.stringify(p.name.trim()));
  return needles;
}

/**
 * Their words in rows that are kept: every free-text cell of the event naming them (a colleague's
 * note about them, a request message, an outcome note), and the outcome note and next step of
 * meetings whose outcome they recorded (the change log says who did; read before it is scrubbed).
 */
function blankTheirWords(store: Store, p: PersonBasics): void {
  const { sql } = store;
  const name = p.name.trim();
  for (const [table, column, blank] of FREE_TEXT) {
    if (blank === '0' || !hasColumn(store, table, column)) continue;
    const update = sql.prepare(
      `UPDATE ${table} SET ${column} = ${blank} WHERE event_id = ? AND instr(${column}, ?) > 0`,
    );
    for (const needle of needlesOf(p)) update.run(p.event_id, needle);
    if (name !== '') {
      sql
        .prepare(`UPDATE ${table} SET ${column} = ${blank} WHERE event_id = ? AND trim(${column}) = ?`)
        .run(p.event_id, name);
    }
  }
  sql
    .prepare(
      `UPDATE meetings SET outcome_note = '', next_step = '' WHERE event_id = ? AND id IN (
         SELECT json_extract(data, '$.meetingId') FROM changes
         WHERE event_id = ? AND actor = ? AND kind = 'meeting:outcome' AND json_valid(data))`,
    )
    .run(p.event_id, p.event_id, p.id);
}

/** The change log's rows that name the person (as actor, by id, name or e-mail, or a request of theirs). */
function scrubChanges(store: Store, p: PersonBasics, requestIds: string[]): void {
  const needles = [...jsonNeedlesOf(p), ...requestIds];
  const blank = store.sql.prepare(
    "UPDATE changes SET data = '{}' WHERE event_id = ? AND (actor = ? OR instr(data, ?) > 0)",
  );
  for (const needle of needles) blank.run(p.event_id, p.id, needle);
  store.sql.prepare("UPDATE changes SET actor = 'erased' WHERE event_id = ? AND actor = ?").run(p.event_id, p.id);
}

// ---- erasing an event ----

/**
 * Tables keyed to the event's people or links rather than to the event. The purge keeps organizers'
 * sessions (`keepOrganizerSessions`): the city's staff still open the event's report afterwards.
 */
function eraseOutsideRows(store: Store, eventId: string, keepOrganizerSessions = false): void {
  const { sql } = store;
  const people = '(SELECT id FROM people WHERE event_id = ?)';
  const signedIn = keepOrganizerSessions ? '(SELECT id FROM people WHERE event_id = ? AND is_organizer = 0)' : people;
  sql.prepare(`DELETE FROM logins WHERE person_id IN ${signedIn}`).run(eventId);
  sql.prepare(`DELETE FROM idempotency WHERE actor IN ${people}`).run(eventId);
  // A reception station acts as 'door:<link id>' (auth/door.ts doorActorId).
  sql
    .prepare("DELETE FROM idempotency WHERE actor IN (SELECT 'door:' || id FROM door_links WHERE event_id = ?)")
    .run(eventId);
  sql.prepare('DELETE FROM door_logins WHERE link_id IN (SELECT id FROM door_links WHERE event_id = ?)').run(eventId);
  if (hasTable(store, 'mail_log') && !hasColumn(store, 'mail_log', 'event_id')) {
    sql.prepare(`DELETE FROM mail_log WHERE person_id IN ${people}`).run(eventId);
  }
  if (hasColumn(store, 'kpi_entries', 'recorded_by_person')) {
    sql
      .prepare(
        `UPDATE kpi_entries SET recorded_by = '', recorded_by_person = NULL WHERE recorded_by_person IN ${people}`,
      )
      .run(eventId);
  }
}

/**
 * Erases a whole event: every row of every table that belongs to it (each table with an event_id,
 * as the archive knows them), the sessions and retry answers of its people and stations, and the
 * event row. Foreign keys are checked at the end, so a table naming the event's rows that this
 * forgot makes the erasure fail whole instead of leaving orphans. Returns the people and station
 * actors whose sockets must end.
 */
export function eraseEvent(store: Store, eventId: string): { actors: string[] } {
  const { sql } = store;
  const programmeId = hasColumn(store, 'events', 'programme_id')
    ? sql.pluck<[string], string | null>('SELECT programme_id FROM events WHERE id = ?').get(eventId)
    : null;
  const result = store.db.transaction(() => {
    sql.db.pragma('defer_foreign_keys = ON');
    const actors = [
      ...sql.pluck<[string], string>('SELECT id FROM people WHERE event_id = ?').all(eventId),
      ...sql.pluck<[string], string>("SELECT 'door:' || id FROM door_links WHERE event_id = ?").all(eventId),
    ];
    eraseOutsideRows(store, eventId);
    const tables = sql
      .pluck<[], string>(
        `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
         WHERE m.type = 'table' AND c.name = 'event_id' ORDER BY m.name`,
      )
      .all();
    for (const table of tables) sql.prepare(`DELETE FROM ${table} WHERE event_id = ?`).run(eventId);
    sql.prepare('DELETE FROM events WHERE id = ?').run(eventId);
    unpublishIfEmpty(store, programmeId);
    return { actors };
  })();
  checkpoint(store);
  return result;
}

/** A programme left with no event publishes nothing: its public page would show an empty record. */
function unpublishIfEmpty(store: Store, programmeId: string | null | undefined): void {
  if (!programmeId) return;
  const left = store.sql.pluck<[string], number>('SELECT count(*) FROM events WHERE programme_id = ?').get(programmeId);
  if (left !== 0) return;
  store.sql
    .prepare(
      "UPDATE programmes SET publish = json_set(publish, '$.enabled', json('false')) WHERE id = ? AND publish IS NOT NULL",
    )
    .run(programmeId);
}

/**
 * Empties the write-ahead log into the file (where secure_delete zeroed the deleted rows) and
 * truncates it, so the erased text is not left in the log's old frames. Best effort: a reader
 * elsewhere leaves it for the next checkpoint.
 */
function checkpoint(store: Store): void {
  try {
    store.db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // A statement in progress on this connection: SQLite's own checkpoints follow.
  }
}

// ---- the retention purge ----

/** Events whose personal data is still held, with what decides when it goes. */
export function unpurgedEvents(store: Store): { id: string; date: string; timeZone: string; retentionDays: number }[] {
  return store.sql
    .prepare<[], { id: string; date: string; timeZone: string; retentionDays: number }>(
      `SELECT id, date, time_zone AS timeZone, retention_days AS retentionDays FROM events
       WHERE personal_data_purged_at IS NULL`,
    )
    .all();
}

/**
 * Anonymises every person of the event, keeping every row the KPI report counts: people rows keep
 * their id and organization (check-ins count companies) with every personal column blanked; an
 * attendee's badge gets a fresh nonce (the printed one opens nothing) and their sessions end, while
 * organizers keep their sign-in, nameless, to open the event's report; taps keep their level, requests their status,
 * meetings their status and outcome; what anyone wrote is blanked; sessions, old badges, the door's
 * doubles, retry answers, calendar feeds and mail log go; the change log keeps its sequence with
 * its data emptied. One logged change ('privacy:purged'); the caller then ends the people's
 * connections and compacts the file (`compact`) so no deleted text stays on disk.
 */
export function purgeEvent(store: Store, eventId: string, actor: string, now: number, newNonce: () => string): void {
  const { sql } = store;
  store.mutate(eventId, actor, now, () => {
    const attendees = sql
      .pluck<[string], string>('SELECT id FROM people WHERE event_id = ? AND is_organizer = 0')
      .all(eventId);
    eraseOutsideRows(store, eventId, true);
    blankPeople(store, eventId);
    const nonce = sql.prepare('UPDATE people SET badge_nonce = ? WHERE id = ?');
    for (const id of attendees) nonce.run(newNonce(), id);
    for (const table of ['checkin_doubles', 'revoked_badges', 'calendar_feeds']) {
      if (hasTable(store, table)) sql.prepare(`DELETE FROM ${table} WHERE event_id = ?`).run(eventId);
    }
    if (hasTable(store, 'mail_log')) {
      sql.prepare('DELETE FROM mail_log WHERE person_id IN (SELECT id FROM people WHERE event_id = ?)').run(eventId);
    }
    for (const [table, column, blank] of FREE_TEXT) {
      if (hasColumn(store, table, column)) {
        sql.prepare(`UPDATE ${table} SET ${column} = ${blank} WHERE event_id = ?`).run(eventId);
      }
    }
    sql.prepare("UPDATE changes SET data = '{}' WHERE event_id = ?").run(eventId);
    sql.prepare('UPDATE events SET personal_data_purged_at = ? WHERE id = ?').run(now, eventId);
    return { result: undefined, changes: [{ kind: 'privacy:purged', data: {} }] };
  });
}

/**
 * Every column of `people` but the kept ones, back to its default (or empty, or NULL): a column a
 * later migration adds (a phone number) is blanked without this list growing.
 */
function blankPeople(store: Store, eventId: string): void {
  const columns = store.sql
    .prepare<[], { name: string; notnull: number; dflt_value: string | null }>(
      'SELECT name, "notnull", dflt_value FROM pragma_table_info(\'people\')',
    )
    .all()
    .filter((c) => !PEOPLE_KEPT.has(c.name));
  const sets = columns.map((c) => `"${c.name}" = ${c.dflt_value ?? (c.notnull ? "''" : 'NULL')}`);
  store.sql.prepare(`UPDATE people SET ${sets.join(', ')} WHERE event_id = ?`).run(eventId);
}

/** Stores whose last compaction failed; the hourly retention timer tries again. */
const compactionPending = new WeakSet<Store>();

export function isCompactionPending(store: Store): boolean {
  return compactionPending.has(store);
}

/**
 * Rewrites the database file without its free pages and empties the write-ahead log: text deleted
 * or overwritten by a purge must not survive in either. A failure (a statement in progress, a
 * reader holding the file) is logged and marked pending, never thrown: the rows themselves are
 * gone already, and the purge's answer must not turn into an error. Returns whether it compacted.
 */
export function compact(store: Store, log?: (message: string, detail?: unknown) => void): boolean {
  try {
    store.db.exec('VACUUM');
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    compactionPending.delete(store);
    return true;
  } catch (error) {
    compactionPending.add(store);
    log?.('compaction after the purge failed; retried within the hour', error);
    return false;
  }
}

// ---- a person's own data ----

export function ownData(store: Store, personId: string, now: number): OwnData {
  const { sql } = store;
  const p = sql
    .prepare<
      [string],
      {
        id: string;
        event_id: string;
        name: string;
        name_kana: string;
        email: string | null;
        title: string;
        tags: string;
        is_organizer: number;
        organization_id: string | null;
        notice_acknowledged: number | null;
        created_at: number;
        org_name: string | null;
        org_kind: string | null;
      }
    >(
      `SELECT p.*, o.name AS org_name, o.kind AS org_kind FROM people p
       LEFT JOIN organizations o ON o.id = p.organization_id WHERE p.id = ?`,
    )
    .get(personId)!;
  const event = store.getEvent(p.event_id)!;
  const org = p.organization_id;
  return {
    exportedAt: now,
    event: { id: event.id, name: event.name, date: event.date, venue: event.venue },
    person: {
      id: p.id,
      name: p.name,
      nameKana: p.name_kana,
      email: p.email,
      title: p.title,
      tags: JSON.parse(p.tags) as string[],
      role: p.is_organizer ? 'organizer' : (p.org_kind ?? ''),
      organization: org ? { id: org, name: p.org_name!, kind: p.org_kind! } : null,
      noticeAcknowledged: p.notice_acknowledged,
      createdAt: p.created_at,
    },
    checkin:
      sql
        .prepare<[string], { at: number; station: string; method: string }>(
          'SELECT at, station, method FROM checkins WHERE person_id = ?',
        )
        .get(personId) ?? null,
    taps: sql
      .prepare<
        [string],
        { venture: string; level: string; tags: string; note: string; share_note: number; updated_at: number }
      >(
        `SELECT o.name AS venture, i.level, i.tags, i.note, i.share_note, i.updated_at FROM interests i
         JOIN organizations o ON o.id = i.venture_id WHERE i.person_id = ? ORDER BY i.updated_at`,
      )
      .all(personId)
      .map((t) => ({
        venture: t.venture,
        level: t.level,
        tags: JSON.parse(t.tags) as string[],
        note: t.note,
        shareNote: t.share_note === 1,
        updatedAt: t.updated_at,
      })),
    requests: sql
      .prepare<[string], OwnData['requests'][number]>(
        `SELECT r.id, o.name AS "to", r.message, r.status, r.reason, r.created_at AS createdAt, r.updated_at AS updatedAt
         FROM meeting_requests r JOIN organizations o ON o.id = r.to_org WHERE r.from_person = ? ORDER BY r.created_at`,
      )
      .all(personId),
    // The meetings of their organization, with the outcomes recorded for them.
    meetings: org
      ? sql
          .prepare<[string, string, string], OwnData['meetings'][number]>(
            `SELECT m.id, o.name AS "with", m.slot_start AS slotStart, m.slot_end AS slotEnd, m.table_name AS "table",
               m.status, m.outcome, m.outcome_note AS outcomeNote, m.next_step AS nextStep,
               m.poc_started_on AS pocStartedOn, m.contract_on AS contractOn
             FROM meetings m JOIN organizations o ON o.id = CASE WHEN m.guest_org = ? THEN m.venture_org ELSE m.guest_org END
             WHERE m.guest_org = ? OR m.venture_org = ? ORDER BY m.slot_start`,
          )
          .all(org, org, org)
      : [],
  };
}
