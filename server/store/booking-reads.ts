/**
 * Lean reads for the booking path. A booking reads every taken place and checks the pending
 * requests for a remaining place inside its transaction, and only needs places, ids and
 * organizations: no names, no joins, rows as arrays, statements prepared once per database.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.js';
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

const prepared = new WeakMap<Db, Map<string, Statement>>();

function statement<P extends unknown[], R = PendingPair>(store: Store, sql: string): Statement<P, R> {
  let cache = prepared.get(store.db);
  if (!cache) prepared.set(store.db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = store.db.prepare(sql)));
  return s as unknown as Statement<P, R>;
}

/** Every place taken in the event. */
export function takenPlaces(store: Store, eventId: string): TakenPlace[] {
  const rows = statement<[string], [number, string, string, string]>(store, TAKEN).raw().all(eventId);
  return rows.map(([slotStart, table, guest, venture]) => ({ slotStart, table, orgs: [guest, venture] }));
}

/** Every pending request of the event, newest first (the order of `store.requests`). */
export function pendingPairs(store: Store, eventId: string): PendingPair[] {
  return statement<[string]>(store, ALL).all(eventId);
}

/** The meeting of a guest and a venture that is not cancelled, if any (there is at most one). */
export function pairMeeting(store: Store, eventId: string, guest: string, venture: string): string | undefined {
  return statement<[string, string, string], { id: string }>(store, PAIR_MEETING).get(eventId, guest, venture)?.id;
}

/** Requests that expired for lack of a place, oldest first: the order a freed place revives them in. */
export function expiredPairs(store: Store, eventId: string): PendingPair[] {
  return statement<[string]>(store, EXPIRED).all(eventId);
}

/** The pending requests of each organization in turn; one between two of them comes twice. */
export function pendingPairsOf(store: Store, eventId: string, orgs: readonly string[]): PendingPair[] {
  return orgs.flatMap((org) => statement<[string, string, string]>(store, OF_ORG).all(eventId, org, org));
}
