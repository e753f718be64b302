/**
 * A person's calendar subscription, as the phone shows it (GET /api/calendar-feed and the answers of
 * its renew and revoke). The feed's address is a secret: whoever has it reads the agenda, with no
 * sign-in, until the person renews or revokes it (or an organizer revokes it).
 */
import { z } from 'zod';
import { idempotencyKey } from './protocol.js';

export interface CalendarFeedView {
  /** The one-time download, for a calendar that imports a file (signed in by the session cookie). */
  downloadUrl: string;
  /** `https://HOST/cal/SECRET.ics`, or null while the person has no subscription. */
  feedUrl: string | null;
  /** The same address as `webcal://…`, which phones hand to their calendar app. */
  webcalUrl: string | null;
  /** When the current address was made (epoch ms), or null. */
  createdAt: number | null;
}

/** A new address, once per key: a resend after a lost answer gets the same address, not a third. */
export const calendarFeedRenewSchema = z.strictObject({ key: idempotencyKey.optional() });

/** An organizer revokes a person's subscription (the person revokes their own with an empty body). */
export const calendarFeedRevokeSchema = z.strictObject({
  personId: z.string().min(1).max(64).optional(),
});
export type CalendarFeedRevoke = z.infer<typeof calendarFeedRevokeSchema>;
