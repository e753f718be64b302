import { afterEach, expect, it } from 'vitest';
import { call, snapshotOf, startHarness, tempDbFile, type Harness } from '../testing/harness.js';

let running: Harness | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

it('finds every acknowledged change after the server restarts on the same database file', async () => {
  const { dir, dbFile } = tempDbFile();
  const first = (running = await startHarness({ dbFile, dir }));
  const secret = first.secret;
  const organizer = await first.connectAs(first.person('organizer').url);
  const firms = await Promise.all(
    first.links.people.filter((p) => p.role === 'firm' || p.role === 'partner').map((p) => first.connectAs(p.url)),
  );
  const snap = await snapshotOf(organizer);
  const acknowledged: { index: number; ventureId: string; level: 'interested' | 'want-to-meet' }[] = [];
  await call(organizer, 'program:control', { action: 'next' });
  const extended = await call(organizer, 'program:control', { action: 'extend', seconds: 60 });
  expect(extended.ok).toBe(true);
  await Promise.all(
    firms.flatMap((socket, index) =>
      snap.ventures.slice(0, 3).map(async (v, k) => {
        const level = (index + k) % 2 ? 'want-to-meet' : 'interested';
        const answer = await call(socket, 'interest:set', { ventureId: v.id, level, tags: ['生産性向上'] });
        if (answer.ok) acknowledged.push({ index, ventureId: v.id, level });
      }),
    ),
  );
  expect(acknowledged).toHaveLength(firms.length * 3);
  const seqBefore = first.store.eventSeq(first.eventId);
  await first.stop();
  running = undefined;

  const second = (running = await startHarness({ dbFile, dir, secret }));
  expect(second.eventId).toBe(first.eventId);
  expect(second.store.eventSeq(second.eventId)).toBe(seqBefore);
  // The old badge links still sign in: the same person, the same interests.
  const people = first.links.people.filter((p) => p.role === 'firm' || p.role === 'partner');
  for (const [index, person] of people.entries()) {
    // Same token, new server: only the port differs.
    const socket = await second.connectAs(person.url.replace(first.baseUrl, second.baseUrl));
    const mine = (await snapshotOf(socket)).myInterests;
    const expected = acknowledged.filter((a) => a.index === index);
    expect(mine.map((m) => [m.ventureId, m.level]).sort()).toEqual(expected.map((a) => [a.ventureId, a.level]).sort());
    expect(mine.every((m) => m.tags.join() === '生産性向上')).toBe(true);
  }
  const board = await second.connectBoard();
  const after = await snapshotOf(board);
  expect(after.program.live).toMatchObject({
    pitchId: snap.program.pitches[0]!.id,
    status: 'running',
    extraMs: 60_000,
  });
  for (const v of snap.ventures.slice(0, 3)) {
    const mine = acknowledged.filter((a) => a.ventureId === v.id);
    expect(after.counts[v.id]).toEqual({
      total: mine.length,
      wantToMeet: mine.filter((a) => a.level === 'want-to-meet').length,
    });
  }
  // Every acknowledged change is in the log, in order, with no gap.
  const seqs = second.store.db
    .prepare('SELECT seq FROM changes WHERE event_id = ? ORDER BY seq')
    .pluck()
    .all(second.eventId);
  expect(seqs).toEqual(Array.from({ length: seqBefore }, (_, i) => i + 1));
});
