/**
 * The crash drill: the real server as a child process on a temporary store, several people signed
 * in at once (two door stations, firms tapping and asking for meetings, ventures asking and
 * accepting, an organizer booking by hand), SIGKILL at a random moment while commands are in
 * flight, a restart on the same file, and a check that every acknowledged change is there and
 * nothing is half-written. `npm run fault` runs several rounds; server/integration/fault.test.ts a small one.
 *
 * A command that was answered must be in the store. One that was in flight at the kill may or may
 * not be: the check accepts either outcome for it, then carries on from what the store holds.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { STANDARD_TOPICS } from '../../shared/constants.js';
import type { GridSettings, InterestLevel } from '../../shared/model.js';
import type { CommandName } from '../../shared/protocol.js';
import { makeToken } from '../auth/tokens.js';
import { openDb } from '../store/db.js';
import { Store } from '../store/store.js';
import { freePort, serverEnv, SERVER_ENTRY, sleep, startServer, type Running } from './process.js';
import { addOrganizations, seedSmallDemo } from './seeding.js';
import { callWithin, connectSynced, signIn, type Answer, type ClientSocket, type Payload } from './socket-client.js';

export interface DrillOptions {
  /** The repository root (cwd of the server). */
  root: string;
  /** `built`: node dist/server/index.js; `tsx`: the sources, no build needed. */
  runner: 'built' | 'tsx';
  rounds: number;
  /** Local firms added to the demo's (one person each): the door and the taps spread over them. */
  extraFirms: number;
  extraVentures: number;
  /** Firms with a phone open, tapping and asking for meetings. */
  tappers: number;
  /** After the load has done a little of everything, the kill comes within this many ms. */
  killWithinMs: number;
  seed: number;
  log?: (line: string) => void;
}

export interface Acked {
  checkins: number;
  undos: number;
  interests: number;
  requests: number;
  meetings: number;
  bookings: number;
}

export interface RoundReport {
  round: number;
  /** From the start of the load to the kill. */
  killAtMs: number;
  /** Commands sent and not answered when the server died. */
  inFlight: number;
  acked: Acked;
  /** Acknowledged facts compared with the store after the restart, all rounds so far. */
  checked: { checkins: number; interests: number; requests: number; meetings: number; replays: number };
  /** Facts whose last command was lost in flight (either outcome accepted). */
  unsure: number;
  changeLog: number;
  restartMs: number;
  failures: string[];
}

type Keyed = 'checkin:person' | 'checkin:scan' | 'meeting:book';

interface Person {
  id: string;
  orgId: string | null;
  token: string;
}

interface Prepared {
  dir: string;
  dbFile: string;
  secretHex: string;
  eventId: string;
  organizer: Person;
  /** Everyone the door may check in. */
  attendees: Person[];
  /** One person per local firm or partner. */
  guests: Person[];
  /** One person per venture. */
  ventures: Person[];
}

/** What the drill was told, and what it could not be sure of. */
interface Ledger {
  checkins: Map<string, boolean>;
  interests: Map<string, InterestLevel | null>;
  requests: Set<string>;
  meetings: Map<string, { slotStart: number; table: string }>;
  /** Organizer commands with an idempotency key and their answers, to send again after the restart. */
  keyed: { event: Keyed; payload: unknown; data: unknown }[];
  /** Check-ins lost in flight, to send again with the same key as a station's outbox does. */
  lostKeyed: { event: 'checkin:person' | 'checkin:scan'; payload: unknown; personId: string }[];
  /** What a command lost in flight would have made of a fact. */
  unsureCheckins: Map<string, boolean>;
  unsureInterests: Map<string, InterestLevel | null>;
}

// Wide enough that the booking never runs out of places in a drill.
const GRID: GridSettings = {
  windows: [{ start: '09:00', end: '21:00' }],
  slotMinutes: 15,
  bufferMinutes: 0,
  tables: Array.from({ length: 10 }, (_, i) => `T${i + 1}`),
  capPerOrg: null,
  breaks: [],
};

const key = () => randomUUID().replaceAll('-', '');

/** A seeded generator, so a failing drill's choices can be replayed with its seed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    between: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
  };
}
type Random = ReturnType<typeof generator>;

export async function runFaultDrill(options: DrillOptions): Promise<RoundReport[]> {
  const log = options.log ?? (() => {});
  const random = generator(options.seed);
  const drill = prepare(options);
  const ledger: Ledger = {
    checkins: new Map(),
    interests: new Map(),
    requests: new Set(),
    meetings: new Map(),
    keyed: [],
    lostKeyed: [],
    unsureCheckins: new Map(),
    unsureInterests: new Map(),
  };
  const reports: RoundReport[] = [];
  let server = await startDrillServer(options, drill);
  const cookies = new Map<string, string>();
  try {
    for (let round = 1; round <= options.rounds; round++) {
      const report = await runRound(round, options, drill, ledger, random, () => server, cookies, log);
      const restarted = performance.now();
      server = await startDrillServer(options, drill);
      report.restartMs = Math.round(performance.now() - restarted);
      report.failures.push(...(await verify(drill, ledger, server, cookies, report)));
      reports.push(report);
      log(
        `round ${round}: killed at ${report.killAtMs} ms with ${report.inFlight} in flight; ` +
          `acknowledged ${JSON.stringify(report.acked)}; ${report.failures.length ? `FAILED: ${report.failures.join(' | ')}` : 'all there'}`,
      );
    }
  } finally {
    await server.stop();
  }
  const failed = reports.some((r) => r.failures.length > 0);
  if (failed) log(`The store is kept for a look: ${drill.dbFile}`);
  else fs.rmSync(drill.dir, { recursive: true, force: true });
  return reports;
}

// ---------------------------------------------------------------------------------------------------------------
// The store and the server

function prepare(options: DrillOptions): Prepared {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-fault-'));
  const dbFile = path.join(dir, 'pitch.db');
  const secret = randomBytes(32);
  const store = new Store(openDb(dbFile));
  try {
    const eventId = seedSmallDemo(store, 'fault drill');
    const names = (name: string) => (i: number) => ({ org: `${name}${i + 1}`, person: `${name}${i + 1} 担当` });
    addOrganizations(store, eventId, 'firm', options.extraFirms, names('障害試験企業'));
    addOrganizations(store, eventId, 'venture', options.extraVentures, names('障害試験ベンチャー'));
    store.setGrid(eventId, GRID);
    const people = store.listPeople(eventId).map((p) => ({
      id: p.id,
      orgId: p.org?.id ?? null,
      role: p.role,
      token: makeToken(secret, 'person', p.badgeNonce),
    }));
    const firstOfOrg = (roles: string[]) => {
      const seen = new Map<string, Person>();
      for (const p of people) if (roles.includes(p.role) && p.orgId && !seen.has(p.orgId)) seen.set(p.orgId, p);
      return [...seen.values()];
    };
    const organizer = people.find((p) => p.role === 'organizer');
    if (!organizer) throw new Error('The demo event has no organizer.');
    return {
      dir,
      dbFile,
      secretHex: secret.toString('hex'),
      eventId,
      organizer,
      attendees: people.filter((p) => p.role !== 'organizer'),
      guests: firstOfOrg(['firm', 'partner']),
      ventures: firstOfOrg(['venture']),
    };
  } finally {
    store.db.close();
  }
}

interface Server extends Running {
  baseUrl: string;
}

async function startDrillServer(options: DrillOptions, drill: Prepared): Promise<Server> {
  const port = await freePort();
  const running = await startServer({
    port,
    env: serverEnv({ port, dbFile: drill.dbFile, secretHex: drill.secretHex }, { PITCH_SEED_DEMO: '0' }),
    cwd: options.root,
    args: SERVER_ENTRY[options.runner],
    timeoutMs: 30_000,
  });
  return { ...running, baseUrl: `http://127.0.0.1:${port}` };
}

/** Sends a command; null when no answer came (the server died with it in flight). */
function send<E extends CommandName>(socket: ClientSocket, event: E, payload: Payload<E>): Promise<Answer<E> | null> {
  return callWithin(socket, event, payload, 15_000);
}

/** Signs a person in once (the session cookie must survive every crash) and connects, as the app does. */
async function connect(server: Server, person: Person, cookies: Map<string, string>, sockets: ClientSocket[]) {
  let cookie = cookies.get(person.id);
  if (!cookie) {
    cookie = await signIn(`${server.baseUrl}/t/${person.token}`);
    cookies.set(person.id, cookie);
  }
  return connectSynced(server.baseUrl, cookie, sockets);
}

// ---------------------------------------------------------------------------------------------------------------
// One round: load, kill

async function runRound(
  round: number,
  options: DrillOptions,
  drill: Prepared,
  ledger: Ledger,
  random: Random,
  current: () => Server,
  cookies: Map<string, string>,
  log: (line: string) => void,
): Promise<RoundReport> {
  const server = current();
  const sockets: ClientSocket[] = [];
  const acked: Acked = { checkins: 0, undos: 0, interests: 0, requests: 0, meetings: 0, bookings: 0 };
  const failures: string[] = [];
  let inFlight = 0;
  let stopped = false;
  const inbox = new Map<string, string[]>(); // org id → request ids waiting for its answer
  const tappers = drill.guests.slice(0, options.tappers);

  const stations = await Promise.all(['A', 'B'].map(() => connect(server, drill.organizer, cookies, sockets)));
  const booker = await connect(server, drill.organizer, cookies, sockets);
  const firms = await Promise.all(tappers.map((p) => connect(server, p, cookies, sockets)));
  const ventures = await Promise.all(drill.ventures.map((p) => connect(server, p, cookies, sockets)));
  const slots = booker.snapshot.grid?.slots ?? [];
  if (slots.length === 0) throw new Error('The drill event has no meeting grid.');

  /** Sends one command, counting it as in flight until it is answered. */
  async function command<E extends CommandName>(socket: ClientSocket, event: E, payload: Payload<E>) {
    inFlight++;
    const answer = await send(socket, event, payload);
    if (answer) inFlight--;
    else stopped = true; // the server is gone: every worker stops after its current command
    return answer;
  }

  async function door(socket: ClientSocket, station: string, people: Person[]) {
    while (!stopped) {
      const person = random.pick(people);
      if ((ledger.checkins.get(person.id) ?? false) && random.next() < 0.4) {
        ledger.unsureCheckins.set(person.id, false);
        const answer = await command(socket, 'checkin:undo', { personId: person.id });
        if (!answer) return;
        ledger.unsureCheckins.delete(person.id);
        if (answer.ok) {
          ledger.checkins.set(person.id, false);
          acked.undos++;
        } else failures.push(`undo refused: ${answer.error.message}`);
      } else {
        const byScan = random.next() < 0.5;
        const event = byScan ? ('checkin:scan' as const) : ('checkin:person' as const);
        const payload = byScan
          ? { text: `${server.baseUrl}/t/${person.token}`, station, key: key() }
          : { personId: person.id, station, key: key() };
        ledger.unsureCheckins.set(person.id, true);
        const answer = await command(socket, event, payload as never);
        if (!answer) {
          ledger.lostKeyed.push({ event, payload, personId: person.id });
          return;
        }
        ledger.unsureCheckins.delete(person.id);
        if (answer.ok) {
          ledger.checkins.set(person.id, true);
          ledger.keyed.push({ event, payload, data: answer.data });
          acked.checkins++;
        } else failures.push(`check-in refused: ${answer.error.message}`);
      }
      await sleep(random.between(2, 8));
    }
  }

  async function ask(socket: ClientSocket, toOrgId: string) {
    const answer = await command(socket, 'meeting:request', { toOrgId, key: key() });
    if (answer?.ok) {
      ledger.requests.add(answer.data.id);
      inbox.set(toOrgId, [...(inbox.get(toOrgId) ?? []), answer.data.id]);
      acked.requests++;
    }
    return answer;
  }

  async function accept(socket: ClientSocket, requestId: string) {
    const answer = await command(socket, 'meeting:respond', { requestId, accept: true });
    if (answer?.ok && answer.data.meeting) {
      const m = answer.data.meeting;
      ledger.meetings.set(m.id, { slotStart: m.slotStart, table: m.table });
      acked.meetings++;
    }
    return answer;
  }

  async function firm(socket: ClientSocket, me: Person) {
    while (!stopped) {
      const waiting = inbox.get(me.orgId!)?.shift();
      if (waiting) {
        if (!(await accept(socket, waiting))) return;
      } else if (random.next() < 0.15) {
        if (!(await ask(socket, random.pick(drill.ventures).orgId!))) return;
      } else {
        const ventureId = random.pick(drill.ventures).orgId!;
        const level = random.pick(['interested', 'want-to-meet', null] as const);
        const pair = `${me.id} ${ventureId}`;
        ledger.unsureInterests.set(pair, level);
        const answer = await command(socket, 'interest:set', {
          ventureId,
          level,
          tags: [random.pick(STANDARD_TOPICS)],
        });
        if (!answer) return;
        ledger.unsureInterests.delete(pair);
        // A refusal (the per-phone rate limit) changes nothing.
        if (answer.ok) {
          ledger.interests.set(pair, level);
          acked.interests++;
        }
      }
      // About 7 commands a second: under the per-phone limit of 10.
      await sleep(random.between(110, 170));
    }
  }

  async function venture(socket: ClientSocket, me: Person) {
    while (!stopped) {
      const waiting = inbox.get(me.orgId!)?.shift();
      if (waiting) {
        if (!(await accept(socket, waiting))) return;
      } else if (random.next() < 0.4 && tappers.length > 0) {
        if (!(await ask(socket, random.pick(tappers).orgId!))) return;
      }
      await sleep(random.between(40, 100));
    }
  }

  async function book(socket: ClientSocket) {
    while (!stopped) {
      const payload = {
        guestOrgId: random.pick(drill.guests).orgId!,
        ventureOrgId: random.pick(drill.ventures).orgId!,
        slotStart: random.pick(slots).start,
        table: random.pick(GRID.tables),
        key: key(),
      };
      const answer = await command(socket, 'meeting:book', payload);
      if (!answer) return;
      // Refusals (a taken place, a pair that already meets) are part of the load.
      if (answer.ok) {
        ledger.meetings.set(answer.data.id, { slotStart: answer.data.slotStart, table: answer.data.table });
        ledger.keyed.push({ event: 'meeting:book', payload, data: answer.data });
        acked.bookings++;
      }
      await sleep(random.between(20, 60));
    }
  }

  const half = Math.ceil(drill.attendees.length / 2);
  const started = performance.now();
  const workers = [
    door(stations[0]!.socket, 'A', drill.attendees.slice(0, half)),
    door(stations[1]!.socket, 'B', drill.attendees.slice(half)),
    book(booker.socket),
    ...firms.map((f, i) => firm(f.socket, tappers[i]!)),
    ...ventures.map((v, i) => venture(v.socket, drill.ventures[i]!)),
  ];

  // Mid-load: once a little of everything has been answered, at a random moment after that.
  const deadline = Date.now() + 20_000;
  while (
    !(acked.checkins >= 3 && acked.interests >= 3 && acked.requests >= 2 && acked.meetings + acked.bookings >= 2) &&
    Date.now() < deadline &&
    !stopped
  ) {
    await sleep(10);
  }
  if (Date.now() >= deadline) failures.push(`the load did not get going within 20 s: ${JSON.stringify(acked)}`);
  await sleep(random.int(options.killWithinMs));
  const killAtMs = Math.round(performance.now() - started);
  const inFlightAtKill = inFlight;
  server.child.kill('SIGKILL');
  await server.exited;
  await Promise.all(workers);
  for (const s of sockets) s.disconnect();
  log(`round ${round}: SIGKILL at ${killAtMs} ms, ${inFlightAtKill} commands in flight`);
  return {
    round,
    killAtMs,
    inFlight: inFlightAtKill,
    acked,
    checked: { checkins: 0, interests: 0, requests: 0, meetings: 0, replays: 0 },
    unsure: ledger.unsureCheckins.size + ledger.unsureInterests.size,
    changeLog: 0,
    restartMs: 0,
    failures,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// After the restart: what was acknowledged is there, nothing is half-written

async function verify(
  drill: Prepared,
  ledger: Ledger,
  server: Server,
  cookies: Map<string, string>,
  report: RoundReport,
): Promise<string[]> {
  const failures: string[] = [];
  const fail = (what: string, examples: unknown[]) => {
    if (examples.length) failures.push(`${what} (${examples.length}): ${JSON.stringify(examples.slice(0, 3))}`);
  };
  const db = new Database(drill.dbFile, { readonly: true, fileMustExist: true });
  try {
    const state = readState(db, drill.eventId);
    failures.push(...halfWritten(state));
    report.changeLog = state.seq;

    // Every acknowledged change is there; a lost one may have gone either way.
    const checkinMisses: unknown[] = [];
    for (const personId of new Set([...ledger.checkins.keys(), ...ledger.unsureCheckins.keys()])) {
      const stored = state.checkins.has(personId);
      const unsure = ledger.unsureCheckins.get(personId);
      if (stored !== (ledger.checkins.get(personId) ?? false) && stored !== unsure) checkinMisses.push(personId);
      else if (unsure === undefined) report.checked.checkins++;
      ledger.checkins.set(personId, stored);
    }
    fail('acknowledged check-ins (or undos) missing', checkinMisses);
    const interestMisses: unknown[] = [];
    for (const pair of new Set([...ledger.interests.keys(), ...ledger.unsureInterests.keys()])) {
      const stored = state.interests.get(pair) ?? null;
      const unsure = ledger.unsureInterests.get(pair);
      if (stored !== (ledger.interests.get(pair) ?? null) && stored !== unsure) {
        interestMisses.push({ pair, stored, acknowledged: ledger.interests.get(pair) ?? null });
      } else if (unsure === undefined) report.checked.interests++;
      ledger.interests.set(pair, stored);
    }
    fail('acknowledged interests not at their last acknowledged level', interestMisses);
    ledger.unsureCheckins.clear();
    ledger.unsureInterests.clear();
    fail(
      'acknowledged requests missing',
      [...ledger.requests].filter((id) => !state.requests.has(id)),
    );
    report.checked.requests = ledger.requests.size;
    fail(
      'acknowledged meetings missing or moved',
      [...ledger.meetings].filter(([id, m]) => {
        const stored = state.meetings.get(id);
        return !stored || stored.slotStart !== m.slotStart || stored.table !== m.table || stored.status !== 'scheduled';
      }),
    );
    report.checked.meetings = ledger.meetings.size;
  } finally {
    db.close();
  }

  // The same sessions, the same keys: a station that sends again gets the first answer, and nothing is redone.
  const sockets: ClientSocket[] = [];
  try {
    const { socket } = await connect(server, drill.organizer, cookies, sockets);
    const seqBefore = seqOf(drill);
    const replayMisses: unknown[] = [];
    for (const k of ledger.keyed) {
      const answer = await send(socket, k.event, k.payload as never);
      if (!answer?.ok || !isDeepStrictEqual(answer.data, k.data)) replayMisses.push({ event: k.event, answer });
      else report.checked.replays++;
    }
    fail('keyed commands answered differently after the restart', replayMisses);
    if (seqOf(drill) !== seqBefore) failures.push('sending acknowledged keys again wrote to the change log');
    ledger.keyed = [];
    // The outbox of a station sends what it lost in flight again; afterwards the person is checked in.
    for (const lost of ledger.lostKeyed) {
      const answer = await send(socket, lost.event, lost.payload as never);
      if (!answer?.ok) failures.push(`a lost check-in sent again was refused: ${JSON.stringify(answer)}`);
      else ledger.checkins.set(lost.personId, true);
    }
    ledger.lostKeyed = [];
  } catch (error) {
    failures.push(`after the restart: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    for (const s of sockets) s.disconnect();
  }
  return failures;
}

/** The checks that need no ledger: the file is sound and every table agrees with the change log. */
export function checkStoreFile(dbFile: string, eventId: string): { failures: string[]; seq: number } {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const state = readState(db, eventId);
    return { failures: halfWritten(state), seq: state.seq };
  } finally {
    db.close();
  }
}

function halfWritten(state: StoredState): string[] {
  const failures: string[] = [];
  const fail = (what: string, examples: unknown[]) => {
    if (examples.length) failures.push(`${what} (${examples.length}): ${JSON.stringify(examples.slice(0, 3))}`);
  };
  fail('integrity_check', state.integrity === 'ok' ? [] : [state.integrity]);
  fail('foreign keys broken', state.foreignKeyErrors);
  fail('change-log gaps', state.seqGaps);
  // Each of these is a set of ids the other side must hold too.
  const unmatched = (what: string, ids: Iterable<string>, other: { has(id: string): boolean }) => {
    const missing = [...ids].filter((id) => !other.has(id));
    fail(what, missing);
  };
  unmatched('check-ins without their change-log row', state.checkins, state.logCheckins);
  unmatched('check-in change-log rows without the check-in', state.logCheckins, state.checkins);
  const pairs = new Set([...state.interests.keys(), ...state.logInterests.keys()]);
  fail(
    'interests that disagree with the change log',
    [...pairs].filter((k) => (state.interests.get(k) ?? null) !== (state.logInterests.get(k) ?? null)),
  );
  unmatched('meetings without their change-log row', state.meetings.keys(), state.logMeetings);
  unmatched('booked change-log rows without the meeting', state.logMeetings, state.meetings);
  unmatched('requests without their change-log row', state.requests, state.logRequests);
  fail('accepted requests without a meeting, or meetings of an unaccepted request', state.requestMismatches);
  fail('double bookings', state.clashes);
  return failures;
}

function seqOf(drill: Prepared): number {
  const db = new Database(drill.dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[string], number>('SELECT seq FROM events WHERE id = ?').pluck().get(drill.eventId)!;
  } finally {
    db.close();
  }
}

interface StoredState {
  integrity: string;
  foreignKeyErrors: unknown[];
  seq: number;
  seqGaps: unknown[];
  checkins: Set<string>;
  logCheckins: Set<string>;
  interests: Map<string, InterestLevel>;
  logInterests: Map<string, InterestLevel | null>;
  meetings: Map<string, { slotStart: number; table: string; status: string }>;
  logMeetings: Set<string>;
  requests: Set<string>;
  logRequests: Set<string>;
  requestMismatches: unknown[];
  clashes: unknown[];
}

/** Everything the checks need, read in one transaction so it is one moment of the store. */
function readState(db: Database.Database, eventId: string): StoredState {
  return db.transaction((): StoredState => {
    const all = <T>(sql: string) => db.prepare<[string], T>(sql).all(eventId);
    const seq = db.prepare<[string], number>('SELECT seq FROM events WHERE id = ?').pluck().get(eventId)!;
    const seqs = db
      .prepare<[string], number>('SELECT seq FROM changes WHERE event_id = ? ORDER BY seq')
      .pluck()
      .all(eventId);
    const seqGaps: unknown[] = seqs.flatMap((s, i) => (s === i + 1 ? [] : [{ at: i + 1, found: s }]));
    if (seqs.length !== seq) seqGaps.push({ at: 'end', events_seq: seq, rows: seqs.length });

    // The change log, replayed: the last word on each check-in and each interest.
    const logCheckins = new Set<string>();
    const logInterests = new Map<string, InterestLevel | null>();
    const logMeetings = new Set<string>();
    const logRequests = new Set<string>();
    const log = all<{ kind: string; data: string }>('SELECT kind, data FROM changes WHERE event_id = ? ORDER BY seq');
    for (const { kind, data } of log) {
      const d = JSON.parse(data) as Record<string, unknown>;
      if (kind === 'checkin:added') logCheckins.add(d.personId as string);
      else if (kind === 'checkin:removed') logCheckins.delete(d.personId as string);
      else if (kind === 'interest:set' || kind === 'interest:removed') {
        const interest = d.interest as { level: InterestLevel } | null;
        logInterests.set(`${d.personId as string} ${d.ventureId as string}`, interest?.level ?? null);
      } else if (kind === 'meeting:booked') logMeetings.add(d.meetingId as string);
      else if (kind === 'meeting:requested') logRequests.add(d.id as string);
    }
    for (const [k, v] of logInterests) if (v === null) logInterests.delete(k);

    const pairs = (column: string) =>
      all<{ a: string; b: string }>(
        `SELECT a.id AS a, b.id AS b FROM meetings a JOIN meetings b
           ON a.event_id = b.event_id AND a.slot_start = b.slot_start AND a.${column} = b.${column} AND a.id < b.id
         WHERE a.event_id = ? AND a.status <> 'cancelled' AND b.status <> 'cancelled'`,
      ).map((p) => ({ column, ...p }));
    return {
      integrity: String(db.pragma('integrity_check', { simple: true })),
      foreignKeyErrors: db.pragma('foreign_key_check') as unknown[],
      seq,
      seqGaps,
      checkins: new Set(
        all<{ person_id: string }>('SELECT person_id FROM checkins WHERE event_id = ?').map((r) => r.person_id),
      ),
      logCheckins,
      interests: new Map(
        all<{ person_id: string; venture_id: string; level: InterestLevel }>(
          'SELECT person_id, venture_id, level FROM interests WHERE event_id = ?',
        ).map((r) => [`${r.person_id} ${r.venture_id}`, r.level]),
      ),
      logInterests,
      meetings: new Map(
        all<{ id: string; slot_start: number; table_name: string; status: string }>(
          'SELECT id, slot_start, table_name, status FROM meetings WHERE event_id = ?',
        ).map((r) => [r.id, { slotStart: r.slot_start, table: r.table_name, status: r.status }]),
      ),
      logMeetings,
      requests: new Set(all<{ id: string }>('SELECT id FROM meeting_requests WHERE event_id = ?').map((r) => r.id)),
      logRequests,
      requestMismatches: all(
        `SELECT r.id, r.status, (SELECT COUNT(*) FROM meetings m WHERE m.request_id = r.id) AS meetings
           FROM meeting_requests r WHERE r.event_id = ?
            AND (r.status = 'accepted') <> ((SELECT COUNT(*) FROM meetings m WHERE m.request_id = r.id) = 1)`,
      ),
      clashes: [...pairs('table_name'), ...pairs('guest_org'), ...pairs('venture_org')],
    };
  })();
}
