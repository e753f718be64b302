/**
 * Door staff: a reception link signs a station's browser in, and the station then acts as its own
 * record with the role 'door' (never a row of people). Its id, `door:LINK`, is what the change log
 * records as the actor of its check-ins and walk-ins, and the room its sockets join, so revoking the
 * link can end them. The policy table (policy.ts) says what the role may do: scan, search, register
 * walk-ins, and print the badges of the walk-ins it registered itself.
 */
import type { DoorLinkRecord } from '../store/door-links.js';
import type { PersonRecord, Store } from '../store/store.js';
import { makeToken } from './tokens.js';

/** The actor id of a station signed in by `linkId`. */
export const doorActorId = (linkId: string): string => `door:${linkId}`;

/** A reception link's address: what the settings page shows, its QR holds and `npm run links` prints. */
export const doorLinkUrl = (secret: Buffer, origin: string, nonce: string): string =>
  `${origin}/door/${makeToken(secret, 'door', nonce)}`;

/** The record a station acts as: named by its station, in no organization, with no badge. */
export function stationActor(link: DoorLinkRecord): PersonRecord {
  return {
    id: doorActorId(link.id),
    eventId: link.eventId,
    name: link.station,
    role: 'door',
    org: null,
    badgeNonce: '',
  };
}

/**
 * Whether `actor` may see the badge of `personId` (printed, or as the walk-in screen's QR): anyone
 * the policy lets through but a station, and a station only for someone it registered itself.
 * `personId` null (the whole sheet) is never a station's.
 */
export function mayPrintBadge(store: Store, actor: PersonRecord, personId: string | null): boolean {
  if (actor.role !== 'door') return true;
  return personId !== null && store.records.doorLinks.registeredBy(actor.eventId, actor.id, personId);
}
