/**
 * Who acts: a signed-in person or a board link, decided once (at a socket's handshake, or from a
 * request's session cookie) and carried in every command's context, never taken from a payload.
 */
import type { PersonRecord } from '../store/store.js';

export type Principal = { kind: 'person'; eventId: string; person: PersonRecord } | { kind: 'board'; eventId: string };

/** Organizers and the board see every venture's counts and the door figures. */
export function seesAllCounts(principal: Principal): boolean {
  return principal.kind === 'board' || principal.person.role === 'organizer';
}
