/**
 * The rules a meeting command asks before it writes, pure: which status a request or meeting may
 * leave, whether a pair already has an open request or a meeting, and whether a new grid keeps
 * every booked meeting's place and every organization within the cap. Each answers with the one
 * refusal idiom (a Result carrying a reason and its params).
 */
import type { MeetingInfo, MeetingRequestInfo, MeetingStatus, RequestStatus } from '../../shared/model.js';
import { formatSlot } from './meetings.js';
import { accept, refuse, type Result } from './result.js';
import { meetingsPerOrg, type Booking, type Slot } from './slots.js';

/** A request is answered (accepted, declined) or withdrawn only while it is pending. */
export function requestOpen(status: RequestStatus): Result<true> {
  return status === 'pending'
    ? accept(true)
    : refuse('request-settled', `This request is already ${status}.`, { status });
}

/** Only a scheduled meeting moves or is cancelled; `verb` words the English for the log. */
export function meetingScheduled(status: MeetingStatus, verb: 'move' | 'cancel'): Result<true> {
  if (status === 'scheduled') return accept(true);
  const message =
    verb === 'move'
      ? `This meeting is ${status}; only a scheduled one can move.`
      : `This meeting is already ${status}.`;
  return refuse('meeting-not-scheduled', message, { status });
}

/**
 * A proposal of 「自動で組む」 that a side has yet to confirm: it holds its place in the grid, but it is
 * no agreed meeting yet. One rule for everything that treats a meeting as agreed: the agenda file
 * leaves it out, the exports say 提案中, the report does not count it booked, and it cannot be marked
 * held (the board's 面談成立, Meetings.bookedCount, asks the same of the columns in SQL).
 */
export function awaitsConfirmation(meeting: Pick<MeetingInfo, 'status' | 'proposal'>): boolean {
  return meeting.status !== 'cancelled' && meeting.proposal !== undefined;
}

/**
 * Held or no-show is a fact about the past (it counts in the city's report): a cancelled meeting
 * cannot be marked, nor one that has not started, nor a proposal both sides have not confirmed
 * (it would count as held a meeting one side never agreed to).
 */
export function meetingMarkable(
  meeting: Pick<MeetingInfo, 'status' | 'slotStart' | 'proposal'>,
  now: number,
): Result<true> {
  if (meeting.status === 'cancelled') return refuse('meeting-cancelled', 'This meeting was cancelled.');
  if (awaitsConfirmation(meeting)) {
    return refuse(
      'meeting-unconfirmed',
      'Both sides have not confirmed this proposed meeting yet: it can be marked once they have.',
    );
  }
  if (now < meeting.slotStart) return refuse('meeting-not-started', 'This meeting has not started yet.');
  return accept(true);
}

/** A pair asks once at a time, and meets once: `org` is the other side's name, for the refusal. */
export function mayRequest(
  requests: readonly Pick<MeetingRequestInfo, 'fromOrgId' | 'toOrgId'>[],
  meetings: readonly Pick<MeetingInfo, 'guestOrgId' | 'ventureOrgId' | 'status'>[],
  other: { id: string; name: string },
): Result<true> {
  if (requests.some((r) => r.fromOrgId === other.id || r.toOrgId === other.id)) {
    return refuse('request-open', `There is already an open request between you and ${other.name}.`, {
      org: other.name,
    });
  }
  const met = meetings.some(
    (m) => m.status !== 'cancelled' && (m.guestOrgId === other.id || m.ventureOrgId === other.id),
  );
  if (met) return refuse('pair-met', `You already have a meeting with ${other.name}.`, { org: other.name });
  return accept(true);
}

/** A pair meets once: booking them again is refused, naming the meeting they have. */
export function pairFree(
  existing: Pick<MeetingInfo, 'slotStart' | 'table'> | undefined,
  names: { guest: string; venture: string },
  timeZone: string,
): Result<true> {
  if (!existing) return accept(true);
  return refuse(
    'pair-booked',
    `${names.guest} and ${names.venture} already have a meeting (${formatSlot(existing, timeZone)}). Move it instead.`,
    { ...names, slotAt: existing.slotStart, table: existing.table },
  );
}

/**
 * A new grid must keep every booked meeting's place (its slot, exactly, and its table): the first
 * meeting it would strand is refused, with what the organizer needs to find it.
 */
export function keepsMeetings(
  meetings: readonly Pick<
    MeetingInfo,
    'status' | 'slotStart' | 'slotEnd' | 'table' | 'guestOrgName' | 'ventureOrgName'
  >[],
  slots: readonly Slot[],
  tables: readonly string[],
  timeZone: string,
): Result<true> {
  const tableSet = new Set(tables);
  const orphan = meetings.find(
    (m) =>
      m.status !== 'cancelled' &&
      (!slots.some((x) => x.start === m.slotStart && x.end === m.slotEnd) || !tableSet.has(m.table)),
  );
  if (!orphan) return accept(true);
  return refuse(
    'grid-strands-meeting',
    `The meeting of ${orphan.guestOrgName} and ${orphan.ventureOrgName} (${formatSlot(orphan, timeZone)}) would lose its place. Move or cancel it first.`,
    { guest: orphan.guestOrgName, venture: orphan.ventureOrgName, slotAt: orphan.slotStart, table: orphan.table },
  );
}

/** Nor may a lower cap leave an organization over it: the cap is a promise about every agenda. */
export function keepsCap(
  bookings: readonly Booking[],
  cap: number | null,
  nameOf: (orgId: string) => string,
): Result<true> {
  const over = cap === null ? undefined : [...meetingsPerOrg(bookings)].find(([, n]) => n > cap);
  if (!over) return accept(true);
  const [orgId, count] = over;
  const org = nameOf(orgId);
  return refuse(
    'grid-cap-below',
    `${org} already has ${count} meetings: the cap cannot be lower than that. Cancel one first, or keep the cap at ${count}.`,
    { org, count },
  );
}
