import { devices, type Page } from '@playwright/test';
import { attachScreenshot, expectCleanLayout } from './support/layout';
import { demoEvent } from './support/state';
import { closeContextsAfterEach, openPage } from './support/contexts';
import { expect, test } from './support/fixtures';

closeContextsAfterEach();

const phone = { ...devices['iPhone 13'], defaultBrowserType: undefined }; // 390×844

const nowCard = (page: Page) => page.getByRole('region', { name: '発表中' });
const tap = (page: Page, level: '興味あり' | '会いたい') =>
  nowCard(page).getByRole('button', { name: level, exact: true }).tap();

test('the organizer advances the program, every phone follows, and the counts are exact everywhere', async ({
  browser,
}, testInfo) => {
  const event = demoEvent('program');
  const organizer = await openPage(browser, event.person('organizer').url);
  // Three firms of three different companies.
  const firmLinks = [event.person('firm', 0), event.person('firm', 2), event.person('firm', 3)];
  const firms = await Promise.all(firmLinks.map((p) => openPage(browser, p.url, phone)));
  const board = await openPage(browser, event.board, { viewport: { width: 1920, height: 1080 } });

  // The first two pitches of the program, in order.
  const order = organizer.getByRole('region', { name: 'プログラム', exact: true }).locator('.program-item strong');
  const [ventureA, ventureB] = [(await order.nth(0).textContent())!, (await order.nth(1).textContent())!];
  const ventureLinkA = event.people.find((p) => p.role === 'venture' && p.org === ventureA)!;
  const ventureLinkB = event.people.find((p) => p.role === 'venture' && p.org === ventureB)!;
  const ventures = [await openPage(browser, ventureLinkA.url, phone), await openPage(browser, ventureLinkB.url)];

  await organizer.getByRole('button', { name: '次へ' }).click();
  for (const firm of firms) await expect(nowCard(firm).getByRole('heading', { name: ventureA })).toBeVisible();
  await tap(firms[0]!, '興味あり');
  await tap(firms[1]!, '会いたい');
  await tap(firms[2]!, '興味あり');
  await expect(ventures[0]!.getByLabel('関心（合計）', { exact: true })).toHaveText('3');
  await expect(ventures[0]!.getByLabel('うち会いたい', { exact: true })).toHaveText('1');

  await organizer.getByRole('button', { name: '次へ' }).click();
  for (const firm of firms) await expect(nowCard(firm).getByRole('heading', { name: ventureB })).toBeVisible();
  // The second pitch starts with untouched buttons: taps land on the venture on stage.
  await expect(nowCard(firms[0]!).getByRole('button', { name: '興味あり', exact: true })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await tap(firms[0]!, '会いたい');
  await tap(firms[2]!, '興味あり');
  await expect(ventures[1]!.getByLabel('関心（合計）', { exact: true })).toHaveText('2');
  await expect(ventures[1]!.getByLabel('うち会いたい', { exact: true })).toHaveText('1');
  await expect(ventures[0]!.getByLabel('関心（合計）', { exact: true })).toHaveText('3');

  // After the pitch, a firm finds a third venture in the directory and tags it there.
  const directory = firms[1]!.getByRole('region', { name: 'ベンチャー一覧' });
  await directory.getByRole('searchbox').fill('スペース');
  await expect(directory.getByRole('listitem')).toHaveCount(1);
  const third = (await directory.locator('.directory__name').textContent())!;
  await directory.getByRole('button', { name: third }).click();
  await directory.getByRole('group', { name: third }).getByRole('button', { name: '興味あり', exact: true }).tap();
  await expect(directory.getByRole('button', { name: `${third} 興味あり` })).toBeVisible();

  // The board: ventures ranked by interest, exact counts, no firm named.
  const ranks = board.getByRole('region', { name: '関心ランキング' }).getByRole('listitem');
  await expect(ranks.nth(0)).toHaveAccessibleName(ventureA);
  await expect(ranks.nth(1)).toHaveAccessibleName(ventureB);
  await expect(ranks.nth(2)).toHaveAccessibleName(third);
  await expect(ranks.nth(0).getByLabel('興味あり 3')).toBeVisible();
  await expect(ranks.nth(1).getByLabel('興味あり 2')).toBeVisible();
  await expect(ranks.nth(2).getByLabel('興味あり 1')).toBeVisible();
  for (const link of firmLinks) await expect(board.locator('body')).not.toContainText(link.org!);

  await board.waitForTimeout(600); // let the count animation settle before the screenshot
  await attachScreenshot(board, testInfo, 'board-1920x1080');
  await expectCleanLayout(board, [
    '.board__header h1, .board__stats',
    '.board__now, .board__ranking',
    '.rank',
    '.rank__name',
    '.countdown__value',
  ]);
  await attachScreenshot(firms[0]!, testInfo, 'phone-390x844');
  await expectCleanLayout(firms[0]!, ['.app-header__event, .lang-switch', '.tap', '.chip', '.live-bar__venture']);
});

test('a firm tags topics and shares a note with a venture it wants to meet', async ({ browser }) => {
  const event = demoEvent('program');
  const firmLink = event.person('firm', 4);
  const firm = await openPage(browser, firmLink.url, phone);
  const ventureLink = event.person('venture', 1);
  const venture = await openPage(browser, ventureLink.url, phone);

  const directory = firm.getByRole('region', { name: 'ベンチャー一覧' });
  await directory.getByRole('button', { name: ventureLink.org! }).click();
  const panel = directory.getByRole('group', { name: ventureLink.org! });
  await panel.getByRole('button', { name: '人材育成' }).tap();
  await expect(panel.getByRole('button', { name: '人材育成' })).toHaveAttribute('aria-pressed', 'true');
  await panel.getByRole('button', { name: '会いたい', exact: true }).tap();
  await panel.getByLabel('メモ', { exact: true }).fill('冬季の新人研修で試したい');
  await panel.getByRole('button', { name: 'メモを保存' }).tap();
  await expect(panel.getByRole('status')).toContainText('保存しました');

  // Not shared yet: the venture sees the firm (it asked to meet) but not the note.
  const leads = venture.getByRole('region', { name: /会いたいと言っている企業/ });
  const lead = leads.getByRole('listitem').filter({ hasText: firmLink.org! });
  await expect(lead).toContainText('人材育成');
  await expect(lead).not.toContainText('冬季の新人研修で試したい');

  await panel.getByRole('checkbox', { name: /メモをベンチャーに見せる/ }).check();
  await panel.getByRole('button', { name: 'メモを保存' }).tap();
  await expect(lead).toContainText('冬季の新人研修で試したい');

  // Undo the last change: the note is private again.
  await panel.getByRole('button', { name: '取り消す' }).tap();
  await expect(lead).not.toContainText('冬季の新人研修で試したい');
  await expect(lead).toBeVisible();
});

test('the organizer adds a pitch during the event and the phones see it', async ({ browser }) => {
  const event = demoEvent('program');
  const organizer = await openPage(browser, event.person('organizer').url);
  const firm = await openPage(browser, event.person('firm', 1).url, phone);
  const editor = organizer.getByRole('region', { name: 'プログラムの編集' });

  await editor.getByRole('button', { name: '第2部 設備と採用 にピッチを追加' }).click();
  await editor.getByLabel('ベンチャー').selectOption({ label: event.person('venture', 0).org! });
  await editor.getByLabel('ピッチのタイトル').fill('飛び入りピッチ');
  await editor.getByLabel('時間（分）').fill('3');
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(editor.getByText('飛び入りピッチ')).toBeVisible();
  await editor.getByRole('button', { name: '「飛び入りピッチ」を上へ' }).click();

  const program = organizer.getByRole('region', { name: 'プログラム', exact: true });
  await program
    .getByRole('button', { name: `${event.person('venture', 0).org} のピッチを開始` })
    .last()
    .click();
  await expect(firm.getByRole('region', { name: `${event.person('venture', 0).org} の発表` })).toContainText(
    '飛び入りピッチ',
  );
  await expect(nowCard(firm).getByRole('timer')).toContainText(/[23]:\d\d/);
});

test('an organizer writes a venture’s profile by hand, a venture its own, and a firm’s directory follows live', async ({
  browser,
}) => {
  const event = demoEvent('program');
  const organizer = await openPage(browser, event.person('organizer').url);
  const firm = await openPage(browser, event.person('firm', 1).url, phone);
  // Two ventures the other tests of this file leave alone: one edited by the organizer, one by itself.
  const [edited, itself] = [event.person('venture', 3), event.person('venture', 4)];
  const venture = await openPage(browser, itself.url, phone);

  // No venture has the event's own topic 脱炭素 yet: the directory offers no such filter.
  const directory = firm.getByRole('region', { name: 'ベンチャー一覧' });
  const filter = directory.getByRole('group', { name: 'テーマで絞り込み' });
  await expect(filter.getByRole('button', { name: '生産性向上' })).toBeVisible();
  await expect(filter.getByRole('button', { name: '脱炭素' })).toHaveCount(0);

  await organizer.getByRole('link', { name: '参加者' }).click();
  const profiles = organizer.getByRole('region', { name: 'ベンチャーの紹介' });
  await profiles.getByRole('button', { name: edited.org! }).click();
  const form = profiles.getByRole('form', { name: edited.org! });
  await form.getByLabel('読み（ひらがな）').fill('アアア テスト');
  await form.getByLabel('紹介文').fill('設備の止まる前に、音で知らせる。');
  await form.getByLabel('テーマ（カンマ・読点区切り）').fill('予兆保全、生産性向上');
  await form.getByRole('button', { name: '脱炭素' }).click();
  await expect(form.getByLabel('テーマ（カンマ・読点区切り）')).toHaveValue('予兆保全, 生産性向上, 脱炭素');
  await form.getByRole('button', { name: `${edited.org} の紹介を保存` }).click();
  await expect(form.getByRole('status')).toHaveText(/保存しました/);
  await expect(form.getByLabel('読み（ひらがな）')).toHaveValue('あああ てすと');

  // The firm's phone, without a reload: the new topic is a filter, the reading puts the venture first.
  await filter.getByRole('button', { name: '脱炭素' }).tap();
  await expect(directory.getByRole('listitem')).toHaveCount(1);
  await directory.getByRole('button', { name: edited.org! }).tap();
  await expect(directory.getByRole('listitem')).toContainText('設備の止まる前に、音で知らせる。');
  await expect(directory.getByRole('listitem')).toContainText('予兆保全 · 生産性向上 · 脱炭素');
  await filter.getByRole('button', { name: 'すべて' }).tap();
  await expect(directory.locator('.directory__name').first()).toHaveText(edited.org!);

  // The venture edits its own profile on its phone; too many topics are refused before sending.
  const mine = venture.getByRole('region', { name: 'あなたの紹介（地元企業に表示）' });
  const topics = mine.getByLabel('テーマ（カンマ・読点区切り）');
  await topics.fill(Array.from({ length: 13 }, (_, i) => `テーマ${i + 1}`).join(','));
  await mine.getByRole('button', { name: `${itself.org} の紹介を保存` }).tap();
  await expect(mine.getByRole('alert')).toHaveText('テーマは12個までです');
  await topics.fill('雇用確保, 人材育成');
  await mine.getByLabel('紹介文').fill('週末だけ働きたい人と、繁忙期の現場をつなぐ。');
  await mine.getByRole('button', { name: `${itself.org} の紹介を保存` }).tap();
  await expect(mine.getByRole('status')).toHaveText(/保存しました/);
  await directory.getByRole('button', { name: itself.org! }).tap();
  await expect(directory.getByRole('listitem').filter({ hasText: itself.org! })).toContainText(
    '週末だけ働きたい人と、繁忙期の現場をつなぐ。',
  );
});
