/**
 * The organizer console's HTTP wire format: the series of events, event set-up, the live dashboard,
 * follow-up outcomes and the KPI report. One zod schema per inbound body; plain types outbound.
 */
import { z } from 'zod';
import { LIMITS } from './constants.js';
import { idempotencyKey, nameText } from './protocol.js';
import type { EventInfo, MeetingOutcome } from './model.js';

/** Outcomes that count as a follow-up project: the meeting led somewhere after the event. */
export const FOLLOW_UP_OUTCOMES: readonly MeetingOutcome[] = ['follow-up', 'poc-planned', 'poc-started', 'contract'];

const isoDate = z.iso.date('a date as YYYY-MM-DD');
const count = z.number().int().min(0).max(100_000);

/** What the organizer aims for; the report shows each figure against it. Unset targets are not shown. */
export const kpiTargetsSchema = z.strictObject({
  firm: count.optional(),
  venture: count.optional(),
  partner: count.optional(),
  meetingsHeld: count.optional(),
  pocs: count.optional(),
});
export type KpiTargets = z.infer<typeof kpiTargetsSchema>;

/** An event's or an organizer's name: the one text rule for names (shared/text.ts). */
const name = nameText(LIMITS.titleLength);
const venue = z.string().trim().max(LIMITS.titleLength);

/** A new event of the series, optionally with the settings of an earlier one. */
export const eventCreateSchema = z.strictObject({
  name,
  venue: venue.default(''),
  date: isoDate,
  /** Copy venue, topics, meeting grid, program outline, targets and organizers from this event. */
  copyFrom: z.string().min(1).max(LIMITS.idLength).optional(),
  /** A resend after a lost answer creates nothing more. */
  key: idempotencyKey.optional(),
});
export type EventCreate = z.infer<typeof eventCreateSchema>;

export const eventUpdateSchema = z.strictObject({
  name,
  venue: venue.default(''),
  date: isoDate,
  topics: z.array(z.string().trim().min(1).max(LIMITS.tagLength)).max(30).default([]),
  targets: kpiTargetsSchema.default({}),
});
export type EventUpdate = z.infer<typeof eventUpdateSchema>;

export const organizerAddSchema = z.strictObject({
  name,
  email: z.email('an e-mail address like name@example.jp').max(200).optional(),
  key: idempotencyKey.optional(),
});
export type OrganizerAdd = z.infer<typeof organizerAddSchema>;

/** Figures of one event, as the dashboard and the report show them. */
export interface KpiFigures {
  /** Organizations with at least one person checked in, by kind: the city's "participating companies". */
  companies: { firm: number; venture: number; partner: number; total: number };
  /** Organizations registered (imported or added), by kind, whether they came or not. */
  registered: { firm: number; venture: number; partner: number; total: number };
  /** People checked in (organizers not counted). */
  people: number;
  interests: { total: number; wantToMeet: number };
  requests: { total: number; pending: number; accepted: number; declined: number; withdrawn: number; expired: number };
  /** Accepted ÷ answered (accepted + declined); null before any answer. */
  acceptanceRate: number | null;
  meetings: { booked: number; scheduled: number; held: number; noShow: number; cancelled: number };
  /** Held meetings whose outcome is a follow-up (next step, PoC planned or started, contract). */
  followUps: number;
  /** Meetings with a PoC start date: the programme's proof-of-concept count. */
  pocsStarted: number;
  contracts: number;
  /** Participating local firms that held at least one meeting with a venture, and their share. */
  firmsMet: number;
  firmsMetShare: number | null;
  /**
   * Meetings wanted: pairs of a venture and a firm or partner where a side asked (a want-to-meet tap
   * or a request either way, whatever became of it); of them, those with a meeting booked (not
   * cancelled) and those that held it.
   */
  wanted: { pairs: number; scheduled: number; held: number };
  /** Wanted pairs that held their meeting ÷ wanted pairs; null when nobody asked. */
  wantedMetShare: number | null;
}

export interface DashboardView {
  event: EventInfo;
  figures: KpiFigures;
  /** Cumulative check-ins at the end of each bucket, from the first check-in to the last (or now). */
  checkinsOverTime: { at: number; total: number }[];
  bucketMinutes: number;
}

export interface SeriesEntry {
  event: EventInfo;
  targets: KpiTargets;
  figures: KpiFigures;
  /** The event this console session is in. */
  current: boolean;
}

export interface SeriesView {
  events: SeriesEntry[];
}

export interface EventSettingsView {
  event: EventInfo;
  topics: string[];
  targets: KpiTargets;
  boardUrl: string;
  organizers: { personId: string; name: string; signInUrl: string }[];
}
