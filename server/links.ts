import type { Role } from '../shared/model.js';
import { makeToken } from './auth/tokens.js';
import type { Store } from './store/store.js';

export interface PersonLink {
  name: string;
  org: string | null;
  role: Role;
  url: string;
}

export interface EventLinks {
  eventId: string;
  eventName: string;
  board: string;
  people: PersonLink[];
}

/** The sign-in links of an event's people and its board link, for printing and for the console. */
export function eventLinks(store: Store, secret: Buffer, eventId: string, baseUrl: string): EventLinks {
  const event = store.getEvent(eventId);
  if (!event) throw new Error(`No event ${eventId}`);
  const base = baseUrl.replace(/\/$/, '');
  return {
    eventId,
    eventName: event.name,
    board: `${base}/board/${makeToken(secret, 'board', event.boardNonce)}`,
    people: store.listPeople(eventId).map((p) => ({
      name: p.name,
      org: p.org?.name ?? null,
      role: p.role,
      url: `${base}/t/${makeToken(secret, 'person', p.badgeNonce)}`,
    })),
  };
}
