/**
 * Challenges (課題) over real sockets against the real app and SQLite: a firm states its own and
 * its other phones, the organizers and the ventures it asked to meet hear them; another firm
 * cannot change them whatever id it sends (whose they are comes from the session); and the board's
 * count of firms in the room with a challenge the venture on stage addresses follows check-ins and
 * challenges as they change, without naming anyone, and reaches no firm's phone.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Challenges } from '../../shared/challenges.js';
import { ErrorCode } from '../../shared/errors.js';
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
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

const key = () => randomUUID().replaceAll('-', '');
const EFFICIENCY: Challenges = { categories: ['efficiency'], topics: [], note: '' };
const HIRING: Challenges = { categories: ['hiring'], topics: [], note: '繁忙期の人手不足' };

/** A signed-in phone and its own organization and person ids, from its snapshot. */
async function phone(url: string): Promise<{ socket: ClientSocket; orgId: string; personId: string }> {
  const socket = await h.connectAs(url);
  const { viewer } = await snapshotOf(socket);
  if (viewer.kind !== 'person' || !viewer.org) throw new Error('expected a member of an organization');
  return { socket, orgId: viewer.org.id, personId: viewer.personId };
}

describe('a firm’s challenges', () => {
  it('are stated by its own people, heard by its other phones and the organizers, and no one else’s to change', async () => {
    const firmA = await phone(h.person('firm', 0).url);
    const firmAOther = await h.connectAs(h.person('firm', 0).url);
    const firmB = await phone(h.person('firm', 1).url);
    expect(firmB.orgId).not.toBe(firmA.orgId);
    const organizer = await h.connectAs(h.person('organizer').url);

    const heardByOther = nextFact(firmAOther, 'challenges:changed');
    const heardByOrganizer = nextFact(organizer, 'challenges:changed');
    const heardByB = record(firmB.socket, 'challenges:changed');
    const stated = await call(firmA.socket, 'org:challenges', {
      orgId: firmA.orgId,
      categories: ['hiring'],
      topics: [],
      note: '  繁忙期の人手不足 ',
      key: key(),
    });
    expect(stated).toEqual({ ok: true, data: HIRING });
    expect(await heardByOther).toMatchObject({ orgId: firmA.orgId, challenges: HIRING });
    expect(await heardByOrganizer).toMatchObject({ orgId: firmA.orgId, challenges: HIRING });
    expect((await snapshotOf(firmAOther)).myChallenges).toEqual(HIRING);
    expect((await snapshotOf(organizer)).orgChallenges[firmA.orgId]).toEqual(HIRING);

    // Another firm sending A's id is refused, and A's challenges stay; B hears nothing of A's.
    const seq = h.store.eventSeq(h.eventId);
    const forged = await call(firmB.socket, 'org:challenges', {
      orgId: firmA.orgId,
      categories: ['training'],
      topics: [],
      note: '',
    });
    expect(forged).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    expect(h.store.records.organizations.challenges(firmA.orgId)).toEqual(HIRING);
    expect(h.store.eventSeq(h.eventId)).toBe(seq);
    const snapB = await snapshotOf(firmB.socket);
    expect(snapB.myChallenges).toBeNull();
    expect(snapB.orgChallenges).toEqual({});
    expect(heardByB).toEqual([]);

    // A venture has none of its own to state: what it addresses is its profile's topics.
    const venture = await phone(h.person('venture').url);
    expect(
      await call(venture.socket, 'org:challenges', {
        orgId: venture.orgId,
        categories: ['hiring'],
        topics: [],
        note: '',
      }),
    ).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    expect(
      await call(organizer, 'org:challenges', { orgId: venture.orgId, categories: ['hiring'], topics: [], note: '' }),
    ).toMatchObject({ ok: false, error: { reason: 'challenges-guests-only' } });

    // Clearing every part stores none.
    expect(
      await call(firmA.socket, 'org:challenges', { orgId: firmA.orgId, categories: [], topics: [], note: '' }),
    ).toEqual({ ok: true, data: null });
    expect((await snapshotOf(firmA.socket)).myChallenges).toBeNull();
  });

  it('refuses a free line over 200 characters or with a line break', async () => {
    const firm = await phone(h.person('firm', 0).url);
    for (const note of ['あ'.repeat(201), '一行目\n二行目']) {
      expect(
        await call(firm.socket, 'org:challenges', { orgId: firm.orgId, categories: [], topics: [], note }),
      ).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    }
    expect(h.store.records.organizations.challenges(firm.orgId)).toBeNull();
  });

  it('reach the venture the firm asked to meet, in its list of leads, as they change', async () => {
    const firm = await phone(h.person('firm', 0).url);
    const venture = await phone(h.person('venture').url);
    await call(firm.socket, 'interest:set', { ventureId: venture.orgId, level: 'want-to-meet', key: key() });
    const leads = nextFact(venture.socket, 'leads:changed', (f) => f.leads.some((l) => l.challenges));
    await call(firm.socket, 'org:challenges', { orgId: firm.orgId, ...EFFICIENCY, key: key() });
    expect((await leads).leads.find((l) => l.orgId === firm.orgId)?.challenges).toEqual(EFFICIENCY);
    expect((await snapshotOf(venture.socket)).leads.find((l) => l.orgId === firm.orgId)?.challenges).toEqual(
      EFFICIENCY,
    );
  });
});

describe('the board’s count of fitting firms in the room', () => {
  it('follows check-ins, their undo and changed challenges, for the board and organizers only', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    const board = await h.connectBoard();
    const ventureId = (await snapshotOf(board)).ventures[0]!.id;
    // The venture addresses 省力化 (a category key among its topics).
    expect(
      (
        await call(organizer, 'org:update', {
          orgId: ventureId,
          nameKana: 'てすと',
          summary: '',
          tags: ['efficiency', 'AI'],
        })
      ).ok,
    ).toBe(true);
    const [urlA, urlB] = h.addFirms(2);
    const a = await phone(urlA!);
    const b = await phone(urlB!);
    const before = (await snapshotOf(board)).fitInRoom[ventureId] ?? 0;
    const firmFacts = record(a.socket, 'fit:changed');

    await call(a.socket, 'org:challenges', { orgId: a.orgId, ...EFFICIENCY, key: key() });
    await call(b.socket, 'org:challenges', { orgId: b.orgId, ...HIRING, key: key() });
    // Nobody of theirs is in the room yet.
    expect((await snapshotOf(board)).fitInRoom[ventureId]).toBe(before);

    const counted = (n: number) => nextFact(board, 'fit:changed', (f) => f.fitInRoom[ventureId] === n, 3000);
    let next = counted(before + 1);
    await call(organizer, 'checkin:person', { personId: a.personId, station: 'A', key: key() });
    await next;
    // B is in the room, but 雇用確保 is not what the venture addresses.
    await call(organizer, 'checkin:person', { personId: b.personId, station: 'A', key: key() });
    expect((await snapshotOf(board)).fitInRoom[ventureId]).toBe(before + 1);
    // B states 省力化 too: counted at once, live.
    next = counted(before + 2);
    await call(b.socket, 'org:challenges', { orgId: b.orgId, ...EFFICIENCY, key: key() });
    await next;
    // A's check-in undone: A has left the count.
    next = counted(before + 1);
    await call(organizer, 'checkin:undo', { personId: a.personId });
    await next;
    expect((await snapshotOf(organizer)).fitInRoom[ventureId]).toBe(before + 1);

    // A firm's phone never gets the count.
    expect(firmFacts).toEqual([]);
    expect((await snapshotOf(a.socket)).fitInRoom).toEqual({});
  });
});
