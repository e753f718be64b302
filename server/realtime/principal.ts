import type { PersonRecord } from '../store/store.js';

/** Who is on the other end of a socket, decided once at the handshake from the cookie or board link. */
export type Principal = { kind: 'person'; eventId: string; person: PersonRecord } | { kind: 'board'; eventId: string };

export const rooms = {
  event: (eventId: string) => `event:${eventId}`,
  organizers: (eventId: string) => `event:${eventId}:organizers`,
  board: (eventId: string) => `board:${eventId}`,
  org: (orgId: string) => `org:${orgId}`,
  person: (personId: string) => `person:${personId}`,
};

export function roomsOf(principal: Principal): string[] {
  if (principal.kind === 'board') return [rooms.event(principal.eventId), rooms.board(principal.eventId)];
  const { person } = principal;
  const joined = [rooms.event(principal.eventId), rooms.person(person.id)];
  if (person.role === 'organizer') joined.push(rooms.organizers(principal.eventId));
  if (person.org) joined.push(rooms.org(person.org.id));
  return joined;
}

/** Organizers and the board see every venture's counts and the door figures. */
export function seesAllCounts(principal: Principal): boolean {
  return principal.kind === 'board' || principal.person.role === 'organizer';
}
