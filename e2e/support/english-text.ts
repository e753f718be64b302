/**
 * Finds English sentences in what a Japanese page shows: the Japanese sweep's detector, a pure
 * function so its rule is tested on its own. A sentence is two or more Latin words in a row, one of
 * them (after the first) in lower case: "Not a valid badge", "name is empty", "Checked in". Single
 * words (QR, CSV, PoC, English, DX, NotAllowedError) and capitalised names (Harbor AI) pass.
 * People's, companies' and events' names, URLs, e-mail and host names, and the allowed phrases
 * below are taken out first.
 */

export interface Allowed {
  text: string;
  /** Why a Japanese reader is fine with it: said in the test, so the list cannot grow silently. */
  reason: string;
}

/** Phrases of more than one word a Japanese page may show in Latin letters. Kept small, each with its reason. */
export const ALLOWED: readonly Allowed[] = [
  {
    text: 'Switch to English',
    reason: 'the language switch’s label is for the person who cannot read Japanese, in the language they read',
  },
];

export interface Finding {
  /** The English run, as shown. */
  phrase: string;
  /** The line (text node or attribute) it was found in. */
  context: string;
}

const URL = /\b(?:https?|wss?):\/\/[^\s)）」』、。]+/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
// Host and file names (pitch.example.jp, 参加者リスト.csv, agenda.ics): letters on both sides of a dot.
const HOST = /[\w-]*[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)+/g;
// A Latin word, with the quotes and punctuation a sentence puts around it.
const WORD = /^[("'“‘「]*([A-Za-z][A-Za-z'’-]*)[)"'”’」.,:;!?…]*$/;

/**
 * The English sentences in one line of text. `names` are the seeded people, companies and events
 * (longest taken out first, so a name that holds another goes whole).
 */
export function englishIn(
  line: string,
  names: readonly string[] = [],
  allowed: readonly Allowed[] = ALLOWED,
): Finding[] {
  let text = line.replace(URL, ' ').replace(EMAIL, ' ');
  const removals = [...names.filter((n) => n.trim() !== ''), ...allowed.map((a) => a.text)].sort(
    (a, b) => b.length - a.length,
  );
  for (const phrase of removals) text = text.split(phrase).join(' ');
  text = text.replace(HOST, ' ');

  const findings: Finding[] = [];
  let run: string[] = [];
  const close = () => {
    const words = run.map((token) => WORD.exec(token)![1]!);
    if (words.length >= 2 && words.slice(1).some((w) => /^[a-z]+$/.test(w))) {
      findings.push({ phrase: run.join(' '), context: line.trim() });
    }
    run = [];
  };
  for (const token of text.split(/\s+/)) {
    if (WORD.test(token)) run.push(token);
    else close();
  }
  close();
  return findings;
}

/** Every English sentence in a page's lines, each phrase once per line, in order. */
export function englishInLines(
  lines: readonly string[],
  names: readonly string[] = [],
  allowed: readonly Allowed[] = ALLOWED,
): Finding[] {
  const seen = new Set<string>();
  return lines
    .flatMap((line) => englishIn(line, names, allowed))
    .filter((f) => {
      const key = `${f.phrase}\u0000${f.context}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
