import { describe, expect, it } from 'vitest';
import type { RegisteredPerson } from './registration-match.js';
import {
  companyKindAgrees,
  correctionDistinct,
  keyOf,
  newPerson,
  type TypedRegistration,
} from './registration-rules.js';

const ABC = { id: 'o1', name: 'ABC商事', kind: 'firm' as const };
const person = (id: string, name: string, email: string | null): RegisteredPerson => ({
  id,
  name,
  kana: '',
  email,
  title: '',
  tags: [],
  registrationKey: null,
  orgId: ABC.id,
  orgName: ABC.name,
  kind: 'firm',
});
const typed = (over: Partial<TypedRegistration> = {}): TypedRegistration => ({
  name: '伊藤 誠',
  company: 'ＡＢＣ商事',
  kind: 'firm',
  email: null,
  ...over,
});
const reasonOf = (r: { ok: boolean; error?: { reason?: string; params?: unknown } }) =>
  r.ok ? null : { reason: r.error!.reason, params: r.error!.params };

describe('companyKindAgrees', () => {
  it('joins a stored company of the same kind, or none yet', () => {
    expect(companyKindAgrees(ABC, typed())).toEqual({ ok: true, value: ABC });
    expect(companyKindAgrees(undefined, typed())).toEqual({ ok: true, value: undefined });
  });

  it('refuses a company typed as another kind than it is stored, naming both', () => {
    expect(reasonOf(companyKindAgrees(ABC, typed({ kind: 'venture' })))).toEqual({
      reason: 'kind-differs',
      params: { company: 'ABC商事', stored: 'firm', kind: 'venture' },
    });
  });
});

describe('keyOf', () => {
  it('keys by the stored spelling of the company, so two spellings are one key', () => {
    expect(keyOf(typed(), ABC)).toBe(keyOf(typed({ company: 'ABC商事' }), undefined));
  });
});

describe('newPerson', () => {
  it('refuses someone registered by name at the company when e-mail cannot tell, however spaced', () => {
    const people = [person('p1', '伊藤誠', null)];
    expect(reasonOf(newPerson(people, typed(), ABC, undefined))).toEqual({
      reason: 'person-registered',
      params: { name: '伊藤 誠', company: 'ＡＢＣ商事' },
    });
  });

  it('refuses someone by e-mail, or whose key the store holds; lets a new person in', () => {
    const people = [person('p1', '佐藤 花子', 'k.sato@example.jp')];
    expect(newPerson(people, typed({ name: '別人', email: 'k.sato@example.jp' }), ABC, undefined).ok).toBe(false);
    expect(newPerson([], typed(), undefined, { id: 'p9' }).ok).toBe(false);
    expect(newPerson(people, typed(), ABC, undefined).ok).toBe(true);
  });
});

describe('correctionDistinct', () => {
  const people = [person('p1', '伊藤 誠', null), person('p2', '佐藤 花子', null)];

  it('lets a person keep or correct their own registration', () => {
    expect(correctionDistinct(people, 'p1', typed(), ABC, { id: 'p1' }).ok).toBe(true);
    expect(correctionDistinct(people, 'p1', typed({ name: '伊藤 誠司' }), ABC, undefined).ok).toBe(true);
  });

  it('refuses a correction that makes them someone else', () => {
    expect(reasonOf(correctionDistinct(people, 'p2', typed(), ABC, undefined))?.reason).toBe('person-registered-other');
    expect(correctionDistinct(people, 'p2', typed({ name: '佐藤 花子' }), ABC, { id: 'p1' }).ok).toBe(false);
  });
});
