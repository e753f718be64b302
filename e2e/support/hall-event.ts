/**
 * An event at a real hall's size for the board's spec: the demo catalog's 30 ventures (names from 9
 * to 27 characters, each written as its words, so a test can tell a phrase break from a break
 * inside a word), 30 pitches in three sessions, its 150 local firms of one person each, a meeting
 * grid. Written by the demo's own seeder, into a database of its own, before the built server
 * starts on it. Each firm states its trade's problems as its challenges (課題).
 */
import { randomUUID } from 'node:crypto';
import { readChallenges } from '../../shared/challenges';
import { eventLinks, type EventLinks } from '../../server/links';
import { staffing, TOWN_FIRMS, VENTURES, type CatalogVenture } from '../../server/seed/catalog';
import { seedEvent } from '../../server/seed/seed-event';
import { markNoticeRead } from '../../server/store/privacy';
import type { Store } from '../../server/store/store';
import { tomorrowInTokyo } from '../../server/testing/seeding';
import { startSeededServer } from './demo-server';
import type { Running } from '../../server/testing/process';

export type HallVenture = CatalogVenture;

/** In program order. */
export const HALL_VENTURES: readonly HallVenture[] = VENTURES;

export const ventureName = (venture: HallVenture) => venture.words.join('');

/** 150 local firms: ten towns of the region times fifteen trades. */
export const HALL_FIRMS: string[] = TOWN_FIRMS.map((firm) => firm.name);

/** A hall firm's challenges: its trade's problems (the plan's categories, by their Japanese names). */
export const hallFirmChallenges = (firm: string) => readChallenges(byFirm.get(firm)?.tags.join('、') ?? '', []);
const byFirm = new Map(TOWN_FIRMS.map((firm) => [firm.name, firm]));

/** Seeds the hall event into `store`; returns its id. */
export function seedHallEvent(store: Store, name: string): string {
  const staff = staffing();
  const eventId = seedEvent(
    store,
    {
      name,
      venue: '苫小牧市民会館 大ホール',
      date: tomorrowInTokyo(),
      topics: ['DX', '脱炭素'],
      organizer: { name: '事務局 山田', kana: 'じむきょく やまだ' },
      sessions: ['第1部 物流と製造', '第2部 人材と働き方', '第3部 エネルギーと地域'],
      orgs: [
        ...HALL_VENTURES.map((venture, i) => ({
          ...staff(venture),
          pitch: { session: Math.floor(i / 10), title: venture.title, minutes: 5 },
        })),
        ...TOWN_FIRMS.map((firm) => staff(firm)),
      ],
      grid: {
        windows: [{ start: '15:00', end: '17:30' }],
        slotMinutes: 20,
        bufferMinutes: 5,
        tables: ['1', '2', '3', '4', '5', '6'],
        capPerOrg: null,
        breaks: [],
      },
      seededAs: { name },
    },
    { now: Date.now(), newId: randomUUID },
  );
  for (const org of store.organizations(eventId)) {
    if (byFirm.has(org.name)) store.records.organizations.setChallenges(org.id, hallFirmChallenges(org.name));
  }
  return eventId;
}

export interface HallServer {
  baseUrl: string;
  links: EventLinks;
  server: Running;
  stop(): Promise<void>;
}

/** The built server on a fresh database holding only the hall event. */
export async function startHallServer(name: string, options: { publicHost?: string } = {}): Promise<HallServer> {
  const started = await startSeededServer(
    'pitch-hall-',
    (store, secret, publicUrl) => {
      const eventId = seedHallEvent(store, name);
      // Its people have read the privacy notice: the specs' phones open on what they test.
      markNoticeRead(store, eventId);
      return eventLinks(store, secret, eventId, publicUrl);
    },
    options,
  );
  return { baseUrl: started.baseUrl, links: started.seeded, server: started.server, stop: () => started.stop() };
}
