/**
 * The city's figures for an event, from the facts the store holds: who came, what they tapped,
 * what they asked for, which meetings happened and what came of them. Pure: no clock, no store.
 */
import { FOLLOW_UP_OUTCOMES, type KpiFigures, type KpiTargets } from '../../shared/console.js';
import type { MeetingInfo, MeetingOutcome, MeetingStatus, OrgKind, RequestStatus } from '../../shared/model.js';
import { companyKey } from './company.js';
import { awaitsConfirmation } from './meeting-rules.js';
import { wantedMet, type WantFacts } from './wanted-pairs.js';

export interface KpiFacts {
  orgs: { id: string; kind: OrgKind }[];
  /** One row per checked-in person; organizers (no organization) are left out by the caller. */
  checkins: { orgId: string; at: number }[];
  interests: { level: 'interested' | 'want-to-meet' }[];
  requests: { status: RequestStatus }[];
  /**
   * Every meeting row, cancelled ones too. A proposal of 「自動で組む」 that a side has yet to confirm
   * (`proposal`, as the store reads it) is no meeting yet: neither booked nor a wanted pair met.
   */
  meetings: {
    guestOrgId: string;
    ventureOrgId: string;
    status: MeetingStatus;
    outcome: MeetingOutcome;
    pocStartedOn: string | null;
    contractOn: string | null;
    proposal?: MeetingInfo['proposal'];
  }[];
  /**
   * Who wanted to meet whom, for the wanted-and-met figures; without it they are zero. Which of them
   * met is read from `meetings` above, so both figures follow one rule of what counts as a meeting.
   */
  want?: Omit<WantFacts, 'meetings'>;
}

const KINDS: readonly OrgKind[] = ['firm', 'venture', 'partner'];

function byKind(orgIds: Iterable<string>, kindOf: Map<string, OrgKind>) {
  const counts = { firm: 0, venture: 0, partner: 0, total: 0 };
  for (const id of orgIds) {
    const kind = kindOf.get(id);
    if (!kind) continue;
    counts[kind] += 1;
    counts.total += 1;
  }
  return counts;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export function kpiFigures(facts: KpiFacts): KpiFigures {
  const kindOf = new Map(facts.orgs.map((o) => [o.id, o.kind]));
  const came = new Set(facts.checkins.map((c) => c.orgId));
  const companies = byKind(came, kindOf);

  const requests = { total: 0, pending: 0, accepted: 0, declined: 0, withdrawn: 0, expired: 0 };
  for (const r of facts.requests) {
    requests.total += 1;
    requests[r.status] += 1;
  }

  const meetings = { booked: 0, scheduled: 0, held: 0, noShow: 0, cancelled: 0 };
  let followUps = 0;
  let pocsStarted = 0;
  let contracts = 0;
  const firmsThatMet = new Set<string>();
  // A proposal waiting for a side is counted nowhere: it becomes booked once both confirm, or
  // cancelled if one declines.
  const agreed = facts.meetings.filter((m) => !awaitsConfirmation(m));
  for (const m of agreed) {
    if (m.status === 'cancelled') {
      meetings.cancelled += 1;
      continue;
    }
    meetings.booked += 1;
    if (m.status === 'scheduled') meetings.scheduled += 1;
    if (m.status === 'no-show') meetings.noShow += 1;
    if (m.status !== 'held') continue;
    meetings.held += 1;
    if (FOLLOW_UP_OUTCOMES.includes(m.outcome)) followUps += 1;
    if (m.pocStartedOn) pocsStarted += 1;
    if (m.outcome === 'contract') contracts += 1;
    if (kindOf.get(m.guestOrgId) === 'firm' && came.has(m.guestOrgId)) firmsThatMet.add(m.guestOrgId);
  }

  // wantedMet reads no refusals (declinedBy): only which pairs have a meeting, and its status.
  const wanted = facts.want
    ? wantedMet({ ...facts.want, meetings: agreed.map((m) => ({ ...m, declinedBy: null })) })
    : { pairs: 0, scheduled: 0, held: 0 };
  return {
    companies,
    registered: byKind(kindOf.keys(), kindOf),
    people: facts.checkins.length,
    interests: {
      total: facts.interests.length,
      wantToMeet: facts.interests.filter((i) => i.level === 'want-to-meet').length,
    },
    requests,
    acceptanceRate: share(requests.accepted, requests.accepted + requests.declined),
    meetings,
    followUps,
    pocsStarted,
    contracts,
    firmsMet: firmsThatMet.size,
    firmsMetShare: share(firmsThatMet.size, companies.firm),
    wanted,
    wantedMetShare: share(wanted.held, wanted.pairs),
  };
}

/**
 * Cumulative check-ins per bucket, for the dashboard's chart: from the bucket of the first check-in
 * to the bucket of `until` (the last check-in or now, whichever is later), at most `maxBuckets` long —
 * the bucket widens (5, 10, 15, 30, 60 minutes) to keep a long day readable.
 */
export function checkinsOverTime(
  times: readonly number[],
  until: number,
  maxBuckets = 48,
): { bucketMinutes: number; points: { at: number; total: number }[] } {
  if (times.length === 0) return { bucketMinutes: 5, points: [] };
  const sorted = [...times].sort((a, b) => a - b);
  const first = sorted[0]!;
  const last = Math.max(sorted[sorted.length - 1]!, until);
  const bucketMinutes = [5, 10, 15, 30, 60, 120].find((m) => (last - first) / (m * 60_000) < maxBuckets) ?? 240;
  const width = bucketMinutes * 60_000;
  const start = Math.floor(first / width) * width;
  const points: { at: number; total: number }[] = [];
  let i = 0;
  for (let end = start + width; ; end += width) {
    while (i < sorted.length && sorted[i]! < end) i += 1;
    points.push({ at: end, total: i });
    if (end > last) break;
  }
  return { bucketMinutes, points };
}

/** One figure of the report against the previous event and the target. */
export interface Comparison {
  value: number;
  previous: number | null;
  target: number | null;
  /** value ÷ target, when a target is set. */
  ofTarget: number | null;
}

export function compare(value: number, previous: number | undefined, target: number | undefined): Comparison {
  return {
    value,
    previous: previous ?? null,
    target: target ?? null,
    ofTarget: target ? value / target : null,
  };
}

/** The figures the report compares, with their targets. */
export function reportComparisons(
  figures: KpiFigures,
  previous: KpiFigures | null,
  targets: KpiTargets,
): Record<'firm' | 'venture' | 'partner' | 'companies' | 'meetingsHeld' | 'pocs', Comparison> {
  const kinds = Object.fromEntries(
    KINDS.map((k) => [k, compare(figures.companies[k], previous?.companies[k], targets[k])]),
  ) as Record<OrgKind, Comparison>;
  const totalTarget =
    targets.firm !== undefined || targets.venture !== undefined || targets.partner !== undefined
      ? (targets.firm ?? 0) + (targets.venture ?? 0) + (targets.partner ?? 0)
      : undefined;
  return {
    ...kinds,
    companies: compare(figures.companies.total, previous?.companies.total, totalTarget),
    meetingsHeld: compare(figures.meetings.held, previous?.meetings.held, targets.meetingsHeld),
    pocs: compare(figures.pocsStarted, previous?.pocsStarted, targets.pocs),
  };
}

/** The series in one row: sums over its events, and companies counted once however often they came. */
export function seriesTotals(events: { figures: KpiFigures; companyNames: readonly string[] }[]): {
  figures: KpiFigures;
  distinctCompanies: number;
} {
  const zero = kpiFigures({ orgs: [], checkins: [], interests: [], requests: [], meetings: [] });
  const sum = events.reduce<KpiFigures>((acc, { figures: f }) => addFigures(acc, f), zero);
  const distinct = new Set(events.flatMap((e) => e.companyNames.map(companyKey)));
  return { figures: sum, distinctCompanies: distinct.size };
}

function addFigures(a: KpiFigures, b: KpiFigures): KpiFigures {
  const add = <T extends Record<string, number>>(x: T, y: T): T =>
    Object.fromEntries(Object.keys(x).map((k) => [k, x[k]! + y[k]!])) as T;
  const requests = add(a.requests, b.requests);
  const companies = add(a.companies, b.companies);
  const firmsMet = a.firmsMet + b.firmsMet;
  const wanted = add(a.wanted, b.wanted);
  return {
    companies,
    registered: add(a.registered, b.registered),
    people: a.people + b.people,
    interests: add(a.interests, b.interests),
    requests,
    acceptanceRate: share(requests.accepted, requests.accepted + requests.declined),
    meetings: add(a.meetings, b.meetings),
    followUps: a.followUps + b.followUps,
    pocsStarted: a.pocsStarted + b.pocsStarted,
    contracts: a.contracts + b.contracts,
    firmsMet,
    firmsMetShare: share(firmsMet, companies.firm),
    wanted,
    wantedMetShare: share(wanted.held, wanted.pairs),
  };
}
