/**
 * Privacy on the day and after it (issue 19, APPI), at a real hall's size (30 ventures, 150 firms):
 * a firm's first sign-in shows the notice before anything else, acknowledged once; the phone
 * downloads the person's own data; the organizer erases that person and the phone's session ends;
 * and the retention purge leaves every number of the KPI report page (and of the series report) as
 * it was, while the attendees' phones are signed out.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { devices, type Page } from '@playwright/test';
import type { OwnData } from '../shared/privacy';
import { eventLinks, type EventLinks } from '../server/links';
import { call, openSocket, signIn, snapshotOf, type ClientSocket } from '../server/testing/socket-client';
import { closeContextsAfterEach, openPage } from './support/contexts';
import { startSeededServer, type SeededServer } from './support/demo-server';
import { expect, test } from './support/fixtures';
import { seedHallEvent, HALL_FIRMS, HALL_VENTURES, ventureName } from './support/hall-event';

closeContextsAfterEach();
test.describe.configure({ mode: 'serial' });

const EVENT_NAME = 'プライバシー マッチングデイ';
const phone = { ...devices['iPhone 13'], defaultBrowserType: undefined };
const laptop = { viewport: { width: 1280, height: 900 } };

let hall: SeededServer<EventLinks>;
const sockets: ClientSocket[] = [];

const firmLink = (firm: string) => hall.seeded.people.find((p) => p.role === 'firm' && p.org === firm)!;
const link = (role: string, org: string | null) => hall.seeded.people.find((p) => p.role === role && p.org === org)!;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // The hall as seeded: nobody has read the notice yet.
  hall = await startSeededServer('pitch-privacy-', (store, secret, publicUrl) =>
    eventLinks(store, secret, seedHallEvent(store, EVENT_NAME), publicUrl),
  );
  // A little of a day, so the report has figures: 30 firms tap, check in, and ten of them meet.
  const connect = async (url: string) => openSocket(hall.baseUrl, { cookie: await signIn(url) }, sockets);
  const organizer = await connect(link('organizer', null).url);
  const snapshot = await snapshotOf(organizer);
  const ventureId = (name: string) => snapshot.ventures.find((v) => v.name === name)!.id;
  for (const [i, firm] of HALL_FIRMS.slice(10, 40).entries()) {
    const socket = await connect(firmLink(firm).url);
    const venture = ventureName(HALL_VENTURES[i % 10]!);
    expect(await call(socket, 'interest:set', { ventureId: ventureId(venture), level: 'want-to-meet' })).toMatchObject({
      ok: true,
    });
    const person = snapshot.people.find((p) => p.name === firmLink(firm).name)!;
    expect(
      await call(organizer, 'checkin:person', { personId: person.id, station: 'A', key: randomUUID() }),
    ).toMatchObject({ ok: true });
    if (i < 10) {
      const asked = await call(socket, 'meeting:request', {
        toOrgId: ventureId(venture),
        message: `${firm}より`,
        key: randomUUID(),
      });
      if (!asked.ok) throw new Error(asked.error.message);
      const presenter = await connect(link('venture', venture).url);
      expect(await call(presenter, 'meeting:respond', { requestId: asked.data.id, accept: true })).toMatchObject({
        ok: true,
      });
    }
  }
});

test.afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await hall?.stop();
});

const notice = (page: Page) => page.getByRole('dialog', { name: '個人情報の取り扱いについて' });
const welcome = (page: Page) => page.getByRole('heading', { name: 'バッジのQRコードを読み取ってください' });

test('a first sign-in shows the notice once; the phone downloads its own data; an erased person is signed out', async ({
  browser,
}) => {
  const firm = HALL_FIRMS[0]!;
  const person = firmLink(firm);
  const page = await openPage(browser, person.url, phone);

  // Before anything else: the notice, with how long data is kept and who to ask.
  await expect(notice(page)).toBeVisible();
  await expect(notice(page)).toContainText('開催日から365日後に匿名化します');
  await expect(notice(page)).toContainText('お問い合わせ先: イベント事務局');
  await notice(page).getByRole('button', { name: '確認しました' }).click();
  await expect(notice(page)).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'ベンチャー一覧' })).toBeVisible();
  // Acknowledged once: a fresh load opens on the phone's home.
  await page.reload();
  await expect(page.getByRole('region', { name: 'ベンチャー一覧' })).toBeVisible();
  await expect(notice(page)).toHaveCount(0);

  // 「自分のデータをダウンロード」: this person's data, and only theirs.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '自分のデータをダウンロード' }).click(),
  ]);
  const own = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as OwnData;
  expect(own.person).toMatchObject({ name: person.name, organization: { name: firm }, noticeAcknowledged: 1 });
  expect(JSON.stringify(own)).not.toContain(firmLink(HALL_FIRMS[1]!).name);

  // The organizer erases them on the People page, after reading what goes.
  const desk = await openPage(browser, link('organizer', null).url, laptop);
  await desk.getByRole('navigation').getByRole('link', { name: '参加者' }).click();
  const card = desk.getByRole('region', { name: '参加者の削除（個人情報）' });
  await card.getByLabel('削除する人').selectOption({ label: `${person.name}（${firm}）` });
  await card.getByRole('button', { name: '削除する内容を確認' }).click();
  const sure = card.getByRole('group', { name: '参加者の削除（個人情報）' });
  await expect(sure).toContainText(`${person.name}（${firm}）について、次を削除します`);
  await expect(sure).toContainText('ログイン中の端末 1台');
  await sure.getByRole('button', { name: '削除する' }).click();
  await expect(card.getByRole('status')).toHaveText(`${person.name}さんのデータを削除しました`);

  // Their phone's session ended with them: it is back at "scan your badge".
  await expect(welcome(page)).toBeVisible({ timeout: 15_000 });
  await expect(card.getByLabel('削除する人').getByRole('option', { name: `${person.name}（${firm}）` })).toHaveCount(0);
});

test('the retention purge keeps every number of the report and signs the attendees out', async ({ browser }) => {
  const phonePage = await openPage(browser, firmLink(HALL_FIRMS[12]!).url, phone);
  await notice(phonePage).getByRole('button', { name: '確認しました' }).click();
  await expect(phonePage.getByRole('region', { name: 'ベンチャー一覧' })).toBeVisible();

  const desk = await openPage(browser, link('organizer', null).url, laptop);
  await desk.getByRole('navigation').getByRole('link', { name: '設定' }).click();
  // The event took place long ago; its data is kept one day.
  const details = desk.getByRole('region', { name: '基本情報とKPI目標' });
  await details.getByLabel('開催日').fill('2025-01-10');
  await details.getByRole('button', { name: '保存' }).click();
  await expect(details.getByRole('status')).toHaveText('保存しました');
  const card = desk.getByRole('region', { name: '個人情報の取り扱い' });
  await card.getByLabel('保存期間（開催日から何日後に匿名化するか）').fill('1');
  await card.getByRole('button', { name: '保存' }).click();
  await expect(card).toContainText('2025-01-11に参加者の個人情報を匿名化します');

  const numbers = async (path: string) => {
    const report = await desk.context().newPage();
    await report.goto(`${hall.baseUrl}${path}`);
    const cells = await report.locator('td').allTextContents();
    await report.close();
    return cells;
  };
  const before = { event: await numbers('/organizer/report'), series: await numbers('/organizer/report?scope=series') };
  expect(before.event.length).toBeGreaterThan(10);

  await card.getByRole('button', { name: '今すぐ匿名化' }).click();
  await card.getByRole('group', { name: '今すぐ匿名化' }).getByRole('button', { name: '匿名化する' }).click();
  await expect(card).toContainText('匿名化しました');

  expect(await numbers('/organizer/report')).toEqual(before.event);
  expect(await numbers('/organizer/report?scope=series')).toEqual(before.series);
  // The attendee's phone was signed out; the organizer's console goes on.
  await expect(welcome(phonePage)).toBeVisible({ timeout: 15_000 });
  await desk.reload();
  await expect(desk.getByRole('region', { name: '個人情報の取り扱い' })).toContainText('匿名化しました');
});
