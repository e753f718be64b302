import type { Browser } from '@playwright/test';
import { closeContextsAfterEach, openPage } from './support/contexts';
import { expectDoorAnswer, launchCameraBrowser, writeQrVideo } from './support/fake-camera';
import { expect, test } from './support/fixtures';
import { demoEvent } from './support/state';

/**
 * A refusal reaches the person in the page's language: the server sends a reason with params, the
 * page says it from its message table (client/src/lib/refusal.ts), never the server's English.
 */
closeContextsAfterEach();

const re = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const japanese = { locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 900 } };

test.describe('refusals at the door', () => {
  // Decoding a camera feed on a busy two-core machine can stall: one retry, as in checkin.spec.ts.
  test.describe.configure({ retries: 1 });

  test('a QR code that is not a badge is refused in Japanese at the station', async () => {
    test.setTimeout(120_000);
    const event = demoEvent('refusals');
    let browser: Browser | null = null;
    try {
      browser = await launchCameraBrowser(writeQrVideo('https://example.com/not-a-badge'));
      const context = await browser.newContext({ ...japanese, permissions: ['camera'] });
      await context.addInitScript(() => localStorage.setItem('pm_station', 'A'));
      const station = await context.newPage();
      await station.goto(event.person('organizer').url);
      await station.getByRole('link', { name: '受付', exact: true }).click();
      const answer = station.getByRole('alert');
      await expectDoorAnswer(station, 'このQRコードは、このイベントの名札ではありません');
      // Read at once: the answer clears itself after a second and a half, for the next badge.
      const shown = await answer.innerText();
      expect(shown).toContain('使えないバッジです');
      expect(shown).not.toContain('This QR code');
    } finally {
      await browser?.close();
    }
  });
});

test('a refused booking says why in Japanese, and in English after the switch', async ({ browser }) => {
  const event = demoEvent('refusals');
  const firm = event.person('firm', 0).org!;
  const venture = event.person('venture', 0).org!;
  const organizer = await openPage(browser, event.person('organizer').url, japanese);
  await organizer.getByRole('link', { name: '面談', exact: true }).click();
  const matrix = organizer.getByRole('region', { name: '面談表' });
  await expect(matrix.getByRole('table')).toBeVisible();

  // The pair is booked once; asked again at another free place, the server refuses it.
  const book = async (labels: { guest: string; venture: string; book: string; at: RegExp }) => {
    await matrix.getByRole('button', { name: labels.at }).first().click();
    await matrix.getByLabel(labels.guest, { exact: true }).selectOption({ label: firm });
    await matrix.getByLabel(labels.venture, { exact: true }).selectOption({ label: venture });
    await matrix.getByRole('button', { name: labels.book, exact: true }).click();
  };
  const ja = { guest: '企業', venture: 'ベンチャー', book: '予約', at: /に予約$/ };
  await book(ja);
  await expect(matrix.locator('.cell-meeting')).toHaveCount(1);
  const booked = (await matrix.locator('.cell-meeting').first().textContent()) ?? '';
  expect(booked).toContain(firm);

  await book(ja);
  const status = organizer.getByRole('status').filter({ hasText: 'できませんでした' });
  await expect(status).toHaveText(
    new RegExp(
      `^できませんでした: ${re(firm)} と ${re(venture)} にはすでに面談があります（\\d\\d:\\d\\d テーブル .+）。移動してください$`,
    ),
  );
  await expect(matrix.locator('.cell-meeting')).toHaveCount(1);

  // The refused form is still open with the pair chosen: sent again after the switch, said in English.
  await organizer.getByRole('button', { name: 'Switch to English' }).click();
  const enMatrix = organizer.getByRole('region', { name: 'Meeting table' });
  await enMatrix.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(organizer.getByRole('status').filter({ hasText: 'Could not do that' })).toHaveText(
    new RegExp(
      `^Could not do that: ${re(firm)} and ${re(venture)} already have a meeting \\(\\d\\d:\\d\\d, table .+\\)\\. Move it instead\\.$`,
    ),
  );
});
