/**
 * The door when the venue's network fails (issue 15 items 2, 3, 5, 7). A station loads /checkin
 * online, loses the network, reloads, and still judges every badge at once from its own copy: fifty
 * badges typed by a barcode scanner (fast keystrokes and Enter, the camera never used), among them a
 * reissued badge, a person already in, a badge scanned twice before anything was sent, and a person
 * another station let in meanwhile. Back online, the backlog drains, the counts hold each person
 * once, the station lists what the server corrected and the organizers' console lists the double.
 * A firm's phone that reloads offline still shows its last view. (The camera path: checkin.spec.ts.)
 *
 * On a server of its own with the hall event (150 firms of one person each, so people and companies
 * counted move together), and its own two organizer sessions, one per station.
 */
import { devices, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { badgeCheck } from '../shared/badge-check';
import { tokenFromScan } from '../shared/badge-scan';
import type { DoorDouble } from '../shared/model';
import { closeContextsAfterEach } from './support/contexts';
import { expect, test } from './support/fixtures';
import { startHallServer, type HallServer } from './support/hall-event';

closeContextsAfterEach();

const phone = { ...devices['iPhone 13'], defaultBrowserType: undefined };

let hall: HallServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  hall = await startHallServer('受付オフライン訓練');
});

test.afterAll(async () => {
  await hall?.stop();
});

const person = (role: string, index: number) => hall.links.people.filter((p) => p.role === role)[index]!;

const sessions = new WeakMap<Page, CDPSession>();
/** A scanner's pace: a key every few milliseconds. */
const SCANNER_KEY_MS = 4;

/**
 * A barcode scanner's burst: the badge's URL as keystrokes, then Enter, wherever focus is. Chromium's
 * own key events (trusted, typing into a focused field like any keyboard), each stamped with when
 * the scanner sent it, as the system stamps a real device's keys: the station reads those stamps,
 * so a page busy when they arrive still sees a burst. page.keyboard.type cannot stamp its keys: on
 * this busy two-core machine 11 of its 1,380 gaps (delay 3 ms) were stamped over 50 ms apart, and
 * a badge in two read as a person typing.
 */
async function typeScan(page: Page, text: string): Promise<void> {
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    sessions.set(page, cdp);
  }
  const start = Date.now() / 1000;
  const at = (i: number) => start + (i * SCANNER_KEY_MS) / 1000;
  const keys = [...text].flatMap((key, i) => [
    { type: 'keyDown' as const, key, text: key, unmodifiedText: key, timestamp: at(i) },
    { type: 'keyUp' as const, key, timestamp: at(i + 0.5) },
  ]);
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 };
  const end = keys.length / 2;
  keys.push(
    { type: 'keyDown', ...enter, text: '\r', unmodifiedText: '\r', timestamp: at(end) },
    { type: 'keyUp', ...enter, timestamp: at(end + 0.5) },
  );
  await Promise.all(keys.map((event) => cdp.send('Input.dispatchKeyEvent', event)));
}

/** The full-screen answer with its title and these lines. */
function answer(page: Page, title: string, ...lines: string[]) {
  let found = page.getByRole('alert').filter({ hasText: title });
  for (const line of lines) found = found.filter({ hasText: line });
  return found;
}

/** Waits until the service worker controls the page: the app itself then opens with no network. */
async function untilInstalled(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 })
    .toBe(true);
}

/** An organizer's station: signed in by the organizer's badge link, on the check-in page, named. */
async function openStation(context: BrowserContext, station: string): Promise<Page> {
  await context.addInitScript((name) => localStorage.setItem('pm_station', name), station);
  const page = await context.newPage();
  await page.goto(person('organizer', 0).url);
  await page.getByRole('link', { name: '受付', exact: true }).click();
  await expect(page.getByRole('heading', { name: '受付ステーション' })).toBeVisible();
  return page;
}

test('a station offline judges fifty typed badges from its own copy, then reconciles: counts exact, the double listed', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const firms = hall.links.people.filter((p) => p.role === 'firm');
  const [early, meanwhile, lost, twiceFirst] = [firms[0]!, firms[1]!, firms[2]!, firms[3]!];
  const fresh = firms.slice(3, 48); // 45 people, `twiceFirst` among them
  expect(fresh).toHaveLength(45);
  const humanQuery = 'sato';

  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const stationA = await openStation(contextA, 'A');
  const stationB = await openStation(contextB, 'B');
  const countsA = stationA.locator('.checkin__counts');
  await expect(countsA).toHaveText(/来場 \d+人 · 参加企業 \d+社/);
  const [people0, companies0] = (await countsA.textContent())!.match(/\d+/g)!.map(Number);

  // Online, a scanner that types checks one person in: answered at once, confirmed by the server.
  await typeScan(stationA, early.url);
  await expect(answer(stationA, '受付しました', early.name)).toBeVisible();
  await expect(countsA).toHaveText(`来場 ${people0! + 1}人 · 参加企業 ${companies0! + 1}社`);

  // A badge reported lost is reissued (at station B's console) while A is still online.
  await stationB.getByRole('link', { name: '参加者', exact: true }).click();
  await stationB.getByRole('button', { name: `${lost.name} の名札を再発行` }).click();
  await stationB
    .getByRole('group', { name: `${lost.name} の名札を再発行` })
    .getByRole('button', { name: '再発行する' })
    .click();
  await expect(stationB.getByRole('status').filter({ hasText: '再発行しました' })).toBeVisible();
  await stationB.getByRole('link', { name: '受付', exact: true }).click();
  // Station A's copy on the device now knows the old badge as revoked (a check, never the token).
  const lostCheck = badgeCheck(tokenFromScan(lost.url)!);
  await expect
    .poll(() => stationA.evaluate(() => localStorage.getItem('pm_last_view') ?? ''), { timeout: 15_000 })
    .toContain(lostCheck);

  // The network goes; station A reloads and still works from its copy.
  await untilInstalled(stationA);
  await contextA.setOffline(true);
  await expect(stationA.getByText('オフラインです')).toBeVisible();
  await stationA.reload();
  await expect(stationA.getByRole('heading', { name: '受付ステーション' })).toBeVisible();
  await expect(
    stationA.getByRole('status').filter({ hasText: /オフライン表示（最終更新 (\d+\/\d+ )?\d\d:\d\d）/ }),
  ).toBeVisible();
  await expect(stationA.getByRole('status').filter({ hasText: /送信待ち 0件・最終同期 \d\d:\d\d/ })).toBeVisible();

  // Meanwhile, station B (online) lets someone in.
  await typeScan(stationB, meanwhile.url);
  await expect(answer(stationB, '受付しました', meanwhile.name)).toBeVisible();

  // Fifty badges at station A, offline, each answered on the spot.
  let scans = 0;
  const scan = async (text: string) => {
    await typeScan(stationA, text);
    scans += 1;
  };
  await scan(early.url);
  await expect(answer(stationA, '受付済みです', early.name)).toBeVisible();
  await expect(answer(stationA, '受付済みです', early.name)).toContainText(new RegExp(`\\d\\d:\\d\\d に A で受付済み`));
  await scan(lost.url);
  await expect(answer(stationA, '再発行済みの古いバッジです', `${lost.name} さんの再発行前のバッジです`)).toBeVisible();
  for (const [i, guest] of fresh.entries()) {
    if (i === 20) {
      // A person starts a search by hand; a badge scanned now lands in the search box, and is taken out.
      const search = stationA.getByRole('searchbox', { name: '名前・ふりがな・会社名で検索' });
      await search.click();
      await stationA.keyboard.type(humanQuery, { delay: 120 });
      await scan(guest.url);
      await expect(answer(stationA, '受付しました', guest.name)).toBeVisible();
      await expect(search).toHaveValue(humanQuery);
      await stationA.getByRole('heading', { name: '受付ステーション' }).click();
      continue;
    }
    await scan(guest.url);
    await expect(answer(stationA, '受付しました', guest.name, guest.org!)).toBeVisible();
    await expect(answer(stationA, '受付しました', guest.name)).toContainText('オフラインで判定しました');
    if (i === 10) {
      // Shown again before anything was sent: already in, here.
      await scan(twiceFirst.url);
      await expect(answer(stationA, '受付済みです', twiceFirst.name)).toContainText(
        /\d\d:\d\d にこの端末（A）で受付済み・送信待ち/,
      );
    }
  }
  // The station's copy does not know what B did: it lets the person in, and says it decided offline.
  await scan(meanwhile.url);
  await expect(answer(stationA, '受付しました', meanwhile.name, 'オフラインで判定しました')).toBeVisible();
  // A code that is no badge of this event (a board link).
  await scan(hall.links.board);
  await expect(
    answer(stationA, '使えないバッジです', 'このQRコードは、このイベントの名札ではありません'),
  ).toBeVisible();
  expect(scans).toBe(50);

  // Every scan waits to be sent, with the time the station last synced; a reload loses none.
  const backlog = stationA.getByRole('status').filter({ hasText: /送信待ち 50件・最終同期 \d\d:\d\d/ });
  await expect(backlog).toBeVisible();
  await stationA.reload();
  await expect(backlog).toBeVisible();
  await typeScan(stationA, twiceFirst.url);
  await expect(answer(stationA, '受付済みです', twiceFirst.name)).toContainText('この端末（A）で受付済み・送信待ち');
  await expect(stationA.getByRole('status').filter({ hasText: '送信待ち 51件' })).toBeVisible();

  // Signing out now would lose them: it asks first and says how many.
  await stationA.getByRole('button', { name: 'ログアウト', exact: true }).click();
  const confirm = stationA.getByRole('alertdialog', { name: 'ログアウト' });
  await expect(confirm).toContainText('送信待ちの受付が 51件あります');
  await confirm.getByRole('button', { name: 'やめる' }).click();
  await expect(confirm).toHaveCount(0);

  // Back online: the backlog drains by itself, and each person counts once.
  await contextA.setOffline(false);
  await expect(stationA.getByText(/送信待ち/)).toHaveCount(0, { timeout: 60_000 });
  const expected = `来場 ${people0! + 47}人 · 参加企業 ${companies0! + 47}社`;
  await expect(countsA).toHaveText(expected);
  await expect(stationB.locator('.checkin__counts')).toHaveText(expected);

  // The one scan the server answered otherwise: the person B had let in first.
  const corrections = stationA.getByRole('region', { name: 'サーバーによる訂正' });
  await expect(corrections.getByRole('listitem')).toHaveCount(1);
  await expect(corrections.getByRole('listitem')).toContainText(meanwhile.name);
  await expect(corrections.getByRole('listitem')).toContainText(/\d\d:\d\d に B で受付済み/);
  await expect(corrections.getByRole('listitem')).toContainText('この端末の表示: 受付しました');

  // The organizers' console lists the double: B's check-in kept, A's beside it.
  await stationB.getByRole('link', { name: '成果', exact: true }).click();
  const doubles = stationB.getByRole('region', { name: '二重の受付' });
  await expect(doubles.getByRole('row')).toHaveCount(2);
  const row = doubles.getByRole('row', { name: meanwhile.name });
  await expect(row).toContainText(/B（\d\d:\d\d）/);
  await expect(row).toContainText(/A（\d\d:\d\d）/);
  const listed = await contextB.request.get(`${hall.baseUrl}/api/door/doubles`);
  const { data } = (await listed.json()) as { data: { doubles: DoorDouble[] } };
  expect(data.doubles.map((d) => [d.name, d.kept.station, d.other.station])).toEqual([[meanwhile.name, 'B', 'A']]);

  // Signing out now drops the station's copy of people from this browser.
  await stationA.getByRole('button', { name: 'ログアウト', exact: true }).click();
  await expect(confirm).toContainText('この端末に保存した参加者データ（オフライン用）を消します');
  const signedOut = stationA.waitForEvent('load');
  await confirm.getByRole('button', { name: 'ログアウトする' }).click();
  await signedOut;
  await expect(stationA.getByRole('heading', { name: 'バッジのQRコードを読み取ってください' })).toBeVisible();
  await expect
    .poll(() => stationA.evaluate(() => [localStorage.getItem('pm_last_view'), localStorage.getItem('pm_door_queue')]))
    .toEqual([null, null]);
});

test('a firm’s phone that reloads with no network still shows its last view', async ({ browser }) => {
  const firm = person('firm', 120);
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  await page.goto(firm.url);
  await expect(page.getByRole('heading', { name: 'あなたの面談予定' })).toBeVisible();
  await untilInstalled(page);
  await context.setOffline(true);
  await expect(page.getByText('オフラインです')).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole('status').filter({ hasText: /オフライン表示（最終更新 (\d+\/\d+ )?\d\d:\d\d）/ }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'あなたの面談予定' })).toBeVisible();
  await expect(page.getByRole('region', { name: /としてログイン中/ })).toContainText(firm.name);
});
