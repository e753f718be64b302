import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errors.js';
import { PROTOCOL_VERSION } from '../../shared/constants.js';
import { RATE } from '../realtime/command.js';
import { call, callRaw, nextFact, record, snapshotOf, startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

function ventureOf(snapshot: Awaited<ReturnType<typeof snapshotOf>>, orgName: string) {
  const venture = snapshot.ventures.find((v) => v.name === orgName);
  if (!venture) throw new Error(`no venture ${orgName}`);
  return venture;
}

describe('the first live loop', () => {
  it('broadcasts the started pitch, and a firm’s tap reaches the venture and the board but no other firm', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    const firm = await h.connectAs(h.person('firm').url);
    const otherFirm = await h.connectAs(h.person('firm', 1).url);
    const ventureLink = h.person('venture');
    const venture = await h.connectAs(ventureLink.url);
    const board = await h.connectBoard();

    const snap = await snapshotOf(organizer);
    const pitch = snap.program.pitches.find((p) => p.ventureId === ventureOf(snap, ventureLink.org!).id)!;

    const firmSees = nextFact(firm, 'program:changed');
    const boardSees = nextFact(board, 'program:changed');
    const started = await call(organizer, 'program:control', { action: 'start', pitchId: pitch.id });
    expect(started.ok && started.data.live).toMatchObject({ pitchId: pitch.id, status: 'running' });
    expect((await firmSees).program.live.pitchId).toBe(pitch.id);
    expect((await boardSees).program.live.pitchId).toBe(pitch.id);

    const otherFirmCounts = record(otherFirm, 'counts:changed');
    const ventureSees = nextFact(venture, 'counts:changed');
    const boardCounts = nextFact(board, 'counts:changed');
    const tap = await call(firm, 'interest:set', { ventureId: pitch.ventureId, level: 'interested' });
    expect(tap).toMatchObject({ ok: true, data: { ventureId: pitch.ventureId, level: 'interested' } });

    expect((await ventureSees).counts).toEqual({ [pitch.ventureId]: { total: 1, wantToMeet: 0 } });
    expect((await boardCounts).counts[pitch.ventureId]).toEqual({ total: 1, wantToMeet: 0 });
    // The venture learns a count, never who tapped; other firms learn nothing.
    expect(JSON.stringify(await snapshotOf(venture))).not.toContain(h.person('firm').name);
    expect(otherFirmCounts).toEqual([]);
    expect((await snapshotOf(otherFirm)).counts).toEqual({});

    // The firm's own view keeps its tap; undo takes the count back to zero.
    expect((await snapshotOf(firm)).myInterests).toMatchObject([{ ventureId: pitch.ventureId, level: 'interested' }]);
    const back = nextFact(venture, 'counts:changed');
    await call(firm, 'interest:set', { ventureId: pitch.ventureId, level: null });
    expect((await back).counts[pitch.ventureId]).toEqual({ total: 0, wantToMeet: 0 });
  });

  it('coalesces a burst of taps into few board updates with exact final counts', async () => {
    const board = await h.connectBoard();
    const snap = await snapshotOf(board);
    const ventureId = snap.ventures[0]!.id;
    const tappers = await Promise.all(
      h.links.people.filter((p) => p.role === 'firm' || p.role === 'partner').map((p) => h.connectAs(p.url)),
    );
    const updates = record(board, 'counts:changed');
    await Promise.all(
      tappers.map((s, i) => call(s, 'interest:set', { ventureId, level: i % 2 ? 'want-to-meet' : 'interested' })),
    );
    await nextFact(board, 'counts:changed', (f) => f.counts[ventureId]?.total === tappers.length);
    expect(updates.length).toBeLessThan(tappers.length);
    expect((await snapshotOf(board)).counts[ventureId]).toEqual({
      total: tappers.length,
      wantToMeet: Math.floor(tappers.length / 2),
    });
  });
});

describe('who may do what', () => {
  it('lets only organizers run the program, and only firms and partners tag interest', async () => {
    const firm = await h.connectAs(h.person('firm').url);
    const venture = await h.connectAs(h.person('venture').url);
    const board = await h.connectBoard();
    const snap = await snapshotOf(firm);
    const pitchId = snap.program.pitches[0]!.id;
    for (const socket of [firm, venture, board]) {
      const answer = await call(socket, 'program:control', { action: 'start', pitchId });
      expect(answer).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    }
    const ventureTap = await call(venture, 'interest:set', { ventureId: snap.ventures[1]!.id, level: 'interested' });
    expect(ventureTap).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    // A firm is not a venture: tagging one is refused as not found.
    const firmOrgId = (await snapshotOf(firm)).viewer;
    expect(firmOrgId.kind).toBe('person');
    const notVenture = await call(firm, 'interest:set', {
      ventureId: firmOrgId.kind === 'person' ? firmOrgId.org!.id : '',
      level: 'interested',
    });
    expect(notVenture).toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
    expect(h.store.interestCounts(h.eventId)).not.toHaveProperty(firmOrgId.kind === 'person' ? firmOrgId.org!.id : '');
  });

  it('refuses a socket without a session or with a forged board token', async () => {
    const { io } = await import('socket.io-client');
    for (const auth of [{}, { board: 'x'.repeat(44) }, { board: 42 }]) {
      const socket = io(h.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, auth });
      const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
      socket.close();
      expect(error.message).toBe(ErrorCode.Unauthenticated);
    }
  });

  it('refuses a socket opened from another site’s page', async () => {
    const { io } = await import('socket.io-client');
    const cookie = await h.signIn(h.person('firm').url);
    const socket = io(h.baseUrl, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { cookie, origin: 'https://evil.example' },
    });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.close();
    expect(error).toBeInstanceOf(Error);
  });
});

describe('bad input', () => {
  it('answers malformed payloads with an error and keeps serving', async () => {
    const firm = await h.connectAs(h.person('firm').url);
    const venturesBefore = (await snapshotOf(firm)).ventures;
    const bad: [string, unknown][] = [
      ['interest:set', null],
      ['interest:set', 'interested'],
      ['interest:set', { ventureId: 5, level: 'interested' }],
      ['interest:set', { ventureId: venturesBefore[0]!.id, level: 'love' }],
      ['interest:set', { ventureId: venturesBefore[0]!.id, level: 'interested', note: 'x'.repeat(5000) }],
      ['interest:set', { ventureId: venturesBefore[0]!.id, level: 'interested', personId: 'someone-else' }],
      ['program:control', { action: 'explode' }],
      ['sync', { protocol: '1' }],
      ['sync', []],
    ];
    for (const [event, payload] of bad) {
      const answer = await callRaw(firm, event, payload);
      expect(answer, `${event} ${JSON.stringify(payload)?.slice(0, 60)}`).toMatchObject({
        ok: false,
        error: { code: ErrorCode.BadRequest, message: expect.stringMatching(/Invalid request/) },
      });
    }
    // No ack callback, unknown events, and an old protocol: no crash, nothing stored.
    (firm.emit as (e: string, p: unknown) => void)('interest:set', {
      ventureId: venturesBefore[0]!.id,
      level: 'interested',
    });
    (firm.emit as (e: string, p: unknown) => void)('no:such-event', {});
    const old = await call(firm, 'sync', { protocol: PROTOCOL_VERSION + 1 });
    expect(old).toMatchObject({ ok: false, error: { code: ErrorCode.ProtocolMismatch } });
    const after = await snapshotOf(firm);
    expect(after.myInterests).toEqual([]);
    expect(after.ventures).toEqual(venturesBefore);
  });

  it('answers an unknown or revoked badge link with the 401 page in Japanese and English', async () => {
    for (const token of [
      'nope',
      'A'.repeat(44),
      h
        .person('firm')
        .url.split('/t/')[1]!
        .replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    ]) {
      const res = await fetch(`${h.baseUrl}/t/${token}`, { redirect: 'manual' });
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      const html = await res.text();
      expect(html).toContain('このリンクは使えません');
      expect(html).toContain('This link does not work');
    }
    const board = await fetch(`${h.baseUrl}/board/${'B'.repeat(44)}`);
    expect(board.status).toBe(401);
  });

  it('rejects an oversized or unreadable HTTP body with a JSON error', async () => {
    const big = await fetch(`${h.baseUrl}/api/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ x: 'y'.repeat(100_000) }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ ok: false, error: { code: ErrorCode.PayloadTooLarge } });
    const broken = await fetch(`${h.baseUrl}/api/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(broken.status).toBe(400);
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });
});

describe('limits', () => {
  it('slows down one phone that sends too fast, answers every command, and keeps serving the others', async () => {
    const firm = await h.connectAs(h.person('firm').url);
    const other = await h.connectAs(h.person('firm', 1).url);
    const snap = await snapshotOf(firm);
    const ventureId = snap.ventures[0]!.id;
    const personId = snap.viewer.kind === 'person' ? snap.viewer.personId : '';
    const levels = ['want-to-meet', 'interested'] as const;
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => call(firm, 'interest:set', { ventureId, level: levels[i % 2]! })),
    );
    const limited = answers.filter((a) => !a.ok && a.error.code === ErrorCode.RateLimited).length;
    expect(answers).toHaveLength(200);
    expect(limited).toBeGreaterThan(100);
    // The burst (less the snapshot above), plus what trickled back in while the storm lasted.
    expect(answers.length - limited).toBeGreaterThanOrEqual(RATE.burst - 1);
    // The store holds exactly what the last accepted command said.
    const lastAccepted = answers.findLastIndex((a) => a.ok);
    expect(h.store.getInterest(personId, ventureId)?.level).toBe(levels[lastAccepted % 2]);
    expect(await call(other, 'interest:set', { ventureId, level: 'interested' })).toMatchObject({ ok: true });
  });

  it('writes nothing when a phone takes back an interest it never had', async () => {
    const firm = await h.connectAs(h.person('firm').url);
    const ventureId = (await snapshotOf(firm)).ventures[0]!.id;
    const seq = h.store.eventSeq(h.eventId);
    expect(await call(firm, 'interest:set', { ventureId, level: null })).toEqual({ ok: true, data: null });
    expect(h.store.eventSeq(h.eventId)).toBe(seq);
  });
});
