/**
 * The event's results as CSV files for Excel: people and check-ins, interests, meeting requests,
 * meetings with their outcomes. Japanese headers and labels by default, English on request.
 * Private notes never leave the store; a note the firm shared with the venture is exported.
 * A proposal of 「自動で組む」 that a side has yet to confirm is listed as 提案中 (proposed), with the
 * side the organizer may need to chase, never as 予定 (scheduled).
 * The people export carries each person's sign-in link and QR image address, for a mail merge.
 */
import type { MeetingInfo } from '../../shared/model.js';
import { awaitsConfirmation } from '../domain/meeting-rules.js';
import { statementsOf } from '../store/statements.js';
import type { Store } from '../store/store.js';
import { csvDocument, localDateTime } from './csv.js';

export type Lang = 'ja' | 'en';
export const EXPORTS = ['people', 'interests', 'requests', 'meetings'] as const;
export type ExportName = (typeof EXPORTS)[number];

const LABELS: Record<Lang, Record<string, string>> = {
  ja: {
    firm: '地元企業',
    venture: 'ベンチャー',
    partner: 'パートナー',
    organizer: '事務局',
    interested: '興味あり',
    'want-to-meet': '会いたい',
    pending: '返事待ち',
    accepted: '承諾',
    declined: '辞退',
    withdrawn: '取り下げ',
    expired: '期限切れ',
    scheduled: '予定',
    proposed: '提案中',
    held: '実施',
    'no-show': '不参加',
    cancelled: '取消',
    none: '',
    'follow-up': 'フォローアップ',
    'poc-planned': 'PoC検討',
    'poc-started': 'PoC開始',
    contract: '契約',
    dropped: '見送り',
    qr: 'QR',
    search: '名前検索',
    'walk-in': '当日登録',
    self: '本人',
    guest: '地元企業・パートナー',
    both: '双方',
  },
  // English keeps the codes, but for the one the model names otherwise than the headers.
  en: { guest: 'firm or partner' },
};

const HEADERS: Record<ExportName, Record<Lang, string[]>> = {
  people: {
    ja: [
      '氏名',
      'ふりがな',
      '会社・団体',
      '種別',
      'メール',
      '役職',
      'タグ',
      '受付時刻',
      '受付',
      '受付方法',
      'ログインリンク',
      'QR画像URL',
    ],
    en: [
      'Name',
      'Reading',
      'Organization',
      'Kind',
      'E-mail',
      'Title',
      'Tags',
      'Checked in at',
      'Station',
      'Method',
      'Sign-in link',
      'QR image URL',
    ],
  },
  interests: {
    ja: ['会社・団体', '氏名', 'ベンチャー', '関心', 'トピック', '共有メモ', '更新'],
    en: ['Organization', 'Name', 'Venture', 'Level', 'Topics', 'Shared note', 'Updated'],
  },
  requests: {
    ja: ['申込元', '申込者', '申込先', 'メッセージ', '状態', '理由', '申込日時', '更新日時'],
    en: ['From', 'Sent by', 'To', 'Message', 'Status', 'Reason', 'Sent at', 'Updated at'],
  },
  meetings: {
    ja: [
      '開始',
      '終了',
      'テーブル',
      '地元企業・パートナー',
      'ベンチャー',
      '状態',
      '次のステップ',
      '成果',
      'PoC開始日',
      '契約日',
      '成果メモ',
      '確認待ち',
    ],
    en: [
      'Start',
      'End',
      'Table',
      'Firm or partner',
      'Venture',
      'Status',
      'Next step',
      'Outcome',
      'PoC started on',
      'Contract on',
      'Outcome note',
      'Awaiting confirmation from',
    ],
  },
};

type Cell = string | number | null;

/** A meeting's status, with a proposal both sides have not confirmed as 'proposed'. */
const meetingStatus = (m: MeetingInfo): string => (awaitsConfirmation(m) ? 'proposed' : m.status);

/** Which side a proposal still waits for ('guest', 'venture' or 'both'); '' for an agreed meeting. */
function awaiting(m: MeetingInfo): string {
  if (!awaitsConfirmation(m) || !m.proposal) return '';
  const { guestConfirmed, ventureConfirmed } = m.proposal;
  if (!guestConfirmed && !ventureConfirmed) return 'both';
  return guestConfirmed ? 'venture' : 'guest';
}

/**
 * Each person's sign-in link (the badge's, for a mail merge of one's own) and the address of its QR
 * image, which opens only for the event's organizers (the mail merge runs on their signed-in computer).
 */
export interface SignInLinks {
  signIn(badgeNonce: string): string;
  qrImage(personId: string): string;
}

export function exportCsv(store: Store, eventId: string, name: ExportName, lang: Lang, links?: SignInLinks): string {
  const event = store.getEvent(eventId)!;
  const tz = event.timeZone;
  const label = (code: string) => LABELS[lang][code] ?? code;
  const at = (ms: number | null) => localDateTime(ms, tz);
  // The export's reads, compiled once per connection like every other read of the store.
  const db = statementsOf(store.db);
  let rows: Cell[][];
  switch (name) {
    case 'people':
      rows = db
        .prepare<
          [string],
          {
            id: string;
            nonce: string;
            name: string;
            kana: string;
            org: string | null;
            kind: string | null;
            email: string | null;
            title: string;
            tags: string;
            at: number | null;
            station: string | null;
            method: string | null;
          }
        >(
          `SELECT p.id, p.badge_nonce AS nonce, p.name, p.name_kana AS kana, o.name AS org, o.kind, p.email, p.title, p.tags,
             c.at, c.station, c.method
           FROM people p LEFT JOIN organizations o ON o.id = p.organization_id LEFT JOIN checkins c ON c.person_id = p.id
           WHERE p.event_id = ? AND p.is_organizer = 0 ORDER BY o.kind, o.name, p.name_kana, p.name`,
        )
        .all(eventId)
        .map((r) => [
          r.name,
          r.kana,
          r.org,
          label(r.kind ?? 'organizer'),
          r.email,
          r.title,
          (JSON.parse(r.tags) as string[]).join(' '),
          at(r.at),
          r.station,
          r.method ? label(r.method) : '',
          links ? links.signIn(r.nonce) : '',
          links ? links.qrImage(r.id) : '',
        ]);
      break;
    case 'interests':
      rows = db
        .prepare<
          [string],
          {
            org: string;
            person: string;
            venture: string;
            level: string;
            tags: string;
            note: string;
            share: number;
            updated: number;
          }
        >(
          `SELECT o.name AS org, p.name AS person, v.name AS venture, i.level, i.tags, i.note, i.share_note AS share,
             i.updated_at AS updated
           FROM interests i JOIN people p ON p.id = i.person_id JOIN organizations o ON o.id = p.organization_id
           JOIN organizations v ON v.id = i.venture_id WHERE i.event_id = ? ORDER BY v.name, o.name, p.name`,
        )
        .all(eventId)
        .map((r) => [
          r.org,
          r.person,
          r.venture,
          label(r.level),
          (JSON.parse(r.tags) as string[]).join(' '),
          r.share && r.level === 'want-to-meet' ? r.note : '',
          at(r.updated),
        ]);
      break;
    case 'requests':
      rows = store
        .requests(eventId)
        .reverse()
        .map((r) => [
          r.fromOrgName,
          r.fromPersonName,
          r.toOrgName,
          r.message,
          label(r.status),
          r.reason,
          at(r.createdAt),
          at(r.updatedAt),
        ]);
      break;
    case 'meetings':
      rows = store
        .meetings(eventId)
        .map((m) => [
          at(m.slotStart),
          at(m.slotEnd),
          m.table,
          m.guestOrgName,
          m.ventureOrgName,
          label(meetingStatus(m)),
          m.nextStep,
          label(m.outcome),
          m.pocStartedOn,
          m.contractOn,
          m.outcomeNote,
          label(awaiting(m)),
        ]);
      break;
  }
  return csvDocument(HEADERS[name][lang], rows);
}
