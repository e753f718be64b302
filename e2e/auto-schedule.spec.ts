/**
 * 「自動で組む」 (issue 16 item 5): a session of pitches with several firms tapping 会いたい on their
 * phones; the organizer runs the scheduler on the meeting grid page, sees the preview and commits it;
 * each phone shows its new meetings. In the confirm mode a firm confirms one proposal and declines
 * another, and the next run offers the declined place to another pair.
 */
import { devices, type Browser, type Page } from '@playwright/test';
import { closeContextsAfterEach, openPage } from './support/contexts';
import { seedDemoEventsInto, startSeededServer, type SeededServer } from './support/demo-server';
import { expect, test } from './support/fixtures';
import type { EventLinks } from '../server/links';

closeContextsAfterEach();

const phone = { ...devices['iPhone 13'], defaultBrowserType: undefined };

// A server of this spec's own: its events are scheduled from nothing but what the test taps.
let server: SeededServer<Record<string, EventLinks>>;
test.beforeAll(async () => {
  server = await startSeededServer('pitch-auto-schedule-', (store, secret, publicUrl) =>
    seedDemoEventsInto(store, ['auto-book', 'auto-propose'], secret, publicUrl),
  );
});
test.afterAll(async () => {
  await server?.stop();
});

function eventOf(name: 'auto-book' | 'auto-propose') {
  const links = server.seeded[name]!;
  const firms = [...new Set(links.people.filter((p) => p.role === 'firm').map((p) => p.org!))].map((org) =>
    links.people.find((p) => p.org === org)!,
  );
  const ventures = links.people.filter((p) => p.role === 'venture');
  return { organizer: links.people.find((p) => p.role === 'organizer')!, firms, ventures };
}

/** Two slots (15:00, 15:20) at the given tables: few places, so every placement is forced. */
async function setGrid(organizer: Page, tables: string, mode: 'すぐ予約する' | '提案として送り、双方の確認で確定する') {
  await organizer.getByRole('link', { name: '面談' }).click();
  const form = organizer.getByRole('region', { name: '面談枠の設定' });
  await form.getByLabel(/面談の時間帯/).fill('15:00-15:40');
  await form.getByLabel(/休憩/).fill('');
  await form.getByLabel('1枠（分）').fill('15');
  await form.getByLabel('間隔（分）').fill('5');
  await form.getByLabel(/テーブル/).fill(tables);
  await form.getByLabel('「自動で組む」の面談').selectOption({ label: mode });
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('status')).toHaveText(/保存しました（2枠 × \d+テーブル）/);
}

/** A firm says 会いたい on the pitch on stage, on its phone. */
async function tapNow(firm: Page, venture: string) {
  const nowCard = firm.getByRole('region', { name: '発表中' });
  await expect(nowCard.getByRole('heading', { name: venture })).toBeVisible();
  await nowCard.getByRole('button', { name: '会いたい', exact: true }).tap();
  await expect(nowCard.getByRole('button', { name: '会いたい', exact: true })).toHaveAttribute('aria-pressed', 'true');
}

/** The organizer puts a venture's pitch on stage; the firms on their phones say 会いたい. */
async function pitchAndTap(organizer: Page, venture: string, firms: Page[]) {
  await organizer.getByRole('link', { name: 'プログラム' }).click();
  await organizer.getByRole('button', { name: `${venture} のピッチを開始` }).click();
  for (const firm of firms) await tapNow(firm, venture);
}

/** 自動で組む → the preview → この内容で確定. */
async function runAndCommit(organizer: Page, meetings: number) {
  await organizer.getByRole('link', { name: '面談' }).click();
  const auto = organizer.getByRole('region', { name: '自動で組む' });
  await auto.getByRole('button', { name: '自動で組む' }).click();
  await expect(auto.getByTestId('auto-count')).toHaveText(`面談 ${meetings}件`);
  await auto.getByRole('button', { name: 'この内容で確定' }).click();
  await expect(auto.getByRole('status')).toHaveText(`${meetings}件の面談を確定しました`);
  return auto;
}

/** The event's wanted-and-met figures as the server has them now (the results page's API). */
async function wantedFigures(organizer: Page): Promise<unknown> {
  const answer = await organizer.context().request.get(`${server.baseUrl}/api/dashboard`);
  expect(answer.ok()).toBe(true);
  return ((await answer.json()) as { data: { figures: { wanted: unknown } } }).data.figures.wanted;
}

const agendaOf = (page: Page) => page.getByRole('region', { name: 'あなたの面談予定' }).getByRole('listitem');

async function phones(browser: Browser, urls: string[]): Promise<Page[]> {
  return Promise.all(urls.map((url) => openPage(browser, url, phone)));
}

test('firms tap 会いたい during the pitches; the organizer previews and commits; every phone shows its meetings', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const event = eventOf('auto-book');
  const [v0, v1] = [event.ventures[0]!.org!, event.ventures[1]!.org!];
  const [a, b, c] = [event.firms[0]!, event.firms[1]!, event.firms[2]!];
  const organizer = await openPage(browser, event.organizer.url);
  const [firmA, firmB, firmC] = await phones(browser, [a.url, b.url, c.url]);
  const [ventureV0] = await phones(browser, [event.ventures[0]!.url]);
  await setGrid(organizer, '1, 2', 'すぐ予約する');

  await pitchAndTap(organizer, v0, [firmA!, firmB!]);
  await pitchAndTap(organizer, v1, [firmA!, firmC!]);

  // Four pairs want to meet; two slots at two tables hold them all, the first firm in both slots.
  await organizer.getByRole('link', { name: '面談' }).click();
  const auto = organizer.getByRole('region', { name: '自動で組む' });
  await auto.getByRole('button', { name: '自動で組む' }).click();
  await expect(auto.getByTestId('auto-count')).toHaveText('面談 4件');
  await expect(auto.getByTestId('auto-preview')).toContainText('希望のある組 4組');
  await expect(auto.getByTestId('auto-preview')).toContainText('希望したすべての組織に面談があります');
  await expect(auto.getByTestId('auto-preview')).toContainText('確定するとすぐ予約されます');
  // Nothing is booked by looking. The preview has answered, so anything it wrote is written: the
  // server's own figures say no wanted pair is booked, and a phone loaded afresh has no meeting
  // (a fact on an open phone might still be on its way, so an empty agenda there proves nothing).
  expect(await wantedFigures(organizer)).toEqual({ pairs: 4, scheduled: 0, held: 0 });
  await firmA!.reload();
  await expect(firmA!.getByRole('region', { name: 'あなたの面談予定' })).toContainText('まだありません');
  await expect(agendaOf(firmA!)).toHaveCount(0);

  await auto.getByRole('button', { name: 'この内容で確定' }).click();
  await expect(auto.getByRole('status')).toHaveText('4件の面談を確定しました');

  // Every phone's agenda, live: no reload.
  await expect(agendaOf(firmA!)).toHaveCount(2);
  await expect(agendaOf(firmA!).filter({ hasText: v0 })).toContainText(/15:[02]0 テーブル [12]/);
  await expect(agendaOf(firmA!).filter({ hasText: v1 })).toContainText(/15:[02]0 テーブル [12]/);
  await expect(agendaOf(firmB!)).toHaveCount(1);
  await expect(agendaOf(firmB!)).toContainText(v0);
  await expect(agendaOf(firmC!)).toHaveCount(1);
  await expect(agendaOf(firmC!)).toContainText(v1);
  await expect(agendaOf(ventureV0!)).toHaveCount(2);
  const matrix = organizer.getByRole('region', { name: '面談表' });
  await expect(matrix.locator('.cell-meeting')).toHaveCount(4);
  expect(await wantedFigures(organizer)).toEqual({ pairs: 4, scheduled: 4, held: 0 });

  // A second run finds nothing left to place.
  await auto.getByRole('button', { name: '自動で組む' }).click();
  await expect(auto.getByTestId('auto-count')).toHaveText('面談 0件');
  await expect(auto.getByRole('button', { name: '組める面談はありません' })).toBeDisabled();
});

test('in the confirm mode a firm confirms one proposal and declines another; the next run offers the declined place to another firm', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const event = eventOf('auto-propose');
  const [v0, v1] = [event.ventures[0]!.org!, event.ventures[1]!.org!];
  const [a, b] = [event.firms[0]!, event.firms[1]!];
  const organizer = await openPage(browser, event.organizer.url);
  const [firmA, firmB] = await phones(browser, [a.url, b.url]);
  const [ventureV0, ventureV1] = await phones(browser, [event.ventures[0]!.url, event.ventures[1]!.url]);
  await setGrid(organizer, '1', '提案として送り、双方の確認で確定する');

  await pitchAndTap(organizer, v0, [firmA!]);
  await pitchAndTap(organizer, v1, [firmA!]);
  await organizer.getByRole('link', { name: '面談' }).click();
  const auto = organizer.getByRole('region', { name: '自動で組む' });
  await auto.getByRole('button', { name: '自動で組む' }).click();
  await expect(auto.getByTestId('auto-preview')).toContainText('確定すると提案として送られ');
  await auto.getByRole('button', { name: 'この内容で確定' }).click();
  await expect(auto.getByRole('status')).toHaveText('2件の面談を確定しました');

  // Two proposals on the firm's phone, each holding its place.
  const proposals = firmA!.getByTestId('proposal');
  await expect(proposals).toHaveCount(2);
  await expect(proposals.first()).toContainText('事務局からの面談の提案');
  // The top of the phone says there is something to answer, not yet a next meeting.
  const alert = firmA!.getByRole('region', { name: '面談のお知らせ' });
  await expect(alert).toContainText('事務局からの面談の提案 2件');
  await expect(alert).not.toContainText('次の面談');
  await expect(ventureV1!.getByTestId('proposal')).toHaveCount(1);

  // Confirmed by both: an ordinary meeting on both phones.
  await firmA!.getByRole('button', { name: `${v0} との面談に参加する` }).click();
  await expect(proposals.filter({ hasText: v0 })).toContainText('相手の確認待ち');
  await expect(alert).toContainText('事務局からの面談の提案 1件');
  await ventureV0!.getByRole('button', { name: `${a.org!} との面談に参加する` }).click();
  await expect(agendaOf(firmA!).filter({ hasText: v0 })).toContainText('予定');
  await expect(proposals).toHaveCount(1);
  await expect(ventureV0!.getByTestId('proposal')).toHaveCount(0);

  // Declined: gone from both phones, its place free.
  const declinedAt = await proposals.filter({ hasText: v1 }).locator('.agenda-item__when').textContent();
  expect(declinedAt).toMatch(/^15:[02]0 テーブル 1$/);
  await firmA!.getByRole('button', { name: `${v1} との面談を辞退する` }).click();
  await expect(proposals).toHaveCount(0);
  await expect(agendaOf(firmA!)).toHaveCount(1);
  await expect(ventureV1!.getByTestId('proposal')).toHaveCount(0);
  await expect(alert).not.toContainText('提案');
  await expect(alert).toContainText(`次の面談`);
  await expect(alert).toContainText(v0);

  // Another firm wants that venture now (its pitch is still on); the next run offers it the freed
  // place, never the declined pair.
  await tapNow(firmB!, v1);
  await runAndCommit(organizer, 1);
  const offered = firmB!.getByTestId('proposal');
  await expect(offered).toHaveCount(1);
  await expect(offered).toContainText(v1);
  await expect(offered.locator('.agenda-item__when')).toHaveText(declinedAt!);
  await expect(firmA!.getByTestId('proposal')).toHaveCount(0);
});
