/**
 * Which pairs want to meet, from what the day recorded: a firm's or partner's want-to-meet tap on a
 * venture, and requests either way. The scheduler (「自動で組む」) takes the pairs that do not meet
 * yet and were never said no to; the KPI report counts every pair that asked. Pure: facts in, pairs out.
 */
import type { MeetingStatus, OrgKind, RequestStatus } from '../../shared/model.js';
import type { WantedPair } from './schedule/types.js';

export interface WantFacts {
  orgs: readonly { id: string; kind: OrgKind }[];
  /** Want-to-meet taps, by the tapper's organization. */
  taps: readonly { orgId: string; ventureId: string }[];
  requests: readonly { fromOrgId: string; toOrgId: string; status: RequestStatus }[];
  meetings: readonly {
    guestOrgId: string;
    ventureOrgId: string;
    status: MeetingStatus;
    /** The side that declined a proposal of 「自動で組む」, if one did. */
    declinedBy: 'guest' | 'venture' | null;
  }[];
}

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

/**
 * Every pair some side asked for (a tap or a request of any status), in the order first seen.
 * `current` keeps only what still stands (a tap, an open or expired request), for the scheduler.
 */
export function expressedPairs(facts: WantFacts, current: boolean): ExpressedPair[] {
  const kindOf = new Map(facts.orgs.map((o) => [o.id, o.kind]));
  const isGuest = (id: string) => {
    const kind = kindOf.get(id);
    return kind === 'firm' || kind === 'partner';
  };
  const isVenture = (id: string) => kindOf.get(id) === 'venture';
  const pairs = new Map<string, ExpressedPair>();
  const note = (guest: string, venture: string, side: 'guest' | 'venture') => {
    if (!isGuest(guest) || !isVenture(venture)) return;
    const key = pairKey(guest, venture);
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { guest, venture, guestWants: false, ventureWants: false }));
    if (side === 'guest') pair.guestWants = true;
    else pair.ventureWants = true;
  };
  for (const t of facts.taps) note(t.orgId, t.ventureId, 'guest');
  for (const r of facts.requests) {
    if (current && !STILL_WANTED.has(r.status)) continue;
    if (isVenture(r.fromOrgId)) note(r.toOrgId, r.fromOrgId, 'venture');
    else note(r.fromOrgId, r.toOrgId, 'guest');
  }
  return [...pairs.values()];
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
 * The scheduler's pairs: wanted now, not meeting yet (any meeting not cancelled, a proposal
 * included), never refused. Mutual when both sides asked. Mutual first, then by fit, then by ids:
 * the same facts give the same list whatever order the database read them in, so the preview's
 * digest and the solver's tie-breaks do not change between a preview and its commit.
 */
export function wantedPairs(facts: WantFacts, fit: (guest: string, venture: string) => number): WantedPair[] {
  const refused = refusedPairs(facts);
  const meeting = new Set(
    facts.meetings.filter((m) => m.status !== 'cancelled').map((m) => pairKey(m.guestOrgId, m.ventureOrgId)),
  );
  const pairs = expressedPairs(facts, true)
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
  const pairs = expressedPairs(facts, false);
  for (const p of pairs) {
    const s = status.get(pairKey(p.guest, p.venture));
    if (s) scheduled += 1;
    if (s === 'held') held += 1;
  }
  return { pairs: pairs.length, scheduled, held };
}
