/**
 * Registration CSV import: bytes from the organizer's spreadsheet → validated rows. Pure: no I/O,
 * no clock; the importer decides what to do with the results. A 課題 column is read as a company's
 * challenges (shared/challenges.ts): category names in Japanese or English or their keys, the event's
 * topics, and any other words kept as the company's free line.
 */
import { CsvError as ParserError, parse } from 'csv-parse/sync';
import { CHALLENGE_LIMITS, hasChallenges, readChallenges, type Challenges } from '../../shared/challenges.js';
import type { ImportField, ImportProblem, OrgKind } from '../../shared/model.js';
import type { ImportFileProblem } from '../../shared/errors.js';
import { fullWidthKana, textLength, textProblem, toHiragana, trimText } from '../../shared/text.js';
import { importProblem, registrationKey } from '../domain/import-plan.js';

export { registrationKey };

export type RegistrationField = ImportField;

export const REGISTRATION_FIELDS: readonly RegistrationField[] = [
  'name',
  'kana',
  'company',
  'kind',
  'email',
  'title',
  'tags',
  'challenges',
];

/** Column index per field; name and company are required, the rest optional. */
export type ColumnMapping = Partial<Record<RegistrationField, number>>;

export interface Registration {
  name: string;
  /** Reading of the name in hiragana (katakana and half-width input are converted). */
  kana: string;
  company: string;
  kind: OrgKind;
  email: string | null;
  title: string;
  tags: string[];
  /** The company's challenges as this row states them; null when its cell is empty. */
  challenges: Challenges | null;
}

/**
 * `row` is the spreadsheet row number: the header is row 1, so the first data row is row 2.
 * `unstated`: the fields the row says nothing about (no column, or an empty cell the organizer did
 * not choose to clear); `value` holds their defaults, which only a new person takes.
 */
export type RowResult =
  | { row: number; ok: true; value: Registration; unstated: RegistrationField[] }
  | { row: number; ok: false; errors: ImportProblem[] };

export interface ValidateOptions {
  /** An empty cell clears its field (kana, e-mail, title, tags) instead of keeping what is stored. */
  clearEmpty?: boolean;
  /** The event's topics: a word of the 課題 column that names one is taken as that topic. */
  topics?: readonly string[];
}

export interface CsvRow {
  /** Spreadsheet row number, counting skipped empty rows, so it matches what the organizer sees in Excel. */
  row: number;
  cells: string[];
}

export interface ParsedCsv {
  encoding: 'utf-8' | 'shift_jis';
  headers: string[];
  /** Data rows only (no header, no fully empty rows). */
  rows: CsvRow[];
}

/**
 * Thrown when the file cannot be read as a registration sheet: a problem code with the params its
 * sentence needs (the client says it from its message table), and the English message for logs.
 */
export class CsvError extends Error {
  override name = 'CsvError';
  constructor(
    readonly problem: ImportFileProblem,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_ROWS = 5000;

const LIMITS = { name: 100, kana: 100, company: 200, title: 100, tagCount: 12, tagLength: 40 } as const;

// ---------------------------------------------------------------------------------------------------------------
// Decoding

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'shift_jis' } {
  const body =
    bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2] ? bytes.subarray(3) : bytes;
  let text: string;
  let encoding: 'utf-8' | 'shift_jis';
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    encoding = 'utf-8';
  } catch {
    // Japanese Excel's "CSV (コンマ区切り)" saves Shift_JIS (really Windows-31J, which this decoder covers).
    text = new TextDecoder('shift_jis').decode(body);
    encoding = 'shift_jis';
  }
  return { text: text.startsWith('\uFEFF') ? text.slice(1) : text, encoding };
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

export function parseCsv(bytes: Uint8Array, limits: { maxRows?: number; maxBytes?: number } = {}): ParsedCsv {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRows = limits.maxRows ?? DEFAULT_MAX_ROWS;
  if (bytes.length > maxBytes) {
    throw new CsvError(
      'file-too-large',
      `The file is ${formatBytes(bytes.length)}; the limit is ${formatBytes(maxBytes)}. Split it into smaller files.`,
      { size: formatBytes(bytes.length), limit: formatBytes(maxBytes) },
    );
  }
  rejectNonCsv(bytes);
  const { text, encoding } = decodeCsv(bytes);

  // Where the last complete record ended, so an unclosed quote can be traced to the line where it opened.
  let lastCompleteLine = 0;
  let records: string[][];
  try {
    records = parse(text, {
      relax_column_count: true,
      // Hand-made files have stray quotes inside cells (e.g. 3.5"); only unbalanced quoted cells are errors.
      relax_quotes: true,
      trim: true,
      // Empty lines are kept so that record index = spreadsheet row; they are dropped below.
      skip_empty_lines: false,
      on_record: (record: string[], context: { lines: number }) => {
        lastCompleteLine = context.lines;
        return record;
      },
    }) as string[][];
  } catch (error) {
    throw parseFailure(error, lastCompleteLine);
  }

  const rows: CsvRow[] = [];
  records.forEach((record, index) => {
    // Line breaks inside a cell come as CRLF or LF depending on the tool; one form is easier to show and compare.
    const cells = record.map((cell) => cell.trim().replace(/\r\n?/g, '\n'));
    // Excel writes an emptied row as ",,,," — it is as empty as a blank line.
    if (cells.some((cell) => cell !== '')) rows.push({ row: index + 1, cells });
  });

  const header = rows.shift();
  if (!header) {
    throw new CsvError(
      'no-rows',
      'The file has no rows. Export the registration sheet as CSV with a header row and try again.',
    );
  }
  if (rows.length === 0) {
    throw new CsvError('no-data-rows', 'The file has no rows below the header. Add one row per person and try again.');
  }
  if (rows.length > maxRows) {
    throw new CsvError(
      'too-many-rows',
      `The file has ${rows.length.toLocaleString('en-US')} rows; the limit is ${maxRows.toLocaleString('en-US')} rows. Split it into smaller files.`,
      { rows: rows.length, limit: maxRows },
    );
  }
  return { encoding, headers: header.cells, rows };
}

/** Catch the two wrong files organizers most often pick, before they decode into gibberish. */
function rejectNonCsv(bytes: Uint8Array): void {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new CsvError(
      'xlsx',
      'This is an Excel workbook (.xlsx), not a CSV. In Excel choose "Save As" → "CSV UTF-8" (or "CSV (コンマ区切り)") and upload that file.',
    );
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new CsvError(
      'utf16',
      'This file is saved as "Unicode text" (UTF-16). In Excel choose "Save As" → "CSV UTF-8" and upload that file.',
    );
  }
}

function parseFailure(error: unknown, lastCompleteLine: number): Error {
  if (!(error instanceof ParserError)) return error instanceof Error ? error : new Error(String(error));
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new CsvError(
      'quote-not-closed',
      `Line ${lastCompleteLine + 1} has a quote (") that is never closed, so the rest of the file would read as one cell. Fix the quotes on that line and upload again.`,
      { line: lastCompleteLine + 1 },
    );
  }
  const line = typeof error.lines === 'number' ? error.lines : lastCompleteLine + 1;
  if (error.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE') {
    return new CsvError(
      'text-after-quote',
      `Line ${line} has text right after a closing quote (like "abc"def). Put the whole cell in quotes and double any quote inside it ("").`,
      { line },
    );
  }
  return new CsvError(
    'line-unreadable',
    `Line ${line} could not be read as CSV (${error.message}). Check that line and upload again.`,
    { line },
  );
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trimZero(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${trimZero(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** Rounds up, so a file just over the limit never reads as "2 MB; the limit is 2 MB". */
function trimZero(value: number): string {
  return (Math.ceil(value * 10) / 10).toFixed(1).replace(/\.0$/, '');
}

// ---------------------------------------------------------------------------------------------------------------
// Column suggestions

const HEADER_ALIASES: Record<RegistrationField, readonly string[]> = {
  name: ['氏名', '名前', 'お名前', '参加者名', 'name', 'full name'],
  kana: ['ふりがな', 'フリガナ', 'よみがな', 'カナ', '氏名（カナ）', 'kana', 'furigana'],
  company: ['会社名', '企業名', '所属', '団体名', '法人名', 'company', 'company name', 'organization', 'organisation'],
  kind: ['区分', '種別', '参加区分', '企業区分', 'kind', 'type', 'category'],
  email: ['メール', 'メールアドレス', 'e-mail', 'email', 'mail', 'email address', 'e-mail address'],
  title: ['役職', '部署・役職', '肩書', 'title', 'position', 'job title'],
  tags: ['タグ', '関心テーマ', 'テーマ', 'tags', 'topics'],
  // A company's challenges (課題), read by shared/challenges.ts: categories, event topics, free text.
  challenges: ['課題', '経営課題', '困りごと', '解決したい課題', 'challenges', 'challenge', 'issues'],
};

/** NFKC folds full-width letters and half-width katakana; spaces (incl. 全角) never matter in a header. */
function normalizeHeader(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Forms add notes to headers: "お名前（必須）", "メール ※任意". Used only when the exact header matches nothing. */
function stripHeaderNote(normalized: string): string {
  return normalized
    .replace(/※.*$/, '')
    .replace(/(\([^()]*\)|\[[^[\]]*\]|【[^【】]*】)+$/, '')
    .replace(/^(【[^【】]*】)+/, '');
}

const NORMALIZED_ALIASES = new Map<string, RegistrationField>(
  REGISTRATION_FIELDS.flatMap((field) =>
    HEADER_ALIASES[field].map((alias) => [normalizeHeader(alias), field] as const),
  ),
);

export function suggestMapping(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  // Exact headers first, so "氏名（カナ）" is taken as kana before the loose pass could read it as 氏名.
  for (const loosen of [false, true]) {
    headers.forEach((header, index) => {
      if (used.has(index)) return;
      const normalized = normalizeHeader(header);
      const field = NORMALIZED_ALIASES.get(loosen ? stripHeaderNote(normalized) : normalized);
      if (field && mapping[field] === undefined) {
        mapping[field] = index;
        used.add(index);
      }
    });
  }
  return mapping;
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

const KIND_VALUES: Record<OrgKind, readonly string[]> = {
  firm: ['地元企業', '企業', '地域企業', 'firm', 'local'],
  venture: ['ベンチャー', 'ベンチャー企業', 'スタートアップ', 'venture', 'startup'],
  partner: ['パートナー', '支援機関', '自治体', '金融機関', '大学', '報道', 'partner'],
};

const KIND_BY_VALUE = new Map<string, OrgKind>(
  (Object.keys(KIND_VALUES) as OrgKind[]).flatMap((kind) =>
    KIND_VALUES[kind].map((value) => [normalizeHeader(value), kind] as const),
  ),
);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Both 、 and ASCII separators occur; NFKC has already folded ，／；｜ to their ASCII forms. Newlines come from Alt+Enter.
const TAG_SEPARATORS = /[、,;/|\n]/;

/** Fields an empty cell can clear; name and company are required, kind is the company's. */
const CLEARABLE: readonly RegistrationField[] = ['kana', 'email', 'title', 'tags'];

export function validateRows(parsed: ParsedCsv, mapping: ColumnMapping, options: ValidateOptions = {}): RowResult[] {
  checkMapping(parsed, mapping);
  const firstRowByKey = new Map<string, number>();
  return parsed.rows.map(({ row, cells }) => {
    const cell = (field: RegistrationField): string => {
      const index = mapping[field];
      return index === undefined ? '' : (cells[index] ?? '');
    };
    // A column the file lacks never speaks for a field; an empty cell does only when asked to clear.
    const unstated = REGISTRATION_FIELDS.filter(
      (field) =>
        mapping[field] === undefined || (cell(field) === '' && !(options.clearEmpty && CLEARABLE.includes(field))),
    );
    const errors: ImportProblem[] = [];

    // One text rule for names (shared/text.ts), here as for every other way a name comes in.
    const name = fullWidthKana(trimText(cell('name')));
    const company = fullWidthKana(trimText(cell('company')));
    checkName('name', cell('name'), LIMITS.name, errors);
    checkName('company', cell('company'), LIMITS.company, errors);

    const kana = toHiragana(cell('kana'));
    checkLength('kana', kana, LIMITS.kana, errors);
    const title = fullWidthKana(cell('title'));
    checkLength('title', title, LIMITS.title, errors);

    const rawKind = cell('kind');
    // An empty kind is the common case: most attendees are local firms (or the company is known).
    const kind = rawKind === '' ? 'firm' : KIND_BY_VALUE.get(normalizeHeader(rawKind));
    if (!kind) errors.push(importProblem('kind-unknown', { value: rawKind }));

    const rawEmail = cell('email');
    // People type addresses in full-width (ｙａｍａｄａ＠…); NFKC makes those usable.
    const email = rawEmail === '' ? null : rawEmail.normalize('NFKC').toLowerCase();
    const emailOk = email === null || EMAIL.test(email);
    if (!emailOk) errors.push(importProblem('email-invalid', { value: rawEmail }));

    const tags = splitTags(cell('tags'));
    if (tags.length > LIMITS.tagCount)
      errors.push(importProblem('tags-too-many', { count: tags.length, max: LIMITS.tagCount }));
    for (const tag of tags) {
      if (textLength(tag) > LIMITS.tagLength)
        errors.push(importProblem('tag-too-long', { tag, max: LIMITS.tagLength }));
    }

    const challenges = readChallenges(cell('challenges'), options.topics ?? []);
    checkLength('challenges', challenges.note, CHALLENGE_LIMITS.noteLength, errors);

    if (name !== '' && company !== '') {
      const key = registrationKey({ email: emailOk ? email : null, name, company });
      const first = firstRowByKey.get(key);
      if (first === undefined) firstRowByKey.set(key, row);
      else errors.push(importProblem('same-person-as-row', { row: first }));
    }

    if (errors.length > 0 || !kind) return { row, ok: false, errors };
    return {
      row,
      ok: true,
      value: {
        name,
        kana,
        company,
        kind,
        email,
        title,
        tags,
        challenges: hasChallenges(challenges) ? challenges : null,
      },
      unstated,
    };
  });
}

function checkMapping(parsed: ParsedCsv, mapping: ColumnMapping): void {
  for (const field of ['name', 'company'] as const) {
    if (mapping[field] === undefined)
      throw new CsvError('column-required', `Choose the column that holds ${field}; it is required.`, { field });
  }
  for (const field of REGISTRATION_FIELDS) {
    const index = mapping[field];
    if (index === undefined) continue;
    if (!Number.isInteger(index) || index < 0 || index >= parsed.headers.length) {
      throw new CsvError(
        'column-missing',
        `The column chosen for ${field} is not in the file (it has ${parsed.headers.length} columns).`,
        { field, columns: parsed.headers.length },
      );
    }
  }
}

function checkName(field: 'name' | 'company', raw: string, max: number, errors: ImportProblem[]): void {
  const problem = textProblem(raw, max);
  if (problem === 'too-long') checkLength(field, trimText(raw), max, errors);
  else if (problem) errors.push(importProblem(problem, { field }));
}

function checkLength(field: RegistrationField, value: string, max: number, errors: ImportProblem[]): void {
  const n = textLength(value);
  if (n > max) errors.push(importProblem('too-long', { field, length: n, max }));
}

function splitTags(value: string): string[] {
  const tags = value
    .normalize('NFKC')
    .split(TAG_SEPARATORS)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  return [...new Set(tags)];
}
