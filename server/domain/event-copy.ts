/**
 * What a new event of the series takes from an earlier one. From a previous event it takes the
 * venue (unless one is given), time zone, topics, meeting grid, KPI targets, the program's session
 * titles (pitches belong to that day's ventures, so they stay behind) and its organizers, each with
 * a new badge; the creator always organizes it. The store writes what this returns, nothing more.
 */
import type { KpiTargets } from '../../shared/console.js';
import type { GridSettings } from '../../shared/model.js';

/** The earlier event's settings, as the store reads them. */
export interface CopySource {
  id: string;
  venue: string;
  timeZone: string;
  topics: readonly string[];
  grid: GridSettings | null;
  targets: KpiTargets;
  sessions: readonly { title: string; position: number }[];
  /** In the order the earlier event lists them; an account may appear once only in the new one. */
  organizers: readonly { account: string; name: string }[];
}

export interface NewEventRequest {
  venue: string;
  creator: { account: string; name: string };
  from: CopySource | null;
}

export interface NewEventPlan {
  venue: string;
  timeZone: string;
  topics: string[];
  /** What only an event copied from another has; null for a fresh one. */
  copied: { grid: GridSettings | null; targets: KpiTargets; createdFrom: string } | null;
  sessions: { id: string; title: string; position: number }[];
  organizers: { id: string; account: string; name: string; badgeNonce: string }[];
}

/** A fresh event's time zone: the programme's home. */
export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

export function planNewEvent(
  request: NewEventRequest,
  ids: { newId: () => string; newNonce: () => string },
): NewEventPlan {
  const { from, creator } = request;
  // Ids are drawn in this order (sessions, then each organizer's id and badge) so a seeded id source gives the same rows.
  const sessions = (from?.sessions ?? []).map((s) => ({ id: ids.newId(), title: s.title, position: s.position }));
  const organizers = [creator];
  for (const o of from?.organizers ?? []) {
    if (!organizers.some((x) => x.account === o.account)) organizers.push(o);
  }
  return {
    venue: request.venue || (from?.venue ?? ''),
    timeZone: from?.timeZone ?? DEFAULT_TIME_ZONE,
    topics: [...(from?.topics ?? [])],
    copied: from && { grid: from.grid, targets: from.targets, createdFrom: from.id },
    sessions,
    organizers: organizers.map((o) => ({
      id: ids.newId(),
      account: o.account,
      name: o.name,
      badgeNonce: ids.newNonce(),
    })),
  };
}
