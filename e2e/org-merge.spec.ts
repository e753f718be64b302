import { devices, type Page } from '@playwright/test';
import { demoEvent, linksOfEventNamed } from './support/state';
import { closeContextsAfterEach, openPage } from './support/contexts';
import { expect, test } from './support/fixtures';
import { acknowledgeNotice } from './support/privacy';

closeContextsAfterEach();

const phone = { ...devices['iPhone 13'], defaultBrowserType: undefined };

/** The same company as the demo's first firm, registered again under another name at the desk. */
const TWICE = { name: '二重 登録', kana: 'にじゅう とうろく', company: '苫小牧港湾ロジスティクス' };

async function ask(firm: Page, venture: string) {
  const directory = firm.getByRole('region', { name: 'ベンチャー一覧' });
  await directory.getByRole('button', { name: venture }).click();
  // The entry opens with the request form first: one tap sends it (the message is optional).
  await directory.getByRole('button', { name: `${venture} に面談を申し込む` }).click();
  await expect(outgoing(firm, venture)).toContainText('返事待ち');
}

const outgoing = (firm: Page, venture: string) =>
  firm.getByRole('region', { name: '送った申し込み' }).getByRole('listitem').filter({ hasText: venture });

test('the organizer merges a company registered twice: a clash is refused with its reason, then the merge moves the person and their phone follows', async ({
  browser,
}) => {
  const event = demoEvent('merge');
  const company = event.person('firm', 0).org!;
  const venture = event.person('venture', 0).org!;
  const organizer = await openPage(browser, event.person('organizer').url, { viewport: { width: 1280, height: 900 } });
  await organizer.getByRole('navigation').getByRole('link', { name: '参加者' }).click();

  // The company's second registration, as the desk typed it.
  const form = organizer.getByRole('region', { name: '参加者を追加' });
  await form.getByLabel('氏名').fill(TWICE.name);
  await form.getByLabel('ふりがな').fill(TWICE.kana);
  await form.getByLabel('会社名').fill(TWICE.company);
  await form.getByLabel('区分').selectOption('firm');
  await form.getByRole('checkbox').uncheck();
  await form.getByRole('button', { name: '登録', exact: true }).click();
  await expect(form.getByRole('status')).toContainText(`${TWICE.name} さんを登録しました`);

  // Both registrations asked the same venture for a meeting.
  const twiceLink = (await linksOfEventNamed('merge')).people.find((p) => p.name === TWICE.name)!;
  const [first, second] = await Promise.all([
    openPage(browser, event.person('firm', 0).url, phone),
    openPage(browser, twiceLink.url, phone),
  ]);
  // Registered at the desk just now: the phone shows the privacy notice first.
  await acknowledgeNotice(second);
  await ask(first, venture);
  await ask(second, venture);

  const person = organizer.getByRole('listitem').filter({ hasText: TWICE.name });
  await expect(person).toContainText(TWICE.company);
  const orgs = organizer.getByRole('region', { name: /会社・団体/ });
  await orgs.getByRole('button', { name: `${TWICE.company} を統合` }).click();
  const merge = orgs.getByRole('form', { name: `${TWICE.company} を統合` });
  await merge.getByLabel('統合先').selectOption({ label: company });
  await expect(merge).toContainText(`「${TWICE.company}」を「${company}」に統合します。`);
  await expect(merge).toContainText('参加者 1人 · 面談の申し込み 1件 · 面談 0件');
  await merge.getByRole('button', { name: `「${company}」に統合する` }).click();

  // Refused, with the clash in words, and nothing moved.
  await expect(merge.getByRole('alert')).toContainText(
    `「${TWICE.company}」と「${company}」はどちらも「${venture}」との返事待ちの申し込みがあります。`,
  );
  await expect(person).toContainText(TWICE.company);

  // The second registration takes its request back; the merge goes through.
  await outgoing(second, venture).getByRole('button', { name: '取り下げ' }).click();
  await expect(outgoing(second, venture)).toContainText('取り下げ');
  await merge.getByRole('button', { name: `「${company}」に統合する` }).click();
  await expect(orgs.getByRole('status')).toContainText(`「${TWICE.company}」を「${company}」に統合しました`);
  await expect(person).toContainText(company);
  await expect(person).not.toContainText(TWICE.company);
  await expect(orgs.getByRole('button', { name: `${TWICE.company} を統合` })).toHaveCount(0);

  // The person's phone reconnects as a member of the company: its requests are theirs now.
  await expect(outgoing(second, venture).filter({ hasText: '返事待ち' })).toHaveCount(1);
});
