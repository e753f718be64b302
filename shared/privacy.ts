/**
 * Privacy (Japan's APPI, issue 19): the wire format of the notice people acknowledge, the
 * organizer's privacy settings (notice, contact, retention), erasing a person or an event, and a
 * person's download of their own data. One zod schema per inbound body; plain types outbound.
 */
import { z } from 'zod';
import { LIMITS } from './constants.js';

/** How long the notice may be in each language: a phone screen or two, not a contract. */
export const NOTICE_MAX_CHARS = 4000;
export const RETENTION_DAYS = { min: 1, max: 3650, default: 365 } as const;

/**
 * The notice as a phone shows it. `ja`/`en` null: the app's default text (client messages
 * 'privacy.default.*', which say the retention days and the contact).
 */
export interface PrivacyNotice {
  version: number;
  ja: string | null;
  en: string | null;
  contact: string;
  retentionDays: number;
}

/** GET /api/privacy: the event's notice, and the version this person acknowledged (null: none). */
export interface PrivacyNoticeView {
  notice: PrivacyNotice;
  acknowledged: number | null;
}

export const privacyAcknowledgeSchema = z.strictObject({
  version: z.number().int().min(1).max(1_000_000),
});

/** The organizer's settings card. Empty text stands for the default notice. */
export const privacySettingsSchema = z.strictObject({
  ja: z.string().trim().max(NOTICE_MAX_CHARS),
  en: z.string().trim().max(NOTICE_MAX_CHARS),
  contact: z.string().trim().max(500),
  retentionDays: z.number().int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max),
});
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;

/** GET /api/privacy/settings: the notice, how many acknowledged it, and when the purge falls due. */
export interface PrivacySettingsView {
  notice: PrivacyNotice;
  /** People of the event (organizers aside) who acknowledged the current version, of how many. */
  acknowledged: number;
  people: number;
  /** The first day (YYYY-MM-DD, event time zone) the event's personal data is purged. */
  purgeOn: string;
  /** Whether that day has come (the console's 「今すぐ匿名化」 is offered). */
  purgeDue: boolean;
  /** When the purge ran (epoch ms); null: not yet. */
  purgedAt: number | null;
}

/** What erasing a person takes with them: the console's confirm step says it before anything goes. */
export interface ErasureSummary {
  personId: string;
  name: string;
  orgName: string | null;
  taps: number;
  notes: number;
  requests: number;
  checkedIn: boolean;
  sessions: number;
  /** Meetings of the person's organization: kept (they count in the report), naming nobody. */
  meetingsKept: number;
  /** Rows of other tables that name the person (mail log, calendar feeds, …). */
  otherRows: number;
}

export const personEraseSchema = z.strictObject({
  personId: z.string().min(1).max(LIMITS.idLength),
});

/** Erasing an event: its name typed again, as the confirmation. */
export const eventEraseSchema = z.strictObject({
  confirmName: z.string().max(LIMITS.titleLength * 2),
});

/** POST /api/events/:id/erase: where the console goes next (another event of the series, or none). */
export interface EventErased {
  erasedId: string;
  nextEventId: string | null;
}

/** GET /api/me/data.json: what the app holds about the signed-in person, and only them. */
export interface OwnData {
  exportedAt: number;
  event: { id: string; name: string; date: string; venue: string };
  person: {
    id: string;
    name: string;
    nameKana: string;
    email: string | null;
    title: string;
    tags: string[];
    role: string;
    organization: { id: string; name: string; kind: string } | null;
    noticeAcknowledged: number | null;
    createdAt: number;
  };
  checkin: { at: number; station: string; method: string } | null;
  taps: { venture: string; level: string; tags: string[]; note: string; shareNote: boolean; updatedAt: number }[];
  requests: {
    id: string;
    to: string;
    message: string;
    status: string;
    reason: string;
    createdAt: number;
    updatedAt: number;
  }[];
  meetings: {
    id: string;
    with: string;
    slotStart: number;
    slotEnd: number;
    table: string;
    status: string;
    outcome: string;
    outcomeNote: string;
    nextStep: string;
    pocStartedOn: string | null;
    contractOn: string | null;
  }[];
}
