/**
 * Interest: a person's tag on a venture (interested or want-to-meet, topics, a private note).
 * Private by default: a venture sees counts, and names only of those who asked to meet it.
 */
import type { InterestCount, Lead, MyInterest } from '../../shared/model.js';
import type { Organizations } from './organizations.js';
import type { Statements } from './statements.js';

type InterestRow = Omit<MyInterest, 'tags' | 'shareNote'> & { tags: string; shareNote: number };

/** People per venture, and those of them who want to meet it. */
const COUNTS = `SELECT venture_id AS ventureId, COUNT(*) AS total, SUM(level = 'want-to-meet') AS wantToMeet
  FROM interests WHERE event_id = ?`;
const BY_VENTURE = 'GROUP BY venture_id';

const MINE = `SELECT venture_id AS ventureId, level, tags, note, share_note AS shareNote, updated_at AS updatedAt
  FROM interests WHERE person_id = ?`;

export class Interests {
  constructor(
    private readonly sql: Statements,
    private readonly organizations: Organizations,
  ) {}

  upsert(eventId: string, personId: string, interest: MyInterest): void {
    this.sql
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

  /** Whether there was an interest to delete. */
  delete(personId: string, ventureId: string): boolean {
    return (
      this.sql.prepare('DELETE FROM interests WHERE person_id = ? AND venture_id = ?').run(personId, ventureId)
        .changes > 0
    );
  }

  get(personId: string, ventureId: string): MyInterest | undefined {
    return this.mine(personId, ventureId)[0];
  }

  /** A person's own interests, oldest first, or the one in the given venture. */
  mine(personId: string, ventureId?: string): MyInterest[] {
    const rows = ventureId
      ? this.sql.prepare<[string, string], InterestRow>(`${MINE} AND venture_id = ?`).all(personId, ventureId)
      : this.sql.prepare<[string], InterestRow>(`${MINE} ORDER BY updated_at`).all(personId);
    return rows.map((row) => ({ ...row, tags: JSON.parse(row.tags) as string[], shareNote: row.shareNote === 1 }));
  }

  /** The firms that asked to meet a venture, newest first; a note only where its author shared it. */
  leadsFor(ventureId: string): Lead[] {
    return this.sql
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

  /**
   * Interest counts per venture of the event, or of the given ventures only (the board's flush, 25
   * times a second in a tap storm: counted by SQLite over the venture's index range, not by reading
   * every interest of the event, which took 3 ms a flush at 5,000 taps, issue 18's profile).
   */
  counts(eventId: string, ventureIds?: readonly string[]): Record<string, InterestCount> {
    type Row = { ventureId: string } & InterestCount;
    const rows = ventureIds
      ? ventureIds.flatMap((id) =>
          this.sql.prepare<[string, string], Row>(`${COUNTS} AND venture_id = ? ${BY_VENTURE}`).all(eventId, id),
        )
      : this.sql.prepare<[string], Row>(`${COUNTS} ${BY_VENTURE}`).all(eventId);
    const counts: Record<string, InterestCount> = {};
    for (const { ventureId, total, wantToMeet } of rows) counts[ventureId] = { total, wantToMeet };
    // Ventures nobody has tagged yet still get an explicit zero, so an undo back to zero is visible.
    for (const id of ventureIds ?? this.organizations.ventures(eventId).map((v) => v.id))
      counts[id] ??= { total: 0, wantToMeet: 0 };
    return counts;
  }
}
