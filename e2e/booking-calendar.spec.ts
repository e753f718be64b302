/**
 * The days before the event at the hall's size (30 ventures, 150 firms): the organizer sets
 * 「予約受付開始日」 on the settings page, and a firm's phone at once shows when requests open instead
 * of the directory; cleared, the directory and 面談を申し込む come back. On the agenda, the firm makes
 * its calendar subscription: a webcal:// address, which a calendar app (here: fetch, no cookie)
 * reads as the firm's meetings; stopped, the address answers 404.
 */
import { closeContextsAfterEach, openPage } from './support/contexts';
import { expect, test } from './support/fixtures';
import { startHallServer, type HallServer } from './support/hall-event';

closeContextsAfterEach();

let hall: HallServer;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  hall = await startHallServer('予約受付デイ');
});

test.afterAll(async () => {
  await hall?.stop();
});

test('the booking window closes the directory on phones until its date; the agenda subscribes a calendar', async ({
  browser,
}) => {
  const organizer = hall.links.people.find((p) => p.role === 'organizer')!;
  const firm = hall.links.people.find((p) => p.role === 'firm')!;
  const desk = await openPage(browser, organizer.url);
  await desk.goto(`${hall.baseUrl}/organizer/settings`);
  const phone = await openPage(browser, firm.url, { viewport: { width: 390, height: 844 } });
  const directory = phone.getByRole('region', { name: 'ベンチャー一覧' });
  const venture = directory.getByRole('button', { name: /ミライロボティクス/ });
  await expect(venture).toBeVisible();

  // The event is tomorrow: booking opens on its day, so today the phone is told when.
  const card = desk.getByRole('region', { name: '予約受付開始日' });
  const eventDate = await card.getByLabel('予約受付開始日').getAttribute('max');
  await card.getByLabel('予約受付開始日').fill(eventDate!);
  await card.getByRole('button', { name: '保存' }).click();
  await expect(card.getByRole('status')).toHaveText('保存しました');
  const [, month, day] = eventDate!.split('-').map(Number);
  await expect(directory.getByRole('status')).toHaveText(
    `ベンチャーの紹介と面談の申込は${month}月${day}日から利用できます。`,
  );
  await expect(venture).toHaveCount(0);

  // Cleared: open now, the phone shows the directory again without a reload, and a venture can be asked.
  await card.getByRole('button', { name: '日付を消す（今すぐ受付）' }).click();
  await venture.click();
  await expect(directory.getByRole('button', { name: /面談を申し込む/ }).first()).toBeVisible();

  // The agenda's calendar: make the subscription, read it as a calendar app would, then stop it.
  const agenda = phone.locator('#agenda');
  await agenda.getByRole('button', { name: '購読用URLを作る' }).click();
  const address = agenda.getByRole('textbox');
  await expect(address).toHaveValue(/^webcal:\/\/.+\/cal\/[A-Za-z0-9_-]{44}\.ics$/);
  await expect(agenda.getByRole('link', { name: 'カレンダーで購読（webcal）' })).toHaveAttribute(
    'href',
    await address.inputValue(),
  );
  const feed = (await address.inputValue()).replace(/^webcal:\/\/[^/]+/, hall.baseUrl);
  const calendar = await fetch(feed);
  expect(calendar.status).toBe(200);
  expect(await calendar.text()).toContain('METHOD:PUBLISH');
  await agenda.getByRole('button', { name: '購読をやめる' }).click();
  await expect(agenda.getByRole('button', { name: '購読用URLを作る' })).toBeVisible();
  expect((await fetch(feed)).status).toBe(404);
});
