/**
 * One text rule for names: people, organizations, events, sessions and pitches. A name is trimmed
 * of spaces and zero-width characters at its ends, must keep at least one character that draws
 * something, and may not hold control characters. Every visible character stays (𠮷, 髙, ①, emoji).
 * Free of zod, so a client form checks with the very rule the server enforces (protocol.ts wraps it).
 */

/** Why a name is refused: the client says it from its message table, the server in English. */
export type TextProblem = 'empty' | 'invisible' | 'control' | 'too-long';

// Spaces of every kind (U+3000, NBSP, U+2000–U+200A…) and the zero-width characters copy-paste leaves at the ends.
const EDGE = '[\\p{White_Space}\\u200B-\\u200D\\u2060\\uFEFF]+';
const ENDS = new RegExp(`^${EDGE}|${EDGE}$`, 'gu');
/**
 * What draws nothing on its own: spaces, format characters (\p{Cf}: zero-width space and joiners,
 * U+2060, BOM, direction marks, tags), combining marks with nothing to sit on (\p{M}, variation
 * selectors included), and the Hangul fillers and blank braille cell that fonts leave empty.
 */
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{M}\u115F\u1160\u3164\uFFA0\u2800]/gu;
/** Line breaks, tabs, NUL and the rest of \p{Cc}: a badge cannot show them. */
const CONTROL = /\p{Cc}/u;

export function trimText(value: string): string {
  return value.replace(ENDS, '');
}

/** Characters as people count them: 𠮷 is one, not two UTF-16 units. */
export function textLength(value: string): number {
  return [...value].length;
}

/** The problem with a name as typed (it is trimmed first), or null if it may be stored trimmed. */
export function textProblem(value: string, maxLength?: number): TextProblem | null {
  const trimmed = trimText(value);
  if (trimmed === '') return 'empty';
  if (CONTROL.test(trimmed)) return 'control';
  if (trimmed.replace(INVISIBLE, '') === '') return 'invisible';
  if (maxLength !== undefined && textLength(trimmed) > maxLength) return 'too-long';
  return null;
}

/** The server's wording of each problem (API answers, logs); people read the client's table. */
export function describeTextProblem(problem: TextProblem, maxLength?: number): string {
  switch (problem) {
    case 'empty':
      return 'must not be empty';
    case 'invisible':
      return 'has only invisible characters (such as zero-width spaces)';
    case 'control':
      return 'must not contain control characters (line breaks, tabs)';
    case 'too-long':
      return `must be at most ${maxLength ?? '?'} characters`;
  }
}

/**
 * Half-width katakana (ｻﾄｳ, ｶﾞｽ, ｰ) in full width, so badges, lists and the board show one form.
 * NFKC on those runs only: over a whole name it would also rewrite what the person chose to type
 * (ＡＢＣ, ㈱, ①), and a company keeps the spelling first registered (server/domain/company.ts).
 */
export function fullWidthKana(value: string): string {
  return value.replace(/[\uFF61-\uFF9F]+/g, (run) => run.normalize('NFKC'));
}

/**
 * A reading in hiragana (NFKC first, so ｻﾄｳ and サトウ both become さとう, ヽヾ ゝゞ): readings are
 * stored in this form so search and あいうえお order need one, and a search folds the same way.
 */
export function toHiragana(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\u30A1-\u30F6\u30FD\u30FE]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/**
 * The form a search compares: NFKC (half-width ｻﾄｳ → サトウ, full-width Ａ → A), katakana folded to
 * hiragana (readings are stored in hiragana; どろーん finds ドローン), lower case, no spaces of any kind.
 * Both the query and each searched text go through it, so any mix of scripts and widths meets.
 */
export function searchKey(value: string): string {
  return toHiragana(value)
    .toLowerCase()
    .replace(/[\p{White_Space}\u200B-\u200D\u2060\uFEFF]+/gu, '');
}

/** Whether a query (as typed) is found in any of the texts, compared by `searchKey`. An empty query matches nothing. */
export function matchesSearch(query: string, texts: readonly (string | null | undefined)[]): boolean {
  const q = searchKey(query);
  if (q === '') return false;
  return texts.some((text) => text != null && searchKey(text).includes(q));
}
