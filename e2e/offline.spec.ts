import { devices, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { attachScreenshot, expectCleanLayout } from './support/layout';
import { demoEvent } from './support/state';
import { closeContextsAfterEach, openPage } from './support/contexts';
import { expect, test } from './support/fixtures';

closeContextsAfterEach();

const phone = { ...devices['iPhone 13'], defaultBrowserType: undefined }; // 390×844, touch, mobile

/** A phone whose socket.io frames are recorded, every websocket of the page included (reconnects open new ones). */
async function recordedPhone(browser: Browser, url: string) {
  const context: BrowserContext = await browser.newContext(phone);
  const page: Page = await context.newPage();
  const sent: { at: number; payload: string }[] = [];
  const closed: number[] = [];
  page.on('websocket', (ws) => {
    ws.on('framesent', (frame) => sent.push({ at: Date.now(), payload: String(frame.payload) }));
    ws.on('close', () => closed.push(Date.now()));
  });
  // socket.io reconnects over HTTP long-polling before it upgrades to a WebSocket, so a queued tap
  // may leave in a polling POST: its body holds engine.io packets separated by the record separator.
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !request.url().includes('/socket.io/')) return;
    for (const payload of (request.postData() ?? '').split('\x1e')) sent.push({ at: Date.now(), payload });
  });
  await page.goto(url);
  return { context, page, sent, closed };
}

/** The interest:set commands among recorded socket.io frames, decoded (`42<ack id>["interest:set",{…}]`). */
function interestCommands(frames: { payload: string }[]) {
  return frames
    .map((f) => /^42\d*(\[.*\])$/s.exec(f.payload)?.[1])
    .filter((json): json is string => json !== undefined)
    .map((json) => JSON.parse(json) as [string, { ventureId: string; level: string | null; key?: string }])
    .filter(([event]) => event === 'interest:set')
    .map(([, payload]) => payload);
}

test('a phone that drops mid-pitch keeps its taps, shows them waiting, and sends the last one once when back', async ({
  browser,
}, testInfo) => {
  const event = demoEvent('offline');
  const ventureLink = event.person('venture');
  const ventureName = ventureLink.org!;
  const firmALink = event.person('firm', 0);
  const firmBLink = event.person('firm', 2); // another company than firm A's

  const organizer = await openPage(browser, event.person('organizer').url);
  const a = await recordedPhone(browser, firmALink.url);
  const firmB = await openPage(browser, firmBLink.url, phone);
  const venture = await openPage(browser, ventureLink.url);
  const board = await openPage(browser, event.board, { viewport: { width: 1920, height: 1080 } });

  await organizer.getByRole('button', { name: `${ventureName} のピッチを開始` }).click();
  for (const page of [a.page, firmB]) await expect(page.getByRole('heading', { name: ventureName })).toBeVisible();
  const boardRow = board.getByRole('listitem', { name: ventureName });
  await expect(boardRow.getByLabel('興味あり 0')).toBeVisible();
  await expect(venture.getByLabel('関心（合計）', { exact: true })).toHaveText('0');

  // A reload would lose this marker and show up as a navigation.
  await a.page.evaluate(() => Object.assign(window, { pitchMatchMarker: 'still here' }));
  const navigations: string[] = [];
  a.page.on('framenavigated', (frame) => frame === a.page.mainFrame() && navigations.push(frame.url()));

  const nowA = a.page.getByRole('region', { name: '発表中' });
  const interestedA = nowA.getByRole('button', { name: '興味あり', exact: true });
  const meetA = nowA.getByRole('button', { name: '会いたい', exact: true });
  const waiting = a.page.getByRole('status').filter({ hasText: '送信待ち' });

  // The phone loses the network mid-pitch: the banner says so at once.
  const cutAt = Date.now();
  await a.context.setOffline(true);
  await expect(a.page.getByText('オフラインです')).toBeVisible();
  const framesBeforeTaps = a.sent.length;

  // Two taps offline: "interested", then a change of mind to "want to meet". Both show at once, waiting.
  await interestedA.tap();
  await expect(interestedA).toHaveAttribute('aria-pressed', 'true');
  await expect(waiting).toBeVisible();
  await meetA.tap();
  await expect(meetA).toHaveAttribute('aria-pressed', 'true');
  await expect(interestedA).toHaveAttribute('aria-pressed', 'false');
  await expect(waiting).toBeVisible();

  // A meeting request is not queued: the button is off, with the reason.
  const directoryItem = a.page.getByRole('listitem').filter({ hasText: ventureName });
  await directoryItem.getByRole('button', { name: ventureName, expanded: false }).tap();
  await expect(directoryItem.getByRole('button', { name: `${ventureName} に面談を申し込む` })).toBeDisabled();
  await expect(directoryItem.getByText('オフラインのため申し込めません')).toBeVisible();
  await directoryItem.getByRole('button', { name: ventureName, expanded: true }).tap();

  await a.page.evaluate(() => window.scrollTo(0, 0));
  await attachScreenshot(a.page, testInfo, 'offline-phone-390x844');
  await expectCleanLayout(a.page, ['.banner', '.tap', '.feedback-row > *', '.live-bar__venture']);

  // Meanwhile firm B, online, taps "interested": the venture and the board count it, and only it.
  const nowB = firmB.getByRole('region', { name: '発表中' });
  await nowB.getByRole('button', { name: '興味あり', exact: true }).tap();
  await expect(venture.getByLabel('関心（合計）', { exact: true })).toHaveText('1');
  await expect(boardRow.getByLabel('興味あり 1')).toBeVisible();
  await expect(venture.getByLabel('うち会いたい', { exact: true })).toHaveText('0');
  expect(interestCommands(a.sent.slice(framesBeforeTaps))).toEqual([]);
  testInfo.annotations.push({
    type: 'socket after setOffline',
    description: a.closed.some((t) => t >= cutAt)
      ? `websocket closed ${a.closed.find((t) => t >= cutAt)! - cutAt} ms after setOffline(true)`
      : 'websocket still open while offline',
  });

  // Back online: the socket resumes without a reload, and the one queued tap (the last) is sent once.
  const backAt = Date.now();
  await a.context.setOffline(false);
  await expect(venture.getByLabel('関心（合計）', { exact: true })).toHaveText('2', { timeout: 15_000 });
  await expect(venture.getByLabel('うち会いたい', { exact: true })).toHaveText('1');
  testInfo.annotations.push({ type: 'back online → venture counts', description: `${Date.now() - backAt} ms` });
  await expect(boardRow.getByLabel('興味あり 2')).toBeVisible();
  await expect(boardRow.getByText('会いたい 1')).toBeVisible();
  const leads = venture.getByRole('region', { name: /会いたいと言っている企業/ });
  await expect(leads.getByRole('listitem')).toHaveText([new RegExp(firmALink.org!)]);

  await expect(waiting).toHaveCount(0);
  await expect(a.page.getByText('オフラインです')).toHaveCount(0);
  await expect(meetA).toHaveAttribute('aria-pressed', 'true');
  // Frames reach the test through the browser's devtools channel, after the server has answered them.
  await expect
    .poll(() => interestCommands(a.sent.slice(framesBeforeTaps)))
    .toEqual([
      {
        ventureId: expect.any(String),
        level: 'want-to-meet',
        tags: [],
        note: '',
        shareNote: false,
        key: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
    ]);
  expect(await a.page.evaluate(() => (window as unknown as { pitchMatchMarker?: string }).pitchMatchMarker)).toBe(
    'still here',
  );
  expect(navigations).toEqual([]);
  // The queue on the phone is empty again.
  await expect.poll(() => a.page.evaluate(() => localStorage.getItem('pm_tap_queue'))).toBe('[]');
});

test('a tap made offline survives the tab being closed, and is sent when the phone opens the app again', async ({
  browser,
}) => {
  const event = demoEvent('offline');
  const firm = event.person('firm', 3);
  const venture = await openPage(browser, event.person('venture').url);
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  await page.goto(firm.url);
  const nowCard = page.getByRole('region', { name: '発表中' });
  await expect(nowCard).toBeVisible();
  const before = Number(await venture.getByLabel('うち会いたい', { exact: true }).textContent());

  await context.setOffline(true);
  await expect(page.getByText('オフラインです')).toBeVisible();
  await nowCard.getByRole('button', { name: '会いたい', exact: true }).tap();
  await expect(page.getByRole('status').filter({ hasText: '送信待ち' })).toBeVisible();
  // The browser is closed to save battery while still offline: the tap is on the phone, not on the server.
  await page.close();
  await context.setOffline(false);
  await expect(venture.getByLabel('うち会いたい', { exact: true })).toHaveText(String(before));

  const reopened = await context.newPage();
  await reopened.goto(event.baseUrl);
  await expect(venture.getByLabel('うち会いたい', { exact: true })).toHaveText(String(before + 1), { timeout: 15_000 });
  const card = reopened.getByRole('region', { name: '発表中' });
  await expect(card.getByRole('button', { name: '会いたい', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(reopened.getByRole('status').filter({ hasText: '送信待ち' })).toHaveCount(0);
});
