/**
 * Meetings: requests both ways between a venture and a local firm (or partner), answers, and
 * bookings into the grid, moves, cancels, marks and outcomes. Every change is decided and written
 * in one immediate transaction (server/commands/booking.ts), and the database's unique indexes
 * refuse a double booking even if the code were wrong.
 */
import { fail, ok, refusalError } from '../../shared/errors.js';
import type { MeetingInfo, MeetingRequestInfo } from '../../shared/model.js';
import type { CommandInput, FreePlace } from '../../shared/protocol.js';
import * as policy from '../auth/policy.js';
import { bookingWindowOpen } from '../domain/booking-window.js';
import { ofEvent } from '../domain/event-scope.js';
import { meetingMarkable, meetingScheduled, mayRequest, pairFree, requestOpen } from '../domain/meeting-rules.js';
import { mayMeet, outcomeProblem, pairOf } from '../domain/meetings.js';
import { Refusal } from '../domain/result.js';
import { checkPlacement, freePlacements } from '../domain/slots.js';
import { pendingPairsOf } from '../store/booking-reads.js';
import {
  book,
  expireHopeless,
  expiredRows,
  gridOrRefuse,
  meetingChange,
  meetingOfEvent,
  meetingOfPair,
  settleRequests,
  slotsNow,
} from './booking.js';
import { reject, unwrap } from './change.js';
import type { CommandContext, Outcome } from './context.js';

const requestOfEvent = (ctx: CommandContext, id: string): MeetingRequestInfo | undefined =>
  ctx.store.requests(ctx.eventId, { ids: [id] })[0];

const requestUnknown = () => fail('request-unknown', 'That request is not part of this event.');

/** The meeting the command names, or its refusal (thrown: inside the transaction). */
const meetingOrRefuse = (ctx: CommandContext, id: string): MeetingInfo =>
  meetingOfEvent(ctx, id) ?? reject('meeting-unknown', 'That meeting is not part of this event.');

/** Inside the transaction: refuses unless the principal may do `action` to a meeting of these sides. */
function mayTouchOrRefuse(ctx: CommandContext, action: policy.Action, sides: readonly string[]): void {
  if (!policy.mayTouch(ctx.principal, action, sides)) throw new Refusal(policy.refusal(ctx.principal, action).error);
}

export function requestMeeting(
  ctx: CommandContext,
  input: CommandInput<'meeting:request'>,
): Outcome<MeetingRequestInfo> {
  const { principal, store, eventId } = ctx;
  const person = principal.kind === 'person' ? principal.person : null;
  // 'own': the asking organization is the asker's own.
  if (policy.allowed(principal, 'meeting:request') === 'none' || !person?.org) {
    return { answer: policy.refusal(principal, 'meeting:request') };
  }
  const from = person.org;
  const at = ctx.now();
  let toName = '';
  return meetingChange(
    ctx,
    at,
    () => {
      // Before the booking window opens, asking is refused with the date it opens.
      unwrap(bookingWindowOpen(store.getEvent(eventId)!, at));
      const to =
        ofEvent(eventId, store.getOrganization(input.toOrgId)) ??
        reject('org-unknown', 'That organization is not part of this event.');
      toName = to.name;
      unwrap(mayMeet(from.kind, to.kind));
      unwrap(
        mayRequest(store.requests(eventId, { pendingOf: [from.id] }), store.meetings(eventId, { orgId: from.id }), to),
      );
      const id = ctx.newId();
      store.insertRequest({
        id,
        eventId,
        fromOrg: from.id,
        toOrg: to.id,
        fromPerson: person.id,
        message: input.message,
        now: at,
      });
      return {
        result: requestOfEvent(ctx, id)!,
        changes: [{ kind: 'meeting:requested', data: { id, from: from.id, to: to.id } }],
        requests: [id],
        meetings: [],
      };
    },
    {
      keyed: { command: 'meeting:request', key: input.key },
      // Two requests of one pair at once: the database's index keeps one, the other hears why.
      onConstraint: () =>
        refusalError('request-open', `There is already an open request between you and ${toName}.`, { org: toName }),
    },
  );
}

export function respondToRequest(
  ctx: CommandContext,
  input: CommandInput<'meeting:respond'>,
): Outcome<{ request: MeetingRequestInfo; meeting: MeetingInfo | null }> {
  const request = requestOfEvent(ctx, input.requestId);
  if (!request) return { answer: requestUnknown() };
  if (!policy.mayTouch(ctx.principal, 'meeting:respond', [request.toOrgId])) {
    return { answer: policy.refusal(ctx.principal, 'meeting:respond') };
  }
  const { store, eventId } = ctx;
  const at = ctx.now();
  return meetingChange<{ request: MeetingRequestInfo; meeting: MeetingInfo | null }>(ctx, at, () => {
    // Read again inside the transaction: the other side may have withdrawn a moment ago.
    const current = requestOfEvent(ctx, request.id)!;
    unwrap(requestOpen(current.status));
    // Accepting books a place: not before the booking window opens (a decline is always free).
    if (input.accept) unwrap(bookingWindowOpen(store.getEvent(eventId)!, at));
    if (!input.accept) {
      store.setRequestStatus(current.id, 'declined', input.reason, at);
      return {
        result: { request: requestOfEvent(ctx, current.id)!, meeting: null },
        changes: [{ kind: 'meeting:declined', data: { id: current.id } }],
        requests: [current.id],
        meetings: [],
      };
    }
    const kindOf = (id: string) => ofEvent(eventId, store.getOrganization(id))!.kind;
    const { guest, venture } = pairOf(current.fromOrgId, current.toOrgId, kindOf);
    // The pair meets already (an organizer booked them by hand): the request is answered by that
    // meeting, never by a second one.
    const existing = meetingOfPair(ctx, guest, venture);
    if (existing) {
      store.setRequestStatus(current.id, 'accepted', '', at);
      store.linkMeetingRequest(existing.id, current.id, at);
      // A proposal of 「自動で組む」 for the pair: one side asked and the other accepted, so both have
      // said yes to it; it is an ordinary meeting now.
      if (existing.proposal) {
        store.confirmProposal(existing.id, 'guest', at);
        store.confirmProposal(existing.id, 'venture', at);
      }
      return {
        result: { request: requestOfEvent(ctx, current.id)!, meeting: meetingOfEvent(ctx, existing.id)! },
        changes: [{ kind: 'meeting:accepted', data: { requestId: current.id, meetingId: existing.id } }],
        requests: [current.id],
        meetings: [existing.id],
      };
    }
    const chosen =
      input.slotStart !== undefined && input.table !== undefined
        ? { slotStart: input.slotStart, table: input.table }
        : null;
    const { meeting, taken } = book(ctx, at, [guest, venture], current.id, chosen);
    store.setRequestStatus(current.id, 'accepted', '', at);
    const expired = expireHopeless(ctx, at, meeting, taken);
    return {
      result: { request: requestOfEvent(ctx, current.id)!, meeting },
      changes: [
        {
          kind: 'meeting:booked',
          data: { requestId: current.id, meetingId: meeting.id, slotStart: meeting.slotStart, table: meeting.table },
        },
        ...expiredRows(expired),
      ],
      requests: [current.id, ...expired],
      meetings: [meeting.id],
    };
  });
}

export function freeSlots(ctx: CommandContext, input: CommandInput<'meeting:free-slots'>): Outcome<FreePlace[]> {
  const request = requestOfEvent(ctx, input.requestId);
  if (!request) return { answer: requestUnknown() };
  // The two parties and the organizers may look; the places reveal only free tables and times.
  if (!policy.mayTouch(ctx.principal, 'meeting:free-slots', [request.fromOrgId, request.toOrgId])) {
    return { answer: policy.refusal(ctx.principal, 'meeting:free-slots') };
  }
  const grid = ctx.store.getGrid(ctx.eventId);
  if (!grid) return { answer: ok([]) };
  const slots = slotsNow(ctx, grid);
  const free = freePlacements(
    slots,
    grid.tables,
    ctx.store.bookings(ctx.eventId),
    [request.fromOrgId, request.toOrgId],
    {
      notBefore: ctx.now(),
      capPerOrg: grid.capPerOrg,
    },
  );
  return { answer: ok(free.map((f) => ({ ...f, slotEnd: slots.find((x) => x.start === f.slotStart)!.end }))) };
}

export function withdrawRequest(
  ctx: CommandContext,
  input: CommandInput<'meeting:withdraw'>,
): Outcome<MeetingRequestInfo> {
  const request = requestOfEvent(ctx, input.requestId);
  if (!request) return { answer: requestUnknown() };
  if (!policy.mayTouch(ctx.principal, 'meeting:withdraw', [request.fromOrgId])) {
    return { answer: policy.refusal(ctx.principal, 'meeting:withdraw') };
  }
  const at = ctx.now();
  return meetingChange(ctx, at, () => {
    const current = requestOfEvent(ctx, request.id)!;
    unwrap(requestOpen(current.status));
    ctx.store.setRequestStatus(current.id, 'withdrawn', '', at);
    return {
      result: requestOfEvent(ctx, current.id)!,
      changes: [{ kind: 'meeting:withdrawn', data: { id: current.id } }],
      requests: [current.id],
      meetings: [],
    };
  });
}

export function bookMeeting(ctx: CommandContext, input: CommandInput<'meeting:book'>): Outcome<MeetingInfo> {
  if (policy.allowed(ctx.principal, 'meeting:book') === 'none') {
    return { answer: policy.refusal(ctx.principal, 'meeting:book') };
  }
  const { store, eventId } = ctx;
  const at = ctx.now();
  return meetingChange(
    ctx,
    at,
    () => {
      const guest = ofEvent(eventId, store.getOrganization(input.guestOrgId));
      const venture = ofEvent(eventId, store.getOrganization(input.ventureOrgId));
      if (!guest || !venture) return reject('orgs-unknown', 'Both organizations must be part of this event.');
      if (venture.kind !== 'venture' || guest.kind === 'venture') {
        reject('meeting-kinds', 'A meeting joins a venture and a local firm or partner.');
      }
      const timeZone = store.getEvent(eventId)!.timeZone;
      unwrap(
        pairFree(meetingOfPair(ctx, guest.id, venture.id), { guest: guest.name, venture: venture.name }, timeZone),
      );
      // A request still open between the two is answered by this booking.
      const open = pendingPairsOf(store, eventId, [guest.id]).find(
        (r) => r.fromOrgId === venture.id || r.toOrgId === venture.id,
      );
      const { meeting, taken } = book(ctx, at, [guest.id, venture.id], open?.id ?? null, {
        slotStart: input.slotStart,
        table: input.table,
      });
      if (open) store.setRequestStatus(open.id, 'accepted', '', at);
      const expired = expireHopeless(ctx, at, meeting, taken);
      return {
        result: meeting,
        changes: [
          {
            kind: 'meeting:booked',
            data: {
              meetingId: meeting.id,
              slotStart: meeting.slotStart,
              table: meeting.table,
              byOrganizer: true,
              ...(open ? { requestId: open.id } : {}),
            },
          },
          ...expiredRows(expired),
        ],
        requests: open ? [open.id, ...expired] : expired,
        meetings: [meeting.id],
      };
    },
    { keyed: { command: 'meeting:book', key: input.key } },
  );
}

export function moveMeeting(ctx: CommandContext, input: CommandInput<'meeting:move'>): Outcome<MeetingInfo> {
  if (policy.allowed(ctx.principal, 'meeting:move') === 'none') {
    return { answer: policy.refusal(ctx.principal, 'meeting:move') };
  }
  const at = ctx.now();
  return meetingChange(ctx, at, () => {
    const meeting = meetingOrRefuse(ctx, input.meetingId);
    unwrap(meetingScheduled(meeting.status, 'move'));
    const grid = gridOrRefuse(ctx);
    const slots = slotsNow(ctx, grid);
    const to = { slotStart: input.slotStart, table: input.table };
    unwrap(
      checkPlacement(
        slots,
        grid.tables,
        ctx.store.bookings(ctx.eventId),
        [meeting.guestOrgId, meeting.ventureOrgId],
        to,
        {
          notBefore: at,
          capPerOrg: null, // moving does not add a meeting
          ignore: { slotStart: meeting.slotStart, table: meeting.table },
        },
      ),
    );
    const slot = slots.find((s) => s.start === input.slotStart)!;
    ctx.store.updateMeeting(meeting.id, {
      slotStart: slot.start,
      slotEnd: slot.end,
      table: input.table,
      status: 'scheduled',
      nextStep: meeting.nextStep,
      now: at,
    });
    const settled = settleRequests(ctx, at);
    return {
      result: meetingOfEvent(ctx, meeting.id)!,
      changes: [
        {
          kind: 'meeting:moved',
          data: { meetingId: meeting.id, from: { slotStart: meeting.slotStart, table: meeting.table }, to: input },
        },
        ...settled.changes,
      ],
      requests: settled.requests,
      meetings: [meeting.id],
    };
  });
}

export function cancelMeeting(ctx: CommandContext, input: CommandInput<'meeting:cancel'>): Outcome<MeetingInfo> {
  const at = ctx.now();
  return meetingChange(ctx, at, () => {
    const meeting = meetingOrRefuse(ctx, input.meetingId);
    mayTouchOrRefuse(ctx, 'meeting:cancel', [meeting.guestOrgId, meeting.ventureOrgId]);
    unwrap(meetingScheduled(meeting.status, 'cancel'));
    ctx.store.updateMeeting(meeting.id, { ...meeting, status: 'cancelled', now: at });
    const settled = settleRequests(ctx, at);
    return {
      result: meetingOfEvent(ctx, meeting.id)!,
      changes: [{ kind: 'meeting:cancelled', data: { meetingId: meeting.id } }, ...settled.changes],
      requests: settled.requests,
      meetings: [meeting.id],
    };
  });
}

export function markMeeting(ctx: CommandContext, input: CommandInput<'meeting:mark'>): Outcome<MeetingInfo> {
  const at = ctx.now();
  return meetingChange(ctx, at, () => {
    const meeting = meetingOrRefuse(ctx, input.meetingId);
    mayTouchOrRefuse(ctx, 'meeting:mark', [meeting.guestOrgId, meeting.ventureOrgId]);
    unwrap(meetingMarkable(meeting, at));
    ctx.store.updateMeeting(meeting.id, {
      ...meeting,
      status: input.status,
      nextStep: input.nextStep || meeting.nextStep,
      now: at,
    });
    return {
      result: meetingOfEvent(ctx, meeting.id)!,
      changes: [
        { kind: 'meeting:marked', data: { meetingId: meeting.id, status: input.status, nextStep: input.nextStep } },
      ],
      requests: [],
      meetings: [meeting.id],
    };
  });
}

/** What came of a held meeting, in the weeks after: either party or an organizer records it. */
export function recordOutcome(ctx: CommandContext, input: CommandInput<'meeting:outcome'>): Outcome<MeetingInfo> {
  const at = ctx.now();
  return meetingChange(ctx, at, () => {
    const meeting = meetingOrRefuse(ctx, input.meetingId);
    mayTouchOrRefuse(ctx, 'meeting:outcome', [meeting.guestOrgId, meeting.ventureOrgId]);
    const problem = outcomeProblem(meeting.status, input);
    if (problem) throw new Refusal(problem);
    ctx.store.setMeetingOutcome(meeting.id, { ...input, now: at });
    return {
      result: meetingOfEvent(ctx, meeting.id)!,
      changes: [{ kind: 'meeting:outcome', data: input }],
      requests: [],
      meetings: [meeting.id],
    };
  });
}
