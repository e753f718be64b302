/**
 * E-mail's two tables: the organizer's SMTP server per event (smtp_settings, no person named) and
 * the send log (mail_log, personal data: which person was sent what). A reason key is never sent
 * twice to one person: the database keeps that (UNIQUE(person_id, reason)), and `enqueue` ignores a
 * second one. The log keeps neither the address nor the text; both are read when the mail goes.
 */
import type { MailLogEntry, MailStatus, SmtpSecurity, SmtpSettingsView } from '../../shared/mail.js';
import { mailKindOf, meetingIdOf } from '../domain/mail.js';
import type { Statements } from './statements.js';

export interface SmtpSettings extends Omit<SmtpSettingsView, 'passwordSet'> {
  password: string;
}

interface SettingsRow {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  password: string;
  from_address: string;
  from_name: string;
  confirmations: number;
  reminders: number;
}

export interface QueuedMail {
  id: string;
  eventId: string;
  personId: string;
  reason: string;
}

/** A person as mail needs them: the address, the badge (for the sign-in link), the organization. */
export interface MailRecipient {
  id: string;
  eventId: string;
  name: string;
  email: string | null;
  orgId: string | null;
  orgName: string | null;
  badgeNonce: string;
  organizer: boolean;
}

const RECIPIENT = `SELECT p.id, p.event_id AS eventId, p.name, NULLIF(trim(p.email), '') AS email,
    p.organization_id AS orgId, o.name AS orgName, p.badge_nonce AS badgeNonce, p.is_organizer AS organizer
  FROM people p LEFT JOIN organizations o ON o.id = p.organization_id`;

/** The reason prefix a newer mail overtakes: any invitation, or the same meeting's confirmations; none for reminders. */
function subjectOf(reason: string): string | null {
  if (reason.startsWith('invitation:')) return 'invitation:';
  const meeting = meetingIdOf(reason);
  return meeting ? `meeting:${meeting}:` : null;
}

type RecipientRow = Omit<MailRecipient, 'organizer'> & { organizer: number };
const toRecipient = (r: RecipientRow): MailRecipient => ({ ...r, organizer: r.organizer === 1 });

export class MailRecords {
  constructor(private readonly sql: Statements) {}

  recipient(personId: string): MailRecipient | undefined {
    const row = this.sql.prepare<[string], RecipientRow>(`${RECIPIENT} WHERE p.id = ?`).get(personId);
    return row && toRecipient(row);
  }

  /** The event's people (organizers too), by reading then name. */
  recipients(eventId: string): MailRecipient[] {
    return this.sql
      .prepare<[string], RecipientRow>(`${RECIPIENT} WHERE p.event_id = ? ORDER BY o.name, p.name_kana, p.name`)
      .all(eventId)
      .map(toRecipient);
  }

  settings(eventId: string): SmtpSettings | undefined {
    const row = this.sql
      .prepare<[string], SettingsRow>(
        `SELECT host, port, security, username, password, from_address, from_name, confirmations, reminders
         FROM smtp_settings WHERE event_id = ?`,
      )
      .get(eventId);
    if (!row) return undefined;
    return {
      host: row.host,
      port: row.port,
      security: row.security,
      username: row.username,
      password: row.password,
      fromAddress: row.from_address,
      fromName: row.from_name,
      confirmations: row.confirmations === 1,
      reminders: row.reminders === 1,
    };
  }

  saveSettings(eventId: string, s: SmtpSettings, at: number): void {
    this.sql
      .prepare(
        `INSERT INTO smtp_settings (event_id, host, port, security, username, password, from_address, from_name,
           confirmations, reminders, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (event_id) DO UPDATE SET host = excluded.host, port = excluded.port, security = excluded.security,
           username = excluded.username, password = excluded.password, from_address = excluded.from_address,
           from_name = excluded.from_name, confirmations = excluded.confirmations, reminders = excluded.reminders,
           updated_at = excluded.updated_at`,
      )
      .run(
        eventId,
        s.host,
        s.port,
        s.security,
        s.username,
        s.password,
        s.fromAddress,
        s.fromName,
        s.confirmations ? 1 : 0,
        s.reminders ? 1 : 0,
        at,
      );
  }

  /** Each meeting's version in the event (meetings.sequence): a confirmation is keyed by it. */
  sequences(eventId: string): Map<string, number> {
    const rows = this.sql
      .prepare<[string], { id: string; sequence: number }>('SELECT id, sequence FROM meetings WHERE event_id = ?')
      .all(eventId);
    return new Map(rows.map((r) => [r.id, r.sequence]));
  }

  /** One meeting's version, if the meeting still exists. */
  sequence(meetingId: string): number | undefined {
    return this.sql.pluck<[string], number>('SELECT sequence FROM meetings WHERE id = ?').get(meetingId);
  }

  /** The events that have an SMTP server: the only ones the timer looks at. */
  configuredEvents(): string[] {
    return this.sql.pluck<[], string>('SELECT event_id FROM smtp_settings').all();
  }

  /**
   * Queues a mail unless this person was already given this reason; true when queued now. A newer
   * mail overtakes the person's older ones of the same subject still queued or failed (one person,
   * one invitation; a moved meeting's earlier confirmation): those become superseded, never sent,
   * retried or counted as failures.
   */
  enqueue(m: QueuedMail, at: number): boolean {
    const result = this.sql
      .prepare(
        `INSERT INTO mail_log (id, event_id, person_id, reason, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT (person_id, reason) DO NOTHING`,
      )
      .run(m.id, m.eventId, m.personId, m.reason, at, at);
    if (result.changes !== 1) return false;
    const subject = subjectOf(m.reason);
    if (subject) {
      this.sql
        .prepare(
          `UPDATE mail_log SET status = 'superseded', updated_at = ?
           WHERE person_id = ? AND substr(reason, 1, length(?)) = ? AND reason <> ? AND status IN ('queued', 'failed')`,
        )
        .run(at, m.personId, subject, subject, m.reason);
    }
    return true;
  }

  /** Every reason key already given in the event, as "personId reason", to skip them without a write. */
  given(eventId: string, prefix: string): Set<string> {
    const rows = this.sql
      .prepare<[string, string, string], { person_id: string; reason: string }>(
        `SELECT person_id, reason FROM mail_log WHERE event_id = ? AND substr(reason, 1, length(?)) = ?`,
      )
      .all(eventId, prefix, prefix);
    return new Set(rows.map((r) => `${r.person_id} ${r.reason}`));
  }

  /** People with an invitation queued or sent (a failed one is no invitation). */
  invited(eventId: string): Set<string> {
    return new Set(
      this.sql
        .pluck<[string], string>(
          `SELECT DISTINCT person_id FROM mail_log
           WHERE event_id = ? AND reason LIKE 'invitation:%' AND status IN ('queued', 'sending', 'sent')`,
        )
        .all(eventId),
    );
  }

  /** The oldest queued mails, a batch at a time. */
  queued(limit: number): QueuedMail[] {
    return this.sql
      .prepare<[number], QueuedMail>(
        `SELECT id, event_id AS eventId, person_id AS personId, reason FROM mail_log
         WHERE status = 'queued' ORDER BY created_at, rowid LIMIT ?`,
      )
      .all(limit);
  }

  /**
   * Takes a queued mail for sending: marked `sending`, committed before the SMTP server sees it, so a
   * process stopped mid-send never sends it again at the next start. False when it was no longer queued.
   */
  claim(id: string, at: number): boolean {
    return (
      this.sql
        .prepare(`UPDATE mail_log SET status = 'sending', updated_at = ? WHERE id = ? AND status = 'queued'`)
        .run(at, id).changes === 1
    );
  }

  /**
   * At start: a mail left `sending` was with the SMTP server when the process stopped. It may have
   * arrived, so it fails as interrupted (the organizer checks before a retry) rather than going again.
   */
  interrupted(at: number): number {
    return this.sql
      .prepare(
        `UPDATE mail_log SET status = 'failed', error = 'interrupted', attempts = attempts + 1, updated_at = ?
         WHERE status = 'sending'`,
      )
      .run(at).changes;
  }

  /**
   * One attempt's outcome: sent, or failed with the server's reply or the app's own code. The mailer
   * settles the row it claimed (`sending`); a queued row may be settled directly (tests set a failure so).
   */
  settle(id: string, outcome: { sent: true } | { sent: false; error: string }, at: number): void {
    this.sql
      .prepare(
        `UPDATE mail_log SET status = ?, error = ?, attempts = attempts + 1, updated_at = ?, sent_at = ?
         WHERE id = ? AND status IN ('queued', 'sending')`,
      )
      .run(
        outcome.sent ? 'sent' : 'failed',
        outcome.sent ? '' : outcome.error.slice(0, 500),
        at,
        outcome.sent ? at : null,
        id,
      );
  }

  get(id: string): { id: string; eventId: string; status: MailStatus } | undefined {
    return this.sql
      .prepare<[string], { id: string; eventId: string; status: MailStatus }>(
        'SELECT id, event_id AS eventId, status FROM mail_log WHERE id = ?',
      )
      .get(id);
  }

  /** A failed mail goes back in the queue; false when it had not failed. */
  retry(id: string, at: number): boolean {
    return (
      this.sql
        .prepare(`UPDATE mail_log SET status = 'queued', updated_at = ? WHERE id = ? AND status = 'failed'`)
        .run(at, id).changes === 1
    );
  }

  /** By status; `queued` also counts the mail being sent (the console's "waiting": not yet settled). */
  counts(eventId: string): Record<MailStatus, number> {
    const counts: Record<MailStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0, superseded: 0 };
    const rows = this.sql
      .prepare<[string], { status: MailStatus; n: number }>(
        'SELECT status, COUNT(*) AS n FROM mail_log WHERE event_id = ? GROUP BY status',
      )
      .all(eventId);
    for (const r of rows) counts[r.status] = r.n;
    counts.queued += counts.sending;
    return counts;
  }

  /** The log for the console: failures first, then the newest. */
  log(eventId: string, limit: number): MailLogEntry[] {
    return this.sql
      .prepare<[string, number], Omit<MailLogEntry, 'kind'> & { orgName: string | null }>(
        `SELECT m.id, m.person_id AS personId, p.name AS personName, o.name AS orgName, m.reason, m.status, m.error,
           m.attempts, m.created_at AS createdAt, m.sent_at AS sentAt
         FROM mail_log m JOIN people p ON p.id = m.person_id LEFT JOIN organizations o ON o.id = p.organization_id
         WHERE m.event_id = ? ORDER BY m.status = 'failed' DESC, m.updated_at DESC, m.rowid DESC LIMIT ?`,
      )
      .all(eventId, limit)
      .map((r) => ({ ...r, kind: mailKindOf(r.reason) }));
  }
}
