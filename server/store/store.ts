/**
 * The embedded store over SQLite, the composition root of server/store: one connection, one
 * statement cache (statements.ts) and a module per kind of record over them. Reads return the
 * shapes of shared/model.ts; every write goes through `mutate`, which runs it in one transaction
 * together with its change-log rows, so a change is either wholly committed (and then acknowledged)
 * or not there at all.
 *
 * New code reaches the modules (`store.records.meetings.requests(…)`); the methods below the modules are
 * the older flat surface, kept as one-line delegations so no caller has to change at once.
 */
import type {
  CheckinInfo,
  EventStats,
  GridSettings,
  InterestCount,
  Lead,
  LiveState,
  MeetingInfo,
  MeetingRequestInfo,
  MyInterest,
  OrgInfo,
  PersonSummary,
  PitchInfo,
  ProgramSessionInfo,
  ProgramView,
  RequestStatus,
  VentureInfo,
} from '../../shared/model.js';
import type { RegisteredPerson } from '../domain/registration-match.js';
import { Answers } from './answers.js';
import { type Change, ChangeLog } from './change-log.js';
import { type BadgeChecks, Checkins } from './checkins.js';
import type { Db } from './db.js';
import { DoorDoubles } from './door-doubles.js';
import { DoorLinks } from './door-links.js';
import { type EventRecord, Events, type NewEvent } from './events.js';
import { Interests } from './interests.js';
import {
  type Booking,
  type MeetingFilter,
  Meetings,
  type MeetingUpdate,
  type NewMeeting,
  type NewRequest,
  type OutcomeUpdate,
  type RequestFilter,
  type WantFacts,
} from './meetings.js';
import { type NewOrganization, Organizations } from './organizations.js';
import { type NewPerson, People, type PersonRecord, type PersonUpdate } from './people.js';
import { Program } from './program.js';
import { type Statements, statementsOf } from './statements.js';

export type { Change } from './change-log.js';
export type { EventRecord } from './events.js';
export type { PersonRecord } from './people.js';

/** The modules, one per kind of record, all over the same connection and statement cache. */
export interface Records {
  changeLog: ChangeLog;
  answers: Answers;
  events: Events;
  organizations: Organizations;
  people: People;
  program: Program;
  interests: Interests;
  checkins: Checkins;
  doorDoubles: DoorDoubles;
  meetings: Meetings;
  doorLinks: DoorLinks;
}

function records(sql: Statements): Records {
  const events = new Events(sql);
  const organizations = new Organizations(sql);
  return {
    changeLog: new ChangeLog(sql),
    answers: new Answers(sql),
    events,
    organizations,
    people: new People(sql),
    program: new Program(sql, events),
    interests: new Interests(sql, organizations),
    checkins: new Checkins(sql),
    doorDoubles: new DoorDoubles(sql),
    meetings: new Meetings(sql),
    doorLinks: new DoorLinks(sql),
  };
}

export class Store {
  /** The connection's one statement cache, shared by every module and neighbour of the store. */
  readonly sql: Statements;
  readonly records: Records;

  /**
   * How to make a badge's check from its nonce (it takes the instance secret, which the store does
   * not hold): set once by the app, so the people organizers and door staff receive carry them.
   */
  private badgeChecks: BadgeChecks | undefined;

  constructor(readonly db: Db) {
    this.sql = statementsOf(db);
    this.records = records(this.sql);
  }

  /**
   * Runs `work` and appends its changes to the event's log in one transaction. Returns the
   * sequence number of the last change; the caller acknowledges only after this returns.
   */
  mutate<T>(
    eventId: string,
    actor: string,
    now: number,
    work: () => { result: T; changes: Change[] },
  ): { result: T; seq: number } {
    return this.records.changeLog.record(eventId, actor, now, work);
  }

  /** Makes the people slice (`peopleSummaries`) carry badge checks from now on. */
  checkBadgesWith(checks: BadgeChecks): void {
    this.badgeChecks = checks;
  }

  /** What the board counts: people checked in, their organizations, meetings booked. */
  stats(eventId: string): EventStats {
    return { ...this.records.checkins.counts(eventId), meetingsBooked: this.records.meetings.bookedCount(eventId) };
  }

  // ---- delegations kept for existing callers (see the header) ----

  eventSeq(eventId: string): number {
    return this.records.changeLog.seq(eventId);
  }

  idempotentAnswer<T>(actor: string, command: string, key: string): T | undefined {
    return this.records.answers.find<T>(actor, command, key);
  }

  rememberAnswer(actor: string, command: string, key: string, answer: unknown, now: number): void {
    this.records.answers.remember(actor, command, key, answer, now);
  }

  insertEvent(e: NewEvent): void {
    this.records.events.insert(e);
  }

  getEvent(eventId: string): EventRecord | undefined {
    return this.records.events.get(eventId);
  }

  eventByBoardNonce(nonce: string): EventRecord | undefined {
    return this.records.events.byBoardNonce(nonce);
  }

  listEvents(): EventRecord[] {
    return this.records.events.list();
  }

  setLive(eventId: string, live: LiveState): void {
    this.records.events.setLive(eventId, live);
  }

  insertOrganization(o: NewOrganization): void {
    this.records.organizations.insert(o);
  }

  getOrganization(orgId: string): (OrgInfo & { eventId: string }) | undefined {
    return this.records.organizations.get(orgId);
  }

  updateOrganizationProfile(
    orgId: string,
    p: { nameKana: string; summary: string; tags: string[] },
  ): VentureInfo | undefined {
    return this.records.organizations.updateProfile(orgId, p);
  }

  listVentures(eventId: string): VentureInfo[] {
    return this.records.organizations.ventures(eventId);
  }

  organizationByName(eventId: string, name: string): (OrgInfo & { eventId: string }) | undefined {
    return this.records.organizations.byName(eventId, name);
  }

  organizations(eventId: string): OrgInfo[] {
    return this.records.organizations.list(eventId);
  }

  insertPerson(p: NewPerson): void {
    this.records.people.insert(p);
  }

  getPerson(personId: string): PersonRecord | undefined {
    return this.records.people.get(personId);
  }

  personByBadgeNonce(nonce: string): PersonRecord | undefined {
    return this.records.people.byBadgeNonce(nonce);
  }

  listPeople(eventId: string): PersonRecord[] {
    return this.records.people.list(eventId);
  }

  registeredPeople(eventId: string): RegisteredPerson[] {
    return this.records.people.registered(eventId);
  }

  personByRegistrationKey(eventId: string, key: string): PersonRecord | undefined {
    return this.records.people.byRegistrationKey(eventId, key);
  }

  updatePerson(personId: string, p: PersonUpdate): void {
    this.records.people.update(personId, p);
  }

  personTags(personId: string): string[] {
    return this.records.people.tags(personId);
  }

  setRegistrationKey(personId: string, key: string | null, tags: string[]): void {
    this.records.people.setRegistrationKey(personId, key, tags);
  }

  setBadgeNonce(personId: string, nonce: string, now: number): void {
    this.records.people.setBadgeNonce(personId, nonce, now);
  }

  namesOfPerson(personId: string): { requestIds: string[]; leadVentureIds: string[] } {
    return this.records.people.namesOf(personId);
  }

  insertLogin(idHash: string, person: PersonRecord, now: number): void {
    this.records.people.insertLogin(idHash, person, now);
  }

  deleteLogin(idHash: string): void {
    this.records.people.deleteLogin(idHash);
  }

  personByLogin(idHash: string, openedAfter: number): PersonRecord | undefined {
    return this.records.people.byLogin(idHash, openedAfter);
  }

  saveProgramSession(eventId: string, s: ProgramSessionInfo): void {
    this.records.program.saveSession(eventId, s);
  }

  deleteProgramSession(id: string): void {
    this.records.program.deleteSession(id);
  }

  savePitch(eventId: string, p: PitchInfo): void {
    this.records.program.savePitch(eventId, p);
  }

  deletePitch(id: string): void {
    this.records.program.deletePitch(id);
  }

  program(eventId: string): ProgramView {
    return this.records.program.view(eventId);
  }

  upsertInterest(eventId: string, personId: string, interest: MyInterest): void {
    this.records.interests.upsert(eventId, personId, interest);
  }

  deleteInterest(personId: string, ventureId: string): boolean {
    return this.records.interests.delete(personId, ventureId);
  }

  getInterest(personId: string, ventureId: string): MyInterest | undefined {
    return this.records.interests.get(personId, ventureId);
  }

  myInterests(personId: string, ventureId?: string): MyInterest[] {
    return this.records.interests.mine(personId, ventureId);
  }

  leadsFor(ventureId: string): Lead[] {
    return this.records.organizations.withChallenges(this.records.interests.leadsFor(ventureId));
  }

  interestCounts(eventId: string, ventureIds?: readonly string[]): Record<string, InterestCount> {
    return this.records.interests.counts(eventId, ventureIds);
  }

  peopleSummaries(eventId: string, personIds?: readonly string[]): PersonSummary[] {
    return this.records.checkins.peopleSummaries(eventId, personIds, this.badgeChecks);
  }

  getCheckin(personId: string): CheckinInfo | undefined {
    return this.records.checkins.get(personId);
  }

  insertCheckin(eventId: string, personId: string, checkin: CheckinInfo): void {
    this.records.checkins.insert(eventId, personId, checkin);
  }

  deleteCheckin(personId: string): void {
    this.records.checkins.delete(personId);
  }

  getGrid(eventId: string): GridSettings | null {
    return this.records.meetings.grid(eventId);
  }

  setGrid(eventId: string, grid: GridSettings): void {
    this.records.meetings.setGrid(eventId, grid);
  }

  insertRequest(r: NewRequest): void {
    this.records.meetings.insertRequest(r);
  }

  setRequestStatus(id: string, status: RequestStatus, reason: string, now: number): void {
    this.records.meetings.setRequestStatus(id, status, reason, now);
  }

  requests(eventId: string, filter?: RequestFilter): MeetingRequestInfo[] {
    return this.records.meetings.requests(eventId, filter);
  }

  insertMeeting(m: NewMeeting): void {
    this.records.meetings.insertMeeting(m);
  }

  updateMeeting(id: string, m: MeetingUpdate): void {
    this.records.meetings.updateMeeting(id, m);
  }

  linkMeetingRequest(meetingId: string, requestId: string, now: number): void {
    this.records.meetings.linkRequest(meetingId, requestId, now);
  }

  setMeetingOutcome(id: string, o: OutcomeUpdate): void {
    this.records.meetings.setOutcome(id, o);
  }

  confirmProposal(id: string, side: 'guest' | 'venture', now: number): void {
    this.records.meetings.confirmProposal(id, side, now);
  }

  declineProposal(id: string, side: 'guest' | 'venture', now: number): void {
    this.records.meetings.declineProposal(id, side, now);
  }

  wantFacts(eventId: string): WantFacts {
    return this.records.meetings.wantFacts(eventId);
  }

  meetings(eventId: string, filter?: MeetingFilter): MeetingInfo[] {
    return this.records.meetings.meetings(eventId, filter);
  }

  bookings(eventId: string): Booking[] {
    return this.records.meetings.bookings(eventId);
  }
}
