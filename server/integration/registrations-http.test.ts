import { beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errors.js';
import type { ImportReport } from '../../shared/model.js';
import { SAMPLE_REGISTRATIONS, sampleRegistrationCsv, toShiftJis, toUtf8 } from '../testing/registration-files.js';
import { startWithOrganizer, type Harness } from '../testing/harness.js';

let h: Harness;
let cookie: string;
// The cleanup a beforeEach returns runs after each test.
beforeEach(async () => {
  ({ h, cookie } = await startWithOrganizer());
  return () => h.stop();
});

async function post(
  path: string,
  bytes: Uint8Array,
  extra: { cookie?: string; origin?: string; mapping?: unknown } = {},
) {
  const res = await fetch(`${h.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: extra.cookie ?? cookie, origin: extra.origin ?? h.baseUrl },
    body: JSON.stringify({
      fileBase64: Buffer.from(bytes).toString('base64'),
      ...(extra.mapping ? { mapping: extra.mapping } : {}),
    }),
  });
  return {
    status: res.status,
    body: (await res.json()) as
      { ok: true; data: ImportReport } | { ok: false; error: { code: string; message: string } },
  };
}

const peopleCount = () =>
  h.store.db.prepare('SELECT COUNT(*) FROM people WHERE event_id = ?').pluck().get(h.eventId) as number;

describe('registration import', () => {
  it('previews a Shift_JIS file from Japanese Excel without writing, then imports it on confirm', async () => {
    const before = peopleCount();
    const preview = await post('/api/import/preview', toShiftJis(sampleRegistrationCsv()));
    expect(preview.status).toBe(200);
    if (!preview.body.ok) throw new Error(preview.body.error.message);
    expect(preview.body.data).toMatchObject({
      encoding: 'shift_jis',
      headers: ['氏名', 'ふりがな', '会社名', '区分', 'メールアドレス', '役職', '関心テーマ'],
      mapping: { name: 0, kana: 1, company: 2, kind: 3, email: 4, title: 5, tags: 6 },
      total: SAMPLE_REGISTRATIONS.length,
      creates: SAMPLE_REGISTRATIONS.length,
      updates: 0,
      errors: [],
      committed: false,
    });
    expect(preview.body.data.sample[0]).toEqual({
      row: 2,
      cells: expect.arrayContaining(['佐藤 健一', '苫小牧港湾ロジスティクス株式会社']),
    });
    expect(peopleCount()).toBe(before);

    const commit = await post('/api/import/commit', toShiftJis(sampleRegistrationCsv()));
    expect(commit.body).toMatchObject({ ok: true, data: { committed: true, creates: SAMPLE_REGISTRATIONS.length } });
    expect(peopleCount()).toBe(before + SAMPLE_REGISTRATIONS.length);
    const stored = h.store.peopleSummaries(h.eventId).find((p) => p.name === '髙橋 美咲');
    expect(stored).toMatchObject({
      orgName: '勇払フーズ株式会社',
      role: 'firm',
      nameKana: 'たかはし みさき',
      title: '経営企画部 部長',
    });
  });

  it('updates people on a second import of an edited file instead of adding them again', async () => {
    await post('/api/import/commit', toUtf8(sampleRegistrationCsv(), { bom: true }));
    const count = peopleCount();
    const edited = sampleRegistrationCsv().replace('経営企画部 部長', '代表取締役社長');
    const again = await post('/api/import/commit', toUtf8(edited, { bom: true }));
    // One person changes; the others are named again with nothing new, and said to be unchanged.
    expect(again.body).toMatchObject({
      ok: true,
      data: { creates: 0, updates: 1, unchanged: SAMPLE_REGISTRATIONS.length - 1, committed: true },
    });
    expect(peopleCount()).toBe(count);
    expect(h.store.peopleSummaries(h.eventId).find((p) => p.name === '髙橋 美咲')?.title).toBe('代表取締役社長');
  });

  it('lists bad rows with their spreadsheet row numbers and imports only the good ones', async () => {
    const csv = sampleRegistrationCsv({
      extraLines: [
        ',なまえなし,どこかの会社,地元企業,,,',
        '山田 一郎,やまだ いちろう,山田商店,VIP,,,',
        '中村 翔,なかむら しょう,株式会社ミライロボティクス,地元企業,,,',
      ],
    });
    const before = peopleCount();
    const result = await post('/api/import/commit', toUtf8(csv));
    if (!result.body.ok) throw new Error(result.body.error.message);
    const errors = result.body.data.errors;
    const firstBad = SAMPLE_REGISTRATIONS.length + 2;
    expect(errors.map((e) => e.row)).toEqual([firstBad, firstBad + 1, firstBad + 2]);
    expect(errors[0]!.problems.map((p) => p.message).join()).toMatch(/name/);
    expect(errors[1]!.problems.map((p) => p.message).join()).toMatch(/VIP/);
    // The demo has this company as a venture; the file says firm.
    expect(errors[2]!.problems.map((p) => p.message).join()).toMatch(/registered as venture/);
    expect(peopleCount()).toBe(before + SAMPLE_REGISTRATIONS.length);
  });

  it('refuses a file that is not a CSV, and requests that are not the organizer’s own pages', async () => {
    const notCsv = await post('/api/import/preview', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    expect(notCsv.status).toBe(400);
    expect(notCsv.body).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });

    const firmCookie = await h.signIn(h.person('firm').url);
    expect((await post('/api/import/commit', toUtf8(sampleRegistrationCsv()), { cookie: firmCookie })).status).toBe(
      403,
    );
    expect(
      (await post('/api/import/commit', toUtf8(sampleRegistrationCsv()), { cookie: 'pm_session=nope' })).status,
    ).toBe(401);
    expect(
      (await post('/api/import/commit', toUtf8(sampleRegistrationCsv()), { origin: 'https://evil.example' })).status,
    ).toBe(403);
    const bad = await fetch(`${h.baseUrl}/api/import/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: h.baseUrl },
      body: JSON.stringify({ fileBase64: 'not base64!!' }),
    });
    expect(bad.status).toBe(400);
    expect(peopleCount()).toBe(h.links.people.length);
  });

  it('prints a badge sheet with a QR per person, for organizers only', async () => {
    const sheet = await fetch(`${h.baseUrl}/organizer/badges/print`, { headers: { cookie } });
    expect(sheet.status).toBe(200);
    const html = await sheet.text();
    const guests = h.links.people.filter((p) => p.role !== 'organizer');
    expect(html.match(/<article class="badge"/g)).toHaveLength(guests.length);
    expect(html.match(/<svg/g)).toHaveLength(guests.length);
    for (const g of guests) expect(html).toContain(g.name);
    const firmCookie = await h.signIn(h.person('firm').url);
    expect((await fetch(`${h.baseUrl}/organizer/badges/print`, { headers: { cookie: firmCookie } })).status).toBe(403);
  });
});
