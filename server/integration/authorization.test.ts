/**
 * The authorization table (server/auth/policy.ts), performed: every action by each of eight
 * principals (a reception station signed in by its link among them), over a real socket.io connection or real HTTP against the real app and SQLite. An
 * allowed cell must do what a person would notice, to what its scope covers; a refused cell must be
 * answered FORBIDDEN, UNAUTHENTICATED or NOT_FOUND and leave the event as it was (its change-log
 * sequence and every row of it, and no event, person or session added anywhere in the store). The
 * last test checks that every cell of the table was performed.
 *
 * Each action gets a fresh server; each cell its own organizations and people, so cells do not
 * depend on one another's leftovers.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CalendarFeedView } from '../../shared/calendar.js';
import type { DashboardView, EventSettingsView, SeriesView } from '../../shared/console.js';
import { PROTOCOL_VERSION, SESSION_COOKIE } from '../../shared/constants.js';
import { ErrorCode, type Ack } from '../../shared/errors.js';
import type {
  DoorDouble,
  GridSettings,
  ImportReport,
  MeetingInfo,
  MeetingRequestInfo,
  OrgKind,
  PersonSummary,
  SchedulePreview,
  Snapshot,
} from '../../shared/model.js';
import type { DoorLinkInfo, RegisterAnswer } from '../../shared/protocol.js';
import type { OwnData, PrivacySettingsView } from '../../shared/privacy.js';
import { ANOTHER_EVENT, POLICY, ROLES, type Action, type Scope } from '../auth/policy.js';
import { doorActorId } from '../auth/door.js';
import { feedToken, newFeedNonce } from '../auth/feed-token.js';
import { makeToken, newNonce, newSessionId } from '../auth/tokens.js';
import { scheduleDigest } from '../commands/schedule.js';
import { kpiFigures } from '../domain/kpi.js';
import { slotsOf, zonedTime, type Slot } from '../domain/slots.js';
import { csvCell, toUtf8 } from '../testing/registration-files.js';
import { registrationKey } from '../import/registrations.js';
import { eventLinks } from '../links.js';
import { seedDemoEvent } from '../seed/demo.js';
import { exportEvent, type EventArchive } from '../store/archive.js';
import { acknowledgedVersion, privacyNotice, purgedAt } from '../store/privacy.js';
import { liveFeed, renewFeed } from '../store/calendar-feeds.js';
import { openDb } from '../store/db.js';
import {
  accountOf,
  checkinTimes,
  createEvent,
  eventTargets,
  kpiFacts,
  organizerIn,
  seriesEvents,
} from '../store/series.js';
import { Store } from '../store/store.js';
import {
  callRaw,
  openSocket,
  snapshotOf,
  startHarness,
  tempDbFile,
  type ClientSocket,
  type Harness,
} from '../testing/harness.js';
import { refusalProblem } from '../testing/refusal-check.js';
import type { MailView, MyBadgeView } from '../../shared/mail.js';
import { MailRecords } from '../store/mail.js';
import { startTestSmtp, type TestSmtp } from '../testing/smtp.js';
import { fiscalYearOf, type DrillView, type ProgrammeView } from '../../shared/programme.js';
import { insertOutcome, programmeOf, programmeOutcomes, publishConsent, savePublish } from '../store/programme.js';
import { badgeVersion, markBadgesPrinted, printedBadges, type PrintedBadge } from '../store/badge-prints.js';

/** The table's seven roles, and the eighth column: an organizer of another event on the same server. */
const COLUMNS = [...ROLES, 'other-event-organizer'] as const;
type Column = (typeof COLUMNS)[number];
const ACTIONS = Object.keys(POLICY) as Action[];

const scopeOf = (action: Action, column: Column): Scope =>
  column === 'other-event-organizer' ? ANOTHER_EVENT : POLICY[action].who[column];

const GRID: GridSettings = {
  windows: [{ start: '10:00', end: '17:00' }],
  slotMinutes: 15,
  bufferMinutes: 0,
  tables: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
  capPerOrg: null,
  breaks: [],
};

interface World {
  h: Harness;
  clock: number;
  slots: Slot[];
  /** Places handed out for meetings written directly, from the last slot backwards. */
  placed: number;
  /** A counter that keeps names unique. */
  n: number;
  /** This event's organizer (the demo's), whose account the series cells act for. */
  organizer: { id: string; account: string };
  other: { eventId: string; organizerUrl: string; organizerId: string; account: string };
  /** A second store, seeded apart from this server: the events the import cells restore come from it. */
  archives: { store: Store; dir: string } | null;
}

interface Member {
  orgId: string;
  personId: string;
  kind: OrgKind;
  name: string;
  company: string;
  email: string;
  title: string;
  nonce: string;
  url: string;
}

/** Who performs a cell, signed in the way they would be. */
interface Acting {
  column: Column;
  /** For firm, venture and partner: a person of a fresh organization of that kind. */
  me: Member | null;
  personId: string | null;
  socket: ClientSocket | null;
  cookie: string | null;
}

interface Answer {
  ok: boolean;
  code: string | null;
  data: unknown;
  /** HTTP status; null over the socket. */
  status: number | null;
  text: string;
  /** The session an HTTP answer set ("pm_session=…"). */
  setCookie?: string | null;
  /** For an action performed as several requests: each answer. */
  parts?: Answer[];
}

interface Case<C> {
  via: 'socket' | 'http';
  /** The time of the event's day the action happens at; 09:00 unless said. */
  clock?: string;
  /** What the action needs, made around the actor's organization when they have one. */
  arrange(w: World, a: Acting): C;
  perform(w: World, a: Acting, c: C): Promise<Answer>;
  /** What an allowed cell did, as the people concerned would notice it. */
  effect(w: World, a: Acting, c: C, answer: Answer): void | Promise<void>;
  /**
   * The action writes outside this event (a new event, a session): an allowed cell leaves this event
   * as it was, and `effect` finds what it wrote.
   */
  writesOutside?: true;
  /** The same thing between two organizations the actor is not: the 'party' cells must refuse it. */
  foreign?(w: World): C;
  /**
   * For a payload that names nothing of this event: what an organizer of another event gets (it
   * acts in its own event). Without it, the other event's organizer must be refused.
   */
  elsewhere?(w: World, answer: Answer, c: C): void | Promise<void>;
  /** A refusal code besides FORBIDDEN, UNAUTHENTICATED and NOT_FOUND that this action uses. */
  refusedAlso?: ErrorCode;
  /** The one code an organizer of another event is refused with (the payload names an event not theirs). */
  otherEventGets?: ErrorCode;
}

const defineCase = <C>(c: Case<C>) => c as unknown as Case<unknown>;

// ---- the world of one action ----

async function makeWorld(clockAt: string): Promise<World> {
  const w = { clock: 0, placed: 0, n: 0, archives: null } as World;
  const h = await startHarness({ now: () => w.clock });
  const event = h.store.getEvent(h.eventId)!;
  w.h = h;
  w.clock = zonedTime(event.date, clockAt, event.timeZone);
  h.store.setGrid(h.eventId, GRID);
  w.slots = slotsOf(GRID, event.date, event.timeZone);
  const organizerId = h.store.listPeople(h.eventId).find((p) => p.role === 'organizer')!.id;
  w.organizer = { id: organizerId, account: accountOf(h.store, organizerId)! };
  const otherEventId = seedDemoEvent(h.store, { now: w.clock, newId: randomUUID, size: 'small', name: '別のイベント' });
  const organizer = eventLinks(h.store, h.secret, otherEventId, h.baseUrl).people.find((p) => p.role === 'organizer')!;
  const otherOrganizerId = h.store.listPeople(otherEventId).find((p) => p.role === 'organizer')!.id;
  w.other = {
    eventId: otherEventId,
    organizerUrl: organizer.url,
    organizerId: otherOrganizerId,
    account: accountOf(h.store, otherOrganizerId)!,
  };
  return w;
}

async function stopWorld(w: World): Promise<void> {
  await w.h.stop();
  if (w.archives) {
    w.archives.store.db.close();
    fs.rmSync(w.archives.dir, { recursive: true, force: true });
  }
}

const thisEvent = (w: World) => w.h.eventId;
const key = () => randomUUID().replaceAll('-', '');

function member(w: World, kind: OrgKind): Member {
  const n = ++w.n;
  const m = {
    orgId: randomUUID(),
    personId: randomUUID(),
    kind,
    name: `参加者${kind}${n} 太郎`,
    company: `${kind}会社${n}`,
    email: `${kind}.${n}@example.jp`,
    title: `役職${kind}${n}`,
    nonce: newNonce(),
  };
  const { store } = w.h;
  store.insertOrganization({ id: m.orgId, eventId: thisEvent(w), kind, name: m.company });
  store.insertPerson({
    id: m.personId,
    eventId: thisEvent(w),
    organizationId: m.orgId,
    name: m.name,
    nameKana: `さんかしゃ${kind}${n}`,
    email: m.email,
    title: m.title,
    badgeNonce: m.nonce,
    createdAt: w.clock,
    registrationKey: registrationKey({ email: m.email, name: m.name, company: m.company }),
  });
  return { ...m, url: `${w.h.baseUrl}/t/${makeToken(w.h.secret, 'person', m.nonce)}` };
}

/** The actor's organization and a counterpart it may meet; fresh ones for actors without one. */
function pairFor(w: World, a: Acting | null): { mine: Member; theirs: Member; guest: string; venture: string } {
  const mine = a?.me ?? member(w, 'firm');
  const theirs = member(w, mine.kind === 'venture' ? 'firm' : 'venture');
  const [guest, venture] = mine.kind === 'venture' ? [theirs, mine] : [mine, theirs];
  return { mine, theirs, guest: guest.orgId, venture: venture.orgId };
}

function insertRequest(w: World, from: Member, to: Member, message = ''): string {
  const id = randomUUID();
  w.h.store.insertRequest({
    id,
    eventId: thisEvent(w),
    fromOrg: from.orgId,
    toOrg: to.orgId,
    fromPerson: from.personId,
    message,
    now: w.clock,
  });
  return id;
}

/** A free place of the grid: from the last slot backwards, so bookings by the allocator (earliest first) never meet them. */
function nextPlace(w: World): { slot: Slot; table: string } {
  const i = w.placed++;
  return {
    slot: w.slots[w.slots.length - 1 - Math.floor(i / GRID.tables.length)]!,
    table: GRID.tables[i % GRID.tables.length]!,
  };
}

function insertMeeting(w: World, guest: string, venture: string, proposal = false): string {
  const id = randomUUID();
  const { slot, table } = nextPlace(w);
  w.h.store.insertMeeting({
    id,
    eventId: thisEvent(w),
    requestId: null,
    guestOrg: guest,
    ventureOrg: venture,
    slotStart: slot.start,
    slotEnd: slot.end,
    table,
    now: w.clock,
    proposal,
  });
  return id;
}

/** A firm that tapped want-to-meet on a venture, for 「自動で組む」 to schedule. */
function wantedPair(w: World): { guest: string; venture: string } {
  const firm = member(w, 'firm');
  const venture = member(w, 'venture');
  w.h.store.upsertInterest(thisEvent(w), firm.personId, {
    ventureId: venture.orgId,
    level: 'want-to-meet',
    tags: [],
    note: '',
    shareNote: false,
    updatedAt: w.clock,
  });
  return { guest: firm.orgId, venture: venture.orgId };
}

const meetingOf = (w: World, id: string) => w.h.store.meetings(thisEvent(w), { ids: [id] })[0]!;
const requestOf = (w: World, id: string) => w.h.store.requests(thisEvent(w), { ids: [id] })[0]!;
const summaryOf = (w: World, personId: string) => w.h.store.peopleSummaries(thisEvent(w), [personId])[0];

function newSession(w: World): string {
  const id = randomUUID();
  w.h.store.saveProgramSession(thisEvent(w), { id, title: `セッション${++w.n}`, position: 100 + w.n });
  return id;
}

function newPitch(w: World, sessionId: string, position = 0): string {
  const id = randomUUID();
  w.h.store.savePitch(thisEvent(w), {
    id,
    sessionId,
    ventureId: member(w, 'venture').orgId,
    title: `ピッチ${++w.n}`,
    durationSec: 300,
    position,
  });
  return id;
}

// ---- what "nothing changed" means: the event's sequence and every row of it ----

function eventState(w: World): { seq: number; rows: string } {
  const db = w.h.store.db;
  const eventId = thisEvent(w);
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  const rows: Record<string, string[]> = {};
  for (const table of tables) {
    const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
    const where = table === 'events' ? 'id' : columns.includes('event_id') ? 'event_id' : null;
    if (!where) continue;
    rows[table] = db
      .prepare(`SELECT * FROM "${table}" WHERE ${where} = ?`)
      .all(eventId)
      .map((row) => JSON.stringify(row))
      .sort();
  }
  return { seq: w.h.store.eventSeq(eventId), rows: JSON.stringify(rows) };
}

/** Rows that actions about an account add outside any one event: events, people (their organizers), sessions. */
function storeCounts(w: World): Record<'events' | 'people' | 'logins' | 'door_logins', number> {
  const count = (table: string) => w.h.store.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  return {
    events: count('events'),
    people: count('people'),
    logins: count('logins'),
    door_logins: count('door_logins'),
  };
}

/** A reception link of this event for `station`, as the settings page hands it out, and its URL. */
function doorLink(w: World, station: string): { id: string; url: string } {
  const id = randomUUID();
  const nonce = newNonce();
  w.h.store.records.doorLinks.insert({ id, eventId: thisEvent(w), station, nonce, createdAt: w.clock });
  return { id, url: `${w.h.baseUrl}/door/${makeToken(w.h.secret, 'door', nonce)}` };
}

/** A person registered at the door by the station `a` (the change log names the station as the actor). */
function walkInOf(w: World, a: Acting): Member {
  const m = member(w, 'firm');
  w.h.store.mutate(thisEvent(w), a.personId!, w.clock, () => ({
    result: null,
    changes: [{ kind: 'person:registered', data: { personId: m.personId } }],
  }));
  return m;
}

/** Every id of this event's things, which nothing said to another event's organizer may contain. */
function idsOfThisEvent(w: World): string[] {
  const db = w.h.store.db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  const ids = [thisEvent(w)];
  for (const table of tables) {
    const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
    if (columns.includes('id') && columns.includes('event_id')) {
      ids.push(...(db.prepare(`SELECT id FROM "${table}" WHERE event_id = ?`).pluck().all(thisEvent(w)) as string[]));
    }
  }
  return ids;
}

// ---- performing ----

async function actAs(w: World, column: Column, via: Case<unknown>['via']): Promise<Acting> {
  const { h } = w;
  const signedIn = async (url: string, me: Member | null, personId: string): Promise<Acting> =>
    via === 'socket'
      ? { column, me, personId, socket: await h.connectAs(url), cookie: null }
      : { column, me, personId, socket: null, cookie: await h.signIn(url) };
  switch (column) {
    case 'firm':
    case 'venture':
    case 'partner': {
      const me = member(w, column);
      return signedIn(me.url, me, me.personId);
    }
    case 'organizer':
      return signedIn(h.person('organizer').url, null, w.organizer.id);
    case 'door': {
      // A reception station, signed in by the link the organizer handed out for it.
      const link = doorLink(w, '受付A');
      return signedIn(link.url, null, doorActorId(link.id));
    }
    case 'other-event-organizer':
      return signedIn(w.other.organizerUrl, null, w.other.organizerId);
    case 'board': {
      if (via === 'socket') return { column, me: null, personId: null, socket: await h.connectBoard(), cookie: null };
      // Over HTTP the board link is nobody: opening it signs nothing in.
      const opened = await fetch(h.links.board, { redirect: 'manual' });
      expect(opened.headers.get('set-cookie')).toBeNull();
      return { column, me: null, personId: null, socket: null, cookie: null };
    }
    case 'anonymous':
      return { column, me: null, personId: null, socket: null, cookie: null };
  }
}

/** Every refusal, socket or HTTP, is checked to carry a reason the client can say (testing/refusal-check.ts). */
function fromAck(ack: Ack<unknown>, status: number | null = null, text = JSON.stringify(ack)): Answer {
  if (!ack.ok) expect(refusalProblem(ack.error), text).toBeNull();
  return { ok: ack.ok, code: ack.ok ? null : ack.error.code, data: ack.ok ? ack.data : null, status, text };
}

async function command(a: Acting, name: Action, payload: unknown): Promise<Answer> {
  if (!a.socket) throw new Error(`${a.column} has no socket`);
  return fromAck(await callRaw(a.socket, name, payload));
}

async function http(w: World, a: Acting, path: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = a.cookie ? { cookie: a.cookie } : {};
  const res = await fetch(
    `${w.h.baseUrl}${path}`,
    body === undefined
      ? { headers }
      : {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', origin: w.h.baseUrl },
          body: JSON.stringify(body),
        },
  );
  const text = await res.text();
  const setCookie = res.headers.get('set-cookie')?.split(';')[0] ?? null;
  if (res.headers.get('content-type')?.includes('application/json')) {
    const body = JSON.parse(text) as unknown;
    // An ack, or a download that is JSON (the event export).
    if (typeof (body as { ok?: unknown }).ok === 'boolean')
      return { ...fromAck(body as Ack<unknown>, res.status, text), setCookie };
    return { ok: res.ok, code: null, data: body, status: res.status, text, setCookie };
  }
  return { ok: res.ok, code: null, data: null, status: res.status, text, setCookie };
}

/** An action performed as several requests (each export, each form of the report): all answered alike. */
async function together(requests: Promise<Answer>[]): Promise<Answer> {
  const parts = await Promise.all(requests);
  const first = parts[0]!;
  for (const p of parts) expect([p.ok, p.status, p.code], p.text).toEqual([first.ok, first.status, first.code]);
  return { ...first, text: parts.map((p) => p.text).join('\n'), parts };
}

const HTTP_STATUS: Record<string, number> = {
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
};

function expectRefused(answer: Answer, also?: ErrorCode): void {
  expect(answer.ok, answer.text).toBe(false);
  expect([ErrorCode.Forbidden, ErrorCode.Unauthenticated, ErrorCode.NotFound, also]).toContain(answer.code);
  if (answer.status !== null) expect(answer.status).toBe(HTTP_STATUS[answer.code!]);
}

function expectNothingOfThisEvent(w: World, answer: Answer): void {
  for (const id of idsOfThisEvent(w)) expect(answer.text).not.toContain(id);
  expect(answer.text).not.toContain(w.h.store.getEvent(thisEvent(w))!.name);
}

// ---- the cases: a valid request per action, and what it does ----

const snapshot = (answer: Answer) => answer.data as Snapshot;

/** A registration file: the person `existing` (to update) and someone new (to create). */
function registrationCsv(existing: Member, n: number): { csv: Uint8Array; newEmail: string; newTitle: string } {
  const newEmail = `new.${n}@example.jp`;
  const newTitle = `新しい役職${n}`;
  const lines = [
    ['氏名', 'ふりがな', '会社名', '区分', 'メールアドレス', '役職', '関心テーマ'],
    [existing.name, '', existing.company, '地元企業', existing.email, newTitle, ''],
    [`新規 ${n}`, 'しんき', `新規会社${n}`, 'ベンチャー', newEmail, 'CEO', ''],
  ];
  return { csv: toUtf8(lines.map((l) => l.map(csvCell).join(',')).join('\r\n')), newEmail, newTitle };
}

const importCase = (commit: boolean) =>
  defineCase({
    via: 'http',
    arrange: (w) => {
      const existing = member(w, 'firm');
      return { existing, ...registrationCsv(existing, ++w.n) };
    },
    perform: (w, a, c) =>
      http(w, a, `/api/import/${commit ? 'commit' : 'preview'}`, { fileBase64: Buffer.from(c.csv).toString('base64') }),
    effect: (w, _a, c, answer) => {
      expect(answer.data).toMatchObject({ creates: 1, updates: 1, errors: [], committed: commit });
      expect(summaryOf(w, c.existing.personId)?.title).toBe(commit ? c.newTitle : c.existing.title);
    },
    // The other event's organizer imports into their own event, and does not see this one's people.
    elsewhere: (w, answer, c) => {
      expect(answer.data).toMatchObject({ creates: 2, updates: 0, committed: commit } satisfies Partial<ImportReport>);
      const inOther = w.h.store.db
        .prepare('SELECT COUNT(*) FROM people WHERE event_id = ? AND email = ?')
        .pluck()
        .get(w.other.eventId, c.newEmail);
      expect(inOther).toBe(commit ? 1 : 0);
    },
  });

// A party cell's request or meeting: around the actor's organization, or between two others.
interface Between {
  id: string;
}

/** The mail cells' SMTP server, started once for the file. */
const mailSmtp: Promise<TestSmtp> = startTestSmtp();
afterAll(async () => (await mailSmtp).close());

const mailRecords = (w: World) => new MailRecords(w.h.store.sql);

function mailSettings() {
  return {
    host: '127.0.0.1',
    port: 25,
    security: 'none' as const,
    username: '',
    fromAddress: 'office@city.example.jp',
    fromName: '事務局',
    confirmations: false,
    reminders: false,
  };
}

/** The event sends through the cells' SMTP server (started before any world: its port is known). */
function configureMail(w: World, eventId: string): void {
  mailRecords(w).saveSettings(eventId, { ...mailSettings(), port: smtpPort, password: '' }, w.clock);
}
let smtpPort = 0;
beforeAll(async () => {
  smtpPort = (await mailSmtp).port;
});

/** Nothing of the event waits in the mail queue: the next cell's before and after see the same rows. */
async function mailSettled(w: World): Promise<void> {
  await vi.waitFor(() => expect(mailRecords(w).counts(thisEvent(w)).queued).toBe(0), { timeout: 10_000, interval: 50 });
}

const CASES: Record<Action, Case<unknown>> = {
  sync: defineCase({
    via: 'socket',
    // Personal data the board must never show: a firm's note, a request's message, names, e-mails.
    arrange: (w) => {
      const firm = member(w, 'firm');
      const venture = member(w, 'venture');
      const note = `非公開メモ${++w.n}`;
      const message = `相談したいこと${w.n}`;
      w.h.store.upsertInterest(thisEvent(w), firm.personId, {
        ventureId: venture.orgId,
        level: 'want-to-meet',
        tags: [],
        note,
        shareNote: false,
        updatedAt: w.clock,
      });
      insertRequest(w, firm, venture, message);
      insertMeeting(w, firm.orgId, venture.orgId);
      w.h.store.insertCheckin(thisEvent(w), firm.personId, { at: w.clock, station: 'A', method: 'qr' });
      return { firm, venture, note, message };
    },
    perform: (_w, a) => command(a, 'sync', { protocol: PROTOCOL_VERSION }),
    effect: (w, a, c, answer) => {
      const snap = snapshot(answer);
      expect(snap.event.id).toBe(thisEvent(w));
      const scope = scopeOf('sync', a.column);
      if (scope === 'public') {
        expect(snap.viewer).toEqual({ kind: 'board' });
        expect(snap.counts[c.venture.orgId]).toEqual({ total: 1, wantToMeet: 1 });
        expect(snap.stats?.checkedIn).toBe(w.h.store.stats(thisEvent(w)).checkedIn);
        expect([snap.people, snap.requests, snap.meetings, snap.myInterests, snap.leads]).toEqual([[], [], [], [], []]);
        // No person's name, reading, title or e-mail; no firm's or partner's name; no note; no message.
        const people = w.h.store.peopleSummaries(thisEvent(w));
        const emails = w.h.store.db
          .prepare('SELECT email FROM people WHERE event_id = ? AND email IS NOT NULL')
          .pluck()
          .all(thisEvent(w)) as string[];
        const guests = w.h.store.db
          .prepare("SELECT name FROM organizations WHERE event_id = ? AND kind <> 'venture'")
          .pluck()
          .all(thisEvent(w)) as string[];
        const secrets = [
          ...people.flatMap((p) => [p.name, p.nameKana, p.title]).filter((s) => s.length > 1),
          ...emails,
          ...guests,
          c.note,
          c.message,
        ];
        expect(secrets.length).toBeGreaterThan(20);
        for (const secret of secrets) expect(answer.text, secret).not.toContain(secret);
      } else if (scope === 'own') {
        expect(snap.viewer).toMatchObject({ kind: 'person', personId: a.personId, org: { id: a.me!.orgId } });
        expect(snap.people).toEqual([]);
        const mine = (sides: string[]) => sides.includes(a.me!.orgId);
        expect(snap.requests.every((r) => mine([r.fromOrgId, r.toOrgId]))).toBe(true);
        expect(snap.meetings.every((m) => mine([m.guestOrgId, m.ventureOrgId]))).toBe(true);
        for (const secret of [c.note, c.message, c.firm.email]) expect(answer.text).not.toContain(secret);
      } else if (scope === 'reception') {
        // The door's people (with the check-in), its figures and the program; no interest, request or meeting.
        expect(snap.viewer).toMatchObject({
          kind: 'person',
          personId: a.personId,
          name: '受付A',
          role: 'door',
          org: null,
        });
        expect(snap.people.find((p) => p.id === c.firm.personId)?.checkin).toMatchObject({ station: 'A' });
        expect(snap.stats?.checkedIn).toBe(w.h.store.stats(thisEvent(w)).checkedIn);
        expect(snap.program.sessions.length).toBeGreaterThan(0);
        expect([snap.requests, snap.meetings, snap.myInterests, snap.leads]).toEqual([[], [], [], []]);
        expect(snap.counts).toEqual({});
        for (const secret of [c.note, c.message]) expect(answer.text).not.toContain(secret);
      } else {
        expect(scope).toBe('event');
        expect(snap.people.map((p) => p.id)).toContain(c.firm.personId);
        expect(snap.requests.map((r) => r.message)).toContain(c.message);
        expect(snap.meetings.some((m) => m.guestOrgId === c.firm.orgId)).toBe(true);
      }
    },
    elsewhere: (w, answer) => expect(snapshot(answer).event.id).toBe(w.other.eventId),
  }),

  'time:sync': defineCase({
    via: 'socket',
    arrange: () => null,
    perform: (_w, a) => command(a, 'time:sync', { clientSentAt: 1 }),
    effect: (w, _a, _c, answer) => expect(answer.data).toEqual({ serverNow: w.clock }),
    elsewhere: (w, answer) => expect(answer.data).toEqual({ serverNow: w.clock }),
  }),

  'program:control': defineCase({
    via: 'socket',
    arrange: (w) => newPitch(w, newSession(w)),
    perform: (_w, a, pitchId) => command(a, 'program:control', { action: 'start', pitchId }),
    effect: (w, _a, pitchId) =>
      expect(w.h.store.program(thisEvent(w)).live).toMatchObject({ pitchId, status: 'running' }),
  }),

  'program:session-save': defineCase({
    via: 'socket',
    arrange: (w) => ({ id: newSession(w), title: `第${++w.n}部 改め` }),
    perform: (_w, a, c) => command(a, 'program:session-save', c),
    effect: (w, _a, c) =>
      expect(w.h.store.program(thisEvent(w)).sessions.find((s) => s.id === c.id)?.title).toBe(c.title),
  }),

  'program:session-delete': defineCase({
    via: 'socket',
    arrange: (w) => newSession(w),
    perform: (_w, a, id) => command(a, 'program:session-delete', { id }),
    effect: (w, _a, id) => expect(w.h.store.program(thisEvent(w)).sessions.map((s) => s.id)).not.toContain(id),
  }),

  'program:pitch-save': defineCase({
    via: 'socket',
    arrange: (w) => {
      const sessionId = newSession(w);
      const id = newPitch(w, sessionId);
      const pitch = w.h.store.program(thisEvent(w)).pitches.find((p) => p.id === id)!;
      return { id, sessionId, ventureId: pitch.ventureId, title: `新しい題${++w.n}`, durationSec: 420 };
    },
    perform: (_w, a, c) => command(a, 'program:pitch-save', c),
    effect: (w, _a, c) =>
      expect(w.h.store.program(thisEvent(w)).pitches.find((p) => p.id === c.id)).toMatchObject({
        title: c.title,
        durationSec: 420,
      }),
  }),

  'program:pitch-delete': defineCase({
    via: 'socket',
    arrange: (w) => newPitch(w, newSession(w)),
    perform: (_w, a, id) => command(a, 'program:pitch-delete', { id }),
    effect: (w, _a, id) => expect(w.h.store.program(thisEvent(w)).pitches.map((p) => p.id)).not.toContain(id),
  }),

  'program:pitch-move': defineCase({
    via: 'socket',
    arrange: (w) => {
      const sessionId = newSession(w);
      return { first: newPitch(w, sessionId, 0), second: newPitch(w, sessionId, 1) };
    },
    perform: (_w, a, c) => command(a, 'program:pitch-move', { id: c.first, direction: 'down' }),
    effect: (w, _a, c) => {
      const { pitches } = w.h.store.program(thisEvent(w));
      const at = (id: string) => pitches.find((p) => p.id === id)!.position;
      expect(at(c.first)).toBeGreaterThan(at(c.second));
    },
  }),

  'interest:set': defineCase({
    via: 'socket',
    arrange: (w) => member(w, 'venture').orgId,
    perform: (_w, a, ventureId) => command(a, 'interest:set', { ventureId, level: 'want-to-meet', note: 'メモ' }),
    // 'own': the tap is the signed-in person's, whatever the payload says.
    effect: (w, a, ventureId) => {
      expect(w.h.store.getInterest(a.personId!, ventureId)).toMatchObject({ level: 'want-to-meet', note: 'メモ' });
      expect(w.h.store.interestCounts(thisEvent(w), [ventureId])[ventureId]).toEqual({ total: 1, wantToMeet: 1 });
    },
  }),

  'checkin:scan': defineCase({
    via: 'socket',
    arrange: (w) => member(w, 'firm'),
    perform: (_w, a, m) => command(a, 'checkin:scan', { text: m.url, station: 'A', key: key() }),
    effect: (w, a, m, answer) => {
      expect(answer.data).toMatchObject({ outcome: 'checked-in', person: { id: m.personId } });
      // A reception station records at its own desk, whatever its page sends.
      const station = a.column === 'door' ? '受付A' : 'A';
      expect(w.h.store.getCheckin(m.personId)).toMatchObject({ station, method: 'qr' });
    },
    // To a door, another event's badge is not a badge of this one.
    refusedAlso: ErrorCode.UnknownBadge,
  }),

  'checkin:person': defineCase({
    via: 'socket',
    arrange: (w) => member(w, 'firm'),
    perform: (_w, a, m) => command(a, 'checkin:person', { personId: m.personId, station: 'B', key: key() }),
    effect: (w, a, m) =>
      expect(w.h.store.getCheckin(m.personId)).toMatchObject({
        station: a.column === 'door' ? '受付A' : 'B',
        method: 'search',
      }),
  }),

  'checkin:undo': defineCase({
    via: 'socket',
    arrange: (w) => {
      const m = member(w, 'firm');
      w.h.store.insertCheckin(thisEvent(w), m.personId, { at: w.clock, station: 'A', method: 'qr' });
      return m;
    },
    perform: (_w, a, m) => command(a, 'checkin:undo', { personId: m.personId }),
    effect: (w, _a, m) => expect(w.h.store.getCheckin(m.personId)).toBeUndefined(),
  }),

  'person:register': defineCase({
    via: 'socket',
    arrange: (w) => ({ name: `飛び込み ${++w.n}`, company: `飛び込み会社${w.n}`, kind: 'firm' as const, key: key() }),
    perform: (_w, a, c) => command(a, 'person:register', c),
    effect: (w, _a, c, answer) => {
      const { person } = answer.data as RegisterAnswer;
      expect(summaryOf(w, person.id)).toMatchObject({ name: c.name, orgName: c.company });
    },
    elsewhere: (w, answer) =>
      expect(w.h.store.getPerson((answer.data as RegisterAnswer).person.id)?.eventId).toBe(w.other.eventId),
  }),

  'person:update': defineCase({
    via: 'socket',
    arrange: (w) => member(w, 'firm'),
    perform: (_w, a, m) =>
      command(a, 'person:update', {
        personId: m.personId,
        name: m.name,
        company: m.company,
        kind: 'firm',
        email: m.email,
        title: '新しい役職',
      }),
    effect: (w, _a, m, answer) => {
      expect((answer.data as PersonSummary).title).toBe('新しい役職');
      expect(summaryOf(w, m.personId)?.title).toBe('新しい役職');
    },
  }),

  'org:update': defineCase({
    via: 'socket',
    // The actor's own organization (a firm or partner is refused even its own); a fresh venture otherwise.
    arrange: (w, a) => ({ orgId: (a.me ?? member(w, 'venture')).orgId, summary: `倉庫を自動化する${++w.n}` }),
    perform: (_w, a, c) =>
      command(a, 'org:update', {
        orgId: c.orgId,
        nameKana: 'ロボット',
        summary: c.summary,
        tags: ['DX', 'DX', '物流'],
      }),
    effect: async (w, a, c, answer) => {
      const profile = { id: c.orgId, nameKana: 'ろぼっと', summary: c.summary, tags: ['DX', '物流'] };
      expect(answer.data).toMatchObject(profile);
      expect(w.h.store.listVentures(thisEvent(w)).find((v) => v.id === c.orgId)).toMatchObject(profile);
      if (scopeOf('org:update', a.column) === 'own') {
        // Its own, never another venture's.
        const other = member(w, 'venture');
        const untouched = eventState(w);
        expectRefused(await command(a, 'org:update', { orgId: other.orgId, summary: '書き換え' }));
        expect(eventState(w)).toEqual(untouched);
      }
    },
  }),

  'org:challenges': defineCase({
    via: 'socket',
    // A firm's or partner's own organization; a fresh firm for everyone else (a venture has none of its own).
    arrange: (w, a) => ({
      orgId: (a.me && a.me.kind !== 'venture' ? a.me : member(w, 'firm')).orgId,
      note: `冬の除雪${++w.n}`,
    }),
    perform: (_w, a, c) =>
      command(a, 'org:challenges', { orgId: c.orgId, categories: ['hiring', 'efficiency'], topics: [], note: c.note }),
    effect: async (w, a, c, answer) => {
      const challenges = { categories: ['efficiency', 'hiring'], topics: [], note: c.note };
      expect(answer.data).toEqual(challenges);
      expect(w.h.store.records.organizations.challenges(c.orgId)).toEqual(challenges);
      if (scopeOf('org:challenges', a.column) === 'own') {
        // Its own, never another firm's: whose they are comes from the session, not the id sent.
        const other = member(w, 'firm');
        const untouched = eventState(w);
        expectRefused(
          await command(a, 'org:challenges', { orgId: other.orgId, categories: ['training'], topics: [], note: '' }),
        );
        expect(eventState(w)).toEqual(untouched);
      }
    },
  }),

  'org:merge': defineCase({
    via: 'socket',
    arrange: (w) => ({ into: member(w, 'firm'), from: member(w, 'firm') }),
    perform: (_w, a, c) => command(a, 'org:merge', { intoOrgId: c.into.orgId, fromOrgId: c.from.orgId, key: key() }),
    // The second company's person is the first one's now, and the second company is gone.
    effect: (w, _a, c) => {
      expect(summaryOf(w, c.from.personId)).toMatchObject({ orgId: c.into.orgId, orgName: c.into.company });
      expect(w.h.store.getOrganization(c.from.orgId)).toBeUndefined();
    },
  }),

  'badge:reissue': defineCase({
    via: 'socket',
    arrange: (w) => member(w, 'firm'),
    perform: (_w, a, m) => command(a, 'badge:reissue', { personId: m.personId }),
    effect: (w, _a, m) => expect(w.h.store.getPerson(m.personId)!.badgeNonce).not.toBe(m.nonce),
  }),

  'grid:save': defineCase({
    via: 'socket',
    arrange: () => ({ ...GRID, windows: [{ start: '13:00', end: '15:00' }], tables: ['A', 'B'] }),
    perform: (_w, a, grid) => command(a, 'grid:save', grid),
    effect: (w, _a, grid) => expect(w.h.store.getGrid(thisEvent(w))).toEqual(grid),
    elsewhere: (w, _answer, grid) => expect(w.h.store.getGrid(w.other.eventId)).toEqual(grid),
  }),

  'meeting:request': defineCase({
    via: 'socket',
    arrange: (w, a) => pairFor(w, a),
    perform: (_w, a, c) => command(a, 'meeting:request', { toOrgId: c.theirs.orgId, message: 'ぜひ', key: key() }),
    // 'own': the request is from the asker's own organization.
    effect: (w, a, c, answer) =>
      expect(requestOf(w, (answer.data as MeetingRequestInfo).id)).toMatchObject({
        fromOrgId: a.me!.orgId,
        toOrgId: c.theirs.orgId,
        status: 'pending',
      }),
  }),

  'meeting:respond': defineCase<Between & { sides: string[] }>({
    via: 'socket',
    // The actor's organization is the side that was asked.
    arrange: (w, a) => {
      const p = pairFor(w, a);
      return { id: insertRequest(w, p.theirs, p.mine), sides: [p.guest, p.venture] };
    },
    foreign: (w) => {
      const p = pairFor(w, null);
      return { id: insertRequest(w, p.theirs, p.mine), sides: [p.guest, p.venture] };
    },
    perform: (_w, a, c) => command(a, 'meeting:respond', { requestId: c.id, accept: true }),
    effect: (w, _a, c, answer) => {
      expect(requestOf(w, c.id).status).toBe('accepted');
      const { meeting } = answer.data as { meeting: MeetingInfo };
      expect([meetingOf(w, meeting.id).guestOrgId, meetingOf(w, meeting.id).ventureOrgId]).toEqual(c.sides);
    },
  }),

  'meeting:free-slots': defineCase<Between>({
    via: 'socket',
    arrange: (w, a) => {
      const p = pairFor(w, a);
      return { id: insertRequest(w, p.mine, p.theirs) };
    },
    foreign: (w) => {
      const p = pairFor(w, null);
      return { id: insertRequest(w, p.mine, p.theirs) };
    },
    perform: (_w, a, c) => command(a, 'meeting:free-slots', { requestId: c.id }),
    effect: (w, _a, _c, answer) => {
      const free = answer.data as { slotStart: number; tables: string[] }[];
      expect(free.length).toBeGreaterThan(0);
      expect(free.every((f) => w.slots.some((s) => s.start === f.slotStart))).toBe(true);
    },
  }),

  'meeting:withdraw': defineCase<Between>({
    via: 'socket',
    // The actor's organization is the side that asked.
    arrange: (w, a) => {
      const p = pairFor(w, a);
      return { id: insertRequest(w, p.mine, p.theirs) };
    },
    foreign: (w) => {
      const p = pairFor(w, null);
      return { id: insertRequest(w, p.mine, p.theirs) };
    },
    perform: (_w, a, c) => command(a, 'meeting:withdraw', { requestId: c.id }),
    effect: (w, _a, c) => expect(requestOf(w, c.id).status).toBe('withdrawn'),
  }),

  'meeting:book': defineCase({
    via: 'socket',
    arrange: (w) => {
      const p = pairFor(w, null);
      const { slot, table } = nextPlace(w);
      return { guestOrgId: p.guest, ventureOrgId: p.venture, slotStart: slot.start, table, key: key() };
    },
    perform: (_w, a, c) => command(a, 'meeting:book', c),
    effect: (w, _a, c, answer) =>
      expect(meetingOf(w, (answer.data as MeetingInfo).id)).toMatchObject({
        guestOrgId: c.guestOrgId,
        ventureOrgId: c.ventureOrgId,
        slotStart: c.slotStart,
        table: c.table,
        status: 'scheduled',
      }),
  }),

  'meeting:move': defineCase({
    via: 'socket',
    arrange: (w) => {
      const p = pairFor(w, null);
      const id = insertMeeting(w, p.guest, p.venture);
      const to = nextPlace(w);
      return { meetingId: id, slotStart: to.slot.start, table: to.table };
    },
    perform: (_w, a, c) => command(a, 'meeting:move', c),
    effect: (w, _a, c) => expect(meetingOf(w, c.meetingId)).toMatchObject({ slotStart: c.slotStart, table: c.table }),
  }),

  'meeting:cancel': defineCase<Between>({
    via: 'socket',
    arrange: (w, a) => {
      const p = pairFor(w, a);
      return { id: insertMeeting(w, p.guest, p.venture) };
    },
    foreign: (w) => {
      const p = pairFor(w, null);
      return { id: insertMeeting(w, p.guest, p.venture) };
    },
    perform: (_w, a, c) => command(a, 'meeting:cancel', { meetingId: c.id }),
    effect: (w, _a, c) => expect(meetingOf(w, c.id).status).toBe('cancelled'),
  }),

  'meeting:mark': defineCase<Between>({
    via: 'socket',
    clock: '18:00', // after every slot: held or no-show is a fact about the past
    arrange: (w, a) => {
      const p = pairFor(w, a);
      return { id: insertMeeting(w, p.guest, p.venture) };
    },
    foreign: (w) => {
      const p = pairFor(w, null);
      return { id: insertMeeting(w, p.guest, p.venture) };
    },
    perform: (_w, a, c) => command(a, 'meeting:mark', { meetingId: c.id, status: 'held', nextStep: '資料送付' }),
    effect: (w, _a, c) => expect(meetingOf(w, c.id)).toMatchObject({ status: 'held', nextStep: '資料送付' }),
  }),

  'meeting:outcome': defineCase<Between>({
    via: 'socket',
    clock: '18:00',
    arrange: (w, a) => {
      const p = pairFor(w, a);
      return { id: heldMeeting(w, p.guest, p.venture) };
    },
    foreign: (w) => {
      const p = pairFor(w, null);
      return { id: heldMeeting(w, p.guest, p.venture) };
    },
    perform: (_w, a, c) => command(a, 'meeting:outcome', { meetingId: c.id, outcome: 'follow-up' }),
    effect: (w, _a, c) => expect(meetingOf(w, c.id).outcome).toBe('follow-up'),
  }),

  'meeting:confirm': defineCase<Between & { side: 'guest' | 'venture' }>({
    via: 'socket',
    arrange: (w, a) => {
      const p = pairFor(w, a);
      return { id: insertMeeting(w, p.guest, p.venture, true), side: a.me?.kind === 'venture' ? 'venture' : 'guest' };
    },
    foreign: (w) => {
      const p = pairFor(w, null);
      return { id: insertMeeting(w, p.guest, p.venture, true), side: 'guest' };
    },
    perform: (_w, a, c) => command(a, 'meeting:confirm', { meetingId: c.id, accept: true }),
    // The actor's side has confirmed; the other's answer is still awaited.
    effect: (w, _a, c) =>
      expect(meetingOf(w, c.id).proposal).toEqual({
        guestConfirmed: c.side === 'guest',
        ventureConfirmed: c.side === 'venture',
      }),
  }),

  'schedule:preview': defineCase({
    via: 'socket',
    arrange: (w) => wantedPair(w),
    perform: (_w, a) => command(a, 'schedule:preview', {}),
    effect: (w, _a, c, answer) => {
      const preview = answer.data as SchedulePreview;
      expect(preview.digest).toBe(scheduleDigest(w.h.store, thisEvent(w), w.clock));
      expect(preview.meetings.map((m) => [m.guestOrgId, m.ventureOrgId])).toContainEqual([c.guest, c.venture]);
    },
    // Another event's organizer sees the preview of their own event.
    elsewhere: (w, answer) =>
      expect((answer.data as SchedulePreview).digest).toBe(scheduleDigest(w.h.store, w.other.eventId, w.clock)),
  }),

  'schedule:commit': defineCase({
    via: 'socket',
    arrange: (w) => ({ ...wantedPair(w), digest: scheduleDigest(w.h.store, thisEvent(w), w.clock)! }),
    perform: (_w, a, c) => command(a, 'schedule:commit', { digest: c.digest, key: key() }),
    effect: (w, _a, c) =>
      expect(
        w.h.store.meetings(thisEvent(w), { orgId: c.guest }).map((m) => [m.ventureOrgId, m.status, m.proposal]),
      ).toEqual([[c.venture, 'scheduled', undefined]]),
    // The digest names this event's state, never the other's: their commit writes nothing.
    refusedAlso: ErrorCode.Conflict,
    otherEventGets: ErrorCode.Conflict,
  }),

  'http:import-preview': importCase(false),
  'http:import-commit': importCase(true),

  // 'own' (a reception station): a walk-in it registered itself; nobody else's, and never the whole sheet.
  'http:badges': defineCase({
    via: 'http',
    arrange: (w, a) => (a.column === 'door' ? walkInOf(w, a) : member(w, 'firm')),
    perform: (w, a, m) => http(w, a, `/organizer/badges/print?person=${m.personId}`),
    effect: async (w, a, m, answer) => {
      expect(answer.text.match(/<article class="badge"/g)).toHaveLength(1);
      expect(answer.text).toContain(m.name);
      if (scopeOf('http:badges', a.column) === 'own') {
        expectRefused(await http(w, a, `/organizer/badges/print?person=${member(w, 'firm').personId}`));
        expectRefused(await http(w, a, '/organizer/badges/print'));
      }
    },
  }),

  'http:badge-qr': defineCase({
    via: 'http',
    arrange: (w, a) => (a.column === 'door' ? walkInOf(w, a) : member(w, 'firm')),
    perform: (w, a, m) => http(w, a, `/organizer/badges/qr.svg?person=${m.personId}`),
    effect: async (w, a, _m, answer) => {
      expect(answer.text).toMatch(/^<svg[^>]*>.*<path/s);
      if (scopeOf('http:badge-qr', a.column) === 'own') {
        expectRefused(await http(w, a, `/organizer/badges/qr.svg?person=${member(w, 'firm').personId}`));
      }
    },
  }),

  // The print record: a sheet's badges marked printed, then listed as printed for the People page.
  'http:badges-printed': defineCase({
    via: 'http',
    arrange: (w) => {
      const m = member(w, 'firm');
      return { personId: m.personId, version: badgeVersion(w.h.store.getPerson(m.personId)!.badgeNonce) };
    },
    perform: (w, a, mark) => http(w, a, '/api/badges/printed', { badges: [mark] }),
    effect: (w, _a, mark, answer) => {
      expect(answer.data).toEqual({ marked: [mark.personId], stale: [], unknown: 0 });
      expect(printedBadges(w.h.store.sql, thisEvent(w))).toContainEqual({ personId: mark.personId, at: w.clock });
    },
    // Another event's organizer marks in their own event: this event's badge stays unmarked.
    elsewhere: (w, answer, mark) => {
      expect(answer.data).toEqual({ marked: [], stale: [], unknown: 1 });
      expect(printedBadges(w.h.store.sql, thisEvent(w)).map((b) => b.personId)).not.toContain(mark.personId);
    },
  }),

  'http:badges-status': defineCase({
    via: 'http',
    arrange: (w) => {
      const m = member(w, 'venture');
      const version = badgeVersion(w.h.store.getPerson(m.personId)!.badgeNonce);
      markBadgesPrinted(w.h.store.sql, thisEvent(w), [{ personId: m.personId, version }], w.clock);
      return m;
    },
    perform: (w, a) => http(w, a, '/api/badges/status'),
    effect: (w, _a, m, answer) =>
      expect((answer.data as { printed: PrintedBadge[] }).printed).toContainEqual({
        personId: m.personId,
        at: w.clock,
      }),
    elsewhere: (_w, answer, m) => expect(answer.text).not.toContain(m.personId),
  }),

  'http:me': defineCase({
    via: 'http',
    arrange: () => null,
    perform: (w, a) => http(w, a, '/api/me'),
    effect: (w, a, _c, answer) => expect(answer.data).toMatchObject({ personId: a.personId, eventId: thisEvent(w) }),
    elsewhere: (w, answer) =>
      expect(answer.data).toMatchObject({ personId: w.other.organizerId, eventId: w.other.eventId }),
  }),

  'http:agenda': defineCase({
    via: 'http',
    arrange: (w, a) => {
      const p = pairFor(w, a);
      const q = pairFor(w, null);
      return { mine: insertMeeting(w, p.guest, p.venture), others: insertMeeting(w, q.guest, q.venture) };
    },
    perform: (w, a) => http(w, a, '/api/agenda.ics'),
    // 'own': the organization's meetings, and no one else's.
    effect: (_w, _a, c, answer) => {
      expect(answer.text).toContain('BEGIN:VCALENDAR');
      expect(answer.text).toContain(`UID:meeting-${c.mine}@`);
      expect(answer.text).not.toContain(c.others);
    },
  }),

  'http:series': defineCase({
    via: 'http',
    arrange: (w) => siblingEvent(w),
    perform: (w, a) => http(w, a, '/api/series'),
    // 'own': the events the account organizes, this one current, and no one else's.
    effect: (w, _a, sibling, answer) => {
      const listed = (answer.data as SeriesView).events;
      expect(listed.map((e) => e.event.id)).toEqual(seriesEvents(w.h.store, w.organizer.account).map((e) => e.id));
      expect(listed.map((e) => [e.event.id, e.current])).toEqual(
        expect.arrayContaining([
          [thisEvent(w), true],
          [sibling.id, false],
        ]),
      );
      expect(listed.map((e) => e.event.id)).not.toContain(w.other.eventId);
    },
    elsewhere: (w, answer, sibling) => {
      expect((answer.data as SeriesView).events.map((e) => [e.event.id, e.current])).toEqual([[w.other.eventId, true]]);
      expect(answer.text).not.toContain(sibling.id);
      expect(answer.text).not.toContain(sibling.name);
    },
  }),

  // Copying this event: what an organizer of another event must not be able to do.
  'http:event-create': defineCase({
    via: 'http',
    writesOutside: true,
    arrange: (w) => ({ name: `第${++w.n}回 複製したイベント`, date: '2027-03-01', copyFrom: thisEvent(w) }),
    perform: (w, a, body) => http(w, a, '/api/events', body),
    effect: (w, _a, body, answer) => {
      expect(answer.status).toBe(201);
      const { eventId } = answer.data as { eventId: string };
      const { store } = w.h;
      expect(store.getEvent(eventId)).toMatchObject({ name: body.name, venue: store.getEvent(thisEvent(w))!.venue });
      expect(store.getGrid(eventId)).toEqual(store.getGrid(thisEvent(w)));
      expect(organizerIn(store, w.organizer.account, eventId)).toBeDefined();
      expect(organizerIn(store, w.other.account, eventId)).toBeUndefined();
    },
    otherEventGets: ErrorCode.NotFound,
  }),

  // Into a later event of the series, and back into this one.
  'http:event-open': defineCase({
    via: 'http',
    writesOutside: true,
    arrange: (w) => [siblingEvent(w).id, thisEvent(w)],
    perform: (w, a, targets) => together(targets.map((id) => http(w, a, `/api/events/${id}/open`, {}))),
    effect: async (w, _a, targets, answer) => {
      for (const [i, target] of targets.entries()) {
        const part = answer.parts![i]!;
        expect(part.data).toEqual({ eventId: target });
        expect(await meWith(w, part.setCookie!)).toMatchObject({
          personId: organizerIn(w.h.store, w.organizer.account, target)!.id,
          eventId: target,
        });
      }
    },
    otherEventGets: ErrorCode.NotFound,
  }),

  'http:event-import': defineCase({
    via: 'http',
    writesOutside: true,
    arrange: (w) => foreignArchive(w),
    perform: (w, a, archive) => http(w, a, '/api/import/event', archive),
    // 'own': the restored event joins the importer's series; its rows are the export's, plus the importer.
    effect: (w, _a, archive, answer) => {
      expect(answer.status).toBe(201);
      expect(answer.data).toMatchObject({ eventId: archive.eventId, name: archive.tables.events[0]!.name });
      const { store } = w.h;
      expect(organizerIn(store, w.organizer.account, archive.eventId)).toBeDefined();
      expect(store.listPeople(archive.eventId)).toHaveLength(archive.tables.people.length + 1);
      expect(store.eventSeq(archive.eventId)).toBe(archive.tables.changes.length);
    },
    // Restored for the other event's organizer: theirs, not this event's organizer's.
    elsewhere: (w, answer, archive) => {
      expect(answer.data).toMatchObject({ eventId: archive.eventId });
      expect(organizerIn(w.h.store, w.other.account, archive.eventId)).toBeDefined();
      expect(organizerIn(w.h.store, w.organizer.account, archive.eventId)).toBeUndefined();
    },
  }),

  'http:settings': defineCase({
    via: 'http',
    arrange: () => null,
    perform: (w, a) => http(w, a, '/api/event/settings'),
    effect: (w, _a, _c, answer) => {
      const view = answer.data as EventSettingsView;
      expect(view.event.id).toBe(thisEvent(w));
      expect(view.boardUrl).toBe(w.h.links.board);
      expect(view.organizers).toContainEqual({
        personId: w.organizer.id,
        name: w.h.store.getPerson(w.organizer.id)!.name,
        signInUrl: w.h.person('organizer').url,
      });
    },
    elsewhere: (w, answer) => {
      const view = answer.data as EventSettingsView;
      expect(view.event.id).toBe(w.other.eventId);
      expect(view.boardUrl).not.toBe(w.h.links.board);
      expect(view.organizers.map((o) => o.personId)).toEqual([w.other.organizerId]);
    },
  }),

  'http:settings-save': defineCase({
    via: 'http',
    arrange: (w) => ({
      name: `改名したイベント${++w.n}`,
      venue: `会場${w.n}`,
      date: w.h.store.getEvent(thisEvent(w))!.date,
      topics: [`テーマ${w.n}`],
      targets: { firm: w.n, meetingsHeld: 2 * w.n },
    }),
    perform: (w, a, body) => http(w, a, '/api/event/settings', body),
    effect: (w, _a, body) => {
      expect(w.h.store.getEvent(thisEvent(w))).toMatchObject({
        name: body.name,
        venue: body.venue,
        topics: body.topics,
      });
      expect(eventTargets(w.h.store, thisEvent(w))).toEqual(body.targets);
    },
    elsewhere: (w, _answer, body) => {
      expect(w.h.store.getEvent(w.other.eventId)).toMatchObject({ name: body.name, topics: body.topics });
      expect(eventTargets(w.h.store, w.other.eventId)).toEqual(body.targets);
    },
  }),

  'http:organizer-add': defineCase({
    via: 'http',
    arrange: (w) => ({ name: `追加 主催者${++w.n}`, email: `organizer.${w.n}@example.jp` }),
    perform: (w, a, body) => http(w, a, '/api/event/organizers', body),
    // An organizer of this event, with an account of their own, who signs in by the link.
    effect: async (w, _a, body, answer) => {
      const { personId, signInUrl } = answer.data as { personId: string; signInUrl: string };
      expect(w.h.store.getPerson(personId)).toMatchObject({
        eventId: thisEvent(w),
        role: 'organizer',
        name: body.name,
      });
      expect(accountOf(w.h.store, personId)).toBe(personId);
      expect(await meWith(w, await w.h.signIn(signInUrl))).toMatchObject({ personId, eventId: thisEvent(w) });
    },
    elsewhere: (w, answer) =>
      expect(w.h.store.getPerson((answer.data as { personId: string }).personId)?.eventId).toBe(w.other.eventId),
  }),

  'http:dashboard': defineCase({
    via: 'http',
    arrange: (w) => smallDay(w),
    perform: (w, a) => http(w, a, '/api/dashboard'),
    effect: (w, _a, _c, answer) => {
      const view = answer.data as DashboardView;
      expect(view.event.id).toBe(thisEvent(w));
      expect(view.figures).toEqual(kpiFigures(kpiFacts(w.h.store, thisEvent(w))));
      expect(view.figures.people).toBeGreaterThan(0);
      expect(view.checkinsOverTime.at(-1)?.total).toBe(checkinTimes(w.h.store, thisEvent(w)).length);
    },
    elsewhere: (w, answer) => {
      const view = answer.data as DashboardView;
      expect(view.event.id).toBe(w.other.eventId);
      expect(view.figures).toEqual(kpiFigures(kpiFacts(w.h.store, w.other.eventId)));
    },
  }),

  'http:export-csv': defineCase({
    via: 'http',
    arrange: (w) => smallDay(w),
    perform: (w, a) =>
      together(['people', 'interests', 'requests', 'meetings'].map((name) => http(w, a, `/api/export/${name}.csv`))),
    effect: (_w, _a, day, answer) => {
      const [people, interests, requests, meetings] = answer.parts!.map((p) => p.text);
      expect(people).toContain(`${day.firm.name},`);
      expect(people).toContain(day.firm.email);
      expect(interests).toContain(`${day.firm.company},${day.firm.name},${day.venture.company},`);
      expect(requests).toContain(day.message);
      expect(meetings).toContain(day.venture.company);
    },
    elsewhere: (_w, answer, day) => {
      for (const secret of [day.firm.name, day.firm.email, day.firm.company, day.venture.company, day.message]) {
        expect(answer.text).not.toContain(secret);
      }
    },
  }),

  'http:export-event': defineCase({
    via: 'http',
    arrange: (w) => smallDay(w),
    perform: (w, a) => http(w, a, '/api/export/event.json'),
    // Every row of this event, and only of this event.
    effect: (w, _a, day, answer) => {
      const archive = answer.data as EventArchive;
      expect(archive).toMatchObject({ format: 'pitch-match-event', eventId: thisEvent(w) });
      expect(archive.tables.people.map((p) => p.id)).toContain(day.firm.personId);
      expect(archive.tables.changes).toHaveLength(w.h.store.eventSeq(thisEvent(w)));
      expect(
        Object.values(archive.tables).every((rows) => rows.every((r) => (r.event_id ?? r.id) === thisEvent(w))),
      ).toBe(true);
    },
    elsewhere: (w, answer) => expect((answer.data as EventArchive).eventId).toBe(w.other.eventId),
  }),

  'http:door-doubles': defineCase({
    via: 'http',
    // The firm was checked in at A (smallDay); station B let them in too, offline.
    arrange: (w) => {
      const day = smallDay(w);
      w.h.store.records.doorDoubles.insert(
        thisEvent(w),
        day.firm.personId,
        { station: 'B', at: w.clock + 60_000 },
        w.clock,
      );
      return day;
    },
    perform: (w, a) => http(w, a, '/api/door/doubles'),
    effect: (w, _a, day, answer) => {
      expect((answer.data as { doubles: DoorDouble[] }).doubles).toContainEqual({
        personId: day.firm.personId,
        name: day.firm.name,
        orgName: day.firm.company,
        kept: { at: w.clock, station: 'A', method: 'qr' },
        other: { station: 'B', at: w.clock + 60_000 },
      });
    },
    elsewhere: (_w, answer, day) => {
      expect(answer.text).not.toContain(day.firm.personId);
      expect(answer.text).not.toContain(day.firm.name);
    },
  }),

  'http:report': defineCase({
    via: 'http',
    arrange: (w) => ({ day: smallDay(w), sibling: siblingEvent(w) }),
    perform: (w, a) =>
      together(
        ['/organizer/report', '/organizer/report?lang=en', '/organizer/report?scope=series'].map((path) =>
          http(w, a, path),
        ),
      ),
    effect: (w, _a, c, answer) => {
      const [report, english, series] = answer.parts!.map((p) => p.text);
      const name = w.h.store.getEvent(thisEvent(w))!.name;
      const firms = kpiFigures(kpiFacts(w.h.store, thisEvent(w))).companies.firm;
      expect(firms).toBeGreaterThan(0);
      expect(report).toContain(name);
      expect(report).toContain(`data-kpi="companies-firm"><th>地元企業</th><td class="n">${firms}</td>`);
      expect(english).toContain(`data-kpi="companies-firm"><th>Local firms</th><td class="n">${firms}</td>`);
      expect(series).toContain(name);
      expect(series).toContain(c.sibling.name);
    },
    elsewhere: (w, answer, c) => {
      for (const part of answer.parts!) expect(part.text).toContain(w.h.store.getEvent(w.other.eventId)!.name);
      expect(answer.text).not.toContain(c.sibling.name);
    },
  }),

  // The current event's programme: its table and a cell's drill-down. Another series' organizer
  // reads their own programme, in which nothing of this event is.
  'http:programme': defineCase({
    via: 'http',
    arrange: (w) => {
      const day = smallDay(w);
      return { day, fy: fiscalYearOf(w.h.store.getEvent(thisEvent(w))!.date) };
    },
    perform: (w, a, c) =>
      together([http(w, a, '/api/programme'), http(w, a, `/api/programme/drill?kpi=companies&fy=${c.fy}`)]),
    effect: (w, _a, c, answer) => {
      const [view, drill] = answer.parts!.map((p) => p.data) as [ProgrammeView, DrillView];
      expect(view.report.programmeId).toBe(programmeOf(w.h.store, thisEvent(w)));
      expect(view.report.events.map((e) => e.eventId)).toContain(thisEvent(w));
      expect(drill.items).toContainEqual(expect.objectContaining({ type: 'company', name: c.day.firm.company }));
    },
    elsewhere: (w, answer, c) => {
      const [view] = answer.parts!.map((p) => p.data) as [ProgrammeView];
      expect(view.report.programmeId).toBe(programmeOf(w.h.store, w.other.eventId));
      expect(answer.text).not.toContain(c.day.firm.company);
    },
  }),

  // Writes that name this event's records: an outcome of its organization, deleting one, a company's
  // consent. The plan, entries, reviews and publishing name nothing of an event (each organizer
  // writes their own programme's): server/integration/programme-api.test.ts performs those.
  'http:programme-save': defineCase({
    via: 'http',
    arrange: (w) => {
      const firm = member(w, 'firm');
      const venture = member(w, 'venture');
      const old = randomUUID();
      insertOutcome(w.h.store, {
        id: old,
        eventId: thisEvent(w),
        orgId: venture.orgId,
        kind: 'founded',
        on: w.h.store.getEvent(thisEvent(w))!.date,
        note: '',
        meetingId: null,
        recordedAt: w.clock,
      });
      return { firm, old };
    },
    // Recording answers 201 and the others 200: all allowed or all refused, alike.
    perform: async (w, a, c) => {
      const parts = await Promise.all([
        http(w, a, '/api/programme/outcomes', {
          eventId: thisEvent(w),
          orgId: c.firm.orgId,
          kind: 'relocated',
          on: w.h.store.getEvent(thisEvent(w))!.date,
          key: key(),
        }),
        http(w, a, `/api/programme/outcomes/${c.old}/delete`, {}),
        http(w, a, `/api/org/${c.firm.orgId}/publish-consent`, { consent: true }),
      ]);
      for (const p of parts) expect([p.ok, p.code], p.text).toEqual([parts[0]!.ok, parts[0]!.code]);
      return { ...parts[0]!, text: parts.map((p) => p.text).join('\n'), parts };
    },
    effect: (w, _a, c) => {
      const outcomes = programmeOutcomes(w.h.store, programmeOf(w.h.store, thisEvent(w)));
      expect(outcomes.map((o) => [o.orgId, o.kind])).toContainEqual([c.firm.orgId, 'relocated']);
      expect(outcomes.map((o) => o.id)).not.toContain(c.old);
      expect(publishConsent(w.h.store, c.firm.orgId)).toBe(true);
    },
    otherEventGets: ErrorCode.NotFound,
  }),

  // The public page's data, for anyone while publishing is on: aggregates, nothing of an event's records.
  'http:open-data': defineCase({
    via: 'http',
    arrange: (w) => {
      smallDay(w);
      const slug = `slug${++w.n}`;
      const fy = fiscalYearOf(w.h.store.getEvent(thisEvent(w))!.date);
      savePublish(
        w.h.store,
        programmeOf(w.h.store, thisEvent(w)),
        { enabled: true, kpiIds: ['companies'], fiscalYears: [fy], reviews: false, events: false, companyNames: false },
        slug,
      );
      return { slug };
    },
    perform: (w, a, c) => http(w, a, `/open/${c.slug}/kpi.json`),
    effect: (_w, _a, _c, answer) => {
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('companies');
    },
    elsewhere: (_w, answer) => expect(answer.text).toContain('companies'),
  }),

  'http:door-links': defineCase({
    via: 'http',
    arrange: (w) => doorLink(w, `受付${++w.n}`),
    // The list and a link's QR; another event's organizer lists its own links (none) and gets no QR of this one.
    perform: async (w, a, link) => {
      const parts = await Promise.all([http(w, a, '/api/door-links'), http(w, a, `/api/door-links/${link.id}/qr.svg`)]);
      const refused = parts.find((p) => !p.ok);
      return { ...(refused ?? parts[0]!), text: parts.map((p) => p.text).join('\n'), parts };
    },
    effect: (_w, _a, link, answer) => {
      const [list, qr] = answer.parts!;
      expect((list!.data as { links: DoorLinkInfo[] }).links).toContainEqual(expect.objectContaining(link));
      expect(qr!.text).toMatch(/^<svg[^>]*>.*<path/s);
    },
    otherEventGets: ErrorCode.NotFound,
  }),

  'http:door-link-create': defineCase({
    via: 'http',
    arrange: (w) => ({ station: `受付${++w.n}`, key: key() }),
    perform: (w, a, body) => http(w, a, '/api/door-links', body),
    // A link of this event for the station, which opens a station session there.
    effect: async (w, _a, body, answer) => {
      expect(answer.status).toBe(201);
      const link = answer.data as DoorLinkInfo;
      expect(link).toMatchObject({ station: body.station, url: expect.stringMatching(/\/door\/[A-Za-z0-9_-]{44}$/) });
      expect(w.h.store.records.doorLinks.active(thisEvent(w)).map((l) => l.id)).toContain(link.id);
      const station = await w.h.connectAs(link.url);
      expect((await snapshotOf(station)).viewer).toMatchObject({ role: 'door', name: body.station });
      station.close();
    },
    elsewhere: (w, answer) =>
      expect(w.h.store.records.doorLinks.get((answer.data as DoorLinkInfo).id)?.eventId).toBe(w.other.eventId),
  }),

  // The station's sessions end with its link: its open socket at once, its next request or handshake refused.
  'http:door-link-revoke': defineCase({
    via: 'http',
    arrange: (w) => {
      const link = doorLink(w, `受付${++w.n}`);
      // The station signed in before the cell began: its session is there already.
      const session = newSessionId();
      w.h.store.records.doorLinks.insertLogin(session.hash, link.id, w.clock);
      return { ...link, cookie: `${SESSION_COOKIE}=${session.id}` };
    },
    perform: async (w, a, link) => {
      const station = await openSocket(w.h.baseUrl, { cookie: link.cookie });
      const ended = new Promise<string>((resolve) => station.once('disconnect', resolve));
      const answer = await http(w, a, `/api/door-links/${link.id}/revoke`, {});
      if (answer.ok) expect(await ended).toBe('io server disconnect');
      else station.close();
      return answer;
    },
    effect: async (w, _a, link) => {
      expect(w.h.store.records.doorLinks.active(thisEvent(w)).map((l) => l.id)).not.toContain(link.id);
      await expect(openSocket(w.h.baseUrl, { cookie: link.cookie })).rejects.toThrow(ErrorCode.Unauthenticated);
      const walkIn = member(w, 'firm');
      const qr = await fetch(`${w.h.baseUrl}/organizer/badges/qr.svg?person=${walkIn.personId}`, {
        headers: { cookie: link.cookie },
      });
      expect(qr.status).toBe(401);
      expect((await fetch(link.url, { redirect: 'manual' })).status).toBe(401);
    },
    otherEventGets: ErrorCode.NotFound,
  }),

  // ---- privacy (issue 19) ----

  'http:privacy': defineCase({
    via: 'http',
    arrange: () => null,
    perform: (w, a) => http(w, a, '/api/privacy'),
    effect: (w, a, _c, answer) =>
      expect(answer.data).toEqual({
        notice: privacyNotice(w.h.store, thisEvent(w)),
        acknowledged: acknowledgedVersion(w.h.store, a.personId!),
      }),
    elsewhere: (w, answer) =>
      expect(answer.data).toEqual({ notice: privacyNotice(w.h.store, w.other.eventId), acknowledged: null }),
  }),

  'http:privacy-acknowledge': defineCase({
    via: 'http',
    arrange: (w) => ({ version: privacyNotice(w.h.store, thisEvent(w)).version }),
    perform: (w, a, body) => http(w, a, '/api/privacy/acknowledge', body),
    effect: (w, a, body) => expect(acknowledgedVersion(w.h.store, a.personId!)).toBe(body.version),
    elsewhere: (w, _answer, body) => expect(acknowledgedVersion(w.h.store, w.other.organizerId)).toBe(body.version),
  }),

  // 'own': the signed-in person's data and nobody else's.
  'http:me-data': defineCase({
    via: 'http',
    arrange: (w) => smallDay(w),
    perform: (w, a) => http(w, a, '/api/me/data.json'),
    effect: (_w, a, day, answer) => {
      expect((answer.data as OwnData).person.id).toBe(a.personId);
      if (a.personId !== day.firm.personId) expect(answer.text).not.toContain(day.firm.name);
    },
    elsewhere: (w, answer) => expect((answer.data as OwnData).person.id).toBe(w.other.organizerId),
  }),

  // The settings and what erasing a person would take; another event's person is NOT_FOUND.
  'http:privacy-settings': defineCase({
    via: 'http',
    arrange: (w) => smallDay(w),
    perform: async (w, a, day) => {
      const parts = await Promise.all([
        http(w, a, '/api/privacy/settings'),
        http(w, a, `/api/privacy/people/${day.firm.personId}`),
      ]);
      const refused = parts.find((p) => !p.ok);
      return { ...(refused ?? parts[0]!), text: parts.map((p) => p.text).join('\n'), parts };
    },
    effect: (w, _a, day, answer) => {
      const [settings, erasure] = answer.parts!;
      expect((settings!.data as PrivacySettingsView).notice).toEqual(privacyNotice(w.h.store, thisEvent(w)));
      expect(erasure!.data).toMatchObject({ personId: day.firm.personId, name: day.firm.name, taps: 1, requests: 1 });
    },
    otherEventGets: ErrorCode.NotFound,
  }),

  'http:privacy-settings-save': defineCase({
    via: 'http',
    arrange: (w) => ({ ja: `通知文${++w.n}`, en: `Notice ${w.n}`, contact: '産業振興課', retentionDays: 100 + w.n }),
    perform: (w, a, body) => http(w, a, '/api/privacy/settings', body),
    effect: (w, _a, body) =>
      expect(privacyNotice(w.h.store, thisEvent(w))).toMatchObject({ ja: body.ja, retentionDays: body.retentionDays }),
    elsewhere: (w, _answer, body) =>
      expect(privacyNotice(w.h.store, w.other.eventId)).toMatchObject({ ja: body.ja, en: body.en }),
  }),

  // The organizer's event is made a year old, its retention (1 day) over, just before they purge it
  // (a station's link would end with such an event); another event's organizer purges only their own.
  'http:privacy-purge': defineCase({
    via: 'http',
    arrange: (w, a) => {
      const due = { organizer: thisEvent(w), 'other-event-organizer': w.other.eventId }[a.column as string];
      if (due) {
        w.h.store.sql.prepare("UPDATE events SET date = '2025-01-10', retention_days = 1 WHERE id = ?").run(due);
      }
      return member(w, 'firm');
    },
    perform: (w, a) => http(w, a, '/api/privacy/purge', {}),
    effect: (w, _a, m, answer) => {
      expect((answer.data as PrivacySettingsView).purgedAt).toBe(w.clock);
      expect(w.h.store.getPerson(m.personId)).toMatchObject({ name: '', org: { id: m.orgId } });
    },
    elsewhere: (w, _answer, m) => {
      expect(w.h.store.getPerson(m.personId)?.name).toBe(m.name);
      expect(purgedAt(w.h.store, w.other.eventId)).toBe(w.clock);
    },
  }),

  'http:person-erase': defineCase({
    via: 'http',
    arrange: (w) => smallDay(w),
    perform: (w, a, day) => http(w, a, `/api/privacy/people/${day.firm.personId}/erase`, {}),
    effect: (w, _a, day) => {
      expect(w.h.store.getPerson(day.firm.personId)).toBeUndefined();
      expect(w.h.store.meetings(thisEvent(w), { orgId: day.firm.orgId })).toHaveLength(1);
    },
    otherEventGets: ErrorCode.NotFound,
  }),

  // 'own': an event of the account's series, confirmed by its name; this event is left as it was.
  'http:event-erase': defineCase({
    via: 'http',
    writesOutside: true,
    arrange: (w) => siblingEvent(w),
    perform: (w, a, sibling) => http(w, a, `/api/events/${sibling.id}/erase`, { confirmName: sibling.name }),
    effect: (w, _a, sibling, answer) => {
      expect(answer.data).toEqual({ erasedId: sibling.id, nextEventId: expect.any(String) });
      expect(w.h.store.getEvent(sibling.id)).toBeUndefined();
      expect(organizerIn(w.h.store, w.organizer.account, sibling.id)).toBeUndefined();
      expect(w.h.store.getEvent(thisEvent(w))).toBeDefined();
    },
    otherEventGets: ErrorCode.NotFound,
  }),

  // 'own': the person's own subscription address (none yet), and their download.
  'http:calendar-feed': defineCase({
    via: 'http',
    arrange: () => null,
    perform: (w, a) => http(w, a, '/api/calendar-feed'),
    effect: (w, _a, _c, answer) =>
      expect(answer.data).toEqual({
        downloadUrl: `${w.h.baseUrl}/api/agenda.ics`,
        feedUrl: null,
        webcalUrl: null,
        createdAt: null,
      }),
  }),

  // 'own': a new address for the person's calendar, which opens it with no cookie.
  'http:calendar-feed-renew': defineCase({
    via: 'http',
    arrange: () => null,
    perform: (w, a) => http(w, a, '/api/calendar-feed', {}),
    effect: async (w, a, _c, answer) => {
      const view = answer.data as CalendarFeedView;
      expect(view.feedUrl).toMatch(/\/cal\/[A-Za-z0-9_-]{44}\.ics$/);
      expect(liveFeed(w.h.store, a.personId!)?.personId).toBe(a.personId);
      const feed = await fetch(view.feedUrl!);
      expect([feed.status, await feed.text()]).toEqual([200, expect.stringContaining('BEGIN:VCALENDAR')]);
    },
  }),

  // 'own': the person's own; 'event': an organizer revokes anyone's of the event (another event's: NOT_FOUND).
  'http:calendar-feed-revoke': defineCase({
    via: 'http',
    arrange: (w, a) => {
      const personId = a.me ? a.me.personId : member(w, 'firm').personId;
      const nonce = newFeedNonce();
      w.h.store.mutate(thisEvent(w), personId, w.clock, () => {
        renewFeed(w.h.store, { id: randomUUID(), eventId: thisEvent(w), personId, secret: nonce, createdAt: w.clock });
        return { result: null, changes: [] };
      });
      return { personId, url: `${w.h.baseUrl}/cal/${feedToken(w.h.secret, nonce)}.ics` };
    },
    perform: (w, a, c) => http(w, a, '/api/calendar-feed/revoke', a.me ? {} : { personId: c.personId }),
    effect: async (w, _a, c) => {
      expect(liveFeed(w.h.store, c.personId)).toBeUndefined();
      expect((await fetch(c.url)).status).toBe(404);
    },
    otherEventGets: ErrorCode.NotFound,
  }),

  // 'event': the date this event's requests open, which phones then show; another event's organizer sets its own.
  'http:booking-window-save': defineCase({
    via: 'http',
    // A date before both events' days: the other event's organizer sets it on their own.
    arrange: () => ({ bookingOpensOn: '2020-01-01' }),
    perform: (w, a, body) => http(w, a, '/api/event/booking-window', body),
    effect: (w, _a, body) => expect(w.h.store.getEvent(thisEvent(w))!.bookingOpensOn).toBe(body.bookingOpensOn),
    elsewhere: (w, answer) => {
      expect(answer.data).toEqual({ bookingOpensOn: expect.any(String) });
      expect(w.h.store.getEvent(w.other.eventId)!.bookingOpensOn).toBe('2020-01-01');
    },
  }),

  // 'event': every table card of this event's grid, with a meeting of its own; another event's organizer gets theirs.
  'http:schedules': defineCase({
    via: 'http',
    arrange: (w) => {
      const p = pairFor(w, null);
      return { meetingId: insertMeeting(w, p.guest, p.venture) };
    },
    perform: (w, a) => http(w, a, '/organizer/schedules/print?by=table'),
    effect: (w, _a, c, answer) => {
      expect(answer.text.match(/<section class="page" data-page="table"/g)).toHaveLength(
        w.h.store.getGrid(thisEvent(w))!.tables.length,
      );
      expect(answer.text).toContain(`data-meeting="${c.meetingId}"`);
    },
    elsewhere: (_w, answer, c) => expect(answer.text).not.toContain(c.meetingId),
  }),
  // E-mail: settings, a test mail, invitations and the retry run against one real SMTP server
  // (mailSmtp); confirmations and reminders are off, so nothing is queued between cells.
  'http:mail': defineCase({
    via: 'http',
    arrange: (w) => member(w, 'firm'),
    perform: (w, a) => http(w, a, '/api/mail'),
    effect: (_w, _a, m, answer) =>
      expect((answer.data as MailView).people).toContainEqual(
        expect.objectContaining({ personId: m.personId, hasAddress: true, invited: false }),
      ),
    elsewhere: (_w, answer, m) =>
      expect((answer.data as MailView).people.map((p) => p.personId)).not.toContain(m.personId),
  }),

  'http:mail-settings': defineCase({
    via: 'http',
    arrange: (w) => ({ ...mailSettings(), fromName: `事務局${++w.n}`, password: `pw-${w.n}-secret` }),
    perform: (w, a, body) => http(w, a, '/api/mail/settings', body),
    effect: (w, _a, body, answer) => {
      expect(answer.text).not.toContain(body.password);
      expect(mailRecords(w).settings(thisEvent(w))).toMatchObject({ fromName: body.fromName, password: body.password });
    },
    elsewhere: (w, answer, body) => {
      expect(answer.text).not.toContain(body.password);
      expect(mailRecords(w).settings(w.other.eventId)).toMatchObject({ fromName: body.fromName });
    },
  }),

  // Writes nothing: the mail goes through the event's own server, to the address given.
  'http:mail-test': defineCase({
    via: 'http',
    arrange: (w) => {
      configureMail(w, thisEvent(w));
      configureMail(w, w.other.eventId);
      return { to: `test.${++w.n}@example.jp` };
    },
    perform: (w, a, body) => http(w, a, '/api/mail/test', body),
    effect: async (_w, _a, body) => expect((await mailSmtp).to(body.to)).toHaveLength(1),
    elsewhere: async (_w, _answer, body) => expect((await mailSmtp).to(body.to)).toHaveLength(1),
  }),

  'http:mail-send': defineCase({
    via: 'http',
    arrange: (w) => {
      configureMail(w, thisEvent(w));
      return member(w, 'firm');
    },
    perform: (w, a, m) => http(w, a, '/api/mail/invitations', { to: 'person', personId: m.personId, key: key() }),
    effect: async (w, _a, m) => {
      const smtp = await mailSmtp;
      await vi.waitFor(() => expect(smtp.to(m.email)).toHaveLength(1), { timeout: 10_000, interval: 50 });
      expect(smtp.to(m.email)[0]!.text).toContain(m.url);
      await mailSettled(w);
    },
    otherEventGets: ErrorCode.NotFound,
  }),

  'http:mail-retry': defineCase({
    via: 'http',
    arrange: (w) => {
      configureMail(w, thisEvent(w));
      const m = member(w, 'firm');
      const id = randomUUID();
      const records = mailRecords(w);
      records.enqueue({ id, eventId: thisEvent(w), personId: m.personId, reason: `invitation:${key()}` }, w.clock);
      records.settle(id, { sent: false, error: '421 try again later' }, w.clock);
      return { ...m, mailId: id };
    },
    perform: (w, a, c) => http(w, a, `/api/mail/log/${c.mailId}/retry`, {}),
    effect: async (w, _a, c) => {
      const smtp = await mailSmtp;
      await vi.waitFor(() => expect(smtp.to(c.email)).toHaveLength(1), { timeout: 10_000, interval: 50 });
      await mailSettled(w);
      expect(mailRecords(w).get(c.mailId)?.status).toBe('sent');
    },
    otherEventGets: ErrorCode.NotFound,
  }),

  // 'own': the signed-in person's badge, by their session; organizers and stations have none.
  'http:my-badge': defineCase({
    via: 'http',
    arrange: () => null,
    perform: (w, a) => http(w, a, '/api/me/badge'),
    effect: (_w, a, _c, answer) => {
      const view = answer.data as MyBadgeView;
      expect(view.url).toBe(a.me!.url);
      expect(view.qrSvg).toMatch(/^<svg[^>]*>.*<path/s);
    },
  }),
};

// ---- the organizer's account: the series of events, and restores ----

/** Another event of this event's organizer's series, made as the console's "create" makes one. */
function siblingEvent(w: World): { id: string; name: string } {
  const id = randomUUID();
  const name = `第${++w.n}回 同じシリーズのイベント`;
  createEvent(w.h.store, {
    id,
    name,
    venue: '',
    date: '2027-02-10',
    boardNonce: newNonce(),
    from: null,
    creator: { account: w.organizer.account, name: w.h.store.getPerson(w.organizer.id)!.name },
    now: w.clock,
    newId: randomUUID,
    newNonce,
  });
  return { id, name };
}

/** An export of an event of another store (seeded apart, so nothing of it is in this one): what a restore brings. */
function foreignArchive(w: World): EventArchive {
  if (!w.archives) {
    const { dir, dbFile } = tempDbFile();
    w.archives = { dir, store: new Store(openDb(dbFile)) };
  }
  const { store } = w.archives;
  const eventId = seedDemoEvent(store, {
    now: w.clock,
    newId: randomUUID,
    size: 'small',
    name: `復元するイベント${++w.n}`,
  });
  return exportEvent(store, eventId, w.clock);
}

/** Whose sign-in a session is: GET /api/me with it. */
async function meWith(w: World, cookie: string): Promise<unknown> {
  const res = await fetch(`${w.h.baseUrl}/api/me`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: unknown }).data;
}

/** This event's day, with a little of everything the console shows: a check-in, a tap, a request, a meeting. */
function smallDay(w: World): { firm: Member; venture: Member; message: string } {
  const firm = member(w, 'firm');
  const venture = member(w, 'venture');
  const message = `工場見学のご相談${++w.n}`;
  w.h.store.insertCheckin(thisEvent(w), firm.personId, { at: w.clock, station: 'A', method: 'qr' });
  w.h.store.upsertInterest(thisEvent(w), firm.personId, {
    ventureId: venture.orgId,
    level: 'want-to-meet',
    tags: [],
    note: '',
    shareNote: false,
    updatedAt: w.clock,
  });
  insertRequest(w, firm, venture, message);
  insertMeeting(w, firm.orgId, venture.orgId);
  return { firm, venture, message };
}

/** A meeting that was held, whose outcome can be recorded. */
function heldMeeting(w: World, guest: string, venture: string): string {
  const id = insertMeeting(w, guest, venture);
  const m = meetingOf(w, id);
  w.h.store.updateMeeting(id, { ...m, status: 'held', now: w.clock });
  return id;
}

// ---- one cell ----

async function performCell(w: World, action: Action, column: Column): Promise<void> {
  const c = CASES[action];
  const scope = scopeOf(action, column);
  const a = await actAs(w, column, c.via);
  const ctx = c.arrange(w, a);
  const before = eventState(w);
  const counts = storeCounts(w);
  const answer = await c.perform(w, a, ctx);

  if (scope === 'none') {
    if (column === 'other-event-organizer' && c.elsewhere) {
      expect(answer.ok, answer.text).toBe(true);
      await c.elsewhere(w, answer, ctx);
      expectNothingOfThisEvent(w, answer);
    } else {
      expectRefused(answer, c.refusedAlso);
      if (column === 'other-event-organizer' && c.otherEventGets) expect(answer.code).toBe(c.otherEventGets);
      // Nothing made outside the event either: no event, no organizer row, no session.
      expect(storeCounts(w)).toEqual(counts);
    }
    expect(eventState(w).seq).toBe(before.seq);
    expect(eventState(w)).toEqual(before);
    if (column === 'anonymous') {
      // A forged session cookie is nobody too.
      const forged = await c.perform(w, { ...a, cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` }, ctx);
      expect(forged.code).toBe(ErrorCode.Unauthenticated);
      expect(eventState(w)).toEqual(before);
      expect(storeCounts(w)).toEqual(counts);
    }
    return;
  }

  expect(answer.ok, answer.text).toBe(true);
  if (POLICY[action].writes && !c.writesOutside) expect(eventState(w).seq).toBeGreaterThan(before.seq);
  else expect(eventState(w)).toEqual(before);
  await c.effect(w, a, ctx, answer);

  if (scope === 'party') {
    // One of the sides, not anyone: the same thing between two other organizations is refused.
    if (!c.foreign) throw new Error(`${action} has 'party' cells but no foreign case`);
    const other = c.foreign(w);
    const untouched = eventState(w);
    expectRefused(await c.perform(w, a, other));
    expect(eventState(w)).toEqual(untouched);
  }
}

// ---- the suite ----

const performed = new Set<string>();
const cellName = (action: Action, column: Column) => `${action} × ${column}`;

describe('authorization: every cell of the policy table, performed', () => {
  it('anonymous: the handshake refuses a socket without a session, with a forged one, or with a forged board link', async () => {
    const w = await makeWorld('09:00');
    try {
      const attempts = [
        {},
        { extraHeaders: { cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` } },
        { auth: { board: 'B'.repeat(44) } },
      ];
      for (const options of attempts) {
        const socket = io(w.h.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, ...options });
        const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
        socket.close();
        expect(error.message).toBe(ErrorCode.Unauthenticated);
      }
    } finally {
      await w.h.stop();
    }
    // No socket, so no socket command: the anonymous column of every socket action is this test.
    for (const action of ACTIONS) {
      if (CASES[action].via !== 'socket') continue;
      expect(scopeOf(action, 'anonymous')).toBe('none');
      performed.add(cellName(action, 'anonymous'));
    }
  });

  for (const action of ACTIONS) {
    describe(action, () => {
      let w: World;
      beforeAll(async () => {
        w = await makeWorld(CASES[action].clock ?? '09:00');
      });
      afterAll(async () => {
        await stopWorld(w);
      });
      for (const column of COLUMNS) {
        if (CASES[action].via === 'socket' && column === 'anonymous') continue;
        it(`${column}: ${scopeOf(action, column)}`, async () => {
          await performCell(w, action, column);
          performed.add(cellName(action, column));
        });
      }
    });
  }

  it('performed every cell: each action of the table by each of the seven principals', () => {
    expect(Object.keys(CASES).sort()).toEqual([...ACTIONS].sort());
    const cells = ACTIONS.flatMap((action) => COLUMNS.map((column) => cellName(action, column)));
    expect([...performed].sort()).toEqual(cells.sort());
  });
});
