/**
 * Which mails are due, as pure rules with the clock passed in. A mail is named by its reason key,
 * which a person is never sent twice (the send log keeps it unique):
 * - `invitation:<batch>`: one click of the console (its idempotency key), so a resend of the click adds nothing;
 * - `meeting:<id>:<sequence>`: a meeting as it was agreed, by its version (meetings.sequence, raised by a
 *   trigger on every move or cancel), so a meeting moved away and back (A→B→A) is confirmed anew each time;
 * - `reminder:<date>`: the day-before mail of the event on that date.
 */
import type { MailKind } from '../../shared/mail.js';
import type { MeetingInfo } from '../../shared/model.js';
import { awaitsConfirmation } from './meeting-rules.js';
import { zonedTime } from './slots.js';

export const invitationReason = (batch: string): string => `invitation:${batch}`;
export const confirmationReason = (meetingId: string, sequence: number): string => `meeting:${meetingId}:${sequence}`;
export const reminderReason = (eventDate: string): string => `reminder:${eventDate}`;

export function mailKindOf(reason: string): MailKind {
  if (reason.startsWith('meeting:')) return 'confirmation';
  if (reason.startsWith('reminder:')) return 'reminder';
  return 'invitation';
}

/** The meeting a confirmation's reason names. */
export function meetingIdOf(reason: string): string | null {
  const match = /^meeting:([^:]+):/.exec(reason);
  return match ? match[1]! : null;
}

/** The hour of the day before from which the reminder goes (in the event's time zone). */
export const REMINDER_FROM = '09:00';

/** The calendar day before `date` (YYYY-MM-DD). */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Whether the day-before reminder is due: from 09:00 of the day before until the day begins. A
 * server started on the day itself sends none: the phone and the badge carry the day.
 */
export function reminderDue(eventDate: string, timeZone: string, now: number): boolean {
  return (
    now >= zonedTime(dayBefore(eventDate), REMINDER_FROM, timeZone) && now < zonedTime(eventDate, '00:00', timeZone)
  );
}

/**
 * The meetings a confirmation is owed for: agreed (a proposal both sides have not confirmed is not
 * yet one), not cancelled or past, and not yet over.
 */
export function confirmable(meetings: readonly MeetingInfo[], now: number): MeetingInfo[] {
  return meetings.filter((m) => m.status === 'scheduled' && !awaitsConfirmation(m) && m.slotEnd > now);
}
