/**
 * The door's rules for a registration typed at the console (a walk-in, a correction), pure: the
 * company it names must be of the kind it says, and the person must not be someone registered
 * already (however name and company are spelled, by e-mail or, without one, by name at the
 * company, or by the registration key the store holds). Each answers with a Result carrying the
 * refusal's reason and params.
 */
import type { OrgKind } from '../../shared/model.js';
import { registrationKey } from './import-plan.js';
import { matchPerson, registrationClash, type RegisteredPerson } from './registration-match.js';
import { accept, refuse, type Result } from './result.js';

/** What the console sends of a registration: the person, and the company as typed. */
export interface TypedRegistration {
  name: string;
  company: string;
  kind: OrgKind;
  email: string | null;
}

/** The stored company a registration names, if any, as far as these rules need it. */
export type NamedCompany = { id: string; name: string; kind: OrgKind } | undefined;

/** A company registered as one kind is not joined as another (a venture typed where a firm is meant). */
export function companyKindAgrees(company: NamedCompany, typed: TypedRegistration): Result<NamedCompany> {
  if (company && company.kind !== typed.kind) {
    return refuse('kind-differs', `${typed.company} is registered as a ${company.kind}, not a ${typed.kind}.`, {
      company: company.name,
      stored: company.kind,
      kind: typed.kind,
    });
  }
  return accept(company);
}

/** The registration key of a typed registration: the stored company's spelling when it has one. */
export function keyOf(typed: TypedRegistration, company: NamedCompany): string {
  return registrationKey({ email: typed.email, name: typed.name, company: company?.name ?? typed.company });
}

/**
 * A walk-in is a new person: nobody of that e-mail, nobody of that name at that company (when
 * e-mail cannot tell), and no stored person holding its key (`keyOwner`).
 */
export function newPerson(
  people: readonly RegisteredPerson[],
  typed: TypedRegistration,
  company: NamedCompany,
  keyOwner: { id: string } | undefined,
): Result<true> {
  const known = matchPerson(people, { email: typed.email, name: typed.name, orgId: company?.id ?? null });
  if (known.kind !== 'new' || keyOwner) {
    return refuse('person-registered', `${typed.name} (${typed.company}) is already registered. Find them by name.`, {
      name: typed.name,
      company: typed.company,
    });
  }
  return accept(true);
}

/** A correction must not make `personId` indistinguishable from someone else registered. */
export function correctionDistinct(
  people: readonly RegisteredPerson[],
  personId: string,
  typed: TypedRegistration,
  company: NamedCompany,
  keyOwner: { id: string } | undefined,
): Result<true> {
  const others = people.filter((p) => p.id !== personId);
  const clash = registrationClash(others, { email: typed.email, name: typed.name, orgId: company?.id ?? null });
  if (clash || (keyOwner && keyOwner.id !== personId)) {
    return refuse(
      'person-registered-other',
      `${typed.name} (${typed.company}) is already registered as someone else.`,
      { name: typed.name, company: typed.company },
    );
  }
  return accept(true);
}
