/**
 * booking storm against the bare stack: the app's measurement (bench/scenarios/booking-storm.ts
 * measureBooking) on the same grid, the firms' sockets sending `request`, one socket per venture
 * `accept`, the first station `book`; clashes counted in its database as in the app's.
 */
import { pool, type Reply } from '../lib.js';
import { BOOKING_GRID, measureBooking } from '../scenarios/booking-storm.js';
import { bookingDb, upToAttendees, type BenchConfig, type ScenarioResult } from '../scenarios/common.js';
import { callBare, openBare, type BareCtx, type BareSocket } from './client.js';
import type { BareAnswer } from './protocol.js';

/** Slots in the app's grid: each window cut into whole slots. */
function slotCount(): number {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return BOOKING_GRID.windows.reduce(
    (n, w) => n + Math.floor((minutes(w.end) - minutes(w.start)) / BOOKING_GRID.slotMinutes),
    0,
  );
}

function reply<T>(answer: BareAnswer<T> | null, outcome: (data: T) => string): Reply {
  return answer && (answer.ok ? { ok: true, outcome: outcome(answer.data) } : { ok: false, error: answer.error.code });
}

export async function bareBookingScenario(ctx: BareCtx, config: BenchConfig): Promise<ScenarioResult> {
  const requestCount = upToAttendees(ctx, config.bookingRequests);
  const organizer = ctx.stations[0]!;
  const slots = slotCount();
  const tables = BOOKING_GRID.tables;
  const grid = await callBare(organizer, 'grid', { slots, tables });
  if (!grid?.ok) throw new Error('grid failed');
  const ventures: { orgId: string; socket: BareSocket }[] = [];
  await pool(ctx.ev.ventures, 10, async (person) => {
    ventures.push({ orgId: person.orgId!, socket: await openBare(ctx.ev.baseUrl) });
  });
  const firms = ctx.attendees.slice(0, requestCount);
  const requesters = new Set(firms.map((f) => f.person.id));
  const guests = ctx.ev.firms.filter((f) => !requesters.has(f.id)).slice(0, config.manualBookings);
  const result = await measureBooking(
    {
      server: ctx,
      limitMs: ctx.limitMs,
      firms: firms.length,
      ventures: ventures.length,
      guests: guests.length,
      slots,
      tables: tables.length,
      request: async (i, v) =>
        reply(
          await callBare(firms[i]!.socket, 'request', { from: firms[i]!.person.orgId!, to: ventures[v]!.orgId }),
          (d) => String(d.id),
        ),
      accept: async (v, requestId) =>
        reply(await callBare(ventures[v]!.socket, 'accept', { requestId: Number(requestId) }), () => 'booked'),
      book: async (j, v, slot, table) =>
        reply(
          await callBare(organizer, 'book', {
            guest: guests[j]!.orgId!,
            venture: ventures[v]!.orgId,
            slot,
            table: tables[table]!,
          }),
          () => 'booked',
        ),
      db: () => bookingDb(ctx.dbFile, null),
    },
    config,
  );
  if (firms.length < requestCount)
    result.failures.push(`booking: only ${firms.length} of ${requestCount} firms connected`);
  for (const v of ventures) v.socket.disconnect();
  return result;
}
