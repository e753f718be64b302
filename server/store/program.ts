/**
 * The program: an event's ordered sessions and the pitches in them. Which pitch is live is part
 * of the event row (events.ts), read here so the program comes out as one view.
 */
import type { PitchInfo, ProgramSessionInfo, ProgramView } from '../../shared/model.js';
import type { Events } from './events.js';
import type { Statements } from './statements.js';

export class Program {
  constructor(
    private readonly sql: Statements,
    private readonly events: Events,
  ) {}

  saveSession(eventId: string, s: ProgramSessionInfo): void {
    this.sql
      .prepare(
        `INSERT INTO program_sessions (id, event_id, title, position) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, position = excluded.position`,
      )
      .run(s.id, eventId, s.title, s.position);
  }

  deleteSession(id: string): void {
    this.sql.prepare('DELETE FROM program_sessions WHERE id = ?').run(id);
  }

  savePitch(eventId: string, p: PitchInfo): void {
    this.sql
      .prepare(
        `INSERT INTO pitches (id, event_id, session_id, venture_id, title, duration_sec, position) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET session_id = excluded.session_id, venture_id = excluded.venture_id,
           title = excluded.title, duration_sec = excluded.duration_sec, position = excluded.position`,
      )
      .run(p.id, eventId, p.sessionId, p.ventureId, p.title, p.durationSec, p.position);
  }

  deletePitch(id: string): void {
    this.sql.prepare('DELETE FROM pitches WHERE id = ?').run(id);
  }

  sessions(eventId: string): ProgramSessionInfo[] {
    return this.sql
      .prepare<[string], ProgramSessionInfo>(
        'SELECT id, title, position FROM program_sessions WHERE event_id = ? ORDER BY position',
      )
      .all(eventId);
  }

  pitches(eventId: string): PitchInfo[] {
    return this.sql
      .prepare<[string], PitchInfo>(
        `SELECT id, session_id AS sessionId, venture_id AS ventureId, title, duration_sec AS durationSec, position
         FROM pitches WHERE event_id = ? ORDER BY position`,
      )
      .all(eventId);
  }

  /** Sessions, pitches and what is live now, as every screen shows the program. */
  view(eventId: string): ProgramView {
    const sessions = this.sessions(eventId);
    const pitches = this.pitches(eventId);
    const live = this.events.get(eventId)?.live;
    if (!live) throw new Error(`No event ${eventId}`);
    return { sessions, pitches, live };
  }
}
