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
  /**
   * `record`'s transaction, made once: better-sqlite3 builds four wrapper functions for each
   * `db.transaction(…)`, 3–4 µs a change at the door running flat out (issue 18's profile).
   */
  private readonly immediate: (
    eventId: string,
    actor: string,
    now: number,
    work: () => { result: unknown; changes: Change[] },
  ) => { result: unknown; seq: number };

  constructor(private readonly sql: Statements) {
    this.immediate = sql.db.transaction(
      (eventId: string, actor: string, now: number, work: () => { result: unknown; changes: Change[] }) => {
        const { result, changes } = work();
        if (changes.length === 0) return { result, seq: this.seq(eventId) };
        const bump = sql.prepare<[string], { seq: number }>(
          'UPDATE events SET seq = seq + 1 WHERE id = ? RETURNING seq',
        );
        const append = sql.prepare(
          'INSERT INTO changes (event_id, seq, at, actor, kind, data) VALUES (?, ?, ?, ?, ?, ?)',
        );
        let seq = 0;
        for (const change of changes) {
          const row = bump.get(eventId);
          if (!row) throw new Error(`No event ${eventId}`);
          seq = row.seq;
          append.run(eventId, seq, now, actor, change.kind, JSON.stringify(change.data));
        }
        return { result, seq };
      },
    ).immediate;
  }

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
    return this.immediate(eventId, actor, now, work) as { result: T; seq: number };
  }
}
