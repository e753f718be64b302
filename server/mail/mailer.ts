/**
 * The background sender. Nothing waits for SMTP: the console's "send" and the meeting commands only
 * add rows to the send log (mail_log, one per person and reason key, never twice); this drains the
 * queue one mail at a time through the event's SMTP server (nodemailer) and records each outcome —
 * sent, or failed with the server's reply, shown in the console with a retry.
 *
 * A timer looks every few seconds, for the events that have an SMTP server, for confirmations owed
 * (a meeting booked or confirmed, moved to another time or table) and the day-before reminder, queues
 * them, and drains. A mail is read fresh when it goes (address, meeting, link), so what a person
 * receives is what stands then. A mail is marked `sending` (committed) before the SMTP server sees
 * it and settled when it answers, even after stop() while the database is open; one still `sending`
 * at the next start was cut off mid-send and fails as interrupted: never sent twice.
 */
import nodemailer from 'nodemailer';
import QRCode from 'qrcode';
import type { MailError } from '../../shared/mail.js';
import { makeToken } from '../auth/tokens.js';
import {
  confirmable,
  confirmationReason,
  mailKindOf,
  meetingIdOf,
  reminderDue,
  reminderReason,
} from '../domain/mail.js';
import type { PublicAddress } from '../public-address.js';
import { MailRecords, type MailRecipient, type QueuedMail, type SmtpSettings } from '../store/mail.js';
import type { Store } from '../store/store.js';
import {
  confirmationMail,
  invitationMail,
  QR_CID,
  reminderMail,
  testMail,
  type MailEvent,
  type MailMeeting,
  type Rendered,
} from './templates.js';

export interface MailerDeps {
  store: Store;
  secret: Buffer;
  now: () => number;
  newId: () => string;
  publicAddress: () => PublicAddress;
  log: (message: string, detail?: unknown) => void;
  /** How often the timer looks for mails due; 2 s by default. */
  tickMs?: number;
}

/** How long one SMTP conversation may take before it counts as failed. */
const SMTP_TIMEOUT_MS = 15_000;
/** Queued mails read at a time. */
const BATCH = 50;

type Outcome = { sent: true } | { sent: false; error: string };
type Transport = ReturnType<typeof nodemailer.createTransport>;

export function transportOf(s: SmtpSettings): Transport {
  return nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.security === 'tls',
    requireTLS: s.security === 'starttls',
    // 'none' is a relay on the same machine or network: no upgrade is attempted.
    ignoreTLS: s.security === 'none',
    ...(s.username ? { auth: { user: s.username, pass: s.password } } : {}),
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
}

const fromOf = (s: SmtpSettings) => (s.fromName ? { name: s.fromName, address: s.fromAddress } : s.fromAddress);

const failure = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';

export class Mailer {
  readonly records: MailRecords;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly deps: MailerDeps) {
    this.records = new MailRecords(deps.store.sql);
  }

  start(): void {
    const cut = this.records.interrupted(this.deps.now());
    if (cut > 0) this.deps.log(`mail: ${cut} mail(s) were cut off mid-send by a stop; marked failed (interrupted)`);
    this.timer = setInterval(() => this.tick(), this.deps.tickMs ?? 2000);
    this.timer.unref();
  }

  /** No new sends; resolves once the send in flight (if any) is settled. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }

  /** Queues what is due, then drains. */
  tick(): void {
    if (this.stopped) return;
    try {
      for (const eventId of this.records.configuredEvents()) this.queueDue(eventId);
    } catch (error) {
      this.deps.log('mail: could not look for mails due', error);
    }
    this.kick();
  }

  /** Starts draining the queue unless a drain is under way (which then goes round once more). */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Resolves once the queue is drained (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  signInUrl(person: Pick<MailRecipient, 'badgeNonce'>): string {
    return `${this.deps.publicAddress().origin}/t/${makeToken(this.deps.secret, 'person', person.badgeNonce)}`;
  }

  /** The confirmations owed and the day-before reminder, queued once each per person. */
  queueDue(eventId: string): void {
    const { store, now } = this.deps;
    const settings = this.records.settings(eventId);
    const event = store.getEvent(eventId);
    if (!settings || !event) return;
    const at = now();
    const people = this.records.recipients(eventId).filter((p) => !p.organizer && p.email);
    const queue = (personId: string, reason: string) =>
      this.records.enqueue({ id: this.deps.newId(), eventId, personId, reason }, at);
    store.db.transaction(() => {
      if (settings.confirmations) {
        const given = this.records.given(eventId, 'meeting:');
        const sequences = this.records.sequences(eventId);
        const byOrg = new Map<string | null, MailRecipient[]>();
        for (const p of people) byOrg.set(p.orgId, [...(byOrg.get(p.orgId) ?? []), p]);
        for (const m of confirmable(store.meetings(eventId), at)) {
          const reason = confirmationReason(m.id, sequences.get(m.id) ?? 0);
          for (const p of [...(byOrg.get(m.guestOrgId) ?? []), ...(byOrg.get(m.ventureOrgId) ?? [])]) {
            if (!given.has(`${p.id} ${reason}`)) queue(p.id, reason);
          }
        }
      }
      if (settings.reminders && reminderDue(event.date, event.timeZone, at)) {
        const reason = reminderReason(event.date);
        const given = this.records.given(eventId, reason);
        for (const p of people) if (!given.has(`${p.id} ${reason}`)) queue(p.id, reason);
      }
    })();
  }

  private async drain(): Promise<void> {
    const transports = new Map<string, Transport>();
    try {
      for (;;) {
        if (this.stopped) return;
        const batch = this.records.queued(BATCH);
        if (batch.length === 0) return;
        for (const mail of batch) {
          if (this.stopped) return;
          if (!this.records.claim(mail.id, this.deps.now())) continue;
          const outcome = await this.sendOne(mail, transports);
          // Settled even after stop(): the SMTP server has answered, and a row left `sending` would
          // fail as interrupted at the next start. Only a closed database leaves it so.
          if (this.deps.store.db.open) this.records.settle(mail.id, outcome, this.deps.now());
        }
      }
    } catch (error) {
      this.deps.log('mail: the queue stopped', error);
    } finally {
      for (const t of transports.values()) t.close();
    }
  }

  private async sendOne(mail: QueuedMail, transports: Map<string, Transport>): Promise<Outcome> {
    const own = (error: MailError): Outcome => ({ sent: false, error });
    const settings = this.records.settings(mail.eventId);
    if (!settings) return own('not-configured');
    const person = this.records.recipient(mail.personId);
    if (!person) return own('gone');
    if (!person.email) return own('no-address');
    const message = await this.render(mail, person);
    if (!message) return own('gone');
    let transport = transports.get(mail.eventId);
    if (!transport) transports.set(mail.eventId, (transport = transportOf(settings)));
    try {
      await transport.sendMail({ from: fromOf(settings), to: person.email, ...message });
      return { sent: true };
    } catch (error) {
      return { sent: false, error: failure(error) };
    }
  }

  /** The mail a queued reason stands for, as things are now; null when what it was about is gone. */
  private async render(
    mail: QueuedMail,
    person: MailRecipient,
  ): Promise<(Rendered & { attachments?: { filename: string; content: Buffer; cid: string }[] }) | null> {
    const { store } = this.deps;
    const record = store.getEvent(mail.eventId);
    if (!record) return null;
    const event: MailEvent = { name: record.name, date: record.date, venue: record.venue, timeZone: record.timeZone };
    const link = this.signInUrl(person);
    switch (mailKindOf(mail.reason)) {
      case 'invitation': {
        // The QR the door scans: the printed badge's link, drawn as an image the mail shows inline.
        const png = await QRCode.toBuffer(link, { errorCorrectionLevel: 'M', margin: 2, width: 480 });
        return {
          ...invitationMail(event, person, link),
          attachments: [{ filename: 'qr.png', content: png, cid: QR_CID }],
        };
      }
      case 'confirmation': {
        const id = meetingIdOf(mail.reason);
        const m = person.orgId ? store.meetings(mail.eventId, { orgId: person.orgId }).find((x) => x.id === id) : null;
        // Moved since it was queued: the newer version has its own confirmation.
        const current = m && confirmationReason(m.id, this.records.sequence(m.id) ?? -1);
        if (!m || current !== mail.reason || confirmable([m], this.deps.now()).length === 0) return null;
        const other = m.guestOrgId === person.orgId ? m.ventureOrgName : m.guestOrgName;
        const ics = `${this.deps.publicAddress().origin}/api/agenda.ics`;
        return confirmationMail(event, person, { ...m, other }, { signIn: link, ics });
      }
      case 'reminder': {
        const meetings: MailMeeting[] = person.orgId
          ? store
              .meetings(mail.eventId, { orgId: person.orgId })
              .filter((m) => confirmable([m], 0).length > 0)
              .map((m) => ({ ...m, other: m.guestOrgId === person.orgId ? m.ventureOrgName : m.guestOrgName }))
          : [];
        return reminderMail(event, person, meetings, link);
      }
    }
  }

  /** The console's test: sent now, and the SMTP server's answer is the reply. */
  async sendTest(eventId: string, to: string): Promise<Outcome> {
    const settings = this.records.settings(eventId);
    const record = this.deps.store.getEvent(eventId);
    if (!settings || !record) return { sent: false, error: 'not-configured' };
    const transport = transportOf(settings);
    try {
      const event = { name: record.name, date: record.date, venue: record.venue, timeZone: record.timeZone };
      await transport.sendMail({ from: fromOf(settings), to, ...testMail(event, settings.fromAddress) });
      return { sent: true };
    } catch (error) {
      return { sent: false, error: failure(error) };
    } finally {
      transport.close();
    }
  }
}
