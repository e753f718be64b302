/**
 * booking storm: firms ask for meetings, ventures accept, an organizer books by hand, all at once;
 * no clash of a table, a guest or a venture in the database, every acknowledged booking there.
 * `measureBooking` is the measurement, run alike against the app and the bare stack
 * (bench/baseline/booking-storm.ts).
 */
import type { ClientSocket } from '../../server/testing/socket-client.js';
import { call, connectPerson, dist, now, paced, pool, tally, type Reply } from '../lib.js';
import type { BenchPerson } from '../server.js';
import {
  errorText,
  bookingDb,
  loadNote,
  newResult,
  perCommand,
  round,
  serverLoad,
  TARGETS,
  under,
  upToAttendees,
  type ServerRef,
} from './common.js';
import type { BenchConfig, Ctx, ScenarioResult } from './common.js';

/** The grid both servers book into: 09:00–15:00 and 15:30–22:00 in 15-minute slots, 10 tables (50 × 10 places). */
export const BOOKING_GRID = {
  windows: [
    { start: '09:00', end: '15:00' },
    { start: '15:30', end: '22:00' },
  ],
  slotMinutes: 15,
  tables: Array.from({ length: 10 }, (_, i) => `T${i + 1}`),
};

/** What the booking storm needs of a server: the app's (below) or the bare stack's. */
export interface BookingDriver {
  server: ServerRef;
  limitMs: number;
  /** The firms that ask, one request each; the ventures they ask, in turn. */
  firms: number;
  ventures: number;
  /** The firms the organizer books by hand (none of them asks). */
  guests: number;
  slots: number;
  tables: number;
  /** Firm `i` asks venture `v`; the outcome is the request's id. */
  request(i: number, v: number): Promise<Reply>;
  /** Venture `v` accepts this request; the outcome is 'booked' when a meeting was placed. */
  accept(v: number, requestId: string): Promise<Reply>;
  /** The organizer books guest `j` with venture `v` at slot × table (indexes into the grid). */
  book(j: number, v: number, slot: number, table: number): Promise<Reply>;
  /** The meetings in the database, their clashes, and the requests by status. */
  db(): ReturnType<typeof bookingDb>;
}

export async function bookingScenario(ctx: Ctx, config: BenchConfig): Promise<ScenarioResult> {
  const requestCount = upToAttendees(ctx, config.bookingRequests);
  const organizer = ctx.stations[0]!;
  const grid = await call(organizer, 'grid:save', {
    ...BOOKING_GRID,
    bufferMinutes: 0,
    capPerOrg: null,
    breaks: [],
  });
  if (!grid?.ok) throw new Error(`grid:save failed: ${grid ? errorText(grid) : 'no answer'}`);
  const slots = grid.data.slots;
  const tables = BOOKING_GRID.tables;

  const ventures: { person: BenchPerson; socket: ClientSocket }[] = [];
  await pool(ctx.ev.ventures, 10, async (person) => {
    ventures.push({ person, socket: await connectPerson(ctx.ev.baseUrl, person.url) });
  });
  const firms = ctx.attendees.slice(0, requestCount);
  const requesters = new Set(firms.map((f) => f.person.id));
  const guests = ctx.ev.firms.filter((f) => !requesters.has(f.id)).slice(0, config.manualBookings);
  const reply = <T>(
    answer: { ok: true; data: T } | { ok: false; error: { code: string; message: string } } | null,
    outcome: (data: T) => string,
  ): Reply =>
    answer && (answer.ok ? { ok: true, outcome: outcome(answer.data) } : { ok: false, error: errorText(answer) });
  const result = await measureBooking(
    {
      server: { serverPid: ctx.serverPid, ev: ctx.ev },
      limitMs: ctx.limitMs,
      firms: firms.length,
      ventures: ventures.length,
      guests: guests.length,
      slots: slots.length,
      tables: tables.length,
      request: async (i, v) =>
        reply(
          await call(firms[i]!.socket, 'meeting:request', { toOrgId: ventures[v]!.person.orgId!, key: `benchreq${i}` }),
          (data) => data.id,
        ),
      accept: async (v, requestId) =>
        reply(await call(ventures[v]!.socket, 'meeting:respond', { requestId, accept: true }), (data) =>
          data.meeting ? 'booked' : 'accepted, no meeting',
        ),
      book: async (j, v, slot, table) =>
        reply(
          await call(organizer, 'meeting:book', {
            guestOrgId: guests[j]!.orgId!,
            ventureOrgId: ventures[v]!.person.orgId!,
            slotStart: slots[slot]!.start,
            table: tables[table]!,
            key: `benchbook${j}`,
          }),
          () => 'booked',
        ),
      db: () => bookingDb(ctx.dbFile, ctx.ev.eventId),
    },
    config,
  );
  if (firms.length < requestCount)
    result.failures.push(`booking: only ${firms.length} of ${requestCount} firms connected`);
  for (const v of ventures) v.socket.disconnect();
  return result;
}

export async function measureBooking(b: BookingDriver, config: BenchConfig): Promise<ScenarioResult> {
  const requestWindowMs = config.bookingWindowMs;
  const targetP99 = TARGETS.bookingP99Ms;
  const result = newResult('booking storm');
  const deadline = Date.now() + b.limitMs;
  let unanswered = 0;

  // 1. Requests, spread over the window (open loop).
  const reqLat: number[] = [];
  const reqErrors: Record<string, number> = {};
  const toAnswer = new Map<number, string[]>();
  const pending: Promise<void>[] = [];
  const reqLoad = await serverLoad(b.server);
  const t0 = now();
  await paced(
    Array.from({ length: b.firms }, (_, i) => i),
    requestWindowMs / Math.max(1, b.firms),
    (i) => {
      const v = i % b.ventures;
      const t = now();
      pending.push(
        b.request(i, v).then((answer) => {
          if (!answer) return void unanswered++;
          reqLat.push(now() - t);
          if (!answer.ok) return tally(reqErrors, answer.error);
          const list = toAnswer.get(v) ?? [];
          list.push(answer.outcome);
          toAnswer.set(v, list);
        }),
      );
    },
    deadline,
  );
  await Promise.all(pending);
  const requestSeconds = (now() - t0) / 1000;
  const rl = await reqLoad();
  const requested = [...toAnswer.values()].reduce((a, l) => a + l.length, 0);

  // 2. Every venture accepts its requests (one at a time each, all ventures at once), while the
  //    organizer books `guests` meetings by hand at places picked at random.
  const bookLat: number[] = [];
  const manualLat: number[] = [];
  const bookErrors: Record<string, number> = {};
  let accepted = 0;
  let manualBooked = 0;
  // The load figures cover the bookings only: they are what the target is about.
  const load = await serverLoad(b.server);
  const t1 = now();
  const acceptAll = [...toAnswer].map(async ([v, ids]) => {
    for (const requestId of ids) {
      if (Date.now() > deadline) break;
      const t = now();
      const answer = await b.accept(v, requestId);
      if (!answer) {
        unanswered++;
        continue;
      }
      bookLat.push(now() - t);
      if (answer.ok && answer.outcome === 'booked') accepted++;
      else if (!answer.ok) tally(bookErrors, answer.error);
    }
  });
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const manual = (async () => {
    for (let j = 0; j < b.guests; j++) {
      if (Date.now() > deadline) break;
      const v = random(b.ventures);
      const slot = random(b.slots);
      const table = random(b.tables);
      const t = now();
      const answer = await b.book(j, v, slot, table);
      if (!answer) {
        unanswered++;
        continue;
      }
      manualLat.push(now() - t);
      if (answer.ok) manualBooked++;
      else tally(bookErrors, `manual ${answer.error}`);
    }
  })();
  await Promise.all([...acceptAll, manual]);
  const bookSeconds = (now() - t1) / 1000;
  const l = await load();
  const booked = accepted + manualBooked;
  const attempts = requested + b.guests;
  const answeredBookings = bookLat.length + manualLat.length;
  result.timedOut = answeredBookings + unanswered < attempts || reqLat.length + unanswered < b.firms;

  // The database: no clash of a table, a guest or a venture in any slot; every booking acknowledged is there.
  const db = b.db();
  const clashes = db.tableClashes + db.guestClashes + db.ventureClashes;
  const all = dist([...reqLat, ...bookLat, ...manualLat]);
  // CPU per command is steadier than latency on a shared machine: others' load delays, it does not add.
  const cpuPerRequest = perCommand(rl.serverCpuMs, reqLat.length);
  const cpuPerBooking = perCommand(l.serverCpuMs, answeredBookings);
  result.detail = {
    grid: { slots: b.slots, tables: b.tables, places: b.slots * b.tables },
    ventures: b.ventures,
    requests: {
      sent: b.firms,
      ok: requested,
      errors: reqErrors,
      latency: dist(reqLat),
      seconds: requestSeconds,
      load: rl,
    },
    accepts: { sent: requested, booked: accepted, latency: dist(bookLat) },
    manual: { sent: b.guests, booked: manualBooked, latency: dist(manualLat) },
    all,
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
  if (requested !== b.firms)
    result.failures.push(`booking: ${b.firms - requested} requests refused: ${JSON.stringify(reqErrors)}`);
  const unexpected = Object.keys(bookErrors).filter((e) => !e.includes('CONFLICT'));
  if (unexpected.length) result.failures.push(`booking: unexpected errors ${unexpected.join(' | ')}`);

  const note = loadNote(l);
  result.rows.push({
    key: 'booking requests',
    scenario: 'booking requests',
    n: b.firms,
    ok: requested,
    seconds: round(requestSeconds, 1),
    ratePerSec: round(requested / requestSeconds, 0),
    lat: dist(reqLat),
    cpuMsPer: cpuPerRequest,
    note: `over ${requestWindowMs / 1000} s`,
  });
  result.rows.push({
    key: 'booking accepts',
    scenario: `booking accepts (${b.ventures} ventures)`,
    n: requested,
    ok: accepted,
    seconds: round(bookSeconds, 1),
    ratePerSec: round(booked / bookSeconds, 0),
    lat: dist(bookLat),
    cpuMsPer: cpuPerBooking,
    note: `${b.slots * b.tables} places; refused ${Object.values(bookErrors).reduce((a, c) => a + c, 0)}; ${cpuPerBooking !== null ? `srv cpu ${round(cpuPerBooking, 2)} ms/booking, ` : ''}${note}`,
  });
  result.rows.push({
    key: 'booking manual',
    scenario: 'booking manual (organizer)',
    n: b.guests,
    ok: manualBooked,
    seconds: round(bookSeconds, 1),
    ratePerSec: null,
    lat: dist(manualLat),
    note: `clashes in db: ${clashes}; meetings in db ${db.meetings} = acked ${booked}`,
  });
  result.rows.push({
    key: 'booking all',
    scenario: 'booking storm, all commands',
    n: b.firms + requested + b.guests,
    ok: reqLat.length + answeredBookings,
    seconds: round(requestSeconds + bookSeconds, 1),
    ratePerSec: null,
    lat: all,
    note: 'the target is on this p99',
  });
  result.targets.push(under('booking storm ack p99 (all commands)', all.p99, 'ms', targetP99));
  result.targets.push({ name: 'booking clashes', value: clashes, unit: '', target: '= 0', pass: clashes === 0 });
  result.targets.push({
    name: 'booking attempts answered',
    value: attempts + b.firms - unanswered,
    unit: '',
    target: `= ${attempts + b.firms}`,
    pass: unanswered === 0,
  });
  return result;
}
