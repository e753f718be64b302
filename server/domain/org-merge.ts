/**
 * Merging two organizations that are one company (ＡＢＣ商事 and ABC商事, registered twice). Pure:
 * from what both hold, either every clash that makes the merge impossible as things stand (each
 * named, so the organizer can fix it first) or the plan of what changes besides the renaming of
 * `from` to `into` everywhere. The clashes are the database's own invariants (one meeting per slot
 * per organization, one meeting per pair, one open request per pair) and the grid's cap, checked
 * here first so that the answer names the clash instead of a constraint failing.
 */
import { refusalError, type MergeClash } from '../../shared/errors.js';
import type { InterestLevel, MeetingStatus, OrgKind, RequestStatus } from '../../shared/model.js';
import { formatSlot } from './meetings.js';
import { accept, type Result } from './result.js';

export interface MergeOrg {
  id: string;
  name: string;
  kind: OrgKind;
}

export interface MergeMeeting {
  id: string;
  requestId: string | null;
  guestOrgId: string;
  ventureOrgId: string;
  slotStart: number;
  table: string;
  status: MeetingStatus;
}

export interface MergeRequest {
  id: string;
  fromOrgId: string;
  toOrgId: string;
  status: RequestStatus;
}

/** A person's interest in one of the two ventures. */
export interface MergeInterest {
  personId: string;
  ventureId: string;
  level: InterestLevel;
  updatedAt: number;
}

export interface MergeInput {
  into: MergeOrg;
  from: MergeOrg;
  /** Every meeting and request either organization is a side of, in any status. */
  meetings: readonly MergeMeeting[];
  requests: readonly MergeRequest[];
  /** For ventures: every interest in either of them. */
  interests: readonly MergeInterest[];
  capPerOrg: number | null;
  /** The name of a counterpart organization, for the clash sentences. */
  nameOf: (orgId: string) => string;
}

export interface MergePlan {
  /**
   * Open requests that the merged organization's meeting with the same counterpart answers: a pair
   * meets once, so the request is accepted against that meeting (as an organizer's booking does).
   */
  answered: { requestId: string; meetingId: string }[];
  /**
   * Each person's interest in `from`: moved to `into` ('from' is kept), or dropped because the one
   * they have in `into` is kept. Of two, the stronger level is kept, then the newer, then `into`'s.
   */
  interests: { personId: string; kept: 'into' | 'from' }[];
}

const live = (m: MergeMeeting) => m.status !== 'cancelled';
const otherSide = (m: MergeMeeting, org: string) => (m.guestOrgId === org ? m.ventureOrgId : m.guestOrgId);
const otherParty = (r: MergeRequest, org: string) => (r.fromOrgId === org ? r.toOrgId : r.fromOrgId);
const sideOf = (m: MergeMeeting | MergeRequest, org: string) =>
  'guestOrgId' in m ? m.guestOrgId === org || m.ventureOrgId === org : m.fromOrgId === org || m.toOrgId === org;

const STRENGTH: Record<InterestLevel, number> = { interested: 1, 'want-to-meet': 2 };

/** Which of a person's two interests stays: the stronger, then the newer, then the one in `into`. */
export function keptInterest(into: MergeInterest, from: MergeInterest): 'into' | 'from' {
  const byLevel = STRENGTH[from.level] - STRENGTH[into.level];
  if (byLevel !== 0) return byLevel > 0 ? 'from' : 'into';
  return from.updatedAt > into.updatedAt ? 'from' : 'into';
}

/** Every clash, in the order an organizer would fix them; empty when the merge can go ahead. */
export function mergeClashes(input: MergeInput): MergeClash[] {
  const { into, from } = input;
  if (into.id === from.id) return [{ clash: 'same' }];
  if (into.kind !== from.kind) return [{ clash: 'kind', intoKind: into.kind, fromKind: from.kind }];
  const clashes: MergeClash[] = [];
  const joinsBoth = (x: MergeMeeting | MergeRequest) => sideOf(x, into.id) && sideOf(x, from.id);
  if (input.meetings.some(joinsBoth) || input.requests.some(joinsBoth)) clashes.push({ clash: 'between' });

  const meetingsOf = (org: string) => input.meetings.filter((m) => live(m) && sideOf(m, org) && !joinsBoth(m));
  const intoMeetings = meetingsOf(into.id);
  const fromMeetings = meetingsOf(from.id);
  for (const m of fromMeetings) {
    const same = intoMeetings.find((a) => a.slotStart === m.slotStart);
    if (same) clashes.push({ clash: 'slot', slotStart: m.slotStart, intoTable: same.table, fromTable: m.table });
  }
  for (const m of fromMeetings) {
    const other = otherSide(m, from.id);
    if (intoMeetings.some((a) => otherSide(a, into.id) === other)) {
      clashes.push({ clash: 'pair', other: input.nameOf(other) });
    }
  }
  const openOf = (org: string) =>
    input.requests
      .filter((r) => r.status === 'pending' && sideOf(r, org) && !joinsBoth(r))
      .map((r) => otherParty(r, org));
  const intoOpen = new Set(openOf(into.id));
  for (const other of new Set(openOf(from.id))) {
    if (intoOpen.has(other)) clashes.push({ clash: 'request', other: input.nameOf(other) });
  }
  const count = intoMeetings.length + fromMeetings.length;
  if (input.capPerOrg !== null && count > input.capPerOrg) clashes.push({ clash: 'cap', count, cap: input.capPerOrg });
  return clashes;
}

/** The merge's plan, or a refusal that names every clash. */
export function decideMerge(input: MergeInput, timeZone: string): Result<MergePlan> {
  const clashes = mergeClashes(input);
  if (clashes.length) {
    return {
      ok: false,
      error: {
        ...refusalError(
          'org-merge',
          clashes.map((c) => clashSentence(input.into.name, input.from.name, c, timeZone)).join(' '),
        ),
        refusal: { reason: 'org-merge', into: input.into.name, from: input.from.name, clashes },
      },
    };
  }
  const { into, from } = input;
  // After the merge, a counterpart the merged organization meets has no open request left with it.
  const meetingWith = new Map<string, string>();
  for (const org of [into.id, from.id]) {
    for (const m of input.meetings) if (live(m) && sideOf(m, org)) meetingWith.set(otherSide(m, org), m.id);
  }
  const answered = input.requests
    .filter((r) => r.status === 'pending')
    .flatMap((r) => {
      const org = sideOf(r, into.id) ? into.id : from.id;
      const meetingId = meetingWith.get(otherParty(r, org));
      return meetingId ? [{ requestId: r.id, meetingId }] : [];
    });
  const inInto = new Map(input.interests.filter((i) => i.ventureId === into.id).map((i) => [i.personId, i]));
  const interests = input.interests
    .filter((i) => i.ventureId === from.id)
    .map((i) => {
      const other = inInto.get(i.personId);
      return { personId: i.personId, kept: other ? keptInterest(other, i) : ('from' as const) };
    });
  return accept({ answered, interests });
}

/** The clash in English, for the log and for clients that do not word it themselves. */
export function clashSentence(into: string, from: string, c: MergeClash, timeZone: string): string {
  switch (c.clash) {
    case 'same':
      return 'An organization cannot be merged into itself.';
    case 'kind':
      return `${from} is a ${c.fromKind} and ${into} a ${c.intoKind}: only organizations of the same kind merge. Correct the kind first.`;
    case 'between':
      return `${from} and ${into} have a request or meeting between them.`;
    case 'slot':
      return `${from} meets at ${formatSlot({ slotStart: c.slotStart, table: c.fromTable }, timeZone)} and ${into} at ${formatSlot({ slotStart: c.slotStart, table: c.intoTable }, timeZone)}, and one organization sits in one meeting at a time: move one of them first.`;
    case 'pair':
      return `${from} and ${into} both have a meeting with ${c.other}, and a pair meets once: cancel one of them first.`;
    case 'request':
      return `${from} and ${into} both have an open request with ${c.other}: answer or withdraw one of them first.`;
    case 'cap':
      return `Together they would have ${c.count} meetings, more than the ${c.cap} one organization may have.`;
  }
}
