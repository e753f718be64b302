/**
 * Check-ins at the door: at most one per person (the database refuses a second), with the time,
 * station and method; and the people list as the door and the organizers see it.
 */
import type { CheckinInfo, CheckinMethod, OrgKind, PersonSummary } from '../../shared/model.js';
import type { Statements } from './statements.js';

type SummaryRow = Omit<PersonSummary, 'role' | 'checkin'> & {
  isOrganizer: number;
  kind: OrgKind | null;
  at: number | null;
  station: string | null;
  method: CheckinMethod | null;
};

const SUMMARY = `SELECT p.id, p.name, p.name_kana AS nameKana, p.is_organizer AS isOrganizer, p.title,
    o.id AS orgId, o.name AS orgName, o.kind, c.at, c.station, c.method
  FROM people p LEFT JOIN organizations o ON o.id = p.organization_id LEFT JOIN checkins c ON c.person_id = p.id`;

function toSummary({ isOrganizer, kind, at, station, method, ...row }: SummaryRow): PersonSummary {
  return {
    ...row,
    role: isOrganizer ? 'organizer' : kind!,
    checkin: at !== null ? { at, station: station!, method: method! } : null,
  };
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

  /** People as organizers see them, with their check-in; all of the event's, or the given ones. */
  peopleSummaries(eventId: string, personIds?: readonly string[]): PersonSummary[] {
    const rows = personIds
      ? personIds.flatMap((id) =>
          this.sql
            .prepare<[string, string], SummaryRow>(`${SUMMARY} WHERE p.event_id = ? AND p.id = ?`)
            .all(eventId, id),
        )
      : this.sql
          .prepare<[string], SummaryRow>(`${SUMMARY} WHERE p.event_id = ? ORDER BY p.name_kana, p.name`)
          .all(eventId);
    return rows.map(toSummary);
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
