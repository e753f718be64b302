/**
 * Challenges (課題) through the real UI, at the hall's size (30 ventures, 150 firms that each state
 * their trade's problems): the organizer imports a sheet with a 課題 column and the preview names the
 * company's challenges; that firm's phone orders the directory 「あなたの課題に合う順」 with each
 * entry's reason, changes its own challenges from 「わたしたちの課題」, and its live bar says
 * 「あなたの課題: …」 while a venture that fits pitches (and nothing for one that does not); the board
 * shows how many firms checked in have a challenge the venture on stage addresses, following the door.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { challengeFit, type Challenges } from '../shared/challenges';
import type { Snapshot } from '../shared/model';
import { call, openSocket, signIn, snapshotOf, type ClientSocket } from '../server/testing/harness';
import { closeContextsAfterEach, openPage } from './support/contexts';
import { expect, test } from './support/fixtures';
import { hallFirmChallenges, HALL_FIRMS, startHallServer, type HallServer } from './support/hall-event';

closeContextsAfterEach();

const PHONE = { width: 390, height: 844 };
/** What the imported sheet says of the firm's challenges: two categories and a line of its own. */
const CELL = '遊休資産の活用、Efficiency; 冬の除雪';
const IMPORTED: Challenges = { categories: ['efficiency', 'idle-assets'], topics: [], note: '冬の除雪' };

let hall: HallServer;
let organizer: ClientSocket;
let snapshot: Snapshot;
const sockets: ClientSocket[] = [];

test.beforeAll(async () => {
  test.setTimeout(60_000);
  hall = await startHallServer('課題マッチングデイ');
  const url = hall.links.people.find((p) => p.role === 'organizer')!.url;
  organizer = await openSocket(hall.baseUrl, { cookie: await signIn(url) }, sockets);
  snapshot = await snapshotOf(organizer);
});

test.afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await hall?.stop();
});

/** Starts the pitch of the venture with this id. */
async function startPitchOf(ventureId: string): Promise<void> {
  const pitch = snapshot.program.pitches.find((p) => p.ventureId === ventureId)!;
  expect(await call(organizer, 'program:control', { action: 'start', pitchId: pitch.id })).toMatchObject({ ok: true });
}

async function importSheet(page: Page, lines: string[]) {
  await page.getByRole('navigation').getByRole('link', { name: '参加者' }).click();
  const card = page.getByRole('region', { name: '参加者リストの取り込み（CSV）' });
  await card.getByLabel('CSVファイル').setInputFiles({
    name: '課題.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(['氏名,会社名,課題', ...lines].join('\r\n') + '\r\n'),
  });
  return card;
}

test('an imported 課題 column orders a firm’s directory by fit, and its live bar names the fit', async ({
  browser,
}) => {
  // The 30th firm: its trade's challenges are replaced by the sheet's.
  const firm = hall.links.people.find((p) => p.role === 'firm' && p.org === HALL_FIRMS[29])!;
  const desk = await openPage(browser, hall.links.people.find((p) => p.role === 'organizer')!.url, {
    viewport: { width: 1280, height: 900 },
  });
  const card = await importSheet(desk, [`${firm.name},${firm.org},"${CELL}"`]);
  // The preview names the company's challenges before anything is written.
  const preview = card.getByRole('region', { name: '会社の課題（1社）' });
  await expect(preview).toContainText(`${firm.org} 省力化・遊休資産・冬の除雪`);
  await expect(card.getByRole('status')).toHaveText('1行: 新規 0人 · 更新 0人 · 変更なし 1人 · エラー 0行');
  await card.getByRole('button', { name: '1社の課題を取り込む' }).click();
  await expect(card.getByRole('status')).toHaveText('取り込みました: 新規 0人 · 更新 0人');

  // The firm's phone: 「あなたの課題に合う順」 is the order, each entry saying what it addresses.
  const phone = await openPage(browser, firm.url, { viewport: PHONE });
  const directory = phone.getByRole('region', { name: 'ベンチャー一覧' });
  await expect(directory.getByRole('button', { name: 'あなたの課題に合う順' })).toHaveAttribute('aria-pressed', 'true');
  const expected = [...snapshot.ventures]
    .map((v) => ({ v, fit: challengeFit(IMPORTED, v.tags) }))
    .sort((a, b) => b.fit.score - a.fit.score);
  const heads = directory.locator('.directory__head');
  await expect(heads).toHaveCount(snapshot.ventures.length);
  const top = expected.slice(0, 5);
  for (const [i, { v }] of top.entries()) await expect(heads.nth(i)).toContainText(v.name);
  const best = expected[0]!;
  expect(best.fit.shared.length).toBeGreaterThan(0);
  await expect(heads.nth(0).locator('.directory__fit')).toHaveText(
    `あなたの課題: ${best.fit.shared.map((s) => ({ efficiency: '省力化', 'idle-assets': '遊休資産' })[s] ?? s).join('・')}`,
  );
  // By name, as before: the first venture by reading comes first again.
  await directory.getByRole('button', { name: '名前順' }).click();
  await expect(heads.nth(0)).toContainText(snapshot.ventures[0]!.name);

  // A fitting venture on stage: the sticky bar says which challenge it addresses.
  const fitting = snapshot.ventures.find((v) => challengeFit(IMPORTED, v.tags).shared.includes('idle-assets'))!;
  await startPitchOf(fitting.id);
  const bar = phone.getByRole('region', { name: '発表中' }).first();
  await expect(bar.getByRole('heading', { name: fitting.name })).toBeVisible();
  await expect(bar.locator('.fit-line')).toHaveText(/^あなたの課題: .*遊休資産/);
  // One that addresses none of them: no claim of fit.
  const unfitting = snapshot.ventures.find((v) => challengeFit(IMPORTED, v.tags).score === 0)!;
  await startPitchOf(unfitting.id);
  await expect(bar.getByRole('heading', { name: unfitting.name })).toBeVisible();
  await expect(bar.locator('.fit-line')).toHaveCount(0);

  // The firm adds 人材育成 from its own phone; the summary and the organizers' list follow.
  const mine = phone.locator('details.my-challenges');
  await mine.locator('summary').click();
  const form = mine.getByRole('form', { name: 'わたしたちの課題' });
  await form.getByRole('button', { name: '人材育成' }).click();
  await form.getByRole('button', { name: '課題を保存' }).click();
  await expect(form.getByRole('status')).toHaveText('保存しました');
  await expect(mine.locator('summary')).toContainText('省力化・遊休資産・人材育成・冬の除雪');
  const list = desk.getByRole('region', { name: /登録済み/ });
  await expect(list.getByRole('listitem').filter({ hasText: firm.name }).filter({ hasText: firm.org! })).toContainText(
    '課題: 省力化・遊休資産・人材育成・冬の除雪',
  );
});

test('the board counts the firms in the room with a challenge the pitch on stage addresses', async ({ browser }) => {
  const board = await openPage(browser, hall.links.board, { viewport: { width: 1920, height: 1080 } });
  // A venture that addresses 業務効率化・省力化, the most common problem among the hall's trades.
  const venture = snapshot.ventures.find(
    (v) => challengeFit({ ...IMPORTED, note: '' }, v.tags).shared[0] === 'efficiency',
  )!;
  await startPitchOf(venture.id);
  await expect(board.locator('.board__venture')).toContainText(venture.name);

  // The door checks in 40 firms' people, each firm's challenges as seeded (not the first test's firm).
  const firms = snapshot.people.filter((p) => p.role === 'firm' && p.orgName !== HALL_FIRMS[29]).slice(0, 40);
  const fitting = firms.filter((p) => challengeFit(hallFirmChallenges(p.orgName!), venture.tags).score > 0).length;
  expect(fitting).toBeGreaterThan(0);
  expect(fitting).toBeLessThan(firms.length);
  for (const person of firms) {
    expect(
      await call(organizer, 'checkin:person', { personId: person.id, station: 'A', key: randomUUID() }),
    ).toMatchObject({ ok: true });
  }
  const count = board.getByTestId('board-fit');
  await expect(count).toHaveText(`課題が合う来場企業${fitting}社`);
  // One of them leaves the count when its check-in is undone.
  const leaving = firms.find((p) => challengeFit(hallFirmChallenges(p.orgName!), venture.tags).score > 0)!;
  expect(await call(organizer, 'checkin:undo', { personId: leaving.id })).toMatchObject({ ok: true });
  await expect(count).toHaveText(`課題が合う来場企業${fitting - 1}社`);
  // No firm is named on the board.
  for (const person of firms) await expect(board.locator('body')).not.toContainText(person.orgName!);
});
