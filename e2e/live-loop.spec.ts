import { devices } from '@playwright/test';
import { demoEvent } from './support/state';
import { closeContextsAfterEach, openPage } from './support/contexts';
import { expect, test } from './support/fixtures';

closeContextsAfterEach();

const phone = { ...devices['iPhone 13'], defaultBrowserType: undefined }; // 390×844, touch, mobile

test('a firm’s tap shows on the venture’s screen and on the board within a second, with no reload', async ({
  browser,
}) => {
  const event = demoEvent('live-loop');
  const ventureLink = event.person('venture');
  const ventureName = ventureLink.org!;

  const organizer = await openPage(browser, event.person('organizer').url);
  const firm = await openPage(browser, event.person('firm').url, phone);
  const venture = await openPage(browser, ventureLink.url);
  const board = await openPage(browser, event.board, { viewport: { width: 1920, height: 1080 } });

  await expect(firm.getByText('現在、発表はありません')).toBeVisible();
  await expect(venture.getByLabel('関心（合計）', { exact: true })).toHaveText('0');

  // The organizer starts this venture's pitch; every screen follows without a reload.
  await organizer.getByRole('button', { name: `${ventureName} のピッチを開始` }).click();
  await expect(firm.getByRole('heading', { name: ventureName })).toBeVisible();
  await expect(firm.getByRole('timer')).toContainText(/[45]:\d\d/);
  await expect(board.getByRole('heading', { name: ventureName })).toBeVisible();
  await expect(venture.getByText('ライブ')).toBeVisible();

  const boardRow = board.getByRole('listitem', { name: ventureName });
  await expect(boardRow.getByLabel('興味あり 0')).toBeVisible();

  const nowCard = firm.getByRole('region', { name: '発表中' });
  const navigations: string[] = [];
  for (const page of [firm, venture, board])
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));

  await nowCard.getByRole('button', { name: '興味あり', exact: true }).tap();
  const tappedAt = Date.now();
  await expect(venture.getByLabel('関心（合計）', { exact: true })).toHaveText('1', { timeout: 1000 });
  await expect(boardRow.getByLabel('興味あり 1')).toBeVisible({ timeout: Math.max(1, 1000 - (Date.now() - tappedAt)) });
  expect(Date.now() - tappedAt).toBeLessThan(1000);
  await expect(nowCard.getByRole('button', { name: '興味あり', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(firm.getByRole('status').filter({ hasText: '「興味あり」を伝えました' })).toBeVisible();

  // "Want to meet" replaces "interested"; the venture sees both figures, the board the same.
  await nowCard.getByRole('button', { name: '会いたい', exact: true }).tap();
  await expect(venture.getByLabel('うち会いたい', { exact: true })).toHaveText('1', { timeout: 1000 });
  await expect(venture.getByLabel('関心（合計）', { exact: true })).toHaveText('1');
  await expect(boardRow.getByText('会いたい 1')).toBeVisible({ timeout: 1000 });
  // Asking to meet is what reveals the firm to the venture, and only to it.
  const leads = venture.getByRole('region', { name: /会いたいと言っている企業/ });
  await expect(leads.getByRole('listitem')).toHaveText([new RegExp(event.person('firm').org!)]);

  // Undo: tapping the chosen level again takes it back everywhere.
  await nowCard.getByRole('button', { name: '会いたい', exact: true }).tap();
  await expect(venture.getByLabel('関心（合計）', { exact: true })).toHaveText('0', { timeout: 1000 });
  await expect(boardRow.getByLabel('興味あり 0')).toBeVisible({ timeout: 1000 });

  expect(navigations).toEqual([]);
  // The board never names a firm.
  await expect(board.locator('body')).not.toContainText(event.person('firm').org!);
});

test('the organizer drives next, pause and resume, and the firm’s phone follows', async ({ browser }) => {
  const event = demoEvent('live-loop');
  const organizer = await openPage(browser, event.person('organizer').url);
  const firm = await openPage(browser, event.person('firm', 1).url, phone);

  // The program's order is fixed; which pitch is live depends on the test before, so this one starts
  // from the first pitch and every later read waits for the screen to show the expected one.
  const program = organizer.getByRole('region', { name: 'プログラム', exact: true });
  const names = program.locator('.program-item strong');
  await expect(names).not.toHaveCount(0);
  const order = await names.allTextContents();
  expect(order.length).toBeGreaterThanOrEqual(3);
  const live = program.locator('[aria-current="true"] strong');

  await organizer.getByRole('button', { name: `${order[0]} のピッチを開始` }).click();
  await expect(live).toHaveText(order[0]!);
  await expect(firm.getByRole('heading', { name: order[0] })).toBeVisible();

  await organizer.getByRole('button', { name: '次へ' }).click();
  await expect(live).toHaveText(order[1]!);
  await expect(firm.getByRole('heading', { name: order[1] })).toBeVisible();

  await organizer.getByRole('button', { name: '一時停止' }).click();
  await expect(firm.getByRole('timer')).toContainText('一時停止中');
  await organizer.getByRole('button', { name: '再開' }).click();
  await expect(firm.getByRole('timer')).toContainText('残り時間');

  await organizer.getByRole('button', { name: '次へ' }).click();
  await expect(live).toHaveText(order[2]!);
  await expect(firm.getByRole('heading', { name: order[2] })).toBeVisible();
});
