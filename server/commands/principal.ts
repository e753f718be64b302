/**
 * Who acts: a signed-in person (or a reception station acting as its station, auth/door.ts) or a
 * board link, decided once (at a socket's handshake, or from a
 * request's session cookie) and carried in every command's context, never taken from a payload.
 */
import type { PersonRecord } from '../store/store.js';

export type Principal = { kind: 'person'; eventId: string; person: PersonRecord } | { kind: 'board'; eventId: string };

/** Organizers and the board see every venture's counts and the door figures. */
export function seesAllCounts(principal: Principal): boolean {
  return principal.kind === 'board' || principal.person.role === 'organizer';
}

/** Organizers and door staff (a reception station, auth/door.ts) run the door: they see its people. */
export function runsTheDoor(principal: Principal): boolean {
  return principal.kind === 'person' && (principal.person.role === 'organizer' || principal.person.role === 'door');
}
