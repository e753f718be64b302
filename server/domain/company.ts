/**
 * One organization per company. Spreadsheets, walk-in forms and corrections spell a company many
 * ways (ＡＢＣ商事, ABC商事, 株式会社ABC商事, (株)ＡＢＣ商事); they all name one organization, which
 * keeps the spelling first stored. Pure: the organizations come in as arguments.
 */
import { trimText } from '../../shared/text.js';

/**
 * Legal-form marks, as NFKC leaves them: （株） and ㈱ read (株), ㈲ reads (有). Longest first, so
 * 株式会社 is taken whole.
 */
const LEGAL_FORMS = ['株式会社', '有限会社', '合同会社', '(株)', '(有)'] as const;

/** Spaces and format characters (zero-width space, joiners) never tell two companies apart. */
const IGNORED = /[\p{White_Space}\p{Cf}]/gu;

/** The company a name stands for: NFKC, case-folded, without spaces or a legal-form mark at either end. */
export function companyKey(name: string): string {
  const folded = trimText(name).normalize('NFKC').toLowerCase().replace(IGNORED, '');
  let key = folded;
  const head = LEGAL_FORMS.find((mark) => key.startsWith(mark));
  if (head) key = key.slice(head.length);
  const tail = LEGAL_FORMS.find((mark) => key.endsWith(mark));
  if (tail) key = key.slice(0, -tail.length);
  // A name that is nothing but a mark ("株式会社") is still a name.
  return key === '' ? folded : key;
}

export interface NamedOrg {
  id: string;
  name: string;
}

/**
 * The stored organization a name means: the one spelled exactly so, else the first (oldest) whose
 * key is the same. Two stored rows may share a key (made before this rule, until merged); the
 * oldest one then takes new people.
 */
export function findCompany<O extends NamedOrg>(orgs: readonly O[], name: string): O | undefined {
  const key = companyKey(name);
  return orgs.find((o) => o.name === name) ?? orgs.find((o) => companyKey(o.name) === key);
}

/** Keys shorter than this differ by one character too often (A社 / B社) to be worth a warning. */
const NEAR_MIN_LENGTH = 4;

/**
 * An organization whose name is one typing slip away from `name` (one character added, dropped or
 * changed, after normalization), but not the same company: worth a look before a second one is made.
 */
export function nearCompany<O extends NamedOrg>(orgs: readonly O[], name: string): O | undefined {
  const key = [...companyKey(name)];
  if (key.length < NEAR_MIN_LENGTH) return undefined;
  return orgs.find((o) => {
    const other = [...companyKey(o.name)];
    return other.length >= NEAR_MIN_LENGTH && oneEditApart(key, other);
  });
}

/** Exactly one insertion, deletion or substitution turns `a` into `b` (by code point). */
export function oneEditApart(a: readonly string[], b: readonly string[]): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (i === long.length) return false; // identical
  const rest = (x: readonly string[], from: number) => x.slice(from).join('\u0000');
  return short.length === long.length ? rest(short, i + 1) === rest(long, i + 1) : rest(short, i) === rest(long, i + 1);
}
