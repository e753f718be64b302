import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DashboardView, SeriesView } from '../../shared/console.js';
import { ErrorCode } from '../../shared/errors.js';
import { zonedTime } from '../domain/slots.js';
import { call, snapshotOf, startHarness, tempDbFile, type ClientSocket, type Harness } from '../testing/harness.js';

let h: Harness;
let clock = 0;
let cookie: string;
const key = () => randomUUID().replaceAll('-', '');
const at = (time: string) => zonedTime(h.store.getEvent(h.eventId)!.date, time, 'Asia/Tokyo');

beforeEach(async () => {
  h = await startHarness({ now: () => clock });
  clock = at('13:00');
  cookie = await h.signIn(h.person('organizer').url);
});
afterEach(async () => {
  await h.stop();
});

type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; cookie?: string } = {},
  harness: Harness = h,
): Promise<{ status: number; body: Answer<T> }> {
  const res = await fetch(`${harness.baseUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      cookie: init.cookie ?? cookie,
      origin: harness.baseUrl,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as Answer<T> };
}

function data<T>(answer: { body: Answer<T> }): T {
  if (!answer.body.ok) throw new Error(`${answer.body.error.code}: ${answer.body.error.message}`);
  return answer.body.data;
}

async function text(path: string, harness: Harness = h, c = cookie): Promise<{ status: number; body: Buffer }> {
  const res = await fetch(`${harness.baseUrl}${path}`, { headers: { cookie: c } });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

async function orgIdOf(socket: ClientSocket): Promise<string> {
  const viewer = (await snapshotOf(socket)).viewer;
  if (viewer.kind !== 'person' || !viewer.org) throw new Error('not an organization member');
  return viewer.org.id;
}

/** A small day: two people checked in, a tap, a request accepted, the meeting held, a PoC started. */
async function runSmallDay() {
  const organizer = await h.connectAs(h.person('organizer').url);
  const firm = await h.connectAs(h.person('firm').url);
  const venture = await h.connectAs(h.person('venture').url);
  const firmPerson = (await snapshotOf(firm)).viewer;
  const venturePerson = (await snapshotOf(venture)).viewer;
  for (const v of [firmPerson, venturePerson]) {
    if (v.kind !== 'person') throw new Error('person expected');
    expect(await call(organizer, 'checkin:person', { personId: v.personId, station: 'A', key: key() })).toMatchObject({
      ok: true,
    });
  }
  const ventureOrg = await orgIdOf(venture);
  expect(await call(firm, 'interest:set', { ventureId: ventureOrg, level: 'want-to-meet' })).toMatchObject({
    ok: true,
  });
  const request = await call(firm, 'meeting:request', { toOrgId: ventureOrg, message: '倉庫の件で', key: key() });
  if (!request.ok) throw new Error(request.error.message);
  const accepted = await call(venture, 'meeting:respond', { requestId: request.data.id, accept: true });
  if (!accepted.ok || !accepted.data.meeting) throw new Error('not booked');
  const meetingId = accepted.data.meeting.id;
  return { organizer, firm, venture, meetingId, slotStart: accepted.data.meeting.slotStart };
}

describe('follow-up outcomes', () => {
  it('a party records a PoC on a held meeting; the rules say what is missing', async () => {
    const { firm, venture, meetingId, slotStart } = await runSmallDay();
    expect(
      await call(firm, 'meeting:outcome', { meetingId, outcome: 'poc-started', pocStartedOn: '2026-12-10' }),
    ).toMatchObject({ ok: false, error: { code: ErrorCode.Conflict, message: expect.stringMatching(/held/) } });
    clock = slotStart + 60_000;
    expect(await call(venture, 'meeting:mark', { meetingId, status: 'held' })).toMatchObject({ ok: true });
    expect(await call(firm, 'meeting:outcome', { meetingId, outcome: 'poc-started' })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Conflict, message: expect.stringMatching(/date/) },
    });
    // Weeks later.
    clock += 21 * 24 * 3600_000;
    const recorded = await call(firm, 'meeting:outcome', {
      meetingId,
      outcome: 'poc-started',
      pocStartedOn: '2026-12-10',
      note: '倉庫1棟で3か月',
    });
    expect(recorded).toMatchObject({
      ok: true,
      data: { outcome: 'poc-started', pocStartedOn: '2026-12-10', outcomeNote: '倉庫1棟で3か月' },
    });
    const other = await h.connectAs(h.person('firm', 1).url);
    expect(await call(other, 'meeting:outcome', { meetingId, outcome: 'dropped' })).toMatchObject({
      ok: false,
      error: { code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/) },
    });
    const dashboard = data(await api<DashboardView>('/api/dashboard'));
    expect(dashboard.figures).toMatchObject({
      companies: { firm: 1, venture: 1, partner: 0, total: 2 },
      people: 2,
      interests: { total: 1, wantToMeet: 1 },
      requests: { total: 1, accepted: 1 },
      acceptanceRate: 1,
      meetings: { booked: 1, held: 1 },
      followUps: 1,
      pocsStarted: 1,
      firmsMet: 1,
      firmsMetShare: 1,
    });
    expect(dashboard.checkinsOverTime.at(-1)?.total).toBe(2);
  });
});

describe('exports', () => {
  it('CSV files open in Excel as Japanese: BOM, UTF-8, CRLF, formulas defused', async () => {
    const { venture, meetingId, slotStart } = await runSmallDay();
    clock = slotStart + 60_000;
    await call(venture, 'meeting:mark', { meetingId, status: 'held', nextStep: '=HYPERLINK("x")' });
    for (const name of ['people', 'interests', 'requests', 'meetings']) {
      const res = await text(`/api/export/${name}.csv`);
      expect(res.status).toBe(200);
      // What Excel does: a UTF-8 BOM means UTF-8.
      expect([...res.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const decoded = new TextDecoder('utf-8', { fatal: true }).decode(res.body.subarray(3));
      expect(decoded.endsWith('\r\n')).toBe(true);
      if (name === 'people') {
        expect(decoded.split('\r\n')[0]).toBe(
          '氏名,ふりがな,会社・団体,種別,メール,役職,タグ,受付時刻,受付,受付方法,ログインリンク,QR画像URL',
        );
        expect(decoded).toContain('佐藤 健一');
        expect(decoded).toMatch(
          /樽前フーズ株式会社,地元企業,,代表取締役,,\d{4}-\d\d-\d\d 13:00,A,名前検索,http:\/\/[^,]+\/t\/[\w-]+,http:\/\/[^,]+\/organizer\/badges\/qr\.svg\?person=[\w-]+\r\n/,
        );
      }
      if (name === 'meetings') {
        expect(decoded).toContain('実施');
        expect(decoded).toContain(`"'=HYPERLINK(""x"")"`);
      }
    }
    const english = new TextDecoder().decode((await text('/api/export/requests.csv?lang=en')).body);
    expect(english).toContain('From,Sent by,To,Message,Status');
    expect(english).toContain('accepted');
    expect((await text('/api/export/secrets.csv')).status).toBe(404);
  });

  it('export → import into a fresh store → the same report, figure for figure', async () => {
    const { firm, venture, meetingId, slotStart } = await runSmallDay();
    clock = slotStart + 60_000;
    await call(venture, 'meeting:mark', { meetingId, status: 'held' });
    await call(firm, 'meeting:outcome', { meetingId, outcome: 'poc-started', pocStartedOn: '2026-12-10' });
    const archive = await text('/api/export/event.json');
    const before = data(await api<DashboardView>('/api/dashboard'));
    const reportBefore = (await text('/organizer/report')).body.toString();

    // A fresh instance with no events at all, restored with `npm run restore`'s program.
    const fresh = tempDbFile();
    const exportFile = path.join(fresh.dir, 'export.json');
    fs.writeFileSync(exportFile, archive.body);
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli-restore.ts', exportFile], {
      env: { ...process.env, PITCH_DB: fresh.dbFile, PITCH_SECRET: h.secret.toString('hex') },
      encoding: 'utf8',
    });
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toMatch(/^Restored “.+” \(\d+ rows\)/);
    const second = await startHarness({ ...fresh, now: () => clock, secret: h.secret });
    try {
      expect(second.store.listEvents().map((e) => e.id)).toEqual([h.eventId]);
      // The same secret: the old organizer badge signs in to the restored event.
      const restoredCookie = await second.signIn(h.person('organizer').url.replace(h.baseUrl, second.baseUrl));
      const after = data(await api<DashboardView>('/api/dashboard', { cookie: restoredCookie }, second));
      expect(after.figures).toEqual(before.figures);
      expect(after.checkinsOverTime).toEqual(before.checkinsOverTime);
      const reportAfter = (await text('/organizer/report', second, restoredCookie)).body.toString();
      expect(reportAfter).toBe(reportBefore);
      expect(second.store.eventSeq(h.eventId)).toBe(h.store.eventSeq(h.eventId));
      // A second restore of the same file is refused, and says why.
      const again = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli-restore.ts', exportFile], {
        env: { ...process.env, PITCH_DB: fresh.dbFile, PITCH_SECRET: h.secret.toString('hex') },
        encoding: 'utf8',
      });
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/Nothing was restored: .*already in this store/);
    } finally {
      await second.stop();
      fs.rmSync(fresh.dir, { recursive: true, force: true });
    }
  });

  it('refuses a tampered or repeated import and stores nothing', async () => {
    const archive = JSON.parse((await text('/api/export/event.json')).body.toString()) as {
      tables: Record<string, Record<string, unknown>[]>;
    };
    const again = await api('/api/import/event', { body: archive });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already in this store/) } });

    const fresh = tempDbFile();
    const second = await startHarness({ ...fresh, now: () => clock });
    try {
      const c = await second.signIn(second.person('organizer').url);
      const count = () => second.store.db.prepare('SELECT COUNT(*) FROM events').pluck().get();
      const tampered = structuredClone(archive);
      // A company of a kind the app does not know: the database's own CHECK refuses it.
      tampered.tables.organizations![0]!.kind = 'robot';
      const bad = await api('/api/import/event', { body: tampered, cookie: c }, second);
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/does not fit the store: CHECK/) },
      });
      expect(count()).toBe(1);
      expect(
        (await api('/api/import/event', { body: { format: 'something-else' }, cookie: c }, second)).body,
      ).toMatchObject({
        ok: false,
        error: { code: ErrorCode.BadRequest, message: expect.stringMatching(/not an event export/) },
      });
      const good = await api<{ eventId: string }>('/api/import/event', { body: archive, cookie: c }, second);
      expect(good.status).toBe(201);
      expect(count()).toBe(2);
      // The importing organizer organizes the restored event too: it is in their series.
      const series = data(await api<SeriesView>('/api/series', { cookie: c }, second));
      expect(series.events.map((e) => e.event.id)).toContain(h.eventId);
    } finally {
      await second.stop();
      fs.rmSync(fresh.dir, { recursive: true, force: true });
    }
  });
});

describe('the series', () => {
  it('creates an event from the previous one, switches to it, and keeps other accounts out', async () => {
    const created = await api<{ eventId: string }>('/api/events', {
      body: { name: '第2回 苫小牧マッチング', date: '2027-02-10', copyFrom: h.eventId },
    });
    expect(created.status).toBe(201);
    const newId = data(created).eventId;
    const copied = h.store.getEvent(newId)!;
    expect(copied.venue).toBe(h.store.getEvent(h.eventId)!.venue);
    expect(h.store.getGrid(newId)).toEqual(h.store.getGrid(h.eventId));
    expect(h.store.program(newId).sessions.map((s) => s.title)).toEqual(
      h.store.program(h.eventId).sessions.map((s) => s.title),
    );
    expect(h.store.program(newId).pitches).toEqual([]);

    const series = data(await api<SeriesView>('/api/series'));
    expect(series.events.map((e) => [e.event.name, e.current])).toEqual([
      [h.store.getEvent(h.eventId)!.name, true],
      ['第2回 苫小牧マッチング', false],
    ]);

    // Open it: the answer carries a session of this account's organizer in the new event.
    const res = await fetch(`${h.baseUrl}/api/events/${newId}/open`, {
      method: 'POST',
      headers: { cookie, origin: h.baseUrl, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    const switched = res.headers.get('set-cookie')!.split(';')[0]!;
    const socket = await openAs(switched);
    const snap = await snapshotOf(socket);
    expect(snap.event.id).toBe(newId);
    expect(snap.viewer).toMatchObject({ role: 'organizer' });

    // An organizer added to the new event is another account: the first event is not theirs.
    const added = data(
      await api<{ signInUrl: string }>('/api/event/organizers', { body: { name: '鈴木 花子' }, cookie: switched }),
    );
    const stranger = await h.signIn(added.signInUrl);
    expect(data(await api<SeriesView>('/api/series', { cookie: stranger })).events.map((e) => e.event.id)).toEqual([
      newId,
    ]);
    expect((await api(`/api/events/${h.eventId}/open`, { body: {}, cookie: stranger })).status).toBe(404);
    expect(
      (await api('/api/events', { body: { name: 'x', date: '2027-03-01', copyFrom: h.eventId }, cookie: stranger }))
        .status,
    ).toBe(404);
    // A firm is not an organizer at all.
    const firmCookie = await h.signIn(h.person('firm').url);
    expect((await api('/api/series', { cookie: firmCookie })).status).toBe(403);
  });

  it('saves details and targets; the report compares with the previous event and the target', async () => {
    const bad = await api('/api/event/settings', { body: { name: '', date: '2026-13-40' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    const current = h.store.getEvent(h.eventId)!;
    const saved = await api('/api/event/settings', {
      body: { name: current.name, venue: '苫小牧市民会館', date: current.date, topics: ['DX'], targets: { firm: 4 } },
    });
    expect(saved.status).toBe(200);
    await runSmallDay();
    const report = (await text('/organizer/report')).body.toString();
    expect(report).toContain('苫小牧市民会館');
    // Firms: 1 came, no previous event, target 4 → 25%.
    expect(report).toMatch(
      /data-kpi="companies-firm"><th>地元企業<\/th><td class="n">1<\/td><td class="n">—<\/td><td class="n">4<\/td><td class="n">25%<\/td>/,
    );
    const english = (await text('/organizer/report?lang=en')).body.toString();
    expect(english).toContain('Participating companies');
    const seriesReport = (await text('/organizer/report?scope=series')).body.toString();
    expect(seriesReport).toMatch(/data-kpi="distinct">2</);
  });
});

async function openAs(c: string): Promise<ClientSocket> {
  const { openSocket } = await import('../testing/harness.js');
  return openSocket(h.baseUrl, { cookie: c }, h.clients);
}
