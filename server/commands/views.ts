/**
 * What each viewer may see: the snapshot `sync` answers with (privacy decided here, per role), the
 * event's public face, and the meeting grid cut into slots. Read by the commands and the publisher.
 */
import type { EventInfo, GridInfo, GridSettings, Snapshot, Viewer } from '../../shared/model.js';
import { slotsOf } from '../domain/slots.js';
import { STANDARD_TOPICS } from '../../shared/constants.js';
import type { Store } from '../store/store.js';
import { runsTheDoor, seesAllCounts, type Principal } from './principal.js';

/** What every viewer may know of the event itself. */
export function publicEvent(event: EventInfo): EventInfo {
  return {
    id: event.id,
    name: event.name,
    venue: event.venue,
    date: event.date,
    timeZone: event.timeZone,
    ...(event.bookingOpensOn ? { bookingOpensOn: event.bookingOpensOn } : {}),
  };
}

/** The programme's standard topics, then the event's own. */
export function topicsOf(event: { topics: readonly string[] }): string[] {
  return [...new Set([...STANDARD_TOPICS, ...event.topics])];
}

// Cutting the grid into slots formats dates in the event's zone: slow enough to matter in a booking
// storm, and the same for every accept until the grid changes.
const slotCache = new Map<string, ReturnType<typeof slotsOf>>();
export function cachedSlots(grid: GridSettings, date: string, timeZone: string): ReturnType<typeof slotsOf> {
  const key = JSON.stringify([grid, date, timeZone]);
  let slots = slotCache.get(key);
  if (!slots) {
    if (slotCache.size > 100) slotCache.clear();
    slots = slotsOf(grid, date, timeZone);
    slotCache.set(key, slots);
  }
  return slots;
}

/** The meeting grid with its slots, or null before organizers set it up. */
export function gridInfo(store: Store, event: EventInfo): GridInfo | null {
  const settings = store.getGrid(event.id);
  return settings ? { settings, slots: cachedSlots(settings, event.date, event.timeZone) } : null;
}

/**
 * Everything one viewer may see of the event, as of now. Privacy is decided here, per role: a
 * reception station ('door') gets the event, the program, the door figures and the people, and no
 * interest, request or meeting (it is in no organization).
 */
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
    event: publicEvent(event),
    viewer,
    program: store.program(event.id),
    ventures: store.listVentures(event.id),
    topics: topicsOf(event),
    counts: all ? store.interestCounts(event.id) : ownVenture.length ? store.interestCounts(event.id, ownVenture) : {},
    myInterests: person && person.role !== 'door' ? store.myInterests(person.id) : [],
    leads: ownVenture[0] ? store.leadsFor(ownVenture[0]) : [],
    stats: all || runsTheDoor(principal) ? store.stats(event.id) : null,
    // The door's people (with their check-ins): organizers and reception stations only.
    people: runsTheDoor(principal) ? store.peopleSummaries(event.id) : [],
    grid: gridInfo(store, event),
    // Organizers see every request and meeting; a firm or venture its own organization's.
    requests:
      person?.role === 'organizer'
        ? store.requests(event.id)
        : person?.org
          ? store.requests(event.id, { orgId: person.org.id })
          : [],
    meetings:
      person?.role === 'organizer'
        ? store.meetings(event.id)
        : person?.org
          ? store.meetings(event.id, { orgId: person.org.id })
          : [],
    // Challenges (課題): a firm or partner its own; organizers every organization's; the board and
    // organizers the count of fitting firms in the room, no names.
    myChallenges:
      (person?.role === 'firm' || person?.role === 'partner') && person.org
        ? store.records.organizations.challenges(person.org.id)
        : null,
    orgChallenges: person?.role === 'organizer' ? store.records.organizations.challengesOfEvent(event.id) : {},
    fitInRoom: all && person?.role !== 'door' ? store.records.organizations.fitInRoom(event.id) : {},
  };
}
