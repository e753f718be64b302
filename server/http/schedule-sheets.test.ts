/**
 * Printed schedules never drop a row: a list longer than a page goes on over as many pages as it
 * needs (each page clips what does not fit, so the split is made here), the next ones headed
 * 「続き / continued」, and the toolbar counts every page.
 */
import { describe, expect, it } from 'vitest';
import type { MeetingInfo } from '../../shared/model.js';
import { scheduleSheet, schedulePages, splitRows, type ScheduleInput, type ScheduleOrg } from './schedule-sheets.js';

const QUARTER = 15 * 60_000;
/** 10:00 in Tokyo on the day. */
const TEN = Date.UTC(2026, 11, 4, 1, 0);

const ventures: ScheduleOrg[] = Array.from({ length: 28 }, (_, i) => ({
  id: `v${i}`,
  kind: 'venture',
  name: `ベンチャー株式会社${i}`,
  people: [`起業 太郎${i}`, `技術 花子${i}`],
}));
const firm: ScheduleOrg = { id: 'f', kind: 'firm', name: '地元製造株式会社', people: ['購買 次郎', '企画 三郎'] };

/** 10:00–17:00 in 15-minute slots at table A: 28 meetings, firm f with a different venture each time. */
const meetings: MeetingInfo[] = ventures.map((v, i) => ({
  id: `m${String(i).padStart(2, '0')}`,
  requestId: null,
  guestOrgId: firm.id,
  guestOrgName: firm.name,
  ventureOrgId: v.id,
  ventureOrgName: v.name,
  slotStart: TEN + i * QUARTER,
  slotEnd: TEN + (i + 1) * QUARTER,
  table: 'A',
  status: 'scheduled',
  nextStep: '',
  outcome: 'none',
  pocStartedOn: null,
  contractOn: null,
  outcomeNote: '',
}));

const input = (by: ScheduleInput['by'], only?: string): ScheduleInput => ({
  by,
  event: { name: '面談デイ', venue: '市民ホール', date: '2026-12-04', timeZone: 'Asia/Tokyo' },
  tables: ['A', 'B'],
  orgs: [firm, ...ventures],
  people: [{ id: 'p1', name: '購買 次郎', orgId: firm.id }],
  meetings,
  only,
  note: '3F Room 301',
  generatedAt: '2026-12-01 09:00',
});

/** The meeting ids on each page, in order. */
const rowsOf = (html: string) => [...html.matchAll(/data-meeting="([^"]+)"/g)].map((m) => m[1]);

describe('printed schedules', () => {
  it('puts a table’s 28 meetings of a 10:00–17:00 day on 2 pages, every row once, in time order', () => {
    const pages = schedulePages(input('table', 'A'));
    expect(pages).toHaveLength(2);
    expect(pages.map((p) => p.key)).toEqual(['A', 'A']);
    expect(pages.flatMap((p) => rowsOf(p.html))).toEqual(meetings.map((m) => m.id));
    expect(pages[0]!.html).not.toContain('続き / continued');
    expect(pages[1]!.html).toContain('続き / continued');
    expect(pages[1]!.html).toContain('テーブル / Table</span> A');
    expect(pages[1]!.html).toContain('17:00');
    // The toolbar counts the pages printed: table A's two and table B's one.
    const sheet = scheduleSheet(input('table'));
    expect(sheet).toMatch(/data-page-count>3</);
    expect(sheet.match(/<section class="page"/g)).toHaveLength(3);
    expect(rowsOf(sheet)).toHaveLength(28);
  });

  it('splits an organization’s and a person’s schedule the same way, and keeps a short one on one page', () => {
    for (const [by, only] of [
      ['org', 'f'],
      ['person', 'p1'],
    ] as const) {
      const pages = schedulePages(input(by, only));
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(pages.flatMap((p) => rowsOf(p.html))).toEqual(meetings.map((m) => m.id));
      expect(pages.slice(1).every((p) => p.html.includes('続き / continued'))).toBe(true);
    }
    const one = schedulePages(input('org', 'v3'));
    expect(one).toHaveLength(1);
    expect(rowsOf(one[0]!.html)).toEqual(['m03']);
  });

  it('splits by height: taller rows take more pages, and a row taller than a page still gets one', () => {
    expect(splitRows([1, 2, 3, 4, 5], [10, 10, 10, 10, 10], 25, 30)).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    expect(splitRows([1, 2], [50, 5], 20, 20)).toEqual([[1], [2]]);
    expect(splitRows([], [], 20, 20)).toEqual([[]]);
  });
});
