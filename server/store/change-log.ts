/**
 * The change log: each event's ordered list of what happened. `record` runs a change and appends
 * its rows in one immediate transaction, so a change is either wholly committed (and then
 * acknowledged) or not there at all; the event row's `seq` is the number of its last change.
 */
import type { Statements } from './statements.js';

export interface Change {
  kind: string;
  data: unknown;
}

export class ChangeLog {
  constructor(private readonly sql: Statements) {}

  /** The number of the event's last change (0 before its first, or for no such event). */
  seq(eventId: string): number {
    return this.sql.prepare<[string], { seq: number }>('SELECT seq FROM events WHERE id = ?').get(eventId)?.seq ?? 0;
  }

  /**
   * Runs `work` and appends its changes to the event's log in one transaction. Returns the
   * sequence number of the last change; the caller acknowledges only after this returns.
   */
  record<T>(
    eventId: string,
    actor: string,
    now: number,
    work: () => { result: T; changes: Change[] },
  ): { result: T; seq: number } {
    const bump = this.sql.prepare<[string], { seq: number }>(
      'UPDATE events SET seq = seq + 1 WHERE id = ? RETURNING seq',
    );
    const append = this.sql.prepare(
      'INSERT INTO changes (event_id, seq, at, actor, kind, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    return this.sql.db
      .transaction(() => {
        const { result, changes } = work();
        let seq = this.seq(eventId);
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
}
