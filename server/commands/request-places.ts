/**
 * Requests follow the places: the one rule, for every command that takes or frees a place (a
 * booking, a move, a cancel, a new grid, a merge), of which pending requests still have a place.
 */
import { placeChecker, type Booking } from '../domain/slots.js';
import { expiredPairs, pendingPairs, type PendingPair } from '../store/booking-reads.js';
import type { Store } from '../store/store.js';
import { cachedSlots } from './views.js';

/** Whether a pair has a place in the event's grid at or after `at`, given the places taken; null without a grid. */
export function placesNow(
  store: Store,
  eventId: string,
  taken: readonly Booking[],
  at: number,
): ((pair: readonly [string, string]) => boolean) | null {
  const grid = store.getGrid(eventId);
  if (!grid) return null;
  const event = store.getEvent(eventId)!;
  return placeChecker(cachedSlots(grid, event.date, event.timeZone), grid.tables, taken, {
    notBefore: at,
    capPerOrg: grid.capPerOrg,
  });
}

/**
 * Expires, among `candidates` (a request may come twice), the pending requests with no place left,
 * and returns their ids. No reason text: the status says it, in each person's language
 * ('meet.status.expired').
 */
export function expireWithoutPlace(
  store: Store,
  eventId: string,
  candidates: readonly PendingPair[],
  taken: readonly Booking[],
  at: number,
): string[] {
  const hasPlace = placesNow(store, eventId, taken, at);
  if (!hasPlace) return [];
  const expired = new Set<string>();
  for (const r of candidates) {
    if (expired.has(r.id) || hasPlace([r.fromOrgId, r.toOrgId])) continue;
    store.setRequestStatus(r.id, 'expired', '', at);
    expired.add(r.id);
  }
  return [...expired];
}

/**
 * The other half: after a cancel, a move or a new grid frees a place, requests that expired for
 * lack of one are pending again if they now have one, oldest first, unless the pair meets already
 * or has another open request. Returns their ids.
 */
export function reviveWithPlace(store: Store, eventId: string, taken: readonly Booking[], at: number): string[] {
  const expired = expiredPairs(store, eventId);
  if (!expired.length) return [];
  const hasPlace = placesNow(store, eventId, taken, at);
  if (!hasPlace) return [];
  const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const busy = new Set([
    ...taken.map((b) => key(b.orgs[0], b.orgs[1])),
    ...pendingPairs(store, eventId).map((r) => key(r.fromOrgId, r.toOrgId)),
  ]);
  const revived: string[] = [];
  for (const r of expired) {
    const pair = key(r.fromOrgId, r.toOrgId);
    if (busy.has(pair) || !hasPlace([r.fromOrgId, r.toOrgId])) continue;
    store.setRequestStatus(r.id, 'pending', '', at);
    busy.add(pair);
    revived.push(r.id);
  }
  return revived;
}
