/**
 * The organizer's data guards through the real UI: an import asks about a likely duplicate and does
 * what was chosen, half-width katakana goes in full width, the People list is searched however a
 * name is typed and sorted by reading, a badge is reissued only after a confirmation that says the
 * old one stops working (and it does), and the settings' links copy, on the laptop and at a venue's
 * plain-HTTP address where the clipboard API is missing.
 */
import type { Page } from '@playwright/test';
import { closeContextsAfterEach, openPage } from './support/contexts';
import { expect, test } from './support/fixtures';
import { atVenue, launchVenueBrowser } from './support/venue-name';
import { demoEvent, e2eState, linksOfEventNamed } from './support/state';

closeContextsAfterEach();

// The 'merge' event: org-merge.spec names only its own people and companies, none of these.
const EVENT = 'merge';

async function importFile(page: Page, name: string, lines: string[]) {
  const card = page.getByRole('region', { name: '参加者リストの取り込み（CSV）' });
  await card.getByLabel('CSVファイル').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(['氏名,ふりがな,会社名,メールアドレス', ...lines].join('\r\n') + '\r\n'),
  });
  return card;
}

test('the organizer imports with a duplicate answered, finds people however typed, and reissues a badge only when confirmed', async ({
  browser,
}) => {
  const event = demoEvent(EVENT);
  const page = await openPage(browser, event.person('organizer').url, { viewport: { width: 1280, height: 900 } });
  await page.getByRole('navigation').getByRole('link', { name: '参加者' }).click();

  // Half-width katakana from an old system goes in full width.
  let card = await importFile(page, '参加者.csv', [
    'ｶﾞｰﾄﾞ 太郎,ｶﾞｰﾄﾞ ﾀﾛｳ,ｶﾞｰﾄﾞ商事,taro@guard.example.jp',
    '守 花子,まもり はなこ,ガード商事,hanako@guard.example.jp',
  ]);
  await expect(card.getByRole('status')).toHaveText('2行: 新規 2人 · 更新 0人 · 変更なし 0人 · エラー 0行');
  await card.getByRole('button', { name: '2人を取り込む' }).click();
  await expect(card.getByRole('status')).toHaveText('取り込みました: 新規 2人 · 更新 0人');
  const list = page.getByRole('region', { name: /登録済み/ });
  const row = (name: string) => list.getByRole('listitem').filter({ hasText: name });
  await expect(row('ガード 太郎')).toContainText('ガード商事');
  await expect(list).not.toContainText('ｶﾞｰﾄﾞ');

  // The sheet again, 守 花子 with a new e-mail: is she the registered one? Nothing goes in until answered.
  card = await importFile(page, '参加者（追加）.csv', [
    '守 花子,まもり はなこ,ガード商事,hanako.mamori@guard.example.jp',
    '守 次郎,まもり じろう,ガード商事,jiro@guard.example.jp',
  ]);
  const duplicates = card.getByRole('region', { name: '同じ人かもしれない行' });
  const question = duplicates.getByRole('group', {
    name: '2行目 守 花子（ガード商事） hanako.mamori@guard.example.jp',
  });
  await expect(question).toContainText('登録済み: 守 花子（ガード商事） hanako@guard.example.jp');
  const confirm = card.getByRole('button', { name: /人を取り込む$/ });
  await expect(confirm).toBeDisabled();
  await expect(card).toContainText('あと1行、どうするか選んでください');
  await question.getByLabel('登録済みの 守 花子 さんを更新する（名札はそのまま）').check();
  await expect(card.getByRole('status')).toHaveText('2行: 新規 1人 · 更新 1人 · 変更なし 0人 · エラー 0行');
  await expect(card.getByRole('region', { name: '更新される内容' })).toContainText(
    'メール: hanako@guard.example.jp → hanako.mamori@guard.example.jp',
  );
  await confirm.click();
  await expect(card.getByRole('status')).toHaveText('取り込みました: 新規 1人 · 更新 1人');

  // Search folds width and kana: half-width katakana and hiragana both find ガード 太郎; one 守 花子.
  const search = list.getByLabel('検索（氏名・ふりがな・会社名）');
  for (const typed of ['ｶﾞｰﾄﾞ ﾀ', 'がーど た']) {
    await search.fill(typed);
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(row('ガード 太郎')).toBeVisible();
  }
  await search.fill('守 花子');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  // By reading (あいうえお), the default: がーど, まもり じ, まもり は.
  await search.fill('ガード商事');
  await expect(list.getByRole('listitem').locator('strong')).toHaveText(['ガード 太郎', '守 次郎', '守 花子']);
  await expect(row('守 次郎').locator('.person__status')).toHaveText('未受付');
  await list.getByLabel('表示').selectOption({ label: '受付済み（0人）' });
  await expect(list).toContainText('当てはまる参加者はいません');
  await list.getByLabel('表示').selectOption('all');

  // A reissue says what it does and waits; "やめる" changes nothing.
  const jiro = (await linksOfEventNamed(EVENT)).people.find((p) => p.name === '守 次郎')!;
  await row('守 次郎').getByRole('button', { name: '守 次郎 の名札を再発行' }).click();
  const sure = row('守 次郎').getByRole('group', { name: '守 次郎 の名札を再発行' });
  await expect(sure).toContainText('印刷済みの名札（今のQRコード）は使えなくなります');
  await sure.getByRole('button', { name: 'やめる' }).click();
  await expect(sure).toHaveCount(0);
  await expect(list.getByRole('status')).toHaveCount(0);
  await row('守 次郎').getByRole('button', { name: '守 次郎 の名札を再発行' }).click();
  await sure.getByRole('button', { name: '再発行する' }).click();
  await expect(list.getByRole('status')).toContainText('守 次郎 さんの名札を再発行しました。古い名札は使えません。');

  // The printed badge's link no longer signs him in.
  const old = await (await browser.newContext()).newPage();
  const answer = await old.goto(jiro.url);
  expect(answer?.status()).toBe(401);
});

test('the settings links copy: by the clipboard on the laptop, and at a plain-HTTP venue name without one', async ({
  browser,
}) => {
  const event = demoEvent(EVENT);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2eState().baseUrl });
  const page = await context.newPage();
  await page.goto(event.person('organizer').url);
  await page.getByRole('navigation').getByRole('link', { name: '設定' }).click();
  const board = page.getByRole('region', { name: '会場スクリーン' });
  const boardUrl = await board.getByLabel('ボードのリンク').inputValue();
  expect(boardUrl).toMatch(/\/board\//);
  await board.getByRole('button', { name: 'コピー' }).click();
  await expect(board.getByRole('status')).toHaveText('コピーしました');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(boardUrl);

  // At the venue's LAN name over HTTP the page has no clipboard API: the link is selected and copied.
  const venue = await launchVenueBrowser();
  try {
    const lan = await (await venue.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await lan.goto(atVenue(event.person('organizer').url));
    await lan.getByRole('navigation').getByRole('link', { name: '設定' }).click();
    const lanBoard = lan.getByRole('region', { name: '会場スクリーン' });
    expect(await lan.evaluate(() => window.isSecureContext)).toBe(false);
    await lanBoard.getByRole('button', { name: 'コピー' }).click();
    await expect(lanBoard.getByRole('status')).toHaveText(
      /^(コピーしました|リンクを選択しました。Ctrl\+C（Macは⌘C）でコピーしてください。)$/,
    );
    const input = lanBoard.getByLabel('ボードのリンク');
    await expect(input).toBeFocused();
    const selected = await input.evaluate((el: HTMLInputElement) =>
      el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0),
    );
    expect(selected).toBe(boardUrl);
  } finally {
    await venue.close();
  }
});
