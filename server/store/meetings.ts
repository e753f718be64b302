/**
 * Meetings: the grid of slots and tables (kept on the event row), requests from one organization to
 * another, and the meetings booked in the grid. The database itself keeps an organization and a
 * table out of two meetings at once (unique indexes over meetings not cancelled).
 */
import type {
  GridSettings,
  MeetingInfo,
  MeetingOutcome,
  MeetingRequestInfo,
  MeetingStatus,
  RequestStatus,
} from '../../shared/model.js';
import type { Statements } from './statements.js';

const REQUEST_SELECT = `SELECT r.id, r.from_org AS fromOrgId, fo.name AS fromOrgName, p.name AS fromPersonName,
    r.to_org AS toOrgId, tor.name AS toOrgName, r.message, r.status, r.reason, r.created_at AS createdAt,
    r.updated_at AS updatedAt
  FROM meeting_requests r JOIN organizations fo ON fo.id = r.from_org JOIN organizations tor ON tor.id = r.to_org
  JOIN people p ON p.id = r.from_person WHERE r.event_id = ?`;

const MEETING_SELECT = `SELECT m.id, m.request_id AS requestId, m.guest_org AS guestOrgId, g.name AS guestOrgName,
    m.venture_org AS ventureOrgId, v.name AS ventureOrgName, m.slot_start AS slotStart, m.slot_end AS slotEnd,
    m.table_name AS "table", m.status, m.next_step AS nextStep, m.outcome,
    m.poc_started_on AS pocStartedOn, m.contract_on AS contractOn, m.outcome_note AS outcomeNote
  FROM meetings m JOIN organizations g ON g.id = m.guest_org JOIN organizations v ON v.id = m.venture_org
  WHERE m.event_id = ?`;

export interface NewRequest {
  id: string;
  eventId: string;
  fromOrg: string;
  toOrg: string;
  fromPerson: string;
  message: string;
  now: number;
}

export interface NewMeeting {
  id: string;
  eventId: string;
  requestId: string | null;
  guestOrg: string;
  ventureOrg: string;
  slotStart: number;
  slotEnd: number;
  table: string;
  now: number;
}

export interface MeetingUpdate {
  slotStart: number;
  slotEnd: number;
  table: string;
  status: MeetingStatus;
  nextStep: string;
  now: number;
}

export interface OutcomeUpdate {
  outcome: MeetingOutcome;
  pocStartedOn: string | null;
  contractOn: string | null;
  note: string;
  now: number;
}

export type RequestFilter = { orgId?: string; ids?: readonly string[]; pendingOf?: readonly string[] };
export type MeetingFilter = { orgId?: string; ids?: readonly string[] };

/** A place taken by a meeting not cancelled, with the meeting that takes it. */
export interface Booking {
  meetingId: string;
  slotStart: number;
  table: string;
  orgs: [string, string];
}

export class Meetings {
  constructor(private readonly sql: Statements) {}

  // ---- the grid ----

  grid(eventId: string): GridSettings | null {
    const raw = this.sql.pluck<[string], string | null>('SELECT grid FROM events WHERE id = ?').get(eventId);
    return raw ? (JSON.parse(raw) as GridSettings) : null;
  }

  setGrid(eventId: string, grid: GridSettings): void {
    this.sql.prepare('UPDATE events SET grid = ? WHERE id = ?').run(JSON.stringify(grid), eventId);
  }

  // ---- requests ----

  insertRequest(r: NewRequest): void {
    this.sql
      .prepare(
        `INSERT INTO meeting_requests (id, event_id, from_org, to_org, from_person, message, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      )
      .run(r.id, r.eventId, r.fromOrg, r.toOrg, r.fromPerson, r.message, r.now, r.now);
  }

  setRequestStatus(id: string, status: RequestStatus, reason: string, now: number): void {
    this.sql
      .prepare('UPDATE meeting_requests SET status = ?, reason = ?, updated_at = ? WHERE id = ?')
      .run(status, reason, now, id);
  }

  /** Requests of the event: all, those of one organization (either side), or the given ids. */
  requests(eventId: string, filter: RequestFilter = {}): MeetingRequestInfo[] {
    if (filter.ids) {
      const byId = this.sql.prepare<[string, string], MeetingRequestInfo>(`${REQUEST_SELECT} AND r.id = ?`);
      return filter.ids.flatMap((id) => byId.all(eventId, id));
    }
    if (filter.pendingOf) {
      const pendingOf = this.sql.prepare<[string, string, string], MeetingRequestInfo>(
        `${REQUEST_SELECT} AND r.status = 'pending' AND (r.from_org = ? OR r.to_org = ?)`,
      );
      return filter.pendingOf.flatMap((org) => pendingOf.all(eventId, org, org));
    }
    if (filter.orgId) {
      return this.sql
        .prepare<[string, string, string], MeetingRequestInfo>(
          `${REQUEST_SELECT} AND (r.from_org = ? OR r.to_org = ?) ORDER BY r.created_at DESC`,
        )
        .all(eventId, filter.orgId, filter.orgId);
    }
    return this.sql.prepare<[string], MeetingRequestInfo>(`${REQUEST_SELECT} ORDER BY r.created_at DESC`).all(eventId);
  }

  // ---- meetings ----

  insertMeeting(m: NewMeeting): void {
    this.sql
      .prepare(
        `INSERT INTO meetings (id, event_id, request_id, guest_org, venture_org, slot_start, slot_end, table_name, status,
           created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?)`,
      )
      .run(m.id, m.eventId, m.requestId, m.guestOrg, m.ventureOrg, m.slotStart, m.slotEnd, m.table, m.now, m.now);
  }

  updateMeeting(id: string, m: MeetingUpdate): void {
    this.sql
      .prepare(
        'UPDATE meetings SET slot_start = ?, slot_end = ?, table_name = ?, status = ?, next_step = ?, updated_at = ? WHERE id = ?',
      )
      .run(m.slotStart, m.slotEnd, m.table, m.status, m.nextStep, m.now, id);
  }

  /** Ties a meeting to the request it answers (an organizer's booking that a request then met). */
  linkRequest(meetingId: string, requestId: string, now: number): void {
    this.sql
      .prepare('UPDATE meetings SET request_id = ?, updated_at = ? WHERE id = ? AND request_id IS NULL')
      .run(requestId, now, meetingId);
  }

  setOutcome(id: string, o: OutcomeUpdate): void {
    this.sql
      .prepare(
        `UPDATE meetings SET outcome = ?, poc_started_on = ?, contract_on = ?, outcome_note = ?, outcome_at = ?
         WHERE id = ?`,
      )
      .run(o.outcome, o.pocStartedOn, o.contractOn, o.note, o.now, id);
  }

  /** Meetings of the event: all, one organization's agenda, or the given ids; in time order. */
  meetings(eventId: string, filter: MeetingFilter = {}): MeetingInfo[] {
    if (filter.ids) {
      const byId = this.sql.prepare<[string, string], MeetingInfo>(`${MEETING_SELECT} AND m.id = ?`);
      return filter.ids.flatMap((id) => byId.all(eventId, id));
    }
    if (filter.orgId) {
      return this.sql
        .prepare<[string, string, string], MeetingInfo>(
          `${MEETING_SELECT} AND (m.guest_org = ? OR m.venture_org = ?) ORDER BY m.slot_start`,
        )
        .all(eventId, filter.orgId, filter.orgId);
    }
    return this.sql
      .prepare<[string], MeetingInfo>(`${MEETING_SELECT} ORDER BY m.slot_start, m.table_name`)
      .all(eventId);
  }

  /** The places taken: every meeting not cancelled, as the allocator sees them. */
  bookings(eventId: string): Booking[] {
    return this.sql
      .prepare<[string], { meetingId: string; slotStart: number; table: string; guest: string; venture: string }>(
        `SELECT id AS meetingId, slot_start AS slotStart, table_name AS "table", guest_org AS guest, venture_org AS venture
         FROM meetings WHERE event_id = ? AND status <> 'cancelled'`,
      )
      .all(eventId)
      .map((b) => ({ meetingId: b.meetingId, slotStart: b.slotStart, table: b.table, orgs: [b.guest, b.venture] }));
  }

  /** Meetings booked and not cancelled, as the board counts them. */
  bookedCount(eventId: string): number {
    return (
      this.sql
        .pluck<[string], number>("SELECT COUNT(*) FROM meetings WHERE event_id = ? AND status <> 'cancelled'")
        .get(eventId) ?? 0
    );
  }
}
