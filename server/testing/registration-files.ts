/**
 * Sample registration files for tests (server tests and e2e): the people, the CSV as an organizer's
 * sheet has it, UTF-8 or Shift_JIS. It imports iconv-lite, a devDependency: it sits in the test kit,
 * which the server's build leaves out, and production code never imports it.
 */
import iconv from 'iconv-lite';
import type { Registration } from '../import/registrations.js';

/** Headers as a Japanese organizer's sheet has them. */
export const SAMPLE_HEADERS = ['氏名', 'ふりがな', '会社名', '区分', 'メールアドレス', '役職', '関心テーマ'] as const;

/** The people in the sample file, as validateRows should return them (kana already in hiragana). */
export const SAMPLE_REGISTRATIONS: readonly Registration[] = [
  {
    name: '佐藤 健一',
    kana: 'さとう けんいち',
    company: '苫小牧港湾ロジスティクス株式会社',
    kind: 'firm',
    email: 'k.sato@tomakomai-port-logi.example.jp',
    title: '代表取締役',
    tags: ['物流', 'DX'],
    challenges: null,
  },
  {
    name: '髙橋 美咲',
    kana: 'たかはし みさき',
    company: '勇払フーズ株式会社',
    kind: 'firm',
    email: 'takahashi@yufutsu-foods.example.jp',
    title: '経営企画部 部長',
    tags: ['食品', '人材育成'],
    challenges: null,
  },
  {
    name: '鈴木 大輔',
    kana: 'すずき だいすけ',
    company: '株式会社ノーザンドローン',
    kind: 'venture',
    email: 'daisuke@northern-drone.example.com',
    title: 'CEO',
    tags: ['ドローン', '港湾点検'],
    challenges: null,
  },
  {
    name: '田中 彩',
    kana: 'たなか あや',
    company: '株式会社ハスカップAI',
    kind: 'venture',
    email: 'aya.tanaka@haskap-ai.example.com',
    title: '共同創業者, CTO',
    tags: ['AI', '需要予測', '物流'],
    challenges: null,
  },
  {
    name: '伊藤 誠',
    kana: 'いとう まこと',
    company: '苫小牧市 産業経済部',
    kind: 'partner',
    email: null,
    title: '企業立地課 主査',
    tags: ['企業誘致'],
    challenges: null,
  },
  {
    name: '渡辺 直子',
    kana: 'わたなべ なおこ',
    company: '樽前地域信用金庫',
    kind: 'partner',
    email: 'n.watanabe@tarumae-shinkin.example.jp',
    title: '地域創生部',
    tags: [],
    challenges: null,
  },
];

const KIND_LABEL = { firm: '地元企業', venture: 'ベンチャー', partner: '支援機関' } as const;

/**
 * The sample as CSV text, the way Excel writes it: CRLF line ends, a cell quoted only when it holds
 * a comma, quote or newline, tags joined with 、. Add `extraLines` to append raw lines (e.g. bad rows).
 */
export function sampleRegistrationCsv(options: { eol?: '\r\n' | '\n'; extraLines?: string[] } = {}): string {
  const eol = options.eol ?? '\r\n';
  const lines = [
    SAMPLE_HEADERS.join(','),
    ...SAMPLE_REGISTRATIONS.map((r) =>
      [r.name, r.kana, r.company, KIND_LABEL[r.kind], r.email ?? '', r.title, r.tags.join('、')].map(csvCell).join(','),
    ),
    ...(options.extraLines ?? []),
  ];
  return lines.join(eol) + eol;
}

export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Bytes as Japanese Excel saves "CSV (コンマ区切り)": Shift_JIS (Windows-31J, so 髙 and ① survive). */
export function toShiftJis(text: string): Uint8Array {
  return new Uint8Array(iconv.encode(text, 'cp932'));
}

/** Bytes as Excel's "CSV UTF-8" saves them (with a BOM), or as most other tools do (without). */
export function toUtf8(text: string, options: { bom?: boolean } = {}): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!options.bom) return body;
  const bytes = new Uint8Array(body.length + 3);
  bytes.set([0xef, 0xbb, 0xbf]);
  bytes.set(body, 3);
  return bytes;
}
