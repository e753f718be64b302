/**
 * Lean reads for the booking path. A booking reads every taken place and checks the pending
 * requests for a remaining place inside its transaction, and only needs places, ids and
 * organizations: no names, no joins, rows as arrays, through the connection's statement cache.
 */
import type { Store } from './store.js';

/** A place taken by a meeting that is not cancelled, as the allocator sees it (`store.bookings`). */
export interface TakenPlace {
  slotStart: number;
  table: string;
  orgs: [string, string];
}

export interface PendingPair {
  id: string;
  fromOrgId: string;
  toOrgId: string;
}

const SELECT = `SELECT id, from_org AS fromOrgId, to_org AS toOrgId FROM meeting_requests
  WHERE event_id = ? AND status = 'pending'`;
const ALL = `${SELECT} ORDER BY created_at DESC`;
const OF_ORG = `${SELECT} AND (from_org = ? OR to_org = ?)`;
const EXPIRED = `SELECT id, from_org AS fromOrgId, to_org AS toOrgId FROM meeting_requests
  WHERE event_id = ? AND status = 'expired' ORDER BY created_at, rowid`;

const PAIR_MEETING = `SELECT id FROM meetings
  WHERE event_id = ? AND guest_org = ? AND venture_org = ? AND status <> 'cancelled'`;

const TAKEN = `SELECT slot_start, table_name, guest_org, venture_org FROM meetings
  WHERE event_id = ? AND status <> 'cancelled'`;

const VERSION = 'SELECT v FROM meetings_version WHERE id = 1';

/**
 * The taken places last read (or booked into) on a connection, with the meetings' version they
 * belong to. Every write to meetings, by any path or connection, sets a new random version
 * (migration 18), and a savepoint rolled back restores an older one, never the one kept here: a
 * version that matches means the places are the table's. A booking storm's commands, grouped in
 * one transaction, read 500 places each otherwise (0.4 ms a booking, issue 18's profile).
 */
const kept = new WeakMap<Store, { eventId: string; version: number; places: readonly TakenPlace[] }>();

function meetingsVersion(store: Store): number {
  return store.sql.pluck<[], number>(VERSION).get()!;
}

/** Every place taken in the event. */
export function takenPlaces(store: Store, eventId: string): TakenPlace[] {
  const version = meetingsVersion(store);
  const known = kept.get(store);
  if (known && known.eventId === eventId && known.version === version) return [...known.places];
  const rows = store.sql.raw<[string], [number, string, string, string]>(TAKEN).all(eventId);
  const places = rows.map(([slotStart, table, guest, venture]): TakenPlace => ({
    slotStart,
    table,
    orgs: [guest, venture],
  }));
  kept.set(store, { eventId, version, places });
  return [...places];
}

/**
 * After a booking: `before` were the event's places read just before it (`takenPlaces`), and one
 * meeting was inserted since, at `place`, with no other write to meetings. The next booking then
 * starts from these without reading them again.
 */
export function keepTakenAfterBooking(
  store: Store,
  eventId: string,
  before: readonly TakenPlace[],
  place: TakenPlace,
): void {
  kept.set(store, { eventId, version: meetingsVersion(store), places: [...before, place] });
}

/** Every pending request of the event, newest first (the order of `store.requests`). */
export function pendingPairs(store: Store, eventId: string): PendingPair[] {
  return store.sql.prepare<[string], PendingPair>(ALL).all(eventId);
}

/** The meeting of a guest and a venture that is not cancelled, if any (there is at most one). */
export function pairMeeting(store: Store, eventId: string, guest: string, venture: string): string | undefined {
  return store.sql.pluck<[string, string, string], string>(PAIR_MEETING).get(eventId, guest, venture);
}

/** Requests that expired for lack of a place, oldest first: the order a freed place revives them in. */
export function expiredPairs(store: Store, eventId: string): PendingPair[] {
  return store.sql.prepare<[string], PendingPair>(EXPIRED).all(eventId);
}

/** The pending requests of each organization in turn; one between two of them comes twice. */
export function pendingPairsOf(store: Store, eventId: string, orgs: readonly string[]): PendingPair[] {
  const ofOrg = store.sql.prepare<[string, string, string], PendingPair>(OF_ORG);
  return orgs.flatMap((org) => ofOrg.all(eventId, org, org));
}
