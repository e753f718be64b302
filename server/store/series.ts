/**
 * The series: one instance hosts many events, each isolated (its own people, program, meetings).
 * An organizer has one account across the events they run — a person row per event, so a sign-in
 * and every permission stay inside one event, joined by the `account` column. What a new event
 * copies from an earlier one is the domain's rule (server/domain/event-copy.ts); this writes it.
 */
import type { EventUpdate, KpiTargets } from '../../shared/console.js';
import { type CopySource, planNewEvent } from '../domain/event-copy.js';
import type { KpiFacts } from '../domain/kpi.js';
import { IDLE } from '../domain/program.js';
import type { EventRecord, PersonRecord, Store } from './store.js';

export function accountOf(store: Store, personId: string): string | null {
  return store.records.people.accountOf(personId);
}

/** The events an account organizes, oldest first (by date, then creation). */
export function seriesEvents(store: Store, account: string): EventRecord[] {
  return store.records.events.ofAccount(account);
}

/** The account's person row in an event, if the account organizes it. */
export function organizerIn(store: Store, account: string, eventId: string): PersonRecord | undefined {
  return store.records.people.organizerIn(account, eventId);
}

export function organizersOf(store: Store, eventId: string): PersonRecord[] {
  return store.records.people.list(eventId).filter((p) => p.role === 'organizer');
}

export function eventTargets(store: Store, eventId: string): KpiTargets {
  return store.records.events.targets(eventId);
}

/** Name, venue, date, topics and targets, as one logged change. */
export function updateEvent(store: Store, eventId: string, actor: string, now: number, update: EventUpdate): number {
  return store.mutate(eventId, actor, now, () => {
    store.records.events.update(eventId, update);
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
  /**
   * The programme the event joins: the creator's current event's (the console passes it). Without
   * it, the copied event's, else that of the creator's earliest event; a first event starts its own.
   */
  programmeId?: string;
  creator: { account: string; name: string };
  now: number;
  newId: () => string;
  newNonce: () => string;
}

/** The settings of an earlier event that a new one may take (server/domain/event-copy.ts decides which). */
function copySource(store: Store, from: EventRecord): CopySource {
  const { records } = store;
  return {
    id: from.id,
    venue: from.venue,
    timeZone: from.timeZone,
    topics: from.topics,
    grid: records.meetings.grid(from.id),
    targets: records.events.targets(from.id),
    sessions: records.program.sessions(from.id),
    organizers: organizersOf(store, from.id).map((o) => ({ account: accountOf(store, o.id)!, name: o.name })),
  };
}

/** A new event of the series, with what planNewEvent takes from the earlier one, as one logged change. */
export function createEvent(store: Store, e: NewEvent): void {
  const { records } = store;
  store.db.transaction(() => {
    const earliest = seriesEvents(store, e.creator.account)[0];
    const programme = e.programmeId ?? programmeOf(store, e.from?.id ?? earliest?.id ?? e.id);
    const from = e.from && copySource(store, e.from);
    const plan = planNewEvent({ venue: e.venue, creator: e.creator, from }, e);
    records.events.insert({
      id: e.id,
      name: e.name,
      venue: plan.venue,
      date: e.date,
      timeZone: plan.timeZone,
      topics: plan.topics,
      boardNonce: e.boardNonce,
      live: IDLE,
      createdAt: e.now,
    });
    joinProgramme(store, e.id, programme);
    store.mutate(e.id, e.creator.account, e.now, () => {
      if (plan.copied) records.events.setCopiedFrom(e.id, plan.copied);
      for (const s of plan.sessions) records.program.saveSession(e.id, s);
      for (const o of plan.organizers) {
        records.people.insert({
          id: o.id,
          eventId: e.id,
          organizationId: null,
          name: o.name,
          badgeNonce: o.badgeNonce,
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

// ---- the programme an event belongs to (server/store/programme.ts reads and writes the rest) ----

/** The event's programme id (every event has one: migration 13 and its trigger see to it). */
export function programmeOf(store: Store, eventId: string): string {
  const id = store.sql.pluck<[string], string | null>('SELECT programme_id FROM events WHERE id = ?').get(eventId);
  // Only an event that is not there has none: its own id then names no programme.
  return id ?? eventId;
}

/**
 * Moves an event into a programme (a new event joins its creator's). The programme the event was
 * given on insert is dropped when it holds nothing else: no other event, plan, entry or review.
 */
export function joinProgramme(store: Store, eventId: string, programmeId: string): void {
  const before = programmeOf(store, eventId);
  if (before === programmeId) return;
  store.sql
    .prepare('INSERT OR IGNORE INTO programmes (id, created_at) SELECT ?, created_at FROM events WHERE id = ?')
    .run(programmeId, eventId);
  store.sql.prepare('UPDATE events SET programme_id = ? WHERE id = ?').run(programmeId, eventId);
  store.sql
    .prepare(
      `DELETE FROM programmes WHERE id = @id AND plan IS NULL AND publish IS NULL AND slug IS NULL
       AND NOT EXISTS (SELECT 1 FROM events WHERE programme_id = @id)
       AND NOT EXISTS (SELECT 1 FROM kpi_entries WHERE programme_id = @id)
       AND NOT EXISTS (SELECT 1 FROM kpi_reviews WHERE programme_id = @id)`,
    )
    .run({ id: before });
}

/** A new organizer of this event, with an account of their own. */
export function addOrganizer(
  store: Store,
  eventId: string,
  actor: string,
  o: { id: string; name: string; email: string | null; badgeNonce: string; now: number },
): number {
  return store.mutate(eventId, actor, o.now, () => {
    store.records.people.insert({
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
  const { sql } = store;
  return {
    orgs: sql
      .prepare<[string], KpiFacts['orgs'][number]>('SELECT id, kind FROM organizations WHERE event_id = ?')
      .all(eventId),
    checkins: sql
      .prepare<[string], KpiFacts['checkins'][number]>(
        `SELECT p.organization_id AS orgId, c.at FROM checkins c JOIN people p ON p.id = c.person_id
         WHERE c.event_id = ? AND p.organization_id IS NOT NULL`,
      )
      .all(eventId),
    interests: sql
      .prepare<[string], KpiFacts['interests'][number]>('SELECT level FROM interests WHERE event_id = ?')
      .all(eventId),
    requests: sql
      .prepare<[string], KpiFacts['requests'][number]>('SELECT status FROM meeting_requests WHERE event_id = ?')
      .all(eventId),
    // As every reader sees them: a proposal of 「自動で組む」 carries `proposal` until both sides confirm.
    meetings: store.meetings(eventId),
    want: store.wantFacts(eventId),
  };
}

/** Names of the organizations that took part (someone checked in), for counting companies across the series. */
export function participatingNames(store: Store, eventId: string): string[] {
  return store.sql
    .pluck<[string], string>(
      `SELECT DISTINCT o.name FROM checkins c JOIN people p ON p.id = c.person_id
       JOIN organizations o ON o.id = p.organization_id WHERE c.event_id = ?`,
    )
    .all(eventId);
}

export function checkinTimes(store: Store, eventId: string): number[] {
  return store.sql
    .pluck<[string], number>(
      `SELECT c.at FROM checkins c JOIN people p ON p.id = c.person_id
       WHERE c.event_id = ? AND p.organization_id IS NOT NULL ORDER BY c.at`,
    )
    .all(eventId);
}
