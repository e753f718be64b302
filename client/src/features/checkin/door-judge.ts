/**
 * The station's own judgement of a scan, made at once from its copy of the event's people, online or
 * not: new (who), already in (when and where, counting this station's scans still waiting to be
 * sent), an old badge that was reissued (whose), or not a badge of this event. Pure: the people copy
 * and this station's waiting scans come in as arguments. The server's answer confirms or corrects it.
 *
 * The copy holds each badge's check (a one-way hash), never a token: nothing here can make a badge.
 */
import { badgeCheck } from '../../../../shared/badge-check';
import { tokenFromScan } from '../../../../shared/badge-scan';
import type { CheckinInfo, PersonSummary } from '../../../../shared/model';

/** A check-in this station made that the server has not confirmed yet. */
export interface OwnCheckin {
  personId: string;
  checkin: CheckinInfo;
}

export type DoorJudgement =
  | { outcome: 'checked-in'; person: PersonSummary }
  /** `waiting`: the earlier check-in is this station's own, not yet sent. */
  | { outcome: 'already'; person: PersonSummary; checkin: CheckinInfo; waiting: boolean }
  /** A badge that was reissued: `person` is whose it was. */
  | { outcome: 'revoked'; person: PersonSummary }
  | { outcome: 'unknown' }
  /** The copy holds no badge checks (not loaded, or from a server without them): only the server can say. */
  | { outcome: 'unjudged' };

export type LocalOutcome = DoorJudgement['outcome'];
/** A judgement the station could make. */
export type Judged = Exclude<DoorJudgement, { outcome: 'unjudged' }>;

interface BadgeIndex {
  current: Map<string, PersonSummary>;
  revoked: Map<string, PersonSummary>;
}

// The people slice is replaced, never changed in place, on every fact: one index per version of it.
const indexes = new WeakMap<readonly PersonSummary[], BadgeIndex>();

function indexOf(people: readonly PersonSummary[]): BadgeIndex {
  let index = indexes.get(people);
  if (index) return index;
  index = { current: new Map(), revoked: new Map() };
  for (const person of people) {
    if (person.badge) index.current.set(person.badge, person);
    for (const old of person.revokedBadges ?? []) index.revoked.set(old, person);
  }
  indexes.set(people, index);
  return index;
}

/** The person's check-in as this station knows it: the server's, else its own waiting one. */
function knownCheckin(
  person: PersonSummary,
  own: readonly OwnCheckin[],
): { checkin: CheckinInfo; waiting: boolean } | null {
  if (person.checkin) return { checkin: person.checkin, waiting: false };
  const mine = own.find((o) => o.personId === person.id);
  return mine ? { checkin: mine.checkin, waiting: true } : null;
}

/** Checking in a person this station has found (by badge or by name). */
export function judgePerson(person: PersonSummary, own: readonly OwnCheckin[]): DoorJudgement {
  const known = knownCheckin(person, own);
  return known ? { outcome: 'already', person, ...known } : { outcome: 'checked-in', person };
}

/** A scanned text, judged from the people copy and this station's waiting check-ins. */
export function judgeScan(text: string, people: readonly PersonSummary[], own: readonly OwnCheckin[]): DoorJudgement {
  const index = indexOf(people);
  if (index.current.size === 0) return { outcome: 'unjudged' };
  const token = tokenFromScan(text);
  if (!token) return { outcome: 'unknown' };
  const check = badgeCheck(token);
  const person = index.current.get(check);
  if (person) return judgePerson(person, own);
  const former = index.revoked.get(check);
  return former ? { outcome: 'revoked', person: former } : { outcome: 'unknown' };
}

/** What the station tells the server it showed, when it let the person in or said they were in. */
export function localForServer(outcome: LocalOutcome | undefined): 'checked-in' | 'already' | undefined {
  return outcome === 'checked-in' || outcome === 'already' ? outcome : undefined;
}
