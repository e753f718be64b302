/**
 * A demo event in the style of a Tomakomai matching day: local firms with real-sounding problems,
 * ventures with seeds, partners, one organizer, and a two-session pitch program.
 */
import type { OrgKind } from '../../shared/model.js';
import { newNonce } from '../auth/tokens.js';
import { IDLE } from '../domain/program.js';
import type { Store } from '../store/store.js';

interface DemoOrg {
  kind: OrgKind;
  name: string;
  kana: string;
  summary: string;
  tags?: string[];
  people: { name: string; kana: string; title: string }[];
  pitch?: { title: string; session: 0 | 1; minutes: number };
}

const ORGS: DemoOrg[] = [
  {
    kind: 'firm',
    name: '苫小牧港湾物流株式会社',
    kana: 'とまこまいこうわんぶつりゅう',
    summary: '港の荷役と倉庫。繁忙期の人手不足が課題。',
    people: [
      { name: '佐藤 健一', kana: 'さとう けんいち', title: '業務部長' },
      { name: '高橋 美咲', kana: 'たかはし みさき', title: '総務課' },
    ],
  },
  {
    kind: 'firm',
    name: '勇払製紙工業株式会社',
    kana: 'ゆうふつせいしこうぎょう',
    summary: '製紙工場。設備点検の省力化と技能継承。',
    people: [{ name: '田中 誠', kana: 'たなか まこと', title: '工場長' }],
  },
  {
    kind: 'firm',
    name: '樽前フーズ株式会社',
    kana: 'たるまえふーず',
    summary: '水産加工（ホッキ貝）。パート採用と生産性向上。',
    people: [{ name: '伊藤 直子', kana: 'いとう なおこ', title: '代表取締役' }],
  },
  {
    kind: 'firm',
    name: '白鳥湖観光ホテル',
    kana: 'はくちょうこかんこうほてる',
    summary: '温泉ホテル。平日の空き宴会場の活用。',
    people: [{ name: '渡辺 大輔', kana: 'わたなべ だいすけ', title: '支配人' }],
  },
  {
    kind: 'venture',
    name: '株式会社ミライロボティクス',
    kana: 'みらいろぼてぃくす',
    summary: '倉庫のピッキングを自動化する小型ロボット。',
    tags: ['業務効率化・省力化', '生産性向上'],
    people: [{ name: '中村 翔', kana: 'なかむら しょう', title: 'CEO' }],
    pitch: { title: '人手不足の倉庫を、月額で自動化', session: 0, minutes: 5 },
  },
  {
    kind: 'venture',
    name: '株式会社スキルブリッジ',
    kana: 'すきるぶりっじ',
    summary: '熟練者の作業を動画で教材化する研修サービス。',
    tags: ['人材育成', 'DX'],
    people: [{ name: '小林 由衣', kana: 'こばやし ゆい', title: '代表' }],
    pitch: { title: 'ベテランの技を、動画で新人へ', session: 0, minutes: 5 },
  },
  {
    kind: 'venture',
    name: '株式会社スペースシェア北海道',
    kana: 'すぺーすしぇあほっかいどう',
    summary: '遊休スペースを時間貸しにするマッチング。',
    tags: ['遊休資産の活用'],
    people: [{ name: '加藤 陽介', kana: 'かとう ようすけ', title: 'COO' }],
    pitch: { title: '使っていない部屋が、収益に変わる', session: 0, minutes: 5 },
  },
  {
    kind: 'venture',
    name: 'ハーバーAI株式会社',
    kana: 'はーばーえーあい',
    summary: '設備の音と振動から故障を予兆するAI。',
    tags: ['生産性向上', 'DX'],
    people: [{ name: '吉田 蓮', kana: 'よしだ れん', title: 'CTO' }],
    pitch: { title: '止まる前にわかる、設備の予兆保全', session: 1, minutes: 5 },
  },
  {
    kind: 'venture',
    name: '株式会社ワークマッチ',
    kana: 'わーくまっち',
    summary: 'スキマ時間の地域人材と仕事をつなぐ採用支援。',
    tags: ['雇用確保', '人材育成'],
    people: [{ name: '山本 あかり', kana: 'やまもと あかり', title: '代表取締役' }],
    pitch: { title: '地域のスキマ時間を、即戦力に', session: 1, minutes: 5 },
  },
  {
    kind: 'partner',
    name: '苫小牧市 産業振興課',
    kana: 'とまこまいし さんぎょうしんこうか',
    summary: '主催',
    people: [{ name: '松本 浩二', kana: 'まつもと こうじ', title: '主査' }],
  },
  {
    kind: 'partner',
    name: '苫小牧信用金庫',
    kana: 'とまこまいしんようきんこ',
    summary: '地域金融機関',
    people: [{ name: '井上 真理', kana: 'いのうえ まり', title: '法人営業' }],
  },
];

const SESSIONS = ['第1部 人手不足と技能継承', '第2部 設備と採用'];

export interface SeedOptions {
  now: number;
  newId: () => string;
  name?: string;
  /** YYYY-MM-DD; defaults to the day of `now` in Tokyo. */
  date?: string;
}

export function seedDemoEvent(store: Store, options: SeedOptions): string {
  const { now, newId } = options;
  const eventId = newId();
  // The demo's meetings run 15:00–17:30 in Tokyo: seeded later in the day, it is tomorrow's event,
  // so its slots are still ahead.
  const tokyo = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(ms);
  const hourInTokyo = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', hour12: false }).format(now),
  );
  const date = options.date ?? (hourInTokyo < 15 ? tokyo(now) : tokyo(now + 24 * 3600_000));
  store.db.transaction(() => {
    store.insertEvent({
      id: eventId,
      name: options.name ?? 'とまこまい イノベーション・マッチングデイ',
      venue: '苫小牧市民会館 大ホール',
      date,
      timeZone: 'Asia/Tokyo',
      topics: ['DX', '脱炭素'],
      boardNonce: newNonce(),
      live: IDLE,
      createdAt: now,
    });
    store.insertPerson({
      id: newId(),
      eventId,
      organizationId: null,
      name: '事務局 山田',
      nameKana: 'じむきょく やまだ',
      badgeNonce: newNonce(),
      createdAt: now,
    });
    const sessionIds = SESSIONS.map((title, position) => {
      const id = newId();
      store.saveProgramSession(eventId, { id, title, position });
      return id;
    });
    const positions = [0, 0];
    for (const org of ORGS) {
      const orgId = newId();
      store.insertOrganization({
        id: orgId,
        eventId,
        kind: org.kind,
        name: org.name,
        nameKana: org.kana,
        summary: org.summary,
        tags: org.tags ?? [],
      });
      for (const p of org.people) {
        store.insertPerson({
          id: newId(),
          eventId,
          organizationId: orgId,
          name: p.name,
          nameKana: p.kana,
          title: p.title,
          badgeNonce: newNonce(),
          createdAt: now,
        });
      }
      if (org.pitch) {
        const session = org.pitch.session;
        store.savePitch(eventId, {
          id: newId(),
          sessionId: sessionIds[session]!,
          ventureId: orgId,
          title: org.pitch.title,
          durationSec: org.pitch.minutes * 60,
          position: positions[session]!++,
        });
      }
    }
    store.setGrid(eventId, {
      windows: [{ start: '15:00', end: '17:30' }],
      slotMinutes: 20,
      bufferMinutes: 5,
      tables: ['1', '2', '3', '4', '5', '6'],
      capPerOrg: null,
      breaks: [],
    });
    store.mutate(eventId, 'seed', now, () => ({
      result: null,
      changes: [{ kind: 'event:seeded', data: { name: options.name ?? null } }],
    }));
  })();
  return eventId;
}
