/**
 * The import's guards end to end against the real app: a likely duplicate is asked about in the
 * preview and the commit does what the organizer chose; a commit whose plan is no longer the one
 * previewed writes nothing; half-width katakana goes in full width.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ImportChoice, ImportReport } from '../../shared/model.js';
import { SAMPLE_REGISTRATIONS, csvCell, sampleRegistrationCsv, toUtf8 } from '../testing/registration-files.js';
import { call, startWithOrganizer, type Harness } from '../testing/harness.js';

let h: Harness;
let cookie: string;
// The cleanup a beforeEach returns runs after each test.
beforeEach(async () => {
  ({ h, cookie } = await startWithOrganizer());
  return () => h.stop();
});

async function importCsv(
  text: string,
  options: { commit?: boolean; choices?: { row: number; choice: ImportChoice }[]; digest?: string } = {},
): Promise<ImportReport> {
  const res = await fetch(`${h.baseUrl}/api/import/${options.commit ? 'commit' : 'preview'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: h.baseUrl },
    body: JSON.stringify({
      fileBase64: Buffer.from(toUtf8(text)).toString('base64'),
      ...(options.choices ? { choices: options.choices } : {}),
      ...(options.digest ? { digest: options.digest } : {}),
    }),
  });
  const body = (await res.json()) as { ok: true; data: ImportReport } | { ok: false; error: { message: string } };
  if (!body.ok) throw new Error(body.error.message);
  return body.data;
}

const csv = (...rows: string[][]) =>
  [['氏名', '会社名', 'メールアドレス'], ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';

const TAKAHASHI = SAMPLE_REGISTRATIONS[1]!;
const named = (name: string) => h.store.registeredPeople(h.eventId).filter((p) => p.name === name);
const peopleCount = () => h.store.registeredPeople(h.eventId).length;

describe('a likely duplicate in an import', () => {
  // 髙橋 美咲 is registered with one e-mail; the new sheet has her with another.
  const file = csv([TAKAHASHI.name, TAKAHASHI.company, 'misaki@new.example.jp']);
  beforeEach(async () => {
    await importCsv(sampleRegistrationCsv(), { commit: true });
  });

  it('is asked about in the preview, with the registered person to compare', async () => {
    const preview = await importCsv(file);
    const registered = named(TAKAHASHI.name)[0]!;
    expect(preview.duplicates).toEqual([
      {
        row: 2,
        name: TAKAHASHI.name,
        company: TAKAHASHI.company,
        email: 'misaki@new.example.jp',
        person: { personId: registered.id, name: TAKAHASHI.name, company: TAKAHASHI.company, email: TAKAHASHI.email },
        sameAsRow: null,
        options: ['update', 'add', 'skip'],
        choice: null,
      },
    ]);
    expect(preview).toMatchObject({ creates: 1, updates: 0, skipped: 0 });
  });

  it('updates the registered person when the organizer says it is her: one person, the same badge, the new e-mail', async () => {
    const before = named(TAKAHASHI.name)[0]!;
    const badge = h.store.getPerson(before.id)!.badgeNonce;
    const count = peopleCount();
    const choices = [{ row: 2, choice: 'update' as const }];
    const preview = await importCsv(file, { choices });
    expect(preview).toMatchObject({ creates: 0, updates: 1, warnings: [] });
    expect(preview.changes[0]!.fields).toEqual([
      { field: 'email', before: TAKAHASHI.email, after: 'misaki@new.example.jp' },
    ]);

    const done = await importCsv(file, { commit: true, choices, digest: preview.digest });
    expect(done).toMatchObject({ committed: true, stale: false, creates: 0, updates: 1 });
    expect(peopleCount()).toBe(count);
    expect(named(TAKAHASHI.name)).toEqual([expect.objectContaining({ id: before.id, email: 'misaki@new.example.jp' })]);
    expect(h.store.getPerson(before.id)!.badgeNonce).toBe(badge);
  });

  it('adds a second person, or writes nothing for a skipped row, as chosen', async () => {
    const count = peopleCount();
    const skip = [{ row: 2, choice: 'skip' as const }];
    const skipped = await importCsv(file, { commit: true, choices: skip });
    expect(skipped).toMatchObject({ committed: false, creates: 0, updates: 0, skipped: 1 });
    expect(peopleCount()).toBe(count);

    const added = await importCsv(file, { commit: true, choices: [{ row: 2, choice: 'add' }] });
    expect(added).toMatchObject({ committed: true, creates: 1, skipped: 0 });
    expect(
      named(TAKAHASHI.name)
        .map((p) => p.email)
        .sort(),
    ).toEqual(['misaki@new.example.jp', TAKAHASHI.email]);
  });
});

describe('a commit that does not answer a likely duplicate', () => {
  it('is refused with the rows to answer, and writes nothing: silence never makes a second badge', async () => {
    await importCsv(sampleRegistrationCsv(), { commit: true });
    const count = peopleCount();
    const file = csv([TAKAHASHI.name, TAKAHASHI.company, 'misaki@new.example.jp'], ['山田 花子', '新しい会社', '']);
    const res = await fetch(`${h.baseUrl}/api/import/commit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: h.baseUrl },
      body: JSON.stringify({ fileBase64: Buffer.from(toUtf8(file)).toString('base64') }),
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'import-unanswered', params: { count: 1, rows: '2' } },
    });
    expect(peopleCount()).toBe(count);
    expect(named(TAKAHASHI.name)).toHaveLength(1);
  });
});

/** The door registers a walk-in meanwhile, as between an import's preview and its commit. */
async function walkInAtTheDoor(name: string, company: string) {
  const door = await h.connectAs(h.person('organizer').url);
  const walkIn = await call(door, 'person:register', {
    name,
    company,
    kind: 'firm',
    key: randomUUID().replaceAll('-', ''),
  });
  expect(walkIn.ok).toBe(true);
}

describe('the commit does what the preview showed', () => {
  it('writes nothing, and answers the new preview, when the registrations changed since the preview', async () => {
    const file = csv(['山田 花子', '新しい会社', 'hanako@example.jp'], ['森 一郎', '新しい会社', '']);
    const preview = await importCsv(file);
    expect(preview).toMatchObject({ creates: 2, updates: 0 });

    // Meanwhile the door registers 森 一郎 of the same company as a walk-in.
    await walkInAtTheDoor('森 一郎', '新しい会社');
    const count = peopleCount();

    const stale = await importCsv(file, { commit: true, digest: preview.digest });
    expect(stale).toMatchObject({ committed: false, stale: true, creates: 1, unchanged: 1 });
    expect(stale.digest).not.toBe(preview.digest);
    expect(peopleCount()).toBe(count);

    const done = await importCsv(file, { commit: true, digest: stale.digest });
    expect(done).toMatchObject({ committed: true, stale: false, creates: 1 });
    expect(peopleCount()).toBe(count + 1);
  });

  it('says the registrations changed even when the new plan would write nothing', async () => {
    const file = csv(['森 一郎', '新しい会社', '']);
    const preview = await importCsv(file);
    expect(preview).toMatchObject({ creates: 1 });
    await walkInAtTheDoor('森 一郎', '新しい会社');
    const stale = await importCsv(file, { commit: true, digest: preview.digest });
    expect(stale).toMatchObject({ committed: false, stale: true, creates: 0, unchanged: 1 });
  });

  it('gives the same digest to the same plan, though a new company’s id is drawn afresh each time', async () => {
    const file = csv(['山田 花子', '新しい会社', 'hanako@example.jp']);
    const [a, b] = [await importCsv(file), await importCsv(file)];
    expect(a.digest).toBe(b.digest);
    const other = await importCsv(csv(['山田 花子', '新しい会社', 'hanako@other.example.jp']));
    expect(other.digest).not.toBe(a.digest);
  });
});

it('imports half-width katakana full width, so badges and the board show one form', async () => {
  await importCsv(csv(['ｻﾄｳ ｹﾝｲﾁ', 'ｶﾞｽﾃｯｸ', 'kenichi@gastech.example.jp']), { commit: true });
  expect(named('サトウ ケンイチ')).toEqual([expect.objectContaining({ orgName: 'ガステック' })]);
  const badges = await fetch(`${h.baseUrl}/organizer/badges/print`, { headers: { cookie } });
  const sheet = await badges.text();
  expect(sheet).toContain('サトウ ケンイチ');
  expect(sheet).not.toContain('ｻﾄｳ');
});

describe('a file that cannot be read as a registration sheet', () => {
  async function refusal(body: Record<string, unknown>) {
    const res = await fetch(`${h.baseUrl}/api/import/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: h.baseUrl },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { ok: false; error: Record<string, unknown> } };
  }
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

  it('is refused with the problem and what its sentence needs, and nothing is stored', async () => {
    const before = peopleCount();
    const xlsx = await refusal({ fileBase64: base64(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])) });
    expect(xlsx).toMatchObject({
      status: 400,
      body: { ok: false, error: { code: 'BAD_REQUEST', reason: 'import-unreadable', params: { problem: 'xlsx' } } },
    });
    const quote = await refusal({ fileBase64: base64(toUtf8('氏名,会社名\r\n"山田,ABC\r\n')) });
    expect(quote.body.error).toMatchObject({
      reason: 'import-unreadable',
      params: { problem: 'quote-not-closed', line: 2 },
    });
    expect(peopleCount()).toBe(before);
  });

  it('answers a chosen column the file does not have as the file’s problem, not as a server failure', async () => {
    const answer = await refusal({
      fileBase64: base64(toUtf8(csv(['山田 花子', '新しい会社', 'hanako@example.jp']))),
      mapping: { name: 0, company: 1, email: 9 },
    });
    expect(answer).toMatchObject({
      status: 400,
      body: {
        error: { reason: 'import-unreadable', params: { problem: 'column-missing', field: 'email', columns: 3 } },
      },
    });
  });
});
