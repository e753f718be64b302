/**
 * Where a line of Japanese may break on the board. Sentences (a pitch's title and summary, the
 * board's own messages) break between BudouX's phrases: 「勘と|経験を、|データで」. BudouX is trained
 * on sentences, not names: it keeps most company names whole (a 27-character name would have to
 * shrink onto one line) and cuts an unfamiliar one anywhere (「ゆう|ふつ|水|素|エ|ナジー」). Names
 * break where their words meet instead: after or before the legal form (株式会社|…), and where the
 * script changes (北海道|スマート|農業), never before hiragana, which belongs to what precedes it.
 */
import { Parser, jaModel } from 'budoux';

const budoux = new Parser(jaModel);

const LEGAL_FORMS = [
  '株式会社',
  '有限会社',
  '合同会社',
  '合資会社',
  '合名会社',
  '一般社団法人',
  '一般財団法人',
  '公益社団法人',
  '公益財団法人',
  '特定非営利活動法人',
  'NPO法人',
  '学校法人',
  '国立大学法人',
  '社会福祉法人',
  '医療法人',
];

type Script = 'han' | 'hiragana' | 'katakana' | 'latin' | 'other';

function scriptOf(char: string): Script {
  if (/[\p{Script=Han}々〆]/u.test(char)) return 'han';
  if (/\p{Script=Hiragana}/u.test(char)) return 'hiragana';
  // The long-vowel mark and the middle dot sit inside katakana words: never a line's first character.
  if (/[\p{Script=Katakana}ーｰ・･]/u.test(char)) return 'katakana';
  if (/[A-Za-z0-9Ａ-Ｚａ-ｚ０-９&＆]/u.test(char)) return 'latin';
  return 'other';
}

export type TextKind = 'name' | 'sentence';

/** Offsets (in UTF-16 units) where a new line may start, between 1 and text.length - 1. */
export function breakOpportunities(text: string, kind: TextKind): number[] {
  const at = new Set<number>();
  if (kind === 'sentence') {
    let offset = 0;
    for (const phrase of budoux.parse(text).slice(0, -1)) at.add((offset += phrase.length));
  } else {
    for (const form of LEGAL_FORMS) {
      if (text.startsWith(form)) at.add(form.length);
      if (text.endsWith(form)) at.add(text.length - form.length);
    }
  }
  const chars = [...text];
  let position = 0;
  chars.forEach((char, i) => {
    const previous = chars[i - 1];
    if (previous !== undefined) {
      // Each phrase is rendered unbreakable, so a space inside one must become a break of its own.
      if (/\s/u.test(previous)) at.add(position);
      const before = scriptOf(previous);
      const after = scriptOf(char);
      if (kind === 'name' && before !== after && before !== 'other' && after !== 'other' && after !== 'hiragana')
        at.add(position);
    }
    position += char.length;
  });
  at.delete(0);
  at.delete(text.length);
  return [...at].sort((a, b) => a - b);
}

/** The text cut at its break opportunities, for rendering with <wbr> between the pieces. */
export function phrasesOf(text: string, kind: TextKind): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const end of breakOpportunities(text, kind)) {
    pieces.push(text.slice(start, end));
    start = end;
  }
  pieces.push(text.slice(start));
  return pieces;
}
