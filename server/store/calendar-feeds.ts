/**
 * Calendar subscriptions (table calendar_feeds, migration 12) and what a calendar needs of each
 * meeting beyond MeetingInfo: its version (meetings.sequence, raised by a trigger on every move or
 * cancel), when it was cancelled, and whether it was ever agreed. Personal data: a feed names its
 * person, and goes when the person is erased.
 */
import type { Store } from './store.js';

export interface CalendarFeed {
  id: string;
  eventId: string;
  personId: string;
  /** The token's stored half (auth/feed-token.ts). */
  secret: string;
  createdAt: number;
}

interface FeedRow {
  id: string;
  event_id: string;
  person_id: string;
  secret: string;
  created_at: number;
}

const toFeed = (r: FeedRow): CalendarFeed => ({
  id: r.id,
  eventId: r.event_id,
  personId: r.person_id,
  secret: r.secret,
  createdAt: r.created_at,
});

/** The person's feed in force, if any. */
export function liveFeed(store: Store, personId: string): CalendarFeed | undefined {
  const row = store.sql
    .prepare<[string], FeedRow>('SELECT * FROM calendar_feeds WHERE person_id = ? AND revoked_at IS NULL')
    .get(personId);
  return row ? toFeed(row) : undefined;
}

/** The feed in force with this stored half, if any: a revoked or renewed one is found no more. */
export function feedBySecret(store: Store, secret: string): CalendarFeed | undefined {
  const row = store.sql
    .prepare<[string], FeedRow>('SELECT * FROM calendar_feeds WHERE secret = ? AND revoked_at IS NULL')
    .get(secret);
  return row ? toFeed(row) : undefined;
}

/** Revokes the person's feed in force; whether there was one. */
export function revokeFeed(store: Store, personId: string, now: number): boolean {
  return (
    store.sql
      .prepare('UPDATE calendar_feeds SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL')
      .run(now, personId).changes > 0
  );
}

/** A new feed for the person; the one in force before it is revoked (inside the caller's transaction). */
export function renewFeed(store: Store, feed: CalendarFeed): void {
  revokeFeed(store, feed.personId, feed.createdAt);
  store.sql
    .prepare(
      'INSERT INTO calendar_feeds (id, event_id, person_id, secret, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)',
    )
    .run(feed.id, feed.eventId, feed.personId, feed.secret, feed.createdAt);
}

/** A meeting's calendar facts, by meeting id. */
export interface MeetingVersion {
  sequence: number;
  /** The last change of the row: for a cancelled meeting, its cancellation. */
  updatedAt: number;
  /** False for a proposal of 「自動で組む」 cancelled before both sides agreed: no calendar ever had it. */
  everAgreed: boolean;
}

export function meetingVersions(store: Store, eventId: string, orgId: string): Map<string, MeetingVersion> {
  const rows = store.sql
    .prepare<[string, string, string], { id: string; sequence: number; updated_at: number; unagreed: number }>(
      `SELECT id, sequence, updated_at,
         (guest_confirmed = 0 OR venture_confirmed = 0) AS unagreed
       FROM meetings WHERE event_id = ? AND (guest_org = ? OR venture_org = ?)`,
    )
    .all(eventId, orgId, orgId);
  return new Map(
    rows.map((r) => [r.id, { sequence: r.sequence, updatedAt: r.updated_at, everAgreed: r.unagreed !== 1 }]),
  );
}
