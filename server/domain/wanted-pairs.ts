/**
 * Which pairs want to meet, from what the day recorded: a firm's or partner's want-to-meet tap on a
 * venture, and requests either way. The scheduler (「自動で組む」) takes the pairs that do not meet
 * yet and were never said no to (a withdrawn request is its side's no until that side asks again);
 * the KPI report counts every pair that asked. Pure: facts in, pairs out.
 */
import type { MeetingStatus, OrgKind, RequestStatus } from '../../shared/model.js';
import type { WantedPair } from './schedule/types.js';

export interface WantFacts<Time = object> {
  orgs: readonly { id: string; kind: OrgKind }[];
  /** Want-to-meet taps, by the tapper's organization. */
  taps: readonly ({ orgId: string; ventureId: string } & Time)[];
  requests: readonly ({ fromOrgId: string; toOrgId: string; status: RequestStatus } & Time)[];
  meetings: readonly {
    guestOrgId: string;
    ventureOrgId: string;
    status: MeetingStatus;
    /** The side that declined a proposal of 「自動で組む」, if one did. */
    declinedBy: 'guest' | 'venture' | null;
  }[];
}

/**
 * The facts with their times, as the scheduler needs them: a tap's `at` is when it was last set
 * (the latest of its organization's people), a request's `at` when it took its status (for a
 * withdrawn one, the withdrawal). A withdrawal is answered only by a want expressed after it.
 */
export type TimedWantFacts = WantFacts<{ at: number }>;

/** A pair that expressed wanting to meet, and which side did. */
export interface ExpressedPair {
  guest: string;
  venture: string;
  guestWants: boolean;
  ventureWants: boolean;
}

const pairKey = (guest: string, venture: string) => `${guest}\u0000${venture}`;

/**
 * Requests that still say "we want to meet": open ones, and those that expired only for want of a
 * place. Accepted ones became meetings; declined and withdrawn ones were taken back.
 */
const STILL_WANTED: ReadonlySet<RequestStatus> = new Set(['pending', 'expired']);

type Side = 'guest' | 'venture';

/** Files each tap and request under its pair and the side it speaks for; others are left out. */
function byPair(
  facts: WantFacts<{ at?: number }>,
  note: (guest: string, venture: string, side: Side, status: RequestStatus | 'tap', at: number) => void,
): void {
  const kindOf = new Map(facts.orgs.map((o) => [o.id, o.kind]));
  const isGuest = (id: string) => {
    const kind = kindOf.get(id);
    return kind === 'firm' || kind === 'partner';
  };
  const isVenture = (id: string) => kindOf.get(id) === 'venture';
  const file = (guest: string, venture: string, side: Side, status: RequestStatus | 'tap', at: number) => {
    if (isGuest(guest) && isVenture(venture)) note(guest, venture, side, status, at);
  };
  for (const t of facts.taps) file(t.orgId, t.ventureId, 'guest', 'tap', t.at ?? 0);
  for (const r of facts.requests) {
    if (isVenture(r.fromOrgId)) file(r.toOrgId, r.fromOrgId, 'venture', r.status, r.at ?? 0);
    else file(r.fromOrgId, r.toOrgId, 'guest', r.status, r.at ?? 0);
  }
}

/** Every pair some side ever asked for (a tap or a request of any status), in the order first seen: the report's. */
export function expressedPairs(facts: WantFacts): ExpressedPair[] {
  const pairs = new Map<string, ExpressedPair>();
  byPair(facts, (guest, venture, side) => {
    const key = pairKey(guest, venture);
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { guest, venture, guestWants: false, ventureWants: false }));
    if (side === 'guest') pair.guestWants = true;
    else pair.ventureWants = true;
  });
  return [...pairs.values()];
}

/** A pair's latest want and latest withdrawal, per side (-Infinity: never). */
interface LatestSaid {
  guest: string;
  venture: string;
  want: Record<Side, number>;
  no: Record<Side, number>;
}

/**
 * The pairs some side wants now, for the scheduler. A side wants the pair when its latest want (a
 * tap, an open or expired request) is later than its latest withdrawal: withdrawing a request is
 * that side's "no", until it taps 会いたい again or sends a new request. The other side's own want
 * still stands, so the pair can stay wanted one-sided. In the order first seen.
 */
export function standingPairs(facts: TimedWantFacts): ExpressedPair[] {
  const latest = new Map<string, LatestSaid>();
  byPair(facts, (guest, venture, side, status, at) => {
    const key = pairKey(guest, venture);
    let pair = latest.get(key);
    if (!pair) {
      pair = {
        guest,
        venture,
        want: { guest: -Infinity, venture: -Infinity },
        no: { guest: -Infinity, venture: -Infinity },
      };
      latest.set(key, pair);
    }
    if (status === 'tap' || STILL_WANTED.has(status)) pair.want[side] = Math.max(pair.want[side], at);
    else if (status === 'withdrawn') pair.no[side] = Math.max(pair.no[side], at);
  });
  const wants = (p: LatestSaid, side: Side) => p.want[side] > p.no[side];
  return [...latest.values()]
    .map((p) => ({
      guest: p.guest,
      venture: p.venture,
      guestWants: wants(p, 'guest'),
      ventureWants: wants(p, 'venture'),
    }))
    .filter((p) => p.guestWants || p.ventureWants);
}

/**
 * Pairs that said no: a declined request (whichever way it went) or a declined proposal. They are
 * never proposed again.
 */
export function refusedPairs(facts: WantFacts): Set<string> {
  const kindOf = new Map(facts.orgs.map((o) => [o.id, o.kind]));
  const refused = new Set<string>();
  for (const r of facts.requests) {
    if (r.status !== 'declined') continue;
    const fromVenture = kindOf.get(r.fromOrgId) === 'venture';
    refused.add(fromVenture ? pairKey(r.toOrgId, r.fromOrgId) : pairKey(r.fromOrgId, r.toOrgId));
  }
  for (const m of facts.meetings) if (m.declinedBy) refused.add(pairKey(m.guestOrgId, m.ventureOrgId));
  return refused;
}

/**
 * The scheduler's pairs: wanted now (a withdrawal not answered by a later want is no want), not meeting yet (any meeting not cancelled, a proposal
 * included), never refused. Mutual when both sides asked. Mutual first, then by fit, then by ids:
 * the same facts give the same list whatever order the database read them in, so the preview's
 * digest and the solver's tie-breaks do not change between a preview and its commit.
 */
export function wantedPairs(facts: TimedWantFacts, fit: (guest: string, venture: string) => number): WantedPair[] {
  const refused = refusedPairs(facts);
  const meeting = new Set(
    facts.meetings.filter((m) => m.status !== 'cancelled').map((m) => pairKey(m.guestOrgId, m.ventureOrgId)),
  );
  const pairs = standingPairs(facts)
    .filter((p) => !refused.has(pairKey(p.guest, p.venture)) && !meeting.has(pairKey(p.guest, p.venture)))
    .map((p): WantedPair => ({
      guest: p.guest,
      venture: p.venture,
      strength: p.guestWants && p.ventureWants ? 'mutual' : 'one-sided',
      fit: Math.min(1, Math.max(0, fit(p.guest, p.venture))),
    }));
  const rank = (p: WantedPair) => (p.strength === 'mutual' ? 1 : 0);
  const byIds = (a: WantedPair, b: WantedPair) =>
    a.guest < b.guest ? -1 : a.guest > b.guest ? 1 : a.venture < b.venture ? -1 : a.venture > b.venture ? 1 : 0;
  return pairs.sort((a, b) => rank(b) - rank(a) || b.fit - a.fit || byIds(a, b));
}

/**
 * The report's figures of wanted meetings: pairs that asked (a tap or a request, whatever became of
 * it), how many of them got a meeting (not cancelled), and how many held it.
 */
export function wantedMet(facts: WantFacts): { pairs: number; scheduled: number; held: number } {
  const status = new Map<string, MeetingStatus>();
  for (const m of facts.meetings) {
    if (m.status === 'cancelled') continue;
    status.set(pairKey(m.guestOrgId, m.ventureOrgId), m.status);
  }
  let scheduled = 0;
  let held = 0;
  const pairs = expressedPairs(facts);
  for (const p of pairs) {
    const s = status.get(pairKey(p.guest, p.venture));
    if (s) scheduled += 1;
    if (s === 'held') held += 1;
  }
  return { pairs: pairs.length, scheduled, held };
}
