/**
 * 「自動で組む」 over real sockets, SQLite and the scheduler's worker: the organizer previews, then
 * commits what was previewed; the phones hear their new meetings; a commit after the state moved on
 * writes nothing; a second run places nothing twice; and in the confirm mode, proposals hold their
 * place until both sides confirm, and a declined one frees it for another pair for good.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DashboardView } from '../../shared/console.js';
import type { GridSettings, MeetingInfo, SchedulePreview } from '../../shared/model.js';
import { zonedTime } from '../domain/slots.js';
import { call, nextFact, snapshotOf, startHarness, type ClientSocket, type Harness } from '../testing/harness.js';

let h: Harness;
let clock = 0;
const key = () => randomUUID().replaceAll('-', '');
const at = (time: string) => zonedTime(h.store.getEvent(h.eventId)!.date, time, 'Asia/Tokyo');

beforeEach(async () => {
  h = await startHarness({ now: () => clock });
  clock = at('09:00');
});
afterEach(async () => {
  await h.stop();
});

/** Two slots (15:00, 15:20) at one table: few enough places that every placement is forced. */
const GRID: GridSettings = {
  windows: [{ start: '15:00', end: '15:40' }],
  slotMinutes: 15,
  bufferMinutes: 5,
  tables: ['A'],
  capPerOrg: null,
  breaks: [],
};

interface Side {
  socket: ClientSocket;
  orgId: string;
  name: string;
}

async function side(role: 'firm' | 'venture', index: number): Promise<Side> {
  const person = h.person(role, index);
  const socket = await h.connectAs(person.url);
  const viewer = (await snapshotOf(socket)).viewer;
  if (viewer.kind !== 'person' || !viewer.org) throw new Error('not an organization member');
  return { socket, orgId: viewer.org.id, name: viewer.org.name };
}

async function ok<T>(answer: Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const done = await answer;
  if (!done.ok) throw new Error(done.error.message);
  return done.data;
}

const tap = (firm: Side, venture: Side) =>
  ok(call(firm.socket, 'interest:set', { ventureId: venture.orgId, level: 'want-to-meet' }));

const pairsOf = (p: SchedulePreview) => p.meetings.map((m) => `${m.guestOrgName}×${m.ventureOrgName}@${m.slotStart}`);
const meetingsOf = (orgId: string) => h.store.meetings(h.eventId, { orgId }).filter((m) => m.status !== 'cancelled');

describe('「自動で組む」: preview, then commit', () => {
  it('mutual pairs first; commits what was previewed in one go; each phone hears its meetings; a second run adds nothing', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    await ok(call(organizer, 'grid:save', GRID));
    const [f0, f1, v0] = [await side('firm', 0), await side('firm', 1), await side('venture', 0)];
    await tap(f0, v0);
    await tap(f1, v0);
    // The venture asks the second firm too: that pair is mutual and goes first.
    const asked = await ok(call(v0.socket, 'meeting:request', { toOrgId: f1.orgId, key: key() }));

    const preview = await ok(call(organizer, 'schedule:preview', {}));
    expect(preview).toMatchObject({ mode: 'book', wanted: 2, mutual: 1, proposed: 2, mutualCovered: 1, without: [] });
    expect(pairsOf(preview)).toEqual([`${f1.name}×${v0.name}@${at('15:00')}`, `${f0.name}×${v0.name}@${at('15:20')}`]);
    expect(preview.meetings[0]!.mutual).toBe(true);
    // A preview writes nothing.
    expect(meetingsOf(v0.orgId)).toEqual([]);

    const firmHears = nextFact(f0.socket, 'meetings:changed', (f) => f.meetings.length > 0);
    const ventureHears = nextFact(v0.socket, 'meetings:changed', (f) => f.meetings.length > 0);
    const seq = h.store.eventSeq(h.eventId);
    const done = await ok(call(organizer, 'schedule:commit', { digest: preview.digest, key: key() }));
    expect(done.meetingIds).toHaveLength(2);
    // One transaction: one change-log row for the whole schedule.
    expect(h.store.eventSeq(h.eventId)).toBe(seq + 1);
    expect((await firmHears).meetings).toMatchObject([
      { ventureOrgId: v0.orgId, slotStart: at('15:20'), table: 'A', status: 'scheduled' },
    ]);
    expect((await ventureHears).meetings.map((m) => m.guestOrgId).sort()).toEqual([f0.orgId, f1.orgId].sort());
    // The venture's open request is answered by the meeting, as an organizer's booking by hand does.
    const request = h.store.requests(h.eventId, { ids: [asked.id] })[0]!;
    expect(request.status).toBe('accepted');
    expect(meetingsOf(f1.orgId)[0]!.requestId).toBe(asked.id);
    expect((await snapshotOf(f0.socket)).meetings.map((m) => m.ventureOrgId)).toEqual([v0.orgId]);

    // Run again: every wanting pair meets, nothing is placed twice, and a commit of nothing writes nothing.
    const again = await ok(call(organizer, 'schedule:preview', {}));
    expect(again).toMatchObject({ wanted: 0, proposed: 0, meetings: [] });
    const before = h.store.eventSeq(h.eventId);
    expect(await ok(call(organizer, 'schedule:commit', { digest: again.digest, key: key() }))).toMatchObject({
      meetingIds: [],
    });
    expect(h.store.eventSeq(h.eventId)).toBe(before);
    expect(meetingsOf(v0.orgId)).toHaveLength(2);

    // The dashboard counts it: two pairs wanted, both booked, none held yet.
    const cookie = await h.signIn(h.person('organizer').url);
    const dashboard = (await (await fetch(`${h.baseUrl}/api/dashboard`, { headers: { cookie } })).json()) as {
      data: DashboardView;
    };
    expect(dashboard.data.figures).toMatchObject({ wanted: { pairs: 2, scheduled: 2, held: 0 }, wantedMetShare: 0 });
  });

  it('refuses a commit after the state changed, with the fresh digest, and writes nothing; the fresh one commits', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    await ok(call(organizer, 'grid:save', GRID));
    const [f0, f1, v0] = [await side('firm', 0), await side('firm', 1), await side('venture', 0)];
    await tap(f0, v0);
    const preview = await ok(call(organizer, 'schedule:preview', {}));
    expect(preview.proposed).toBe(1);

    await tap(f1, v0); // another firm asks meanwhile
    const seq = h.store.eventSeq(h.eventId);
    const refused = await call(organizer, 'schedule:commit', { digest: preview.digest, key: key() });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'schedule-changed', params: { proposed: 2, wanted: 2, mutual: 0 } },
    });
    expect(h.store.eventSeq(h.eventId)).toBe(seq);
    expect(meetingsOf(v0.orgId)).toEqual([]);

    const fresh = refused.ok ? '' : String(refused.error.params!.digest);
    expect(fresh).not.toBe(preview.digest);
    // The fresh preview is the one the refusal named.
    expect((await ok(call(organizer, 'schedule:preview', {}))).digest).toBe(fresh);
    await ok(call(organizer, 'schedule:commit', { digest: fresh, key: key() }));
    expect(meetingsOf(v0.orgId)).toHaveLength(2);

    // A slot that starts between the preview and the commit changes the state too.
    await tap(f0, await side('venture', 1));
    const late = await ok(call(organizer, 'schedule:preview', {}));
    clock = at('15:05');
    expect(await call(organizer, 'schedule:commit', { digest: late.digest, key: key() })).toMatchObject({
      ok: false,
      error: { reason: 'schedule-changed' },
    });
  });

  it('two organizers committing the same preview at once: one schedule is written, the other is refused', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    const colleague = await h.connectAs(h.person('organizer').url);
    await ok(call(organizer, 'grid:save', GRID));
    const [f0, f1, v0] = [await side('firm', 0), await side('firm', 1), await side('venture', 0)];
    await tap(f0, v0);
    await tap(f1, v0);
    const { digest } = await ok(call(organizer, 'schedule:preview', {}));
    const answers = await Promise.all([
      call(organizer, 'schedule:commit', { digest, key: key() }),
      call(colleague, 'schedule:commit', { digest, key: key() }),
    ]);
    expect(answers.map((a) => a.ok).sort()).toEqual([false, true]);
    expect(answers.find((a) => !a.ok)).toMatchObject({
      error: { reason: 'schedule-changed', params: { proposed: 0 } },
    });
    expect(meetingsOf(v0.orgId)).toHaveLength(2);
  });

  it('says who gets none and why: the cap, or no free time in common', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    await ok(call(organizer, 'grid:save', { ...GRID, tables: ['A', 'B'], capPerOrg: 1 }));
    const [f0, f1, v0] = [await side('firm', 0), await side('firm', 1), await side('venture', 0)];
    await tap(f0, v0);
    await tap(f1, v0);
    const capped = await ok(call(organizer, 'schedule:preview', {}));
    expect(capped.proposed).toBe(1);
    const left = capped.meetings[0]!.guestOrgId === f0.orgId ? f1 : f0;
    expect(capped.without).toEqual([{ orgId: left.orgId, orgName: left.name, kind: 'firm', reason: 'cap' }]);
  });

  it('a firm that withdrew its request is not scheduled with that venture though its tap stands, until it taps again', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    await ok(call(organizer, 'grid:save', GRID));
    const [f0, f1, v0] = [await side('firm', 0), await side('firm', 1), await side('venture', 0)];
    await tap(f0, v0);
    await tap(f1, v0);
    clock += 1000;
    const request = await ok(call(f0.socket, 'meeting:request', { toOrgId: v0.orgId, key: key() }));
    clock += 1000;
    await ok(call(f0.socket, 'meeting:withdraw', { requestId: request.id }));
    // The withdrawal is the firm's no: only the other firm is placed, in book mode nobody is asked.
    const after = await ok(call(organizer, 'schedule:preview', {}));
    expect(after).toMatchObject({ wanted: 1, proposed: 1 });
    expect(after.meetings.map((m) => m.guestOrgId)).toEqual([f1.orgId]);
    // 会いたい set again after the withdrawal is a want again.
    clock += 1000;
    await tap(f0, v0);
    const again = await ok(call(organizer, 'schedule:preview', {}));
    expect(again.meetings.map((m) => m.guestOrgId).sort()).toEqual([f0.orgId, f1.orgId].sort());
  });
});

describe('「自動で組む」: challenge fit breaks the tie', () => {
  it('gives the last place to the firm whose challenge the venture addresses', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    await ok(call(organizer, 'grid:save', { ...GRID, windows: [{ start: '15:00', end: '15:20' }] }));
    const [f0, f1, v0] = [await side('firm', 0), await side('firm', 1), await side('venture', 0)];
    await ok(call(v0.socket, 'org:update', { orgId: v0.orgId, tags: ['hiring'], key: key() }));
    await tap(f0, v0);
    await tap(f1, v0);
    // Whichever firm would win the tie otherwise, the one with the venture's challenge gets the place.
    for (const [fits, other] of [
      [f0, f1],
      [f1, f0],
    ] as const) {
      await ok(call(organizer, 'org:challenges', { orgId: fits.orgId, categories: ['hiring'], topics: [], note: '' }));
      await ok(call(organizer, 'org:challenges', { orgId: other.orgId, categories: [], topics: [], note: '' }));
      const preview = await ok(call(organizer, 'schedule:preview', {}));
      expect(preview.meetings.map((m) => m.guestOrgId)).toEqual([fits.orgId]);
      expect(preview.without.map((w) => w.orgId)).toEqual([other.orgId]);
    }
  });
});

describe('「自動で組む」 proposing: both sides confirm', () => {
  it('holds the places; confirmations make an ordinary meeting; a decline frees the place for another pair, and that pair is never proposed again', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    await ok(call(organizer, 'grid:save', { ...GRID, autoSchedule: 'propose' }));
    const [f0, f1, v0, v1] = [
      await side('firm', 0),
      await side('firm', 1),
      await side('venture', 0),
      await side('venture', 1),
    ];
    await tap(f0, v0);
    await tap(f0, v1);
    const preview = await ok(call(organizer, 'schedule:preview', {}));
    expect(preview).toMatchObject({ mode: 'propose', proposed: 2 });
    const firmHears = nextFact(f0.socket, 'meetings:changed', (f) => f.meetings.length === 2);
    await ok(call(organizer, 'schedule:commit', { digest: preview.digest, key: key() }));
    const proposals = (await firmHears).meetings;
    expect(proposals.map((m) => m.proposal)).toEqual([
      { guestConfirmed: false, ventureConfirmed: false },
      { guestConfirmed: false, ventureConfirmed: false },
    ]);
    const withV0 = proposals.find((m) => m.ventureOrgId === v0.orgId)!;
    const withV1 = proposals.find((m) => m.ventureOrgId === v1.orgId)!;
    // The board counts a meeting once it is agreed (面談成立), not while it is proposed.
    const board = await h.connectBoard();
    expect((await snapshotOf(board)).stats?.meetingsBooked).toBe(0);

    // The places are held: a second run while they wait proposes nothing over them.
    expect(await ok(call(organizer, 'schedule:preview', {}))).toMatchObject({ proposed: 0, wanted: 0 });

    // Both sides confirm: an ordinary meeting, which both phones hear.
    expect(await ok(call(f0.socket, 'meeting:confirm', { meetingId: withV0.id, accept: true }))).toMatchObject({
      proposal: { guestConfirmed: true, ventureConfirmed: false },
    });
    const ventureHears = nextFact(v0.socket, 'meetings:changed', (f) =>
      f.meetings.some((m) => m.id === withV0.id && !m.proposal),
    );
    const confirmed: MeetingInfo = await ok(call(v0.socket, 'meeting:confirm', { meetingId: withV0.id, accept: true }));
    expect(confirmed).toMatchObject({ status: 'scheduled', slotStart: withV0.slotStart });
    expect(confirmed.proposal).toBeUndefined();
    expect((await ventureHears).meetings[0]!.proposal).toBeUndefined();
    expect((await snapshotOf(board)).stats?.meetingsBooked).toBe(1);
    // Settled: a side cannot decline it any more (it would cancel it instead).
    expect(await call(f0.socket, 'meeting:confirm', { meetingId: withV0.id, accept: false })).toMatchObject({
      ok: false,
      error: { reason: 'proposal-settled' },
    });

    // The firm declines the other: its place is free.
    const declined = await ok(call(f0.socket, 'meeting:confirm', { meetingId: withV1.id, accept: false }));
    expect(declined.status).toBe('cancelled');
    // Another firm wants that venture: the next run offers it the freed place, never the declined pair again.
    await tap(f1, v1);
    const next = await ok(call(organizer, 'schedule:preview', {}));
    expect(next).toMatchObject({ wanted: 1, proposed: 1 });
    expect(next.meetings[0]).toMatchObject({
      guestOrgId: f1.orgId,
      ventureOrgId: v1.orgId,
      slotStart: withV1.slotStart,
      table: withV1.table,
    });
    await ok(call(organizer, 'schedule:commit', { digest: next.digest, key: key() }));
    expect(meetingsOf(v1.orgId).map((m) => [m.guestOrgId, m.slotStart, m.table])).toEqual([
      [f1.orgId, withV1.slotStart, withV1.table],
    ]);
    // The declined pair stays out even with the firm's tap still standing and a place free for it.
    await ok(call(organizer, 'grid:save', { ...GRID, autoSchedule: 'propose', tables: ['A', 'B'] }));
    expect(await ok(call(organizer, 'schedule:preview', {}))).toMatchObject({ wanted: 0, proposed: 0 });
  });

  it('a request between the pair, accepted, settles their proposal: both have said yes', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    await ok(call(organizer, 'grid:save', { ...GRID, autoSchedule: 'propose' }));
    const [f0, v0] = [await side('firm', 0), await side('venture', 0)];
    const asked = await ok(call(f0.socket, 'meeting:request', { toOrgId: v0.orgId, key: key() }));
    const preview = await ok(call(organizer, 'schedule:preview', {}));
    const { meetingIds } = await ok(call(organizer, 'schedule:commit', { digest: preview.digest, key: key() }));
    // Proposed, the open request is left to its own answer.
    expect(h.store.requests(h.eventId, { ids: [asked.id] })[0]!.status).toBe('pending');
    const answered = await ok(call(v0.socket, 'meeting:respond', { requestId: asked.id, accept: true }));
    expect(answered.meeting).toMatchObject({ id: meetingIds[0], requestId: asked.id, status: 'scheduled' });
    expect(answered.meeting!.proposal).toBeUndefined();
  });

  it('refuses to mark held or no-show a proposal until both sides confirm it', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    await ok(call(organizer, 'grid:save', { ...GRID, autoSchedule: 'propose' }));
    const [f0, v0] = [await side('firm', 0), await side('venture', 0)];
    await tap(f0, v0);
    const preview = await ok(call(organizer, 'schedule:preview', {}));
    const { meetingIds } = await ok(call(organizer, 'schedule:commit', { digest: preview.digest, key: key() }));
    const meetingId = meetingIds[0]!;
    clock = meetingsOf(v0.orgId)[0]!.slotStart + 60_000;
    const unconfirmed = { ok: false, error: { code: 'CONFLICT', reason: 'meeting-unconfirmed' } };
    // Neither the organizer nor a side that has confirmed can count it as held before the other agrees.
    expect(await call(organizer, 'meeting:mark', { meetingId, status: 'held' })).toMatchObject(unconfirmed);
    await ok(call(f0.socket, 'meeting:confirm', { meetingId, accept: true }));
    expect(await call(f0.socket, 'meeting:mark', { meetingId, status: 'no-show' })).toMatchObject(unconfirmed);
    expect(await call(v0.socket, 'meeting:mark', { meetingId, status: 'held' })).toMatchObject(unconfirmed);
    // Nor an outcome recorded on it: that needs a held meeting.
    expect(await call(f0.socket, 'meeting:outcome', { meetingId, outcome: 'follow-up' })).toMatchObject({
      ok: false,
      error: { reason: 'outcome-not-held' },
    });
    expect(meetingsOf(v0.orgId)[0]).toMatchObject({ status: 'scheduled', proposal: { guestConfirmed: true } });
    // Confirmed by both: an ordinary meeting, marked like any other.
    await ok(call(v0.socket, 'meeting:confirm', { meetingId, accept: true }));
    expect(await ok(call(v0.socket, 'meeting:mark', { meetingId, status: 'held' }))).toMatchObject({ status: 'held' });
  });

  it('the agenda file, the exports and the report leave a proposal out of the agreed meetings until both confirm', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    await ok(call(organizer, 'grid:save', { ...GRID, autoSchedule: 'propose' }));
    const [f0, v0] = [await side('firm', 0), await side('venture', 0)];
    await tap(f0, v0);
    const preview = await ok(call(organizer, 'schedule:preview', {}));
    const { meetingIds } = await ok(call(organizer, 'schedule:commit', { digest: preview.digest, key: key() }));
    const meetingId = meetingIds[0]!;
    await ok(call(f0.socket, 'meeting:confirm', { meetingId, accept: true }));

    const firmCookie = await h.signIn(h.person('firm', 0).url);
    const organizerCookie = await h.signIn(h.person('organizer').url);
    const get = async (path: string, cookie: string) => {
      const res = await fetch(`${h.baseUrl}${path}`, { headers: { cookie, origin: h.baseUrl } });
      expect(res.status).toBe(200);
      return res.text();
    };
    const agendaEvents = async () => (await get('/api/agenda.ics', firmCookie)).match(/BEGIN:VEVENT/g)?.length ?? 0;
    /** The meetings CSV's row of the pair, as cells (no name here holds a comma or a quote). */
    const csvRow = async (lang: 'ja' | 'en') => {
      const csv = await get(`/api/export/meetings.csv${lang === 'en' ? '?lang=en' : ''}`, organizerCookie);
      const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
      return { header: lines[0]!.split(','), row: lines.find((l) => l.includes(v0.name))!.split(',') };
    };
    const figures = async () =>
      JSON.parse(await get('/api/dashboard', organizerCookie)).data.figures as DashboardView['figures'];

    // The firm has confirmed, the venture not yet: the firm's calendar does not show it.
    expect(await agendaEvents()).toBe(0);
    const ja = await csvRow('ja');
    expect([ja.header[5], ja.row[5], ja.header[11], ja.row[11]]).toEqual(['状態', '提案中', '確認待ち', 'ベンチャー']);
    const en = await csvRow('en');
    expect([en.header[5], en.row[5], en.header[11], en.row[11]]).toEqual([
      'Status',
      'proposed',
      'Awaiting confirmation from',
      'venture',
    ]);
    expect(await figures()).toMatchObject({
      meetings: { booked: 0, scheduled: 0 },
      wanted: { pairs: 1, scheduled: 0 },
    });

    await ok(call(v0.socket, 'meeting:confirm', { meetingId, accept: true }));
    expect(await agendaEvents()).toBe(1);
    expect((await csvRow('ja')).row.slice(5)).toEqual(['予定', '', '', '', '', '', '']);
    expect((await csvRow('en')).row[5]).toBe('scheduled');
    expect(await figures()).toMatchObject({
      meetings: { booked: 1, scheduled: 1 },
      wanted: { pairs: 1, scheduled: 1 },
    });
  });

  it('refuses an answer from anyone but the two sides, and to a meeting that is not a proposal', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    await ok(call(organizer, 'grid:save', { ...GRID, autoSchedule: 'propose' }));
    const [f0, f1, v0] = [await side('firm', 0), await side('firm', 1), await side('venture', 0)];
    await tap(f0, v0);
    const preview = await ok(call(organizer, 'schedule:preview', {}));
    const { meetingIds } = await ok(call(organizer, 'schedule:commit', { digest: preview.digest, key: key() }));
    expect(await call(f1.socket, 'meeting:confirm', { meetingId: meetingIds[0]!, accept: false })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(meetingsOf(v0.orgId)[0]!.status).toBe('scheduled');
    // Booked by hand: nothing to confirm.
    const booked = await ok(
      call(organizer, 'meeting:book', {
        guestOrgId: f1.orgId,
        ventureOrgId: v0.orgId,
        slotStart: at('15:20'),
        table: 'A',
        key: key(),
      }),
    );
    expect(await call(f1.socket, 'meeting:confirm', { meetingId: booked.id, accept: true })).toMatchObject({
      ok: false,
      error: { reason: 'proposal-settled' },
    });
  });
});
