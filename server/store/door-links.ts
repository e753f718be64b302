/**
 * Reception links (one per door station) and the sessions they open. A link keeps its nonce, never
 * its token (the HMAC is made from the instance secret when the link is shown); a session keeps
 * only the hash of its cookie. Revoking a link deletes its sessions in the same transaction, so the
 * next request or handshake of that station finds nobody.
 */
import type { Statements } from './statements.js';

export interface DoorLinkRecord {
  id: string;
  eventId: string;
  /** The station's name as the organizer gave it (「受付A」): what its check-ins are recorded under. */
  station: string;
  nonce: string;
  createdAt: number;
}

interface DoorLinkRow {
  id: string;
  event_id: string;
  station: string;
  nonce: string;
  created_at: number;
}

const LINK_SELECT = 'SELECT l.id, l.event_id, l.station, l.nonce, l.created_at FROM door_links l';

const toLink = (row: DoorLinkRow): DoorLinkRecord => ({
  id: row.id,
  eventId: row.event_id,
  station: row.station,
  nonce: row.nonce,
  createdAt: row.created_at,
});

export class DoorLinks {
  constructor(private readonly sql: Statements) {}

  insert(link: DoorLinkRecord): void {
    this.sql
      .prepare('INSERT INTO door_links (id, event_id, station, nonce, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(link.id, link.eventId, link.station, link.nonce, link.createdAt);
  }

  /** The event's links still in force, oldest first. */
  active(eventId: string): DoorLinkRecord[] {
    return this.sql
      .prepare<[string], DoorLinkRow>(
        `${LINK_SELECT} WHERE l.event_id = ? AND l.revoked_at IS NULL ORDER BY l.created_at, l.id`,
      )
      .all(eventId)
      .map(toLink);
  }

  /** A link in force, by its id. */
  get(linkId: string): DoorLinkRecord | undefined {
    const row = this.sql
      .prepare<[string], DoorLinkRow>(`${LINK_SELECT} WHERE l.id = ? AND l.revoked_at IS NULL`)
      .get(linkId);
    return row ? toLink(row) : undefined;
  }

  /** A link in force, by the nonce of its token. */
  byNonce(nonce: string): DoorLinkRecord | undefined {
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

  /** The link behind a session opened after `openedAfter`, while the link is in force. */
  byLogin(idHash: string, openedAfter: number): DoorLinkRecord | undefined {
    const row = this.sql
      .prepare<[string, number], DoorLinkRow>(
        `${LINK_SELECT} JOIN door_logins s ON s.link_id = l.id
         WHERE s.id_hash = ? AND s.created_at > ? AND l.revoked_at IS NULL`,
      )
      .get(idHash, openedAfter);
    return row ? toLink(row) : undefined;
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
