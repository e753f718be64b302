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
  OrgKind,
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
    m.poc_started_on AS pocStartedOn, m.contract_on AS contractOn, m.outcome_note AS outcomeNote,
    m.guest_confirmed AS guestConfirmed, m.venture_confirmed AS ventureConfirmed
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
  /** A proposal of 「自動で組む」: holds its place until both sides confirm. */
  proposal?: boolean;
}

/** A meeting row as read: a proposal's answers as the columns hold them. */
type MeetingRow = Omit<MeetingInfo, 'proposal'> & { guestConfirmed: 0 | 1 | null; ventureConfirmed: 0 | 1 | null };

/** `proposal` only while a side has yet to confirm: after both have, it is an ordinary meeting. */
function meetingOf(row: MeetingRow): MeetingInfo {
  const { guestConfirmed, ventureConfirmed, ...meeting } = row;
  if (guestConfirmed === null || ventureConfirmed === null || (guestConfirmed && ventureConfirmed)) return meeting;
  return { ...meeting, proposal: { guestConfirmed: guestConfirmed === 1, ventureConfirmed: ventureConfirmed === 1 } };
}

/** What 「自動で組む」 reads of an event: who wants to meet whom, and what was said no to. */
export interface WantFacts {
  orgs: { id: string; kind: OrgKind; name: string }[];
  /** Want-to-meet taps, by the tapper's organization, at the latest its people set one. */
  taps: { orgId: string; ventureId: string; at: number }[];
  /** Requests, `at` when each took its status (a withdrawn one: its withdrawal). */
  requests: { fromOrgId: string; toOrgId: string; status: RequestStatus; at: number }[];
  meetings: {
    guestOrgId: string;
    ventureOrgId: string;
    status: MeetingStatus;
    declinedBy: 'guest' | 'venture' | null;
  }[];
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
           created_at, updated_at, guest_confirmed, venture_confirmed)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?, ?, ?)`,
      )
      .run(
        m.id,
        m.eventId,
        m.requestId,
        m.guestOrg,
        m.ventureOrg,
        m.slotStart,
        m.slotEnd,
        m.table,
        m.now,
        m.now,
        m.proposal ? 0 : null,
        m.proposal ? 0 : null,
      );
  }

  /** One side confirms a proposal. */
  confirmProposal(id: string, side: 'guest' | 'venture', now: number): void {
    const column = side === 'guest' ? 'guest_confirmed' : 'venture_confirmed';
    this.sql.prepare(`UPDATE meetings SET ${column} = 1, updated_at = ? WHERE id = ?`).run(now, id);
  }

  /** One side declines a proposal: its place is free, and the pair is never proposed again. */
  declineProposal(id: string, side: 'guest' | 'venture', now: number): void {
    this.sql
      .prepare("UPDATE meetings SET status = 'cancelled', declined_by = ?, updated_at = ? WHERE id = ?")
      .run(side, now, id);
  }

  /** Everything 「自動で組む」 builds its pairs from. */
  wantFacts(eventId: string): WantFacts {
    return {
      orgs: this.sql
        .prepare<[string], WantFacts['orgs'][number]>('SELECT id, kind, name FROM organizations WHERE event_id = ?')
        .all(eventId),
      taps: this.sql
        .prepare<[string], WantFacts['taps'][number]>(
          `SELECT p.organization_id AS orgId, i.venture_id AS ventureId, MAX(i.updated_at) AS at FROM interests i
           JOIN people p ON p.id = i.person_id
           WHERE i.event_id = ? AND i.level = 'want-to-meet' AND p.organization_id IS NOT NULL
           GROUP BY p.organization_id, i.venture_id`,
        )
        .all(eventId),
      requests: this.sql
        .prepare<[string], WantFacts['requests'][number]>(
          'SELECT from_org AS fromOrgId, to_org AS toOrgId, status, updated_at AS at FROM meeting_requests WHERE event_id = ?',
        )
        .all(eventId),
      meetings: this.sql
        .prepare<[string], WantFacts['meetings'][number]>(
          `SELECT guest_org AS guestOrgId, venture_org AS ventureOrgId, status, declined_by AS declinedBy
           FROM meetings WHERE event_id = ?`,
        )
        .all(eventId),
    };
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
      const byId = this.sql.prepare<[string, string], MeetingRow>(`${MEETING_SELECT} AND m.id = ?`);
      return filter.ids.flatMap((id) => byId.all(eventId, id)).map(meetingOf);
    }
    if (filter.orgId) {
      return this.sql
        .prepare<[string, string, string], MeetingRow>(
          `${MEETING_SELECT} AND (m.guest_org = ? OR m.venture_org = ?) ORDER BY m.slot_start`,
        )
        .all(eventId, filter.orgId, filter.orgId)
        .map(meetingOf);
    }
    return this.sql
      .prepare<[string], MeetingRow>(`${MEETING_SELECT} ORDER BY m.slot_start, m.table_name`)
      .all(eventId)
      .map(meetingOf);
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

  /**
   * Meetings booked and not cancelled, as the board counts them (面談成立): a proposal of 「自動で組む」
   * counts once both sides have confirmed it.
   */
  bookedCount(eventId: string): number {
    return (
      this.sql
        .pluck<[string], number>(
          `SELECT COUNT(*) FROM meetings WHERE event_id = ? AND status <> 'cancelled'
             AND coalesce(guest_confirmed, 1) = 1 AND coalesce(venture_confirmed, 1) = 1`,
        )
        .get(eventId) ?? 0
    );
  }
}
