/** The rooms of the socket.io server, and which of them a principal joins. */
import type { Principal } from '../commands/principal.js';

export const rooms = {
  event: (eventId: string) => `event:${eventId}`,
  organizers: (eventId: string) => `event:${eventId}:organizers`,
  board: (eventId: string) => `board:${eventId}`,
  door: (eventId: string) => `event:${eventId}:door`,
  org: (orgId: string) => `org:${orgId}`,
  person: (personId: string) => `person:${personId}`,
};

export function roomsOf(principal: Principal): string[] {
  if (principal.kind === 'board') return [rooms.event(principal.eventId), rooms.board(principal.eventId)];
  const { person } = principal;
  const joined = [rooms.event(principal.eventId), rooms.person(person.id)];
  if (person.role === 'organizer') joined.push(rooms.organizers(principal.eventId));
  // A reception station hears the door's facts (people, figures), never the organizers' others.
  if (person.role === 'door') joined.push(rooms.door(principal.eventId));
  if (person.org) joined.push(rooms.org(person.org.id));
  return joined;
}
