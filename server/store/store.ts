/**
 * The embedded store over SQLite. Reads return the shapes of shared/model.ts; every write goes
 * through `mutate`, which runs it in one transaction together with its change-log rows, so a
 * change is either wholly committed (and then acknowledged) or not there at all.
 */
import type {
  CheckinInfo,
  CheckinMethod,
  EventInfo,
  EventStats,
  GridSettings,
  MeetingInfo,
  MeetingOutcome,
  MeetingRequestInfo,
  MeetingStatus,
  RequestStatus,
  InterestCount,
  InterestLevel,
  Lead,
  LiveState,
  MyInterest,
  OrgInfo,
  OrgKind,
  PersonSummary,
  PitchInfo,
  ProgramSessionInfo,
  ProgramView,
  Role,
  VentureInfo,
} from '../../shared/model.js';
import { findCompany } from '../domain/company.js';
import { countInterests } from '../domain/interest.js';
import type { RegisteredPerson } from '../domain/registration-match.js';
import type Database from 'better-sqlite3';
import type { Db } from './db.js';

export interface Change {
  kind: string;
  data: unknown;
}

export interface PersonRecord {
  id: string;
  eventId: string;
  name: string;
  role: Role;
  org: OrgInfo | null;
  badgeNonce: string;
}

export interface EventRecord extends EventInfo {
  topics: string[];
  boardNonce: string;
  live: LiveState;
  seq: number;
}

interface EventRow {
  id: string;
  name: string;
  venue: string;
  date: string;
  time_zone: string;
  topics: string;
  board_nonce: string;
  live: string;
  seq: number;
}

interface PersonRow {
  id: string;
  event_id: string;
  name: string;
  is_organizer: number;
  badge_nonce: string;
  org_id: string | null;
  org_kind: OrgKind | null;
  org_name: string | null;
}

const PERSON_SELECT = `
  SELECT p.id, p.event_id, p.name, p.is_organizer, p.badge_nonce,
         o.id AS org_id, o.kind AS org_kind, o.name AS org_name
  FROM people p LEFT JOIN organizations o ON o.id = p.organization_id`;

function toPerson(row: PersonRow | undefined): PersonRecord | undefined {
  if (!row) return undefined;
  const org = row.org_id ? { id: row.org_id, kind: row.org_kind!, name: row.org_name! } : null;
  return {
    id: row.id,
    eventId: row.event_id,
    name: row.name,
    role: row.is_organizer ? 'organizer' : org!.kind,
    org,
    badgeNonce: row.badge_nonce,
  };
}

function toEvent(row: EventRow | undefined): EventRecord | undefined {
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    venue: row.venue,
    date: row.date,
    timeZone: row.time_zone,
    topics: JSON.parse(row.topics) as string[],
    boardNonce: row.board_nonce,
    live: JSON.parse(row.live) as LiveState,
    seq: row.seq,
  };
}

export class Store {
  /** Compiled statements by SQL text: compiling on every call cost 7–8% of server time under load. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Db) {}

  private prepare<P extends unknown[] | object = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }

  /**
   * Runs `work` and appends its changes to the event's log in one transaction. Returns the
   * sequence number of the last change; the caller acknowledges only after this returns.
   */
  mutate<T>(
    eventId: string,
    actor: string,
    now: number,
    work: () => { result: T; changes: Change[] },
  ): { result: T; seq: number } {
    const bump = this.prepare<[string], { seq: number }>('UPDATE events SET seq = seq + 1 WHERE id = ? RETURNING seq');
    const append = this.prepare('INSERT INTO changes (event_id, seq, at, actor, kind, data) VALUES (?, ?, ?, ?, ?, ?)');
    return this.db
      .transaction(() => {
        const { result, changes } = work();
        let seq = this.eventSeq(eventId);
        for (const change of changes) {
          const row = bump.get(eventId);
          if (!row) throw new Error(`No event ${eventId}`);
          seq = row.seq;
          append.run(eventId, seq, now, actor, change.kind, JSON.stringify(change.data));
        }
        return { result, seq };
      })
      .immediate();
  }

  // ---- events ----

  insertEvent(e: {
    id: string;
    name: string;
    venue: string;
    date: string;
    timeZone: string;
    topics: string[];
    boardNonce: string;
    live: LiveState;
    createdAt: number;
  }): void {
    this.db
      .prepare(
        'INSERT INTO events (id, name, venue, date, time_zone, topics, board_nonce, live, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        e.id,
        e.name,
        e.venue,
        e.date,
        e.timeZone,
        JSON.stringify(e.topics),
        e.boardNonce,
        JSON.stringify(e.live),
        e.createdAt,
      );
  }

  getEvent(eventId: string): EventRecord | undefined {
    return toEvent(this.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?').get(eventId));
  }

  eventByBoardNonce(nonce: string): EventRecord | undefined {
    return toEvent(this.prepare<[string], EventRow>('SELECT * FROM events WHERE board_nonce = ?').get(nonce));
  }

  listEvents(): EventRecord[] {
    return this.db
      .prepare<[], EventRow>('SELECT * FROM events ORDER BY date, created_at')
      .all()
      .map((row) => toEvent(row)!);
  }

  eventSeq(eventId: string): number {
    return this.prepare<[string], { seq: number }>('SELECT seq FROM events WHERE id = ?').get(eventId)?.seq ?? 0;
  }

  setLive(eventId: string, live: LiveState): void {
    this.prepare('UPDATE events SET live = ? WHERE id = ?').run(JSON.stringify(live), eventId);
  }

  // ---- organizations and people ----

  insertOrganization(o: {
    id: string;
    eventId: string;
    kind: OrgKind;
    name: string;
    nameKana?: string;
    summary?: string;
    tags?: string[];
  }): void {
    this.db
      .prepare(
        'INSERT INTO organizations (id, event_id, kind, name, name_kana, summary, tags) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(o.id, o.eventId, o.kind, o.name, o.nameKana ?? '', o.summary ?? '', JSON.stringify(o.tags ?? []));
  }

  getOrganization(orgId: string): (OrgInfo & { eventId: string }) | undefined {
    return this.db
      .prepare<[string], OrgInfo & { eventId: string }>(
        'SELECT id, kind, name, event_id AS eventId FROM organizations WHERE id = ?',
      )
      .get(orgId);
  }

  /** Sets an organization's profile (reading, summary, topics) and returns it as the directory shows it. */
  updateOrganizationProfile(
    orgId: string,
    p: { nameKana: string; summary: string; tags: string[] },
  ): VentureInfo | undefined {
    const row = this.prepare<[string, string, string, string], Omit<VentureInfo, 'tags'> & { tags: string }>(
      `UPDATE organizations SET name_kana = ?, summary = ?, tags = ? WHERE id = ?
       RETURNING id, name, name_kana AS nameKana, summary, tags`,
    ).get(p.nameKana, p.summary, JSON.stringify(p.tags), orgId);
    return row && { ...row, tags: JSON.parse(row.tags) as string[] };
  }

  listVentures(eventId: string): VentureInfo[] {
    return this.db
      .prepare<[string], Omit<VentureInfo, 'tags'> & { tags: string }>(
        `SELECT id, name, name_kana AS nameKana, summary, tags FROM organizations
         WHERE event_id = ? AND kind = 'venture' ORDER BY name_kana, name`,
      )
      .all(eventId)
      .map((row) => ({ ...row, tags: JSON.parse(row.tags) as string[] }));
  }

  insertPerson(p: {
    id: string;
    eventId: string;
    organizationId: string | null;
    name: string;
    nameKana?: string;
    email?: string | null;
    title?: string;
    badgeNonce: string;
    createdAt: number;
    registrationKey?: string | null;
    tags?: string[];
    /** An organizer's account across the series; a new organizer is an account of their own. */
    account?: string;
  }): void {
    const organizer = p.organizationId === null;
    this.db
      .prepare(
        `INSERT INTO people (id, event_id, organization_id, is_organizer, name, name_kana, email, title, badge_nonce,
           created_at, registration_key, tags, account)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        p.id,
        p.eventId,
        p.organizationId,
        organizer ? 1 : 0,
        p.name,
        p.nameKana ?? '',
        p.email ?? null,
        p.title ?? '',
        p.badgeNonce,
        p.createdAt,
        p.registrationKey ?? null,
        JSON.stringify(p.tags ?? []),
        organizer ? (p.account ?? p.id) : null,
      );
  }

  getPerson(personId: string): PersonRecord | undefined {
    return toPerson(this.prepare<[string], PersonRow>(`${PERSON_SELECT} WHERE p.id = ?`).get(personId));
  }

  personByBadgeNonce(nonce: string): PersonRecord | undefined {
    return toPerson(this.prepare<[string], PersonRow>(`${PERSON_SELECT} WHERE p.badge_nonce = ?`).get(nonce));
  }

  listPeople(eventId: string): PersonRecord[] {
    return this.db
      .prepare<[string], PersonRow>(
        `${PERSON_SELECT} WHERE p.event_id = ? ORDER BY p.is_organizer DESC, o.kind, p.name_kana, p.name`,
      )
      .all(eventId)
      .map((row) => toPerson(row)!);
  }

  // ---- sign-in sessions ----

  insertLogin(idHash: string, person: PersonRecord, now: number): void {
    this.db
      .prepare('INSERT INTO logins (id_hash, person_id, badge_nonce, created_at) VALUES (?, ?, ?, ?)')
      .run(idHash, person.id, person.badgeNonce, now);
  }

  deleteLogin(idHash: string): void {
    this.prepare('DELETE FROM logins WHERE id_hash = ?').run(idHash);
  }

  /** The person a session belongs to, unless their badge was reissued since it was opened. */
  personByLogin(idHash: string, openedAfter: number): PersonRecord | undefined {
    return toPerson(
      this.db
        .prepare<[string, number], PersonRow>(
          `${PERSON_SELECT} JOIN logins l ON l.person_id = p.id AND l.badge_nonce = p.badge_nonce
           WHERE l.id_hash = ? AND l.created_at > ?`,
        )
        .get(idHash, openedAfter),
    );
  }

  // ---- program ----

  saveProgramSession(eventId: string, s: ProgramSessionInfo): void {
    this.db
      .prepare(
        `INSERT INTO program_sessions (id, event_id, title, position) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, position = excluded.position`,
      )
      .run(s.id, eventId, s.title, s.position);
  }

  deleteProgramSession(id: string): void {
    this.prepare('DELETE FROM program_sessions WHERE id = ?').run(id);
  }

  savePitch(eventId: string, p: PitchInfo): void {
    this.db
      .prepare(
        `INSERT INTO pitches (id, event_id, session_id, venture_id, title, duration_sec, position) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET session_id = excluded.session_id, venture_id = excluded.venture_id,
           title = excluded.title, duration_sec = excluded.duration_sec, position = excluded.position`,
      )
      .run(p.id, eventId, p.sessionId, p.ventureId, p.title, p.durationSec, p.position);
  }

  deletePitch(id: string): void {
    this.prepare('DELETE FROM pitches WHERE id = ?').run(id);
  }

  program(eventId: string): ProgramView {
    const sessions = this.db
      .prepare<[string], ProgramSessionInfo>(
        'SELECT id, title, position FROM program_sessions WHERE event_id = ? ORDER BY position',
      )
      .all(eventId);
    const pitches = this.db
      .prepare<[string], PitchInfo>(
        `SELECT id, session_id AS sessionId, venture_id AS ventureId, title, duration_sec AS durationSec, position
         FROM pitches WHERE event_id = ? ORDER BY position`,
      )
      .all(eventId);
    const live = this.getEvent(eventId)?.live;
    if (!live) throw new Error(`No event ${eventId}`);
    return { sessions, pitches, live };
  }

  // ---- interest ----

  upsertInterest(eventId: string, personId: string, interest: MyInterest): void {
    this.db
      .prepare(
        `INSERT INTO interests (event_id, person_id, venture_id, level, tags, note, share_note, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (person_id, venture_id) DO UPDATE SET level = excluded.level, tags = excluded.tags,
           note = excluded.note, share_note = excluded.share_note, updated_at = excluded.updated_at`,
      )
      .run(
        eventId,
        personId,
        interest.ventureId,
        interest.level,
        JSON.stringify(interest.tags),
        interest.note,
        interest.shareNote ? 1 : 0,
        interest.updatedAt,
      );
  }

  deleteInterest(personId: string, ventureId: string): boolean {
    return (
      this.prepare('DELETE FROM interests WHERE person_id = ? AND venture_id = ?').run(personId, ventureId).changes > 0
    );
  }

  getInterest(personId: string, ventureId: string): MyInterest | undefined {
    return this.myInterests(personId, ventureId)[0];
  }

  myInterests(personId: string, ventureId?: string): MyInterest[] {
    type Row = Omit<MyInterest, 'tags' | 'shareNote'> & { tags: string; shareNote: number };
    const select = `SELECT venture_id AS ventureId, level, tags, note, share_note AS shareNote, updated_at AS updatedAt
      FROM interests WHERE person_id = ?`;
    const rows = ventureId
      ? this.prepare<[string, string], Row>(`${select} AND venture_id = ?`).all(personId, ventureId)
      : this.prepare<[string], Row>(`${select} ORDER BY updated_at`).all(personId);
    return rows.map((row) => ({ ...row, tags: JSON.parse(row.tags) as string[], shareNote: row.shareNote === 1 }));
  }

  /** The firms that asked to meet a venture, newest first; a note only where its author shared it. */
  /** Requests a person sent (they name the person), and ventures the person asked to meet (their leads do). */
  namesOfPerson(personId: string): { requestIds: string[]; leadVentureIds: string[] } {
    return {
      requestIds: this.prepare<[string], string>('SELECT id FROM meeting_requests WHERE from_person = ?')
        .pluck()
        .all(personId),
      leadVentureIds: this.prepare<[string], string>(
        "SELECT venture_id FROM interests WHERE person_id = ? AND level = 'want-to-meet'",
      )
        .pluck()
        .all(personId),
    };
  }

  leadsFor(ventureId: string): Lead[] {
    return this.db
      .prepare<[string], Omit<Lead, 'tags'> & { tags: string }>(
        `SELECT i.person_id AS personId, p.name AS personName, o.id AS orgId, o.name AS orgName, i.tags,
                CASE WHEN i.share_note = 1 THEN i.note ELSE '' END AS note, i.updated_at AS updatedAt
         FROM interests i JOIN people p ON p.id = i.person_id JOIN organizations o ON o.id = p.organization_id
         WHERE i.venture_id = ? AND i.level = 'want-to-meet'
         ORDER BY i.updated_at DESC`,
      )
      .all(ventureId)
      .map((row) => ({ ...row, tags: JSON.parse(row.tags) as string[] }));
  }

  /** Interest counts per venture of the event, or of the given ventures only. */
  interestCounts(eventId: string, ventureIds?: readonly string[]): Record<string, InterestCount> {
    const rows = this.db
      .prepare<[string], { ventureId: string; level: InterestLevel }>(
        'SELECT venture_id AS ventureId, level FROM interests WHERE event_id = ?',
      )
      .all(eventId);
    const wanted = ventureIds ? new Set(ventureIds) : null;
    const counts = countInterests(wanted ? rows.filter((r) => wanted.has(r.ventureId)) : rows);
    // Ventures nobody has tagged yet still get an explicit zero, so an undo back to zero is visible.
    for (const id of ventureIds ?? this.listVentures(eventId).map((v) => v.id))
      counts[id] ??= { total: 0, wantToMeet: 0 };
    return counts;
  }

  // ---- door ----

  /** People as organizers see them, with their check-in; all of the event's, or the given ones. */
  peopleSummaries(eventId: string, personIds?: readonly string[]): PersonSummary[] {
    type Row = Omit<PersonSummary, 'role' | 'checkin'> & {
      isOrganizer: number;
      kind: OrgKind | null;
      at: number | null;
      station: string | null;
      method: CheckinMethod | null;
    };
    const select = `SELECT p.id, p.name, p.name_kana AS nameKana, p.is_organizer AS isOrganizer, p.title,
        o.id AS orgId, o.name AS orgName, o.kind, c.at, c.station, c.method
      FROM people p LEFT JOIN organizations o ON o.id = p.organization_id LEFT JOIN checkins c ON c.person_id = p.id`;
    const rows = personIds
      ? personIds.flatMap((id) =>
          this.prepare<[string, string], Row>(`${select} WHERE p.event_id = ? AND p.id = ?`).all(eventId, id),
        )
      : this.prepare<[string], Row>(`${select} WHERE p.event_id = ? ORDER BY p.name_kana, p.name`).all(eventId);
    return rows.map(({ isOrganizer, kind, at, station, method, ...row }) => ({
      ...row,
      role: isOrganizer ? 'organizer' : kind!,
      checkin: at !== null ? { at, station: station!, method: method! } : null,
    }));
  }

  getCheckin(personId: string): CheckinInfo | undefined {
    return this.db
      .prepare<[string], CheckinInfo>('SELECT at, station, method FROM checkins WHERE person_id = ?')
      .get(personId);
  }

  insertCheckin(eventId: string, personId: string, checkin: CheckinInfo): void {
    this.db
      .prepare('INSERT INTO checkins (event_id, person_id, at, station, method) VALUES (?, ?, ?, ?, ?)')
      .run(eventId, personId, checkin.at, checkin.station, checkin.method);
  }

  deleteCheckin(personId: string): void {
    this.prepare('DELETE FROM checkins WHERE person_id = ?').run(personId);
  }

  /**
   * The answer already given to this actor's command with this key, if any. The key is scoped to
   * the command, so a key reused for another command is a new request, not someone else's answer.
   */
  idempotentAnswer<T>(actor: string, command: string, key: string): T | undefined {
    const row = this.db
      .prepare<[string, string], { answer: string }>('SELECT answer FROM idempotency WHERE actor = ? AND key = ?')
      .get(actor, `${command}:${key}`);
    return row ? (JSON.parse(row.answer) as T) : undefined;
  }

  rememberAnswer(actor: string, command: string, key: string, answer: unknown, now: number): void {
    this.db
      .prepare('INSERT INTO idempotency (actor, key, answer, at) VALUES (?, ?, ?, ?)')
      .run(actor, `${command}:${key}`, JSON.stringify(answer), now);
  }

  /**
   * The organization a company name means, however it is spelled (ＡＢＣ商事, (株)ABC商事…): one
   * organization per company is kept here, in code, since SQLite cannot fold names as companyKey does.
   */
  organizationByName(eventId: string, name: string): (OrgInfo & { eventId: string }) | undefined {
    const org = findCompany(this.organizations(eventId), name);
    return org && { ...org, eventId };
  }

  /** The event's organizations, oldest first (the first spelling of a company is the one kept). */
  organizations(eventId: string): OrgInfo[] {
    return this.prepare<[string], OrgInfo>(
      'SELECT id, kind, name FROM organizations WHERE event_id = ? ORDER BY rowid',
    ).all(eventId);
  }

  /** Everyone registered for the event (organizers aside), as an import or a registration matches them. */
  registeredPeople(eventId: string): RegisteredPerson[] {
    type Row = Omit<RegisteredPerson, 'tags'> & { tags: string };
    return this.prepare<[string], Row>(
      `SELECT p.id, p.name, p.name_kana AS kana, p.email, p.title, p.tags, p.registration_key AS registrationKey,
         o.id AS orgId, o.name AS orgName, o.kind
       FROM people p JOIN organizations o ON o.id = p.organization_id WHERE p.event_id = ? ORDER BY p.rowid`,
    )
      .all(eventId)
      .map((row) => ({ ...row, tags: JSON.parse(row.tags) as string[] }));
  }

  personByRegistrationKey(eventId: string, key: string): PersonRecord | undefined {
    return toPerson(
      this.db
        .prepare<[string, string], PersonRow>(`${PERSON_SELECT} WHERE p.event_id = ? AND p.registration_key = ?`)
        .get(eventId, key),
    );
  }

  updatePerson(
    personId: string,
    p: {
      organizationId: string;
      name: string;
      nameKana: string;
      email: string | null;
      title: string;
      tags: string[];
      registrationKey: string | null;
    },
  ): void {
    this.db
      .prepare(
        `UPDATE people SET organization_id = ?, name = ?, name_kana = ?, email = ?, title = ?, tags = ?, registration_key = ?
         WHERE id = ?`,
      )
      .run(p.organizationId, p.name, p.nameKana, p.email, p.title, JSON.stringify(p.tags), p.registrationKey, personId);
  }

  personTags(personId: string): string[] {
    const raw = this.prepare<[string], string>('SELECT tags FROM people WHERE id = ?').pluck().get(personId);
    return raw ? (JSON.parse(raw) as string[]) : [];
  }

  setRegistrationKey(personId: string, key: string | null, tags: string[]): void {
    this.db
      .prepare('UPDATE people SET registration_key = ?, tags = ? WHERE id = ?')
      .run(key, JSON.stringify(tags), personId);
  }

  /** A new badge: the old token and every session opened with it stop working. */
  setBadgeNonce(personId: string, nonce: string): void {
    this.prepare('UPDATE people SET badge_nonce = ? WHERE id = ?').run(nonce, personId);
    this.prepare('DELETE FROM logins WHERE person_id = ?').run(personId);
  }

  stats(eventId: string): EventStats {
    const door = this.db
      .prepare<[string], { checkedIn: number; companies: number }>(
        `SELECT COUNT(*) AS checkedIn, COUNT(DISTINCT p.organization_id) AS companies
         FROM checkins c JOIN people p ON p.id = c.person_id WHERE c.event_id = ?`,
      )
      .get(eventId);
    const meetingsBooked = this.db
      .prepare<[string], number>("SELECT COUNT(*) FROM meetings WHERE event_id = ? AND status <> 'cancelled'")
      .pluck()
      .get(eventId);
    return { checkedIn: door?.checkedIn ?? 0, companies: door?.companies ?? 0, meetingsBooked: meetingsBooked ?? 0 };
  }

  // ---- meetings ----

  getGrid(eventId: string): GridSettings | null {
    const raw = this.prepare<[string], string | null>('SELECT grid FROM events WHERE id = ?').pluck().get(eventId);
    return raw ? (JSON.parse(raw) as GridSettings) : null;
  }

  setGrid(eventId: string, grid: GridSettings): void {
    this.prepare('UPDATE events SET grid = ? WHERE id = ?').run(JSON.stringify(grid), eventId);
  }

  insertRequest(r: {
    id: string;
    eventId: string;
    fromOrg: string;
    toOrg: string;
    fromPerson: string;
    message: string;
    now: number;
  }): void {
    this.db
      .prepare(
        `INSERT INTO meeting_requests (id, event_id, from_org, to_org, from_person, message, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      )
      .run(r.id, r.eventId, r.fromOrg, r.toOrg, r.fromPerson, r.message, r.now, r.now);
  }

  setRequestStatus(id: string, status: RequestStatus, reason: string, now: number): void {
    this.db
      .prepare('UPDATE meeting_requests SET status = ?, reason = ?, updated_at = ? WHERE id = ?')
      .run(status, reason, now, id);
  }

  /** Requests of the event: all, those of one organization (either side), or the given ids. */
  requests(
    eventId: string,
    filter: { orgId?: string; ids?: readonly string[]; pendingOf?: readonly string[] } = {},
  ): MeetingRequestInfo[] {
    const select = `SELECT r.id, r.from_org AS fromOrgId, fo.name AS fromOrgName, p.name AS fromPersonName,
        r.to_org AS toOrgId, tor.name AS toOrgName, r.message, r.status, r.reason, r.created_at AS createdAt,
        r.updated_at AS updatedAt
      FROM meeting_requests r JOIN organizations fo ON fo.id = r.from_org JOIN organizations tor ON tor.id = r.to_org
      JOIN people p ON p.id = r.from_person WHERE r.event_id = ?`;
    if (filter.ids) {
      return filter.ids.flatMap((id) =>
        this.prepare<[string, string], MeetingRequestInfo>(`${select} AND r.id = ?`).all(eventId, id),
      );
    }
    if (filter.pendingOf) {
      return filter.pendingOf.flatMap((org) =>
        this.db
          .prepare<[string, string, string], MeetingRequestInfo>(
            `${select} AND r.status = 'pending' AND (r.from_org = ? OR r.to_org = ?)`,
          )
          .all(eventId, org, org),
      );
    }
    if (filter.orgId) {
      return this.db
        .prepare<[string, string, string], MeetingRequestInfo>(
          `${select} AND (r.from_org = ? OR r.to_org = ?) ORDER BY r.created_at DESC`,
        )
        .all(eventId, filter.orgId, filter.orgId);
    }
    return this.prepare<[string], MeetingRequestInfo>(`${select} ORDER BY r.created_at DESC`).all(eventId);
  }

  insertMeeting(m: {
    id: string;
    eventId: string;
    requestId: string | null;
    guestOrg: string;
    ventureOrg: string;
    slotStart: number;
    slotEnd: number;
    table: string;
    now: number;
  }): void {
    this.db
      .prepare(
        `INSERT INTO meetings (id, event_id, request_id, guest_org, venture_org, slot_start, slot_end, table_name, status,
           created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?)`,
      )
      .run(m.id, m.eventId, m.requestId, m.guestOrg, m.ventureOrg, m.slotStart, m.slotEnd, m.table, m.now, m.now);
  }

  updateMeeting(
    id: string,
    m: { slotStart: number; slotEnd: number; table: string; status: MeetingStatus; nextStep: string; now: number },
  ): void {
    this.db
      .prepare(
        'UPDATE meetings SET slot_start = ?, slot_end = ?, table_name = ?, status = ?, next_step = ?, updated_at = ? WHERE id = ?',
      )
      .run(m.slotStart, m.slotEnd, m.table, m.status, m.nextStep, m.now, id);
  }

  /** Ties a meeting to the request it answers (an organizer's booking that a request then met). */
  linkMeetingRequest(meetingId: string, requestId: string, now: number): void {
    this.prepare('UPDATE meetings SET request_id = ?, updated_at = ? WHERE id = ? AND request_id IS NULL').run(
      requestId,
      now,
      meetingId,
    );
  }

  setMeetingOutcome(
    id: string,
    o: { outcome: MeetingOutcome; pocStartedOn: string | null; contractOn: string | null; note: string; now: number },
  ): void {
    this.prepare(
      `UPDATE meetings SET outcome = ?, poc_started_on = ?, contract_on = ?, outcome_note = ?, outcome_at = ?
       WHERE id = ?`,
    ).run(o.outcome, o.pocStartedOn, o.contractOn, o.note, o.now, id);
  }

  /** Meetings of the event: all, one organization's agenda, or the given ids; in time order. */
  meetings(eventId: string, filter: { orgId?: string; ids?: readonly string[] } = {}): MeetingInfo[] {
    const select = `SELECT m.id, m.request_id AS requestId, m.guest_org AS guestOrgId, g.name AS guestOrgName,
        m.venture_org AS ventureOrgId, v.name AS ventureOrgName, m.slot_start AS slotStart, m.slot_end AS slotEnd,
        m.table_name AS "table", m.status, m.next_step AS nextStep, m.outcome,
        m.poc_started_on AS pocStartedOn, m.contract_on AS contractOn, m.outcome_note AS outcomeNote
      FROM meetings m JOIN organizations g ON g.id = m.guest_org JOIN organizations v ON v.id = m.venture_org
      WHERE m.event_id = ?`;
    if (filter.ids) {
      return filter.ids.flatMap((id) =>
        this.prepare<[string, string], MeetingInfo>(`${select} AND m.id = ?`).all(eventId, id),
      );
    }
    if (filter.orgId) {
      return this.db
        .prepare<[string, string, string], MeetingInfo>(
          `${select} AND (m.guest_org = ? OR m.venture_org = ?) ORDER BY m.slot_start`,
        )
        .all(eventId, filter.orgId, filter.orgId);
    }
    return this.prepare<[string], MeetingInfo>(`${select} ORDER BY m.slot_start, m.table_name`).all(eventId);
  }

  /** The places taken: every meeting not cancelled, as the allocator sees them. */
  bookings(eventId: string): { meetingId: string; slotStart: number; table: string; orgs: [string, string] }[] {
    return this.db
      .prepare<[string], { meetingId: string; slotStart: number; table: string; guest: string; venture: string }>(
        `SELECT id AS meetingId, slot_start AS slotStart, table_name AS "table", guest_org AS guest, venture_org AS venture
         FROM meetings WHERE event_id = ? AND status <> 'cancelled'`,
      )
      .all(eventId)
      .map((b) => ({ meetingId: b.meetingId, slotStart: b.slotStart, table: b.table, orgs: [b.guest, b.venture] }));
  }
}
