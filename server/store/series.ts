/**
 * The series: one instance hosts many events, each isolated (its own people, program, meetings).
 * An organizer has one account across the events they run — a person row per event, so a sign-in
 * and every permission stay inside one event, joined by the `account` column.
 */
import type { EventUpdate, KpiTargets } from '../../shared/console.js';
import type { GridSettings } from '../../shared/model.js';
import type { KpiFacts } from '../domain/kpi.js';
import { IDLE } from '../domain/program.js';
import type { EventRecord, PersonRecord, Store } from './store.js';

export function accountOf(store: Store, personId: string): string | null {
  return (
    store.db
      .prepare<[string], string | null>('SELECT account FROM people WHERE id = ? AND is_organizer = 1')
      .pluck()
      .get(personId) ?? null
  );
}

/** The events an account organizes, oldest first (by date, then creation). */
export function seriesEvents(store: Store, account: string): EventRecord[] {
  const ids = store.db
    .prepare<[string], string>(
      `SELECT e.id FROM events e WHERE EXISTS (SELECT 1 FROM people p WHERE p.event_id = e.id AND p.account = ?)
       ORDER BY e.date, e.created_at`,
    )
    .pluck()
    .all(account);
  return ids.map((id) => store.getEvent(id)!);
}

/** The account's person row in an event, if the account organizes it. */
export function organizerIn(store: Store, account: string, eventId: string): PersonRecord | undefined {
  const id = store.db
    .prepare<[string, string], string>('SELECT id FROM people WHERE account = ? AND event_id = ? AND is_organizer = 1')
    .pluck()
    .get(account, eventId);
  return id ? store.getPerson(id) : undefined;
}

export function organizersOf(store: Store, eventId: string): PersonRecord[] {
  return store.listPeople(eventId).filter((p) => p.role === 'organizer');
}

export function eventTargets(store: Store, eventId: string): KpiTargets {
  const raw = store.db.prepare<[string], string>('SELECT targets FROM events WHERE id = ?').pluck().get(eventId);
  return raw ? (JSON.parse(raw) as KpiTargets) : {};
}

/** Name, venue, date, topics and targets, as one logged change. */
export function updateEvent(store: Store, eventId: string, actor: string, now: number, update: EventUpdate): number {
  return store.mutate(eventId, actor, now, () => {
    store.db
      .prepare('UPDATE events SET name = ?, venue = ?, date = ?, topics = ?, targets = ? WHERE id = ?')
      .run(
        update.name,
        update.venue,
        update.date,
        JSON.stringify(update.topics),
        JSON.stringify(update.targets),
        eventId,
      );
    return { result: undefined, changes: [{ kind: 'event:update', data: update }] };
  }).seq;
}

export interface NewEvent {
  id: string;
  name: string;
  venue: string;
  date: string;
  boardNonce: string;
  /** The event whose settings to copy, already checked to belong to the creator's account. */
  from: EventRecord | null;
  creator: { account: string; name: string };
  now: number;
  newId: () => string;
  newNonce: () => string;
}

/**
 * A new event of the series. From a previous event it takes the venue (unless given), topics,
 * meeting grid, targets, the program's session titles (pitches belong to that day's ventures, so
 * they stay behind) and its organizers, each with a new badge. The creator always organizes it.
 */
export function createEvent(store: Store, e: NewEvent): void {
  store.db.transaction(() => {
    const from = e.from;
    store.insertEvent({
      id: e.id,
      name: e.name,
      venue: e.venue || (from?.venue ?? ''),
      date: e.date,
      timeZone: from?.timeZone ?? 'Asia/Tokyo',
      topics: from?.topics ?? [],
      boardNonce: e.boardNonce,
      live: IDLE,
      createdAt: e.now,
    });
    store.mutate(e.id, e.creator.account, e.now, () => {
      const organizers: { account: string; name: string }[] = [e.creator];
      if (from) {
        store.db
          .prepare('UPDATE events SET grid = ?, targets = ?, created_from = ? WHERE id = ?')
          .run(copyGrid(store.getGrid(from.id)), JSON.stringify(eventTargets(store, from.id)), from.id, e.id);
        const sessions = store.program(from.id).sessions;
        for (const s of sessions)
          store.saveProgramSession(e.id, { id: e.newId(), title: s.title, position: s.position });
        for (const o of organizersOf(store, from.id)) {
          const account = accountOf(store, o.id)!;
          if (!organizers.some((x) => x.account === account)) organizers.push({ account, name: o.name });
        }
      }
      for (const o of organizers) {
        store.insertPerson({
          id: e.newId(),
          eventId: e.id,
          organizationId: null,
          name: o.name,
          badgeNonce: e.newNonce(),
          createdAt: e.now,
          account: o.account,
        });
      }
      return {
        result: undefined,
        changes: [{ kind: 'event:create', data: { name: e.name, date: e.date, from: from?.id ?? null } }],
      };
    });
  })();
}

function copyGrid(grid: GridSettings | null): string | null {
  return grid ? JSON.stringify(grid) : null;
}

/** A new organizer of this event, with an account of their own. */
export function addOrganizer(
  store: Store,
  eventId: string,
  actor: string,
  o: { id: string; name: string; email: string | null; badgeNonce: string; now: number },
): number {
  return store.mutate(eventId, actor, o.now, () => {
    store.insertPerson({
      id: o.id,
      eventId,
      organizationId: null,
      name: o.name,
      email: o.email,
      badgeNonce: o.badgeNonce,
      createdAt: o.now,
    });
    return { result: undefined, changes: [{ kind: 'organizer:add', data: { personId: o.id, name: o.name } }] };
  }).seq;
}

// ---- the facts behind the KPIs ----

export function kpiFacts(store: Store, eventId: string): KpiFacts {
  const db = store.db;
  return {
    orgs: db
      .prepare<[string], KpiFacts['orgs'][number]>('SELECT id, kind FROM organizations WHERE event_id = ?')
      .all(eventId),
    checkins: db
      .prepare<[string], KpiFacts['checkins'][number]>(
        `SELECT p.organization_id AS orgId, c.at FROM checkins c JOIN people p ON p.id = c.person_id
         WHERE c.event_id = ? AND p.organization_id IS NOT NULL`,
      )
      .all(eventId),
    interests: db
      .prepare<[string], KpiFacts['interests'][number]>('SELECT level FROM interests WHERE event_id = ?')
      .all(eventId),
    requests: db
      .prepare<[string], KpiFacts['requests'][number]>('SELECT status FROM meeting_requests WHERE event_id = ?')
      .all(eventId),
    meetings: db
      .prepare<[string], KpiFacts['meetings'][number]>(
        `SELECT guest_org AS guestOrgId, status, outcome, poc_started_on AS pocStartedOn, contract_on AS contractOn
         FROM meetings WHERE event_id = ?`,
      )
      .all(eventId),
  };
}

/** Names of the organizations that took part (someone checked in), for counting companies across the series. */
export function participatingNames(store: Store, eventId: string): string[] {
  return store.db
    .prepare<[string], string>(
      `SELECT DISTINCT o.name FROM checkins c JOIN people p ON p.id = c.person_id
       JOIN organizations o ON o.id = p.organization_id WHERE c.event_id = ?`,
    )
    .pluck()
    .all(eventId);
}

export function checkinTimes(store: Store, eventId: string): number[] {
  return store.db
    .prepare<[string], number>(
      `SELECT c.at FROM checkins c JOIN people p ON p.id = c.person_id
       WHERE c.event_id = ? AND p.organization_id IS NOT NULL ORDER BY c.at`,
    )
    .pluck()
    .all(eventId);
}
