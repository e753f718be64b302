import type { Snapshot, Viewer } from '../../shared/model.js';
import { STANDARD_TOPICS } from '../../shared/constants.js';
import type { Store } from '../store/store.js';
import { seesAllCounts, type Principal } from './principal.js';

/** Everything one viewer may see of the event, as of now. Privacy is decided here, per role. */
export function buildSnapshot(store: Store, principal: Principal, now: number): Snapshot {
  const event = store.getEvent(principal.eventId);
  if (!event) throw new Error(`No event ${principal.eventId}`);
  const all = seesAllCounts(principal);
  const person = principal.kind === 'person' ? principal.person : null;
  const viewer: Viewer = person
    ? { kind: 'person', personId: person.id, name: person.name, role: person.role, org: person.org }
    : { kind: 'board' };
  const ownVenture = person?.role === 'venture' && person.org ? [person.org.id] : [];
  return {
    seq: event.seq,
    serverNow: now,
    event: { id: event.id, name: event.name, venue: event.venue, date: event.date, timeZone: event.timeZone },
    viewer,
    program: store.program(event.id),
    ventures: store.listVentures(event.id),
    topics: [...new Set([...STANDARD_TOPICS, ...event.topics])],
    counts: all ? store.interestCounts(event.id) : ownVenture.length ? store.interestCounts(event.id, ownVenture) : {},
    myInterests: person ? store.myInterests(person.id) : [],
    leads: ownVenture[0] ? store.leadsFor(ownVenture[0]) : [],
    stats: all ? store.stats(event.id) : null,
    people: person?.role === 'organizer' ? store.peopleSummaries(event.id) : [],
  };
}
