import type { Page, Request } from '@playwright/test';
import { closeContextsAfterEach, openPage } from './support/contexts';
import { expect, test } from './support/fixtures';
import { atVenue, launchVenueBrowser } from './support/venue-name';
import { expectCleanLayout } from './support/layout';
import { demoEvent, e2eState } from './support/state';

closeContextsAfterEach();

const row = (page: Page, id: string) => page.locator(`[data-check="${id}"]`);

/** The socket.io packets a page sends, over websocket frames and polling POSTs alike. */
function recordSocketPackets(page: Page): string[] {
  const packets: string[] = [];
  page.on('websocket', (ws) => ws.on('framesent', (frame) => packets.push(String(frame.payload))));
  page.on('request', (req: Request) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname.startsWith('/socket.io/'))
      packets.push(...(req.postData() ?? '').split('\x1e'));
  });
  return packets;
}

test('the connection check opens with no sign-in, on its own socket, and each row that works goes green', async ({
  browser,
}) => {
  const { baseUrl } = e2eState();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const packets = recordSocketPackets(page);
  let checks = 0;
  page.on('request', (req) => void (new URL(req.url()).pathname === '/api/check' && checks++));
  await page.goto(`${baseUrl}/check`);

  await expect(page.getByRole('heading', { name: '接続チェック' })).toBeVisible();
  for (const id of ['server', 'rtt', 'clock', 'realtime', 'camera'])
    await expect(row(page, id)).toHaveAttribute('data-level', 'good', { timeout: 15_000 });
  await expect(row(page, 'server')).toContainText('つながりました');
  await expect(row(page, 'rtt')).toContainText(/\d+ ミリ秒（5回の中央値）/);
  await expect(row(page, 'clock')).toContainText(/サーバーとの差 \d\.\d 秒/);
  await expect(row(page, 'realtime')).toContainText('WebSocket でつながりました');
  // 127.0.0.1 is a secure context: the camera would be allowed, though the page is plain HTTP.
  await expect(row(page, 'camera')).toContainText('使えます');
  await expect(row(page, 'https')).toHaveAttribute('data-level', 'warn');
  await expect(row(page, 'https')).toContainText('いいえ（HTTP）');
  // The suite's PUBLIC_URL is 127.0.0.1: no phone could open a badge, and the page says so.
  await expect(row(page, 'address')).toContainText(baseUrl);
  await expect(row(page, 'address')).toHaveAttribute('data-level', 'bad');
  await expect(page.getByRole('alert')).toContainText(`公開アドレスが ${baseUrl} のため`);
  // No welcome page for a browser without a badge, and no connection to the app's own namespace.
  await expect(page.getByText('バッジのQRコードを読み取ってください')).toHaveCount(0);
  await expect.poll(() => packets.some((p) => p.startsWith('40/check'))).toBe(true);
  expect(packets.filter((p) => /^40($|\{)/.test(p))).toEqual([]);
  await expectCleanLayout(page, ['.check-row', '.check-row > *', '.address-warning']);

  // Check again: the server is asked again, and the rows come back.
  await expect.poll(() => checks).toBe(5);
  await page.getByRole('button', { name: 'もう一度' }).click();
  await expect.poll(() => checks).toBe(10);
  await expect(row(page, 'realtime')).toHaveAttribute('data-level', 'good', { timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'もう一度' })).toBeEnabled();
});

test('the console’s settings show the connection check’s link and QR, and warn where phones cannot reach', async ({
  browser,
}) => {
  const event = demoEvent('door');
  const page = await openPage(browser, event.person('organizer').url);
  await page.getByRole('link', { name: '設定' }).click();
  const card = page.getByRole('region', { name: '接続チェック' });
  await expect(card.getByLabel('接続チェックのリンク')).toHaveValue(`${event.baseUrl}/check`);
  await expect(card.getByRole('link', { name: '接続チェックを開く' })).toHaveAttribute(
    'href',
    `${event.baseUrl}/check`,
  );
  const qr = card.getByRole('img', { name: '接続チェックのQRコード' });
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByRole('alert')).toContainText('名札のQRコードをスマートフォンで開けません');
  await expect(page.getByRole('alert')).toContainText('PUBLIC_URL=http://(会場のアドレス)');

  await page.getByRole('link', { name: '参加者', exact: true }).click();
  await expect(page.getByRole('heading', { name: '参加者', exact: true })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText(`公開アドレスが ${event.baseUrl} のため`);
});

test('at a venue name over plain HTTP: the check says no HTTPS and no camera, and the station checks in by name', async () => {
  const { baseUrl } = e2eState();
  const browser = await launchVenueBrowser();
  try {
    const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const check = await context.newPage();
    await check.goto(atVenue(`${baseUrl}/check`));
    await expect(row(check, 'server')).toHaveAttribute('data-level', 'good', { timeout: 15_000 });
    await expect(row(check, 'realtime')).toHaveAttribute('data-level', 'good', { timeout: 15_000 });
    await expect(row(check, 'https')).toContainText('いいえ（HTTP）');
    await expect(row(check, 'camera')).toHaveAttribute('data-level', 'warn');
    await expect(row(check, 'camera')).toContainText('使えません（HTTPS のページではないため）');

    // The door station opened at the same name: no camera, said so, and the name search works.
    const event = demoEvent('door');
    // checkin.spec checks in people of the first two firms of this event; this one is neither.
    const firms = [...new Map(event.people.filter((p) => p.role === 'firm').map((p) => [p.org, p])).values()];
    const guest = firms.at(-1)!;
    expect(firms.indexOf(guest)).toBeGreaterThan(1);
    const station = await context.newPage();
    await station.goto(atVenue(event.person('organizer').url));
    await station.getByRole('link', { name: '受付' }).click();
    await expect(station.getByRole('heading', { name: '受付ステーション' })).toBeVisible();
    const notice = station.getByRole('status').filter({ hasText: 'HTTPS ではないため、カメラで読み取れません' });
    await expect(notice).toContainText('名前で受付');
    await expect(station.locator('#qr-reader')).toHaveCount(0);
    await notice.getByRole('link', { name: '名前で受付へ' }).click();
    const search = station.getByRole('searchbox', { name: '名前・ふりがな・会社名で検索' });
    await expect(search).toBeFocused();
    await search.fill(guest.name);
    await station.getByRole('button', { name: `${guest.name} を受付` }).click();
    await expect(station.getByRole('alert').filter({ hasText: '受付しました' })).toContainText(guest.name);
    await expect(station.getByRole('listitem').filter({ hasText: guest.name })).toContainText('✓');
  } finally {
    await browser.close();
  }
});
