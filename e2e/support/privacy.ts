/**
 * The privacy notice a phone shows at a person's first sign-in (issue 19): what a spec does when it
 * signs in someone registered during the test, who has not read it yet.
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Waits for the notice over the phone and taps 「確認しました」; the phone is then the person's home. */
export async function acknowledgeNotice(page: Page): Promise<void> {
  const notice = page.getByRole('dialog', { name: '個人情報の取り扱いについて' });
  await notice.getByRole('button', { name: '確認しました' }).click();
  await expect(notice).toHaveCount(0);
}
