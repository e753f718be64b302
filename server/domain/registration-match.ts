/**
 * Who a registration is among the people already registered, for imports, walk-ins and corrections
 * alike: the person with the same e-mail, or the same name at the same organization when e-mail
 * cannot tell (the registration gives none, or the stored person had none). Without this, a person
 * first registered without an e-mail and imported again with one became a second person with a
 * second valid badge. Pure: the people come in as arguments.
 */
import type { OrgKind } from '../../shared/model.js';

/** A registered person with everything an import compares and may change. */
export interface RegisteredPerson {
  id: string;
  name: string;
  kana: string;
  email: string | null;
  title: string;
  tags: string[];
  registrationKey: string | null;
  orgId: string;
  orgName: string;
  kind: OrgKind;
}

type Matchable = Pick<RegisteredPerson, 'id' | 'name' | 'email' | 'orgId'>;

export type PersonMatch<P> =
  | { kind: 'found'; person: P; by: 'email' | 'name' }
  /** Several people of that name at that organization, and no e-mail to tell which. */
  | { kind: 'ambiguous'; people: P[] }
  /** Nobody: a new person. `alike` are people of the same name at the same organization with another e-mail. */
  | { kind: 'new'; alike: P[] };

/** Spacing, width and case of a name vary between versions of a sheet; they do not make another person. */
export function foldName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{White_Space}\p{Cf}]/gu, '');
}

/**
 * `email` null: the registration says nothing of one. `orgId` null: the company is not registered
 * yet, so only the e-mail can find the person.
 */
export function matchPerson<P extends Matchable>(
  people: readonly P[],
  who: { email: string | null; name: string; orgId: string | null },
): PersonMatch<P> {
  if (who.email !== null) {
    const byEmail = people.find((p) => p.email === who.email);
    if (byEmail) return { kind: 'found', person: byEmail, by: 'email' };
  }
  const name = foldName(who.name);
  const sameName = who.orgId === null ? [] : people.filter((p) => p.orgId === who.orgId && foldName(p.name) === name);
  if (who.email !== null) {
    // The e-mail is new: it is the person registered here without one, or someone else.
    const withoutEmail = sameName.find((p) => p.email === null);
    return withoutEmail ? { kind: 'found', person: withoutEmail, by: 'name' } : { kind: 'new', alike: sameName };
  }
  if (sameName.length === 1) return { kind: 'found', person: sameName[0]!, by: 'name' };
  if (sameName.length > 1) return { kind: 'ambiguous', people: sameName };
  return { kind: 'new', alike: [] };
}

/**
 * Whom a corrected registration would be indistinguishable from: another person with the same
 * e-mail, or, both without one, of the same name at the same organization.
 */
export function registrationClash<P extends Matchable>(
  others: readonly P[],
  who: { email: string | null; name: string; orgId: string | null },
): P | undefined {
  if (who.email !== null) return others.find((p) => p.email === who.email);
  const name = foldName(who.name);
  return others.find((p) => p.email === null && p.orgId === who.orgId && foldName(p.name) === name);
}
