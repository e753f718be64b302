/**
 * The Tomakomai-style demo event, drawn from the catalog at one of two sizes: `day`, what a real
 * matching day holds (12 ventures, 60 local firms, 3 partners: what the app seeds on first start),
 * and `small`, the fixed fixture the tests know by name (5 ventures, 4 firms, 2 partners). Either
 * may be followed by a recorded day of activity (./activity.ts).
 */
import type { GridSettings } from '../../shared/model.js';
import type { Store } from '../store/store.js';
import { recordDemoActivity, type ActivityOptions } from './activity.js';
import { byName, NAMED_FIRMS, PARTNERS, staffing, TOWN_FIRMS, VENTURES, type CatalogVenture } from './catalog.js';
import { seedEvent, type EventPlan, type PlannedOrg } from './seed-event.js';

export type DemoSize = 'small' | 'day';

export interface SeedOptions {
  now: number;
  newId: () => string;
  /** Required, so a test says which demo it relies on: `small` is the fixture, `day` the app's. */
  size: DemoSize;
  name?: string;
  /** YYYY-MM-DD; defaults to the day of `now` in Tokyo (the next day after 15:00, without activity). */
  date?: string;
  /** Record a day of check-ins, taps, requests and meetings after seeding (PITCH_DEMO_ACTIVITY). */
  activity?: ActivityOptions;
}

const DEMO_NAME = 'とまこまい イノベーション・マッチングデイ';

const pitched = (v: CatalogVenture, session: number): PlannedOrg => ({
  ...v,
  pitch: { session, title: v.title, minutes: 5 },
});

const grid = (tables: number): GridSettings => ({
  windows: [{ start: '15:00', end: '17:30' }],
  slotMinutes: 20,
  bufferMinutes: 5,
  tables: Array.from({ length: tables }, (_, i) => String(i + 1)),
  capPerOrg: null,
  breaks: [],
});

/** Where and who, the same at both sizes. */
const SETTING = {
  venue: '苫小牧市民会館 大ホール',
  topics: ['DX', '脱炭素'],
  organizer: { name: '事務局 山田', kana: 'じむきょく やまだ' },
};

/** The fixture: four named firms, five ventures in two sessions, two partners. */
function smallPlan(): Omit<EventPlan, 'name' | 'date' | 'seededAs'> {
  const v = (name: string, session: number) => pitched(byName(VENTURES, name), session);
  return {
    ...SETTING,
    sessions: ['第1部 人手不足と技能継承', '第2部 設備と採用'],
    orgs: [
      ...NAMED_FIRMS,
      v('株式会社ミライロボティクス', 0),
      v('株式会社スキルブリッジ', 0),
      v('株式会社スペースシェア北海道', 0),
      v('ハーバーAI株式会社', 1),
      v('株式会社ワークマッチ', 1),
      ...PARTNERS.slice(0, 2),
    ],
    grid: grid(6),
  };
}

/**
 * A day's size: the named firms and 56 of the towns' firms (one person each, every fourth two),
 * twelve ventures in two sessions of six, every partner.
 */
function dayPlan(): Omit<EventPlan, 'name' | 'date' | 'seededAs'> {
  const staff = staffing();
  const named = new Set(NAMED_FIRMS.map((f) => f.name));
  const firms = [...NAMED_FIRMS, ...TOWN_FIRMS.filter((f) => !named.has(f.name)).slice(0, 56)];
  return {
    ...SETTING,
    sessions: ['第1部 生産性と省力化', '第2部 人材・エネルギー・地域資源'],
    orgs: [
      ...firms.map((firm, i) => staff(firm, i % 4 === 3 ? 2 : 1)),
      ...VENTURES.slice(0, 12).map((v, i) => pitched(staff(v), Math.floor(i / 6))),
      ...PARTNERS,
    ],
    grid: grid(10),
  };
}

/** The day of `ms` in Tokyo, as YYYY-MM-DD. */
const tokyoDate = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(ms);

export function seedDemoEvent(store: Store, options: SeedOptions): string {
  const { now } = options;
  // The demo's meetings run 15:00–17:30 in Tokyo: seeded later in the day, it is tomorrow's event,
  // so its slots are still ahead. With activity it is a day already run, recorded 12:30–16:00: today's
  // once that is over, else yesterday's, so no check-in or held meeting is stamped after the clock.
  const hourInTokyo = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', hour12: false }).format(now),
  );
  const DAY = 24 * 3600_000;
  const date =
    options.date ??
    (options.activity ? tokyoDate(hourInTokyo >= 16 ? now : now - DAY) : tokyoDate(hourInTokyo < 15 ? now : now + DAY));
  const plan = options.size === 'small' ? smallPlan() : dayPlan();
  const eventId = seedEvent(
    store,
    { ...plan, name: options.name ?? DEMO_NAME, date, seededAs: { name: options.name ?? null } },
    options,
  );
  if (options.activity) recordDemoActivity(store, eventId, options.activity, options.newId);
  return eventId;
}
