import fs from 'node:fs';
import { devices, type Page } from '@playwright/test';
import { attachScreenshot, expectCleanLayout } from './support/layout';
import { demoEvent, linksOfEventNamed } from './support/state';
import { closeContextsAfterEach, openPage } from './support/contexts';
import { expect, test } from './support/fixtures';
import { acknowledgeNotice } from './support/privacy';

closeContextsAfterEach();

const phone = { ...devices['iPhone 13'], defaultBrowserType: undefined };

/** Today and a clock time in Tokyo, as the event's date and grid read them. */
const tokyo = (at: number, parts: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', ...parts }).format(at);
const today = () => tokyo(Date.now(), { year: 'numeric', month: '2-digit', day: '2-digit' });
const hhmm = (at: number) => tokyo(at, { hour: '2-digit', minute: '2-digit', hour12: false });
/** Tokyo has no daylight saving: midnight there is a fixed offset from UTC. */
const msToTokyoMidnight = () => 86_400_000 - ((Date.now() + 9 * 3_600_000) % 86_400_000);

const NEW_EVENT = '第2回 苫小牧ビジネスマッチング';
const FIRM_A = { name: '佐藤 一郎', kana: 'さとう いちろう', company: '勇払テスト工業株式会社', kind: 'firm' };
const FIRM_B = { name: '山田 花子', kana: 'やまだ はなこ', company: 'テスト観光ホテル', kind: 'firm' };
const VENTURE = { name: '中田 光', kana: 'なかた ひかる', company: '株式会社テストAI', kind: 'venture' };

async function register(organizer: Page, p: typeof FIRM_A) {
  const form = organizer.getByRole('region', { name: '参加者を追加' });
  await form.getByLabel('氏名').fill(p.name);
  await form.getByLabel('ふりがな').fill(p.kana);
  await form.getByLabel('会社名').fill(p.company);
  await form.getByLabel('区分').selectOption(p.kind);
  await form.getByRole('checkbox').uncheck();
  await form.getByRole('button', { name: '登録', exact: true }).click();
  await expect(form.getByRole('status')).toContainText(`${p.name} さんを登録しました`);
  await form.getByRole('button', { name: '次の方を登録' }).click();
}

async function checkIn(organizer: Page, name: string) {
  await organizer.getByRole('searchbox').fill(name);
  await organizer.getByRole('button', { name: `${name} を受付` }).click();
  await expect(organizer.getByRole('listitem').filter({ hasText: name })).toContainText('✓');
}

test('an organizer sets up an event by hand, runs it, and the KPI report shows what happened', async ({
  browser,
}, testInfo) => {
  // The meeting must have started before it can be held: up to two minutes of waiting are inside.
  test.setTimeout(300_000);
  // The grid's windows lie within the event's day: a run late in the Tokyo evening waits for midnight.
  const untilMidnight = msToTokyoMidnight();
  if (untilMidnight < 20 * 60_000) {
    test.setTimeout(300_000 + untilMidnight);
    await new Promise((resolve) => setTimeout(resolve, untilMidnight + 5_000));
  }
  const first = demoEvent('console');
  const organizer = await openPage(browser, first.person('organizer').url, { viewport: { width: 1280, height: 900 } });
  const nav = organizer.getByRole('navigation');

  // The first event of the series took place in June, with one local firm at the door.
  await nav.getByRole('link', { name: '受付' }).click();
  await checkIn(organizer, first.person('firm').name);
  await nav.getByRole('link', { name: '設定' }).click();
  const details = organizer.getByRole('region', { name: '基本情報とKPI目標' });
  await details.getByLabel('開催日').fill('2026-06-10');
  await details.getByRole('button', { name: '保存' }).click();
  await expect(details.getByRole('status')).toHaveText('保存しました');

  // A new event of the series, from nothing, then into it.
  await nav.getByRole('link', { name: 'イベント' }).click();
  const create = organizer.getByRole('region', { name: '新しいイベント' });
  await create.getByLabel('イベント名').fill(NEW_EVENT);
  await create.getByLabel('開催日').fill(today());
  await create.getByLabel('設定のコピー元').selectOption({ label: 'コピーしない' });
  await create.getByRole('button', { name: '作成' }).click();
  await organizer.getByRole('button', { name: `「${NEW_EVENT}」を開く` }).click();
  await expect(organizer).toHaveURL(/\/organizer\/settings$/);
  await expect(organizer.getByRole('banner')).toContainText(NEW_EVENT);

  // Details and targets; a second organizer.
  await details.getByLabel('会場').fill('苫小牧市民会館');
  await details.getByLabel('目標：地元企業（社）').fill('2');
  await details.getByLabel('目標：ベンチャー（社）').fill('1');
  await details.getByLabel('目標：面談実施（件）').fill('2');
  await details.getByLabel('目標：PoC開始（件）').fill('1');
  await details.getByRole('button', { name: '保存' }).click();
  await expect(details.getByRole('status')).toHaveText('保存しました');
  const organizers = organizer.getByRole('region', { name: '事務局メンバー' });
  await organizers.getByLabel('氏名').fill('鈴木 花子');
  await organizers.getByRole('button', { name: '事務局メンバーを追加' }).click();
  await expect(organizers.getByLabel('鈴木 花子 さんのログインリンク')).toHaveValue(/\/t\/[A-Za-z0-9_-]+$/);
  await expect(organizer.getByRole('link', { name: 'ボードを開く' })).toHaveAttribute('href', /\/board\//);

  // Registrations by hand.
  await nav.getByRole('link', { name: '参加者' }).click();
  for (const p of [FIRM_A, FIRM_B, VENTURE]) await register(organizer, p);

  // Their phones, signed in by the links on their badges.
  const links = await linksOfEventNamed(NEW_EVENT);
  const link = (name: string) => links.people.find((p) => p.name === name)!.url;
  const [firmA, firmB, venture] = await Promise.all([
    openPage(browser, link(FIRM_A.name), phone),
    openPage(browser, link(FIRM_B.name), phone),
    openPage(browser, link(VENTURE.name), phone),
  ]);
  // New registrations: each phone shows the privacy notice first.
  for (const page of [firmA, firmB, venture]) await acknowledgeNotice(page);

  // The meeting grid, set now so its first slot starts a minute or two from now.
  const start = Math.ceil((Date.now() + 60_000) / 60_000) * 60_000;
  await nav.getByRole('link', { name: '面談' }).click();
  const grid = organizer.getByRole('region', { name: '面談枠の設定' });
  await grid.getByLabel(/面談の時間帯/).fill(`${hhmm(start)}-${hhmm(start + 15 * 60_000)}`);
  // Three 5-minute slots: one for the accepted request, free ones so the other stays open to decline.
  await grid.getByLabel('1枠（分）').fill('5');
  await grid.getByLabel('間隔（分）').fill('0');
  await grid.getByLabel(/テーブル/).fill('1');
  await grid.getByRole('button', { name: '保存' }).click();
  await expect(grid.getByRole('status')).toContainText('保存しました');

  // Two requests: one accepted (booked at the first slot), one declined.
  for (const firm of [firmA, firmB]) {
    const directory = firm.getByRole('region', { name: 'ベンチャー一覧' });
    await directory.getByRole('button', { name: VENTURE.company }).click();
    await directory.getByRole('button', { name: `${VENTURE.company} に面談を申し込む` }).click();
  }
  const incoming = venture.getByRole('region', { name: /届いた申し込み/ });
  await incoming.getByRole('button', { name: `${FIRM_A.company} の申し込みを承諾` }).click();
  await incoming.getByRole('button', { name: `${FIRM_B.company} の申し込みを辞退` }).click();
  await incoming.getByRole('button', { name: '辞退' }).click();
  const agenda = venture.getByRole('region', { name: 'あなたの面談予定' });
  await expect(agenda.getByRole('listitem')).toContainText(`${hhmm(start)} テーブル 1${FIRM_A.company}`);

  // While the first slot comes up: the program, the door and the pitch.
  // The program: one session, one pitch.
  await nav.getByRole('link', { name: 'プログラム' }).click();
  const editor = organizer.getByRole('region', { name: 'プログラムの編集' });
  await editor.getByLabel('セッション名').fill('第1部');
  await editor.getByRole('button', { name: 'セッションを追加' }).click();
  await editor.getByRole('button', { name: '第1部 にピッチを追加' }).click();
  await editor.getByLabel('ベンチャー').selectOption({ label: VENTURE.company });
  await editor.getByLabel('ピッチのタイトル').fill('AIで検品を自動化');
  await editor.getByLabel('時間（分）').fill('5');
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(editor.getByText('AIで検品を自動化')).toBeVisible();

  // The door: everyone checked in by name.
  await nav.getByRole('link', { name: '受付' }).click();
  for (const p of [FIRM_A, FIRM_B, VENTURE]) await checkIn(organizer, p.name);

  // The pitch: one firm wants to meet, the other is interested.
  await nav.getByRole('link', { name: 'プログラム' }).click();
  await organizer.getByRole('button', { name: `${VENTURE.company} のピッチを開始` }).click();
  await firmA.getByRole('region', { name: '発表中' }).getByRole('button', { name: '会いたい' }).tap();
  await firmB.getByRole('region', { name: '発表中' }).getByRole('button', { name: '興味あり' }).tap();

  // The meeting starts; the venture marks it held; weeks later the firm records a PoC.
  await agenda.getByRole('button', { name: '実施済みにする' }).click({ timeout: 180_000 });
  const outcome = firmA.getByRole('form', { name: `${FIRM_A.company} × ${VENTURE.company} の成果を保存` });
  await outcome.getByLabel('成果').selectOption({ label: 'PoC開始' });
  await outcome.getByLabel('PoC開始日').fill('2026-12-15');
  await outcome.getByRole('button', { name: '成果を保存' }).click();
  await expect(outcome.getByRole('status')).toHaveText('保存しました');

  // The live dashboard.
  await nav.getByRole('link', { name: '成果' }).click();
  const live = organizer.getByRole('region', { name: /ライブ集計/ });
  await expect(live.locator('[data-kpi="people"] dd')).toHaveText('3');
  await expect(live.locator('[data-kpi="companies"] dd')).toHaveText('3');
  await expect(live.locator('[data-kpi="held"] dd')).toHaveText('1');
  await expect(live.locator('[data-kpi="pocs"] dd')).toHaveText('1');
  await expect(live.getByRole('img', { name: /受付数の推移（累計）: .*3 人/ })).toBeVisible();
  await expectCleanLayout(organizer, ['.kpi', '.breakdown']);
  await attachScreenshot(organizer, testInfo, 'dashboard');

  // The CSV of meetings, as Excel opens it.
  const download = organizer.waitForEvent('download');
  await organizer.getByRole('link', { name: '面談と成果（CSV）' }).click();
  const bytes = fs.readFileSync(await (await download).path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3))).toContain(
    `${FIRM_A.company},${VENTURE.company},実施,,PoC開始,2026-12-15`,
  );

  // The KPI report, printed on A4: each figure is what this test did.
  const report = await organizer.context().newPage();
  // No test can see the print dialog: window.print becomes a counter.
  await report.addInitScript(() => {
    const w = window as unknown as { printed: number };
    w.printed = 0;
    window.print = () => void w.printed++;
  });
  const printed = () => report.evaluate(() => (window as unknown as { printed: number }).printed);
  await report.goto(new URL('/organizer/report', organizer.url()).href);
  const row = (kpi: string) => report.locator(`[data-kpi="${kpi}"] td`);
  // This event | the June event | target | of target
  await expect(row('companies-firm')).toHaveText(['2', '1', '2', '100%']);
  await expect(row('companies-venture')).toHaveText(['1', '0', '1', '100%']);
  await expect(row('companies-partner')).toHaveText(['0', '0', '—', '—']);
  await expect(row('companies-companies')).toHaveText(['3', '1', '3', '100%']);
  await expect(row('compare-held')).toHaveText(['1', '0', '2', '50%']);
  await expect(row('compare-pocs')).toHaveText(['1', '0', '1', '100%']);
  const figure = (kpi: string) => report.locator(`[data-kpi="${kpi}"] .value`);
  await expect(figure('requested')).toHaveText('2');
  await expect(figure('acceptance')).toHaveText('50%');
  await expect(figure('follow-ups')).toHaveText('1');
  await expect(figure('firms-met')).toContainText('50%');
  await expect(report.locator('td[data-kpi="interests"]')).toHaveText('2 (うち「会いたい」 1)');
  await expect(report.getByText('苫小牧市民会館')).toBeVisible();
  // The print button prints (the app's CSP allows no inline onclick: /print.js wires it).
  await report.getByRole('button', { name: '印刷 / PDF保存' }).click();
  await expect.poll(printed).toBe(1);

  await report.emulateMedia({ media: 'print' });
  await report.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
  await expectCleanLayout(report, ['table', '.figure']);
  await attachScreenshot(report, testInfo, 'kpi-report-a4');
  const pdf = await report.pdf({ format: 'A4', printBackground: true });
  await testInfo.attach('kpi-report.pdf', { body: pdf, contentType: 'application/pdf' });
  // One A4 page: the report fits what the city files.
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);

  // And in English.
  await report.goto(new URL('/organizer/report?lang=en', organizer.url()).href);
  await expect(report.getByRole('heading', { level: 1 })).toHaveText('Matching event: results');
  await expect(report.locator('[data-kpi="companies-companies"] td')).toHaveText(['3', '1', '3', '100%']);

  // The badge sheet prints the same way, with a button of its own.
  await report.emulateMedia({ media: 'screen' });
  await report.goto(new URL('/organizer/badges/print', organizer.url()).href);
  await expect(report.locator('.badge')).toHaveCount(3);
  await report.getByRole('button', { name: '印刷 / Print' }).click();
  await expect.poll(printed).toBe(1);
});
