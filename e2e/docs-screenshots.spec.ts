/**
 * The day-of guide's screenshots (docs/images/), taken from the real app and server so they show
 * what people will see. Only with PITCH_DOCS_SCREENSHOTS=1, since they rewrite committed files:
 *
 *   npm run build && PITCH_DOCS_SCREENSHOTS=1 npx playwright test e2e/docs-screenshots.spec.ts
 */
import path from 'node:path';
import { devices, type Page } from '@playwright/test';
import { demoEvent } from './support/state';
import { closeContextsAfterEach, openPage } from './support/contexts';
import { expect, test } from './support/fixtures';

test.skip(!process.env.PITCH_DOCS_SCREENSHOTS, 'PITCH_DOCS_SCREENSHOTS=1 remakes the day-of guide’s screenshots');
closeContextsAfterEach();

const IMAGES = path.resolve(import.meta.dirname, '../docs/images');
// 390×844, touch, mobile; drawn at 2× rather than 3× to keep the committed files small.
const phone = { ...devices['iPhone 13'], deviceScaleFactor: 2, defaultBrowserType: undefined };
const laptop = { viewport: { width: 1280, height: 800 } };
const EVENT_NAME = '苫小牧ビジネスマッチング 2026';

const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: path.join(IMAGES, name), fullPage, animations: 'disabled' });

/**
 * The door's answer stays 1.5 s. A screenshot taken while it is still up afterwards shows it: it
 * only ever goes away, so seen before and after means seen in the picture.
 */
async function shotOfDoorAnswer(station: Page, checkIn: () => Promise<void>, text: string, name: string) {
  const answer = station.getByRole('alert').filter({ hasText: text });
  for (let attempt = 0; attempt < 3; attempt++) {
    await checkIn();
    await expect(answer).toBeVisible();
    await shot(station, name);
    if (await answer.isVisible()) return;
    await expect(answer).toBeHidden();
  }
  throw new Error(`The door's answer "${text}" went away before its screenshot, three times`);
}

test('the day-of guide’s screenshots: a door station, a firm’s phone in a pitch, the board, the settings', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const event = demoEvent('docs');
  const firms = event.people.filter((p) => p.role === 'firm');
  const ventureName = event.person('venture').org!;

  // The guide shows an event by its name, not the suite's short one: renamed as an organizer would.
  const organizer = await openPage(browser, event.person('organizer').url, laptop);
  await organizer.getByRole('link', { name: '設定', exact: true }).click();
  await organizer.getByLabel('イベント名').fill(EVENT_NAME);
  await organizer.getByRole('button', { name: '保存', exact: true }).click();
  await expect(organizer.getByText('保存しました')).toBeVisible();
  await organizer.getByRole('link', { name: 'プログラム', exact: true }).click();

  // The door, checking people in by name (the camera needs a fake device; see checkin.spec.ts).
  const stationContext = await browser.newContext(laptop);
  await stationContext.addInitScript(() => localStorage.setItem('pm_station', 'A'));
  const station = await stationContext.newPage();
  await station.goto(event.person('organizer').url);
  await station.getByRole('link', { name: '受付', exact: true }).click();
  await expect(station.getByRole('heading', { name: '受付ステーション' })).toBeVisible();
  const search = station.getByRole('searchbox', { name: '名前・ふりがな・会社名で検索' });
  let next = 0;
  const checkInNext = async () => {
    const guest = firms[next++]!;
    await search.fill(guest.name);
    await station.getByRole('button', { name: `${guest.name} を受付` }).click();
  };
  await shotOfDoorAnswer(station, checkInNext, '受付しました', 'door-checked-in.png');
  await stationContext.setOffline(true);
  await expect(station.getByText('オフラインです')).toBeVisible();
  await shotOfDoorAnswer(station, checkInNext, 'オフライン: 保存しました', 'door-offline.png');
  await stationContext.setOffline(false);
  await expect(station.getByText(/送信待ち/)).toHaveCount(0, { timeout: 15_000 });
  while (next < Math.min(firms.length, 6)) await checkInNext();

  // A pitch on: the firms' phones, and the board on the projector.
  const board = await openPage(browser, event.board, { viewport: { width: 1920, height: 1080 } });
  const phones = await Promise.all(firms.slice(0, 3).map((firm) => openPage(browser, firm.url, phone)));
  await organizer.getByRole('button', { name: `${ventureName} のピッチを開始` }).click();
  for (const [i, firmPhone] of phones.entries()) {
    const nowCard = firmPhone.getByRole('region', { name: '発表中' });
    await expect(nowCard.getByRole('heading', { name: ventureName })).toBeVisible();
    await nowCard.getByRole('button', { name: i === 1 ? '会いたい' : '興味あり', exact: true }).tap();
    await expect(firmPhone.getByRole('status').filter({ hasText: /伝えました/ })).toBeVisible();
  }
  await expect(board.getByRole('heading', { name: ventureName })).toBeVisible();
  await expect(board.getByRole('listitem', { name: ventureName }).getByText('会いたい 1')).toBeVisible();
  // The phone that said 会いたい: the sticky bar offers the meeting request at once.
  await expect(phones[1]!.getByRole('button', { name: `${ventureName} に面談を申し込む` })).toBeVisible();
  await shot(phones[1]!, 'phone-pitch.png');
  await shot(board, 'board.png');

  // The console's settings: the board link, organizers, the connection check's QR code.
  await organizer.getByRole('link', { name: '設定', exact: true }).click();
  await expect(organizer.getByRole('heading', { name: 'イベント設定' })).toBeVisible();
  await shot(organizer, 'console-settings.png', true);

  // The connection check, where this build has it (it opens with no sign-in).
  const check = await openPage(browser, `${event.baseUrl}/check`, phone);
  const hasCheck = await check
    .getByRole('heading', { name: '接続チェック' })
    .waitFor({ timeout: 5_000 })
    .then(
      () => true,
      () => false,
    );
  if (hasCheck) {
    await expect(check.getByText('確認中')).toHaveCount(0, { timeout: 15_000 });
    await shot(check, 'check-page.png', true);
  }
});
