/**
 * Door staff links (issue 15 item 4), at the venue's name over plain HTTP: the organizer makes a
 * reception link on the settings page, a second browser opens it as a station's tablet would, checks
 * a person in by name and registers a walk-in whose badge it opens; the same station is refused the
 * program, meetings, exports, settings and restore, on screen and over HTTP; revoking the link signs
 * the station out.
 */
import type { Page } from '@playwright/test';
import { closeContextsAfterEach } from './support/contexts';
import { expect, test } from './support/fixtures';
import { seedDemoEventsInto, startSeededServer, type SeededServer } from './support/demo-server';
import { launchVenueBrowser, VENUE_HOST } from './support/venue-name';
import type { EventLinks } from '../server/links';

closeContextsAfterEach();

// The hall's laptop at its venue name: every link the organizer hands out says http://pitch.lan.
let hall: SeededServer<Record<string, EventLinks>>;
test.beforeAll(async () => {
  hall = await startSeededServer(
    'pitch-door-staff-',
    (store, secret, publicUrl) => seedDemoEventsInto(store, ['door-staff'], secret, publicUrl),
    { publicHost: VENUE_HOST },
  );
});
test.afterAll(async () => {
  await hall?.stop();
});

function person(role: string) {
  const found = hall.seeded['door-staff']!.people.find((p) => p.role === role);
  if (!found) throw new Error(`no ${role}`);
  return found;
}

const CONTEXT = { locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 900 } } as const;

/** An HTTP request from the station's page itself: its own cookie, its own origin. */
function fromPage(page: Page, path: string, body?: unknown): Promise<number> {
  return page.evaluate(
    async ([p, b]) => {
      const res = await fetch(
        p,
        b === undefined
          ? {}
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) },
      );
      return res.status;
    },
    [path, body] as const,
  );
}

test('a reception link opens the door at its station and nothing else, until the organizer revokes it', async () => {
  test.setTimeout(120_000);
  const venue = await launchVenueBrowser();
  try {
    // The organizer makes the link for 受付A on the settings page.
    const organizer = await (await venue.newContext(CONTEXT)).newPage();
    await organizer.goto(person('organizer').url);
    await organizer.getByRole('navigation').getByRole('link', { name: '設定' }).click();
    const card = organizer.getByRole('region', { name: '受付用リンク（受付スタッフ）' });
    await card.getByLabel('受付の名前（例：受付A）').fill('受付A');
    await card.getByRole('button', { name: '受付用リンクを作る' }).click();
    await expect(card.getByRole('status')).toHaveText('受付A の受付用リンクを作りました。');
    const item = card.getByRole('listitem', { name: '受付用リンク 受付A' });
    const qr = item.getByRole('img', { name: '受付A の受付用リンクのQRコード' });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const link = await item.getByRole('textbox', { name: '受付A の受付用リンク', exact: true }).inputValue();
    expect(link).toMatch(new RegExp(`^http://${VENUE_HOST}(:\\d+)?/door/[A-Za-z0-9_-]{44}$`));

    // The station's tablet opens it: the check-in page, at its station, with no organizer navigation.
    const stationContext = await venue.newContext(CONTEXT);
    const station = await stationContext.newPage();
    await station.goto(link);
    await expect(station).toHaveURL(/\/checkin$/);
    await expect(station.getByRole('heading', { name: '受付ステーション' })).toBeVisible();
    await expect(station.locator('.station-field')).toHaveText('ステーション名: 受付A');
    await expect(station.getByRole('navigation', { name: '事務局コンソール' })).toHaveCount(0);

    // A person checked in by name.
    const guest = person('firm');
    await station.getByRole('searchbox', { name: '名前・ふりがな・会社名で検索' }).fill(guest.name);
    await station.getByRole('button', { name: `${guest.name} を受付` }).click();
    await expect(station.getByRole('alert').filter({ hasText: guest.name })).toContainText('受付しました');
    await expect(station.getByRole('listitem').filter({ hasText: guest.name })).toContainText('受付A');

    // A walk-in registered, and its badge opened.
    const form = station.getByRole('region', { name: '当日参加の登録' });
    await form.getByLabel('氏名').fill('飛込 受付太郎');
    await form.getByLabel('ふりがな').fill('とびこみ うけつけたろう');
    await form.getByLabel('会社名').fill('受付スタッフ検証株式会社');
    await form.getByLabel('区分').selectOption('firm');
    await form.getByRole('button', { name: '登録して受付' }).click();
    await expect(form.getByRole('status')).toContainText('飛込 受付太郎 さんを登録しました');
    const walkInQr = form.getByRole('img', { name: '飛込 受付太郎' });
    await expect.poll(() => walkInQr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const [badge] = await Promise.all([
      stationContext.waitForEvent('page'),
      form.getByRole('link', { name: '名札を印刷' }).click(),
    ]);
    await expect(badge.locator('article.badge')).toHaveCount(1);
    await expect(badge.locator('article.badge')).toContainText('飛込 受付太郎');
    await badge.close();

    // Nothing else: every other screen says what this device is for...
    for (const path of [
      '/',
      '/organizer',
      '/organizer/meetings',
      '/organizer/results',
      '/organizer/settings',
      '/organizer/events',
    ]) {
      await station.goto(`${hall.publicUrl}${path}`);
      await expect(station.getByRole('heading', { name: 'この端末は受付専用です' }), path).toBeVisible();
      await expect(station.getByRole('navigation', { name: '事務局コンソール' })).toHaveCount(0);
    }
    // ...and the server refuses the same over HTTP: exports, settings, restore, the report, other badges.
    const refused: [string, unknown?][] = [
      ['/api/export/people.csv'],
      ['/api/export/event.json'],
      ['/api/event/settings'],
      ['/api/event/settings', { name: '乗っ取り', venue: '', date: '2030-01-01', topics: [], targets: {} }],
      ['/api/import/event', { format: 'pitch-match-event' }],
      ['/api/series'],
      ['/api/dashboard'],
      ['/api/door-links'],
      ['/api/door-links', { station: '勝手な受付' }],
      ['/api/agenda.ics'],
      ['/organizer/report'],
      ['/organizer/badges/print'],
    ];
    for (const [path, body] of refused) expect(await fromPage(station, path, body), path).toBe(403);

    // The station keeps its copy of the door (the people, to judge badges offline)...
    const copy = () => station.evaluate(() => localStorage.getItem('pm_last_view'));
    await expect.poll(copy, { timeout: 15_000 }).toContain(guest.name);

    // One more check-in, made while the station is cut off, waits on the device...
    const late = hall.seeded['door-staff']!.people.filter((p) => p.role === 'firm')[1]!;
    await station.getByRole('link', { name: '受付の画面へ' }).click();
    await expect(station.getByRole('searchbox', { name: '名前・ふりがな・会社名で検索' })).toBeVisible();
    await stationContext.setOffline(true);
    await station.getByRole('searchbox', { name: '名前・ふりがな・会社名で検索' }).fill(late.name);
    await station.getByRole('button', { name: `${late.name} を受付` }).click();
    await expect(station.getByText(/送信待ち 1件/).first()).toBeVisible();

    // The organizer revokes the link (asked first): the station is signed out at once.
    await organizer.reload();
    await item.getByRole('button', { name: '受付A の受付用リンクを取り消す' }).click();
    await card
      .getByRole('group', { name: '受付A の受付用リンクを取り消す' })
      .getByRole('button', { name: '取り消す' })
      .click();
    await expect(card.getByRole('status')).toHaveText('受付A の受付用リンクを取り消しました。');
    await expect(item).toHaveCount(0);
    await stationContext.setOffline(false);
    await expect(station.getByRole('heading', { name: 'バッジのQRコードを読み取ってください' })).toBeVisible();
    // ...and is not dropped unseen: the signed-out tablet says it holds it, for an organizer to send.
    await expect(station.getByRole('alert')).toHaveText(
      'この端末に未送信の受付が1件あります。事務局の名札のQRコードでこの端末にログインすると送信されます。',
    );
    // ...and drops it: nothing of the event's people stays on a tablet that is no longer the door.
    await expect.poll(copy).toBeNull();
    expect(await fromPage(station, '/organizer/badges/print?person=x')).toBe(401);
    await station.goto(link);
    await expect(station.getByText('この受付用リンクは使えません')).toBeVisible();
  } finally {
    await venue.close();
  }
});
