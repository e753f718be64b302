import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errors.js';
import { eventLinks } from '../links.js';
import { seedDemoEvent } from '../seed/demo.js';
import { call, nextFact, record, snapshotOf, startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

const key = () => randomUUID().replaceAll('-', '');

describe('the door', () => {
  it('checks a badge in at one station; the second station is told when and where, and the counts move once', async () => {
    const stationA = await h.connectAs(h.person('organizer').url);
    const stationB = await h.connectAs(h.person('organizer').url);
    const board = await h.connectBoard();
    // Two people of one company: the port logistics firm sends two.
    const [guest, colleague] = h.links.people.filter((p) => p.org === '苫小牧港湾物流株式会社');
    if (!guest || !colleague) throw new Error('the demo has two people from the port logistics firm');

    const boardStats = nextFact(board, 'stats:changed');
    const peopleFact = nextFact(stationB, 'people:changed');
    const first = await call(stationA, 'checkin:scan', { text: guest.url, station: 'A', key: key() });
    expect(first).toMatchObject({
      ok: true,
      data: {
        outcome: 'checked-in',
        person: { name: guest.name, orgName: guest.org },
        checkin: { station: 'A', method: 'qr' },
      },
    });
    expect((await boardStats).stats).toEqual({ checkedIn: 1, companies: 1, meetingsBooked: 0 });
    expect((await peopleFact).people).toMatchObject([{ name: guest.name, checkin: { station: 'A' } }]);

    const statsAfter = record(board, 'stats:changed');
    const second = await call(stationB, 'checkin:scan', { text: guest.url, station: 'B', key: key() });
    expect(second).toMatchObject({ ok: true, data: { outcome: 'already', checkin: { station: 'A' } } });
    expect(first.ok && second.ok && second.data.checkin.at).toBe(first.ok && first.data.checkin.at);
    // A colleague from the same company adds a person but not a company.
    await call(stationB, 'checkin:scan', { text: colleague.url, station: 'B', key: key() });
    await nextFact(board, 'stats:changed', (f) => f.stats.checkedIn === 2);
    expect(statsAfter.map((f) => f.stats)).toEqual([{ checkedIn: 2, companies: 1, meetingsBooked: 0 }]);
    expect(h.store.db.prepare('SELECT COUNT(*) FROM checkins').pluck().get()).toBe(2);
  });

  it('scans committed together reach the other station as one fact per commit, each person as the scan was answered', async () => {
    await h.stop();
    h = await startHarness({ metrics: true });
    const stationA = await h.connectAs(h.person('organizer').url);
    const stationB = await h.connectAs(h.person('organizer').url);
    const badges = h.addFirms(20);
    const before = await h.groupCommit();
    const heard = record(stationB, 'people:changed');
    // Sent back to back: they reach the server together, and are committed in one or a few groups.
    const answers = await Promise.all(
      badges.map((text) => call(stationA, 'checkin:scan', { text, station: 'A', key: key() })),
    );
    const people = answers.map((a) => {
      if (!a.ok || a.data.outcome !== 'checked-in') throw new Error(`a scan was not checked in: ${JSON.stringify(a)}`);
      return a.data.person;
    });
    await expect.poll(() => heard.flatMap((f) => f.people).length).toBeGreaterThanOrEqual(people.length);
    const after = await h.groupCommit();
    expect(after.commands - before.commands).toBe(badges.length);
    // One fact for each commit that held check-ins, not one per scan.
    expect(heard).toHaveLength(after.commits - before.commits);
    expect(heard.flatMap((f) => f.people)).toEqual(people);
    expect(heard.map((f) => f.seq)).toEqual([...heard.map((f) => f.seq)].sort((a, b) => a - b));
  });

  it('answers a scan sent twice with the same key the same way, and checks in once', async () => {
    const station = await h.connectAs(h.person('organizer').url);
    const guest = h.person('venture', 0);
    const k = key();
    const a = await call(station, 'checkin:scan', { text: guest.url, station: 'A', key: k });
    const b = await call(station, 'checkin:scan', { text: guest.url, station: 'A', key: k });
    expect(a).toMatchObject({ ok: true, data: { outcome: 'checked-in' } });
    expect(b).toEqual(a);
    expect(await call(station, 'checkin:scan', { text: guest.url, station: 'A', key: key() })).toMatchObject({
      ok: true,
      data: { outcome: 'already' },
    });
    expect(h.store.db.prepare("SELECT COUNT(*) FROM changes WHERE kind = 'checkin:added'").pluck().get()).toBe(1);
  });

  it('turns away what is not a current badge of this event, in words the door can act on', async () => {
    const station = await h.connectAs(h.person('organizer').url);
    const other = eventLinks(
      h.store,
      h.secret,
      seedDemoEvent(h.store, { now: Date.now(), newId: randomUUID, size: 'small', name: '別のイベント' }),
      h.baseUrl,
    );
    const cases: [string, string][] = [
      ['hello', ErrorCode.UnknownBadge],
      [`${h.baseUrl}/t/${'A'.repeat(44)}`, ErrorCode.UnknownBadge],
      [h.links.board, ErrorCode.UnknownBadge],
      [other.people.find((p) => p.role === 'firm')!.url, ErrorCode.UnknownBadge],
    ];
    for (const [text, code] of cases) {
      expect(await call(station, 'checkin:scan', { text, station: 'A', key: key() }), text).toMatchObject({
        ok: false,
        error: { code },
      });
    }
    expect(h.store.stats(h.eventId)).toEqual({ checkedIn: 0, companies: 0, meetingsBooked: 0 });
  });

  it('reissues a badge: the old one is refused at the door and on the phone, the new one works', async () => {
    const station = await h.connectAs(h.person('organizer').url);
    const guest = h.person('firm', 2);
    const phone = await h.connectAs(guest.url);
    const dropped = new Promise<string>((resolve) => phone.once('disconnect', resolve));
    const snap = await snapshotOf(station);
    const personId = snap.people.find((p) => p.name === guest.name)!.id;

    const reissued = await call(station, 'badge:reissue', { personId });
    if (!reissued.ok) throw new Error(reissued.error.message);
    expect(reissued.data.badgeUrl).not.toBe(guest.url);
    expect(await dropped).toBe('io server disconnect');
    expect(await call(station, 'checkin:scan', { text: guest.url, station: 'A', key: key() })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.BadgeRevoked, message: expect.stringMatching(/reissued/) },
    });
    expect((await fetch(guest.url, { redirect: 'manual' })).status).toBe(401);
    expect(
      await call(station, 'checkin:scan', { text: reissued.data.badgeUrl, station: 'A', key: key() }),
    ).toMatchObject({
      ok: true,
      data: { outcome: 'checked-in', person: { id: personId } },
    });
  });

  it('checks in by search, undoes it, and registers a walk-in whose new badge signs in at once', async () => {
    const station = await h.connectAs(h.person('organizer').url);
    const board = await h.connectBoard();
    const snap = await snapshotOf(station);
    const someone = snap.people.find((p) => p.role === 'partner')!;
    expect(await call(station, 'checkin:person', { personId: someone.id, station: 'B', key: key() })).toMatchObject({
      ok: true,
      data: { outcome: 'checked-in', checkin: { method: 'search', station: 'B' } },
    });
    const undone = await call(station, 'checkin:undo', { personId: someone.id });
    expect(undone).toMatchObject({ ok: true, data: { checkin: null } });
    expect(await call(station, 'checkin:undo', { personId: someone.id })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Conflict },
    });

    const k = key();
    const walkIn = {
      name: '木村 拓也',
      kana: 'きむら たくや',
      company: '樽前運輸株式会社',
      kind: 'firm' as const,
      checkIn: true,
      station: 'A',
      key: k,
    };
    const stats = nextFact(board, 'stats:changed', (f) => f.stats.checkedIn === 1);
    const registered = await call(station, 'person:register', walkIn);
    if (!registered.ok) throw new Error(registered.error.message);
    expect(registered.data).toMatchObject({
      person: { name: '木村 拓也', orgName: '樽前運輸株式会社', role: 'firm' },
      checkin: { outcome: 'checked-in', checkin: { method: 'walk-in' } },
    });
    expect((await stats).stats).toEqual({ checkedIn: 1, companies: 1, meetingsBooked: 0 });
    expect(await call(station, 'person:register', walkIn)).toEqual(registered); // a retry gets the same answer
    expect(await call(station, 'person:register', { ...walkIn, key: key() })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Conflict },
    });
    const phone = await h.connectAs(registered.data.badgeUrl);
    expect((await snapshotOf(phone)).viewer).toMatchObject({ kind: 'person', name: '木村 拓也', role: 'firm' });
    // A company already in the event as a venture cannot be registered as a firm.
    const venture = snap.people.find((p) => p.role === 'venture')!;
    expect(
      await call(station, 'person:register', { ...walkIn, name: '別人', company: venture.orgName!, key: key() }),
    ).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Conflict },
    });
  });

  it('corrects a registration from the console; a move to another company reconnects the person into its rooms', async () => {
    const station = await h.connectAs(h.person('organizer').url);
    const guest = h.person('firm', 3);
    const phone = await h.connectAs(guest.url);
    const snap = await snapshotOf(station);
    const personId = snap.people.find((p) => p.name === guest.name)!.id;
    const typo = await call(station, 'person:update', {
      personId,
      name: `${guest.name}（修正）`,
      kana: 'テスト',
      company: guest.org!,
      kind: 'firm',
      title: '部長',
    });
    expect(typo).toMatchObject({
      ok: true,
      data: { name: `${guest.name}（修正）`, nameKana: 'てすと', title: '部長', orgName: guest.org },
    });
    expect(phone.connected).toBe(true);
    const dropped = new Promise<string>((resolve) => phone.once('disconnect', resolve));
    const moved = await call(station, 'person:update', {
      personId,
      name: guest.name,
      company: '新しい勤務先株式会社',
      kind: 'firm',
    });
    expect(moved).toMatchObject({ ok: true, data: { orgName: '新しい勤務先株式会社' } });
    expect(await dropped).toBe('io server disconnect');
    const venture = snap.people.find((p) => p.role === 'venture')!;
    expect(
      await call(station, 'person:update', { personId, name: guest.name, company: venture.orgName!, kind: 'firm' }),
    ).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Conflict },
    });
  });

  it('sets a venture’s profile by hand: every firm’s directory shows its reading, summary and topics at once', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    const firm = await h.connectAs(h.person('firm').url);
    const venture = (await snapshotOf(firm)).ventures.find((v) => v.name === h.person('venture').org)!;
    const summary = '介護施設の夜間見守りを、カメラなしのセンサーで。';
    const changed = nextFact(firm, 'program:changed', (f) => f.ventures.some((v) => v.summary === summary));
    const answer = await call(organizer, 'org:update', {
      orgId: venture.id,
      nameKana: 'アアア ミマモリ',
      summary,
      tags: ['雇用確保', '介護', '介護'],
    });
    const profile = {
      id: venture.id,
      name: venture.name,
      nameKana: 'あああ みまもり',
      summary,
      tags: ['雇用確保', '介護'],
    };
    expect(answer).toEqual({ ok: true, data: profile });
    // The reading is what the directory sorts by: the venture comes first now.
    const fact = await changed;
    expect(fact.ventures[0]).toEqual(profile);
    expect(fact.seq).toBe(h.store.eventSeq(h.eventId));
    expect((await snapshotOf(firm)).ventures.find((v) => v.id === venture.id)).toEqual(profile);
    expect(h.store.db.prepare("SELECT data FROM changes WHERE kind = 'org:updated'").pluck().all().map(String)).toEqual(
      [JSON.stringify({ orgId: venture.id, nameKana: profile.nameKana, summary, tags: profile.tags })],
    );

    // Limits, another event's venture, and a firm: refused, and the profile stays as it is.
    const other = seedDemoEvent(h.store, { now: Date.now(), newId: randomUUID, size: 'small', name: '別のイベント' });
    const refusals: [Parameters<typeof call<'org:update'>>[2], string][] = [
      [{ orgId: venture.id, summary: 'あ'.repeat(1001) }, ErrorCode.BadRequest],
      [{ orgId: venture.id, tags: Array.from({ length: 13 }, (_, i) => `テーマ${i}`) }, ErrorCode.BadRequest],
      [{ orgId: venture.id, tags: ['x'.repeat(41)] }, ErrorCode.BadRequest],
      [{ orgId: h.store.listVentures(other)[0]!.id, summary: '別のイベント' }, ErrorCode.NotFound],
    ];
    for (const [payload, code] of refusals) {
      expect(await call(organizer, 'org:update', payload)).toMatchObject({ ok: false, error: { code } });
    }
    expect(await call(firm, 'org:update', { orgId: venture.id, summary: '書き換え' })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Forbidden },
    });
    expect(h.store.listVentures(h.eventId)[0]).toEqual(profile);
  });

  it('lets only organizers work the door', async () => {
    const firm = await h.connectAs(h.person('firm').url);
    const board = await h.connectBoard();
    for (const socket of [firm, board]) {
      expect(
        await call(socket, 'checkin:scan', { text: h.person('firm').url, station: 'A', key: key() }),
      ).toMatchObject({
        ok: false,
        error: { code: ErrorCode.Forbidden },
      });
    }
    expect(await call(firm, 'person:register', { name: 'x', company: 'y', kind: 'firm', key: key() })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Forbidden },
    });
    expect((await snapshotOf(firm)).people).toEqual([]);
    expect(h.store.stats(h.eventId).checkedIn).toBe(0);
  });
});
