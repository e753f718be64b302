/**
 * Open data carries no personal data, whatever was recorded. A day is run (check-ins, taps,
 * requests, meetings), then every place a person's data can sit is given a marker — every text
 * column of a person's row (names, readings, e-mails, titles, and whatever is added), interest notes, request messages and
 * reasons, meetings' next steps and outcome notes, every company that did not agree to be named.
 * Then, through the console's real API (as the organizer would), a regional outcome with a marked
 * note, an entered figure with a marked note (its author is the organizer, whose name is marked),
 * consent given and — for a company at a second event of the programme — withdrawn there; and
 * everything is published. The public page, CSV and JSON are then fetched over real HTTP, without a
 * cookie, and no marker may appear; the one consenting company is named only while names are
 * published, the withdrawn one never. Also: the addresses answer 404 when publishing is off, for a wrong slug and for a
 * renewed one, and are cacheable for a short while.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalYearOf } from '../../shared/programme.js';
import { seedDemoEvent } from '../seed/demo.js';
import { openDb } from '../store/db.js';
import type { PublishView } from '../../shared/programme.js';
import { eventLinks } from '../links.js';
import { joinProgramme, programmeOf, publishSettings, saveReview, savePublish } from '../store/programme.js';
import { Store } from '../store/store.js';
import { startHarness, tempDbFile, type Harness } from '../testing/harness.js';

/** Every marker starts so: one search finds them all. */
const MARK = 'PIIMARK';
const CONSENTING = '株式会社公開同意テスト';
/** Agreed at the first event, withdrew at the second (spelt there without 株式会社): never named. */
const WITHDRAWN = '株式会社同意撤回テスト';
/** The public address, as the console's first publishing made it. */
let SLUG: string;

let h: Harness;
let programmeId: string;
/** What the day recorded that the API steps build on. */
let day: {
  eventId: string;
  secondId: string;
  consenting: string;
  withdrawn: string;
  withdrawnThere: string;
  meeting: string;
  fy: number;
};

/** Sets every row's text column to a marker naming the column (and the row, so each is distinct). */
function mark(store: Store, table: string, column: string, where = '1 = 1'): number {
  return store.sql
    .prepare(`UPDATE ${table} SET ${column} = '${MARK}-${table}.${column}-' || rowid WHERE ${where}`)
    .run().changes;
}

/** A day already run, with personal data everywhere and every part of the programme published. */
function recordDay(dbFile: string): void {
  const store = new Store(openDb(dbFile));
  const now = Date.now();
  const eventId = seedDemoEvent(store, { now, newId: randomUUID, size: 'small', activity: { seed: 7 } });
  const event = store.getEvent(eventId)!;
  programmeId = programmeOf(store, eventId);
  const fy = fiscalYearOf(event.date);

  // The consenting firm: one that had someone checked in.
  const consenting = store.sql
    .pluck<[string], string>(
      `SELECT o.id FROM organizations o WHERE o.event_id = ? AND o.kind = 'firm' AND EXISTS (
         SELECT 1 FROM people p JOIN checkins c ON c.person_id = p.id WHERE p.organization_id = o.id) LIMIT 1`,
    )
    .get(eventId)!;
  store.sql.prepare('UPDATE organizations SET name = ? WHERE id = ?').run(CONSENTING, consenting);
  // Another firm that took part, and the same company at a second event of the programme.
  const withdrawn = store.sql
    .pluck<[string, string], string>(
      `SELECT o.id FROM organizations o WHERE o.event_id = ? AND o.kind = 'firm' AND o.id <> ? AND EXISTS (
         SELECT 1 FROM people p JOIN checkins c ON c.person_id = p.id WHERE p.organization_id = o.id) LIMIT 1`,
    )
    .get(eventId, consenting)!;
  store.sql.prepare('UPDATE organizations SET name = ? WHERE id = ?').run(WITHDRAWN, withdrawn);
  const secondId = seedDemoEvent(store, {
    now: now + 1,
    newId: randomUUID,
    size: 'small',
    name: '第2回',
    date: event.date,
  });
  joinProgramme(store, secondId, programmeId);
  const withdrawnThere = store.organizations(secondId).find((o) => o.kind === 'firm')!.id;
  store.sql.prepare('UPDATE organizations SET name = ? WHERE id = ?').run('同意撤回テスト', withdrawnThere);

  // A PoC that started (so its meeting counts).
  const meeting = store.sql
    .pluck<[string], string>(`SELECT id FROM meetings WHERE event_id = ? AND status <> 'cancelled' LIMIT 1`)
    .get(eventId)!;
  store.sql
    .prepare(
      `UPDATE meetings SET status = 'held', outcome = 'poc-started', poc_started_on = ?,
       guest_confirmed = NULL, venture_confirmed = NULL WHERE id = ?`,
    )
    .run(event.date, meeting);
  saveReview(store, programmeId, { fiscalYear: fy, worked: '参加が増えた', next: '事前登録を早める', updatedAt: now });

  // Personal data everywhere a person could leave it.
  // A person's row: every text column but its keys, so a column added later (a phone, a note) is covered too.
  const personColumns = store.sql
    .prepare<[], { name: string; type: string; pk: number }>("SELECT name, type, pk FROM pragma_table_info('people')")
    .all()
    .filter((c) => c.type === 'TEXT' && !c.pk && !/_id$|^account$|^badge_nonce$/.test(c.name))
    .map((c) => c.name);
  expect(personColumns).toEqual(expect.arrayContaining(['name', 'name_kana', 'email', 'title']));
  const named = [consenting, withdrawn, withdrawnThere].map((id) => `'${id}'`).join(', ');
  const marked = [
    ...personColumns.map((column) => mark(store, 'people', column)),
    mark(store, 'interests', 'note'),
    mark(store, 'meeting_requests', 'message'),
    mark(store, 'meeting_requests', 'reason'),
    mark(store, 'meetings', 'next_step'),
    mark(store, 'meetings', 'outcome_note'),
    mark(store, 'organizations', 'name', `id NOT IN (${named})`),
    mark(store, 'organizations', 'name_kana'),
    mark(store, 'checkins', 'station'),
  ];
  // The day really held each kind of record (a marker nowhere proves nothing).
  expect(marked).not.toContain(0);
  day = { eventId, secondId, consenting, withdrawn, withdrawnThere, meeting, fy };
  store.db.close();
}

/** A POST of the console, signed in as an organizer, that must succeed. */
async function post<T>(cookie: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${h.baseUrl}${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: h.baseUrl },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as { ok: boolean; data: T };
  expect(answer, `${path}: ${JSON.stringify(answer)}`).toMatchObject({ ok: true });
  return answer.data;
}

const organizerOf = (eventId: string) =>
  eventLinks(h.store, h.secret, eventId, h.baseUrl).people.find((p) => p.role === 'organizer')!.url;

/**
 * What the organizer records in the console, through the real API before publishing: the markers
 * reach the store as the app writes them (nothing overwritten afterwards), so a leak shows.
 */
async function recordThroughConsole(): Promise<void> {
  const first = await h.signIn(organizerOf(day.eventId));
  const second = await h.signIn(organizerOf(day.secondId));
  await post(first, '/api/programme/outcomes', {
    eventId: day.eventId,
    orgId: h.store.meetings(day.eventId, { ids: [day.meeting] })[0]!.ventureOrgId,
    kind: 'relocated',
    on: h.store.getEvent(day.eventId)!.date,
    note: `${MARK}-regional_outcomes.note`,
    meetingId: day.meeting,
  });
  await post(first, '/api/programme/entries', {
    kpiId: 'student-hiring',
    fiscalYear: day.fy,
    value: 52.5,
    source: '公共職業安定所 業務統計',
    on: h.store.getEvent(day.eventId)!.date,
    note: `${MARK}-kpi_entries.note`,
  });
  await post(first, `/api/org/${day.consenting}/publish-consent`, { consent: true });
  await post(first, `/api/org/${day.withdrawn}/publish-consent`, { consent: true });
  await post(second, `/api/org/${day.withdrawnThere}/publish-consent`, { consent: false });
  // The markers are in the store as the API wrote them: the entry's author is the (marked) organizer.
  const stored = h.store.sql
    .prepare<[], { note: string; by: string }>('SELECT note, recorded_by AS by FROM kpi_entries')
    .get()!;
  expect(stored.note).toBe(`${MARK}-kpi_entries.note`);
  expect(stored.by).toMatch(new RegExp(`^${MARK}-people\\.name-`));
  expect(h.store.sql.pluck('SELECT note FROM regional_outcomes').get()).toBe(`${MARK}-regional_outcomes.note`);
  const { slug: _none, ...settings } = publishSettings(h.store, programmeId);
  const published = await post<PublishView>(first, '/api/programme/publish', {
    ...settings,
    enabled: true,
    reviews: true,
    events: true,
    companyNames: true,
  });
  SLUG = published.publicUrl!.split('/open/')[1]!;
}

beforeAll(async () => {
  const temp = tempDbFile();
  recordDay(temp.dbFile);
  h = await startHarness(temp);
  await recordThroughConsole();
});
afterAll(() => h.stop());

/** An anonymous GET: no cookie, as a city's site visitor. */
async function get(path: string) {
  const res = await fetch(`${h.baseUrl}${path}`);
  return { res, text: await res.text() };
}

const files = ['', '/kpi.csv', '/kpi.json'];

/** The markers found in a text (none, we hope), for a failure that says which. */
const markersIn = (text: string) => [...new Set(text.match(new RegExp(`${MARK}-[a-z_]+\\.[a-z_]+`, 'g')) ?? [])];

function setPublish(change: Partial<ReturnType<typeof publishSettings>>, slug?: string) {
  const { slug: _s, ...settings } = publishSettings(h.store, programmeId);
  savePublish(h.store, programmeId, { ...settings, ...change }, slug);
}

describe('open data of a day with personal data everywhere', () => {
  it.each(files)('/open/SLUG%s carries no marker, and names the consenting company', async (file) => {
    const { res, text } = await get(`/open/${SLUG}${file}`);
    expect(res.status).toBe(200);
    expect(markersIn(text)).toEqual([]);
    expect(text).not.toContain(MARK);
    // The figures are there; the company that withdrew at the second event is not named.
    expect(text).toContain('公共職業安定所 業務統計');
    if (file !== '/kpi.csv') expect(text).toContain(CONSENTING);
    expect(text).not.toContain('同意撤回テスト');
  });

  it('has figures worth publishing: companies counted, the PoC, the relocation, the entered share', async () => {
    const json = JSON.parse((await get(`/open/${SLUG}/kpi.json`)).text) as {
      rows: { kpi_id: string; actual: number | null; origin: string }[];
      events: { companies: { total: number } }[];
      companies: string[];
      reviews: unknown[];
    };
    const year = (id: string) => json.rows.find((r) => r.kpi_id === id)!;
    expect(year('companies').actual).toBeGreaterThan(0);
    expect(year('companies').actual).toBe(json.events[0]!.companies.total);
    expect(year('pocs')).toMatchObject({ actual: 1, origin: 'counted' });
    expect(year('founded')).toMatchObject({ actual: 1, origin: 'counted' });
    expect(year('student-hiring')).toMatchObject({ actual: 52.5, origin: 'entered' });
    expect(json.companies).toEqual([CONSENTING]);
    expect(json.reviews).toHaveLength(1);
  });

  it('names no company while names are not published', async () => {
    setPublish({ companyNames: false });
    try {
      for (const file of files) {
        const { res, text } = await get(`/open/${SLUG}${file}`);
        expect(res.status).toBe(200);
        expect(text).not.toContain(CONSENTING);
        expect(text).not.toContain(MARK);
      }
    } finally {
      setPublish({ companyNames: true });
    }
  });

  it('is cacheable for a minute with an ETag; the files are readable from any site; no cookie is set', async () => {
    for (const file of files) {
      const { res } = await get(`/open/${SLUG}${file}`);
      expect(res.headers.get('cache-control')).toBe('public, max-age=60');
      expect(res.headers.get('etag')).toBeTruthy();
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    // After the minute a cache revalidates: the same figures answer 304 to the ETag it holds.
    const first = await get(`/open/${SLUG}/kpi.csv`);
    const again = await fetch(`${h.baseUrl}/open/${SLUG}/kpi.csv`, {
      // As a browser revalidates (fetch would add no-cache to a bare If-None-Match).
      headers: { 'if-none-match': first.res.headers.get('etag')!, 'cache-control': 'max-age=0' },
    });
    expect([again.status, again.headers.get('etag')]).toEqual([304, first.res.headers.get('etag')]);
    const csv = await get(`/open/${SLUG}/kpi.csv`);
    expect(csv.res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // fetch's text() drops a byte-order mark: read the bytes.
    const bytes = new Uint8Array(await (await fetch(`${h.baseUrl}/open/${SLUG}/kpi.csv`)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.res.headers.get('content-disposition')).toBe('attachment; filename="kpi.csv"');
    expect(csv.res.headers.get('access-control-allow-origin')).toBe('*');
    const json = await get(`/open/${SLUG}/kpi.json`);
    expect(json.res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.res.headers.get('access-control-allow-origin')).toBe('*');
    const page = await get(`/open/${SLUG}`);
    expect(page.res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.text).not.toMatch(/<script\b/i);
  });

  it('answers 404 for a wrong slug, while publishing is off, and at the old address once renewed', async () => {
    for (const path of ['/open/no-such-slug', '/open/no-such-slug/kpi.csv', '/open/%F0%9F%98%80/kpi.json']) {
      const { res, text } = await get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(text).toContain('このページは公開されていません');
    }
    setPublish({ enabled: false });
    try {
      for (const file of files) expect((await get(`/open/${SLUG}${file}`)).res.status).toBe(404);
    } finally {
      setPublish({ enabled: true });
    }
    setPublish({}, `${SLUG}-renewed`);
    try {
      for (const file of files) {
        expect((await get(`/open/${SLUG}${file}`)).res.status).toBe(404);
        expect((await get(`/open/${SLUG}-renewed${file}`)).res.status).toBe(200);
      }
    } finally {
      setPublish({}, SLUG);
    }
  });
});
