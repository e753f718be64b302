import type { Browser, Page } from '@playwright/test';
import { SAMPLE_REGISTRATIONS, sampleRegistrationCsv, toShiftJis } from '../server/testing/registration-files';
import { expectDoorAnswer, launchCameraBrowser, writeQrVideo } from './support/fake-camera';
import { demoEvent } from './support/state';
import { closeContextsAfterEach } from './support/contexts';
import { expect, launchGuardedChromium, test } from './support/fixtures';

closeContextsAfterEach();

/** A browser whose camera shows one badge; the file is fixed per launch, so one browser per badge. */
function stationBrowser(badgeUrl: string): Promise<Browser> {
  return launchCameraBrowser(writeQrVideo(badgeUrl));
}

async function openStation(browser: Browser, organizerUrl: string, station: string): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera'], locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  await context.addInitScript((name) => localStorage.setItem('pm_station', name), station);
  const page = await context.newPage();
  await page.goto(organizerUrl);
  await page.getByRole('link', { name: '受付' }).click();
  await expect(page.getByRole('heading', { name: '受付ステーション' })).toBeVisible();
  return page;
}

// Decoding a camera feed on a busy two-core machine can stall: one retry, with other people, so the
// second attempt starts from a state it can check (counts are read first and compared relatively).
test.describe('badge scanning', () => {
  test.describe.configure({ retries: 1 });

  test('two stations scan real badge QR codes through the camera: checked in, already checked in, revoked', async ({
    page: board,
  }, testInfo) => {
    test.setTimeout(120_000);
    const event = demoEvent('door');
    const organizer = event.person('organizer');
    const firmsByCompany = [...new Map(event.people.filter((p) => p.role === 'firm').map((p) => [p.org, p])).values()];
    const guest = firmsByCompany[testInfo.retry]!;
    const lost = event.person('venture', testInfo.retry);
    const browsers: Browser[] = [];
    try {
      await board.setViewportSize({ width: 1920, height: 1080 });
      await board.goto(event.board);
      await expect(board.getByLabel('来場者')).toHaveText(/^\d+$/);
      const people = Number(await board.getByLabel('来場者').textContent());
      const companies = Number(await board.getByLabel('参加企業').textContent());
      const figures = `来場 ${people + 1}人 · 参加企業 ${companies + 1}社`;

      // Station A: the guest's badge in front of the camera.
      browsers.push(await stationBrowser(guest.url));
      const stationA = await openStation(browsers[0]!, organizer.url, 'A');
      const answerA = stationA.getByRole('alert');
      await expectDoorAnswer(stationA, '受付しました');
      await expect(answerA).toContainText(guest.name);
      await expect(answerA).toContainText(guest.org!);
      await expect(board.getByLabel('来場者')).toHaveText(String(people + 1));
      await expect(board.getByLabel('参加企業')).toHaveText(String(companies + 1));

      // Station B: the same badge again: amber, with the first time and door.
      browsers.push(await stationBrowser(guest.url));
      const stationB = await openStation(browsers[1]!, organizer.url, 'B');
      const answerB = stationB.getByRole('alert');
      await expectDoorAnswer(stationB, '受付済みです');
      await expect(answerB).toContainText(/\d\d:\d\d に A で受付済み/);
      await expect(stationB.getByText(figures)).toBeVisible();
      // Two cores: a station left decoding its camera slows the next one's, so this one goes now.
      await browsers[1]!.close();

      // A badge reported lost is reissued; the old one shows red at the door.
      await stationA.getByRole('link', { name: '参加者' }).click();
      await stationA.getByRole('button', { name: `${lost.name} の名札を再発行` }).click();
      // Reissuing asks first: one click must not revoke a printed badge.
      await stationA
        .getByRole('group', { name: `${lost.name} の名札を再発行` })
        .getByRole('button', { name: '再発行する' })
        .click();
      await expect(stationA.getByRole('status').filter({ hasText: '再発行しました' })).toBeVisible();
      browsers.push(await stationBrowser(lost.url));
      const stationC = await openStation(browsers[2]!, organizer.url, 'C');
      const answerC = stationC.getByRole('alert');
      await expectDoorAnswer(stationC, '再発行済みの古いバッジです');
      await expect(answerC).toHaveClass(/door-result--refused/);

      // Every station and the board agree: one person more, one company more.
      await expect(stationC.getByText(figures)).toBeVisible();
      await expect(board.getByLabel('来場者')).toHaveText(String(people + 1));
    } finally {
      await Promise.all(browsers.map((b) => b.close()));
    }
  });
});

test('a station whose camera will not open says why and what to do in Japanese, and leads to the name search', async ({
  browser,
}) => {
  const event = demoEvent('door');
  // This browser has no camera at all: the browser's NotFoundError, in the station's words.
  const station = await openStation(browser, event.person('organizer').url, 'D');
  const problem = station.getByRole('region', { name: 'カメラで読み取り' }).getByRole('alert');
  await expect(problem).toContainText('カメラが見つかりません。', { timeout: 15_000 });
  await expect(problem).toContainText('(NotFoundError)');
  await expect(problem).not.toContainText('Requested device not found');
  await problem.getByRole('link', { name: '名前で受付へ' }).click();
  await expect(station.getByRole('searchbox', { name: '名前・ふりがな・会社名で検索' })).toBeFocused();

  // A camera the page may not use (permission refused): how to allow it, then the button to press.
  const camera = await launchGuardedChromium(['--use-fake-device-for-media-stream']);
  try {
    const context = await camera.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const refused = await context.newPage();
    await refused.goto(event.person('organizer').url);
    await refused.getByRole('link', { name: '受付' }).click();
    const denied = refused.getByRole('region', { name: 'カメラで読み取り' }).getByRole('alert');
    await expect(denied).toContainText('カメラの使用が許可されていません。', { timeout: 15_000 });
    await expect(denied.getByRole('button', { name: 'カメラを開始' })).toBeVisible();
  } finally {
    await camera.close();
  }
});

test('a station that loses the network keeps check-ins, shows them waiting, and sends each once when back', async ({
  browser,
}) => {
  const event = demoEvent('door');
  const context = await browser.newContext();
  const station = await context.newPage();
  await station.goto(event.person('organizer').url);
  await station.getByRole('link', { name: '受付' }).click();
  const search = station.getByRole('searchbox', { name: '名前・ふりがな・会社名で検索' });
  // The station mounts with the event's figures; both are read, since a company may have sent two people.
  const counts = station.locator('.checkin__counts');
  await expect(counts).toHaveText(/来場 \d+人 · 参加企業 \d+社/);
  const [people, companies] = (await counts.textContent())!.match(/\d+/g)!.map(Number);

  await context.setOffline(true);
  await expect(station.getByText('オフラインです')).toBeVisible();
  const guests = [event.person('partner', 0), event.person('partner', 1)];
  for (const guest of guests) {
    await search.fill(guest.name);
    await station.getByRole('button', { name: `${guest.name} を受付` }).click();
    await expect(station.getByRole('alert').filter({ hasText: 'オフライン: 保存しました' })).toBeVisible();
  }
  await expect(station.getByRole('status').filter({ hasText: '送信待ち 2件' })).toBeVisible();
  // The tab is closed while offline (a browser killed to save battery): the queue is on the device.
  await station.close();
  await context.setOffline(false);
  const reopened = await context.newPage();
  await reopened.goto(`${event.baseUrl}/organizer/checkin`);
  await expect(reopened.getByRole('heading', { name: '受付ステーション' })).toBeVisible();
  await expect(reopened.getByText(/送信待ち/)).toHaveCount(0, { timeout: 15_000 });
  await expect(reopened.locator('.checkin__counts')).toHaveText(`来場 ${people! + 2}人 · 参加企業 ${companies! + 2}社`);
  const search2 = reopened.getByRole('searchbox', { name: '名前・ふりがな・会社名で検索' });
  for (const guest of guests) {
    await search2.fill(guest.name);
    await expect(reopened.getByRole('listitem').filter({ hasText: guest.name })).toContainText('✓');
  }
});

test('a walk-in is registered, checked in and shown a badge QR in one go', async ({ browser }) => {
  const event = demoEvent('door');
  const station = await (await browser.newContext()).newPage();
  await station.goto(event.person('organizer').url);
  await station.getByRole('link', { name: '受付' }).click();
  const form = station.getByRole('region', { name: '当日参加の登録' });
  const started = Date.now();
  await form.getByLabel('氏名').fill('木村 拓也');
  await form.getByLabel('ふりがな').fill('きむら たくや');
  await form.getByLabel('会社名').fill('樽前ドローン測量株式会社');
  await form.getByLabel('区分').selectOption('firm');
  await form.getByRole('button', { name: '登録して受付' }).click();
  await expect(form.getByRole('status')).toContainText('木村 拓也 さんを登録しました');
  const qr = form.getByRole('img', { name: '木村 拓也' });
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  expect(Date.now() - started).toBeLessThan(30_000);
  await station.getByRole('searchbox').fill('きむら');
  await expect(station.getByRole('listitem').filter({ hasText: '木村 拓也' })).toContainText('✓');
  // The reading is stored in hiragana; a door typing katakana, half-width kana or the company's
  // name in hiragana finds the person all the same.
  for (const query of ['キムラ', 'ｷﾑﾗ ﾀｸﾔ', 'キムラ\u3000タクヤ', 'どろーん', 'ﾄﾞﾛｰﾝ測量']) {
    await station.getByRole('searchbox').fill(query);
    await expect(station.getByRole('listitem').filter({ hasText: '木村 拓也' }), query).toContainText('✓');
  }
});

test('the organizer imports a Shift_JIS registration list from Excel, previews it, and confirms', async ({
  browser,
}) => {
  const event = demoEvent('registrations');
  const page = await (await browser.newContext()).newPage();
  await page.goto(event.person('organizer').url);
  await page.getByRole('link', { name: '参加者' }).click();
  const card = page.getByRole('region', { name: '参加者リストの取り込み（CSV）' });
  await card.getByLabel('CSVファイル').setInputFiles({
    name: '参加者リスト.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(toShiftJis(sampleRegistrationCsv({ extraLines: [',名前なし,どこかの会社,地元企業,,,'] }))),
  });
  const n = SAMPLE_REGISTRATIONS.length;
  await expect(card.getByRole('status')).toHaveText(`${n + 1}行: 新規 ${n}人 · 更新 0人 · 変更なし 0人 · エラー 1行`);
  await expect(card.getByRole('table')).toContainText('髙橋 美咲'); // decoded from Shift_JIS
  // The row's problem in Japanese, from its code (the server's English stays out of the page).
  await expect(
    card.getByRole('region', { name: 'エラーのある行（取り込まれません）' }).getByRole('listitem'),
  ).toHaveText(`${n + 2}行目 氏名が空です`);
  await card.getByRole('button', { name: `${n}人を取り込む` }).click();
  await expect(card.getByRole('status')).toHaveText(`取り込みました: 新規 ${n}人 · 更新 0人`);
  await expect(page.getByRole('region', { name: /登録済み/ })).toContainText('髙橋 美咲');

  // The list again, one title edited and one person's tags emptied: the preview names each change,
  // and an empty cell keeps what is stored unless the organizer ticks 空欄の項目を消去する.
  await card.getByLabel('CSVファイル').setInputFiles({
    name: '参加者リスト（修正）.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      toShiftJis(
        sampleRegistrationCsv().replace('経営企画部 部長', '代表取締役社長').replace('ドローン、港湾点検', ''),
      ),
    ),
  });
  await expect(card.getByRole('status')).toHaveText(`${n}行: 新規 0人 · 更新 1人 · 変更なし ${n - 1}人 · エラー 0行`);
  const changes = card.getByRole('region', { name: '更新される内容' });
  await expect(changes.getByRole('listitem')).toHaveText([
    /^3行目 髙橋 美咲（勇払フーズ株式会社）/,
    '役職: 経営企画部 部長 → 代表取締役社長',
  ]);
  await card.getByLabel('空欄の項目を消去する').check();
  await expect(card.getByRole('status')).toHaveText(`${n}行: 新規 0人 · 更新 2人 · 変更なし ${n - 2}人 · エラー 0行`);
  await expect(changes).toContainText('タグ: ドローン、港湾点検 → （空欄）');
  await card.getByLabel('空欄の項目を消去する').uncheck();
  await expect(card.getByRole('status')).toContainText('更新 1人');
  await card.getByRole('button', { name: '1人を取り込む' }).click();
  await expect(card.getByRole('status')).toHaveText('取り込みました: 新規 0人 · 更新 1人');
  await expect(card.getByRole('region', { name: '更新した内容' })).toContainText('代表取締役社長');
  await expect(page.getByRole('region', { name: /登録済み/ })).toContainText('代表取締役社長');
});
