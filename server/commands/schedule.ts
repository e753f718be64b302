/**
 * 「自動で組む」: the organizer's meeting schedule from the day's interest (issue 16 item 2).
 *
 * `schedule:preview` builds the problem from the store (the pairs that want to meet, the grid's
 * bookable slots from now on, the tables, the cap, the meetings already booked), solves it off the
 * event loop and answers what it would do, under a digest of the problem. `schedule:commit` with
 * that digest writes all of it in one transaction through the booking path every meeting takes
 * (the database's unique indexes refuse a double booking whatever the code did), or nothing: if the
 * problem's digest differs, inside the transaction, the state moved on since the preview and the
 * commit is refused with the fresh preview's digest and figures.
 *
 * The grid's `autoSchedule` setting says whether the meetings are booked at once or proposed: a
 * proposal holds its place like any meeting until both sides confirm (`meeting:confirm`); a side's
 * decline frees the place, and the pair is never proposed again.
 */
import { createHash } from 'node:crypto';
import { challengeFit } from '../../shared/challenges.js';
import { fail, ok, refusalError } from '../../shared/errors.js';
import type {
  AutoScheduleMode,
  MeetingInfo,
  OrgKind,
  ScheduleCommitted,
  ScheduleGap,
  SchedulePreview,
} from '../../shared/model.js';
import type { CommandInput } from '../../shared/protocol.js';
import * as policy from '../auth/policy.js';
import { Refusal } from '../domain/result.js';
import type { ScheduleProblem, ScheduleResult, UnplacedReason } from '../domain/schedule/types.js';
import { wantedPairs } from '../domain/wanted-pairs.js';
import { runSchedule } from '../scheduler/run.js';
import { pendingPairsOf, takenPlaces } from '../store/booking-reads.js';
import type { Store } from '../store/store.js';
import { book, meetingChange, meetingOfEvent, settleRequests } from './booking.js';
import { cachedSlots } from './views.js';
import { reject } from './change.js';
import type { CommandContext, Outcome } from './context.js';

/** The problem as the store has it now, with what the preview needs to name it. */
interface Plan {
  problem: ScheduleProblem;
  mode: AutoScheduleMode;
  digest: string;
  orgs: Map<string, { name: string; kind: OrgKind }>;
  slotEnd: Map<number, number>;
}

/**
 * The problem now. Only slots that have not started: a meeting is never placed in the past, and
 * the digest changes as a slot starts, so a preview left open across a slot's start is refused.
 * Every list is in a fixed order, so the same state gives the same digest.
 */
function planOf(store: Store, eventId: string, now: number): Plan | null {
  const grid = store.getGrid(eventId);
  if (!grid) return null;
  const event = store.getEvent(eventId)!;
  const slots = cachedSlots(grid, event.date, event.timeZone)
    .filter((s) => s.start >= now)
    .map((s) => ({ start: s.start, end: s.end }));
  const facts = store.wantFacts(eventId);
  const existing = takenPlaces(store, eventId)
    .map((b) => ({ guest: b.orgs[0], venture: b.orgs[1], slotStart: b.slotStart, table: b.table }))
    .sort((a, b) => a.slotStart - b.slotStart || (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  // Challenge fit breaks ties after mutual and one-sided: a firm's challenges against the venture's topics.
  const challenges = store.records.organizations.challengesOfEvent(eventId);
  const topics = new Map(store.listVentures(eventId).map((v) => [v.id, v.tags]));
  const pairs = wantedPairs(
    facts,
    (guest, venture) => challengeFit(challenges[guest] ?? null, topics.get(venture) ?? []).score,
  );
  const problem: ScheduleProblem = { slots, tables: [...grid.tables], capPerOrg: grid.capPerOrg, existing, pairs };
  const mode = grid.autoSchedule ?? 'book';
  const digest = createHash('sha256')
    .update(JSON.stringify({ eventId, mode, problem }))
    .digest('base64url')
    .slice(0, 32);
  return {
    problem,
    mode,
    digest,
    orgs: new Map(facts.orgs.map((o) => [o.id, { name: o.name, kind: o.kind }])),
    slotEnd: new Map(slots.map((s) => [s.start, s.end])),
  };
}

const planNow = (ctx: CommandContext): Plan | null => planOf(ctx.store, ctx.eventId, ctx.now());

/** The digest a preview made now would carry (null without a grid): what a commit must name. */
export const scheduleDigest = (store: Store, eventId: string, now: number): string | null =>
  planOf(store, eventId, now)?.digest ?? null;

const planOrRefuse = (ctx: CommandContext): Plan =>
  planNow(ctx) ?? reject('grid-missing', 'The meeting grid is not set up yet.');

/**
 * Solved problems by digest, so a commit right after its preview does not solve again. The solver
 * is deterministic: the same digest always has the same result. A few are kept, per process.
 */
const solved = new Map<string, ScheduleResult>();
const KEEP_SOLVED = 16;

async function solve(plan: Plan): Promise<ScheduleResult> {
  const cached = solved.get(plan.digest);
  if (cached) return cached;
  const result = await runSchedule(plan.problem);
  solved.set(plan.digest, result);
  if (solved.size > KEEP_SOLVED) solved.delete(solved.keys().next().value!);
  return result;
}

/** Why an organization with none gets none: the reason most of its pairs were left for (ties: cap, slot, table). */
function gapOf(reasons: readonly UnplacedReason[]): ScheduleGap {
  const order: ScheduleGap[] = ['cap', 'no-common-slot', 'no-table'];
  const count = (r: ScheduleGap) => reasons.filter((x) => x === r).length;
  return order.reduce((best, r) => (count(r) > count(best) ? r : best), order[0]!);
}

function previewOf(plan: Plan, result: ScheduleResult): SchedulePreview {
  const { problem, orgs } = plan;
  const nameOf = (id: string) => orgs.get(id)?.name ?? '';
  const mutual = new Set(problem.pairs.filter((p) => p.strength === 'mutual').map((p) => `${p.guest}|${p.venture}`));
  const meetings = result.meetings
    .map((m) => ({
      guestOrgId: m.guest,
      guestOrgName: nameOf(m.guest),
      ventureOrgId: m.venture,
      ventureOrgName: nameOf(m.venture),
      slotStart: m.slotStart,
      slotEnd: plan.slotEnd.get(m.slotStart) ?? m.slotStart,
      table: m.table,
      mutual: mutual.has(`${m.guest}|${m.venture}`),
    }))
    .sort((a, b) => a.slotStart - b.slotStart || a.table.localeCompare(b.table));
  // Who wants a meeting and would still have none, booked before or now.
  const meets = new Set([
    ...problem.existing.flatMap((e) => [e.guest, e.venture]),
    ...result.meetings.flatMap((m) => [m.guest, m.venture]),
  ]);
  const reasons = new Map<string, UnplacedReason[]>();
  for (const u of result.unplaced) {
    for (const org of [u.guest, u.venture]) reasons.set(org, [...(reasons.get(org) ?? []), u.reason]);
  }
  const wanting = new Set(problem.pairs.flatMap((p) => [p.guest, p.venture]));
  const without = [...wanting]
    .filter((id) => !meets.has(id))
    .map((id) => ({
      orgId: id,
      orgName: nameOf(id),
      kind: orgs.get(id)?.kind ?? 'firm',
      reason: gapOf(reasons.get(id) ?? []),
    }))
    .sort((a, b) => (a.kind === b.kind ? a.orgName.localeCompare(b.orgName, 'ja') : a.kind === 'venture' ? 1 : -1));
  return {
    digest: plan.digest,
    mode: plan.mode,
    wanted: problem.pairs.length,
    mutual: mutual.size,
    proposed: meetings.length,
    mutualCovered: meetings.filter((m) => m.mutual).length,
    meetings,
    without,
  };
}

export async function previewSchedule(
  ctx: CommandContext,
  _input: CommandInput<'schedule:preview'>,
): Promise<Outcome<SchedulePreview>> {
  if (policy.allowed(ctx.principal, 'schedule:preview') === 'none') {
    return { answer: policy.refusal(ctx.principal, 'schedule:preview') };
  }
  const plan = planNow(ctx);
  if (!plan) return { answer: fail('grid-missing', 'The meeting grid is not set up yet.') };
  return { answer: ok(previewOf(plan, await solve(plan))) };
}

/** The refusal of a commit whose preview is out of date, with the fresh one's digest and figures. */
async function changedSince(ctx: CommandContext): Promise<Outcome<ScheduleCommitted>> {
  const plan = planNow(ctx);
  if (!plan) return { answer: fail('grid-missing', 'The meeting grid is not set up yet.') };
  const fresh = previewOf(plan, await solve(plan));
  return {
    answer: fail(
      'schedule-changed',
      `Meetings or interest changed since the preview: nothing was written. It would now make ${fresh.proposed} meetings.`,
      {
        digest: fresh.digest,
        proposed: fresh.proposed,
        wanted: fresh.wanted,
        mutual: fresh.mutual,
        mutualCovered: fresh.mutualCovered,
      },
    ),
  };
}

/** The open request between the pair, if there is one (either way). */
function openRequestOf(ctx: CommandContext, guest: string, venture: string): string | null {
  const open = pendingPairsOf(ctx.store, ctx.eventId, [guest]).find(
    (r) => r.fromOrgId === venture || r.toOrgId === venture,
  );
  return open?.id ?? null;
}

export async function commitSchedule(
  ctx: CommandContext,
  input: CommandInput<'schedule:commit'>,
): Promise<Outcome<ScheduleCommitted>> {
  const { principal, store } = ctx;
  if (policy.allowed(principal, 'schedule:commit') === 'none' || principal.kind !== 'person') {
    return { answer: policy.refusal(principal, 'schedule:commit') };
  }
  // A resend of a commit that was done is answered as it was, before its own meetings make the
  // state differ from the preview it named.
  const remembered = store.idempotentAnswer<ScheduleCommitted>(principal.person.id, 'schedule:commit', input.key);
  if (remembered !== undefined) return { answer: ok(remembered) };
  const before = planNow(ctx);
  if (!before) return { answer: fail('grid-missing', 'The meeting grid is not set up yet.') };
  if (before.digest !== input.digest) return changedSince(ctx);
  const result = await solve(before);
  const at = ctx.now();
  const outcome = meetingChange<ScheduleCommitted>(
    ctx,
    at,
    () => {
      // The state again, inside the transaction: it may have moved while the solver ran.
      const plan = planOrRefuse(ctx);
      if (plan.digest !== input.digest) {
        throw new Refusal(refusalError('schedule-changed', 'The state changed since the preview.'));
      }
      const propose = plan.mode === 'propose';
      const meetingIds: string[] = [];
      const answered: string[] = [];
      for (const m of result.meetings) {
        // Booked at once, the meeting answers a request still open between the two, as a booking by hand does.
        const requestId = propose ? null : openRequestOf(ctx, m.guest, m.venture);
        const { meeting } = book(
          ctx,
          at,
          [m.guest, m.venture],
          requestId,
          { slotStart: m.slotStart, table: m.table },
          { proposal: propose },
        );
        if (requestId) {
          store.setRequestStatus(requestId, 'accepted', '', at);
          answered.push(requestId);
        }
        meetingIds.push(meeting.id);
      }
      // Places taken can leave open requests with none; they expire as after any booking.
      const settled = settleRequests(ctx, at);
      return {
        result: { preview: previewOf(plan, result), meetingIds },
        changes: meetingIds.length
          ? [
              { kind: 'schedule:committed', data: { digest: plan.digest, mode: plan.mode, meetingIds } },
              ...settled.changes,
            ]
          : [],
        requests: [...answered, ...settled.requests],
        meetings: meetingIds,
      };
    },
    { keyed: { command: 'schedule:commit', key: input.key } },
  );
  if (!outcome.answer.ok && outcome.answer.error.reason === 'schedule-changed') return changedSince(ctx);
  return outcome;
}

/**
 * A side's answer to a proposed meeting. Confirming twice is answered, not refused. Once both have
 * confirmed it is an ordinary meeting, and an open request between the two is answered by it; a
 * decline cancels it (its place is free for others at once) and the pair is never proposed again.
 */
export function confirmMeeting(ctx: CommandContext, input: CommandInput<'meeting:confirm'>): Outcome<MeetingInfo> {
  const { principal, store } = ctx;
  const at = ctx.now();
  return meetingChange<MeetingInfo>(
    ctx,
    at,
    () => {
      const meeting =
        meetingOfEvent(ctx, input.meetingId) ?? reject('meeting-unknown', 'That meeting is not part of this event.');
      if (!policy.mayTouch(principal, 'meeting:confirm', [meeting.guestOrgId, meeting.ventureOrgId])) {
        throw new Refusal(policy.refusal(principal, 'meeting:confirm').error);
      }
      const orgId = principal.kind === 'person' ? principal.person.org?.id : undefined;
      const side = orgId === meeting.guestOrgId ? 'guest' : 'venture';
      const proposal = meeting.proposal;
      if (!proposal || meeting.status !== 'scheduled') {
        return reject('proposal-settled', 'That meeting is not a proposal waiting for your answer.');
      }
      const mine = side === 'guest' ? proposal.guestConfirmed : proposal.ventureConfirmed;
      if (input.accept && mine) return { result: meeting, changes: [], requests: [], meetings: [] };
      if (!input.accept) {
        store.declineProposal(meeting.id, side, at);
        const settled = settleRequests(ctx, at);
        return {
          result: meetingOfEvent(ctx, meeting.id)!,
          changes: [{ kind: 'meeting:proposal-declined', data: { meetingId: meeting.id, side } }, ...settled.changes],
          requests: settled.requests,
          meetings: [meeting.id],
        };
      }
      store.confirmProposal(meeting.id, side, at);
      const confirmed = meetingOfEvent(ctx, meeting.id)!;
      const requestId = confirmed.proposal ? null : openRequestOf(ctx, meeting.guestOrgId, meeting.ventureOrgId);
      if (requestId) {
        store.setRequestStatus(requestId, 'accepted', '', at);
        store.linkMeetingRequest(meeting.id, requestId, at);
      }
      return {
        result: meetingOfEvent(ctx, meeting.id)!,
        changes: [{ kind: 'meeting:confirmed', data: { meetingId: meeting.id, side } }],
        requests: requestId ? [requestId] : [],
        meetings: [meeting.id],
      };
    },
    { keyed: { command: 'meeting:confirm', key: input.key } },
  );
}
