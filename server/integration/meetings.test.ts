import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../../shared/errors.js';
import type { GridSettings } from '../../shared/model.js';
import { zonedTime } from '../domain/slots.js';
import {
  call,
  nextFact,
  record,
  snapshotOf,
  startHarness,
  type ClientSocket,
  type Harness,
} from '../testing/harness.js';

let h: Harness;
let clock = 0;
const key = () => randomUUID().replaceAll('-', '');
const at = (time: string) => zonedTime(h.store.getEvent(h.eventId)!.date, time, 'Asia/Tokyo');

beforeEach(async () => {
  h = await startHarness({ now: () => clock });
  clock = at('09:00'); // the morning of the event: every slot of the afternoon is ahead
});
afterEach(async () => {
  await h.stop();
});

const GRID: GridSettings = {
  windows: [{ start: '15:00', end: '16:00' }],
  slotMinutes: 15,
  bufferMinutes: 5,
  tables: ['A', 'B'],
  capPerOrg: null,
  breaks: [],
};

async function orgIdOf(socket: ClientSocket): Promise<string> {
  const viewer = (await snapshotOf(socket)).viewer;
  if (viewer.kind !== 'person' || !viewer.org) throw new Error('not an organization member');
  return viewer.org.id;
}

describe('meeting requests and bookings', () => {
  it('books an accepted request into the earliest free slot; both agendas agree; the next firm gets the next slot', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    expect(await call(organizer, 'grid:save', GRID)).toMatchObject({
      ok: true,
      data: { slots: [{ start: at('15:00') }, { start: at('15:20') }, { start: at('15:40') }] },
    });

    const venture = await h.connectAs(h.person('venture').url);
    const ventureId = await orgIdOf(venture);
    const firm1 = await h.connectAs(h.person('firm', 0).url);
    const firm2 = await h.connectAs(
      h.links.people.find((p) => p.role === 'firm' && p.org !== h.person('firm', 0).org)!.url,
    );

    const incoming = nextFact(venture, 'meetings:changed', (f) => f.requests.some((r) => r.status === 'pending'));
    const asked = await call(firm1, 'meeting:request', {
      toOrgId: ventureId,
      message: '倉庫の自動化を相談したい',
      key: key(),
    });
    if (!asked.ok) throw new Error(asked.error.message);
    expect((await incoming).requests[0]).toMatchObject({
      message: '倉庫の自動化を相談したい',
      fromOrgName: h.person('firm', 0).org,
    });

    const firmHears = nextFact(firm1, 'meetings:changed', (f) => f.meetings.length === 1);
    const accepted = await call(venture, 'meeting:respond', { requestId: asked.data.id, accept: true });
    expect(accepted).toMatchObject({
      ok: true,
      data: { request: { status: 'accepted' }, meeting: { slotStart: at('15:00'), table: 'A', status: 'scheduled' } },
    });
    expect((await firmHears).meetings[0]).toMatchObject({ slotStart: at('15:00'), table: 'A' });
    const firmAgenda = (await snapshotOf(firm1)).meetings;
    const ventureAgenda = (await snapshotOf(venture)).meetings;
    expect(firmAgenda).toEqual(ventureAgenda);

    // The venture is taken at 15:00: the second firm's meeting goes to 15:20.
    const asked2 = await call(firm2, 'meeting:request', { toOrgId: ventureId, key: key() });
    if (!asked2.ok) throw new Error(asked2.error.message);
    expect(await call(venture, 'meeting:respond', { requestId: asked2.data.id, accept: true })).toMatchObject({
      ok: true,
      data: { meeting: { slotStart: at('15:20'), table: 'A' } },
    });
    expect((await snapshotOf(await h.connectBoard())).stats?.meetingsBooked).toBe(2);
  });

  it('shows a decline with its reason on the asking firm’s phone, and refuses what makes no sense', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    await call(organizer, 'grid:save', GRID);
    const venture = await h.connectAs(h.person('venture').url);
    const otherVenture = await h.connectAs(h.person('venture', 1).url);
    const ventureId = await orgIdOf(venture);
    const firm = await h.connectAs(h.person('firm').url);
    const asked = await call(firm, 'meeting:request', { toOrgId: ventureId, key: key() });
    if (!asked.ok) throw new Error(asked.error.message);

    expect(await call(firm, 'meeting:request', { toOrgId: ventureId, key: key() })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Conflict },
    });
    expect(await call(otherVenture, 'meeting:request', { toOrgId: ventureId, key: key() })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.BadRequest },
    });
    expect(await call(firm, 'meeting:respond', { requestId: asked.data.id, accept: true })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Forbidden },
    });
    expect(await call(otherVenture, 'meeting:respond', { requestId: asked.data.id, accept: true })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Forbidden },
    });

    const declined = nextFact(firm, 'meetings:changed', (f) => f.requests.some((r) => r.status === 'declined'));
    await call(venture, 'meeting:respond', { requestId: asked.data.id, accept: false, reason: '今回は対象業種外です' });
    expect((await declined).requests[0]).toMatchObject({ status: 'declined', reason: '今回は対象業種外です' });
    expect(await call(firm, 'meeting:withdraw', { requestId: asked.data.id })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Conflict },
    });
  });

  it('lets the organizer book, move and cancel by hand, never onto a taken place, and record the outcome', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    await call(organizer, 'grid:save', GRID);
    const snap = await snapshotOf(organizer);
    const [v1, v2] = snap.ventures;
    const firms = [...new Set(snap.people.filter((p) => p.role === 'firm').map((p) => p.orgId!))];
    const first = await call(organizer, 'meeting:book', {
      guestOrgId: firms[0]!,
      ventureOrgId: v1!.id,
      slotStart: at('15:00'),
      table: 'A',
      key: key(),
    });
    if (!first.ok) throw new Error(first.error.message);
    // The same table in the same slot, and the same venture in the same slot, are refused with the next free place.
    const table = await call(organizer, 'meeting:book', {
      guestOrgId: firms[1]!,
      ventureOrgId: v2!.id,
      slotStart: at('15:00'),
      table: 'A',
      key: key(),
    });
    expect(table).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Conflict, message: expect.stringMatching(/next free one is 15:00, table B/) },
    });
    const org = await call(organizer, 'meeting:book', {
      guestOrgId: firms[1]!,
      ventureOrgId: v1!.id,
      slotStart: at('15:00'),
      table: 'B',
      key: key(),
    });
    expect(org).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Conflict, message: expect.stringMatching(/15:20, table A/) },
    });

    expect(
      await call(organizer, 'meeting:move', { meetingId: first.data.id, slotStart: at('15:40'), table: 'B' }),
    ).toMatchObject({ ok: true, data: { slotStart: at('15:40'), table: 'B' } });
    const venture = await h.connectAs(h.links.people.find((p) => p.role === 'venture' && p.org === v1!.name)!.url);
    // A meeting is marked held once it has started, not before.
    expect(await call(venture, 'meeting:mark', { meetingId: first.data.id, status: 'held' })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Conflict },
    });
    clock = at('15:45');
    expect(
      await call(venture, 'meeting:mark', { meetingId: first.data.id, status: 'held', nextStep: 'PoC検討' }),
    ).toMatchObject({ ok: true, data: { status: 'held', nextStep: 'PoC検討' } });
    clock = at('09:00'); // back to the morning for the rest of the bookings
    const second = await call(organizer, 'meeting:book', {
      guestOrgId: firms[1]!,
      ventureOrgId: v2!.id,
      slotStart: at('15:00'),
      table: 'A',
      key: key(),
    });
    if (!second.ok) throw new Error(second.error.message);
    expect(await call(organizer, 'meeting:cancel', { meetingId: second.data.id })).toMatchObject({
      ok: true,
      data: { status: 'cancelled' },
    });
    // A cancelled meeting frees its place.
    expect(
      (
        await call(organizer, 'meeting:book', {
          guestOrgId: firms[2]!,
          ventureOrgId: v2!.id,
          slotStart: at('15:00'),
          table: 'A',
          key: key(),
        })
      ).ok,
    ).toBe(true);
    // The grid cannot drop a table that holds a meeting.
    expect(await call(organizer, 'grid:save', { ...GRID, tables: ['A'] })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Conflict },
    });
  });

  it('expires requests a booking leaves without a place: the pair’s own, and anyone’s when it fills the slot', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    // One slot, two tables.
    expect(await call(organizer, 'grid:save', { ...GRID, windows: [{ start: '15:00', end: '15:15' }] })).toMatchObject({
      ok: true,
    });
    const ventures = await Promise.all([0, 1, 2].map((i) => h.connectAs(h.person('venture', i).url)));
    const [v1, v2, v3] = await Promise.all(ventures.map(orgIdOf));
    const firms = await Promise.all(h.addFirms(4).map((url) => h.connectAs(url)));
    const ask = async (firm: ClientSocket, toOrgId: string) => {
      const answer = await call(firm, 'meeting:request', { toOrgId, key: key() });
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.data.id;
    };
    const first = await ask(firms[0]!, v1!);
    const rival = await ask(firms[1]!, v1!);
    const second = await ask(firms[2]!, v2!);
    const bystander = await ask(firms[3]!, v3!);
    const statuses = async () =>
      Object.fromEntries((await snapshotOf(organizer)).requests.map((r) => [r.id, `${r.status} ${r.reason}`.trim()]));
    // No English sentence in the row: the status is the reason, said in each person's language.
    const hopeless = 'expired';

    // The first venture's only slot is taken: its other request is expired; the slot still has table B.
    const rivalHears = nextFact(firms[1]!, 'meetings:changed', (f) => f.requests.some((r) => r.id === rival));
    expect(await call(ventures[0]!, 'meeting:respond', { requestId: first, accept: true })).toMatchObject({ ok: true });
    expect((await rivalHears).requests.find((r) => r.id === rival)?.status).toBe('expired');
    expect(await statuses()).toEqual({
      [first]: 'accepted',
      [rival]: hopeless,
      [second]: 'pending',
      [bystander]: 'pending',
    });

    // The second booking fills the slot: a request of two other organizations has no place left either.
    const bystanderHears = nextFact(firms[3]!, 'meetings:changed', (f) => f.requests.some((r) => r.id === bystander));
    expect(await call(ventures[1]!, 'meeting:respond', { requestId: second, accept: true })).toMatchObject({
      ok: true,
      data: { meeting: { table: 'B' } },
    });
    expect((await bystanderHears).requests.find((r) => r.id === bystander)?.status).toBe('expired');
    expect(await statuses()).toEqual({
      [first]: 'accepted',
      [rival]: hopeless,
      [second]: 'accepted',
      [bystander]: hopeless,
    });
  });

  it('bookings committed together reach the organizers as one fact per commit, and each organization its own', async () => {
    await h.stop();
    h = await startHarness({ now: () => clock, metrics: true });
    const organizer = await h.connectAs(h.person('organizer').url);
    const console_ = await h.connectAs(h.person('organizer').url);
    await call(organizer, 'grid:save', GRID);
    const ventureLinks = h.links.people.filter((p) => p.role === 'venture').slice(0, 4);
    const ventures = await Promise.all(ventureLinks.map((p) => h.connectAs(p.url)));
    const ventureIds = await Promise.all(ventures.map(orgIdOf));
    const firms = await Promise.all(h.addFirms(4).map((url) => h.connectAs(url)));
    const firmIds = await Promise.all(firms.map(orgIdOf));
    const before = await h.groupCommit();
    const heard = record(console_, 'meetings:changed');
    const ventureHeard = ventures.map((v) => record(v, 'meetings:changed'));
    // Four pairs at four places, sent back to back.
    const answers = await Promise.all(
      firmIds.map((guestOrgId, i) =>
        call(organizer, 'meeting:book', {
          guestOrgId,
          ventureOrgId: ventureIds[i]!,
          slotStart: at(i < 2 ? '15:00' : '15:20'),
          table: i % 2 ? 'B' : 'A',
          key: key(),
        }),
      ),
    );
    const booked = answers.map((a) => {
      if (!a.ok) throw new Error(a.error.message);
      return a.data.id;
    });
    await expect.poll(() => heard.flatMap((f) => f.meetings).length).toBeGreaterThanOrEqual(booked.length);
    const after = await h.groupCommit();
    expect(after.commands - before.commands).toBe(booked.length);
    expect(heard).toHaveLength(after.commits - before.commits);
    expect(heard.flatMap((f) => f.meetings.map((m) => m.id))).toEqual(booked);
    // Each venture hears its own meeting, and no other organization's.
    await expect
      .poll(() => ventureHeard.map((facts) => facts.flatMap((f) => f.meetings.map((m) => m.id))))
      .toEqual(booked.map((id) => [id]));
  });

  it('never double-books under 500 simultaneous accepts and manual bookings competing for six places', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    await call(organizer, 'grid:save', GRID); // 3 slots × 2 tables = 6 places
    const ventureLinks = h.links.people.filter((p) => p.role === 'venture');
    const ventures = await Promise.all(ventureLinks.map((p) => h.connectAs(p.url)));
    const ventureIds = await Promise.all(ventures.map(orgIdOf));
    // Each venture answers from five devices at once, so the per-device rate limit leaves the
    // contention for places, not for tokens.
    const devices = await Promise.all(
      ventureLinks.map((p) => Promise.all(Array.from({ length: 5 }, () => h.connectAs(p.url)))),
    );
    const firms: ClientSocket[] = [];
    for (const url of h.addFirms(100)) firms.push(await h.connectAs(url));
    const firmIds = await Promise.all(firms.map(orgIdOf));

    // Every firm asks every venture: 500 open requests.
    const requests: { id: string; venture: number }[] = [];
    await Promise.all(
      firms.flatMap((firm) =>
        ventureIds.map(async (ventureId, v) => {
          const answer = await call(firm, 'meeting:request', { toOrgId: ventureId, key: key() });
          if (!answer.ok) throw new Error(answer.error.message);
          requests.push({ id: answer.data.id, venture: v });
        }),
      ),
    );
    expect(requests).toHaveLength(500);

    // All at once: every venture accepts every request, and the organizer books 60 by hand.
    const slots = [at('15:00'), at('15:20'), at('15:40')];
    const answered = ventureIds.map(() => 0);
    const attempts = [
      ...requests.map((r) =>
        call(devices[r.venture]![(answered[r.venture]! += 1) % 5]!, 'meeting:respond', {
          requestId: r.id,
          accept: true,
        }),
      ),
      ...Array.from({ length: 60 }, (_, i) =>
        call(organizer, 'meeting:book', {
          guestOrgId: firmIds[i]!,
          ventureOrgId: ventureIds[i % ventureIds.length]!,
          slotStart: slots[i % 3]!,
          table: i % 2 ? 'A' : 'B',
          key: key(),
        }),
      ),
    ];
    const answers = await Promise.all(attempts);
    expect(answers).toHaveLength(560);
    for (const a of answers) if (!a.ok) expect([ErrorCode.Conflict]).toContain(a.error.code);

    const booked = answers.flatMap((a) => {
      if (!a.ok) return [];
      const data = a.data as { meeting?: { id: string } | null; id?: string };
      return [data.meeting?.id ?? data.id!];
    });
    const rows = h.store.db
      .prepare(
        "SELECT id, slot_start AS s, table_name AS t, guest_org AS g, venture_org AS v FROM meetings WHERE status <> 'cancelled'",
      )
      .all() as { id: string; s: number; t: string; g: string; v: string }[];
    expect(rows.length).toBe(6);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(booked));
    const unique = (keys: string[]) => new Set(keys).size === keys.length;
    expect(unique(rows.map((r) => `${r.s}|${r.t}`))).toBe(true);
    expect(unique(rows.flatMap((r) => [`${r.s}|${r.g}`, `${r.s}|${r.v}`]))).toBe(true);
    // Requests left without any free place were expired, not left hanging.
    const pending = h.store.db.prepare("SELECT COUNT(*) FROM meeting_requests WHERE status = 'pending'").pluck().get();
    expect(pending).toBe(0);
  });
});

describe('one meeting per pair, and requests that follow the places', () => {
  /** One slot with `tables` tables; three ventures and four firms of one person each, connected. */
  async function smallDay(tables: string[]) {
    const organizer = await h.connectAs(h.person('organizer').url);
    const saved = await call(organizer, 'grid:save', { ...GRID, windows: [{ start: '15:00', end: '15:15' }], tables });
    if (!saved.ok) throw new Error(saved.error.message);
    const ventures = await Promise.all([0, 1, 2].map((i) => h.connectAs(h.person('venture', i).url)));
    const ventureIds = await Promise.all(ventures.map(orgIdOf));
    const firms = await Promise.all(h.addFirms(4).map((url) => h.connectAs(url)));
    const firmIds = await Promise.all(firms.map(orgIdOf));
    const ask = async (firm: ClientSocket, toOrgId: string) => {
      const answer = await call(firm, 'meeting:request', { toOrgId, key: key() });
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.data.id;
    };
    const status = async (id: string) => (await snapshotOf(organizer)).requests.find((r) => r.id === id)?.status;
    const logged = (kind: string) =>
      h.store.db
        .prepare<[string, string], { data: string }>(
          'SELECT data FROM changes WHERE event_id = ? AND kind = ? ORDER BY seq',
        )
        .all(h.eventId, kind)
        .map((row) => JSON.parse(row.data) as Record<string, unknown>);
    return { organizer, ventures, ventureIds, firms, firmIds, ask, status, logged };
  }

  it('an organizer’s booking answers the pair’s open request; the pair is never booked twice', async () => {
    const d = await smallDay(['A', 'B']);
    const asked = await d.ask(d.firms[0]!, d.ventureIds[0]!);
    const firmHears = nextFact(d.firms[0]!, 'meetings:changed', (f) => f.requests.some((r) => r.id === asked));
    const booked = await call(d.organizer, 'meeting:book', {
      guestOrgId: d.firmIds[0]!,
      ventureOrgId: d.ventureIds[0]!,
      slotStart: at('15:00'),
      table: 'A',
      key: key(),
    });
    expect(booked).toMatchObject({ ok: true, data: { requestId: asked } });
    expect((await firmHears).requests.find((r) => r.id === asked)?.status).toBe('accepted');
    // The venture, a moment late, accepts the request the organizer already answered.
    expect(await call(d.ventures[0]!, 'meeting:respond', { requestId: asked, accept: true })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Conflict },
    });
    const again = await call(d.organizer, 'meeting:book', {
      guestOrgId: d.firmIds[0]!,
      ventureOrgId: d.ventureIds[0]!,
      slotStart: at('15:00'),
      table: 'B',
      key: key(),
    });
    expect(again).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Conflict, message: expect.stringMatching(/already have a meeting \(15:00, table A\)/) },
    });
    const meetings = (await snapshotOf(d.organizer)).meetings.filter((m) => m.status !== 'cancelled');
    expect(meetings).toHaveLength(1);
    // And the database itself refuses a second meeting of the pair, whatever the code does.
    expect(() =>
      h.store.insertMeeting({
        id: randomUUID(),
        eventId: h.eventId,
        requestId: null,
        guestOrg: d.firmIds[0]!,
        ventureOrg: d.ventureIds[0]!,
        slotStart: at('15:00') + 3_600_000,
        slotEnd: at('15:15') + 3_600_000,
        table: 'B',
        now: clock,
      }),
    ).toThrow(/UNIQUE constraint failed/);
  });

  it('accepting a request of a pair that already meets resolves it against that meeting, both told', async () => {
    const d = await smallDay(['A', 'B']);
    const asked = await d.ask(d.firms[0]!, d.ventureIds[0]!);
    // A meeting of the pair made behind the request's back (as data from before the rule could be).
    const existing = randomUUID();
    h.store.insertMeeting({
      id: existing,
      eventId: h.eventId,
      requestId: null,
      guestOrg: d.firmIds[0]!,
      ventureOrg: d.ventureIds[0]!,
      slotStart: at('15:00'),
      slotEnd: at('15:15'),
      table: 'B',
      now: clock,
    });
    const firmHears = nextFact(d.firms[0]!, 'meetings:changed', (f) => f.requests.some((r) => r.id === asked));
    expect(await call(d.ventures[0]!, 'meeting:respond', { requestId: asked, accept: true })).toMatchObject({
      ok: true,
      data: { request: { status: 'accepted' }, meeting: { id: existing, requestId: asked, table: 'B' } },
    });
    const heard = await firmHears;
    expect(heard.meetings).toMatchObject([{ id: existing }]);
    expect((await snapshotOf(d.organizer)).meetings.filter((m) => m.status !== 'cancelled')).toHaveLength(1);
    expect(d.logged('meeting:accepted')).toEqual([{ requestId: asked, meetingId: existing }]);
  });

  it('a grid whose cap is below an organization’s meetings is refused, naming it', async () => {
    const d = await smallDay(['A']);
    const twoSlots = { ...GRID, windows: [{ start: '15:00', end: '15:35' }], tables: ['A'] };
    expect((await call(d.organizer, 'grid:save', twoSlots)).ok).toBe(true);
    for (const [venture, time] of [
      [0, '15:00'],
      [1, '15:20'],
    ] as const) {
      const booked = await call(d.organizer, 'meeting:book', {
        guestOrgId: d.firmIds[0]!,
        ventureOrgId: d.ventureIds[venture]!,
        slotStart: at(time),
        table: 'A',
        key: key(),
      });
      expect(booked.ok).toBe(true);
    }
    const firmName = (await snapshotOf(d.firms[0]!)).meetings[0]!.guestOrgName;
    expect(await call(d.organizer, 'grid:save', { ...twoSlots, capPerOrg: 1 })).toMatchObject({
      ok: false,
      error: {
        code: ErrorCode.Conflict,
        message: `${firmName} already has 2 meetings: the cap cannot be lower than that. Cancel one first, or keep the cap at 2.`,
      },
    });
    expect((await call(d.organizer, 'grid:save', { ...twoSlots, capPerOrg: 2 })).ok).toBe(true);
  });

  it('every expiry is in the change log: an organizer’s booking that takes a request’s last place logs it', async () => {
    const d = await smallDay(['A']);
    const hopeful = await d.ask(d.firms[0]!, d.ventureIds[1]!);
    const booked = await call(d.organizer, 'meeting:book', {
      guestOrgId: d.firmIds[1]!,
      ventureOrgId: d.ventureIds[0]!,
      slotStart: at('15:00'),
      table: 'A',
      key: key(),
    });
    expect(booked.ok).toBe(true);
    expect(await d.status(hopeful)).toBe('expired');
    expect(d.logged('meeting:expired')).toEqual([{ id: hopeful }]);
  });

  it('a move that takes a request’s last place expires it; a cancel or move that frees one revives, oldest first', async () => {
    const d = await smallDay(['A']);
    const older = await d.ask(d.firms[0]!, d.ventureIds[0]!);
    const newer = await d.ask(d.firms[1]!, d.ventureIds[1]!);
    // The one place goes to a third pair: both requests expire.
    const booked = await call(d.organizer, 'meeting:book', {
      guestOrgId: d.firmIds[2]!,
      ventureOrgId: d.ventureIds[2]!,
      slotStart: at('15:00'),
      table: 'A',
      key: key(),
    });
    if (!booked.ok) throw new Error(booked.error.message);
    expect([await d.status(older), await d.status(newer)]).toEqual(['expired', 'expired']);

    // The meeting is cancelled: the place is free again and both requests are pending, both firms told.
    const olderHears = nextFact(d.firms[0]!, 'meetings:changed', (f) =>
      f.requests.some((r) => r.id === older && r.status === 'pending'),
    );
    expect(await call(d.organizer, 'meeting:cancel', { meetingId: booked.data.id })).toMatchObject({ ok: true });
    await olderHears;
    expect([await d.status(older), await d.status(newer)]).toEqual(['pending', 'pending']);
    expect(d.logged('meeting:revived')).toEqual([{ id: older }, { id: newer }]);

    // The older is accepted into the only place; the newer has none left and expires with it.
    const accepted = await call(d.ventures[0]!, 'meeting:respond', { requestId: older, accept: true });
    if (!accepted.ok || !accepted.data.meeting) throw new Error('not booked');
    const olderMeeting = accepted.data.meeting.id;
    expect(await d.status(newer)).toBe('expired');

    // A grid of two slots and two tables gives the newer places again.
    const grid = await call(d.organizer, 'grid:save', { ...GRID, windows: [{ start: '15:00', end: '15:35' }] });
    expect(grid.ok).toBe(true);
    expect(await d.status(newer)).toBe('pending');

    // The newer's firm sits at 15:00 elsewhere, and 15:20 B is taken: its last place is 15:20 A.
    const place = async (firm: number, venture: number, time: string, table: string) => {
      const answer = await call(d.organizer, 'meeting:book', {
        guestOrgId: d.firmIds[firm]!,
        ventureOrgId: d.ventureIds[venture]!,
        slotStart: at(time),
        table,
        key: key(),
      });
      if (!answer.ok) throw new Error(answer.error.message);
    };
    await place(1, 2, '15:00', 'B');
    await place(3, 2, '15:20', 'B');
    expect(await d.status(newer)).toBe('pending');

    // Moving the older pair's meeting onto that place expires the newer; moving it back revives it.
    const move = (time: string) =>
      call(d.organizer, 'meeting:move', { meetingId: olderMeeting, slotStart: at(time), table: 'A' });
    expect(await move('15:20')).toMatchObject({ ok: true });
    expect(await d.status(newer)).toBe('expired');
    expect(await move('15:00')).toMatchObject({ ok: true });
    expect(await d.status(newer)).toBe('pending');
    expect(d.logged('meeting:expired').map((c) => c.id)).toEqual([older, newer, newer, newer]);
    expect(d.logged('meeting:revived').map((c) => c.id)).toEqual([older, newer, newer, newer]);
  });
});

describe('the agenda file', () => {
  it('gives a person their organization’s meetings as iCalendar events in UTC', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    await call(organizer, 'grid:save', GRID);
    const snap = await snapshotOf(organizer);
    const firmLink = h.person('firm', 0);
    const firmOrg = snap.people.find((p) => p.name === firmLink.name)!.orgId!;
    await call(organizer, 'meeting:book', {
      guestOrgId: firmOrg,
      ventureOrgId: snap.ventures[0]!.id,
      slotStart: at('15:20'),
      table: 'B',
      key: key(),
    });
    const res = await fetch(`${h.baseUrl}/api/agenda.ics`, { headers: { cookie: await h.signIn(firmLink.url) } });
    expect(res.headers.get('content-type')).toMatch(/text\/calendar/);
    const ics = await res.text();
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics).toContain(`DTSTART:${new Date(at('15:20')).toISOString().replace(/[-:]/g, '').replace('.000', '')}`);
    expect(ics.replace(/\r\n /g, '')).toContain(`SUMMARY:面談 / Meeting: ${snap.ventures[0]!.name}`);
    expect(ics).toContain('table B');
    // The harness has no PUBLIC_URL: the server's own address, where the agenda is.
    expect(ics).toContain(`URL:${h.baseUrl}/`);
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect((await fetch(`${h.baseUrl}/api/agenda.ics`)).status).toBe(401);
  });
});

describe('choosing the place', () => {
  it('shows the accepter the free places and books the one chosen; a taken one is refused with the next free', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    await call(organizer, 'grid:save', GRID);
    const venture = await h.connectAs(h.person('venture').url);
    const ventureId = await orgIdOf(venture);
    const firm = await h.connectAs(h.person('firm').url);
    const asked = await call(firm, 'meeting:request', { toOrgId: ventureId, key: key() });
    if (!asked.ok) throw new Error(asked.error.message);
    const free = await call(venture, 'meeting:free-slots', { requestId: asked.data.id });
    expect(free).toEqual({
      ok: true,
      data: ['15:00', '15:20', '15:40'].map((time) => ({
        slotStart: at(time),
        slotEnd: at(time) + 15 * 60_000,
        tables: ['A', 'B'],
      })),
    });
    const other = await h.connectAs(h.person('venture', 1).url);
    expect(await call(other, 'meeting:free-slots', { requestId: asked.data.id })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Forbidden },
    });
    expect(
      await call(venture, 'meeting:respond', {
        requestId: asked.data.id,
        accept: true,
        slotStart: at('15:40'),
        table: 'B',
      }),
    ).toMatchObject({
      ok: true,
      data: { meeting: { slotStart: at('15:40'), table: 'B' } },
    });
  });
});
