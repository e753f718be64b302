/**
 * The phones on an event day at a hall's size (30 ventures, 150 firms), driven by touch at the two
 * common phone sizes: the pitch on stage stays at the top wherever the page is scrolled, a firm goes
 * from that pitch (or a directory entry) to a sent request in two taps, the venture learns of it at
 * the top of its phone (count and buzz), answers from a grid of free times above its profile, and
 * the next meeting shows at the top of both phones. Signing out is confirmed and says the badge is
 * needed again. Checked on the page's boxes: nothing wider than the screen, nothing cut or overlapping.
 */
import type { Browser, BrowserContextOptions, Page, TestInfo } from '@playwright/test';
import { call, openSocket, signIn, snapshotOf, type ClientSocket } from '../server/testing/harness';
import { challengeFit } from '../shared/challenges';
import type { Snapshot } from '../shared/model';
import { expect, test } from './support/fixtures';
import { atHost, launchVenueBrowser, VENUE_HOST } from './support/venue-name';
import {
  hallFirmChallenges,
  HALL_FIRMS,
  HALL_VENTURES,
  startHallServer,
  ventureName,
  type HallServer,
} from './support/hall-event';
import { attachScreenshot, expectCleanLayout } from './support/layout';

// The phones reach the server by the venue's name over plain HTTP, as on the day, not at 127.0.0.1:
// no secure context, so no service worker and no clipboard, and every link and cookie is the venue's.

const SIZES = [
  { width: 390, height: 844 },
  { width: 360, height: 640 },
];
/** What the directory test types, in three scripts; the catalog spells it ドローン (katakana). */
const DRONE_TYPED = ['どろーん', 'ﾄﾞﾛｰﾝ', 'ドローン'];

let hall: HallServer;
/** A Chromium that resolves the venue's name to this machine, as the venue's DNS or router would. */
let venue: Browser;
let organizer: ClientSocket;
let snapshot: Snapshot;
const sockets: ClientSocket[] = [];

test.beforeAll(async () => {
  hall = await startHallServer('とまこまい イノベーション・マッチングデイ', { publicHost: VENUE_HOST });
  venue = await launchVenueBrowser();
  const url = hall.links.people.find((p) => p.role === 'organizer')!.url;
  organizer = await openSocket(hall.baseUrl, { cookie: await signIn(atHost(url, '127.0.0.1')) }, sockets);
  snapshot = await snapshotOf(organizer);
});

// A failed test's phones stay open for its trace and screenshots; a passed one's close.
// eslint-disable-next-line no-empty-pattern -- Playwright needs the fixtures argument destructured
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) await Promise.all(venue.contexts().map((c) => c.close()));
});

test.afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await venue?.close();
  await hall?.stop();
});

function personOf(role: 'firm' | 'venture', org: string) {
  const found = hall.links.people.find((p) => p.role === role && p.org === org);
  if (!found) throw new Error(`no ${role} of ${org}`);
  return found;
}

async function startPitchOf(name: string): Promise<void> {
  const ventureId = snapshot.ventures.find((v) => v.name === name)!.id;
  const pitchId = snapshot.program.pitches.find((p) => p.ventureId === ventureId)!.id;
  const answer = await call(organizer, 'program:control', { action: 'start', pitchId });
  if (!answer.ok) throw new Error(answer.error.message);
}

/**
 * A phone signed in by its badge link, driven by touch. Every `navigator.vibrate` call is noted on
 * the page (and still made): headless Chromium has no motor to feel.
 */
async function openPhone(url: string, viewport: { width: number; height: number }): Promise<Page> {
  expect(new URL(url).hostname, 'a badge printed with the venue’s address').toBe(VENUE_HOST);
  const options: BrowserContextOptions = { viewport, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
  const context = await venue.newContext(options);
  await context.addInitScript(() => {
    const buzzes: unknown[] = [];
    const original = typeof navigator.vibrate === 'function' ? navigator.vibrate.bind(navigator) : null;
    Object.assign(window, { pitchBuzzes: buzzes });
    navigator.vibrate = ((pattern: VibratePattern) => {
      buzzes.push(pattern);
      return original ? original(pattern) : true;
    }) as typeof navigator.vibrate;
  });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

const buzzesOn = (page: Page) =>
  page.evaluate(() => (window as unknown as { pitchBuzzes: unknown[] }).pitchBuzzes.length);

async function shot(page: Page, testInfo: TestInfo, name: string, viewport: { width: number }) {
  await attachScreenshot(page, testInfo, `${name}-${viewport.width}`);
}

for (const [index, viewport] of SIZES.entries()) {
  const size = `${viewport.width}×${viewport.height}`;

  // eslint-disable-next-line no-empty-pattern -- Playwright needs the fixtures argument destructured
  test(`${size}: from a pitch to a sent request in two taps, answered from the free-time grid; both phones show the meeting at the top`, async ({}, testInfo) => {
    const venture = ventureName(HALL_VENTURES[index * 10 + 1]!);
    const firmName = HALL_FIRMS[index]!;
    const firmPerson = personOf('firm', firmName);
    const firm = await openPhone(firmPerson.url, viewport);
    const presenter = await openPhone(personOf('venture', venture).url, viewport);

    await expect(firm.getByRole('region', { name: `${firmPerson.name}（${firmName}）としてログイン中` })).toBeVisible();

    await startPitchOf(venture);
    const bar = firm.getByRole('region', { name: '発表中' });
    await expect(bar.getByRole('heading', { name: venture })).toBeVisible();
    await expectCleanLayout(firm, ['.live-bar .tap', '.live-bar__venture', '.account-bar__who', '.directory__head']);
    await shot(firm, testInfo, 'firm-live', viewport);

    // Scrolled to the bottom of the page (the directory of 30, the meetings): the bar is still there.
    await firm.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const scrolled = await firm.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(viewport.height);
    await expect(bar).toBeInViewport({ ratio: 1 });
    await expect(firm.getByRole('region', { name: '送った申し込み' })).toBeInViewport();

    // Two taps, where the thumb already is: 会いたい, then the request it offers.
    const meet = bar.getByRole('button', { name: '会いたい', exact: true });
    await expect(meet).toBeInViewport({ ratio: 1 });
    await meet.tap();
    const ask = bar.getByRole('button', { name: `${venture} に面談を申し込む` });
    await expect(ask).toBeInViewport({ ratio: 1 });
    await expectCleanLayout(firm, ['.live-bar .tap', '.live-bar .request-form__row > *']);
    await shot(firm, testInfo, 'firm-scrolled-offer', viewport);
    await ask.tap();
    await expect(bar).toContainText('面談の申し込み: 返事待ち');
    await expect(
      firm.getByRole('region', { name: '送った申し込み' }).getByRole('listitem').filter({ hasText: venture }),
    ).toContainText('返事待ち');
    // Still down at the meetings: the bar grew by the offer's row, the page was not sent to its top.
    expect(await firm.evaluate(() => window.scrollY)).toBeGreaterThan(viewport.height);
    await expect(bar).toBeInViewport({ ratio: 1 });

    // The venture: the request at the top with its count and a buzz; the counts say which is part of which.
    const news = presenter.getByRole('region', { name: '面談のお知らせ' });
    await expect(news).toContainText('新しい面談の申し込み 1件');
    await expect.poll(() => buzzesOn(presenter)).toBeGreaterThan(0);
    await expect(presenter.getByRole('region', { name: '発表中' })).toContainText('関心 1人（うち会いたい 1人）');
    await expect(presenter.getByText('関心 1人（うち会いたい 1人）')).toHaveCount(2);
    const incoming = presenter.getByRole('region', { name: /届いた申し込み/ });
    const profile = presenter.getByRole('region', { name: 'あなたの紹介（地元企業に表示）' });
    const agenda = presenter.getByRole('region', { name: 'あなたの面談予定' });
    const y = async (region: typeof incoming) => (await region.boundingBox())!.y;
    expect(await y(incoming)).toBeLessThan(await y(profile));
    expect(await y(agenda)).toBeLessThan(await y(profile));
    await expectCleanLayout(presenter, ['.meet-alert__line', '.big-count', '.live-bar__figures']);
    await shot(presenter, testInfo, 'venture-news', viewport);

    // Free times as a grid, not a 30-line list: 15:00 to 17:30 in 20 + 5 minute steps is six times.
    await news.getByRole('button', { name: '見る' }).tap();
    await expect(incoming).toBeInViewport();
    await incoming.getByRole('button', { name: '時間を選んで承諾' }).tap();
    const times = incoming.locator('.slot-grid__time');
    await expect(times).toHaveText(['15:00', '15:25', '15:50', '16:15', '16:40', '17:05']);
    await expectCleanLayout(presenter, ['.slot-grid__time']);
    // Six times fit in at most two rows: the grid is small, whatever the phone.
    const rows = new Set(await times.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top))));
    expect(rows.size).toBeLessThanOrEqual(2);
    // The time is chosen; the table is the first free then (another test's meeting may hold table 1).
    const slot = times.filter({ hasText: '15:25' });
    await slot.tap();
    await expect(slot).toHaveAttribute('aria-pressed', 'true');
    const place = (await slot.getAttribute('aria-label'))!; // 15:25 テーブル N
    expect(place).toMatch(/^15:25 テーブル \d$/);
    await shot(presenter, testInfo, 'venture-slot-grid', viewport);
    // Accepting makes a meeting the venture knows of already: its own phone does not buzz for it.
    const buzzedBefore = await buzzesOn(presenter);
    await incoming.getByRole('button', { name: `${place} で承諾` }).tap();

    await expect(agenda.getByRole('listitem')).toContainText(`${place}${firmName}`);
    await expect(news).toContainText(`次の面談 ${place}（${firmName}）`);
    await expect(news).not.toContainText('新しい面談の申し込み');
    const firmNews = firm.getByRole('region', { name: '面談のお知らせ' });
    await expect(firmNews).toContainText(`次の面談 ${place}（${venture}）`);
    await expect.poll(() => buzzesOn(firm)).toBeGreaterThan(0);
    await expect(bar).toContainText('面談の申し込み: 成立');
    expect(await buzzesOn(presenter)).toBe(buzzedBefore);

    // A note saved in the card below, after 会いたい in the bar: the bar's undo would now wipe it, so it is gone.
    await expect(bar.getByRole('button', { name: '取り消す' })).toBeVisible();
    const card = firm.getByRole('region', { name: `${venture} の発表` });
    await card.getByRole('textbox', { name: 'メモ' }).fill('倉庫で試したい');
    await card.getByRole('button', { name: 'メモを保存' }).tap();
    await expect(card.getByRole('status')).toHaveText('保存しました');
    await expect(bar.getByRole('button', { name: '取り消す' })).toHaveCount(0);
    await expect(bar.getByRole('button', { name: '会いたい', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await firm.evaluate(() => window.scrollTo(0, 0));
    await expectCleanLayout(firm, ['.meet-alert__line', '.account-bar__who']);
    await shot(firm, testInfo, 'firm-next-meeting', viewport);

    // English is longer: the same top still fits the screen.
    await firm.getByRole('button', { name: 'Switch to English' }).tap();
    await expect(firm.getByRole('region', { name: 'Now pitching' })).toContainText('Meeting request: Accepted');
    await expect(firm.getByRole('region', { name: 'Meeting news' })).toContainText(/Next meeting 15:25, table \d/);
    await expectCleanLayout(firm, ['.live-bar .tap', '.meet-alert__line', '.account-bar__who']);
    await shot(firm, testInfo, 'firm-next-meeting-en', viewport);
  });

  // eslint-disable-next-line no-empty-pattern -- Playwright needs the fixtures argument destructured
  test(`${size}: the directory finds a venture however its name is typed, and asks it to meet in two taps; signing out is confirmed`, async ({}, testInfo) => {
    const firmName = HALL_FIRMS[10 + index]!;
    const firm = await openPhone(personOf('firm', firmName).url, viewport);
    const directory = firm.getByRole('region', { name: 'ベンチャー一覧' });
    await expect(directory.locator('.directory__item')).toHaveCount(HALL_VENTURES.length);

    // Hiragana and half-width katakana find what is written in katakana, and only that; in the
    // directory's order for a firm with challenges (「あなたの課題に合う順」, ties by reading).
    const mine = hallFirmChallenges(firmName);
    const withDrone = [...snapshot.ventures]
      .sort((a, b) => challengeFit(mine, b.tags).score - challengeFit(mine, a.tags).score)
      .filter((v) => [v.name, v.summary, ...v.tags].some((text) => text.includes('ドローン')))
      .map((v) => v.name);
    expect(withDrone.length).toBeGreaterThan(0);
    const DRONE = withDrone[0]!;
    const search = directory.getByRole('searchbox', { name: '名前・キーワードで検索' });
    for (const typed of DRONE_TYPED) {
      await search.fill(typed);
      await expect(directory.locator('.directory__name')).toHaveText(withDrone);
    }

    // Tap one: the entry opens with the request first. Tap two: sent.
    await directory.getByRole('button', { name: DRONE, expanded: false }).tap();
    const entry = directory.locator('.directory__item').filter({ hasText: DRONE });
    const ask = entry.getByRole('button', { name: `${DRONE} に面談を申し込む` });
    const firstTap = entry.getByRole('button', { name: '興味あり', exact: true });
    expect((await ask.boundingBox())!.y).toBeLessThan((await firstTap.boundingBox())!.y);
    await expectCleanLayout(firm, ['.directory__body .request-form__row > *', '.directory__body .tap']);
    await shot(firm, testInfo, 'directory-entry', viewport);
    await ask.tap();
    await expect(entry).toContainText('面談の申し込み: 返事待ち');

    // Signing out asks first and says what it costs; "やめる" keeps the phone signed in.
    const account = firm.getByRole('region', { name: /としてログイン中/ });
    await account.getByRole('button', { name: 'ログアウト', exact: true }).tap();
    const confirm = account.getByRole('alertdialog', { name: 'ログアウト' });
    await expect(confirm).toContainText('名札のQRコードを読み取る必要があります');
    await expectCleanLayout(firm, ['.account-bar__confirm button']);
    await shot(firm, testInfo, 'sign-out-confirm', viewport);
    await confirm.getByRole('button', { name: 'やめる' }).tap();
    await expect(confirm).toHaveCount(0);
    await account.getByRole('button', { name: 'ログアウト', exact: true }).tap();
    // Signed out, the page loads afresh at the start: no session, nothing of the last person's left.
    const reloaded = firm.waitForEvent('load');
    await confirm.getByRole('button', { name: 'ログアウトする' }).tap();
    await reloaded;
    await expect(firm.getByRole('heading', { name: 'バッジのQRコードを読み取ってください' })).toBeVisible();
    await firm.reload();
    await expect(firm.getByRole('heading', { name: 'バッジのQRコードを読み取ってください' })).toBeVisible();
  });
}
