/**
 * Printed schedules at the hall's size (30 ventures, 150 firms, 6 tables, 36 meetings booked): the
 * organizer opens them from the meeting grid page, the sheet says how many A4 pages it holds, and
 * Chromium's PDF of it (page.pdf) has exactly that many pages, read back with pdfjs: one per table,
 * each holding its own table's meetings in time order, and one per organization with meetings, each
 * holding its meetings (time and table) and the venue note — and no other table's or organization's.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { eventLinks, type EventLinks } from '../server/links';
import { slotsOf } from '../server/domain/slots';
import { closeContextsAfterEach, openPage } from './support/contexts';
import { startSeededServer, type SeededServer } from './support/demo-server';
import { expect, test } from './support/fixtures';
import { seedHallEvent } from './support/hall-event';

closeContextsAfterEach();

const EVENT = '面談予定の印刷デイ';
const NOTE = '3F-Room301';

interface Booked {
  id: string;
  venture: string;
  guest: string;
  table: string;
  time: string;
}

let hall: SeededServer<{ links: EventLinks; meetings: Booked[] }>;

/**
 * Books 36 meetings into the hall's grid (6 slots × 6 tables, every place taken): 30 ventures and
 * 30 firms, six of the firms and six of the ventures with two meetings; no organization or table
 * is in two places at once.
 */
test.beforeAll(async () => {
  test.setTimeout(60_000);
  hall = await startSeededServer('pitch-schedules-', (store, secret, publicUrl) => {
    const eventId = seedHallEvent(store, EVENT);
    const event = store.getEvent(eventId)!;
    const grid = store.getGrid(eventId)!;
    const slots = slotsOf(grid, event.date, event.timeZone);
    const orgs = store.organizations(eventId);
    const ventures = orgs.filter((o) => o.kind === 'venture');
    const firms = orgs.filter((o) => o.kind === 'firm');
    const time = new Intl.DateTimeFormat('ja-JP', {
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      timeZone: event.timeZone,
    });
    const meetings: Booked[] = [];
    const book = (venture: (typeof orgs)[number], guest: (typeof orgs)[number], slot: number, table: string) => {
      const id = randomUUID();
      const { start, end } = slots[slot]!;
      store.insertMeeting({
        id,
        eventId,
        requestId: null,
        guestOrg: guest.id,
        ventureOrg: venture.id,
        slotStart: start,
        slotEnd: end,
        table,
        now: Date.now(),
      });
      meetings.push({
        id,
        venture: venture.name,
        guest: guest.name,
        table,
        time: `${time.format(start)}–${time.format(end)}`,
      });
    };
    // Venture i meets firm i at table ⌊i/6⌋+1 in slot i mod 6 (tables 1–5, every slot); firms 0–5
    // meet a second venture (i+6) at table 6 in the slot after their first.
    ventures.forEach((venture, i) => book(venture, firms[i]!, i % 6, String(Math.floor(i / 6) + 1)));
    for (let i = 0; i < 6; i++) book(ventures[i + 6]!, firms[i]!, (i + 1) % 6, '6');
    return { links: eventLinks(store, secret, eventId, publicUrl), meetings };
  });
});

test.afterAll(async () => {
  await hall?.stop();
});

/**
 * Text as compared: no spaces, NFKC (the PDF's text gives some kanji as Kangxi radicals, ⾯ for 面),
 * and any dash as a hyphen (Chromium's PDF writes the en dash of 15:00–15:20 as a figure dash).
 */
const flat = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-');

/** Each page's text, as pdfjs reads it from the PDF Chromium printed. */
async function pdfPages(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf) }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(flat(content.items.map((item) => ('str' in item ? item.str : '')).join('')));
  }
  await doc.destroy();
  return pages;
}

/** Opens a batch from the grid page's card, checks the count it says, and prints it to PDF. */
async function printBatch(grid: Page, link: string, pages: number): Promise<{ sheet: Page; pages: string[] }> {
  const card = grid.getByRole('region', { name: '印刷用の面談予定' });
  const [sheet] = await Promise.all([grid.waitForEvent('popup'), card.getByRole('link', { name: link }).click()]);
  await expect(sheet.locator('[data-page-count]')).toHaveText(String(pages));
  await expect(sheet.locator('section.page')).toHaveCount(pages);
  const pdf = await sheet.pdf({ preferCSSPageSize: true, printBackground: true });
  return { sheet, pages: await pdfPages(pdf) };
}

test('one A4 page per table and per organization, each with its own meetings', async ({ browser }) => {
  test.setTimeout(120_000);
  const organizer = hall.seeded.links.people.find((p) => p.role === 'organizer')!;
  const grid = await openPage(browser, organizer.url);
  await grid.goto(`${hall.baseUrl}/organizer/meetings`);
  const card = grid.getByRole('region', { name: '印刷用の面談予定' });
  await card.getByLabel('会場の案内（階・部屋）').fill(NOTE);

  // Table cards: the six tables of the grid, each page its own table's meetings in time order.
  const tables = await printBatch(grid, 'すべてのテーブルの卓上札', 6);
  expect(tables.pages).toHaveLength(6);
  const { meetings } = hall.seeded;
  const names = await tables.sheet.locator('section.page').evaluateAll((pages) =>
    pages.map((page) => ({
      key: (page as HTMLElement).dataset.key!,
      meetings: [...page.querySelectorAll('tr[data-meeting]')].map((row) => (row as HTMLElement).dataset.meeting!),
    })),
  );
  expect(names.map((p) => p.key)).toEqual(['1', '2', '3', '4', '5', '6']);
  for (const [index, page] of names.entries()) {
    const mine = meetings.filter((m) => m.table === page.key).sort((a, b) => a.time.localeCompare(b.time));
    expect(page.meetings).toEqual(mine.map((m) => m.id));
    const text = tables.pages[index]!;
    expect(text).toContain(`テーブル/Table${page.key}`);
    // Each meeting's time on this page, in time order, and no other table's times beyond them.
    const at = mine.map((m) => text.indexOf(flat(m.time)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(mine.length).toBe(6);
  }

  // Organizations: the 60 with meetings (30 ventures, 30 firms), each page its own meetings.
  const orgs = await printBatch(grid, 'すべての企業の予定表', 60);
  expect(orgs.pages).toHaveLength(60);
  const orgPages = await orgs.sheet
    .locator('section.page')
    .evaluateAll((pages) =>
      pages.map((page) =>
        [...page.querySelectorAll('tr[data-meeting]')].map((row) => (row as HTMLElement).dataset.meeting!),
      ),
    );
  for (const [index, ids] of orgPages.entries()) {
    const mine = meetings.filter((m) => ids.includes(m.id));
    expect(mine.length).toBeGreaterThan(0);
    const text = orgs.pages[index]!;
    expect(text).toContain(NOTE);
    for (const m of mine) expect(text).toContain(`${flat(m.time)}${m.table}`);
    // Another organization's meeting at a time this one is free is not on its page.
    const busy = new Set(mine.map((m) => m.time));
    const other = meetings.find((m) => !busy.has(m.time))!;
    expect(text).not.toContain(`${flat(other.time)}${other.table}`);
  }

  // One table, chosen on the card: one page, that table's.
  await card.getByLabel('テーブルを選んで印刷').selectOption('3');
  const one = await printBatch(grid, '開く', 1);
  expect(one.pages).toHaveLength(1);
  expect(one.pages[0]).toContain('テーブル/Table3');
  for (const m of meetings.filter((x) => x.table === '3')) expect(one.pages[0]).toContain(flat(m.time));

  // People: one page per person of an organization with meetings, as many in the PDF as the sheet says.
  const perPerson = await card.getByRole('link', { name: 'すべての参加者の予定表' }).getAttribute('href');
  const people = await openPage(browser, organizer.url);
  await people.goto(`${hall.baseUrl}${perPerson}`);
  const count = Number(await people.locator('[data-page-count]').textContent());
  expect(count).toBeGreaterThanOrEqual(60);
  await expect(people.locator('section.page')).toHaveCount(count);
  expect(await pdfPages(await people.pdf({ preferCSSPageSize: true, printBackground: true }))).toHaveLength(count);
});
