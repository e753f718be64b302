/**
 * booking storm: firms ask for meetings, ventures accept, an organizer books by hand, all at once;
 * no clash of a table, a guest or a venture in the database, every acknowledged booking there.
 */
import type { ClientSocket } from '../../server/testing/socket-client.js';
import { call, connectPerson, dist, now, paced, pool, tally } from '../lib.js';
import type { BenchPerson } from '../server.js';
import {
  errorText,
  loadNote,
  newResult,
  readonlyDb,
  round,
  serverLoad,
  TARGETS,
  under,
  upToAttendees,
} from './common.js';
import type { BenchConfig, Ctx, ScenarioResult } from './common.js';

export async function bookingScenario(ctx: Ctx, config: BenchConfig): Promise<ScenarioResult> {
  const requestCount = upToAttendees(ctx, config.bookingRequests);
  const requestWindowMs = config.bookingWindowMs;
  const manualCount = config.manualBookings;
  const targetP99 = TARGETS.bookingP99Ms;
  const result = newResult('booking storm');
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
  result.targets.push(under('booking storm ack p99 (all commands)', all.p99, 'ms', targetP99));
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
