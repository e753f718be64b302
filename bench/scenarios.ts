/**
 * The event-day scenarios. Each returns table rows, figures checked against the product's targets,
 * and correctness failures (wrong counts, clashes, unanswered commands), never throwing for a slow run.
 */
import Database from 'better-sqlite3';
import { PROTOCOL_VERSION } from '../shared/constants.js';
import type { CountsChanged, Snapshot } from '../shared/model.js';
import {
  call,
  connectPerson,
  cpuMsOf,
  dist,
  now,
  openSocket,
  paced,
  pool,
  sleep,
  tally,
  waitFor,
  type ClientSocket,
  type Dist,
} from './lib.js';
import { metrics, type BenchEvent, type BenchPerson, type Metrics } from './server.js';

export interface Row {
  scenario: string;
  n: number;
  ok: number;
  seconds: number;
  ratePerSec: number | null;
  /** Latency (ms) of what the row measures; event-loop delay for the idle rows. */
  lat: Dist | null;
  note: string;
}

export interface TargetCheck {
  name: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
}

export interface ScenarioResult {
  name: string;
  rows: Row[];
  targets: TargetCheck[];
  /** Correctness failures: these fail --smoke. */
  failures: string[];
  timedOut: boolean;
  detail: Record<string, unknown>;
}

export interface Ctx {
  ev: BenchEvent;
  dbFile: string;
  serverPid: number;
  smoke: boolean;
  limitMs: number;
  /** Connected attendee (firm) sockets, with their person. */
  attendees: { person: BenchPerson; socket: ClientSocket }[];
  /** Two organizer sockets, one per check-in station; the first also drives the program and the grid. */
  stations: ClientSocket[];
  log: (line: string) => void;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
const errorText = (answer: { ok: false; error: { code: string; message: string } }) =>
  `${answer.error.code}: ${answer.error.message.split('. ')[0]!.slice(0, 80)}`;

/** Server CPU share and event-loop delay over a stretch of work. */
async function serverLoad(ctx: Ctx) {
  const cpu0 = await cpuMsOf(ctx.serverPid);
  const own0 = process.cpuUsage();
  await metrics(ctx.ev.baseUrl, true);
  const t0 = now();
  return async () => {
    const elapsed = now() - t0;
    const cpu1 = await cpuMsOf(ctx.serverPid);
    const own = process.cpuUsage(own0);
    const m = await metrics(ctx.ev.baseUrl);
    return {
      serverCpuMs: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null,
      serverCpuPct: cpu0 !== null && cpu1 !== null ? round(((cpu1 - cpu0) / elapsed) * 100, 0) : null,
      benchCpuPct: round(((own.user + own.system) / 1000 / elapsed) * 100, 0),
      eventLoopDelayMs: m.eventLoopDelayMs,
      rssMB: mb(m.rssBytes),
    };
  };
}

function loadNote(load: {
  serverCpuPct: number | null;
  benchCpuPct: number;
  eventLoopDelayMs: Metrics['eventLoopDelayMs'];
}) {
  return `srv cpu ${load.serverCpuPct ?? '?'}%, bench cpu ${load.benchCpuPct}%, srv loop p99 ${load.eventLoopDelayMs.p99} max ${load.eventLoopDelayMs.max} ms`;
}

/** The load note of a paced scenario, saying when the sender fell behind or the time ran out. */
function pacedNote(load: Parameters<typeof loadNote>[0], maxLateMs: number, timedOut: boolean): string {
  return (
    loadNote(load) +
    (maxLateMs > 50 ? `; sender up to ${round(maxLateMs, 0)} ms late` : '') +
    (timedOut ? '; TIME LIMIT' : '')
  );
}

function readonlyDb<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// connect: N attendees signed in, connected and idle

export async function connectScenario(ctx: Ctx, steps: readonly number[], target: number): Promise<ScenarioResult> {
  const result: ScenarioResult = { name: 'connect', rows: [], targets: [], failures: [], timedOut: false, detail: {} };
  const baseline = await metrics(ctx.ev.baseUrl);
  result.detail.baseline = baseline;
  const stepsDetail: Record<string, unknown>[] = [];
  result.detail.steps = stepsDetail;
  let stopAll = false;
  for (const want of steps) {
    if (stopAll) break;
    const items = ctx.ev.firms.slice(ctx.attendees.length, want);
    if (ctx.attendees.length + items.length < want) {
      result.failures.push(`only ${ctx.ev.firms.length} firms prepared for ${want}`);
    }
    const errors: Record<string, number> = {};
    let consecutiveFailures = 0;
    const deadline = Date.now() + ctx.limitMs;
    const load = await serverLoad(ctx);
    const t0 = now();
    const connectMs: number[] = [];
    await pool(
      items,
      50,
      async (person) => {
        const t = now();
        try {
          const socket = await connectPerson(ctx.ev.baseUrl, person.url);
          connectMs.push(now() - t);
          ctx.attendees.push({ person, socket });
          consecutiveFailures = 0;
        } catch (error) {
          consecutiveFailures++;
          tally(errors, error instanceof Error ? (error.message || error.name).slice(0, 100) : String(error));
        }
      },
      deadline,
      () => consecutiveFailures > 200,
    );
    const seconds = (now() - t0) / 1000;
    const timedOut = Date.now() >= deadline && ctx.attendees.length < want;
    if (consecutiveFailures > 200 || timedOut) stopAll = true;
    result.timedOut ||= timedOut;
    const during = await load();
    await sleep(500);
    const after = await metrics(ctx.ev.baseUrl, true);
    await sleep(3000);
    const idle = await metrics(ctx.ev.baseUrl);
    const connected = ctx.attendees.length;
    const perSocket = (after.rssBytes - baseline.rssBytes) / Math.max(1, after.sockets - baseline.sockets);
    const heapPerSocket =
      (after.heapUsedBytes - baseline.heapUsedBytes) / Math.max(1, after.sockets - baseline.sockets);
    const failed = Object.values(errors).reduce((a, b) => a + b, 0);
    stepsDetail.push({
      want,
      connected,
      serverSockets: idle.sockets,
      failed,
      errors,
      seconds: round(seconds, 2),
      connectMs: dist(connectMs),
      rssBeforeMB: mb(baseline.rssBytes),
      rssAfterMB: mb(after.rssBytes),
      bytesPerSocket: Math.round(perSocket),
      heapBytesPerSocket: Math.round(heapPerSocket),
      idleEventLoopDelayMs: idle.eventLoopDelayMs,
      whileConnecting: during,
      timedOut,
    });
    result.rows.push({
      scenario: `connect ${want}`,
      n: want,
      ok: connected,
      seconds: round(seconds, 1),
      ratePerSec: items.length ? round((connected - (want - items.length)) / seconds, 0) : null,
      lat: { n: 0, ...idle.eventLoopDelayMs },
      note:
        `idle loop delay; rss ${mb(baseline.rssBytes)}→${mb(after.rssBytes)} MB, ${round(perSocket / 1024, 1)} KB/socket, ` +
        `sign-in+connect+sync p99 ${dist(connectMs).p99} ms` +
        (failed ? `; ${failed} failed: ${Object.keys(errors).slice(0, 2).join(' | ')}` : '') +
        (timedOut ? '; TIME LIMIT' : ''),
    });
    ctx.log(`  connected ${connected}/${want} in ${round(seconds, 1)} s`);
    if (connected < want) result.failures.push(`connect: only ${connected} of ${want} attendees connected`);
  }
  const best = ctx.attendees.length;
  result.targets.push({
    name: 'connected attendees',
    value: best,
    unit: '',
    target: `>= ${target}`,
    pass: best >= target,
  });
  return result;
}

// ---------------------------------------------------------------------------------------------
// door: two stations scanning badges

interface ScanStats {
  sent: number;
  answered: number;
  latencies: number[];
  outcomes: Record<string, number>;
  errors: Record<string, number>;
}

function newScanStats(): ScanStats {
  return { sent: 0, answered: 0, latencies: [], outcomes: {}, errors: {} };
}

async function scan(station: ClientSocket, name: string, person: BenchPerson, key: string, into: ScanStats) {
  into.sent++;
  const t = now();
  const answer = await call(station, 'checkin:scan', { text: person.url, station: name, key });
  if (!answer) return;
  into.answered++;
  into.latencies.push(now() - t);
  if (answer.ok) tally(into.outcomes, answer.data.outcome);
  else tally(into.errors, errorText(answer));
}

function doorFailures(label: string, people: number, s: ScanStats): string[] {
  const failures: string[] = [];
  const checkedIn = s.outcomes['checked-in'] ?? 0;
  if (checkedIn !== people) failures.push(`door ${label}: ${checkedIn} 'checked-in' outcomes for ${people} people`);
  if (s.answered !== s.sent) failures.push(`door ${label}: ${s.sent - s.answered} scans unanswered`);
  if (Object.keys(s.errors).length) failures.push(`door ${label}: errors ${JSON.stringify(s.errors)}`);
  return failures;
}

export async function doorScenario(
  ctx: Ctx,
  people: number,
  targetRate: number,
  targetP99: number,
): Promise<ScenarioResult> {
  const result: ScenarioResult = { name: 'door', rows: [], targets: [], failures: [], timedOut: false, detail: {} };
  const names = ['A', 'B'];
  const inFlight = 50;
  const max = ctx.ev.firms.slice(0, people);
  const pacedPeople = ctx.ev.firms.slice(people, people * 2);
  if (pacedPeople.length < people) result.failures.push(`door: only ${ctx.ev.firms.length} firms prepared`);

  // 1. As fast as accepted: each station keeps `inFlight` scans open (closed loop).
  {
    const stats = newScanStats();
    const deadline = Date.now() + ctx.limitMs;
    const load = await serverLoad(ctx);
    const t0 = now();
    await Promise.all(
      ctx.stations.map((station, s) =>
        pool(
          max.filter((_, i) => i % ctx.stations.length === s),
          inFlight,
          (person, i) => scan(station, names[s]!, person, `benchmax${s}x${i}`, stats),
          deadline,
        ),
      ),
    );
    const seconds = (now() - t0) / 1000;
    const l = await load();
    const checkedIn = stats.outcomes['checked-in'] ?? 0;
    const timedOut = stats.sent < max.length;
    result.timedOut ||= timedOut;
    result.failures.push(...doorFailures('max', max.length, stats));
    const rate = round(checkedIn / seconds, 0);
    result.detail.max = {
      people: max.length,
      inFlightPerStation: inFlight,
      ...stats,
      latencies: dist(stats.latencies),
      seconds,
      load: l,
    };
    result.rows.push({
      scenario: `door max (${ctx.stations.length}×${inFlight} in flight)`,
      n: max.length,
      ok: checkedIn,
      seconds: round(seconds, 1),
      ratePerSec: rate,
      lat: dist(stats.latencies),
      note: loadNote(l) + (timedOut ? '; TIME LIMIT' : ''),
    });
    result.targets.push({
      name: 'door check-ins/s (max)',
      value: rate,
      unit: '/s',
      target: `>= ${targetRate}`,
      pass: rate >= targetRate,
    });
  }

  // 2. At the target rate (open loop, both stations together): the ack latency a station sees.
  {
    const stats = newScanStats();
    const deadline = Date.now() + ctx.limitMs;
    const pending: Promise<void>[] = [];
    const load = await serverLoad(ctx);
    const t0 = now();
    const { sent, maxLateMs } = await paced(
      pacedPeople,
      1000 / targetRate,
      (person, i) => {
        const s = i % ctx.stations.length;
        pending.push(scan(ctx.stations[s]!, names[s]!, person, `benchpaced${s}x${i}`, stats));
      },
      deadline,
    );
    const sendSeconds = (now() - t0) / 1000;
    await Promise.all(pending);
    const seconds = (now() - t0) / 1000;
    const l = await load();
    const checkedIn = stats.outcomes['checked-in'] ?? 0;
    const timedOut = sent < pacedPeople.length;
    result.timedOut ||= timedOut;
    result.failures.push(...doorFailures('paced', pacedPeople.length, stats));
    const d = dist(stats.latencies);
    result.detail.paced = {
      people: pacedPeople.length,
      rate: targetRate,
      ...stats,
      latencies: d,
      sendSeconds,
      seconds,
      maxLateMs,
      load: l,
    };
    result.rows.push({
      scenario: `door paced ${targetRate}/s`,
      n: pacedPeople.length,
      ok: checkedIn,
      seconds: round(seconds, 1),
      ratePerSec: round(checkedIn / seconds, 0),
      lat: d,
      note: pacedNote(l, maxLateMs, timedOut),
    });
    result.targets.push({
      name: `door ack p99 at ${targetRate}/s`,
      value: d.p99,
      unit: 'ms',
      target: `< ${targetP99}`,
      pass: d.p99 < targetP99,
    });
  }

  // Every person checked in exactly once, in the database itself.
  const rows = readonlyDb(ctx.dbFile, (db) =>
    db
      .prepare<[string], { n: number; people: number }>(
        'SELECT COUNT(*) AS n, COUNT(DISTINCT person_id) AS people FROM checkins WHERE event_id = ?',
      )
      .get(ctx.ev.eventId)!,
  );
  result.detail.db = rows;
  const expected = max.length + pacedPeople.length;
  if (rows.n !== expected || rows.people !== expected) {
    result.failures.push(`door: database holds ${rows.n} check-ins of ${rows.people} people, expected ${expected}`);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// tap storm: a pitch starts, every firm taps "interested" within the window

interface Fact {
  at: number;
  total: number;
}

/** For each tap (send time, rank in ack order), the first fact at or after it whose total reaches the rank. */
function factLatencies(
  taps: { sentAt: number; rank: number }[],
  facts: Fact[],
): { latencies: number[]; missing: number } {
  const latencies: number[] = [];
  let missing = 0;
  for (const tap of taps) {
    // Both at and total grow with the index, so the predicate is monotone: binary search.
    let lo = 0;
    let hi = facts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const f = facts[mid]!;
      if (f.total >= tap.rank && f.at >= tap.sentAt) hi = mid;
      else lo = mid + 1;
    }
    if (lo < facts.length) latencies.push(facts[lo]!.at - tap.sentAt);
    else missing++;
  }
  return { latencies, missing };
}

export async function tapScenario(
  ctx: Ctx,
  tapCount: number,
  windowMs: number,
  targetP99: number,
): Promise<ScenarioResult> {
  const result: ScenarioResult = {
    name: 'tap storm',
    rows: [],
    targets: [],
    failures: [],
    timedOut: false,
    detail: {},
  };
  const organizer = ctx.stations[0]!;
  const snap = await call(organizer, 'sync', { protocol: PROTOCOL_VERSION });
  if (!snap?.ok) throw new Error('organizer sync failed');
  const program: Snapshot['program'] = snap.data.program;
  const pitch = [...program.pitches].sort((a, b) => {
    const sa = program.sessions.find((s) => s.id === a.sessionId)?.position ?? 0;
    const sb = program.sessions.find((s) => s.id === b.sessionId)?.position ?? 0;
    return sa - sb || a.position - b.position;
  })[0];
  if (!pitch) throw new Error('the demo program has no pitch');
  const ventureId = pitch.ventureId;
  const venturePerson = ctx.ev.ventures.find((v) => v.orgId === ventureId);
  if (!venturePerson) throw new Error('no person of the pitching venture');

  const board = await openSocket(ctx.ev.baseUrl, { board: ctx.ev.boardToken });
  const boardSync = await call(board, 'sync', { protocol: PROTOCOL_VERSION });
  if (!boardSync?.ok) throw new Error('board sync failed');
  const venture = await connectPerson(ctx.ev.baseUrl, venturePerson.url);
  const boardFacts: Fact[] = [];
  const ventureFacts: Fact[] = [];
  const onFact = (into: Fact[]) => (fact: CountsChanged) => {
    const count = fact.counts[ventureId];
    if (count) into.push({ at: now(), total: count.total });
  };
  board.on('counts:changed', onFact(boardFacts));
  venture.on('counts:changed', onFact(ventureFacts));

  const started = await call(organizer, 'program:control', { action: 'start', pitchId: pitch.id });
  if (!started?.ok) throw new Error(`program start failed: ${started ? errorText(started) : 'no answer'}`);

  const tappers = ctx.attendees.slice(0, tapCount);
  if (tappers.length < tapCount)
    result.failures.push(`tap storm: only ${tappers.length} of ${tapCount} firms connected`);
  const taps: { sentAt: number; ackAt: number; ok: boolean }[] = [];
  const errors: Record<string, number> = {};
  const ackOrder: number[] = [];
  let unanswered = 0;
  const pending: Promise<void>[] = [];
  const deadline = Date.now() + ctx.limitMs;
  const load = await serverLoad(ctx);
  const t0 = now();
  const { sent, maxLateMs } = await paced(
    tappers,
    windowMs / Math.max(1, tappers.length),
    ({ socket }, i) => {
      const tap = { sentAt: now(), ackAt: NaN, ok: false };
      taps[i] = tap;
      pending.push(
        call(socket, 'interest:set', { ventureId, level: 'interested' }).then((answer) => {
          tap.ackAt = now();
          if (!answer) unanswered++;
          else if (answer.ok) {
            tap.ok = true;
            ackOrder.push(i);
          } else tally(errors, errorText(answer));
        }),
      );
    },
    deadline,
  );
  const sendSeconds = (now() - t0) / 1000;
  await Promise.all(pending);
  const okCount = ackOrder.length;
  const last = (facts: Fact[]) => facts[facts.length - 1]?.total ?? 0;
  await waitFor(() => last(boardFacts) >= okCount && last(ventureFacts) >= okCount, 5000);
  await sleep(200); // a late, wrong fact would show here
  const seconds = (now() - t0) / 1000;
  const l = await load();

  const ranked = ackOrder.map((i, r) => ({ sentAt: taps[i]!.sentAt, rank: r + 1 }));
  const toBoard = factLatencies(ranked, boardFacts);
  const toVenture = factLatencies(ranked, ventureFacts);
  const ackLat = dist(taps.filter((t) => t.ok).map((t) => t.ackAt - t.sentAt));
  const boardD = dist(toBoard.latencies);
  const ventureD = dist(toVenture.latencies);
  const timedOut = sent < tappers.length;
  result.timedOut = timedOut;

  // The final counts, from the board's last fact, the venture's, and a fresh snapshot.
  const after = await call(organizer, 'sync', { protocol: PROTOCOL_VERSION });
  const snapshotTotal = after?.ok ? (after.data.counts[ventureId]?.total ?? 0) : -1;
  result.detail = {
    ventureId,
    taps: tappers.length,
    sent,
    ok: okCount,
    unanswered,
    errors,
    windowMs,
    sendSeconds,
    maxLateMs,
    ack: ackLat,
    toBoard: { ...boardD, missing: toBoard.missing },
    toVenture: { ...ventureD, missing: toVenture.missing },
    boardFacts: boardFacts.length,
    ventureFacts: ventureFacts.length,
    final: { board: last(boardFacts), venture: last(ventureFacts), snapshot: snapshotTotal },
    load: l,
  };
  for (const [label, value] of [
    ['acks ok', okCount],
    ['board total', last(boardFacts)],
    ['venture total', last(ventureFacts)],
    ['snapshot total', snapshotTotal],
  ] as const) {
    if (value !== tappers.length) result.failures.push(`tap storm: ${label} ${value}, expected ${tappers.length}`);
  }
  if (unanswered) result.failures.push(`tap storm: ${unanswered} taps unanswered`);
  if (toBoard.missing || toVenture.missing)
    result.failures.push(
      `tap storm: ${toBoard.missing} taps never reached the board, ${toVenture.missing} the venture`,
    );

  const base = {
    n: tappers.length,
    ok: okCount,
    seconds: round(seconds, 1),
    ratePerSec: round(okCount / sendSeconds, 0),
  };
  result.rows.push({
    ...base,
    scenario: 'tap ack',
    lat: ackLat,
    note: pacedNote(l, maxLateMs, timedOut),
  });
  result.rows.push({
    ...base,
    scenario: 'tap→board',
    lat: boardD,
    note: `${boardFacts.length} board facts (coalesced), final ${last(boardFacts)}`,
  });
  result.rows.push({
    ...base,
    scenario: 'tap→venture',
    lat: ventureD,
    note: `${ventureFacts.length} venture facts, final ${last(ventureFacts)}`,
  });
  result.targets.push({
    name: `taps acked within ${windowMs / 1000} s window`,
    value: okCount,
    unit: '',
    target: `= ${tapCount}`,
    pass: okCount === tapCount && sendSeconds <= (windowMs / 1000) * 1.1,
  });
  result.targets.push({
    name: 'tap→board p99',
    value: boardD.p99,
    unit: 'ms',
    target: `< ${targetP99}`,
    pass: boardD.p99 < targetP99,
  });

  // Leave the program as it was; close the extra sockets.
  await call(organizer, 'program:control', { action: 'stop' });
  board.disconnect();
  venture.disconnect();
  return result;
}

// ---------------------------------------------------------------------------------------------
// booking storm: firms ask, ventures accept, organizers book by hand, all at once

export async function bookingScenario(
  ctx: Ctx,
  requestCount: number,
  requestWindowMs: number,
  manualCount: number,
  targetP99: number,
): Promise<ScenarioResult> {
  const result: ScenarioResult = {
    name: 'booking storm',
    rows: [],
    targets: [],
    failures: [],
    timedOut: false,
    detail: {},
  };
  const organizer = ctx.stations[0]!;
  const tables = Array.from({ length: 10 }, (_, i) => `T${i + 1}`);
  const grid = await call(organizer, 'grid:save', {
    windows: [
      { start: '09:00', end: '15:00' },
      { start: '15:30', end: '22:00' },
    ],
    slotMinutes: 15,
    bufferMinutes: 0,
    tables,
    capPerOrg: null,
    breaks: [],
  });
  if (!grid?.ok) throw new Error(`grid:save failed: ${grid ? errorText(grid) : 'no answer'}`);
  const slots = grid.data.slots;

  const ventures: { person: BenchPerson; socket: ClientSocket }[] = [];
  await pool(ctx.ev.ventures, 10, async (person) => {
    ventures.push({ person, socket: await connectPerson(ctx.ev.baseUrl, person.url) });
  });
  const firms = ctx.attendees.slice(0, requestCount);
  if (firms.length < requestCount)
    result.failures.push(`booking: only ${firms.length} of ${requestCount} firms connected`);
  const deadline = Date.now() + ctx.limitMs;
  let unanswered = 0;

  // 1. Requests, spread over the window (open loop).
  const reqLat: number[] = [];
  const reqErrors: Record<string, number> = {};
  const toAnswer = new Map<ClientSocket, string[]>();
  const pending: Promise<void>[] = [];
  const t0 = now();
  await paced(
    firms,
    requestWindowMs / Math.max(1, firms.length),
    ({ socket }, i) => {
      const venture = ventures[i % ventures.length]!;
      const t = now();
      pending.push(
        call(socket, 'meeting:request', { toOrgId: venture.person.orgId!, key: `benchreq${i}` }).then((answer) => {
          if (!answer) return void unanswered++;
          reqLat.push(now() - t);
          if (!answer.ok) return tally(reqErrors, errorText(answer));
          const list = toAnswer.get(venture.socket) ?? [];
          list.push(answer.data.id);
          toAnswer.set(venture.socket, list);
        }),
      );
    },
    deadline,
  );
  await Promise.all(pending);
  const requestSeconds = (now() - t0) / 1000;
  const requested = [...toAnswer.values()].reduce((a, l) => a + l.length, 0);

  // 2. Every venture accepts its requests (one at a time each, all ventures at once), while the
  //    organizer books `manualCount` meetings by hand at places picked at random.
  const bookLat: number[] = [];
  const manualLat: number[] = [];
  const bookErrors: Record<string, number> = {};
  let accepted = 0;
  let manualBooked = 0;
  // The load figures cover the bookings only: they are what the target is about.
  const load = await serverLoad(ctx);
  const t1 = now();
  const acceptAll = [...toAnswer].map(async ([socket, ids]) => {
    for (const requestId of ids) {
      if (Date.now() > deadline) break;
      const t = now();
      const answer = await call(socket, 'meeting:respond', { requestId, accept: true });
      if (!answer) {
        unanswered++;
        continue;
      }
      bookLat.push(now() - t);
      if (answer.ok && answer.data.meeting) accepted++;
      else if (!answer.ok) tally(bookErrors, errorText(answer));
    }
  });
  const requesters = new Set(firms.map((f) => f.person.id));
  const guests = ctx.ev.firms.filter((f) => !requesters.has(f.id)).slice(0, manualCount);
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const manual = (async () => {
    for (const [j, guest] of guests.entries()) {
      if (Date.now() > deadline) break;
      const venture = ventures[random(ventures.length)]!;
      const t = now();
      const answer = await call(organizer, 'meeting:book', {
        guestOrgId: guest.orgId!,
        ventureOrgId: venture.person.orgId!,
        slotStart: slots[random(slots.length)]!.start,
        table: tables[random(tables.length)]!,
        key: `benchbook${j}`,
      });
      if (!answer) {
        unanswered++;
        continue;
      }
      manualLat.push(now() - t);
      if (answer.ok) manualBooked++;
      else tally(bookErrors, `manual ${errorText(answer)}`);
    }
  })();
  await Promise.all([...acceptAll, manual]);
  const bookSeconds = (now() - t1) / 1000;
  const l = await load();
  const booked = accepted + manualBooked;
  const attempts = requested + guests.length;
  const answeredBookings = bookLat.length + manualLat.length;
  result.timedOut = answeredBookings + unanswered < attempts || reqLat.length + unanswered < firms.length;

  // The database: no clash of a table, a guest or a venture in any slot; every booking acknowledged is there.
  const db = readonlyDb(ctx.dbFile, (d) => {
    const pairs = (column: string) =>
      d
        .prepare<[string], number>(
          `SELECT COUNT(*) FROM meetings a JOIN meetings b
             ON a.event_id = b.event_id AND a.slot_start = b.slot_start AND a.${column} = b.${column} AND a.id < b.id
           WHERE a.event_id = ? AND a.status <> 'cancelled' AND b.status <> 'cancelled'`,
        )
        .pluck()
        .get(ctx.ev.eventId)!;
    return {
      tableClashes: pairs('table_name'),
      guestClashes: pairs('guest_org'),
      ventureClashes: pairs('venture_org'),
      meetings: d
        .prepare<[string], number>("SELECT COUNT(*) FROM meetings WHERE event_id = ? AND status <> 'cancelled'")
        .pluck()
        .get(ctx.ev.eventId)!,
      requestStatuses: Object.fromEntries(
        d
          .prepare<[string], { status: string; n: number }>(
            'SELECT status, COUNT(*) AS n FROM meeting_requests WHERE event_id = ? GROUP BY status',
          )
          .all(ctx.ev.eventId)
          .map((r) => [r.status, r.n]),
      ),
    };
  });
  const clashes = db.tableClashes + db.guestClashes + db.ventureClashes;
  const all = dist([...reqLat, ...bookLat, ...manualLat]);
  result.detail = {
    grid: { slots: slots.length, tables: tables.length, places: slots.length * tables.length },
    ventures: ventures.length,
    requests: { sent: firms.length, ok: requested, errors: reqErrors, latency: dist(reqLat), seconds: requestSeconds },
    accepts: { sent: requested, booked: accepted, latency: dist(bookLat) },
    manual: { sent: guests.length, booked: manualBooked, latency: dist(manualLat) },
    bookErrors,
    unanswered,
    bookSeconds,
    db,
    load: l,
  };
  if (clashes) result.failures.push(`booking: ${clashes} clashing pairs in the database`);
  if (unanswered) result.failures.push(`booking: ${unanswered} commands unanswered`);
  if (db.meetings !== booked)
    result.failures.push(`booking: ${booked} bookings acknowledged, ${db.meetings} in the database`);
  if (requested !== firms.length)
    result.failures.push(`booking: ${firms.length - requested} requests refused: ${JSON.stringify(reqErrors)}`);
  const unexpected = Object.keys(bookErrors).filter((e) => !e.includes('CONFLICT'));
  if (unexpected.length) result.failures.push(`booking: unexpected errors ${unexpected.join(' | ')}`);

  const note = loadNote(l);
  // CPU per command is steadier than latency on a shared machine: others' load delays, it does not add.
  const cpuPerBooking =
    l.serverCpuMs !== null && answeredBookings > 0
      ? `srv cpu ${round(l.serverCpuMs / answeredBookings, 2)} ms/booking, `
      : '';
  result.rows.push({
    scenario: 'booking requests',
    n: firms.length,
    ok: requested,
    seconds: round(requestSeconds, 1),
    ratePerSec: round(requested / requestSeconds, 0),
    lat: dist(reqLat),
    note: `over ${requestWindowMs / 1000} s`,
  });
  result.rows.push({
    scenario: `booking accepts (${ventures.length} ventures)`,
    n: requested,
    ok: accepted,
    seconds: round(bookSeconds, 1),
    ratePerSec: round(booked / bookSeconds, 0),
    lat: dist(bookLat),
    note: `${slots.length * tables.length} places; refused ${Object.values(bookErrors).reduce((a, b) => a + b, 0)}; ${cpuPerBooking}${note}`,
  });
  result.rows.push({
    scenario: 'booking manual (organizer)',
    n: guests.length,
    ok: manualBooked,
    seconds: round(bookSeconds, 1),
    ratePerSec: null,
    lat: dist(manualLat),
    note: `clashes in db: ${clashes}; meetings in db ${db.meetings} = acked ${booked}`,
  });
  result.targets.push({
    name: 'booking storm ack p99 (all commands)',
    value: all.p99,
    unit: 'ms',
    target: `< ${targetP99}`,
    pass: all.p99 < targetP99,
  });
  result.targets.push({ name: 'booking clashes', value: clashes, unit: '', target: '= 0', pass: clashes === 0 });
  result.targets.push({
    name: 'booking attempts answered',
    value: attempts + firms.length - unanswered,
    unit: '',
    target: `= ${attempts + firms.length}`,
    pass: unanswered === 0,
  });
  for (const v of ventures) v.socket.disconnect();
  return result;
}
