/**
 * Check-ins at the door: at most one per person (the database refuses a second), with the time,
 * station and method; and the people list as the door and the organizers see it, with the checks of
 * their current and revoked badges when the store knows how to make them (the secret is not here).
 */
import type { CheckinInfo, CheckinMethod, OrgKind, PersonSummary } from '../../shared/model.js';
import type { Statements } from './statements.js';

/** The badge check (shared/badge-check.ts) of the badge with this nonce; made where the secret is. */
export type BadgeChecks = (nonce: string) => string;

type SummaryRow = Omit<PersonSummary, 'role' | 'checkin' | 'badge' | 'revokedBadges'> & {
  isOrganizer: number;
  kind: OrgKind | null;
  at: number | null;
  station: string | null;
  method: CheckinMethod | null;
  badgeNonce: string;
};

const SUMMARY = `SELECT p.id, p.name, p.name_kana AS nameKana, p.is_organizer AS isOrganizer, p.title,
    o.id AS orgId, o.name AS orgName, o.kind, c.at, c.station, c.method, p.badge_nonce AS badgeNonce
  FROM people p LEFT JOIN organizations o ON o.id = p.organization_id LEFT JOIN checkins c ON c.person_id = p.id`;

const BY_ID = `${SUMMARY} WHERE p.event_id = ? AND p.id = ?`;

function toSummary({ isOrganizer, kind, at, station, method, badgeNonce: _, ...row }: SummaryRow): PersonSummary {
  return {
    ...row,
    role: isOrganizer ? 'organizer' : kind!,
    checkin: at !== null ? { at, station: station!, method: method! } : null,
  };
}

/**
 * The badge checks a summary carries: the current badge's, and the revoked ones' only when there
 * are any (absent means none: 1,000 empty lists would cost the organizers' snapshot 18 KB).
 */
function withBadges(summary: PersonSummary, nonce: string, revoked: readonly string[], checks: BadgeChecks) {
  summary.badge = checks(nonce);
  if (revoked.length) summary.revokedBadges = revoked.map(checks);
  return summary;
}

export class Checkins {
  constructor(private readonly sql: Statements) {}

  get(personId: string): CheckinInfo | undefined {
    return this.sql
      .prepare<[string], CheckinInfo>('SELECT at, station, method FROM checkins WHERE person_id = ?')
      .get(personId);
  }

  insert(eventId: string, personId: string, checkin: CheckinInfo): void {
    this.sql
      .prepare('INSERT INTO checkins (event_id, person_id, at, station, method) VALUES (?, ?, ?, ?, ?)')
      .run(eventId, personId, checkin.at, checkin.station, checkin.method);
  }

  delete(personId: string): void {
    this.sql.prepare('DELETE FROM checkins WHERE person_id = ?').run(personId);
  }

  /** A check-in made earlier than the one held, sent up late: it takes the held one's place. */
  replace(personId: string, checkin: CheckinInfo): void {
    this.sql
      .prepare('UPDATE checkins SET at = ?, station = ?, method = ? WHERE person_id = ?')
      .run(checkin.at, checkin.station, checkin.method, personId);
  }

  /**
   * People as organizers see them, with their check-in; all of the event's, or the given ones.
   * With `checks`, each carries its badge's check and its revoked badges' checks.
   */
  peopleSummaries(eventId: string, personIds?: readonly string[], checks?: BadgeChecks): PersonSummary[] {
    const rows = personIds
      ? personIds.flatMap((id) => this.sql.prepare<[string, string], SummaryRow>(BY_ID).get(eventId, id) ?? [])
      : this.sql
          .prepare<[string], SummaryRow>(`${SUMMARY} WHERE p.event_id = ? ORDER BY p.name_kana, p.name`)
          .all(eventId);
    if (!checks) return rows.map(toSummary);
    const revoked = this.revokedNonces(eventId, personIds);
    return rows.map((row) => withBadges(toSummary(row), row.badgeNonce, revoked.get(row.id) ?? [], checks));
  }

  /** The nonces of badges reissued away, per person, oldest first. */
  private revokedNonces(eventId: string, personIds?: readonly string[]): Map<string, string[]> {
    type Row = { personId: string; nonce: string };
    const sql = 'SELECT person_id AS personId, nonce FROM revoked_badges';
    const rows = personIds
      ? personIds.flatMap((id) =>
          this.sql.prepare<[string], Row>(`${sql} WHERE person_id = ? ORDER BY revoked_at, rowid`).all(id),
        )
      : this.sql.prepare<[string], Row>(`${sql} WHERE event_id = ? ORDER BY revoked_at, rowid`).all(eventId);
    const byPerson = new Map<string, string[]>();
    for (const { personId, nonce } of rows) {
      const list = byPerson.get(personId);
      if (list) list.push(nonce);
      else byPerson.set(personId, [nonce]);
    }
    return byPerson;
  }

  /** People checked in, and the organizations they came from. */
  counts(eventId: string): { checkedIn: number; companies: number } {
    const row = this.sql
      .prepare<[string], { checkedIn: number; companies: number }>(
        `SELECT COUNT(*) AS checkedIn, COUNT(DISTINCT p.organization_id) AS companies
         FROM checkins c JOIN people p ON p.id = c.person_id WHERE c.event_id = ?`,
      )
      .get(eventId);
    return { checkedIn: row?.checkedIn ?? 0, companies: row?.companies ?? 0 };
  }
}
