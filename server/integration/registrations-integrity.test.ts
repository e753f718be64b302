/**
 * Issue 14, items 3–5, end to end against the real app: imports never erase by omission, one
 * organization per company however it is spelled, and one text rule for names, through the CSV
 * import, person:register and person:update alike.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DashboardView } from '../../shared/console.js';
import { ErrorCode } from '../../shared/errors.js';
import type { ImportReport } from '../../shared/model.js';
import { SAMPLE_REGISTRATIONS, csvCell, sampleRegistrationCsv, toUtf8 } from '../testing/registration-files.js';
import { call, startWithOrganizer, type Harness } from '../testing/harness.js';

let h: Harness;
let cookie: string;
// The cleanup a beforeEach returns runs after each test.
beforeEach(async () => {
  ({ h, cookie } = await startWithOrganizer());
  return () => h.stop();
});

const key = () => randomUUID().replaceAll('-', '');

async function importCsv(
  text: string,
  options: { commit?: boolean; clearEmpty?: boolean } = {},
): Promise<ImportReport> {
  const res = await fetch(`${h.baseUrl}/api/import/${options.commit === false ? 'preview' : 'commit'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: h.baseUrl },
    body: JSON.stringify({
      fileBase64: Buffer.from(toUtf8(text)).toString('base64'),
      ...(options.clearEmpty ? { clearEmpty: true } : {}),
    }),
  });
  const body = (await res.json()) as { ok: true; data: ImportReport } | { ok: false; error: { message: string } };
  if (!body.ok) throw new Error(body.error.message);
  return body.data;
}

const csv = (header: string[], ...rows: string[][]) =>
  [header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** What the store holds of a person, found by name (and company: the demo has a 佐藤 健一 too). */
function stored(name: string, company?: string) {
  const found = h.store
    .registeredPeople(h.eventId)
    .filter((p) => p.name === name && (company === undefined || p.orgName === company));
  expect(found, `people named ${name}`).toHaveLength(1);
  return found[0]!;
}

const peopleCount = () => h.store.registeredPeople(h.eventId).length;
const orgsNamed = (pattern: RegExp) => h.store.organizations(h.eventId).filter((o) => pattern.test(o.name));

const TAKAHASHI = SAMPLE_REGISTRATIONS[1]!;
const ITO = SAMPLE_REGISTRATIONS[4]!; // registered without an e-mail

describe('imports never erase by omission', () => {
  beforeEach(async () => {
    await importCsv(sampleRegistrationCsv());
  });

  it('keeps reading, title and tags when a file has only name, company and e-mail; the preview says nothing changes', async () => {
    const before = stored(TAKAHASHI.name);
    const narrow = csv(
      ['氏名', '会社名', 'メールアドレス'],
      ...SAMPLE_REGISTRATIONS.map((r) => [r.name, r.company, r.email ?? '']),
    );
    const preview = await importCsv(narrow, { commit: false });
    expect(preview).toMatchObject({ creates: 0, updates: 0, unchanged: SAMPLE_REGISTRATIONS.length, changes: [] });

    const report = await importCsv(narrow);
    expect(report).toMatchObject({ committed: false, creates: 0, updates: 0 }); // nothing to write
    expect(stored(TAKAHASHI.name)).toEqual(before);
    expect(stored(TAKAHASHI.name)).toMatchObject({
      kana: 'たかはし みさき',
      title: '経営企画部 部長',
      tags: ['食品', '人材育成'],
    });
  });

  it('keeps everyone’s tags when the tags column is missing or its cells are empty', async () => {
    const withoutTags = sampleRegistrationCsv()
      .split('\r\n')
      .map((line) => line.replace(/,[^,]*$/, ''))
      .join('\r\n');
    await importCsv(withoutTags);
    const emptyTags = sampleRegistrationCsv().replace('食品、人材育成', '');
    const report = await importCsv(emptyTags);
    expect(report.updates).toBe(0);
    for (const r of SAMPLE_REGISTRATIONS) expect(stored(r.name, r.company).tags).toEqual(r.tags);
  });

  it('lists each field an update changes, before → after, and clears a field only when the organizer chooses to', async () => {
    const edited = sampleRegistrationCsv().replace('経営企画部 部長', '代表取締役社長').replace('食品、人材育成', '');
    const preview = await importCsv(edited, { commit: false });
    expect(preview).toMatchObject({ updates: 1, unchanged: SAMPLE_REGISTRATIONS.length - 1, clearEmpty: false });
    expect(preview.changes).toEqual([
      {
        row: 3,
        personId: stored(TAKAHASHI.name).id,
        name: TAKAHASHI.name,
        company: TAKAHASHI.company,
        fields: [{ field: 'title', before: '経営企画部 部長', after: '代表取締役社長' }],
      },
    ]);

    const clearing = await importCsv(edited, { commit: false, clearEmpty: true });
    expect(clearing.changes[0]!.fields).toEqual([
      { field: 'title', before: '経営企画部 部長', after: '代表取締役社長' },
      { field: 'tags', before: '食品、人材育成', after: '' },
    ]);
    // 伊藤 has no e-mail and 渡辺 no tags: clearing them changes nothing.
    expect(clearing.updates).toBe(1);

    await importCsv(edited, { clearEmpty: true });
    expect(stored(TAKAHASHI.name)).toMatchObject({ title: '代表取締役社長', tags: [], kana: 'たかはし みさき' });
  });

  it('updates a person first registered without an e-mail when the file now has one: no second person, no second badge', async () => {
    const count = peopleCount();
    const badge = h.store.getPerson(stored(ITO.name).id)!.badgeNonce;
    const withEmail = sampleRegistrationCsv().replace(
      `${ITO.company},支援機関,,`,
      `${ITO.company},支援機関,ito@tomakomai.example.jp,`,
    );
    const report = await importCsv(withEmail);
    expect(report).toMatchObject({ creates: 0, updates: 1, committed: true });
    expect(report.changes[0]!.fields).toEqual([{ field: 'email', before: '', after: 'ito@tomakomai.example.jp' }]);
    expect(peopleCount()).toBe(count);
    expect(stored(ITO.name)).toMatchObject({
      email: 'ito@tomakomai.example.jp',
      registrationKey: 'ito@tomakomai.example.jp',
    });
    expect(h.store.getPerson(stored(ITO.name).id)!.badgeNonce).toBe(badge);

    // At the door too: the same person typed in again is found, not registered twice.
    const station = await h.connectAs(h.person('organizer').url);
    const again = await call(station, 'person:register', {
      name: ITO.name.replace(' ', '　'),
      company: ITO.company,
      kind: 'partner',
      key: key(),
    });
    expect(again).toMatchObject({ ok: false, error: { code: ErrorCode.Conflict } });
    expect(peopleCount()).toBe(count);
  });

  it('warns of a row that would add a person looking like a registered one', async () => {
    const other = sampleRegistrationCsv({
      extraLines: [`${TAKAHASHI.name},,${TAKAHASHI.company},地元企業,misaki@other.example.jp,,`],
    });
    const preview = await importCsv(other, { commit: false });
    expect(preview.creates).toBe(1);
    expect(preview.warnings).toEqual([
      {
        row: SAMPLE_REGISTRATIONS.length + 2,
        problems: [
          expect.objectContaining({
            code: 'person-alike',
            params: { name: TAKAHASHI.name, company: TAKAHASHI.company },
          }),
        ],
      },
    ]);
  });

  it('keeps the e-mail when a correction from the console leaves it out', async () => {
    const station = await h.connectAs(h.person('organizer').url);
    const person = stored(TAKAHASHI.name);
    const fixed = await call(station, 'person:update', {
      personId: person.id,
      name: TAKAHASHI.name,
      kana: TAKAHASHI.kana,
      company: TAKAHASHI.company,
      kind: 'firm',
      title: '部長',
    });
    expect(fixed).toMatchObject({ ok: true, data: { title: '部長' } });
    expect(stored(TAKAHASHI.name)).toMatchObject({ email: TAKAHASHI.email, tags: TAKAHASHI.tags });
  });
});

describe('one organization per company', () => {
  const SPELLINGS = ['ＡＢＣ商事', 'ABC商事', '株式会社ABC商事', '(株)ＡＢＣ商事'];

  it('imports four spellings of one company as one organization, keeping the first, and says so in the preview', async () => {
    const file = csv(
      ['氏名', '会社名', 'メールアドレス'],
      ...SPELLINGS.map((company, i) => [`社員${i + 1}`, company, `staff${i + 1}@abc.example.jp`]),
    );
    const preview = await importCsv(file, { commit: false });
    expect(preview.warnings.map((w) => [w.row, w.problems.map((p) => p.code)])).toEqual([
      [3, ['company-joined']],
      [4, ['company-joined']],
      [5, ['company-joined']],
    ]);
    await importCsv(file);
    expect(orgsNamed(/ABC|ＡＢＣ/i)).toEqual([{ id: expect.any(String), name: 'ＡＢＣ商事', kind: 'firm' }]);
    expect(new Set(SPELLINGS.map((_, i) => stored(`社員${i + 1}`).orgId)).size).toBe(1);
  });

  it('registers, corrects and imports into the stored company however it is spelled; the KPI counts it once', async () => {
    const station = await h.connectAs(h.person('organizer').url);
    const first = await call(station, 'person:register', {
      name: '山田 一郎',
      company: 'ＡＢＣ商事',
      kind: 'firm',
      checkIn: true,
      key: key(),
    });
    const second = await call(station, 'person:register', {
      name: '鈴木 花子',
      company: '㈱ABC商事',
      kind: 'firm',
      checkIn: true,
      key: key(),
    });
    if (!first.ok || !second.ok) throw new Error('registration refused');
    expect(second.data.person).toMatchObject({ orgId: first.data.person.orgId, orgName: 'ＡＢＣ商事' });

    // A correction that spells the company another way keeps the person where they are.
    const corrected = await call(station, 'person:update', {
      personId: second.data.person.id,
      name: '鈴木 花子',
      company: 'abc商事 株式会社',
      kind: 'firm',
    });
    expect(corrected).toMatchObject({ ok: true, data: { orgId: first.data.person.orgId, orgName: 'ＡＢＣ商事' } });
    // The same company as a venture is still the same company: refused, not made a second time.
    expect(
      await call(station, 'person:register', { name: '別人', company: 'ABC商事', kind: 'venture', key: key() }),
    ).toMatchObject({ ok: false, error: { code: ErrorCode.Conflict } });

    const report = await importCsv(csv(['氏名', '会社名'], ['田中 三郎', '(株)ＡＢＣ商事']));
    expect(report).toMatchObject({ creates: 1, committed: true });
    expect(orgsNamed(/ABC|ＡＢＣ/i)).toHaveLength(1);

    expect(h.store.stats(h.eventId).companies).toBe(1);
    const dashboard = (await (await fetch(`${h.baseUrl}/api/dashboard`, { headers: { cookie } })).json()) as {
      ok: true;
      data: DashboardView;
    };
    expect(dashboard.data.figures.companies.total).toBe(1);
  });

  it('flags a new company one character away from a registered one', async () => {
    const preview = await importCsv(
      csv(['氏名', '会社名'], ['山田 一郎', '苫小牧港湾物流株式会社'], ['鈴木', '苫小牧港湾物産株式会社']),
      {
        commit: false,
      },
    );
    expect(preview.warnings).toEqual([
      {
        row: 3,
        problems: [
          expect.objectContaining({
            code: 'company-near',
            params: { company: '苫小牧港湾物産株式会社', similar: '苫小牧港湾物流株式会社' },
          }),
        ],
      },
    ]);
  });
});

describe('one text rule for names', () => {
  it('refuses a name of zero-width characters or with a control character in the import, and keeps 𠮷 and ①', async () => {
    const report = await importCsv(
      csv(
        ['氏名', '会社名'],
        ['\u200b', 'A社'],
        ['\u200b\u00ad\u200b', 'A社'],
        ['山田\u0007太郎', 'A社'],
        ['𠮷田 ①', '\u200b'],
        ['𠮷田 ①', '髙木製作所'],
      ),
    );
    expect(report.errors.map((e) => [e.row, e.problems.map((p) => `${p.code}:${p.params.field}`)])).toEqual([
      [2, ['empty:name']],
      [3, ['invisible:name']],
      [4, ['control:name']],
      [5, ['empty:company']],
    ]);
    expect(stored('𠮷田 ①')).toMatchObject({ orgName: '髙木製作所' });
  });

  it('refuses the same names from person:register and person:update, and trims full-width spaces', async () => {
    const station = await h.connectAs(h.person('organizer').url);
    for (const name of ['\u200b', '\u200b\u200c\u200d\u2060\ufeff', '\ufe0f', '山田\n太郎']) {
      const refused = await call(station, 'person:register', { name, company: 'A社', kind: 'firm', key: key() });
      expect(refused, JSON.stringify(name)).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    }
    expect(
      await call(station, 'person:register', { name: '山田', company: '\u200b\u200b', kind: 'firm', key: key() }),
    ).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });

    const ok = await call(station, 'person:register', {
      name: '\u3000山田\u3000',
      company: '\u3000𠮷野商店\u200b',
      kind: 'firm',
      key: key(),
    });
    expect(ok).toMatchObject({ ok: true, data: { person: { name: '山田', orgName: '𠮷野商店' } } });
    if (!ok.ok) return;
    const update = (name: string) =>
      call(station, 'person:update', { personId: ok.data.person.id, name, company: '𠮷野商店', kind: 'firm' });
    expect(await update('\u200b')).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(await update('\u0000')).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(stored('山田')).toMatchObject({ name: '山田' });
  });
});
