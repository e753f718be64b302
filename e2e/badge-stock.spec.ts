/**
 * Badge stock at the hall's size (30 ventures, 150 firms): the organizer chooses a stock, a start
 * position and which badges on the People page, which says how many badges on how many sheets; the
 * sheet it opens is printed to PDF by Chromium (page.pdf, the stock's own @page size) and read back
 * with pdfjs: the number of pages, and whose badges are on each page, are what the page said — for
 * every preset, from position 7 of a part-used 10-up sheet (4 badges on the first page), for one
 * kind, for chosen people, and for the badges not printed since 「印刷しました」 (a reissued one).
 */
import type { Locator, Page } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { closeContextsAfterEach, openPage } from './support/contexts';
import { expect, test } from './support/fixtures';
import { startHallServer, type HallServer } from './support/hall-event';

closeContextsAfterEach();

const EVENT = '名札印刷デイ';
let hall: HallServer;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  hall = await startHallServer(EVENT);
});

test.afterAll(async () => {
  await hall?.stop();
});

const flat = (text: string) => text.replace(/\s+/g, '');

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

/**
 * Opens the sheet the card links to, checks its own count and that it holds `names` in order, and
 * prints it to PDF. Badges are found in the PDF by their reading (kana): the PDF's text gives some
 * kanji as their CJK radical look-alikes (⻘ for 青), kana come through as typed.
 */
async function printSheet(
  desk: Page,
  card: Locator,
  names: string[],
  sheets: number,
): Promise<{ sheet: Page; pages: string[]; readings: string[] }> {
  const [sheet] = await Promise.all([
    desk.waitForEvent('popup'),
    card.getByRole('link', { name: '名札シートを開く' }).click(),
  ]);
  await expect(sheet.locator('.toolbar .count')).toContainText(`${names.length} 枚・${sheets} ページ`);
  await expect(sheet.locator('article.badge')).toHaveCount(names.length);
  expect(await sheet.locator('article.badge .name').allTextContents()).toEqual(names);
  const readings = (await sheet.locator('article.badge .kana').allTextContents()).map(flat);
  for (const reading of readings) expect(reading).not.toBe('');
  const pdf = await sheet.pdf({ preferCSSPageSize: true, printBackground: true });
  return { sheet, pages: await pdfPages(pdf), readings };
}

/**
 * The pages hold the badges of `readings` in order: the first page from position `start` (so
 * `perPage − start + 1` badges), each later one `perPage`. A page's badges are counted by their
 * event line, and each one expected there is found by its reading.
 */
function expectOnPages(pages: string[], readings: string[], perPage: number, start = 1): void {
  const chunks: string[][] = [];
  let rest = [...readings];
  let room = perPage - (start - 1);
  while (rest.length > 0) {
    chunks.push(rest.slice(0, room));
    rest = rest.slice(room);
    room = perPage;
  }
  expect(pages).toHaveLength(chunks.length);
  pages.forEach((text, i) => {
    const chunk = chunks[i]!;
    expect(badgesOn(text), `badges on page ${i + 1}`).toBe(chunk.length);
    for (const reading of chunk) expect(text, `page ${i + 1}`).toContain(reading);
  });
}

const badgesOn = (page: string) => page.split(flat(EVENT)).length - 1;

async function peoplePage(desk: Page): Promise<Locator> {
  await desk.getByRole('navigation').getByRole('link', { name: '参加者' }).click();
  return desk.getByRole('region', { name: '名札の印刷' });
}

test('each stock prints on each page the badges the People page counted', async ({ browser }) => {
  test.setTimeout(300_000);
  const organizer = hall.links.people.find((p) => p.role === 'organizer')!;
  const guests = hall.links.people.filter((p) => p.role !== 'organizer');
  const ventures = guests.filter((p) => p.role === 'venture').map((p) => p.name);
  const firms = guests.filter((p) => p.role === 'firm').map((p) => p.name);
  expect(firms).toHaveLength(150);
  const desk = await openPage(browser, organizer.url, { viewport: { width: 1280, height: 900 } });
  const card = await peoplePage(desk);
  const summary = card.getByRole('status');
  const stock = card.getByRole('combobox', { name: /^用紙/ });
  const which = card.getByRole('combobox', { name: /^印刷する名札/ });
  const start = card.getByRole('spinbutton');

  // 10 a page on 91×55 stock: everyone, from position 1.
  const all = guests.map((p) => p.name);
  const allSheets = Math.ceil(all.length / 10);
  await expect(summary).toHaveText(`${all.length}枚・${allSheets}ページ`);
  const everyone = await printSheet(desk, card, all, allSheets);
  expectOnPages(everyone.pages, everyone.readings, 10);
  expect(badgesOn(everyone.pages.at(-1)!)).toBe(all.length % 10 || 10);

  // 「印刷しました」 on that sheet: nobody is left to print as new.
  await everyone.sheet.getByRole('button', { name: '印刷しました' }).click();
  await expect(everyone.sheet.getByText(`${all.length} 枚を印刷済みにしました`)).toBeVisible();
  await expect(which.locator('option[value="new"]')).toHaveText('まだ印刷していない名札（0人）', { timeout: 15_000 });
  await everyone.sheet.close();

  // A part-used 10-up sheet from position 7: the ventures, 4 on the first page, 10 on the next ones.
  await which.selectOption('venture');
  await start.fill('7');
  const ventureSheets = 1 + Math.ceil((ventures.length - 4) / 10);
  await expect(summary).toHaveText(`${ventures.length}枚・${ventureSheets}ページ`);
  const fromSeven = await printSheet(desk, card, ventures, ventureSheets);
  expect(badgesOn(fromSeven.pages[0]!)).toBe(4);
  expectOnPages(fromSeven.pages, fromSeven.readings, 10, 7);
  await fromSeven.sheet.close();

  // 8 a page on A4 labels: the 150 firms take 19 sheets, the last one 6.
  await stock.selectOption('label-8');
  await start.fill('1');
  await which.selectOption('firm');
  await expect(summary).toHaveText('150枚・19ページ');
  const labels = await printSheet(desk, card, firms, 19);
  expectOnPages(labels.pages, labels.readings, 8);
  expect(badgesOn(labels.pages[18]!)).toBe(6);
  await labels.sheet.close();

  // Name-holder inserts for three chosen people, with cut lines: one sheet of three.
  await stock.selectOption('holder-90x60');
  await which.selectOption('selected');
  const chosen = [firms[3]!, ventures[0]!, firms[120]!];
  const choose = card.getByRole('group', { name: '印刷する人を選ぶ' });
  for (const name of chosen) await choose.getByRole('checkbox', { name: new RegExp(name) }).check();
  await expect(summary).toHaveText('3枚・1ページ');
  await expect(card.getByRole('checkbox', { name: '切り取り線を印刷する' })).toBeChecked();
  // In the sheet's order (everyone's), not the order they were chosen in.
  const holders = await printSheet(
    desk,
    card,
    all.filter((name) => chosen.includes(name)),
    1,
  );
  await expect(holders.sheet.locator('main.sheets.cut')).toHaveCount(1);
  expectOnPages(holders.pages, holders.readings, 8);
  await holders.sheet.close();

  // A reissued badge is new again: plain A4 prints just that one.
  const lost = firms[42]!;
  const list = desk.getByRole('region', { name: /^登録済み/ });
  await list.getByRole('searchbox').fill(lost);
  await list.getByRole('button', { name: `${lost} の名札を再発行` }).click();
  await list
    .getByRole('group', { name: `${lost} の名札を再発行` })
    .getByRole('button', { name: '再発行する' })
    .click();
  await expect(list.getByRole('status')).toContainText(`${lost} さんの名札を再発行しました`);
  await stock.selectOption('plain-a4');
  await which.selectOption('new');
  await expect(summary).toHaveText('1枚・1ページ', { timeout: 15_000 });
  const reissued = await printSheet(desk, card, [lost], 1);
  expectOnPages(reissued.pages, reissued.readings, 10);
});
