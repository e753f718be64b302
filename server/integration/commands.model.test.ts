/**
 * A model-based test of the command set (fast-check's `fc.commands`): random sequences of commands
 * from several principals against a real server with real sockets. After every step it checks what
 * a person would notice if it broke:
 *  - every connected screen (its copy kept from a snapshot and the facts since, by the client's own
 *    reducers in shared/replica.ts) equals a fresh snapshot of the same viewer;
 *  - no table, organization or pair is in two meetings at once, and no organization over its cap;
 *  - the change log accounts for every request and meeting as the store holds it.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../shared/errors.js';
import type { GridSettings, MeetingStatus, RequestStatus, Snapshot } from '../../shared/model.js';
import { PROTOCOL_VERSION } from '../../shared/constants.js';
import type { ServerToClientEvents } from '../../shared/protocol.js';
import { applyFact, replicaOf, type Replica } from '../../shared/replica.js';
import { zonedTime } from '../domain/slots.js';
import { callRaw, openSocket, startHarness, type ClientSocket, type Harness } from '../testing/harness.js';

const FACTS: (keyof ServerToClientEvents)[] = [
  'program:changed',
  'counts:changed',
  'interest:changed',
  'stats:changed',
  'leads:changed',
  'people:changed',
  'meetings:changed',
  'grid:changed',
  'challenges:changed',
  'fit:changed',
];

/** A signed-in screen: its socket and the copy of the event it keeps from facts. */
interface Screen {
  label: string;
  url: string | null; // null: the board
  socket: ClientSocket;
  replica: Replica;
  /** An org member's organization id. */
  orgId: string | null;
  /** Set while the screen reconnects after the server ended its socket. */
  reconnecting?: Promise<void>;
  /** Opens another socket as the same viewer (the same session), for a fresh snapshot. */
  again: () => Promise<ClientSocket>;
}

interface World {
  h: Harness;
  organizer: Screen;
  /** Firms and partners (guests), then ventures; each an organization's member. */
  guests: Screen[];
  ventures: Screen[];
  screens: Screen[];
  at: (time: string) => number;
  personIds: string[];
  /** The store as seeded, before the first command: the change log tells what came after. */
  start: { seq: number; people: PeopleRows };
}

/** What the log must account for beside requests and meetings: check-ins, interests, names. */
interface PeopleRows {
  checkedIn: Set<string>;
  interests: Map<string, string>;
  names: Map<string, string>;
}

function peopleRows(w: Pick<World, 'h'>): PeopleRows {
  const { db } = w.h.store;
  const eventId = w.h.eventId;
  return {
    checkedIn: new Set(
      db.prepare<[string], string>('SELECT person_id FROM checkins WHERE event_id = ?').pluck().all(eventId),
    ),
    interests: new Map(
      db
        .prepare<[string], { k: string; level: string }>(
          "SELECT person_id || '>' || venture_id AS k, level FROM interests WHERE event_id = ?",
        )
        .all(eventId)
        .map((r) => [r.k, r.level]),
    ),
    names: new Map(w.h.store.listPeople(eventId).map((p) => [p.id, p.name])),
  };
}

const key = () => randomUUID().replaceAll('-', '');

async function snapshot(socket: ClientSocket): Promise<Snapshot> {
  const answer = (await callRaw(socket, 'sync', { protocol: PROTOCOL_VERSION })) as Ack<Snapshot>;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

/**
 * Opens a screen that behaves as the phone's socket module does: a fresh snapshot on connect, the
 * facts through the shared reducers, and, when the server ends the socket (a correction moved the
 * person's rooms or name), a new connection and snapshot.
 */
async function openScreen(h: Harness, label: string, url: string | null): Promise<Screen> {
  const cookie = url === null ? null : await h.signIn(url);
  const connect = () =>
    cookie === null
      ? openSocket(h.baseUrl, { board: h.links.board.split('/board/')[1]! }, h.clients)
      : openSocket(h.baseUrl, { cookie }, h.clients);
  const screen = { label, url, again: connect } as Screen;
  const attach = async () => {
    screen.socket = await connect();
    const snap = await snapshot(screen.socket);
    screen.replica = replicaOf(snap);
    screen.orgId = snap.viewer.kind === 'person' ? (snap.viewer.org?.id ?? null) : null;
    for (const fact of FACTS) {
      screen.socket.on(fact, ((payload: never) => {
        screen.replica = applyFact(screen.replica, fact, payload);
      }) as never);
    }
    screen.socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') screen.reconnecting = attach();
    });
  };
  await attach();
  return screen;
}

/** What a person sees, independent of the order lists arrived in and of bookkeeping. */
function view(r: Replica) {
  const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
  return {
    event: r.event,
    viewer: r.viewer,
    program: r.program,
    ventures: byId(r.ventures),
    topics: r.topics,
    // A venture nobody tapped is absent from a snapshot and zero after an undo: the same on screen.
    counts: Object.fromEntries(Object.entries(r.counts).filter(([, c]) => c.total > 0 || c.wantToMeet > 0)),
    myInterests: r.myInterests,
    stats: r.stats,
    leads: [...r.leads].sort((a, b) => a.personId.localeCompare(b.personId)),
    people: byId(r.people),
    grid: r.grid,
    requests: byId(r.requests),
    meetings: byId(r.meetings),
  };
}

/** The day's first grid: one or two slots, one or two tables, a cap or none; commands may change it. */
interface FirstGrid {
  slots: 1 | 2;
  tables: 1 | 2;
  cap: number | null;
}

async function openWorld(first: FirstGrid): Promise<World> {
  let clock = 0;
  const h = await startHarness({ now: () => clock });
  const date = h.store.getEvent(h.eventId)!.date;
  const at = (time: string) => zonedTime(date, time, 'Asia/Tokyo');
  clock = at('09:00'); // the morning of the day: every slot of the afternoon is ahead
  const people = h.links.people;
  const firstOfOrg = (role: string) => [
    ...new Map(people.filter((p) => p.role === role).map((p) => [p.org, p])).values(),
  ];
  const firms = firstOfOrg('firm');
  // A second person of the first firm's company: facts for an organization reach all its members.
  const colleague = people.find((p) => p.role === 'firm' && p.org === firms[0]!.org && p.url !== firms[0]!.url);
  const guestLinks = [firms[0]!, ...(colleague ? [colleague] : []), firms[1]!, firms[2]!, firstOfOrg('partner')[0]!];
  const ventureLinks = firstOfOrg('venture').slice(0, 3);
  const organizer = await openScreen(h, 'organizer', h.person('organizer').url);
  const guests = await Promise.all(guestLinks.map((p, i) => openScreen(h, `guest${i}`, p.url)));
  const ventures = await Promise.all(ventureLinks.map((p, i) => openScreen(h, `venture${i}`, p.url)));
  const board = await openScreen(h, 'board', null);
  // Few places, so that bookings take requests' last ones and cancels give them back.
  const grid: GridSettings = {
    windows: [{ start: '15:00', end: first.slots === 1 ? '15:15' : '15:40' }],
    slotMinutes: 15,
    bufferMinutes: 5,
    tables: ['A', 'B'].slice(0, first.tables),
    capPerOrg: first.cap,
    breaks: [],
  };
  const saved = await callRaw(organizer.socket, 'grid:save', grid);
  if (!saved.ok) throw new Error(saved.error.message);
  return {
    h,
    organizer,
    guests,
    ventures,
    screens: [organizer, ...guests, ...ventures, board],
    at,
    personIds: h.store.listPeople(h.eventId).map((p) => p.id),
    start: { seq: h.store.eventSeq(h.eventId), people: peopleRows({ h }) },
  };
}

// ---- the checks after every step ----

async function expectScreensEqualSnapshots(w: World, step: string): Promise<void> {
  w.h.app.flush();
  for (const s of w.screens) await s.reconnecting;
  for (const s of w.screens) {
    // The sync is answered after every fact sent before it on this socket: the copy is complete.
    await snapshot(s.socket);
    // The same viewer signing in now: nothing cached on the old socket (its person, its rooms).
    const other = await s.again();
    const fresh = await snapshot(other);
    other.disconnect();
    expect(view(s.replica), `${s.label}'s screen after ${step}`).toEqual(view(replicaOf(fresh)));
  }
}

function expectStoreInvariants(w: World): void {
  const { db } = w.h.store;
  const clash = (columns: string) =>
    db
      .prepare(
        `SELECT ${columns}, count(*) AS n FROM meetings WHERE event_id = ? AND status <> 'cancelled'
         GROUP BY ${columns} HAVING n > 1`,
      )
      .all(w.h.eventId);
  expect(clash('slot_start, table_name'), 'a table twice in one slot').toEqual([]);
  expect(clash('slot_start, guest_org'), 'a guest twice in one slot').toEqual([]);
  expect(clash('slot_start, venture_org'), 'a venture twice in one slot').toEqual([]);
  expect(clash('guest_org, venture_org'), 'a pair in two meetings').toEqual([]);
  const cap = w.h.store.getGrid(w.h.eventId)?.capPerOrg;
  if (cap) {
    const over = db
      .prepare(
        `SELECT org, count(*) AS n FROM (
           SELECT guest_org AS org FROM meetings WHERE event_id = ? AND status <> 'cancelled'
           UNION ALL SELECT venture_org FROM meetings WHERE event_id = ? AND status <> 'cancelled'
         ) GROUP BY org HAVING n > ?`,
      )
      .all(w.h.eventId, w.h.eventId, cap);
    expect(over, 'an organization over its cap').toEqual([]);
  }
  expectLogAccountsForStore(w);
}

/** Replays the change log's request and meeting rows and compares the result with the store. */
function expectLogAccountsForStore(w: World): void {
  const rows = w.h.store.db
    .prepare<[string], { kind: string; data: string; seq: number }>(
      'SELECT kind, data, seq FROM changes WHERE event_id = ? ORDER BY seq',
    )
    .all(w.h.eventId);
  const requests = new Map<string, RequestStatus>();
  const people: PeopleRows = {
    checkedIn: new Set(w.start.people.checkedIn),
    interests: new Map(w.start.people.interests),
    names: new Map(w.start.people.names),
  };
  for (const row of rows.filter((r) => r.seq > w.start.seq)) {
    const d = JSON.parse(row.data) as {
      personId: string;
      ventureId: string;
      name: string;
      interest: { level: string };
    };
    if (row.kind === 'checkin:added') people.checkedIn.add(d.personId);
    if (row.kind === 'checkin:removed') people.checkedIn.delete(d.personId);
    if (row.kind === 'interest:set') people.interests.set(`${d.personId}>${d.ventureId}`, d.interest.level);
    if (row.kind === 'interest:removed') people.interests.delete(`${d.personId}>${d.ventureId}`);
    if (row.kind === 'person:updated') people.names.set(d.personId, d.name);
  }
  expect(people, 'check-ins, interests and names as the change log tells them').toEqual(peopleRows(w));
  const meetings = new Map<string, { status: MeetingStatus; slotStart: number; table: string }>();
  for (const row of rows) {
    const d = JSON.parse(row.data) as Record<string, unknown>;
    const id = d.id as string;
    switch (row.kind) {
      case 'meeting:requested':
      case 'meeting:revived':
        requests.set(id, 'pending');
        break;
      case 'meeting:declined':
        requests.set(id, 'declined');
        break;
      case 'meeting:withdrawn':
        requests.set(id, 'withdrawn');
        break;
      case 'meeting:expired':
        requests.set(id, 'expired');
        break;
      case 'meeting:accepted':
        requests.set(d.requestId as string, 'accepted');
        break;
      case 'meeting:booked':
        if (d.requestId) requests.set(d.requestId as string, 'accepted');
        meetings.set(d.meetingId as string, {
          status: 'scheduled',
          slotStart: d.slotStart as number,
          table: d.table as string,
        });
        break;
      case 'meeting:moved': {
        const to = d.to as { slotStart: number; table: string };
        meetings.set(d.meetingId as string, { status: 'scheduled', slotStart: to.slotStart, table: to.table });
        break;
      }
      case 'meeting:cancelled':
        meetings.set(d.meetingId as string, { ...meetings.get(d.meetingId as string)!, status: 'cancelled' });
        break;
      case 'meeting:marked':
        meetings.set(d.meetingId as string, {
          ...meetings.get(d.meetingId as string)!,
          status: d.status as MeetingStatus,
        });
        break;
    }
  }
  const store = {
    requests: new Map(w.h.store.requests(w.h.eventId).map((r) => [r.id, r.status])),
    meetings: new Map(
      w.h.store
        .meetings(w.h.eventId)
        .map((m) => [m.id, { status: m.status, slotStart: m.slotStart, table: m.table }] as const),
    ),
  };
  expect(requests, 'requests as the change log tells them').toEqual(store.requests);
  expect(meetings, 'meetings as the change log tells them').toEqual(store.meetings);
}

// ---- the commands ----

type Real = World;
type Model = Record<string, never>;

/** A command sent by one screen; its answer may be a refusal, which is fine: the checks are what matter. */
abstract class Step implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  abstract send(w: World): Promise<unknown>;
  abstract toString(): string;
  async run(_m: Model, w: Real): Promise<void> {
    await this.send(w);
    await expectScreensEqualSnapshots(w, this.toString());
    expectStoreInvariants(w);
  }
}

const pick = <T>(list: readonly T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
const slotTime = (w: World, i: number) => w.at(['15:00', '15:20'][i % 2]!);

class Request extends Step {
  constructor(
    readonly from: number,
    readonly to: number,
    readonly ventureAsks: boolean,
  ) {
    super();
  }
  send(w: World) {
    const [asker, target] = this.ventureAsks
      ? [pick(w.ventures, this.from)!, pick(w.guests, this.to)!]
      : [pick(w.guests, this.from)!, pick(w.ventures, this.to)!];
    return callRaw(asker.socket, 'meeting:request', { toOrgId: target.orgId, message: 'ご相談', key: key() });
  }
  toString = () => `request(${this.ventureAsks ? 'venture' : 'guest'} ${this.from} → ${this.to})`;
}

class Respond extends Step {
  constructor(
    readonly which: number,
    readonly accept: boolean,
  ) {
    super();
  }
  send(w: World) {
    const pending = w.h.store.requests(w.h.eventId).filter((r) => r.status === 'pending');
    const request = pick(pending, this.which);
    if (!request) return Promise.resolve();
    const answerer = w.screens.find((s) => s.orgId === request.toOrgId)!;
    return callRaw(answerer.socket, 'meeting:respond', { requestId: request.id, accept: this.accept });
  }
  toString = () => `respond(${this.which}, ${this.accept ? 'accept' : 'decline'})`;
}

class Withdraw extends Step {
  constructor(readonly which: number) {
    super();
  }
  send(w: World) {
    const request = pick(
      w.h.store.requests(w.h.eventId).filter((r) => r.status === 'pending'),
      this.which,
    );
    if (!request) return Promise.resolve();
    const asker = w.screens.find((s) => s.orgId === request.fromOrgId)!;
    return callRaw(asker.socket, 'meeting:withdraw', { requestId: request.id });
  }
  toString = () => `withdraw(${this.which})`;
}

class Book extends Step {
  constructor(
    readonly guest: number,
    readonly venture: number,
    readonly slot: number,
    readonly table: number,
  ) {
    super();
  }
  send(w: World) {
    return callRaw(w.organizer.socket, 'meeting:book', {
      guestOrgId: pick(w.guests, this.guest)!.orgId,
      ventureOrgId: pick(w.ventures, this.venture)!.orgId,
      slotStart: slotTime(w, this.slot),
      table: ['A', 'B'][this.table % 2],
      key: key(),
    });
  }
  toString = () => `book(guest ${this.guest}, venture ${this.venture}, slot ${this.slot % 2}, table ${this.table % 2})`;
}

const liveMeetings = (w: World) => w.h.store.meetings(w.h.eventId).filter((m) => m.status === 'scheduled');

class Move extends Step {
  constructor(
    readonly which: number,
    readonly slot: number,
    readonly table: number,
  ) {
    super();
  }
  send(w: World) {
    const meeting = pick(liveMeetings(w), this.which);
    if (!meeting) return Promise.resolve();
    return callRaw(w.organizer.socket, 'meeting:move', {
      meetingId: meeting.id,
      slotStart: slotTime(w, this.slot),
      table: ['A', 'B'][this.table % 2],
    });
  }
  toString = () => `move(${this.which}, slot ${this.slot % 2}, table ${this.table % 2})`;
}

/** An organizer books a pair that already meets, elsewhere on the grid: a slip made at a busy desk. */
class Rebook extends Step {
  constructor(
    readonly which: number,
    readonly slot: number,
    readonly table: number,
  ) {
    super();
  }
  send(w: World) {
    const meeting = pick(liveMeetings(w), this.which);
    if (!meeting) return Promise.resolve();
    return callRaw(w.organizer.socket, 'meeting:book', {
      guestOrgId: meeting.guestOrgId,
      ventureOrgId: meeting.ventureOrgId,
      slotStart: slotTime(w, this.slot),
      table: ['A', 'B'][this.table % 2],
      key: key(),
    });
  }
  toString = () => `rebook(${this.which}, slot ${this.slot % 2}, table ${this.table % 2})`;
}

class Cancel extends Step {
  constructor(
    readonly which: number,
    readonly byParty: boolean,
  ) {
    super();
  }
  send(w: World) {
    const meeting = pick(liveMeetings(w), this.which);
    if (!meeting) return Promise.resolve();
    const by = this.byParty ? w.screens.find((s) => s.orgId === meeting.ventureOrgId)! : w.organizer;
    return callRaw(by.socket, 'meeting:cancel', { meetingId: meeting.id });
  }
  toString = () => `cancel(${this.which}${this.byParty ? ', by the venture' : ''})`;
}

class Tap extends Step {
  constructor(
    readonly guest: number,
    readonly venture: number,
    readonly level: 'interested' | 'want-to-meet' | null,
  ) {
    super();
  }
  send(w: World) {
    return callRaw(pick(w.guests, this.guest)!.socket, 'interest:set', {
      ventureId: pick(w.ventures, this.venture)!.orgId,
      level: this.level,
      key: key(),
    });
  }
  toString = () => `tap(guest ${this.guest}, venture ${this.venture}, ${this.level})`;
}

class CheckIn extends Step {
  constructor(
    readonly person: number,
    readonly undo: boolean,
  ) {
    super();
  }
  send(w: World) {
    const personId = pick(w.personIds, this.person)!;
    return this.undo
      ? callRaw(w.organizer.socket, 'checkin:undo', { personId })
      : callRaw(w.organizer.socket, 'checkin:person', { personId, station: 'A', key: key() });
  }
  toString = () => `${this.undo ? 'undo check-in' : 'check in'}(person ${this.person})`;
}

/** An organizer corrects the name of a person of one of the screens (the company stays). */
class Rename extends Step {
  constructor(
    readonly screen: number,
    readonly name: string,
  ) {
    super();
  }
  send(w: World) {
    const target = pick([...w.guests, ...w.ventures], this.screen)!;
    const snap = target.replica.viewer;
    if (!snap || snap.kind !== 'person') return Promise.resolve();
    const person = w.h.store.getPerson(snap.personId)!;
    return callRaw(w.organizer.socket, 'person:update', {
      personId: person.id,
      name: this.name,
      company: person.org!.name,
      kind: person.org!.kind,
    });
  }
  toString = () => `rename(screen ${this.screen} → ${this.name})`;
}

class Drive extends Step {
  constructor(readonly pitch: number | null) {
    super();
  }
  send(w: World) {
    if (this.pitch === null) return callRaw(w.organizer.socket, 'program:control', { action: 'next' });
    const pitches = w.organizer.replica.program?.pitches ?? [];
    const pitch = pick(pitches, this.pitch);
    return pitch
      ? callRaw(w.organizer.socket, 'program:control', { action: 'start', pitchId: pitch.id })
      : Promise.resolve();
  }
  toString = () => (this.pitch === null ? 'program next' : `start pitch ${this.pitch}`);
}

class Grid extends Step {
  constructor(
    readonly tables: number,
    readonly slots: number,
    readonly cap: number | null,
  ) {
    super();
  }
  send(w: World) {
    return callRaw(w.organizer.socket, 'grid:save', {
      windows: [{ start: '15:00', end: this.slots === 1 ? '15:15' : '15:40' }],
      slotMinutes: 15,
      bufferMinutes: 5,
      tables: ['A', 'B'].slice(0, this.tables),
      capPerOrg: this.cap,
      breaks: [],
    });
  }
  toString = () => `grid(${this.tables} tables, ${this.slots} slots, cap ${this.cap})`;
}

/** An organizer merges one organization of the screens into another (one company registered twice). */
class Merge extends Step {
  constructor(
    readonly ventures: boolean,
    readonly from: number,
    readonly into: number,
  ) {
    super();
  }
  send(w: World) {
    const side = this.ventures ? w.ventures : w.guests;
    return callRaw(w.organizer.socket, 'org:merge', {
      intoOrgId: pick(side, this.into)!.orgId,
      fromOrgId: pick(side, this.from)!.orgId,
      key: key(),
    });
  }
  toString = () => `merge(${this.ventures ? 'venture' : 'guest'} ${this.from} → ${this.into})`;
}

const small = fc.nat({ max: 7 });
const request = fc.tuple(small, small, fc.boolean()).map(([a, b, v]) => new Request(a, b, v));
// Bookings among few pairs: contention over the same organizations is where the rules are tested.
const few = fc.nat({ max: 2 });
const book = fc.tuple(few, few, small, small).map(([g, v, s, t]) => new Book(g, v, s, t));
const firstGrid: fc.Arbitrary<FirstGrid> = fc.record({
  // Two slots more often than one: a pair can only be booked twice where it has two slots.
  slots: fc.constantFrom(1 as const, 2 as const, 2 as const),
  tables: fc.constantFrom(1 as const, 2 as const),
  cap: fc.constantFrom(null, 1, 2, 2),
});
const COMMANDS = [
  // Requests twice as often as the rest: most rules are about what becomes of them.
  request,
  request,
  // Bookings twice too: they are what takes and gives places.
  book,
  book,
  fc.tuple(small, fc.boolean()).map(([i, a]) => new Respond(i, a)),
  small.map((i) => new Withdraw(i)),
  fc.tuple(small, small, small).map(([i, s, t]) => new Move(i, s, t)),
  fc.tuple(small, small, small).map(([i, s, t]) => new Rebook(i, s, t)),
  fc.tuple(small, fc.boolean()).map(([i, p]) => new Cancel(i, p)),
  fc
    .tuple(small, small, fc.constantFrom('interested' as const, 'want-to-meet' as const, null))
    .map(([g, v, l]) => new Tap(g, v, l)),
  fc.tuple(fc.nat({ max: 40 }), fc.boolean()).map(([p, u]) => new CheckIn(p, u)),
  fc.tuple(small, fc.constantFrom('佐藤 二郎', '髙橋 𠮷子', 'Anna Müller')).map(([s, n]) => new Rename(s, n)),
  fc.option(small, { nil: null }).map((p) => new Drive(p)),
  fc
    .tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.option(fc.integer({ min: 1, max: 3 })))
    .map(([t, s, c]) => new Grid(t, s, c)),
  fc.tuple(fc.boolean(), small, small).map(([v, f, i]) => new Merge(v, f, i)),
];

const RUNS = Number(process.env.PITCH_MODEL_RUNS ?? 60);

describe('the command set, model-based', () => {
  const worlds: World[] = [];
  afterAll(async () => {
    for (const w of worlds) await w.h.stop().catch(() => {});
  });

  it('keeps every screen equal to a fresh snapshot and the store consistent with its log, whatever the order of commands', async () => {
    await fc.assert(
      fc.asyncProperty(firstGrid, fc.commands(COMMANDS, { maxCommands: 30, size: 'max' }), async (grid, commands) => {
        const w = await openWorld(grid);
        worlds.push(w);
        try {
          await fc.asyncModelRun(() => ({ model: {} as Model, real: w }), commands);
        } finally {
          await w.h.stop();
          worlds.splice(worlds.indexOf(w), 1);
        }
      }),
      { numRuns: RUNS, ...(process.env.PITCH_MODEL_SEED ? { seed: Number(process.env.PITCH_MODEL_SEED) } : {}) },
    );
  }, 300_000);
});
