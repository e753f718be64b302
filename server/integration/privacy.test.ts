/**
 * Privacy over real HTTP against the real app and SQLite file (issue 19): the notice and its
 * acknowledgement per version, a person's own data and nobody else's, erasing a person (their
 * session ends), and the retention purge — the event's report page, the series report and the
 * dashboard's figures read the same before and after it, while no name or e-mail of the event's
 * people is left in any table, nor in the database file's bytes.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardView } from '../../shared/console.js';
import type { OwnData, PrivacyNoticeView, PrivacySettingsView } from '../../shared/privacy.js';
import { makeToken, newNonce } from '../auth/tokens.js';
import { purgeDueEvents } from '../http/privacy-routes.js';
import { seedDemoEvent } from '../seed/demo.js';
import { openDb } from '../store/db.js';
import { purgeEvent } from '../store/privacy.js';
import { accountOf, createEvent } from '../store/series.js';
import { Store } from '../store/store.js';
import { openSocket, startHarness, tempDbFile, type Harness } from '../testing/harness.js';

type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string; reason?: string; message: string } };

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function api<T>(path: string, cookie: string, body?: unknown): Promise<{ status: number; body: Answer<T> }> {
  const res = await fetch(`${h!.baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      cookie,
      origin: h!.baseUrl,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer<T> };
}

function data<T>(answer: { body: Answer<T> }): T {
  if (!answer.body.ok) throw new Error(`${answer.body.error.code}: ${answer.body.error.message}`);
  return answer.body.data;
}

async function page(path: string, cookie: string): Promise<string> {
  const res = await fetch(`${h!.baseUrl}${path}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

const linkOf = (nonce: string) => `${h!.baseUrl}/t/${makeToken(h!.secret, 'person', nonce)}`;

/** A session cookie from a Set-Cookie header. */
const cookieOf = (setCookie: string | null) => setCookie!.split(';')[0]!;

describe('the notice, own data and erasing a person', () => {
  it('asks each person once per version, gives them their own data, and ends an erased person’s session', async () => {
    h = await startHarness();
    const organizer = await h.signIn(h.person('organizer').url);
    const [aUrl, bUrl] = h.addFirms(2);
    const a = await h.signIn(aUrl!);
    const b = await h.signIn(bUrl!);

    const first = data(await api<PrivacyNoticeView>('/api/privacy', a));
    expect(first).toMatchObject({ notice: { version: 1, ja: null, en: null, retentionDays: 365 }, acknowledged: null });
    expect(data(await api('/api/privacy/acknowledge', a, { version: 1 }))).toEqual({ acknowledged: 1 });
    expect(data(await api<PrivacyNoticeView>('/api/privacy', a)).acknowledged).toBe(1);
    expect(data(await api<PrivacyNoticeView>('/api/privacy', b)).acknowledged).toBeNull();

    // A new notice: everyone is asked again; an acknowledgement of the old one is refused.
    const saved = data(
      await api<PrivacySettingsView>('/api/privacy/settings', organizer, {
        ja: '新しい通知文',
        en: 'A new notice',
        contact: '市 産業振興課 privacy@city.example.jp',
        retentionDays: 180,
      }),
    );
    expect(saved.notice).toMatchObject({ version: 2, ja: '新しい通知文', retentionDays: 180 });
    expect(saved).toMatchObject({ acknowledged: 0 });
    const stale = await api('/api/privacy/acknowledge', a, { version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ ok: false, error: { reason: 'privacy-notice-changed' } });
    expect(data(await api<PrivacyNoticeView>('/api/privacy', a))).toMatchObject({
      notice: { version: 2 },
      acknowledged: 1,
    });

    // Own data: a's note, never b's.
    const me = data(await api<{ personId: string }>('/api/me', a));
    const other = data(await api<{ personId: string }>('/api/me', b));
    const venture = h.store.listVentures(h.eventId)[0]!;
    for (const [personId, note] of [
      [me.personId, 'わたしのメモ'],
      [other.personId, 'ほかの人のメモ'],
    ] as const) {
      h.store.upsertInterest(h.eventId, personId, {
        ventureId: venture.id,
        level: 'want-to-meet',
        tags: [],
        note,
        shareNote: false,
        updatedAt: Date.now(),
      });
    }
    const res = await fetch(`${h.baseUrl}/api/me/data.json`, { headers: { cookie: a } });
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const own = (await res.json()) as OwnData;
    expect(own.person.id).toBe(me.personId);
    expect(own.taps).toEqual([expect.objectContaining({ venture: venture.name, note: 'わたしのメモ' })]);
    expect(JSON.stringify(own)).not.toContain('ほかの人のメモ');
    expect(JSON.stringify(own)).not.toContain(other.personId);

    // Erased: the summary says what goes, then the person's socket and session end.
    const summary = data(await api<{ taps: number; name: string }>(`/api/privacy/people/${me.personId}`, organizer));
    expect(summary.taps).toBe(1);
    const socket = await openSocket(h.baseUrl, { cookie: a });
    const ended = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect((await api(`/api/privacy/people/${me.personId}/erase`, organizer, {})).status).toBe(200);
    expect(await ended).toBe('io server disconnect');
    expect((await api('/api/me', a)).status).toBe(401);
    expect((await api('/api/me', b)).status).toBe(200);
    expect(h.store.getPerson(me.personId)).toBeUndefined();
    // An organizer cannot erase themselves.
    const self = data(await api<{ personId: string }>('/api/me', organizer));
    expect((await api(`/api/privacy/people/${self.personId}/erase`, organizer, {})).body).toMatchObject({
      error: { reason: 'privacy-erase-self' },
    });
  });
});

describe('the retention purge', () => {
  it('keeps the report’s figures and leaves no name or e-mail in the database file', async () => {
    // A day already run (taps, requests, meetings, outcomes), and a later event of the same series.
    const day = Date.UTC(2026, 5, 1, 9);
    const { dir, dbFile } = tempDbFile();
    const seedStore = new Store(openDb(dbFile));
    const eventId = seedDemoEvent(seedStore, { now: day, newId: randomUUID, size: 'small', activity: { seed: 11 } });
    const organizer = seedStore.listPeople(eventId).find((p) => p.role === 'organizer')!;
    const account = accountOf(seedStore, organizer.id)!;
    const laterId = randomUUID();
    createEvent(seedStore, {
      id: laterId,
      name: '第2回 マッチングデイ',
      venue: '',
      date: '2027-09-01',
      boardNonce: newNonce(),
      from: null,
      creator: { account, name: organizer.name },
      now: day,
      newId: randomUUID,
      newNonce,
    });
    // What people wrote, naming themselves; an e-mail for everyone.
    const people = seedStore.listPeople(eventId);
    for (const [i, p] of people.entries()) {
      seedStore.sql
        .prepare('UPDATE people SET email = ? WHERE id = ?')
        .run(`person${i}.${p.id.slice(0, 6)}@example.jp`, p.id);
      seedStore.sql.prepare('UPDATE interests SET note = ? WHERE person_id = ?').run(`${p.name}より`, p.id);
      seedStore.sql.prepare('UPDATE meeting_requests SET message = ? WHERE from_person = ?').run(`${p.name}です`, p.id);
    }
    const laterNames = new Set(seedStore.listPeople(laterId).map((p) => p.name));
    const secrets = [
      ...people.filter((p) => !laterNames.has(p.name)).map((p) => p.name),
      ...seedStore.sql.pluck<[string], string>('SELECT email FROM people WHERE event_id = ?').all(eventId),
    ];
    const firm = people.find((p) => p.role === 'firm')!;
    seedStore.db.close();

    const clock = day + 400 * 24 * 3600_000; // past the default 365 days
    h = await startHarness({ dbFile, dir, now: () => clock });
    const laterOrganizer = h.store.listPeople(laterId).find((p) => p.role === 'organizer')!;
    const console = await h.signIn(linkOf(laterOrganizer.badgeNonce));
    const firmCookie = await h.signIn(linkOf(firm.badgeNonce));
    const opened = await fetch(`${h.baseUrl}/api/events/${eventId}/open`, {
      method: 'POST',
      headers: { cookie: console, origin: h.baseUrl, 'content-type': 'application/json' },
      body: '{}',
    });
    const ofEvent = cookieOf(opened.headers.get('set-cookie'));

    const read = async () => ({
      report: await page('/organizer/report', ofEvent),
      english: await page('/organizer/report?lang=en', ofEvent),
      series: await page('/organizer/report?scope=series', console),
      figures: data(await api<DashboardView>('/api/dashboard', ofEvent)).figures,
      // Issue 20's programme: the council's printed table and its figures.
      programme: await page('/organizer/programme/report', ofEvent),
      programmeReport: data(await api<{ report: unknown }>('/api/programme', ofEvent)).report,
    });
    const before = await read();
    expect(before.figures.meetings.held).toBeGreaterThan(0);
    expect(before.figures.interests.total).toBeGreaterThan(0);
    expect(before.figures.requests.total).toBeGreaterThan(0);

    const settings = data(await api<PrivacySettingsView>('/api/privacy/settings', ofEvent));
    expect(settings).toMatchObject({ purgeDue: true, purgedAt: null, purgeOn: '2027-06-01' });
    const purged = data(await api<PrivacySettingsView>('/api/privacy/purge', ofEvent, {}));
    expect(purged.purgedAt).toBe(clock);

    const after = await read();
    expect(after.figures).toEqual(before.figures);
    expect(after.report).toBe(before.report);
    expect(after.english).toBe(before.english);
    expect(after.series).toBe(before.series);
    expect(after.programme).toBe(before.programme);
    expect(after.programmeReport).toEqual(before.programmeReport);

    // The attendee's session ended; no table holds a name or e-mail of the event's people.
    expect((await api('/api/me', firmCookie)).status).toBe(401);
    const found: string[] = [];
    const tables = h.store.sql
      .pluck<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all();
    for (const table of tables) {
      for (const column of h.store.sql.pluck<[string], string>('SELECT name FROM pragma_table_info(?)').all(table)) {
        for (const value of h.store.sql.pluck<[], unknown>(`SELECT "${column}" FROM "${table}"`).all()) {
          if (typeof value !== 'string') continue;
          for (const s of secrets) if (value.includes(s)) found.push(`${table}.${column}: ${s}`);
        }
      }
    }
    expect(found).toEqual([]);
    // Nor the file's bytes, the write-ahead log included (the purge compacted both).
    const bytes = Buffer.concat(
      [dbFile, `${dbFile}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)),
    );
    expect(secrets.filter((s) => bytes.includes(Buffer.from(s, 'utf8')))).toEqual([]);
    expect(secrets.length).toBeGreaterThan(10);
  });

  it('runs from the timer for the events whose retention has ended, once', () => {
    const store = new Store(openDb(':memory:'));
    try {
      const now = Date.UTC(2026, 10, 30, 3);
      const old = seedDemoEvent(store, { now, newId: randomUUID, size: 'small', date: '2025-11-01' });
      const recent = seedDemoEvent(store, { now, newId: randomUUID, size: 'small', date: '2026-11-01', name: '直近' });
      const purge = (eventId: string, actor: string) => purgeEvent(store, eventId, actor, now, newNonce);
      expect(purgeDueEvents(store, now, purge)).toEqual([old]);
      expect(store.listPeople(old).filter((p) => p.name !== '')).toEqual([]);
      expect(store.listPeople(recent).every((p) => p.name !== '')).toBe(true);
      expect(purgeDueEvents(store, now, purge)).toEqual([]);
    } finally {
      store.db.close();
    }
  });

  it('is refused before the retention period ends', async () => {
    h = await startHarness();
    const organizer = await h.signIn(h.person('organizer').url);
    const answer = await api('/api/privacy/purge', organizer, {});
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ ok: false, error: { reason: 'privacy-purge-not-due' } });
  });
});
