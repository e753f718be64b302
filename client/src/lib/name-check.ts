/**
 * The one text rule for names (shared/text.ts), checked in a form before sending: the server
 * enforces the same rule, but says it in English; here it is said in the person's language.
 */
import { textProblem } from '../../../shared/text';
import type { Translate } from '../stores/language-store';

/** Limits of the registration fields, as shared/protocol.ts parses them. */
export const NAME_LIMITS = { name: 100, company: 200 } as const;

/** The first problem among the named fields, as a sentence; null when all may be sent. */
export function nameError(t: Translate, fields: { label: string; value: string; max: number }[]): string | null {
  for (const { label, value, max } of fields) {
    const problem = textProblem(value, max);
    if (problem) return t(`text.${problem}`, { field: label, max });
  }
  return null;
}
