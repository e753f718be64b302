/**
 * E-mail before and after the day (issue 19): the organizer's SMTP server, the invitations the
 * console sends, and the send log. One zod schema per inbound body; plain types outbound. The SMTP
 * password is write-only: a view says whether one is set, never what it is.
 */
import { z } from 'zod';
import { idempotencyKey } from './protocol.js';

/** How the connection to the SMTP server is protected: TLS from the start (465), STARTTLS (587), or none (a local relay). */
export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

const address = z.email('an e-mail address').max(254);

export const smtpSettingsSchema = z.strictObject({
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  security: z.enum(SMTP_SECURITY),
  username: z.string().trim().max(254).default(''),
  /** Absent: the stored password is kept. The console never receives it back. */
  password: z.string().max(512).optional(),
  /** Forget the stored password (a server that takes none). */
  clearPassword: z.boolean().optional(),
  fromAddress: address,
  fromName: z.string().trim().max(100).default(''),
  /** Send a confirmation when a meeting is booked or confirmed. */
  confirmations: z.boolean().default(true),
  /** Send each person their meetings the day before. */
  reminders: z.boolean().default(true),
  key: idempotencyKey.optional(),
});
export type SmtpSettingsInput = z.input<typeof smtpSettingsSchema>;

/** The settings as the console sees them: the password only as whether one is stored. */
export interface SmtpSettingsView {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  passwordSet: boolean;
  fromAddress: string;
  fromName: string;
  confirmations: boolean;
  reminders: boolean;
}

/** A test mail to the organizer (their own address unless another is given); sent at once, the answer says how it went. */
export const mailTestSchema = z.strictObject({ to: address.optional() });

/** Invitations: to everyone with an address, to those not yet invited, or to one person. */
export const mailInviteSchema = z.strictObject({
  to: z.enum(['all', 'uninvited', 'person']),
  personId: z.string().min(1).max(100).optional(),
  /** One click, one batch: a resend of the same click queues nothing more. */
  key: idempotencyKey,
});
export type MailInvite = z.infer<typeof mailInviteSchema>;

/**
 * `sending`: handed to the SMTP server, its answer not yet recorded (committed before the send, so a
 * restart never sends it twice); `superseded`: overtaken by a newer mail of the same kind (a meeting
 * moved since), neither a failure nor retried.
 */
export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed', 'superseded'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
export type MailKind = 'invitation' | 'confirmation' | 'reminder';

/**
 * Why a mail failed when the app, not the SMTP server, says so (the log's `error` holds one of these
 * or the server's own reply, shown as it came). `interrupted`: the server stopped while the mail was
 * with the SMTP server; it may have arrived, so the organizer checks before retrying.
 */
export const MAIL_ERRORS = ['no-address', 'not-configured', 'gone', 'interrupted'] as const;
export type MailError = (typeof MAIL_ERRORS)[number];

export interface MailLogEntry {
  id: string;
  personId: string;
  personName: string;
  orgName: string | null;
  kind: MailKind;
  /** The reason key: never sent twice to one person. */
  reason: string;
  status: MailStatus;
  error: string;
  attempts: number;
  createdAt: number;
  sentAt: number | null;
}

/** One person the console can invite. */
export interface MailPerson {
  personId: string;
  name: string;
  orgName: string | null;
  hasAddress: boolean;
  /** An invitation is queued or was sent. */
  invited: boolean;
}

export interface MailView {
  settings: SmtpSettingsView | null;
  /** Where "send a test mail to me" goes. */
  organizerEmail: string | null;
  counts: Record<MailStatus, number>;
  log: MailLogEntry[];
  people: MailPerson[];
}

/** The phone's 「自分の名札」: the signed-in person's own badge QR. */
export interface MyBadgeView {
  name: string;
  orgName: string | null;
  /** The sign-in link the QR holds: the printed badge's. */
  url: string;
  /** The QR as SVG, drawn as the printed badge draws it. */
  qrSvg: string;
}
