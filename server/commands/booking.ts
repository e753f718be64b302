/**
 * Booking into the meeting grid, shared by the meeting commands, the grid and a merge: the one
 * path of a meeting change (one immediate transaction; a constraint the database refuses is a
 * place taken a moment ago), the booking itself, and the requests that follow the places.
 */
import { refusalError, type AppError } from '../../shared/errors.js';
import type { GridSettings, MeetingInfo } from '../../shared/model.js';
import { formatSlot } from '../domain/meetings.js';
import { Refusal } from '../domain/result.js';
import { checkPlacement, findPlacement, type Booking, type Placement, type Slot } from '../domain/slots.js';
import {
  keepTakenAfterBooking,
  pairMeeting,
  pendingPairs,
  pendingPairsOf,
  takenPlaces,
} from '../store/booking-reads.js';
import { cachedSlots } from './views.js';
import { change, reject, type Change, type Keyed } from './change.js';
import type { CommandContext, Outcome } from './context.js';
import { expireWithoutPlace, reviveWithPlace } from './request-places.js';

/** What a meeting change wrote: its answer, its rows, and the requests and meetings every side hears of. */
export interface MeetingWritten<T> {
  result: T;
  changes: Change[];
  requests: string[];
  meetings: string[];
}

/**
 * A meeting change: one transaction, published to both sides and the organizers. A unique index
 * that refuses the write means, by default, a place taken by another booking a moment ago.
 */
export function meetingChange<T>(
  ctx: CommandContext,
  at: number,
  work: () => MeetingWritten<T>,
  options: { keyed?: Keyed<T, T>; onConstraint?: () => AppError } = {},
): Outcome<T> {
  const person = ctx.principal.kind === 'person' ? ctx.principal.person : null;
  return change(
    {
      ...ctx,
      actor: person?.id ?? 'board',
      at,
      ...(options.keyed ? { keyed: options.keyed } : {}),
      onConstraint:
        options.onConstraint ??
        (() =>
          refusalError('slot-taken', 'That place was just taken by another booking. Look at the free slots again.')),
    },
    () => {
      const done = work();
      return {
        result: done.result,
        changes: done.changes,
        publish: (seq) => ctx.publisher.meetingsChanged(ctx.eventId, done.requests, done.meetings, seq),
      };
    },
  );
}

export const gridOrRefuse = (ctx: CommandContext): GridSettings =>
  ctx.store.getGrid(ctx.eventId) ?? reject('grid-missing', 'The meeting grid is not set up yet.');

export function slotsNow(ctx: CommandContext, grid: GridSettings): Slot[] {
  const event = ctx.store.getEvent(ctx.eventId)!;
  return cachedSlots(grid, event.date, event.timeZone);
}

export const meetingOfEvent = (ctx: CommandContext, id: string): MeetingInfo | undefined =>
  ctx.store.meetings(ctx.eventId, { ids: [id] })[0];

/** The pair's meeting, if it has one: a pair meets once. */
export function meetingOfPair(ctx: CommandContext, guest: string, venture: string): MeetingInfo | undefined {
  const id = pairMeeting(ctx.store, ctx.eventId, guest, venture);
  return id ? meetingOfEvent(ctx, id) : undefined;
}

/**
 * Books the pair at the chosen place, or the earliest free one. Returns the meeting and the places
 * taken now, which the expiry check after it reads instead of asking the database again. A
 * proposal (of 「自動で組む」) is booked the same way: it holds its place until both sides confirm.
 */
export function book(
  ctx: CommandContext,
  at: number,
  pair: [guest: string, venture: string],
  requestId: string | null,
  chosen: Placement | null,
  how: { proposal?: boolean } = {},
): { meeting: MeetingInfo; taken: Booking[] } {
  const { store, eventId } = ctx;
  const grid = gridOrRefuse(ctx);
  const slots = slotsNow(ctx, grid);
  const bookings = takenPlaces(store, eventId);
  const options = { notBefore: at, capPerOrg: grid.capPerOrg };
  let placement: Placement;
  if (chosen) {
    const checked = checkPlacement(slots, grid.tables, bookings, pair, chosen, options);
    if (!checked.ok) {
      const next = findPlacement(slots, grid.tables, bookings, pair, options);
      const timeZone = store.getEvent(eventId)!.timeZone;
      throw new Refusal({
        ...checked.error,
        message: `${checked.error.message}${next ? ` The next free one is ${formatSlot(next, timeZone)}.` : ' No slot is free for both.'}`,
        params: {
          ...checked.error.params,
          ...(next ? { nextAt: next.slotStart, nextTable: next.table } : { noNext: 1 }),
        },
      });
    }
    placement = chosen;
  } else {
    placement =
      findPlacement(slots, grid.tables, bookings, pair, options) ??
      reject('no-free-slot', 'No slot is left where both organizations and a table are free.');
  }
  const slot = slots.find((s) => s.start === placement.slotStart)!;
  const id = ctx.newId();
  store.insertMeeting({
    id,
    eventId,
    requestId,
    guestOrg: pair[0],
    ventureOrg: pair[1],
    slotStart: slot.start,
    slotEnd: slot.end,
    table: placement.table,
    now: at,
    proposal: how.proposal ?? false,
  });
  const place = { slotStart: slot.start, table: placement.table, orgs: pair };
  keepTakenAfterBooking(store, eventId, bookings, place);
  const meeting = meetingOfEvent(ctx, id)!;
  return { meeting, taken: [...bookings, place] };
}

/**
 * After a booking, pending requests that can no longer be placed expire. A booking can only take
 * the last chance of requests of its own two organizations, or, when it filled the last table of
 * its slot, of anyone: only those are looked at (`booked` null: everyone's).
 */
export function expireHopeless(
  ctx: CommandContext,
  at: number,
  booked: MeetingInfo | null,
  taken: readonly Booking[],
): string[] {
  const { store, eventId } = ctx;
  const grid = store.getGrid(eventId);
  if (!grid) return [];
  const slotFull = !booked || taken.filter((b) => b.slotStart === booked.slotStart).length >= grid.tables.length;
  const candidates = slotFull
    ? pendingPairs(store, eventId)
    : pendingPairsOf(store, eventId, [booked.guestOrgId, booked.ventureOrgId]);
  return expireWithoutPlace(store, eventId, candidates, taken, at);
}

/** The rows of requests that expired. */
export const expiredRows = (ids: readonly string[]): Change[] =>
  ids.map((id) => ({ kind: 'meeting:expired', data: { id } }));

/** Both halves after the places changed other than by a booking; with their change-log rows. */
export function settleRequests(ctx: CommandContext, at: number): { requests: string[]; changes: Change[] } {
  const taken = takenPlaces(ctx.store, ctx.eventId);
  const expired = expireHopeless(ctx, at, null, taken);
  const revived = reviveWithPlace(ctx.store, ctx.eventId, taken, at);
  return {
    requests: [...expired, ...revived],
    changes: [...expiredRows(expired), ...revived.map((id) => ({ kind: 'meeting:revived', data: { id } }))],
  };
}
