/**
 * Lean reads for the booking path. A booking checks the pending requests for a remaining place
 * inside its transaction, and only needs their ids and organizations: no names, no joins, and
 * statements prepared once per database rather than on every call.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.js';
import type { Store } from './store.js';

export interface PendingPair {
  id: string;
  fromOrgId: string;
  toOrgId: string;
}

const SELECT = `SELECT id, from_org AS fromOrgId, to_org AS toOrgId FROM meeting_requests
  WHERE event_id = ? AND status = 'pending'`;
const ALL = `${SELECT} ORDER BY created_at DESC`;
const OF_ORG = `${SELECT} AND (from_org = ? OR to_org = ?)`;

const prepared = new WeakMap<Db, Map<string, Statement>>();

function statement<P extends unknown[]>(store: Store, sql: string): Statement<P, PendingPair> {
  let cache = prepared.get(store.db);
  if (!cache) prepared.set(store.db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = store.db.prepare(sql)));
  return s as unknown as Statement<P, PendingPair>;
}

/** Every pending request of the event, newest first (the order of `store.requests`). */
export function pendingPairs(store: Store, eventId: string): PendingPair[] {
  return statement<[string]>(store, ALL).all(eventId);
}

/** The pending requests of each organization in turn; one between two of them comes twice. */
export function pendingPairsOf(store: Store, eventId: string, orgs: readonly string[]): PendingPair[] {
  return orgs.flatMap((org) => statement<[string, string, string]>(store, OF_ORG).all(eventId, org, org));
}
