/**
 * Which badges an organizer has marked printed (「印刷しました」 on the badge sheet), so the next sheet
 * can print only the new ones. A mark names the badge by its nonce (people.badge_printed_nonce,
 * migration 15): a reissued badge has a new nonce and counts as not printed again, with no reissue
 * path having to remember to clear it. Personal data only as part of the person's row.
 */
import { createHash } from 'node:crypto';
import type { Statements } from './statements.js';

/**
 * A badge as the sheet names it for the mark: a short hash of its nonce. The nonce alone makes no
 * badge, but a page need not carry it twice; a mark for a badge since reissued matches nothing.
 */
export function badgeVersion(badgeNonce: string): string {
  return createHash('sha256').update(badgeNonce).digest('base64url').slice(0, 16);
}

export interface BadgeMark {
  personId: string;
  version: string;
}

export interface MarkResult {
  marked: string[];
  stale: string[];
  unknown: number;
}

export interface PrintedBadge {
  personId: string;
  at: number;
}

/** The event's people whose current badge is marked printed, and since when. */
export function printedBadges(sql: Statements, eventId: string): PrintedBadge[] {
  return sql
    .prepare<[string], PrintedBadge>(
      `SELECT id AS personId, badge_printed_at AS at FROM people
       WHERE event_id = ? AND badge_printed_nonce = badge_nonce ORDER BY rowid`,
    )
    .all(eventId);
}

/**
 * Marks the badges a sheet printed, in one transaction; `marked` lists those printed (already marked
 * or now), `newly` those this call wrote. A mark counts only for a person of this
 * event whose badge is still the one printed; one of this event reissued since comes back as
 * `stale`, and one not of this event only as a number (`unknown`): its id is not the asker's to
 * learn about.
 */
export function markBadgesPrinted(
  sql: Statements,
  eventId: string,
  marks: readonly BadgeMark[],
  at: number,
): MarkResult & { newly: string[] } {
  const nonceOf = sql.pluck<[string, string], string>('SELECT badge_nonce FROM people WHERE id = ? AND event_id = ?');
  // A badge marked before keeps its first time: a resent mark writes nothing.
  const mark = sql.prepare<[number, string, string]>(
    `UPDATE people SET badge_printed_nonce = badge_nonce, badge_printed_at = ?
     WHERE id = ? AND event_id = ? AND badge_printed_nonce IS NOT badge_nonce`,
  );
  return sql.db.transaction(() => {
    const result: MarkResult = { marked: [], stale: [], unknown: 0 };
    const newly: string[] = [];
    for (const m of marks) {
      const nonce = nonceOf.get(m.personId, eventId);
      if (nonce === undefined) result.unknown += 1;
      else if (badgeVersion(nonce) !== m.version) result.stale.push(m.personId);
      else {
        if (mark.run(at, m.personId, eventId).changes > 0) newly.push(m.personId);
        result.marked.push(m.personId);
      }
    }
    return { ...result, newly };
  })();
}
