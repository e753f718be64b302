import { afterEach, beforeEach, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errors.js';
import { call, nextFact, snapshotOf, startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

it('lets the organizer build and reorder the program, and every phone follows', async () => {
  const organizer = await h.connectAs(h.person('organizer').url);
  const firm = await h.connectAs(h.person('firm').url);
  const snap = await snapshotOf(organizer);
  const venture = snap.ventures[0]!;

  const session = await call(organizer, 'program:session-save', { title: '第3部 追加セッション' });
  if (!session.ok) throw new Error(session.error.message);
  const sessionId = session.data.sessions.find((s) => s.title === '第3部 追加セッション')!.id;

  const firmHears = nextFact(firm, 'program:changed', (f) => f.program.pitches.some((p) => p.title === '追加ピッチ'));
  const added = await call(organizer, 'program:pitch-save', {
    sessionId,
    ventureId: venture.id,
    title: '追加ピッチ',
    durationSec: 180,
  });
  expect(added.ok).toBe(true);
  expect((await firmHears).program.pitches.find((p) => p.title === '追加ピッチ')).toMatchObject({
    sessionId,
    durationSec: 180,
    position: 0,
  });

  const second = await call(organizer, 'program:pitch-save', {
    sessionId,
    ventureId: venture.id,
    title: '二番目',
    durationSec: 240,
  });
  if (!second.ok) throw new Error(second.error.message);
  const secondId = second.data.pitches.find((p) => p.title === '二番目')!.id;
  const moved = await call(organizer, 'program:pitch-move', { id: secondId, direction: 'up' });
  if (!moved.ok) throw new Error(moved.error.message);
  const order = moved.data.pitches.filter((p) => p.sessionId === sessionId).sort((a, b) => a.position - b.position);
  expect(order.map((p) => p.title)).toEqual(['二番目', '追加ピッチ']);

  // The pitch that is on cannot be deleted; a session with pitches cannot either.
  await call(organizer, 'program:control', { action: 'start', pitchId: secondId });
  expect(await call(organizer, 'program:pitch-delete', { id: secondId })).toMatchObject({
    ok: false,
    error: { code: ErrorCode.Conflict },
  });
  expect(await call(organizer, 'program:session-delete', { id: sessionId })).toMatchObject({
    ok: false,
    error: { code: ErrorCode.Conflict },
  });

  // During the event the running pitch can still be edited (a title fix, more time).
  const edited = await call(organizer, 'program:pitch-save', {
    id: secondId,
    sessionId,
    ventureId: venture.id,
    title: '二番目（改）',
    durationSec: 300,
  });
  expect(edited.ok && edited.data.live.pitchId).toBe(secondId);

  await call(organizer, 'program:control', { action: 'stop' });
  for (const pitch of (await snapshotOf(organizer)).program.pitches.filter((p) => p.sessionId === sessionId)) {
    expect((await call(organizer, 'program:pitch-delete', { id: pitch.id })).ok).toBe(true);
  }
  expect((await call(organizer, 'program:session-delete', { id: sessionId })).ok).toBe(true);
  const final = await snapshotOf(firm);
  expect(final.program.sessions).toEqual(snap.program.sessions);
  expect(final.program.pitches).toEqual(snap.program.pitches);
});

it('refuses program edits from anyone but an organizer, and pitches by non-ventures', async () => {
  const organizer = await h.connectAs(h.person('organizer').url);
  const firm = await h.connectAs(h.person('firm').url);
  const snap = await snapshotOf(firm);
  const sessionId = snap.program.sessions[0]!.id;
  for (const [event, payload] of [
    ['program:session-save', { title: 'x' }],
    ['program:pitch-save', { sessionId, ventureId: snap.ventures[0]!.id, title: 'x', durationSec: 60 }],
    ['program:pitch-delete', { id: snap.program.pitches[0]!.id }],
    ['program:pitch-move', { id: snap.program.pitches[1]!.id, direction: 'up' }],
  ] as const) {
    expect(await call(firm, event, payload as never)).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Forbidden },
    });
  }
  const firmOrg = snap.viewer.kind === 'person' ? snap.viewer.org!.id : '';
  expect(
    await call(organizer, 'program:pitch-save', { sessionId, ventureId: firmOrg, title: 'x', durationSec: 60 }),
  ).toMatchObject({
    ok: false,
    error: { code: ErrorCode.NotFound },
  });
  expect(
    await call(organizer, 'program:pitch-save', {
      sessionId,
      ventureId: snap.ventures[0]!.id,
      title: '   ',
      durationSec: 60,
    }),
  ).toMatchObject({
    ok: false,
    error: { code: ErrorCode.BadRequest },
  });
  expect((await snapshotOf(organizer)).program).toEqual(snap.program);
});
