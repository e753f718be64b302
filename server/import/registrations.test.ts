import { describe, expect, it } from 'vitest';
import { SAMPLE_REGISTRATIONS, sampleRegistrationCsv, toShiftJis, toUtf8 } from '../testing/registration-files.js';
import {
  CsvError,
  decodeCsv,
  parseCsv,
  registrationKey,
  suggestMapping,
  validateRows,
  type ColumnMapping,
  type ParsedCsv,
  type RowResult,
} from './registrations.js';

const FULL_MAPPING: ColumnMapping = { name: 0, kana: 1, company: 2, kind: 3, email: 4, title: 5, tags: 6 };

/** The whole path the importer takes: bytes → rows → suggested columns → results. */
function importBytes(bytes: Uint8Array): { parsed: ParsedCsv; results: RowResult[] } {
  const parsed = parseCsv(bytes);
  return { parsed, results: validateRows(parsed, suggestMapping(parsed.headers)) };
}

function importText(text: string): RowResult[] {
  return importBytes(toUtf8(text)).results;
}

/** What the organizer sees per spreadsheet row: the value, or the list of problems. */
function byRow(results: RowResult[]): Record<number, string[] | 'ok'> {
  return Object.fromEntries(
    results.map((r): [number, string[] | 'ok'] => [r.row, r.ok ? 'ok' : r.errors.map((e) => e.message)]),
  );
}

function values(results: RowResult[]) {
  return results.flatMap((r) => (r.ok ? [r.value] : []));
}

function csvErrorOf(run: () => unknown): CsvError {
  try {
    run();
  } catch (error) {
    if (error instanceof CsvError) return error;
    throw error;
  }
  throw new Error('expected a CsvError');
}

const HEAD = '氏名,会社名,区分,メールアドレス\r\n';

describe('reading the file the organizer exported', () => {
  it('reads Excel’s "CSV UTF-8" (with BOM): the first header is 氏名, not "\\uFEFF氏名"', () => {
    const { parsed, results } = importBytes(toUtf8(sampleRegistrationCsv(), { bom: true }));
    expect(parsed.encoding).toBe('utf-8');
    expect(parsed.headers).toEqual(['氏名', 'ふりがな', '会社名', '区分', 'メールアドレス', '役職', '関心テーマ']);
    expect(results.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(values(results)).toEqual(SAMPLE_REGISTRATIONS);
  });

  it('reads UTF-8 without a BOM and with LF line ends', () => {
    const { parsed, results } = importBytes(toUtf8(sampleRegistrationCsv({ eol: '\n' })));
    expect(parsed.encoding).toBe('utf-8');
    expect(parsed.headers[0]).toBe('氏名');
    expect(values(results)).toEqual(SAMPLE_REGISTRATIONS);
  });

  it('reads Japanese Excel’s "CSV (コンマ区切り)": Shift_JIS with CRLF, including 髙 and ①', () => {
    const text = sampleRegistrationCsv({ extraLines: ['山﨑 ①太郎,,髙木建設株式会社,地元企業,,,'] });
    const bytes = toShiftJis(text);
    expect(bytes.length).toBeLessThan(new TextEncoder().encode(text).length); // really 2-byte Japanese
    const { parsed, results } = importBytes(bytes);
    expect(parsed.encoding).toBe('shift_jis');
    expect(parsed.headers).toEqual(['氏名', 'ふりがな', '会社名', '区分', 'メールアドレス', '役職', '関心テーマ']);
    expect(values(results)).toEqual([
      ...SAMPLE_REGISTRATIONS,
      {
        name: '山﨑 ①太郎',
        kana: '',
        company: '髙木建設株式会社',
        kind: 'firm',
        email: null,
        title: '',
        tags: [],
        challenges: null,
      },
    ]);
    expect(results.at(-1)?.row).toBe(8);
  });

  it('decodes bytes to text and names the encoding', () => {
    expect(decodeCsv(toShiftJis('氏名,会社名\r\n苫小牧 太郎,勇払フーズ\r\n'))).toEqual({
      text: '氏名,会社名\r\n苫小牧 太郎,勇払フーズ\r\n',
      encoding: 'shift_jis',
    });
    expect(decodeCsv(toUtf8('氏名', { bom: true }))).toEqual({ text: '氏名', encoding: 'utf-8' });
    expect(decodeCsv(toUtf8('name,company'))).toEqual({ text: 'name,company', encoding: 'utf-8' });
    // A BOM that survived some other tool's decoding is still not part of the first header.
    expect(decodeCsv(toUtf8('\uFEFF\uFEFF氏名')).text).toBe('氏名');
  });

  it('handles quoted cells with commas, quotes and line breaks, and keeps spreadsheet row numbers', () => {
    const text =
      '氏名,会社名,役職,関心テーマ\r\n' +
      '"山田, 太郎","株式会社 ""北の港""",  "営業部\r\n部長" ,"DX, 物流"\r\n' + // row 2 spans two lines
      '佐藤 花子,苫小牧信用組合,,\r\n'; // row 3, though it is line 4 of the file
    const results = importText(text);
    expect(results).toEqual([
      {
        row: 2,
        ok: true,
        value: {
          name: '山田, 太郎',
          kana: '',
          company: '株式会社 "北の港"',
          kind: 'firm',
          email: null,
          title: '営業部\n部長',
          tags: ['DX', '物流'],
          challenges: null,
        },
        unstated: ['kana', 'kind', 'email', 'challenges'],
      },
      {
        row: 3,
        ok: true,
        value: {
          name: '佐藤 花子',
          kana: '',
          company: '苫小牧信用組合',
          kind: 'firm',
          email: null,
          title: '',
          tags: [],
          challenges: null,
        },
        // Empty cells and missing columns say nothing: a registered person keeps what is stored.
        unstated: ['kana', 'kind', 'email', 'title', 'tags', 'challenges'],
      },
    ]);
  });

  it('trims cells (also 全角 spaces), tolerates short and long rows, and ignores trailing empty lines', () => {
    const parsed = parseCsv(
      toUtf8('氏名,会社名,区分\r\n　山田 太郎　, 勇払フーズ \r\n佐藤,A社,企業,余分,余分\r\n\r\n\r\n'),
    );
    expect(parsed.rows).toEqual([
      { row: 2, cells: ['山田 太郎', '勇払フーズ'] },
      { row: 3, cells: ['佐藤', 'A社', '企業', '余分', '余分'] },
    ]);
  });

  it('skips empty rows (also Excel’s ",,,,") without renumbering the rows after them', () => {
    const parsed = parseCsv(toUtf8('氏名,会社名\r\nA,B\r\n\r\n,,\r\n  ,　\r\nC,D\r\n'));
    expect(parsed.rows.map((r) => r.row)).toEqual([2, 6]);
  });

  it('counts blank lines above the header too', () => {
    const parsed = parseCsv(toUtf8('\r\n氏名,会社名\r\nA,B\r\n'));
    expect(parsed.headers).toEqual(['氏名', '会社名']);
    expect(parsed.rows).toEqual([{ row: 3, cells: ['A', 'B'] }]);
  });
});

describe('files that cannot be imported', () => {
  it('refuses an empty file, a BOM-only file and a file of blank lines', () => {
    for (const bytes of [new Uint8Array(0), toUtf8('', { bom: true }), toUtf8('\r\n\r\n,,,\r\n')]) {
      expect(csvErrorOf(() => parseCsv(bytes)).message).toMatch(/^The file has no rows/);
    }
  });

  it('refuses a header-only file', () => {
    expect(csvErrorOf(() => parseCsv(toUtf8(HEAD))).message).toMatch(/^The file has no rows below the header/);
  });

  it('refuses more than 5,000 people by default, and accepts exactly 5,000', () => {
    const rows = (n: number) => HEAD + Array.from({ length: n }, (_, i) => `参加者${i},会社${i},,`).join('\r\n');
    expect(parseCsv(toUtf8(rows(5000))).rows).toHaveLength(5000);
    expect(csvErrorOf(() => parseCsv(toUtf8(rows(5001)))).message).toBe(
      'The file has 5,001 rows; the limit is 5,000 rows. Split it into smaller files.',
    );
  });

  it('counts only people against a custom row limit, not blank lines', () => {
    const text = HEAD + 'A,B,,\r\n\r\n\r\nC,D,,\r\n';
    expect(parseCsv(toUtf8(text), { maxRows: 2 }).rows).toHaveLength(2);
    expect(csvErrorOf(() => parseCsv(toUtf8(text), { maxRows: 1 })).message).toMatch(/has 2 rows; the limit is 1 rows/);
  });

  it('refuses files over 2 MB by default, before reading them', () => {
    const big = new Uint8Array(2 * 1024 * 1024 + 1).fill(0x41);
    expect(csvErrorOf(() => parseCsv(big)).message).toBe(
      'The file is 2.1 MB; the limit is 2 MB. Split it into smaller files.',
    );
    expect(csvErrorOf(() => parseCsv(toUtf8(sampleRegistrationCsv()), { maxBytes: 100 })).message).toMatch(
      /^The file is \d+ bytes; the limit is 100 bytes\./,
    );
  });

  it('names the line where a quote is never closed', () => {
    const text = HEAD + '山田,A社,,\r\n佐藤,"B社,,\r\n鈴木,C社,,\r\n';
    const error = csvErrorOf(() => parseCsv(toUtf8(text)));
    expect(error.message).toMatch(/^Line 3 has a quote \("\) that is never closed/);
  });

  it('names the line where a quoted cell ends in stray text', () => {
    const text = HEAD + '山田,A社,,\r\n佐藤,B社,,\r\n"鈴木"様,C社,,\r\n';
    expect(csvErrorOf(() => parseCsv(toUtf8(text))).message).toMatch(/^Line 4 has text right after a closing quote/);
  });

  it('keeps quotes inside unquoted cells instead of failing (hand-made files)', () => {
    const parsed = parseCsv(toUtf8('氏名,会社名,役職\r\n山田,A社,主任 "リーダー" 兼 3.5"担当\r\n'));
    expect(parsed.rows[0]?.cells[2]).toBe('主任 "リーダー" 兼 3.5"担当');
  });

  it('says what to do when an .xlsx or UTF-16 text file is uploaded instead of a CSV', () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
    expect(csvErrorOf(() => parseCsv(xlsx)).message).toMatch(/Excel workbook \(\.xlsx\).*CSV UTF-8/);
    const utf16 = new Uint8Array([0xff, 0xfe, 0x0f, 0x6c]);
    expect(csvErrorOf(() => parseCsv(utf16)).message).toMatch(/UTF-16.*CSV UTF-8/);
  });
});

describe('validating rows', () => {
  it('reports each bad row under its spreadsheet row number, with one message per problem', () => {
    const text =
      '氏名,会社名,区分,メールアドレス\r\n' +
      '佐藤 健一,苫小牧港湾ロジスティクス,地元企業,K.Sato@Example.jp\r\n' + // 2
      ',勇払フーズ,企業,\r\n' + // 3: no name
      '\r\n' + // 4: blank line in the middle
      '鈴木 大輔,ノーザンドローン,VIP,\r\n' + // 5
      '田中 彩,ハスカップAI,ベンチャー,aya@@example\r\n' + // 6
      '佐藤 健一（代理）,苫小牧港湾ロジスティクス,,k.sato@example.jp\r\n' + // 7: same email as row 2
      '伊藤 誠,苫小牧市,自治体,\r\n' + // 8
      '伊藤　誠,苫小牧市,自治体,\r\n' + // 9: same as row 8, typed with a 全角 space
      ',,VIP,not-an-email\r\n'; // 10: everything wrong at once
    expect(byRow(importText(text))).toEqual({
      2: 'ok',
      3: ['name is empty'],
      5: ['kind "VIP" is not one of: firm (地元企業), venture (ベンチャー), partner (パートナー)'],
      6: ['email "aya@@example" is not an email address'],
      7: ['same person as row 2'],
      8: 'ok',
      9: ['same person as row 8'],
      10: [
        'name is empty',
        'company is empty',
        'kind "VIP" is not one of: firm (地元企業), venture (ベンチャー), partner (パートナー)',
        'email "not-an-email" is not an email address',
      ],
    });
  });

  it('maps Japanese and English kinds, and treats an empty kind as a local firm', () => {
    const kinds = [
      ['地元企業', 'firm'],
      ['企業', 'firm'],
      ['地域企業', 'firm'],
      ['Firm', 'firm'],
      ['local', 'firm'],
      ['', 'firm'],
      ['ベンチャー', 'venture'],
      ['ｽﾀｰﾄｱｯﾌﾟ', 'venture'],
      ['ＶＥＮＴＵＲＥ', 'venture'],
      ['startup', 'venture'],
      ['パートナー', 'partner'],
      ['支援機関', 'partner'],
      ['自治体', 'partner'],
      ['金融機関', 'partner'],
      ['大学', 'partner'],
      ['報道', 'partner'],
      ['partner', 'partner'],
    ] as const;
    const text = '氏名,会社名,区分\r\n' + kinds.map(([kind], i) => `参加者${i},会社${i},${kind}`).join('\r\n');
    expect(values(importText(text)).map((v) => v.kind)).toEqual(kinds.map(([, kind]) => kind));
  });

  it('lowercases email addresses, accepts full-width ones, and stores no email as null', () => {
    const text = HEAD + 'A,X社,,Yamada@Tomakomai.Example.JP\r\nB,X社,,ｓａｔｏ＠ｅｘａｍｐｌｅ．ｊｐ\r\nC,X社,,\r\n';
    expect(values(importText(text)).map((v) => v.email)).toEqual([
      'yamada@tomakomai.example.jp',
      'sato@example.jp',
      null,
    ]);
  });

  it('splits tags on 、 , ， ; ／ / | and line breaks, trimmed, de-duplicated, empties dropped', () => {
    const text = '氏名,会社名,タグ\r\nA,X社,"DX、物流，ＤＸ; 人材育成／観光/ 物流 |港湾\n食品、、 "\r\n';
    expect(values(importText(text))[0]?.tags).toEqual(['DX', '物流', '人材育成', '観光', '港湾', '食品']);
  });

  it('refuses more than 12 tags and tags over 40 characters', () => {
    const thirteen = Array.from({ length: 13 }, (_, i) => `テーマ${i}`).join('、');
    const long = 'あ'.repeat(41);
    const text = `氏名,会社名,タグ\r\nA,X社,${thirteen}\r\nB,X社,${Array.from({ length: 12 }, (_, i) => `t${i}`).join('、')}\r\nC,X社,${long}\r\n`;
    expect(byRow(importText(text))).toEqual({
      2: ['tags has 13 tags; at most 12 are allowed'],
      3: 'ok',
      4: [`tag "${long}" is longer than 40 characters`],
    });
  });

  it('limits lengths by characters as people count them (𠮷 is one)', () => {
    const text =
      '氏名,会社名,役職,ふりがな\r\n' +
      `${'𠮷'.repeat(100)},${'会'.repeat(200)},${'役'.repeat(100)},${'か'.repeat(100)}\r\n` +
      `${'𠮷'.repeat(101)},${'会'.repeat(201)},${'役'.repeat(101)},${'か'.repeat(101)}\r\n`;
    expect(byRow(importText(text))).toEqual({
      2: 'ok',
      3: [
        'name is 101 characters long; at most 100 are allowed',
        'company is 201 characters long; at most 200 are allowed',
        'kana is 101 characters long; at most 100 are allowed',
        'title is 101 characters long; at most 100 are allowed',
      ],
    });
  });

  it('stores the reading in hiragana whether typed in katakana, half-width or hiragana', () => {
    const text = '氏名,フリガナ,会社名\r\n佐藤,サトウ ケンイチ,A社\r\n鈴木,ｽｽﾞｷ ﾀﾞｲｽｹ,B社\r\n伊藤,いとう,C社\r\n';
    expect(values(importText(text)).map((v) => v.kana)).toEqual(['さとう けんいち', 'すずき だいすけ', 'いとう']);
  });

  it('writes half-width katakana in names, companies and titles full width, and keeps what the person typed otherwise', () => {
    const text = '氏名,会社名,役職\r\nｻﾄｳ ｹﾝｲﾁ,ｶﾞｽﾃｯｸ株式会社,ﾏﾈｰｼﾞｬｰ\r\n髙橋 ①,ＡＢＣ商事,部長\r\n';
    expect(values(importText(text)).map((v) => [v.name, v.company, v.title])).toEqual([
      ['サトウ ケンイチ', 'ガステック株式会社', 'マネージャー'],
      ['髙橋 ①', 'ＡＢＣ商事', '部長'],
    ]);
  });

  it('uses only the mapped columns and defaults the optional fields', () => {
    const parsed = parseCsv(toUtf8('会社名,メモ,氏名\r\n勇払フーズ,受付済,髙橋 美咲\r\n'));
    expect(validateRows(parsed, { name: 2, company: 0 })).toEqual([
      {
        row: 2,
        ok: true,
        value: {
          name: '髙橋 美咲',
          kana: '',
          company: '勇払フーズ',
          kind: 'firm',
          email: null,
          title: '',
          tags: [],
          challenges: null,
        },
        unstated: ['kana', 'kind', 'email', 'title', 'tags', 'challenges'],
      },
    ]);
  });

  it('treats cells missing from a short row as empty', () => {
    const parsed = parseCsv(toUtf8(sampleRegistrationCsv({ extraLines: ['山田 太郎,やまだ たろう'] })));
    expect(byRow(validateRows(parsed, FULL_MAPPING))[8]).toEqual(['company is empty']);
  });

  it('refuses a mapping without name or company, or pointing past the last column', () => {
    const parsed = parseCsv(toUtf8(HEAD + 'A,B,,\r\n'));
    expect(csvErrorOf(() => validateRows(parsed, { company: 1 })).message).toBe(
      'Choose the column that holds name; it is required.',
    );
    expect(csvErrorOf(() => validateRows(parsed, { name: 0 })).message).toBe(
      'Choose the column that holds company; it is required.',
    );
    expect(csvErrorOf(() => validateRows(parsed, { name: 0, company: 1, email: 4 })).message).toBe(
      'The column chosen for email is not in the file (it has 4 columns).',
    );
  });
});

describe('the 課題 column', () => {
  const TOPICS = ['ドローン', 'AI', '物流'];
  const read = (cells: string[]) =>
    validateRows(
      parseCsv(toUtf8(['氏名,会社名,課題', ...cells].join('\r\n'))),
      suggestMapping(['氏名', '会社名', '課題']),
      {
        topics: TOPICS,
      },
    );

  it('is suggested for 課題 (and English headers), apart from the topic tags', () => {
    expect(suggestMapping(['氏名', '会社名', '関心テーマ', '経営課題'])).toEqual({
      name: 0,
      company: 1,
      tags: 2,
      challenges: 3,
    });
    expect(suggestMapping(['Name', 'Company', 'Challenges'])).toEqual({ name: 0, company: 1, challenges: 2 });
  });

  it('reads category names in Japanese or English or keys, separated by 、 , or ;, and the event topics', () => {
    const [row] = read(['佐藤,港湾物流,"省力化、Hiring; training,ﾄﾞﾛｰﾝ"']);
    expect(row).toMatchObject({
      ok: true,
      value: { challenges: { categories: ['efficiency', 'hiring', 'training'], topics: ['ドローン'], note: '' } },
    });
  });

  it('keeps unknown words as the free line, and an empty cell states nothing', () => {
    const [withNote, empty] = read(['佐藤,港湾物流,"遊休資産の活用、冬の除雪"', '鈴木,勇払フーズ,']);
    expect(withNote).toMatchObject({
      ok: true,
      value: { challenges: { categories: ['idle-assets'], topics: [], note: '冬の除雪' } },
    });
    expect(empty).toMatchObject({
      ok: true,
      value: { challenges: null },
      unstated: expect.arrayContaining(['challenges']),
    });
  });

  it('refuses a free line longer than 200 characters', () => {
    const [row] = read([`佐藤,港湾物流,${'あ'.repeat(201)}`]);
    expect(row).toMatchObject({ ok: false, errors: [{ code: 'too-long', params: { field: 'challenges', max: 200 } }] });
  });
});

describe('suggestMapping', () => {
  it('recognises the headers of a Japanese sheet', () => {
    expect(suggestMapping(['氏名', 'ふりがな', '会社名', '区分', 'メールアドレス', '役職', '関心テーマ'])).toEqual(
      FULL_MAPPING,
    );
    expect(suggestMapping(['No.', 'お名前', 'フリガナ', '所属', '参加区分', 'メール', '部署・役職', '課題'])).toEqual({
      name: 1,
      kana: 2,
      company: 3,
      kind: 4,
      email: 5,
      title: 6,
      challenges: 7,
    });
  });

  it('recognises English headers regardless of case and spaces', () => {
    expect(suggestMapping(['Full Name', 'FURIGANA', ' Organisation ', 'Type', 'E-Mail', 'Position', 'Topics'])).toEqual(
      FULL_MAPPING,
    );
  });

  it('tolerates full-width and half-width forms', () => {
    expect(suggestMapping(['氏　名', 'ﾌﾘｶﾞﾅ', '会社名　', 'ＫＩＮＤ', 'Ｅｍａｉｌ', 'ＴＩＴＬＥ', 'ﾀｸﾞ'])).toEqual(
      FULL_MAPPING,
    );
  });

  it('reads 氏名（カナ） as the reading, not the name, whichever side it is on', () => {
    expect(suggestMapping(['氏名（カナ）', '氏名', '会社名'])).toEqual({ kana: 0, name: 1, company: 2 });
    expect(suggestMapping(['氏名', '氏名(カナ)', '会社名'])).toEqual({ name: 0, kana: 1, company: 2 });
  });

  it('takes the first matching column and maps a column to one field only', () => {
    expect(suggestMapping(['会社名', '氏名', '名前', '企業名'])).toEqual({ company: 0, name: 1 });
  });

  it('sees through form notes such as （必須） and ※任意', () => {
    expect(suggestMapping(['タイムスタンプ', 'お名前（必須）', '会社名【必須】', 'メールアドレス ※任意'])).toEqual({
      name: 1,
      company: 2,
      email: 3,
    });
  });

  it('suggests nothing for headers it does not know', () => {
    expect(suggestMapping(['受付番号', '備考', ''])).toEqual({});
  });
});

describe('registrationKey', () => {
  it('is the lowercased email when there is one', () => {
    expect(registrationKey({ email: 'K.Sato@Example.JP', name: '佐藤', company: 'A社' })).toBe('k.sato@example.jp');
  });

  it('is name|company otherwise, ignoring spacing, width and case', () => {
    const key = registrationKey({ email: null, name: '伊藤 誠', company: 'ＴＯＭＡＫＯＭＡＩ ﾃｯｸ' });
    expect(key).toBe('伊藤誠|tomakomaiテック');
    expect(registrationKey({ email: null, name: '伊藤　誠', company: 'Tomakomai テック' })).toBe(key);
    expect(registrationKey({ email: '', name: '伊藤誠', company: 'tomakomaiテック' })).toBe(key);
  });

  it('gives every sample person a distinct key, stable across encodings', () => {
    const keys = (bytes: Uint8Array) => values(importBytes(bytes).results).map(registrationKey);
    const utf8 = keys(toUtf8(sampleRegistrationCsv(), { bom: true }));
    expect(new Set(utf8).size).toBe(SAMPLE_REGISTRATIONS.length);
    expect(keys(toShiftJis(sampleRegistrationCsv()))).toEqual(utf8);
  });
});
