/**
 * The demo at both sizes, and a recorded day (PITCH_DEMO_ACTIVITY): real size, readings for the
 * door's search, every check the crash drill makes of a store, figures fixed by the seed, and the
 * dashboard, the report and the phones' copies reading the same day.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServerToClientEvents } from '../../shared/protocol.js';
import type { DashboardView } from '../../shared/console.js';
import type { Ack } from '../../shared/errors.js';
import { applyFact, REDUCERS, replicaOf, type Replica } from '../../shared/replica.js';
import { readConfig } from '../config.js';
import { kpiFigures } from '../domain/kpi.js';
import { runningOrder } from '../domain/program.js';
import { findPlacement, slotsOf, zonedTime } from '../domain/slots.js';
import { openDb } from '../store/db.js';
import { kpiFacts } from '../store/series.js';
import { Store } from '../store/store.js';
import { checkStoreFile } from '../testing/fault.js';
import { call, snapshotOf, startHarness, tempDbFile, type ClientSocket, type Harness } from '../testing/harness.js';
import { seedDemoEvent, type SeedOptions } from './demo.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function seeded(options: Omit<SeedOptions, 'now' | 'newId'>) {
  const { dir, dbFile } = tempDbFile();
  dirs.push(dir);
  const store = new Store(openDb(dbFile));
  const eventId = seedDemoEvent(store, { now: Date.now(), newId: randomUUID, ...options });
  return { store, eventId, dbFile };
}

const HIRAGANA = /^[ぁ-ゖー ]+$/u;

describe('the demo at its two sizes', () => {
  it('small is the fixture the tests know: five ventures in two sessions, four firms, two partners', () => {
    const { store, eventId } = seeded({ size: 'small' });
    const program = store.program(eventId);
    const ventureName = new Map(store.listVentures(eventId).map((v) => [v.id, v.name]));
    expect(runningOrder(program.sessions, program.pitches).map((p) => ventureName.get(p.ventureId))).toEqual([
      '株式会社ミライロボティクス',
      '株式会社スキルブリッジ',
      '株式会社スペースシェア北海道',
      'ハーバーAI株式会社',
      '株式会社ワークマッチ',
    ]);
    expect(program.sessions.map((s) => s.title)).toEqual(['第1部 人手不足と技能継承', '第2部 設備と採用']);
    const kinds = store.organizations(eventId).map((o) => o.kind);
    expect(kinds.filter((k) => k === 'firm')).toHaveLength(4);
    expect(kinds.filter((k) => k === 'partner')).toHaveLength(2);
    expect(store.listPeople(eventId).map((p) => p.name)).toContain('佐藤 健一');
    expect(store.getGrid(eventId)?.tables).toHaveLength(6);
  });

  it("day has a real event's size: 12 ventures in two sessions of six, 60 firms, every name read in hiragana", () => {
    const { store, eventId } = seeded({ size: 'day' });
    const program = store.program(eventId);
    expect(program.sessions).toHaveLength(2);
    expect(program.sessions.map((s) => program.pitches.filter((p) => p.sessionId === s.id).length)).toEqual([6, 6]);
    const orgs = store.db
      .prepare<[string], { kind: string; name: string; name_kana: string; summary: string }>(
        'SELECT kind, name, name_kana, summary FROM organizations WHERE event_id = ?',
      )
      .all(eventId);
    expect(orgs.filter((o) => o.kind === 'venture')).toHaveLength(12);
    expect(orgs.filter((o) => o.kind === 'firm')).toHaveLength(60);
    expect(new Set(orgs.map((o) => o.name)).size).toBe(orgs.length);
    for (const org of orgs) {
      expect(org.name_kana, org.name).toMatch(HIRAGANA);
      expect(org.summary, org.name).not.toBe('');
    }
    const people = store.db
      .prepare<[string], { name: string; name_kana: string }>('SELECT name, name_kana FROM people WHERE event_id = ?')
      .all(eventId);
    expect(people.length).toBeGreaterThan(75);
    expect(new Set(people.map((p) => p.name)).size).toBe(people.length);
    for (const person of people) expect(person.name_kana, person.name).toMatch(HIRAGANA);
    // Nothing happened yet: the board, the dashboard and the report start from zero.
    expect(store.stats(eventId)).toMatchObject({ checkedIn: 0, meetingsBooked: 0 });
  });
});

describe('the PITCH_DEMO_ACTIVITY setting', () => {
  it('is a seed: unset or 0 records nothing, a whole number records that day, anything else says what to write', () => {
    expect(readConfig({}).demoActivity).toBeUndefined();
    expect(readConfig({ PITCH_DEMO_ACTIVITY: '0' }).demoActivity).toBeUndefined();
    expect(readConfig({ PITCH_DEMO_ACTIVITY: '1' }).demoActivity).toEqual({ seed: 1 });
    expect(readConfig({ PITCH_DEMO_ACTIVITY: ' 7 ' }).demoActivity).toEqual({ seed: 7 });
    expect(() => readConfig({ PITCH_DEMO_ACTIVITY: 'yes' })).toThrow('PITCH_DEMO_ACTIVITY must be 1');
    expect(() => readConfig({ PITCH_DEMO_ACTIVITY: '1', PITCH_SEED_DEMO: '0' })).toThrow('PITCH_SEED_DEMO=0');
  });
});

describe('the recorded day’s date', () => {
  function seededAt(now: number) {
    const { dir, dbFile } = tempDbFile();
    dirs.push(dir);
    const store = new Store(openDb(dbFile));
    const eventId = seedDemoEvent(store, { now, newId: randomUUID, size: 'small', activity: { seed: 1 } });
    const latest = store.db
      .prepare<[string], { at: number }>(
        "SELECT max(at) AS at FROM changes WHERE event_id = ? AND kind != 'event:seeded'",
      )
      .get(eventId)!.at;
    return { date: store.getEvent(eventId)!.date, latest };
  }

  it('is yesterday when seeded in the morning, so nothing of it is stamped after the clock', () => {
    const morning = Date.parse('2026-11-30T09:00:00+09:00');
    const day = seededAt(morning);
    expect(day.date).toBe('2026-11-29');
    expect(day.latest).toBeLessThan(morning);
  });

  it('is today once the recorded afternoon is over', () => {
    const evening = Date.parse('2026-11-30T20:00:00+09:00');
    const day = seededAt(evening);
    expect(day.date).toBe('2026-11-30');
    expect(day.latest).toBeLessThan(evening);
  });
});

describe('a recorded day (PITCH_DEMO_ACTIVITY)', () => {
  const day = seeded({ size: 'day', activity: { seed: 1 } });
  const figures = kpiFigures(kpiFacts(day.store, day.eventId));

  it('passes every check the crash drill makes of a store: log and tables agree, no double booking', () => {
    expect(checkStoreFile(day.dbFile, day.eventId).failures).toEqual([]);
    const { store, eventId } = day;
    const log = store.db
      .prepare<[string], { at: number; kind: string; data: string }>(
        'SELECT at, kind, data FROM changes WHERE event_id = ? ORDER BY seq',
      )
      .all(eventId);
    // The day's log (after the seed's own row) reads as the day: in time order, nobody taps
    // before coming in, the program ends.
    const times = log.filter((c) => c.kind !== 'event:seeded').map((c) => c.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const cameAt = new Map<string, number>();
    for (const change of log) {
      const data = JSON.parse(change.data) as { personId?: string };
      if (change.kind === 'checkin:added') cameAt.set(data.personId!, change.at);
      if (change.kind === 'interest:set') expect(cameAt.get(data.personId!)).toBeLessThanOrEqual(change.at);
    }
    expect(store.program(eventId).live.status).toBe('ended');
    // A pending request still has a place both sides could meet in, as the app keeps it.
    const event = store.getEvent(eventId)!;
    const grid = store.getGrid(eventId)!;
    const slots = slotsOf(grid, event.date, event.timeZone);
    const taken = store.bookings(eventId);
    const after = zonedTime(event.date, '15:50', event.timeZone);
    const pending = store.requests(eventId).filter((r) => r.status === 'pending');
    expect(pending.length).toBeGreaterThan(0);
    for (const r of pending) {
      const place = findPlacement(slots, grid.tables, taken, [r.fromOrgId, r.toOrgId], {
        notBefore: after,
        capPerOrg: grid.capPerOrg,
      });
      expect(place, `${r.fromOrgName} → ${r.toOrgName}`).not.toBeNull();
    }
  });

  it('gives the same figures for the same seed, and another day for another seed', () => {
    expect(figures).toMatchObject({
      companies: { firm: 53, venture: 12, partner: 2, total: 67 },
      people: 80,
      interests: { total: 259, wantToMeet: 71 },
      requests: { total: 64, pending: 28, accepted: 28, declined: 8 },
      meetings: { booked: 28, scheduled: 12, held: 15, noShow: 1 },
      followUps: 7,
      firmsMet: 15,
    });
    const again = seeded({ size: 'day', activity: { seed: 1 } });
    expect(kpiFigures(kpiFacts(again.store, again.eventId))).toEqual(figures);
    const other = seeded({ size: 'day', activity: { seed: 2 } });
    expect(kpiFigures(kpiFacts(other.store, other.eventId))).not.toEqual(figures);
  });

  describe('read by the app', () => {
    let h: Harness;
    afterAll(async () => h?.stop());

    it('the dashboard and the report show the day', async () => {
      const event = day.store.getEvent(day.eventId)!;
      day.store.db.close();
      const clock = zonedTime(event.date, '15:50', event.timeZone);
      h = await startHarness({ dbFile: day.dbFile, now: () => clock });
      const cookie = await h.signIn(h.person('organizer').url);
      const res = await fetch(`${h.baseUrl}/api/dashboard`, { headers: { cookie } });
      const dashboard = (await res.json()) as Ack<DashboardView>;
      if (!dashboard.ok) throw new Error(dashboard.error.message);
      expect(dashboard.data.figures).toEqual(figures);
      expect(dashboard.data.checkinsOverTime.at(-1)?.total).toBe(80);
      const report = await (await fetch(`${h.baseUrl}/organizer/report`, { headers: { cookie } })).text();
      expect(report).toContain(`data-kpi="held"><span class="value">${figures.meetings.held}</span>`);
    });

    it("every screen's copy of the day, moved on by facts, equals a fresh snapshot", async () => {
      // A firm's request to a venture, still open: the venture accepts it now, a firm taps.
      const pending = h.store
        .requests(h.eventId)
        .find((r) => r.status === 'pending' && h.store.getOrganization(r.toOrgId)?.kind === 'venture')!;
      const answerer = h.links.people.find((p) => p.role === 'venture' && p.org === pending.toOrgName)!;
      const firm = h.person('firm', 3);
      const screens = await Promise.all(
        [h.person('organizer'), answerer, firm].map(async (p) => openScreen(await h.connectAs(p.url))),
      );
      screens.push(await openScreen(await h.connectBoard()));
      const [, answering, tapping] = screens;
      const answered = await call(answering!.socket, 'meeting:respond', { requestId: pending.id, accept: true });
      expect(answered).toMatchObject({ ok: true, data: { meeting: { status: 'scheduled' } } });
      const ventureId = h.store.listVentures(h.eventId)[0]!.id;
      expect(await call(tapping!.socket, 'interest:set', { ventureId, level: 'want-to-meet' })).toMatchObject({
        ok: true,
      });
      h.app.flush();
      for (const screen of screens) {
        await snapshotOf(screen.socket); // answered after every fact sent before it
        expect(view(screen.replica)).toEqual(view(replicaOf(await snapshotOf(screen.socket))));
      }
      expect(screens[0]!.replica.stats?.meetingsBooked).toBe(figures.meetings.booked + 1);
    });
  });
});

interface Screen {
  socket: ClientSocket;
  replica: Replica;
}

/** A phone's copy: the snapshot, then every fact through the shared reducers. */
async function openScreen(socket: ClientSocket): Promise<Screen> {
  const screen: Screen = { socket, replica: replicaOf(await snapshotOf(socket)) };
  for (const fact of Object.keys(REDUCERS) as (keyof ServerToClientEvents)[]) {
    socket.on(fact, ((payload: never) => {
      screen.replica = applyFact(screen.replica, fact, payload);
    }) as never);
  }
  return screen;
}

/** What a person sees, apart from the order lists arrived in and the sequence bookkeeping. */
function view(r: Replica) {
  const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
  const { seqs: _seqs, ventures, people, requests, meetings, leads, counts, ...rest } = r;
  return {
    ...rest,
    ventures: byId(ventures),
    people: byId(people),
    requests: byId(requests),
    meetings: byId(meetings),
    leads: [...leads].sort((a, b) => a.personId.localeCompare(b.personId)),
    counts: Object.fromEntries(Object.entries(counts).filter(([, c]) => c.total > 0)),
  };
}
