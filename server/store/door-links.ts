/**
 * Reception links (one per door station) and the sessions they open. A link keeps its nonce, never
 * its token (the HMAC is made from the instance secret when the link is shown); a session keeps
 * only the hash of its cookie. Revoking a link deletes its sessions in the same transaction, so the
 * next request or handshake of that station finds nobody.
 *
 * A link also ends on its own with its event's day (`stationsEndAt`): every lookup reads the event's
 * date and zone beside the link, so the bound follows the date as the organizer sets it, and a
 * session's lookup (`byLogin`) finds nobody once it has passed.
 */
import { zonedTime } from '../domain/slots.js';
import type { Statements } from './statements.js';

export interface DoorLinkRecord {
  id: string;
  eventId: string;
  /** The station's name as the organizer gave it (「受付A」): what its check-ins are recorded under. */
  station: string;
  nonce: string;
  createdAt: number;
}

/** A stored link as looked up: with the moment it stops opening anything, from its event's day. */
export interface DoorLink extends DoorLinkRecord {
  endsAt: number;
}

interface DoorLinkRow {
  id: string;
  event_id: string;
  station: string;
  nonce: string;
  created_at: number;
  date: string;
  time_zone: string;
}

const LINK_SELECT = `SELECT l.id, l.event_id, l.station, l.nonce, l.created_at, e.date, e.time_zone
  FROM door_links l JOIN events e ON e.id = l.event_id`;

const DAY_MS = 24 * 3600_000;

/**
 * When an event's reception links and their sessions stop working: the end of the day after the
 * event (midnight two days on), in the event's own time zone. A day of slack rather than the event's
 * own midnight: an evening's networking runs past it, and a station that queued scans offline must
 * still be able to sign back in the next morning and upload them. Later than that, a QR left on a
 * desk would keep opening every attendee's name and company.
 */
export function stationsEndAt(date: string, timeZone: string): number {
  const twoDaysOn = new Date(Date.parse(`${date}T00:00:00Z`) + 2 * DAY_MS).toISOString().slice(0, 10);
  return zonedTime(twoDaysOn, '00:00', timeZone);
}

const toLink = (row: DoorLinkRow): DoorLink => ({
  id: row.id,
  eventId: row.event_id,
  station: row.station,
  nonce: row.nonce,
  createdAt: row.created_at,
  endsAt: stationsEndAt(row.date, row.time_zone),
});

export class DoorLinks {
  constructor(private readonly sql: Statements) {}

  insert(link: DoorLinkRecord): void {
    this.sql
      .prepare('INSERT INTO door_links (id, event_id, station, nonce, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(link.id, link.eventId, link.station, link.nonce, link.createdAt);
  }

  /** The event's links not revoked, oldest first (past their end too: see `endsAt`). */
  active(eventId: string): DoorLink[] {
    return this.sql
      .prepare<[string], DoorLinkRow>(
        `${LINK_SELECT} WHERE l.event_id = ? AND l.revoked_at IS NULL ORDER BY l.created_at, l.id`,
      )
      .all(eventId)
      .map(toLink);
  }

  /** A link not revoked, by its id. */
  get(linkId: string): DoorLink | undefined {
    const row = this.sql
      .prepare<[string], DoorLinkRow>(`${LINK_SELECT} WHERE l.id = ? AND l.revoked_at IS NULL`)
      .get(linkId);
    return row ? toLink(row) : undefined;
  }

  /** A link not revoked, by the nonce of its token; whether it has ended is the caller's to say (its own page). */
  byNonce(nonce: string): DoorLink | undefined {
    const row = this.sql
      .prepare<[string], DoorLinkRow>(`${LINK_SELECT} WHERE l.nonce = ? AND l.revoked_at IS NULL`)
      .get(nonce);
    return row ? toLink(row) : undefined;
  }

  /** Ends a link and every session it opened; false if it was not in force. */
  revoke(linkId: string, at: number): boolean {
    const ended = this.sql
      .prepare('UPDATE door_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(at, linkId);
    this.sql.prepare('DELETE FROM door_logins WHERE link_id = ?').run(linkId);
    return ended.changes > 0;
  }

  insertLogin(idHash: string, linkId: string, now: number): void {
    this.sql
      .prepare('INSERT INTO door_logins (id_hash, link_id, created_at) VALUES (?, ?, ?)')
      .run(idHash, linkId, now);
  }

  deleteLogin(idHash: string): void {
    this.sql.prepare('DELETE FROM door_logins WHERE id_hash = ?').run(idHash);
  }

  /** The link behind a session opened after `openedAfter`, while the link is in force: not revoked, not past its end at `now`. */
  byLogin(idHash: string, openedAfter: number, now: number): DoorLink | undefined {
    const row = this.sql
      .prepare<[string, number], DoorLinkRow>(
        `${LINK_SELECT} JOIN door_logins s ON s.link_id = l.id
         WHERE s.id_hash = ? AND s.created_at > ? AND l.revoked_at IS NULL`,
      )
      .get(idHash, openedAfter);
    const link = row ? toLink(row) : undefined;
    return link && now < link.endsAt ? link : undefined;
  }

  /** Whether `personId` was registered at the door by the station acting as `actor`. */
  registeredBy(eventId: string, actor: string, personId: string): boolean {
    return (
      this.sql
        .pluck<[string, string, string], number>(
          `SELECT 1 FROM changes WHERE event_id = ? AND actor = ? AND kind = 'person:registered'
           AND json_extract(data, '$.personId') = ? LIMIT 1`,
        )
        .get(eventId, actor, personId) !== undefined
    );
  }
}
