/**
 * Merging two organizations (`org:merge`) over real sockets against the real app: everything moves
 * and every screen that showed something of it hears; each clash is refused with a sentence naming
 * it and nothing changes, not even the change log.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type MergeClash } from '../../shared/errors.js';
import type { GridSettings, OrgKind } from '../../shared/model.js';
import { makeToken, newNonce } from '../auth/tokens.js';
import { kpiFigures } from '../domain/kpi.js';
import { zonedTime } from '../domain/slots.js';
import { kpiFacts } from '../store/series.js';
import { call, nextFact, snapshotOf, startHarness, type ClientSocket, type Harness } from '../testing/harness.js';

let h: Harness;
let clock = 0;
const key = () => randomUUID().replaceAll('-', '');
const at = (time: string) => zonedTime(h.store.getEvent(h.eventId)!.date, time, 'Asia/Tokyo');

const GRID: GridSettings = {
  windows: [{ start: '15:00', end: '16:00' }],
  slotMinutes: 15,
  bufferMinutes: 5,
  tables: ['A', 'B'],
  capPerOrg: null,
  breaks: [],
};

let organizer: ClientSocket;

beforeEach(async () => {
  h = await startHarness({ now: () => clock });
  clock = at('09:00'); // the morning of the event: every slot of the afternoon is ahead
  organizer = await h.connectAs(h.person('organizer').url);
  const saved = await call(organizer, 'grid:save', GRID);
  if (!saved.ok) throw new Error(saved.error.message);
});
afterEach(async () => {
  await h.stop();
});

interface Company {
  orgId: string;
  name: string;
  personId: string;
  url: string;
}

/** A company of the demo, by its first person of that role. */
function demo(role: 'firm' | 'venture', index: number): Company {
  const link = h.person(role, index);
  const person = h.store.listPeople(h.eventId).find((p) => p.name === link.name)!;
  return { orgId: person.org!.id, name: person.org!.name, personId: person.id, url: link.url };
}

/** A company registered a second time under another spelling, with one person. */
function registeredAgain(kind: OrgKind, name: string): Company {
  const orgId = randomUUID();
  const personId = randomUUID();
  const nonce = newNonce();
  h.store.insertOrganization({ id: orgId, eventId: h.eventId, kind, name });
  h.store.insertPerson({
    id: personId,
    eventId: h.eventId,
    organizationId: orgId,
    name: '二重 登録',
    badgeNonce: nonce,
    createdAt: clock,
  });
  return { orgId, name, personId, url: `${h.baseUrl}/t/${makeToken(h.secret, 'person', nonce)}` };
}

async function ok<T>(answer: Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const a = await answer;
  if (!a.ok) throw new Error(a.error.message);
  return a.data;
}

const book = (guest: Company, venture: Company, time: string, table = 'A') =>
  ok(
    call(organizer, 'meeting:book', {
      guestOrgId: guest.orgId,
      ventureOrgId: venture.orgId,
      slotStart: at(time),
      table,
      key: key(),
    }),
  );

const checkIn = (c: Company) =>
  ok(call(organizer, 'checkin:person', { personId: c.personId, station: 'A', key: key() }));

const disconnected = (socket: ClientSocket) =>
  new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

/** Every row of the event, and its change-log sequence: what "nothing changed" means. */
function eventState(): { seq: number; rows: string } {
  const db = h.store.db;
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  const rows: Record<string, unknown[]> = {};
  for (const table of tables) {
    const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
    const where = table === 'events' ? 'id' : columns.includes('event_id') ? 'event_id' : null;
    if (where) rows[table] = db.prepare(`SELECT * FROM "${table}" WHERE ${where} = ? ORDER BY 1`).all(h.eventId);
  }
  return { seq: h.store.eventSeq(h.eventId), rows: JSON.stringify(rows) };
}

describe('merging two organizations', () => {
  it('moves a firm’s people, requests and meetings into the other; both sides and the organizers hear; the companies figure drops by one', async () => {
    const a = demo('firm', 0);
    const b = registeredAgain('firm', '苫小牧港湾物流（株）');
    const [v1, v2, v3] = [demo('venture', 0), demo('venture', 1), demo('venture', 2)];

    // A meets V1 at 15:00; B has asked V1 too, meets V2 at 15:20, and wants to meet V3.
    const bSocket = await h.connectAs(b.url);
    const asked = await ok(call(bSocket, 'meeting:request', { toOrgId: v1.orgId, message: '相談', key: key() }));
    await book(a, v1, '15:00');
    const bMeeting = await book(b, v2, '15:20');
    await ok(call(bSocket, 'interest:set', { ventureId: v3.orgId, level: 'want-to-meet', key: key() }));
    await checkIn(a);
    await checkIn(b);
    // Each registration stated a challenge of the company's.
    const orgs = h.store.records.organizations;
    orgs.setChallenges(a.orgId, { categories: ['hiring'], topics: [], note: '' });
    orgs.setChallenges(b.orgId, { categories: ['productivity'], topics: [], note: '港の荷役を省力化したい' });
    const companiesBefore = h.store.stats(h.eventId).companies;
    const kpiBefore = kpiFigures(kpiFacts(h.store, h.eventId)).companies.firm;

    const aSocket = await h.connectAs(a.url);
    const v1Socket = await h.connectAs(v1.url);
    const v2Socket = await h.connectAs(v2.url);
    const v3Socket = await h.connectAs(v3.url);
    const heard = {
      people: nextFact(organizer, 'people:changed', (f) => f.people.some((p) => p.id === b.personId)),
      stats: nextFact(organizer, 'stats:changed', (f) => f.stats.companies === companiesBefore - 1),
      organizerMeetings: nextFact(organizer, 'meetings:changed', (f) => f.meetings.some((m) => m.id === bMeeting.id)),
      firmA: nextFact(aSocket, 'meetings:changed', (f) => f.meetings.some((m) => m.id === bMeeting.id)),
      v1: nextFact(v1Socket, 'meetings:changed', (f) => f.requests.some((r) => r.id === asked.id)),
      v2: nextFact(v2Socket, 'meetings:changed', (f) => f.meetings.some((m) => m.id === bMeeting.id)),
      v3: nextFact(v3Socket, 'leads:changed'),
      challenges: nextFact(organizer, 'challenges:changed', (f) => f.orgId === a.orgId),
      bGone: disconnected(bSocket),
    };

    const merged = await call(organizer, 'org:merge', { intoOrgId: a.orgId, fromOrgId: b.orgId, key: key() });
    expect(merged).toEqual({
      ok: true,
      data: {
        into: { id: a.orgId, name: a.name },
        from: { id: b.orgId, name: b.name },
        people: 1,
        requests: 1,
        meetings: 1,
        pitches: 0,
        interests: 0,
      },
    });

    // The organizers' list shows B's person under A; the company is counted once.
    expect((await heard.people).people).toEqual([
      expect.objectContaining({ id: b.personId, orgId: a.orgId, orgName: a.name }),
    ]);
    expect((await heard.stats).stats.companies).toBe(companiesBefore - 1);
    expect(kpiFigures(kpiFacts(h.store, h.eventId)).companies.firm).toBe(kpiBefore - 1);
    expect(h.store.getOrganization(b.orgId)).toBeUndefined();
    // The company keeps both registrations' challenges, and the organizers hear them.
    const joined = { categories: ['productivity', 'hiring'], topics: [], note: '港の荷役を省力化したい' };
    expect(orgs.challenges(a.orgId)).toEqual(joined);
    expect((await heard.challenges).challenges).toEqual(joined);
    // B's meeting, and A's meeting with V1, which now answers B's request to V1.
    const told = (await heard.organizerMeetings).meetings;
    expect(told).toHaveLength(2);
    expect(told).toContainEqual(
      expect.objectContaining({ guestOrgId: a.orgId, ventureOrgId: v1.orgId, requestId: asked.id }),
    );
    expect(told).toContainEqual(
      expect.objectContaining({ id: bMeeting.id, guestOrgId: a.orgId, guestOrgName: a.name }),
    );

    // A's people see B's meeting on their agenda; V2 sees it with A's name.
    expect((await heard.firmA).meetings).toContainEqual(
      expect.objectContaining({ id: bMeeting.id, guestOrgId: a.orgId }),
    );
    expect((await heard.v2).meetings).toEqual([expect.objectContaining({ id: bMeeting.id, guestOrgName: a.name })]);
    // A already meets V1: B's open request to V1 is answered by that meeting, not left open.
    expect((await heard.v1).requests).toEqual([
      expect.objectContaining({ id: asked.id, fromOrgId: a.orgId, status: 'accepted' }),
    ]);
    // V3's list of firms that asked to meet names the person's company as it is now.
    expect((await heard.v3).leads).toEqual([expect.objectContaining({ personId: b.personId, orgName: a.name })]);

    // B's person's phone is sent to reconnect, and comes back as a member of A.
    expect(await heard.bGone).toBe('io server disconnect');
    const again = await snapshotOf(await h.connectAs(b.url));
    expect(again.viewer).toMatchObject({ personId: b.personId, org: { id: a.orgId, name: a.name } });
    expect(again.meetings.map((m) => m.id).sort()).toEqual(
      h.store
        .meetings(h.eventId, { orgId: a.orgId })
        .map((m) => m.id)
        .sort(),
    );
    // B is gone: merging it again (another key, so not a resend) finds nothing and changes nothing.
    const seq = h.store.eventSeq(h.eventId);
    const resent = await call(organizer, 'org:merge', { intoOrgId: a.orgId, fromOrgId: b.orgId, key: 'x'.repeat(8) });
    expect(resent).toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
    expect(h.store.eventSeq(h.eventId)).toBe(seq);
  });

  it('moves a venture’s pitch and the interest in it; a firm’s phone and the venture’s screen hear, keeping the stronger of two interests', async () => {
    const a = demo('venture', 0);
    const b = registeredAgain('venture', 'ミライロボティクス');
    const firm = demo('firm', 1);
    const other = demo('firm', 2);
    const session = h.store.program(h.eventId).sessions[0]!;
    const pitch = await ok(
      call(organizer, 'program:pitch-save', {
        sessionId: session.id,
        ventureId: b.orgId,
        title: '二重に登録したピッチ',
        durationSec: 300,
      }),
    );
    const pitchId = pitch.pitches.find((p) => p.ventureId === b.orgId)!.id;

    // The firm is interested in A and wants to meet B: the stronger stays, under A. The other firm
    // only tapped B: its interest moves to A.
    const firmSocket = await h.connectAs(firm.url);
    const otherSocket = await h.connectAs(other.url);
    await ok(call(firmSocket, 'interest:set', { ventureId: a.orgId, level: 'interested', key: key() }));
    clock += 1000;
    await ok(call(firmSocket, 'interest:set', { ventureId: b.orgId, level: 'want-to-meet', note: 'ぜひ', key: key() }));
    await ok(call(otherSocket, 'interest:set', { ventureId: b.orgId, level: 'interested', key: key() }));

    const aSocket = await h.connectAs(a.url);
    const board = await h.connectBoard();
    // Counts go out in batches: the batch of the taps above can still arrive after these sockets
    // joined. Only facts of the merge's change (a later seq) are what the merge told them.
    const before = h.store.eventSeq(h.eventId);
    const heard = {
      firmGone: nextFact(
        firmSocket,
        'interest:changed',
        (f) => f.seq > before && f.ventureId === b.orgId && f.interest === null,
      ),
      firmKept: nextFact(firmSocket, 'interest:changed', (f) => f.seq > before && f.ventureId === a.orgId),
      leads: nextFact(aSocket, 'leads:changed', (f) => f.seq > before && f.ventureId === a.orgId),
      aCounts: nextFact(aSocket, 'counts:changed', (f) => f.seq > before && a.orgId in f.counts),
      program: nextFact(board, 'program:changed', (f) => f.seq > before),
      boardCounts: nextFact(board, 'counts:changed', (f) => f.seq > before && b.orgId in f.counts),
    };
    const merged = await call(organizer, 'org:merge', { intoOrgId: a.orgId, fromOrgId: b.orgId, key: key() });
    expect(merged).toMatchObject({ ok: true, data: { people: 1, pitches: 1, interests: 2 } });

    expect((await heard.firmGone).interest).toBeNull();
    expect((await heard.firmKept).interest).toMatchObject({ level: 'want-to-meet', note: 'ぜひ' });
    expect((await heard.leads).leads).toEqual([expect.objectContaining({ personId: firm.personId })]);
    expect((await heard.aCounts).counts[a.orgId]).toEqual({ total: 2, wantToMeet: 1 });
    const program = await heard.program;
    expect(program.ventures.map((v) => v.id)).not.toContain(b.orgId);
    expect(program.program.pitches.find((p) => p.id === pitchId)?.ventureId).toBe(a.orgId);
    expect((await heard.boardCounts).counts[b.orgId]).toEqual({ total: 0, wantToMeet: 0 });
    expect(h.store.myInterests(firm.personId)).toEqual([
      expect.objectContaining({ ventureId: a.orgId, level: 'want-to-meet' }),
    ]);
  });

  it('expires the merged organization’s open requests that have no place left, and tells both sides', async () => {
    await ok(call(organizer, 'grid:save', { ...GRID, capPerOrg: 2 }));
    const a = demo('firm', 0);
    const b = registeredAgain('firm', '苫小牧港湾物流（株）');
    const [v1, v2, v3] = [demo('venture', 0), demo('venture', 1), demo('venture', 2)];
    await book(a, v1, '15:00');
    await book(b, v2, '15:20');
    const asked = await ok(call(await h.connectAs(v3.url), 'meeting:request', { toOrgId: a.orgId, key: key() }));
    const v3Socket = await h.connectAs(v3.url);
    const told = nextFact(v3Socket, 'meetings:changed', (f) => f.requests.some((r) => r.id === asked.id));

    // Two meetings together: at the cap, so V3's request to A can no longer be booked.
    expect(await call(organizer, 'org:merge', { intoOrgId: a.orgId, fromOrgId: b.orgId, key: key() })).toMatchObject({
      ok: true,
    });
    expect((await told).requests).toEqual([expect.objectContaining({ id: asked.id, status: 'expired' })]);
    const last = h.store.db
      .prepare('SELECT kind, data FROM changes WHERE event_id = ? ORDER BY seq DESC LIMIT 2')
      .all(h.eventId);
    expect(last).toEqual([
      { kind: 'meeting:expired', data: JSON.stringify({ id: asked.id }) },
      expect.objectContaining({ kind: 'org:merged' }),
    ]);
  });

  const CLASHES: {
    name: string;
    arrange: (a: Company, b: Company, v: Company[]) => Promise<Company | void>;
    clash: MergeClash['clash'];
    says: (a: Company, b: Company, v: Company[]) => string[];
  }[] = [
    {
      name: 'both meet in the same slot',
      arrange: async (a, b, v) => {
        await book(a, v[0]!, '15:00', 'A');
        await book(b, v[1]!, '15:00', 'B');
      },
      clash: 'slot',
      says: (a, b) => [a.name, b.name, '15:00, table A', '15:00, table B'],
    },
    {
      name: 'both meet the same venture',
      arrange: async (a, b, v) => {
        await book(a, v[0]!, '15:00');
        await book(b, v[0]!, '15:20');
      },
      clash: 'pair',
      says: (_a, _b, v) => [v[0]!.name, 'a pair meets once'],
    },
    {
      name: 'both have an open request with the same venture',
      arrange: async (a, b, v) => {
        await ok(call(await h.connectAs(a.url), 'meeting:request', { toOrgId: v[0]!.orgId, key: key() }));
        await ok(call(await h.connectAs(v[0]!.url), 'meeting:request', { toOrgId: b.orgId, key: key() }));
      },
      clash: 'request',
      says: (_a, _b, v) => [v[0]!.name, 'open request'],
    },
    {
      name: 'together they would have more meetings than the cap',
      arrange: async (a, b, v) => {
        await ok(call(organizer, 'grid:save', { ...GRID, capPerOrg: 2 }));
        await book(a, v[0]!, '15:00');
        await book(a, v[1]!, '15:20');
        await book(b, v[2]!, '15:40');
      },
      clash: 'cap',
      says: () => ['3 meetings', 'the 2 one organization may have'],
    },
    {
      name: 'they are of different kinds',
      arrange: (_a, _b, v) => Promise.resolve(v[0]),
      clash: 'kind',
      says: () => ['same kind'],
    },
  ];

  it.each(CLASHES)('refuses a merge where $name, naming it, and changes nothing', async (c) => {
    const a = demo('firm', 0);
    const b = registeredAgain('firm', '苫小牧港湾物流（株）');
    const ventures = [demo('venture', 0), demo('venture', 1), demo('venture', 2)];
    // A firm merged into a venture: the kind clash.
    const into = (await c.arrange(a, b, ventures)) ?? a;
    const before = eventState();
    const bSocket = await h.connectAs(b.url);
    let told = 0;
    for (const fact of ['people:changed', 'meetings:changed', 'program:changed'] as const)
      organizer.on(fact, () => told++);

    const answer = await call(organizer, 'org:merge', { intoOrgId: into.orgId, fromOrgId: b.orgId, key: key() });
    if (answer.ok) throw new Error('merged despite the clash');
    expect(answer.error.code).toBe(ErrorCode.Conflict);
    for (const words of c.says(into, b, ventures)) expect(answer.error.message).toContain(words);
    expect(answer.error.refusal).toMatchObject({ reason: 'org-merge', into: into.name, from: b.name });
    expect(answer.error.refusal?.clashes.map((x) => x.clash)).toEqual([c.clash]);

    expect(eventState()).toEqual(before);
    await snapshotOf(organizer); // every fact sent before this answer has arrived
    expect(told).toBe(0);
    expect(bSocket.connected).toBe(true);
  });

  it('refuses an organization of another event, or one that is not there, as not found', async () => {
    const a = demo('firm', 0);
    const before = eventState();
    expect(
      await call(organizer, 'org:merge', { intoOrgId: a.orgId, fromOrgId: 'no-such-org', key: key() }),
    ).toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
    expect(eventState()).toEqual(before);
  });
});
