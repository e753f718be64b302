import { expect, test } from './support/fixtures';
import { demoEvent } from './support/state';
import { closeContextsAfterEach } from './support/contexts';

closeContextsAfterEach();

test('an unknown badge link shows the 401 page in Japanese and English', async ({ page }) => {
  const event = demoEvent('basics');
  const response = await page.goto(`${event.baseUrl}/t/not-a-real-badge`);
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('heading', { name: 'このリンクは使えません' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
});

test('a browser without a session is asked to scan its badge', async ({ page }) => {
  const event = demoEvent('basics');
  await page.goto(event.baseUrl);
  await expect(page.getByRole('heading', { name: 'バッジのQRコードを読み取ってください' })).toBeVisible();
});

test('English can be chosen, and is remembered after a reload', async ({ page }) => {
  const event = demoEvent('basics');
  await page.goto(event.person('firm').url);
  await expect(page.getByText('現在、発表はありません')).toBeVisible();
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByText('No pitch right now')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByText('No pitch right now')).toBeVisible();
  await page.getByRole('button', { name: '日本語に切り替え' }).click();
  await expect(page.getByText('現在、発表はありません')).toBeVisible();
});

test('the connection state shows while offline, and the page resumes by itself', async ({ page, context }) => {
  const event = demoEvent('basics');
  await page.goto(event.person('firm', 1).url);
  await expect(page.getByText('現在、発表はありません')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /オフライン|再接続/ })).toHaveCount(0);
  await context.setOffline(true);
  await expect(page.getByText('オフラインです。接続が戻ると自動で再開します')).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByText(/オフラインです|再接続しています/)).toHaveCount(0, { timeout: 15_000 });
});
