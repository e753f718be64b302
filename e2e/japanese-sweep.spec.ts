/**
 * Japanese everywhere: every page a person can reach, opened in Japanese, read as they would read
 * it (the visible text, and the labels, titles and placeholders a screen reader or a hover shows),
 * and no English sentence in it. The seeded names, URLs, codes and a short allow-list aside
 * (support/english-text.ts). Refusals are provoked too: a foreign QR code at the door, a booking the
 * grid refuses, an import with broken rows. Text marked lang="en" is a deliberate English twin
 * (the 401 page, the badge's kind band) and is not read.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { ja } from '../client/src/lib/messages';
import { jaLater } from '../client/src/lib/messages-later';
import { sampleRegistrationCsv } from '../server/testing/registration-files';
import type { EventLinks } from '../server/links';
import { seedDemoEvents } from './support/demo-server';
import { ALLOWED, englishIn, englishInLines, type Finding } from './support/english-text';
import { launchCameraBrowser, writeQrVideo } from './support/fake-camera';
import { expect, test } from './support/fixtures';
import { e2eState } from './support/state';

test.describe('the English detector', () => {
  test('finds English sentences in Japanese text', () => {
    const phrases = (line: string) => englishIn(line).map((f) => f.phrase);
    expect(phrases('This QR code is not a badge of this event.')).toEqual([
      'This QR code is not a badge of this event.',
    ]);
    expect(phrases('3行目 name is empty')).toEqual(['name is empty']);
    expect(phrases('受付: Checked in')).toEqual(['Checked in']);
    // A quoted number breaks the run: the sentence is still found, from its first lower-case words.
    expect(phrases('できませんでした: Table "2" is already taken in that slot.')).toEqual([
      'is already taken in that slot.',
    ]);
    expect(phrases('カメラを使えません: NotAllowedError: Permission denied')).toEqual([
      'NotAllowedError: Permission denied',
    ]);
  });

  test('lets Japanese, single words, codes, names, URLs and the allow-list pass', () => {
    for (const line of [
      'バッジのQRコードを読み取ってください',
      'English',
      'QR · CSV · PoC · DX',
      'カメラが見つかりません。 (NotFoundError)',
      'Chrome か Safari でこのページを開いてください',
      'https://pitch.example.jp/check を開いてください',
      '連絡先: info@example.jp',
      '参加者リスト.csv を選んでください',
      'Excel の CSV UTF-8 で保存してください',
      'カメラには HTTPS のアドレス（または http://localhost）が必要です',
      'Harbor AI',
    ])
      expect(englishIn(line), line).toEqual([]);
    expect(englishIn('Switch to English')).toEqual([]);
    expect(englishIn('Switch to English', [], [])).toHaveLength(1);
    expect(englishIn('担当: Tomakomai robotics team', ['Tomakomai robotics team'])).toEqual([]);
    expect(englishIn('担当: Tomakomai robotics team')).toHaveLength(1);
  });

  // States a sweep cannot reach (a camera that is in use, a refusal of a rare kind) are still in the table.
  test('the Japanese message tables hold no English sentence', () => {
    const found = Object.entries({ ...ja, ...jaLater }).flatMap(([key, text]) =>
      englishIn(text.replace(/\{\w+\}/g, ' ')).map((f) => `${key}: ${f.phrase}`),
    );
    expect(found).toEqual([]);
  });

  test('every allowed phrase says why, and a line is reported once per phrase', () => {
    for (const allowed of ALLOWED) expect(allowed.reason.length, allowed.text).toBeGreaterThan(10);
    expect(englishInLines(['not a badge', 'not a badge', 'still not a badge'])).toEqual([
      { phrase: 'not a badge', context: 'not a badge' },
      { phrase: 'still not a badge', context: 'still not a badge' },
    ]);
  });
});

/** What a person reads on the page: visible text, and the labels, titles and placeholders of visible elements. */
function visibleLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const english = (el: Element) => /^en\b/i.test(el.closest('[lang]')?.getAttribute('lang') ?? '');
    let text = document.body.innerText;
    // A deliberate English twin (lang="en") is taken out of the text before it is read.
    for (const el of document.body.querySelectorAll<HTMLElement>('[lang]')) {
      if (english(el) && el.innerText) text = text.replace(el.innerText, '\n');
    }
    const lines = text.split('\n');
    for (const el of document.body.querySelectorAll(
      '[aria-label], [title], [placeholder], [alt], [aria-description]',
    )) {
      if (english(el) || !el.checkVisibility()) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
        const value = el.getAttribute(name);
        if (value) lines.push(value);
      }
    }
    return lines.map((l) => l.trim()).filter(Boolean);
  });
}

/** Names the seed put in the event: people, companies, the event. */
function seededNames(links: EventLinks): string[] {
  return [links.eventName, ...links.people.flatMap((p) => [p.name, p.org ?? ''])];
}

async function japaneseContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', ...options });
  await context.addInitScript(() => localStorage.setItem('pm_lang', 'ja'));
  return context;
}

async function open(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

test.describe('every page in Japanese', () => {
  let links: EventLinks;
  let baseUrl: string;
  let names: string[];
  const found: { page: string; findings: Finding[] }[] = [];

  // An event of the sweep's own, seeded into the running server's store: its taps, bookings and
  // refusals touch no other spec's figures.
  test.beforeAll(() => {
    const state = e2eState();
    baseUrl = state.baseUrl;
    const seeded = seedDemoEvents(
      state.dbFile,
      [`日本語チェック ${randomBytes(3).toString('hex')}`],
      Buffer.from(state.secretHex, 'hex'),
      baseUrl,
    );
    links = Object.values(seeded)[0]!;
    names = seededNames(links);
  });

  const person = (role: string, index = 0) => links.people.filter((p) => p.role === role)[index]!;

  /** `settle: false` reads at once: a door's answer shows for a moment only. */
  async function read(page: Page, name: string, { settle = true } = {}): Promise<string[]> {
    if (settle) await page.waitForLoadState('networkidle');
    const lines = await visibleLines(page);
    // A page read as nearly empty (not yet drawn, or a reader that sees nothing) would pass unread.
    expect.soft(lines.length, `lines read on ${name}`).toBeGreaterThanOrEqual(2);
    const findings = englishInLines(lines, names);
    found.push({ page: name, findings });
    expect
      .soft(
        findings.map((f) => `${f.phrase}   ← ${f.context}`),
        `English on ${name}`,
      )
      .toEqual([]);
    return lines;
  }

  test('signed out: the welcome page, the connection check, the 401 page', async ({ browser }) => {
    const context = await japaneseContext(browser);
    const welcome = await open(context, baseUrl);
    await expect(welcome.getByRole('heading', { name: 'バッジのQRコードを読み取ってください' })).toBeVisible();
    await read(welcome, 'welcome');

    const check = await open(context, `${baseUrl}/check`);
    await expect(check.getByRole('list', { name: '接続チェック' })).toHaveAttribute('aria-busy', 'false', {
      timeout: 20_000,
    });
    await read(check, '/check');

    const refused = await context.newPage();
    expect((await refused.goto(`${baseUrl}/t/not-a-real-badge`))?.status()).toBe(401);
    await read(refused, '401');
  });

  test('the organizer, a firm, a venture and the board through a pitch, a tap, a booking and its refusal', async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const venture = person('venture');
    const ventureName = venture.org!;
    const organizer = await open(await japaneseContext(browser), person('organizer').url);
    const firm = await open(
      await japaneseContext(browser, { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } }),
      person('firm').url,
    );
    const ventureHome = await open(await japaneseContext(browser), venture.url);
    const board = await open(await japaneseContext(browser, { viewport: { width: 1920, height: 1080 } }), links.board);

    // Each drawn before it is read: a page read before its first render would pass unread.
    await expect(organizer.getByRole('button', { name: `${ventureName} のピッチを開始` })).toBeVisible();
    await expect(firm.getByText('現在、発表はありません').first()).toBeVisible();
    await expect(board.getByLabel('来場者')).toBeVisible();
    await read(organizer, 'organizer home before the program (/organizer)');
    await read(firm, 'firm home, no pitch');
    await read(board, 'board before the program');
    await organizer.getByRole('button', { name: `${ventureName} のピッチを開始` }).click();
    await expect(firm.getByRole('heading', { name: ventureName }).first()).toBeVisible();
    const wantToMeet = firm.getByRole('button', { name: '会いたい', exact: true }).first();
    await wantToMeet.click();
    await expect(wantToMeet).toHaveAttribute('aria-pressed', 'true');
    await expect(firm.getByText('「会いたい」を伝えました').first()).toBeVisible();
    // The firm asks to meet (the form may open first and send on the second tap); the venture sees it.
    const ask = firm.getByRole('button', { name: `${ventureName} に面談を申し込む` }).first();
    await expect(ask).toBeVisible();
    if (!(await firm.getByLabel('メッセージ（任意）').first().isVisible())) await ask.click();
    await ask.click();
    await expect(firm.getByText('面談の申し込み: 返事待ち').first()).toBeVisible();
    await expect(ventureHome.getByText('届いた申し込み').first()).toBeVisible();
    await read(organizer, 'organizer home with a live pitch (/organizer)');
    await read(firm, 'firm home with a live pitch after 会いたい');
    await read(ventureHome, 'venture home with a live pitch and a lead');
    await read(board, 'board with a live pitch');

    // The door: a search, a check-in by name.
    await organizer.getByRole('link', { name: '受付', exact: true }).click();
    await expect(organizer.getByRole('heading', { name: '受付ステーション' })).toBeVisible();
    const guest = person('firm', 1);
    await organizer.getByRole('searchbox').fill(guest.name);
    await organizer.getByRole('button', { name: `${guest.name} を受付` }).click();
    await expect(organizer.getByRole('alert').filter({ hasText: '受付しました' })).toBeVisible();
    await read(organizer, 'check-in station after a check-in (/organizer/checkin)');

    // People, with an import preview of broken rows (never committed).
    await organizer.getByRole('link', { name: '参加者', exact: true }).click();
    await expect(organizer.getByRole('heading', { level: 1 })).toBeVisible();
    await organizer
      .locator('input[type=file]')
      .first()
      .setInputFiles({
        name: '参加者リスト.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          sampleRegistrationCsv({
            extraLines: [
              ',名前なし,どこかの会社,地元企業,,,',
              '山田 花子,やまだ はなこ,どこかの会社,スポンサー,,,',
              '鈴木 一郎,すずき いちろう,べつの会社,地元企業,not-an-email,,',
            ],
          }),
        ),
      });
    await expect(organizer.getByText(/エラー \d+行/).first()).toBeVisible();
    await read(organizer, 'people with an import preview of broken rows (/organizer/people)');
    // A file the server cannot read at all (a header and no rows): refused whole.
    await organizer
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: '空のリスト.csv', mimeType: 'text/csv', buffer: Buffer.from('氏名,会社名\r\n') });
    await expect(organizer.getByText('見出し行の下に行がありません', { exact: false }).first()).toBeVisible();
    await read(organizer, 'people with an unreadable import file (/organizer/people)');

    // Meetings: one booking, then the same firm at the same time with another venture, refused.
    await organizer.getByRole('link', { name: '面談', exact: true }).click();
    const matrix = organizer.getByRole('region', { name: '面談表' });
    await expect(matrix.getByRole('table')).toBeVisible();
    const firstRow = matrix
      .getByRole('row')
      .filter({ has: organizer.getByRole('button', { name: /に予約$/ }) })
      .first();
    const booked = matrix.locator('.cell-meeting');
    const before = await booked.count();
    for (const ventureIndex of [0, 1]) {
      await firstRow
        .getByRole('button', { name: /に予約$/ })
        .first()
        .click();
      await matrix.getByLabel('企業').selectOption({ label: person('firm', 0).org! });
      await matrix.getByLabel('ベンチャー').selectOption({ label: person('venture', ventureIndex).org! });
      await matrix.getByRole('button', { name: '予約', exact: true }).click();
      if (ventureIndex === 0) await expect(booked).toHaveCount(before + 1);
    }
    await expect(organizer.getByText(/できませんでした/).first()).toBeVisible();
    await read(organizer, 'meeting grid with a refused booking (/organizer/meetings)');
    // A grid the server refuses (a window past midnight), nothing saved.
    const gridForm = organizer.getByRole('region', { name: '面談枠の設定' });
    await gridForm.getByLabel(/面談の時間帯/).fill('15:00-25:00');
    await gridForm.getByRole('button', { name: '保存' }).click();
    await expect(gridForm.getByRole('status')).toContainText('できませんでした');
    await read(organizer, 'meeting grid with a refused grid (/organizer/meetings)');

    for (const [link, page] of [
      ['成果', '/organizer/results'],
      ['設定', '/organizer/settings'],
      ['イベント', '/organizer/events'],
    ] as const) {
      await organizer.getByRole('link', { name: link, exact: true }).click();
      await expect(organizer.getByRole('heading', { level: 1 })).toBeVisible();
      await read(organizer, page);
    }
    await read(firm, 'firm home with a meeting booked');
    await read(ventureHome, 'venture home with a meeting booked');
    await read(board, 'board with a meeting booked');

    const report = await organizer.context().newPage();
    await report.goto(`${baseUrl}/organizer/report`);
    await read(report, 'KPI report (/organizer/report)');
    await report.goto(`${baseUrl}/organizer/report?scope=series`);
    await read(report, 'series KPI report (/organizer/report?scope=series)');
    await report.goto(`${baseUrl}/organizer/badges/print`);
    await read(report, 'badge sheet (/organizer/badges/print)');

    // The CSV files an organizer opens in Excel: headers and labels, cell by cell.
    for (const name of ['people', 'interests', 'requests', 'meetings']) {
      const csv = await organizer.context().request.get(`${baseUrl}/api/export/${name}.csv`);
      expect(csv.ok(), name).toBe(true);
      const cells = (await csv.text()).split(/\r?\n/).flatMap((line) => line.split(','));
      const findings = englishInLines(cells, names);
      found.push({ page: `${name}.csv`, findings });
      expect
        .soft(
          findings.map((f) => `${f.phrase}   ← ${f.context}`),
          `English in ${name}.csv`,
        )
        .toEqual([]);
    }
  });

  test('the door refuses a QR code that is not a badge', async () => {
    test.setTimeout(120_000);
    const browser = await launchCameraBrowser(writeQrVideo('https://example.com/not-a-badge'));
    try {
      const station = await open(await japaneseContext(browser, { permissions: ['camera'] }), person('organizer').url);
      await station.getByRole('link', { name: '受付', exact: true }).click();
      const answer = station.getByRole('alert');
      const refusal = answer.and(station.locator('.door-result--refused'));
      await expect(refusal).toBeVisible({ timeout: 45_000 });
      const shown = (await refusal.innerText()).split('\n')[0]!.trim();
      const lines = await read(station, 'check-in station refusing a foreign QR code', { settle: false });
      expect(lines, 'the refusal was read while on screen').toContain(shown);
    } finally {
      await browser.close();
    }
  });

  test.afterAll(() => {
    // The whole list in one place, for the report: page by page.
    const lines = found.flatMap(({ page, findings }) => findings.map((f) => `${page}: ${f.phrase}   ← ${f.context}`));
    if (lines.length > 0) console.log(`English found on Japanese pages:\n${lines.join('\n')}`);
  });
});
