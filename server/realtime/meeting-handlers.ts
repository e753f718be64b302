/**
 * Meetings: requests both ways between a venture and a local firm (or partner), answers, and
 * bookings into the grid. Every booking is decided and written in one immediate transaction, and
 * the database's unique indexes refuse a double booking even if the code were wrong.
 */
import { fail, ok, refusalError, type RefusalParams, type RefusalReason } from '../../shared/errors.js';
import { Refusal } from '../domain/result.js';
import type { GridSettings, MeetingInfo, MeetingRequestInfo } from '../../shared/model.js';
import {
  gridSaveSchema,
  meetingBookSchema,
  meetingCancelSchema,
  meetingFreeSlotsSchema,
  meetingMarkSchema,
  meetingMoveSchema,
  meetingOutcomeSchema,
  meetingRequestSchema,
  meetingRespondSchema,
  meetingWithdrawSchema,
} from '../../shared/protocol.js';
import * as policy from '../auth/policy.js';
import { formatSlot, mayMeet, outcomeProblem, pairOf } from '../domain/meetings.js';
import {
  checkPlacement,
  findPlacement,
  freePlacements,
  gridIssues,
  meetingsPerOrg,
  slotsOf,
  type Booking,
  type Placement,
} from '../domain/slots.js';
import { pairMeeting, pendingPairs, pendingPairsOf, takenPlaces } from '../store/booking-reads.js';
import type { AppSocket, Command, HandlerDeps, Outcome } from './command.js';
import { expireWithoutPlace, reviveWithPlace } from './request-places.js';
import { cachedSlots, gridInfo } from './views.js';

/** Refuses from inside a transaction: the throw rolls it back, and `attempt` answers with the refusal. */
const refuse = (reason: RefusalReason, message: string, params?: RefusalParams): never => {
  throw new Refusal(refusalError(reason, message, params));
};

export function registerMeetingHandlers(socket: AppSocket, command: Command, deps: HandlerDeps): void {
  const { store, publisher, now } = deps;
  const principal = socket.data.principal;
  const eventId = principal.eventId;
  const person = principal.kind === 'person' ? principal.person : null;
  const event = () => store.getEvent(eventId)!;

  /** Runs `work` in one transaction; a Refusal thrown inside rolls everything back and is the answer. */
  function attempt<T>(
    work: () => { result: T; changes: { kind: string; data: unknown }[]; requests: string[]; meetings: string[] },
    // What a constraint the database refuses means here: by default, a place taken a moment ago.
    onConstraint = refusalError(
      'slot-taken',
      'That place was just taken by another booking. Look at the free slots again.',
    ),
  ): Outcome<T> {
    try {
      let touched = { requests: [] as string[], meetings: [] as string[] };
      const { result, seq } = store.mutate(eventId, person?.id ?? 'board', now(), () => {
        const done = work();
        touched = { requests: done.requests, meetings: done.meetings };
        return { result: done.result, changes: done.changes };
      });
      return {
        answer: ok(result),
        publish: () => publisher.meetingsChanged(eventId, touched.requests, touched.meetings, seq),
      };
    } catch (error) {
      if (error instanceof Refusal) return { answer: { ok: false, error: error.error } };
      if (isConstraint(error)) return { answer: { ok: false, error: onConstraint } };
      throw error;
    }
  }

  const gridOrRefuse = (): GridSettings =>
    store.getGrid(eventId) ?? refuse('grid-missing', 'The meeting grid is not set up yet.');
  const slotsNow = (grid: GridSettings) => cachedSlots(grid, event().date, event().timeZone);
  const orgOfEvent = (orgId: string) => {
    const org = store.getOrganization(orgId);
    return org && org.eventId === eventId ? org : undefined;
  };
  const bookingsNow = () => store.bookings(eventId);

  /**
   * Books the pair at the chosen place, or the earliest free one. Returns the meeting and the places
   * taken now, which the expiry check after it reads instead of asking the database again.
   */
  function book(
    pair: [string, string],
    guest: string,
    venture: string,
    requestId: string | null,
    chosen: Placement | null,
  ): { meeting: MeetingInfo; taken: Booking[] } {
    const grid = gridOrRefuse();
    const slots = slotsNow(grid);
    const bookings = takenPlaces(store, eventId);
    const options = { notBefore: now(), capPerOrg: grid.capPerOrg };
    let placement: Placement;
    if (chosen) {
      const checked = checkPlacement(slots, grid.tables, bookings, pair, chosen, options);
      if (!checked.ok) {
        const next = findPlacement(slots, grid.tables, bookings, pair, options);
        throw new Refusal({
          ...checked.error,
          message: `${checked.error.message}${next ? ` The next free one is ${formatSlot(next, event().timeZone)}.` : ' No slot is free for both.'}`,
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
        refuse('no-free-slot', 'No slot is left where both organizations and a table are free.');
    }
    const slot = slots.find((s) => s.start === placement.slotStart)!;
    const id = deps.newId();
    store.insertMeeting({
      id,
      eventId,
      requestId,
      guestOrg: guest,
      ventureOrg: venture,
      slotStart: slot.start,
      slotEnd: slot.end,
      table: placement.table,
      now: now(),
    });
    const meeting = store.meetings(eventId, { ids: [id] })[0]!;
    return { meeting, taken: [...bookings, { slotStart: slot.start, table: placement.table, orgs: pair }] };
  }

  /**
   * After a booking, pending requests that can no longer be placed expire. A booking can only take
   * the last chance of requests of its own two organizations, or, when it filled the last table of
   * its slot, of anyone: only those are looked at (`booked` null: everyone's).
   */
  function expireHopeless(booked: MeetingInfo | null, taken: readonly Booking[]): string[] {
    const grid = store.getGrid(eventId);
    if (!grid) return [];
    const slotFull = !booked || taken.filter((b) => b.slotStart === booked.slotStart).length >= grid.tables.length;
    const candidates = slotFull
      ? pendingPairs(store, eventId)
      : pendingPairsOf(store, eventId, [booked.guestOrgId, booked.ventureOrgId]);
    return expireWithoutPlace(store, eventId, candidates, taken, now());
  }

  /** Both halves after the places changed other than by a booking; with their change-log rows. */
  function settleRequests(): { requests: string[]; changes: { kind: string; data: unknown }[] } {
    const taken = takenPlaces(store, eventId);
    const expired = expireHopeless(null, taken);
    const revived = reviveWithPlace(store, eventId, taken, now());
    return {
      requests: [...expired, ...revived],
      changes: [
        ...expired.map((id) => ({ kind: 'meeting:expired', data: { id } })),
        ...revived.map((id) => ({ kind: 'meeting:revived', data: { id } })),
      ],
    };
  }

  /** The pair's meeting, if it has one: a pair meets once. */
  const meetingOfPair = (guest: string, venture: string) => {
    const id = pairMeeting(store, eventId, guest, venture);
    return id ? store.meetings(eventId, { ids: [id] })[0] : undefined;
  };

  command('grid:save', gridSaveSchema, (input) => {
    if (policy.allowed(principal, 'grid:save') === 'none') return { answer: policy.refusal(principal, 'grid:save') };
    const issues = gridIssues(input);
    // The form shows one problem at a time, the first; the English names them all, for the log.
    if (issues[0]) {
      const { problem, params } = issues[0];
      const english = issues.map((i) => i.message).join(' ');
      return { answer: fail('grid-invalid', english, { problem, ...params }) };
    }
    const slots = slotsOf(input, event().date, event().timeZone);
    const tables = new Set(input.tables);
    // Booked meetings must keep their place in the new grid: move or cancel them first.
    const orphan = store
      .meetings(eventId)
      .find(
        (m) =>
          m.status !== 'cancelled' &&
          (!slots.some((x) => x.start === m.slotStart && x.end === m.slotEnd) || !tables.has(m.table)),
      );
    if (orphan) {
      return {
        answer: fail(
          'grid-strands-meeting',
          `The meeting of ${orphan.guestOrgName} and ${orphan.ventureOrgName} (${formatSlot({ slotStart: orphan.slotStart, table: orphan.table }, event().timeZone)}) would lose its place. Move or cancel it first.`,
          { guest: orphan.guestOrgName, venture: orphan.ventureOrgName, slotAt: orphan.slotStart, table: orphan.table },
        ),
      };
    }
    // Nor may a lower cap leave an organization over it: the cap is a promise about every agenda.
    const cap = input.capPerOrg;
    const over = cap === null ? undefined : [...meetingsPerOrg(takenPlaces(store, eventId))].find(([, n]) => n > cap);
    if (over) {
      const [orgId, count] = over;
      const org = store.getOrganization(orgId)!.name;
      return {
        answer: fail(
          'grid-cap-below',
          `${org} already has ${count} meetings: the cap cannot be lower than that. Cancel one first, or keep the cap at ${count}.`,
          { org, count },
        ),
      };
    }
    let settled: string[] = [];
    const { seq } = store.mutate(eventId, person!.id, now(), () => {
      store.setGrid(eventId, input);
      // Fewer slots or tables can take requests' last places; more can give expired ones a place.
      const { requests, changes } = settleRequests();
      settled = requests;
      return { result: null, changes: [{ kind: 'grid:saved', data: input }, ...changes] };
    });
    const info = gridInfo(store, event())!;
    return {
      answer: ok(info),
      publish: () => {
        publisher.gridChanged(eventId, info, seq);
        if (settled.length) publisher.meetingsChanged(eventId, settled, [], seq);
      },
    };
  });

  command('meeting:request', meetingRequestSchema, (input) => {
    // 'own': the asking organization is the asker's own.
    if (policy.allowed(principal, 'meeting:request') === 'none' || !person?.org)
      return { answer: policy.refusal(principal, 'meeting:request') };
    const replay = store.idempotentAnswer<MeetingRequestInfo>(person.id, 'meeting:request', input.key);
    if (replay) return { answer: ok(replay) };
    const from = person.org;
    const to = orgOfEvent(input.toOrgId);
    if (!to) return { answer: fail('org-unknown', 'That organization is not part of this event.') };
    const allowed = mayMeet(from.kind, to.kind);
    if (!allowed.ok) return { answer: { ok: false, error: allowed.error } };
    const open = store
      .requests(eventId, { pendingOf: [from.id] })
      .find((r) => r.fromOrgId === to.id || r.toOrgId === to.id);
    if (open)
      return {
        answer: fail('request-open', `There is already an open request between you and ${to.name}.`, { org: to.name }),
      };
    if (
      store
        .meetings(eventId, { orgId: from.id })
        .some((m) => m.status !== 'cancelled' && (m.guestOrgId === to.id || m.ventureOrgId === to.id))
    ) {
      return { answer: fail('pair-met', `You already have a meeting with ${to.name}.`, { org: to.name }) };
    }
    const id = deps.newId();
    return attempt(
      () => {
        store.insertRequest({
          id,
          eventId,
          fromOrg: from.id,
          toOrg: to.id,
          fromPerson: person.id,
          message: input.message,
          now: now(),
        });
        const request = store.requests(eventId, { ids: [id] })[0]!;
        store.rememberAnswer(person.id, 'meeting:request', input.key, request, now());
        return {
          result: request,
          changes: [{ kind: 'meeting:requested', data: { id, from: from.id, to: to.id } }],
          requests: [id],
          meetings: [],
        };
      },
      refusalError('request-open', `There is already an open request between you and ${to.name}.`, { org: to.name }),
    );
  });

  const requestOfEvent = (id: string) => store.requests(eventId, { ids: [id] })[0];

  command('meeting:respond', meetingRespondSchema, (input) => {
    const request = requestOfEvent(input.requestId);
    if (!request) return { answer: fail('request-unknown', 'That request is not part of this event.') };
    if (!policy.mayTouch(principal, 'meeting:respond', [request.toOrgId])) {
      return { answer: policy.refusal(principal, 'meeting:respond') };
    }
    return attempt<{ request: MeetingRequestInfo; meeting: MeetingInfo | null }>(() => {
      // Read again inside the transaction: the other side may have withdrawn a moment ago.
      const current = requestOfEvent(request.id)!;
      if (current.status !== 'pending')
        refuse('request-settled', `This request is already ${current.status}.`, { status: current.status });
      if (!input.accept) {
        store.setRequestStatus(current.id, 'declined', input.reason, now());
        return {
          result: { request: requestOfEvent(current.id)!, meeting: null },
          changes: [{ kind: 'meeting:declined', data: { id: current.id } }],
          requests: [current.id],
          meetings: [],
        };
      }
      const { guest, venture } = pairOf(current.fromOrgId, current.toOrgId, (id) => orgOfEvent(id)!.kind);
      // The pair meets already (an organizer booked them by hand): the request is answered by that
      // meeting, never by a second one.
      const existing = meetingOfPair(guest, venture);
      if (existing) {
        store.setRequestStatus(current.id, 'accepted', '', now());
        store.linkMeetingRequest(existing.id, current.id, now());
        return {
          result: { request: requestOfEvent(current.id)!, meeting: meetingOfEvent(existing.id)! },
          changes: [{ kind: 'meeting:accepted', data: { requestId: current.id, meetingId: existing.id } }],
          requests: [current.id],
          meetings: [existing.id],
        };
      }
      const chosen =
        input.slotStart !== undefined && input.table !== undefined
          ? { slotStart: input.slotStart, table: input.table }
          : null;
      const { meeting, taken } = book([guest, venture], guest, venture, current.id, chosen);
      store.setRequestStatus(current.id, 'accepted', '', now());
      const expired = expireHopeless(meeting, taken);
      return {
        result: { request: requestOfEvent(current.id)!, meeting },
        changes: [
          {
            kind: 'meeting:booked',
            data: { requestId: current.id, meetingId: meeting.id, slotStart: meeting.slotStart, table: meeting.table },
          },
          ...expired.map((id) => ({ kind: 'meeting:expired', data: { id } })),
        ],
        requests: [current.id, ...expired],
        meetings: [meeting.id],
      };
    });
  });

  command('meeting:free-slots', meetingFreeSlotsSchema, (input) => {
    const request = requestOfEvent(input.requestId);
    if (!request) return { answer: fail('request-unknown', 'That request is not part of this event.') };
    // The two parties and the organizers may look; the places reveal only free tables and times.
    if (!policy.mayTouch(principal, 'meeting:free-slots', [request.fromOrgId, request.toOrgId])) {
      return { answer: policy.refusal(principal, 'meeting:free-slots') };
    }
    const grid = store.getGrid(eventId);
    if (!grid) return { answer: ok([]) };
    const slots = slotsNow(grid);
    const free = freePlacements(slots, grid.tables, bookingsNow(), [request.fromOrgId, request.toOrgId], {
      notBefore: now(),
      capPerOrg: grid.capPerOrg,
    });
    return { answer: ok(free.map((f) => ({ ...f, slotEnd: slots.find((x) => x.start === f.slotStart)!.end }))) };
  });

  command('meeting:withdraw', meetingWithdrawSchema, (input) => {
    const request = requestOfEvent(input.requestId);
    if (!request) return { answer: fail('request-unknown', 'That request is not part of this event.') };
    if (!policy.mayTouch(principal, 'meeting:withdraw', [request.fromOrgId]))
      return { answer: policy.refusal(principal, 'meeting:withdraw') };
    return attempt(() => {
      const current = requestOfEvent(request.id)!;
      if (current.status !== 'pending')
        refuse('request-settled', `This request is already ${current.status}.`, { status: current.status });
      store.setRequestStatus(current.id, 'withdrawn', '', now());
      return {
        result: requestOfEvent(current.id)!,
        changes: [{ kind: 'meeting:withdrawn', data: { id: current.id } }],
        requests: [current.id],
        meetings: [],
      };
    });
  });

  command('meeting:book', meetingBookSchema, (input) => {
    if (policy.allowed(principal, 'meeting:book') === 'none')
      return { answer: policy.refusal(principal, 'meeting:book') };
    const replay = store.idempotentAnswer<MeetingInfo>(person!.id, 'meeting:book', input.key);
    if (replay) return { answer: ok(replay) };
    const guest = orgOfEvent(input.guestOrgId);
    const venture = orgOfEvent(input.ventureOrgId);
    if (!guest || !venture) return { answer: fail('orgs-unknown', 'Both organizations must be part of this event.') };
    if (venture.kind !== 'venture' || guest.kind === 'venture') {
      return { answer: fail('meeting-kinds', 'A meeting joins a venture and a local firm or partner.') };
    }
    return attempt(() => {
      const existing = meetingOfPair(guest.id, venture.id);
      if (existing) {
        refuse(
          'pair-booked',
          `${guest.name} and ${venture.name} already have a meeting (${formatSlot(existing, event().timeZone)}). Move it instead.`,
          { guest: guest.name, venture: venture.name, slotAt: existing.slotStart, table: existing.table },
        );
      }
      // A request still open between the two is answered by this booking.
      const open = pendingPairsOf(store, eventId, [guest.id]).find(
        (r) => r.fromOrgId === venture.id || r.toOrgId === venture.id,
      );
      const { meeting, taken } = book([guest.id, venture.id], guest.id, venture.id, open?.id ?? null, {
        slotStart: input.slotStart,
        table: input.table,
      });
      if (open) store.setRequestStatus(open.id, 'accepted', '', now());
      store.rememberAnswer(person!.id, 'meeting:book', input.key, meeting, now());
      const expired = expireHopeless(meeting, taken);
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
          ...expired.map((id) => ({ kind: 'meeting:expired', data: { id } })),
        ],
        requests: open ? [open.id, ...expired] : expired,
        meetings: [meeting.id],
      };
    });
  });

  const meetingOfEvent = (id: string) => store.meetings(eventId, { ids: [id] })[0];

  command('meeting:move', meetingMoveSchema, (input) => {
    if (policy.allowed(principal, 'meeting:move') === 'none')
      return { answer: policy.refusal(principal, 'meeting:move') };
    return attempt(() => {
      const meeting =
        meetingOfEvent(input.meetingId) ?? refuse('meeting-unknown', 'That meeting is not part of this event.');
      if (meeting.status !== 'scheduled')
        refuse('meeting-not-scheduled', `This meeting is ${meeting.status}; only a scheduled one can move.`, {
          status: meeting.status,
        });
      const grid = gridOrRefuse();
      const slots = slotsNow(grid);
      const pair: [string, string] = [meeting.guestOrgId, meeting.ventureOrgId];
      const checked = checkPlacement(
        slots,
        grid.tables,
        bookingsNow(),
        pair,
        { slotStart: input.slotStart, table: input.table },
        {
          notBefore: now(),
          capPerOrg: null, // moving does not add a meeting
          ignore: { slotStart: meeting.slotStart, table: meeting.table },
        },
      );
      if (!checked.ok) throw new Refusal(checked.error);
      const slot = slots.find((s) => s.start === input.slotStart)!;
      store.updateMeeting(meeting.id, {
        slotStart: slot.start,
        slotEnd: slot.end,
        table: input.table,
        status: 'scheduled',
        nextStep: meeting.nextStep,
        now: now(),
      });
      const settled = settleRequests();
      return {
        result: meetingOfEvent(meeting.id)!,
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
  });

  command('meeting:cancel', meetingCancelSchema, (input) => {
    return attempt(() => {
      const meeting =
        meetingOfEvent(input.meetingId) ?? refuse('meeting-unknown', 'That meeting is not part of this event.');
      if (!policy.mayTouch(principal, 'meeting:cancel', [meeting.guestOrgId, meeting.ventureOrgId]))
        throw new Refusal(policy.refusal(principal, 'meeting:cancel').error);
      if (meeting.status !== 'scheduled')
        refuse('meeting-not-scheduled', `This meeting is already ${meeting.status}.`, { status: meeting.status });
      store.updateMeeting(meeting.id, { ...meeting, status: 'cancelled', now: now() });
      const settled = settleRequests();
      return {
        result: meetingOfEvent(meeting.id)!,
        changes: [{ kind: 'meeting:cancelled', data: { meetingId: meeting.id } }, ...settled.changes],
        requests: settled.requests,
        meetings: [meeting.id],
      };
    });
  });

  command('meeting:mark', meetingMarkSchema, (input) => {
    return attempt(() => {
      const meeting =
        meetingOfEvent(input.meetingId) ?? refuse('meeting-unknown', 'That meeting is not part of this event.');
      if (!policy.mayTouch(principal, 'meeting:mark', [meeting.guestOrgId, meeting.ventureOrgId]))
        throw new Refusal(policy.refusal(principal, 'meeting:mark').error);
      if (meeting.status === 'cancelled') refuse('meeting-cancelled', 'This meeting was cancelled.');
      // Held or no-show is a fact about the past: it counts in the city's report.
      if (now() < meeting.slotStart) refuse('meeting-not-started', 'This meeting has not started yet.');
      store.updateMeeting(meeting.id, {
        ...meeting,
        status: input.status,
        nextStep: input.nextStep || meeting.nextStep,
        now: now(),
      });
      return {
        result: meetingOfEvent(meeting.id)!,
        changes: [
          { kind: 'meeting:marked', data: { meetingId: meeting.id, status: input.status, nextStep: input.nextStep } },
        ],
        requests: [],
        meetings: [meeting.id],
      };
    });
  });

  // What came of a held meeting, in the weeks after: either party or an organizer records it.
  command('meeting:outcome', meetingOutcomeSchema, (input) => {
    return attempt(() => {
      const meeting =
        meetingOfEvent(input.meetingId) ?? refuse('meeting-unknown', 'That meeting is not part of this event.');
      if (!policy.mayTouch(principal, 'meeting:outcome', [meeting.guestOrgId, meeting.ventureOrgId]))
        throw new Refusal(policy.refusal(principal, 'meeting:outcome').error);
      const problem = outcomeProblem(meeting.status, input);
      if (problem) throw new Refusal(problem);
      store.setMeetingOutcome(meeting.id, { ...input, now: now() });
      return {
        result: meetingOfEvent(meeting.id)!,
        changes: [{ kind: 'meeting:outcome', data: input }],
        requests: [],
        meetings: [meeting.id],
      };
    });
  });
}

function isConstraint(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    String((error as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT')
  );
}
