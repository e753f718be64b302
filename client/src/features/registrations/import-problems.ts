/**
 * An import's row problems and field changes, said in the organizer's language: the server sends
 * codes with params (shared/model.ts), this turns them into sentences of the message table.
 */
import type { ImportField, ImportProblem, ImportProblemCode, OrgKind } from '../../../../shared/model';
import type { MessageKey } from '../../lib/messages';
import type { Translate } from '../../stores/language-store';

/** Typed as a Record: a code without its sentence is a compile error. */
const PROBLEM_KEYS: Record<ImportProblemCode, MessageKey> = {
  empty: 'import.empty',
  invisible: 'import.invisible',
  control: 'import.control',
  'too-long': 'import.too-long',
  'kind-unknown': 'import.kind-unknown',
  'email-invalid': 'import.email-invalid',
  'tags-too-many': 'import.tags-too-many',
  'tag-too-long': 'import.tag-too-long',
  'same-person-as-row': 'import.same-person-as-row',
  'kind-registered': 'import.kind-registered',
  'kind-in-file': 'import.kind-in-file',
  'person-ambiguous': 'import.person-ambiguous',
  'registration-taken': 'import.registration-taken',
  'company-joined': 'import.company-joined',
  'company-near': 'import.company-near',
  'person-alike': 'import.person-alike',
  'person-alike-row': 'import.person-alike-row',
};

const KINDS: readonly string[] = ['firm', 'venture', 'partner'] satisfies OrgKind[];

export const fieldLabel = (t: Translate, field: ImportField | string) => t(`people.field.${field}` as MessageKey);

const kindLabel = (t: Translate, kind: string | number) =>
  KINDS.includes(String(kind)) ? t(`kind.${kind as OrgKind}`) : String(kind);

export function describeProblem(t: Translate, problem: ImportProblem): string {
  const key = PROBLEM_KEYS[problem.code];
  // A code this client does not know yet (a newer server): said in the person's language, never the server's English.
  if (!key) return t('import.unknown-problem');
  const params = { ...problem.params };
  if (params.field !== undefined) params.field = fieldLabel(t, String(params.field));
  for (const name of ['stored', 'kind'] as const)
    if (params[name] !== undefined) params[name] = kindLabel(t, params[name]);
  return t(key, params);
}

/** A value as the change list shows it: a kind in words, nothing as (empty). */
export function describeValue(t: Translate, field: ImportField, value: string): string {
  if (value === '') return t('people.emptyValue');
  return field === 'kind' ? kindLabel(t, value) : value;
}
