import { devices, type Page } from '@playwright/test';
import { demoEvent } from './support/state';
import { closeContextsAfterEach, openPage } from './support/contexts';
import { expect, test } from './support/fixtures';

closeContextsAfterEach();

const phone = { ...devices['iPhone 13'], defaultBrowserType: undefined };

async function ask(firm: Page, venture: string, message: string) {
  const directory = firm.getByRole('region', { name: 'ベンチャー一覧' });
  await directory.getByRole('button', { name: venture }).click();
  // The entry opens with the request form: a message (optional) and the button that sends.
  await directory.getByLabel('メッセージ（任意）').fill(message);
  await directory.getByRole('button', { name: `${venture} に面談を申し込む` }).click();
  await expect(
    firm.getByRole('region', { name: '送った申し込み' }).getByRole('listitem').filter({ hasText: venture }),
  ).toContainText('返事待ち');
}

test('a firm asks, the venture accepts, and both agendas show the same time and table; the next firm gets the next slot; a decline shows', async ({
  browser,
}) => {
  const event = demoEvent('meetings');
  const ventureLink = event.person('venture', 0);
  const ventureName = ventureLink.org!;
  const firmOrgs = [...new Set(event.people.filter((p) => p.role === 'firm').map((p) => p.org!))];
  const firmLinks = firmOrgs.slice(0, 3).map((org) => event.people.find((p) => p.org === org)!);
  const [firm1, firm2, firm3] = await Promise.all(firmLinks.map((p) => openPage(browser, p.url, phone)));
  const venture = await openPage(browser, ventureLink.url, phone);
  const board = await openPage(browser, event.board, { viewport: { width: 1920, height: 1080 } });

  await ask(firm1!, ventureName, '港の倉庫で試したいです');
  const incoming = venture.getByRole('region', { name: /届いた申し込み/ });
  await expect(incoming.getByRole('listitem')).toContainText('港の倉庫で試したいです');
  await incoming.getByRole('button', { name: `${firmOrgs[0]} の申し込みを承諾` }).click();

  const ventureAgenda = venture.getByRole('region', { name: 'あなたの面談予定' });
  const firmAgenda = firm1!.getByRole('region', { name: 'あなたの面談予定' });
  await expect(ventureAgenda.getByRole('listitem')).toHaveCount(1);
  await expect(ventureAgenda.getByRole('listitem')).toContainText(`15:00 テーブル 1${firmOrgs[0]}`);
  await expect(firmAgenda.getByRole('listitem')).toContainText(`15:00 テーブル 1${ventureName}`);
  await expect(board.getByLabel('面談成立')).toHaveText('1');

  // The venture is taken at 15:00: the second firm's meeting is at the next slot (20 min + 5 min buffer).
  await ask(firm2!, ventureName, '');
  await incoming.getByRole('button', { name: `${firmOrgs[1]} の申し込みを承諾` }).click();
  await expect(firm2!.getByRole('region', { name: 'あなたの面談予定' }).getByRole('listitem')).toContainText(
    `15:25 テーブル 1${ventureName}`,
  );
  await expect(ventureAgenda.getByRole('listitem')).toHaveCount(2);

  // A decline, with its reason, shows on the asking firm's phone.
  await ask(firm3!, ventureName, '');
  await incoming.getByRole('button', { name: `${firmOrgs[2]} の申し込みを辞退` }).click();
  await incoming.getByLabel('辞退の理由（任意）').fill('今回は対象外の業種です');
  await incoming.getByRole('button', { name: '辞退' }).click();
  const outgoing = firm3!
    .getByRole('region', { name: '送った申し込み' })
    .getByRole('listitem')
    .filter({ hasText: ventureName });
  await expect(outgoing).toContainText('辞退されました');
  await expect(outgoing).toContainText('今回は対象外の業種です');
  await expect(board.getByLabel('面談成立')).toHaveText('2');
});

test('the organizer sees every booking on the matrix and moves and cancels by hand', async ({ browser }) => {
  const event = demoEvent('meetings');
  const organizer = await openPage(browser, event.person('organizer').url);
  await organizer.getByRole('link', { name: '面談' }).click();
  const matrix = organizer.getByRole('region', { name: '面談表' });
  await expect(matrix.getByRole('table')).toBeVisible();
  const booked = matrix.locator('.cell-meeting');
  const before = await booked.count();
  await matrix.getByRole('button', { name: '16:40 テーブル 6 に予約' }).click();
  const firmOrg = event.person('firm', 0).org!;
  const ventureOrg = event.person('venture', 2).org!;
  await matrix.getByLabel('企業').selectOption({ label: firmOrg });
  await matrix.getByLabel('ベンチャー').selectOption({ label: ventureOrg });
  await matrix.getByRole('button', { name: '予約', exact: true }).click();
  await expect(booked).toHaveCount(before + 1);
  await matrix.getByLabel(`${firmOrg} × ${ventureOrg} の移動先`).selectOption({ label: '17:05 テーブル 6' });
  await expect(matrix.getByRole('row', { name: /17:05/ })).toContainText(firmOrg);
  await matrix.getByRole('button', { name: `${firmOrg} × ${ventureOrg} の面談を取消` }).click();
  await expect(booked).toHaveCount(before);
  await expect(matrix.getByRole('row', { name: /17:05/ })).not.toContainText(firmOrg);
});

test('the organizer sets a grid of two windows with a break', async ({ browser }) => {
  const event = demoEvent('basics');
  const organizer = await openPage(browser, event.person('organizer').url);
  await organizer.getByRole('link', { name: '面談' }).click();
  const form = organizer.getByRole('region', { name: '面談枠の設定' });
  await form.getByLabel(/面談の時間帯/).fill('15:00-16:00, 16:30-17:30');
  await form.getByLabel(/休憩/).fill('16:50-17:00');
  await form.getByLabel('1枠（分）').fill('20');
  await form.getByLabel('間隔（分）').fill('5');
  await form.getByLabel(/テーブル/).fill('1, 2');
  await form.getByRole('button', { name: '保存' }).click();
  // 15:00, 15:25 | 16:30 (ends 16:50, touching the break), 16:55 dropped by the break.
  await expect(form.getByRole('status')).toHaveText('保存しました（3枠 × 2テーブル）');
  const rows = organizer.getByRole('region', { name: '面談表' }).getByRole('row');
  await expect(rows).toHaveCount(4);
  await form.getByLabel(/面談の時間帯/).fill('15:00-25:00');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('status')).toContainText('できませんでした');
});
