/**
 * An event at a real hall's size for the board's spec: 30 ventures with long Japanese names (each
 * written as its words, so a test can tell a phrase break from a break inside a word), 30 pitches in
 * three sessions, 150 local firms of one person each, a meeting grid. Seeded with the store's own
 * calls, as the demo is, into a database of its own, before the built server starts on it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newNonce } from '../../server/auth/tokens';
import { IDLE } from '../../server/domain/program';
import { eventLinks, type EventLinks } from '../../server/links';
import { openDb } from '../../server/store/db';
import { Store } from '../../server/store/store';
import { startBuiltServer, tomorrowInTokyo } from './demo-server';
import { freePort, type Running } from './processes';

export interface HallVenture {
  /** The name's words: a line may break between them, never inside one. */
  words: string[];
  summary: string;
  tags: string[];
  title: string;
}

const v = (words: string, summary: string, tags: string[], title: string): HallVenture => ({
  words: words.split('|'),
  summary,
  tags,
  title,
});

/** In program order. Lengths from 9 to 27 characters, as registrations really come in. */
export const HALL_VENTURES: HallVenture[] = [
  v(
    '株式会社|スペースシェア|北海道|ロジスティクス|研究所',
    '使われていない倉庫や部屋を、時間単位で貸し借りできるマッチング。',
    ['遊休資産の活用', '業務効率化・省力化'],
    '空き倉庫を、地域の物流拠点に',
  ),
  v(
    'ミライ|ロボティクス|株式会社',
    '倉庫のピッキングを自動化する小型ロボットを月額で。',
    ['業務効率化・省力化', '生産性向上'],
    '人手不足の倉庫を、月額で自動化',
  ),
  v(
    '一般社団法人|北海道|スマート|農業|イノベーション|推進機構',
    '衛星とドローンの画像で、畑ごとの施肥量を自動で決める。',
    ['生産性向上', 'DX'],
    '勘と経験を、データで次の世代へ',
  ),
  v(
    '株式会社|とまこまい|スマート|ファクトリー|ラボ',
    '古い設備に後付けするセンサーで、工場の稼働を見える化。',
    ['生産性向上', 'DX'],
    '今ある機械のまま、工場をスマートに',
  ),
  v(
    '北海道|ドローン|インフラ|点検|サービス|株式会社',
    '橋や煙突の点検をドローンで。足場も高所作業もいらない。',
    ['業務効率化・省力化'],
    '高所点検を、半日で安全に',
  ),
  v(
    '株式会社|ハーバー|AI|テクノロジーズ',
    '設備の音と振動から故障を予兆するAI。',
    ['生産性向上', 'DX'],
    '止まる前にわかる、設備の予兆保全',
  ),
  v(
    '合同会社|地域|人材|マッチング|センター',
    'スキマ時間の地域人材と、短時間の仕事をつなぐ。',
    ['雇用確保', '人材育成'],
    '地域のスキマ時間を、即戦力に',
  ),
  v(
    '株式会社|グリーン|エネルギー|ソリューションズ|北海道',
    '工場の屋根で発電し、電気代とCO2を同時に下げる。',
    ['脱炭素'],
    '屋根の上から、電気代を下げる',
  ),
  v(
    '株式会社|ワーク|シェアリング|ジャパン',
    '繁忙期の違う会社どうしで、社員を融通しあう仕組み。',
    ['雇用確保'],
    '忙しさの波を、地域で分けあう',
  ),
  v(
    '株式会社|スキル|ブリッジ',
    '熟練者の作業を動画で教材化する研修サービス。',
    ['人材育成', 'DX'],
    'ベテランの技を、動画で新人へ',
  ),
  v(
    '苫小牧|バイオマス|発電|株式会社',
    '製材の端材や間伐材を燃料にした地域の発電所。',
    ['脱炭素', '遊休資産の活用'],
    '捨てていた木が、町の電気に',
  ),
  v(
    '株式会社|オーシャン|データ|ラボラトリー',
    '港の潮位と船の動きを予測して、荷役の段取りを最適化。',
    ['業務効率化・省力化', 'DX'],
    '港の待ち時間を、半分に',
  ),
  v(
    '株式会社|フードテック|北海道',
    '水産加工の下処理を自動化する装置とレシピ管理。',
    ['生産性向上', '雇用確保'],
    'ホッキ貝の下処理を、機械で',
  ),
  v(
    '株式会社|ケア|ロボット|開発機構',
    '介護施設の見守りと移乗を助けるロボット。',
    ['業務効率化・省力化', '雇用確保'],
    '夜勤の負担を、ロボットと分ける',
  ),
  v(
    'IoT|センシング|ジャパン|株式会社',
    '電池で5年動く無線センサーで、温度と湿度を遠隔監視。',
    ['DX'],
    '冷蔵庫の温度、もう見回らない',
  ),
  v(
    '株式会社|サーキュラー|マテリアルズ',
    '製紙工場の副産物を、建材の原料に変える。',
    ['脱炭素', '遊休資産の活用'],
    '工場の副産物が、建材に変わる',
  ),
  v(
    '株式会社|北の|建設|DX|パートナーズ',
    '現場の写真と日報を、スマートフォンだけで共有。',
    ['業務効率化・省力化', 'DX'],
    '現場の書類仕事を、ゼロに',
  ),
  v(
    '株式会社|リモート|設備|診断',
    'ベテランが遠隔で現場を見て、若手の点検を指導する。',
    ['人材育成', 'DX'],
    '遠くの熟練者が、現場の目になる',
  ),
  v(
    '株式会社|ゆうふつ|水素|エナジー',
    '工場の余剰電力で水素をつくり、フォークリフトに使う。',
    ['脱炭素'],
    '余った電気を、水素でためる',
  ),
  v(
    '株式会社|物流|最適化|アルゴリズム|研究所',
    '配送ルートと積み付けを同時に最適化するソフト。',
    ['生産性向上', '業務効率化・省力化'],
    'トラック1台分の無駄を、毎日なくす',
  ),
  v(
    '株式会社|スノー|テック|ソリューションズ',
    '除雪車の位置と作業をリアルタイムで共有する。',
    ['業務効率化・省力化'],
    '除雪の「今どこ」を、町じゅうで',
  ),
  v(
    '株式会社|ファーム|ロボ',
    '収穫と運搬を手伝う小型の農業用ロボット。',
    ['雇用確保', '生産性向上'],
    '収穫期の人手を、ロボットで',
  ),
  v(
    '株式会社|クラウド|在庫|管理|システムズ',
    '複数倉庫の在庫を、バーコード一つでまとめて管理。',
    ['業務効率化・省力化', 'DX'],
    '在庫の数え直しを、やめる',
  ),
  v(
    '株式会社|港湾|オートメーション',
    'コンテナの積み下ろしを遠隔操作で。',
    ['生産性向上', '雇用確保'],
    '港のクレーンを、事務所から',
  ),
  v(
    '株式会社|デジタル|技能|継承|アカデミー',
    '溶接や板金の技能をVRで練習できる教材。',
    ['人材育成'],
    '技能五輪の技を、VRで',
  ),
  v(
    '株式会社|エコ|パッケージング|北海道',
    '紙とでんぷんでつくる、プラスチックを使わない包装。',
    ['脱炭素'],
    '包装から、プラスチックを抜く',
  ),
  v(
    '株式会社|ウェルビーイング|ワークス',
    '従業員の体調と働き方をアプリで見守り、離職を防ぐ。',
    ['雇用確保', '人材育成'],
    '辞めない職場を、データでつくる',
  ),
  v('株式会社|アグリ|ドローン|北海道', '農薬散布と生育調査をドローン一台で。', ['生産性向上'], '畑の見回りを、空から'),
  v(
    '株式会社|インバウンド|観光|テック',
    '多言語の予約と案内を、ホテルと飲食店でまとめて。',
    ['遊休資産の活用', 'DX'],
    '平日の宴会場に、海外の団体を',
  ),
  v(
    '株式会社|カーボン|クレジット|ネットワーク',
    '中小企業の省エネ実績を、クレジットにして売れるように。',
    ['脱炭素'],
    '省エネが、売れる価値になる',
  ),
];

export const ventureName = (venture: HallVenture) => venture.words.join('');

/** 150 local firms: ten towns of the region times fifteen trades. */
export const HALL_FIRMS: string[] = [
  '苫小牧',
  '白老',
  '厚真',
  '安平',
  'むかわ',
  '千歳',
  '登別',
  '室蘭',
  '伊達',
  '日高',
].flatMap((town) =>
  [
    '港湾物流',
    '製紙工業',
    '水産加工',
    '観光ホテル',
    '建設',
    '運輸',
    '食品',
    '精密機械',
    '農産',
    '電設',
    '印刷',
    '自動車整備',
    '介護サービス',
    '不動産',
    '木材',
  ].map((trade) => `${town}${trade}株式会社`),
);

const SESSIONS = ['第1部 物流と製造', '第2部 人材と働き方', '第3部 エネルギーと地域'];

/** Seeds the hall event into `store`; returns its id. */
export function seedHallEvent(store: Store, name: string): string {
  const now = Date.now();
  const eventId = randomUUID();
  store.db.transaction(() => {
    store.insertEvent({
      id: eventId,
      name,
      venue: '苫小牧市民会館 大ホール',
      date: tomorrowInTokyo(),
      timeZone: 'Asia/Tokyo',
      topics: ['DX', '脱炭素'],
      boardNonce: newNonce(),
      live: IDLE,
      createdAt: now,
    });
    const person = (organizationId: string | null, personName: string) =>
      store.insertPerson({
        id: randomUUID(),
        eventId,
        organizationId,
        name: personName,
        badgeNonce: newNonce(),
        createdAt: now,
      });
    person(null, '事務局 山田');
    const sessionIds = SESSIONS.map((title, position) => {
      const id = randomUUID();
      store.saveProgramSession(eventId, { id, title, position });
      return id;
    });
    HALL_VENTURES.forEach((venture, i) => {
      const orgId = randomUUID();
      store.insertOrganization({
        id: orgId,
        eventId,
        kind: 'venture',
        name: ventureName(venture),
        summary: venture.summary,
        tags: venture.tags,
      });
      person(orgId, `発表者${i + 1}`);
      store.savePitch(eventId, {
        id: randomUUID(),
        sessionId: sessionIds[Math.floor(i / 10)]!,
        ventureId: orgId,
        title: venture.title,
        durationSec: 300,
        position: i % 10,
      });
    });
    HALL_FIRMS.forEach((firm, i) => {
      const orgId = randomUUID();
      store.insertOrganization({ id: orgId, eventId, kind: 'firm', name: firm });
      person(orgId, `担当者${i + 1}`);
    });
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
      changes: [{ kind: 'event:seeded', data: { name } }],
    }));
  })();
  return eventId;
}

export interface HallServer {
  baseUrl: string;
  links: EventLinks;
  server: Running;
  stop(): Promise<void>;
}

/** The built server on a fresh database holding only the hall event. */
export async function startHallServer(name: string): Promise<HallServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-hall-'));
  const dbFile = path.join(dir, 'pitch.db');
  const secret = randomBytes(32);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const store = new Store(openDb(dbFile));
  let links: EventLinks;
  try {
    links = eventLinks(store, secret, seedHallEvent(store, name), baseUrl);
  } finally {
    store.db.close();
  }
  const server = await startBuiltServer({
    port,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PITCH_DB: dbFile,
      PITCH_SECRET: secret.toString('hex'),
      PUBLIC_URL: baseUrl,
      // 150 firms sign in from 127.0.0.1 within a second.
      PITCH_RATE_LIMIT: '0',
    },
  });
  return {
    baseUrl,
    links,
    server,
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
