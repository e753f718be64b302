/**
 * The companies and people of the demo's region, in one list: the Tomakomai demo (small or at a
 * day's size) and the e2e hall event are drawn from it, so a name, its reading and its pitch are
 * written once. Ventures bring seeds under the programme's themes; local firms are the region's
 * towns times its trades, each trade with the problem it brings; people come from name lists.
 * Readings are hiragana without the legal form (株式会社), as the door's search and sorting expect.
 */
import type { OrgKind } from '../../shared/model.js';

export interface CatalogPerson {
  name: string;
  kana: string;
  title: string;
}

export interface CatalogOrg {
  kind: OrgKind;
  name: string;
  kana: string;
  summary: string;
  tags: string[];
  /** Named people; generated ones are added where an org has none. */
  people: CatalogPerson[];
}

export interface CatalogVenture extends CatalogOrg {
  kind: 'venture';
  /** The name's words: a line may break between them, never inside one. */
  words: string[];
  title: string;
}

const venture = (
  words: string,
  kana: string,
  summary: string,
  tags: string[],
  title: string,
  presenter?: CatalogPerson,
): CatalogVenture => ({
  kind: 'venture',
  words: words.split('|'),
  name: words.split('|').join(''),
  kana,
  summary,
  tags,
  title,
  people: presenter ? [presenter] : [],
});

/**
 * Thirty ventures, in the hall's program order; names from 9 to 27 characters, as registrations
 * really come in. The first twelve are the demo day's.
 */
export const VENTURES: CatalogVenture[] = [
  venture(
    '株式会社|スペースシェア|北海道',
    'すぺーすしぇあほっかいどう',
    '遊休スペースを時間貸しにするマッチング。',
    ['遊休資産の活用'],
    '使っていない部屋が、収益に変わる',
    { name: '加藤 陽介', kana: 'かとう ようすけ', title: 'COO' },
  ),
  venture(
    '株式会社|ミライ|ロボティクス',
    'みらいろぼてぃくす',
    '倉庫のピッキングを自動化する小型ロボット。',
    ['業務効率化・省力化', '生産性向上'],
    '人手不足の倉庫を、月額で自動化',
    { name: '中村 翔', kana: 'なかむら しょう', title: 'CEO' },
  ),
  venture(
    '一般社団法人|北海道|スマート|農業|イノベーション|推進機構',
    'ほっかいどうすまーとのうぎょういのべーしょんすいしんきこう',
    '衛星とドローンの画像で、畑ごとの施肥量を自動で決める。',
    ['生産性向上', 'DX'],
    '勘と経験を、データで次の世代へ',
  ),
  venture(
    '株式会社|とまこまい|スマート|ファクトリー|ラボ',
    'とまこまいすまーとふぁくとりーらぼ',
    '古い設備に後付けするセンサーで、工場の稼働を見える化。',
    ['生産性向上', 'DX'],
    '今ある機械のまま、工場をスマートに',
  ),
  venture(
    '北海道|ドローン|インフラ|点検|サービス|株式会社',
    'ほっかいどうどろーんいんふらてんけんさーびす',
    '橋や煙突の点検をドローンで。足場も高所作業もいらない。',
    ['業務効率化・省力化'],
    '高所点検を、半日で安全に',
  ),
  venture(
    'ハーバー|AI|株式会社',
    'はーばーえーあい',
    '設備の音と振動から故障を予兆するAI。',
    ['生産性向上', 'DX'],
    '止まる前にわかる、設備の予兆保全',
    { name: '吉田 蓮', kana: 'よしだ れん', title: 'CTO' },
  ),
  venture(
    '株式会社|ワーク|マッチ',
    'わーくまっち',
    'スキマ時間の地域人材と仕事をつなぐ採用支援。',
    ['雇用確保', '人材育成'],
    '地域のスキマ時間を、即戦力に',
    { name: '山本 あかり', kana: 'やまもと あかり', title: '代表取締役' },
  ),
  venture(
    '株式会社|グリーン|エネルギー|ソリューションズ|北海道',
    'ぐりーんえねるぎーそりゅーしょんずほっかいどう',
    '工場の屋根で発電し、電気代とCO2を同時に下げる。',
    ['脱炭素'],
    '屋根の上から、電気代を下げる',
  ),
  venture(
    '株式会社|ワーク|シェアリング|ジャパン',
    'わーくしぇありんぐじゃぱん',
    '繁忙期の違う会社どうしで、社員を融通しあう仕組み。',
    ['雇用確保'],
    '忙しさの波を、地域で分けあう',
  ),
  venture(
    '株式会社|スキル|ブリッジ',
    'すきるぶりっじ',
    '熟練者の作業を動画で教材化する研修サービス。',
    ['人材育成', 'DX'],
    'ベテランの技を、動画で新人へ',
    { name: '小林 由衣', kana: 'こばやし ゆい', title: '代表' },
  ),
  venture(
    '苫小牧|バイオマス|発電|株式会社',
    'とまこまいばいおますはつでん',
    '製材の端材や間伐材を燃料にした地域の発電所。',
    ['脱炭素', '遊休資産の活用'],
    '捨てていた木が、町の電気に',
  ),
  venture(
    '株式会社|オーシャン|データ|ラボラトリー',
    'おーしゃんでーたらぼらとりー',
    '港の潮位と船の動きを予測して、荷役の段取りを最適化。',
    ['業務効率化・省力化', 'DX'],
    '港の待ち時間を、半分に',
  ),
  venture(
    '株式会社|フードテック|北海道',
    'ふーどてっくほっかいどう',
    '水産加工の下処理を自動化する装置とレシピ管理。',
    ['生産性向上', '雇用確保'],
    'ホッキ貝の下処理を、機械で',
  ),
  venture(
    '株式会社|ケア|ロボット|開発機構',
    'けあろぼっとかいはつきこう',
    '介護施設の見守りと移乗を助けるロボット。',
    ['業務効率化・省力化', '雇用確保'],
    '夜勤の負担を、ロボットと分ける',
  ),
  venture(
    'IoT|センシング|ジャパン|株式会社',
    'あいおーてぃーせんしんぐじゃぱん',
    '電池で5年動く無線センサーで、温度と湿度を遠隔監視。',
    ['DX'],
    '冷蔵庫の温度、もう見回らない',
  ),
  venture(
    '株式会社|サーキュラー|マテリアルズ',
    'さーきゅらーまてりあるず',
    '製紙工場の副産物を、建材の原料に変える。',
    ['脱炭素', '遊休資産の活用'],
    '工場の副産物が、建材に変わる',
  ),
  venture(
    '株式会社|北の|建設|DX|パートナーズ',
    'きたのけんせつでぃーえっくすぱーとなーず',
    '現場の写真と日報を、スマートフォンだけで共有。',
    ['業務効率化・省力化', 'DX'],
    '現場の書類仕事を、ゼロに',
  ),
  venture(
    '株式会社|リモート|設備|診断',
    'りもーとせつびしんだん',
    'ベテランが遠隔で現場を見て、若手の点検を指導する。',
    ['人材育成', 'DX'],
    '遠くの熟練者が、現場の目になる',
  ),
  venture(
    '株式会社|ゆうふつ|水素|エナジー',
    'ゆうふつすいそえなじー',
    '工場の余剰電力で水素をつくり、フォークリフトに使う。',
    ['脱炭素'],
    '余った電気を、水素でためる',
  ),
  venture(
    '株式会社|物流|最適化|アルゴリズム|研究所',
    'ぶつりゅうさいてきかあるごりずむけんきゅうじょ',
    '配送ルートと積み付けを同時に最適化するソフト。',
    ['生産性向上', '業務効率化・省力化'],
    'トラック1台分の無駄を、毎日なくす',
  ),
  venture(
    '株式会社|スノー|テック|ソリューションズ',
    'すのーてっくそりゅーしょんず',
    '除雪車の位置と作業をリアルタイムで共有する。',
    ['業務効率化・省力化'],
    '除雪の「今どこ」を、町じゅうで',
  ),
  venture(
    '株式会社|ファーム|ロボ',
    'ふぁーむろぼ',
    '収穫と運搬を手伝う小型の農業用ロボット。',
    ['雇用確保', '生産性向上'],
    '収穫期の人手を、ロボットで',
  ),
  venture(
    '株式会社|クラウド|在庫|管理|システムズ',
    'くらうどざいこかんりしすてむず',
    '複数倉庫の在庫を、バーコード一つでまとめて管理。',
    ['業務効率化・省力化', 'DX'],
    '在庫の数え直しを、やめる',
  ),
  venture(
    '株式会社|港湾|オートメーション',
    'こうわんおーとめーしょん',
    'コンテナの積み下ろしを遠隔操作で。',
    ['生産性向上', '雇用確保'],
    '港のクレーンを、事務所から',
  ),
  venture(
    '株式会社|デジタル|技能|継承|アカデミー',
    'でじたるぎのうけいしょうあかでみー',
    '溶接や板金の技能をVRで練習できる教材。',
    ['人材育成'],
    '技能五輪の技を、VRで',
  ),
  venture(
    '株式会社|エコ|パッケージング|北海道',
    'えこぱっけーじんぐほっかいどう',
    '紙とでんぷんでつくる、プラスチックを使わない包装。',
    ['脱炭素'],
    '包装から、プラスチックを抜く',
  ),
  venture(
    '株式会社|ウェルビーイング|ワークス',
    'うぇるびーいんぐわーくす',
    '従業員の体調と働き方をアプリで見守り、離職を防ぐ。',
    ['雇用確保', '人材育成'],
    '辞めない職場を、データでつくる',
  ),
  venture(
    '株式会社|アグリ|ドローン|北海道',
    'あぐりどろーんほっかいどう',
    '農薬散布と生育調査をドローン一台で。',
    ['生産性向上'],
    '畑の見回りを、空から',
  ),
  venture(
    '株式会社|インバウンド|観光|テック',
    'いんばうんどかんこうてっく',
    '多言語の予約と案内を、ホテルと飲食店でまとめて。',
    ['遊休資産の活用', 'DX'],
    '平日の宴会場に、海外の団体を',
  ),
  venture(
    '株式会社|カーボン|クレジット|ネットワーク',
    'かーぼんくれじっとねっとわーく',
    '中小企業の省エネ実績を、クレジットにして売れるように。',
    ['脱炭素'],
    '省エネが、売れる価値になる',
  ),
];

/** Local firms known by name, each with its own people (the small demo's firms). */
export const NAMED_FIRMS: CatalogOrg[] = [
  {
    kind: 'firm',
    name: '苫小牧港湾物流株式会社',
    kana: 'とまこまいこうわんぶつりゅう',
    summary: '港の荷役と倉庫。繁忙期の人手不足が課題。',
    tags: [],
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
    tags: [],
    people: [{ name: '田中 誠', kana: 'たなか まこと', title: '工場長' }],
  },
  {
    kind: 'firm',
    name: '樽前フーズ株式会社',
    kana: 'たるまえふーず',
    summary: '水産加工（ホッキ貝）。パート採用と生産性向上。',
    tags: [],
    people: [{ name: '伊藤 直子', kana: 'いとう なおこ', title: '代表取締役' }],
  },
  {
    kind: 'firm',
    name: '白鳥湖観光ホテル',
    kana: 'はくちょうこかんこうほてる',
    summary: '温泉ホテル。平日の空き宴会場の活用。',
    tags: [],
    people: [{ name: '渡辺 大輔', kana: 'わたなべ だいすけ', title: '支配人' }],
  },
];

export const PARTNERS: CatalogOrg[] = [
  {
    kind: 'partner',
    name: '苫小牧市 産業振興課',
    kana: 'とまこまいし さんぎょうしんこうか',
    summary: '主催',
    tags: [],
    people: [{ name: '松本 浩二', kana: 'まつもと こうじ', title: '主査' }],
  },
  {
    kind: 'partner',
    name: '苫小牧信用金庫',
    kana: 'とまこまいしんようきんこ',
    summary: '地域金融機関',
    tags: [],
    people: [{ name: '井上 真理', kana: 'いのうえ まり', title: '法人営業' }],
  },
  {
    kind: 'partner',
    name: '苫小牧工業高等専門学校 地域共同テクノセンター',
    kana: 'とまこまいこうぎょうこうとうせんもんがっこう ちいききょうどうてくのせんたー',
    summary: '産学連携の窓口。共同研究と学生インターンシップ。',
    tags: ['人材育成'],
    people: [{ name: '清水 智也', kana: 'しみず ともや', title: '准教授' }],
  },
];

const TOWNS: [string, string][] = [
  ['苫小牧', 'とまこまい'],
  ['白老', 'しらおい'],
  ['厚真', 'あつま'],
  ['安平', 'あびら'],
  ['むかわ', 'むかわ'],
  ['千歳', 'ちとせ'],
  ['登別', 'のぼりべつ'],
  ['室蘭', 'むろらん'],
  ['伊達', 'だて'],
  ['日高', 'ひだか'],
];

/** The region's trades, each with the problem a firm of that trade brings to the day. */
const TRADES: { name: string; kana: string; summary: string; tags: string[] }[] = [
  {
    name: '港湾物流',
    kana: 'こうわんぶつりゅう',
    summary: '港の荷役と倉庫。繁忙期の人手不足が課題。',
    tags: ['雇用確保', '業務効率化・省力化'],
  },
  {
    name: '製紙工業',
    kana: 'せいしこうぎょう',
    summary: '製紙工場。設備点検の省力化と技能継承。',
    tags: ['業務効率化・省力化', '人材育成'],
  },
  {
    name: '水産加工',
    kana: 'すいさんかこう',
    summary: '水産加工。下処理の手作業とパート採用が課題。',
    tags: ['生産性向上', '雇用確保'],
  },
  {
    name: '観光ホテル',
    kana: 'かんこうほてる',
    summary: '温泉ホテル。平日の空き宴会場と客室の活用。',
    tags: ['遊休資産の活用'],
  },
  {
    name: '建設',
    kana: 'けんせつ',
    summary: '土木と建築。現場の書類仕事と若手の定着。',
    tags: ['業務効率化・省力化', '人材育成'],
  },
  {
    name: '運輸',
    kana: 'うんゆ',
    summary: 'トラック輸送。ドライバー不足と配車の効率化。',
    tags: ['雇用確保', '生産性向上'],
  },
  {
    name: '食品',
    kana: 'しょくひん',
    summary: '菓子と総菜の製造。包装の省力化と在庫管理。',
    tags: ['生産性向上', '業務効率化・省力化'],
  },
  {
    name: '精密機械',
    kana: 'せいみつきかい',
    summary: '部品加工。熟練工の技能継承と設備の予兆保全。',
    tags: ['人材育成', '生産性向上'],
  },
  {
    name: '農産',
    kana: 'のうさん',
    summary: 'じゃがいもと米の生産。収穫期の人手と空き倉庫。',
    tags: ['雇用確保', '遊休資産の活用'],
  },
  {
    name: '電設',
    kana: 'でんせつ',
    summary: '電気設備工事。点検業務の効率化と資格者の育成。',
    tags: ['業務効率化・省力化', '人材育成'],
  },
  { name: '印刷', kana: 'いんさつ', summary: '商業印刷。受注減で空いた機械と工場の活用。', tags: ['遊休資産の活用'] },
  {
    name: '自動車整備',
    kana: 'じどうしゃせいび',
    summary: '車検と整備。整備士の採用と予約の効率化。',
    tags: ['雇用確保', '業務効率化・省力化'],
  },
  {
    name: '介護サービス',
    kana: 'かいごさーびす',
    summary: '介護施設。夜勤の負担軽減と職員の定着。',
    tags: ['雇用確保', '業務効率化・省力化'],
  },
  { name: '不動産', kana: 'ふどうさん', summary: '賃貸管理。空き店舗と空き家の活用。', tags: ['遊休資産の活用'] },
  {
    name: '木材',
    kana: 'もくざい',
    summary: '製材。端材の活用と工場の省力化。',
    tags: ['遊休資産の活用', '生産性向上'],
  },
];

/**
 * 150 local firms: every town with every trade, ordered so that neighbours differ in both (firm k
 * is town k mod 10 with trade (k + ⌊k/10⌋) mod 15), so any first n look like a real list.
 */
export const TOWN_FIRMS: CatalogOrg[] = Array.from({ length: TOWNS.length * TRADES.length }, (_, k) => {
  const [town, townKana] = TOWNS[k % TOWNS.length]!;
  const trade = TRADES[(k + Math.floor(k / TOWNS.length)) % TRADES.length]!;
  return {
    kind: 'firm',
    name: `${town}${trade.name}株式会社`,
    kana: `${townKana}${trade.kana}`,
    summary: trade.summary,
    tags: trade.tags,
    people: [],
  };
});

const FAMILY: [string, string][] = [
  ['佐々木', 'ささき'],
  ['山口', 'やまぐち'],
  ['斎藤', 'さいとう'],
  ['木村', 'きむら'],
  ['林', 'はやし'],
  ['山崎', 'やまざき'],
  ['森', 'もり'],
  ['池田', 'いけだ'],
  ['橋本', 'はしもと'],
  ['阿部', 'あべ'],
  ['石川', 'いしかわ'],
  ['山下', 'やました'],
  ['中島', 'なかじま'],
  ['石井', 'いしい'],
  ['小川', 'おがわ'],
  ['前田', 'まえだ'],
  ['岡田', 'おかだ'],
  ['長谷川', 'はせがわ'],
  ['藤田', 'ふじた'],
  ['後藤', 'ごとう'],
  ['近藤', 'こんどう'],
  ['村上', 'むらかみ'],
  ['遠藤', 'えんどう'],
  ['青木', 'あおき'],
  ['坂本', 'さかもと'],
  ['金子', 'かねこ'],
  ['藤井', 'ふじい'],
  ['西村', 'にしむら'],
  ['福田', 'ふくだ'],
  ['太田', 'おおた'],
];

const GIVEN: [string, string][] = [
  ['大樹', 'だいき'],
  ['陽菜', 'ひな'],
  ['拓也', 'たくや'],
  ['美穂', 'みほ'],
  ['悠斗', 'ゆうと'],
  ['彩', 'あや'],
  ['和也', 'かずや'],
  ['恵', 'めぐみ'],
  ['達也', 'たつや'],
  ['千尋', 'ちひろ'],
  ['亮', 'りょう'],
  ['香織', 'かおり'],
  ['剛', 'つよし'],
  ['麻衣', 'まい'],
  ['修', 'おさむ'],
  ['理恵', 'りえ'],
  ['隆', 'たかし'],
  ['沙織', 'さおり'],
  ['健太', 'けんた'],
  ['友美', 'ともみ'],
  ['裕介', 'ゆうすけ'],
  ['奈々', 'なな'],
  ['聡', 'さとし'],
  ['綾香', 'あやか'],
  ['洋平', 'ようへい'],
  ['舞', 'まい'],
  ['秀樹', 'ひでき'],
  ['早紀', 'さき'],
  ['康平', 'こうへい'],
  ['瞳', 'ひとみ'],
];

const FIRM_TITLES = ['代表取締役', '総務部長', '工場長', '営業課長', '経営企画室', '製造部', '専務取締役', '人事担当'];
const VENTURE_TITLES = ['CEO', '代表取締役', '事業開発', 'COO', 'CTO'];

/**
 * The k-th generated person: every family name with every given name before any pair repeats
 * (family k mod 30, given (k + 7·(k mod 30)) mod 30 for the k-th round), none of them a named person.
 */
function generatedPerson(k: number, kind: OrgKind): CatalogPerson {
  const [family, familyKana] = FAMILY[k % FAMILY.length]!;
  const [given, givenKana] = GIVEN[(Math.floor(k / FAMILY.length) + 7 * (k % FAMILY.length)) % GIVEN.length]!;
  const titles = kind === 'venture' ? VENTURE_TITLES : FIRM_TITLES;
  return { name: `${family} ${given}`, kana: `${familyKana} ${givenKana}`, title: titles[k % titles.length]! };
}

/**
 * Gives organizations without named people generated ones (`count` each), numbered across every
 * call of one staffing, so nobody in an event shares a name.
 */
export function staffing(): <T extends CatalogOrg>(org: T, count?: number) => T {
  let next = 0;
  return (org, count = 1) =>
    org.people.length
      ? org
      : { ...org, people: Array.from({ length: count }, () => generatedPerson(next++, org.kind)) };
}

/** A catalog entry by name: the demo picks its organizations by name, so a typo fails loudly. */
export function byName<T extends CatalogOrg>(list: readonly T[], name: string): T {
  const found = list.find((o) => o.name === name);
  if (!found) throw new Error(`No "${name}" in the demo catalog`);
  return found;
}
