/**
 * The door that decides offline, as the server sees it (issue 15): stations send up check-ins they
 * made without the network, with their age and what they showed; the earlier check-in wins, a person
 * let in at two stations is listed for the organizers, counts stay one per person, and a restart
 * keeps it all. Organizers' people carry badge checks (current and revoked); no one else's do.
 * Real sockets, real SQLite, and a real server process killed with SIGKILL.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { badgeCheck } from '../../shared/badge-check.js';
import { ErrorCode } from '../../shared/errors.js';
import type { DoorDouble, PersonSummary } from '../../shared/model.js';
import { eventLinks } from '../links.js';
import { seedDemoEvent } from '../seed/demo.js';
import { openDb } from '../store/db.js';
import { Store } from '../store/store.js';
import {
  call,
  callRaw,
  nextFact,
  openSocket,
  record,
  signIn,
  snapshotOf,
  startHarness,
  tempDbFile,
  type ClientSocket,
  type Harness,
} from '../testing/harness.js';
import { freePort, serverEnv, SERVER_ENTRY, startServer, type Running } from '../testing/process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const key = () => randomUUID().replaceAll('-', '');

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Waits for something a flush or a socket brings, a few seconds at most. */
async function until(condition: () => boolean, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('waited in vain');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function doubles(baseUrl: string, cookie: string): Promise<DoorDouble[]> {
  const res = await fetch(`${baseUrl}/api/door/doubles`, { headers: { cookie } });
  const body = (await res.json()) as { ok: boolean; data: { doubles: DoorDouble[] } };
  expect(body.ok).toBe(true);
  return body.data.doubles;
}

/** Two stations, each of which let the same person in while offline: A two minutes ago, B 30 s ago. */
async function scanAtTwoStationsOffline(a: ClientSocket, b: ClientSocket, badgeUrl: string) {
  const keyA = key();
  // B's queue empties first: the server sees the later check-in before the earlier one.
  const fromB = await call(b, 'checkin:scan', {
    text: badgeUrl,
    station: 'B',
    key: key(),
    ageMs: 30_000,
    local: 'checked-in',
  });
  const sentA = { text: badgeUrl, station: 'A', key: keyA, ageMs: 120_000, local: 'checked-in' as const };
  const fromA = await call(a, 'checkin:scan', sentA);
  return { fromA, fromB, resendA: () => call(a, 'checkin:scan', sentA) };
}

describe('offline check-ins reconcile', () => {
  it('two stations let the same person in offline: one check-in, at the earlier time and station, and one double listed', async () => {
    h = await startHarness();
    const organizer = h.person('organizer');
    const cookie = await h.signIn(organizer.url);
    const [a, b, console_] = await Promise.all([
      h.connectAs(organizer.url),
      h.connectAs(organizer.url),
      h.connectAs(organizer.url),
    ]);
    const board = await h.connectBoard();
    const guest = h.person('firm', 1);
    const peopleFacts = record(console_, 'people:changed');
    const boardStats = record(board, 'stats:changed');

    const started = Date.now();
    const { fromA, fromB, resendA } = await scanAtTwoStationsOffline(a, b, guest.url);
    const ended = Date.now();
    if (!fromA.ok || !fromB.ok) throw new Error('both scans are answered');
    expect(fromB.data).toMatchObject({ outcome: 'checked-in', checkin: { station: 'B', method: 'qr' } });
    expect(fromB.data.checkin.at).toBeGreaterThanOrEqual(started - 30_000);
    expect(fromB.data.checkin.at).toBeLessThanOrEqual(ended - 30_000);
    // A's, two minutes old, is earlier: it takes B's place.
    expect(fromA.data).toMatchObject({ outcome: 'checked-in', checkin: { station: 'A', method: 'qr' } });
    expect(fromA.data.checkin.at).toBeGreaterThanOrEqual(started - 120_000);
    expect(fromA.data.checkin.at).toBeLessThanOrEqual(ended - 120_000);
    expect(fromA.data.person.checkin).toEqual(fromA.data.checkin);

    // The same key sent again is answered the same way, and writes nothing.
    const seq = h.store.eventSeq(h.eventId);
    expect(await resendA()).toEqual(fromA);
    expect(h.store.eventSeq(h.eventId)).toBe(seq);

    // Every console hears the new time; the board counts the person once.
    await until(() => peopleFacts.some((f) => f.people.some((p) => p.checkin?.station === 'A')));
    expect(peopleFacts.at(-1)!.people).toMatchObject([{ name: guest.name, checkin: fromA.data.checkin }]);
    h.app.flush();
    await until(() => boardStats.length > 0);
    expect(boardStats.map((f) => f.stats.checkedIn)).toEqual(boardStats.map(() => 1));
    expect(h.store.db.prepare('SELECT COUNT(*) FROM checkins').pluck().get()).toBe(1);
    const snap = await snapshotOf(console_);
    expect(snap.stats?.checkedIn).toBe(1);
    expect(snap.people.find((p) => p.name === guest.name)?.checkin).toEqual(fromA.data.checkin);

    // The organizers' list: kept at A, the other at B.
    expect(await doubles(h.baseUrl, cookie)).toEqual([
      {
        personId: fromA.data.person.id,
        name: guest.name,
        orgName: guest.org,
        kept: fromA.data.checkin,
        other: { station: 'B', at: fromB.data.checkin.at },
      },
    ]);
  });

  it('lists a double in the other order too, and none for a station that showed "already" or a rescan at the same station', async () => {
    h = await startHarness();
    const organizer = h.person('organizer');
    const cookie = await h.signIn(organizer.url);
    const a = await h.connectAs(organizer.url);
    const [first, second] = [h.person('venture', 0), h.person('venture', 1)];

    // A (online) checked the first in; B, offline, let them in a minute later on its own.
    const online = await call(a, 'checkin:scan', { text: first.url, station: 'A', key: key() });
    const late = await call(a, 'checkin:scan', {
      text: first.url,
      station: 'B',
      key: key(),
      ageMs: 0,
      local: 'checked-in',
    });
    expect(late).toMatchObject({ ok: true, data: { outcome: 'already', checkin: { station: 'A' } } });
    // The second: B showed "already" (it knew), then A rescanned on its own.
    await call(a, 'checkin:scan', { text: second.url, station: 'A', key: key() });
    for (const [station, local] of [
      ['B', 'already'],
      ['A', 'checked-in'],
    ] as const) {
      expect(await call(a, 'checkin:scan', { text: second.url, station, key: key(), ageMs: 0, local })).toMatchObject({
        ok: true,
        data: { outcome: 'already' },
      });
    }
    const listed = await doubles(h.baseUrl, cookie);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ name: first.name, kept: { station: 'A' }, other: { station: 'B' } });
    expect(online.ok && listed[0]!.kept.at).toBe(online.ok && online.data.checkin.at);
    expect(h.store.stats(h.eventId).checkedIn).toBe(2);

    // Undone, the person is not in: nothing to list. Checked in again, the double shows beside the new check-in.
    const personId = listed[0]!.personId;
    expect(await call(a, 'checkin:undo', { personId })).toMatchObject({ ok: true });
    expect(await doubles(h.baseUrl, cookie)).toEqual([]);
    const again = await call(a, 'checkin:person', { personId, station: 'C', key: key() });
    if (!again.ok) throw new Error(again.error.message);
    expect(await doubles(h.baseUrl, cookie)).toEqual([{ ...listed[0], kept: again.data.checkin }]);
  });

  it('never re-dates or takes over an arrival for a request that let no one in itself, whatever age it claims', async () => {
    h = await startHarness();
    const organizer = h.person('organizer');
    const a = await h.connectAs(organizer.url);
    const guest = h.person('venture', 0);
    const first = await call(a, 'checkin:scan', { text: guest.url, station: '本部', key: key() });
    if (!first.ok) throw new Error(first.error.message);
    for (const local of [undefined, 'already'] as const) {
      const aged = await call(a, 'checkin:scan', {
        text: guest.url,
        station: '受付Z',
        key: key(),
        ageMs: 86_400_000,
        ...(local ? { local } : {}),
      });
      expect(aged).toMatchObject({ ok: true, data: { outcome: 'already', checkin: first.data.checkin } });
    }
    expect(h.store.getCheckin(first.data.person.id)).toEqual(first.data.checkin);
  });

  it('refuses an age that is negative, over a day, not whole, or not a number, with a code, and changes nothing', async () => {
    h = await startHarness();
    const station = await h.connectAs(h.person('organizer').url);
    const guest = h.person('firm', 0);
    const personId = (await snapshotOf(station)).people.find((p) => p.name === guest.name)!.id;
    const seq = h.store.eventSeq(h.eventId);
    for (const ageMs of [-1, 86_400_001, 1.5, '1000', null, Number.MAX_SAFE_INTEGER * 2]) {
      for (const [event, payload] of [
        ['checkin:scan', { text: guest.url, station: 'A', key: key(), ageMs }],
        ['checkin:person', { personId, station: 'A', key: key(), ageMs }],
      ] as const) {
        expect(await callRaw(station, event, payload), `${event} ${String(ageMs)}`).toMatchObject({
          ok: false,
          error: { code: ErrorCode.BadRequest, reason: 'validation' },
        });
      }
    }
    expect(
      await callRaw(station, 'checkin:scan', { text: guest.url, station: 'A', key: key(), local: 'maybe' }),
    ).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(h.store.eventSeq(h.eventId)).toBe(seq);
    expect(h.store.stats(h.eventId).checkedIn).toBe(0);
    expect(h.store.db.prepare('SELECT COUNT(*) FROM checkin_doubles').pluck().get()).toBe(0);
    // A day exactly is still a day.
    expect(
      await call(station, 'checkin:person', { personId, station: 'A', key: key(), ageMs: 86_400_000 }),
    ).toMatchObject({ ok: true, data: { outcome: 'checked-in' } });
  });
});

describe('badge checks', () => {
  it('organizers’ people carry each badge’s check; a reissue publishes the new one and the revoked one', async () => {
    h = await startHarness();
    const organizer = await h.connectAs(h.person('organizer').url);
    const guest = h.person('firm', 2);
    const before = await snapshotOf(organizer);
    const person = before.people.find((p) => p.name === guest.name)!;
    const token = (url: string) => url.split('/t/')[1]!;
    expect(person.badge).toBe(badgeCheck(token(guest.url)));
    expect(person.revokedBadges).toBeUndefined();
    // Every person has a check, and no two are the same.
    expect(new Set(before.people.map((p) => p.badge)).size).toBe(before.people.length);

    const fact = nextFact(organizer, 'people:changed');
    const reissued = await call(organizer, 'badge:reissue', { personId: person.id, key: key() });
    if (!reissued.ok) throw new Error(reissued.error.message);
    const expected: Partial<PersonSummary> = {
      badge: badgeCheck(token(reissued.data.badgeUrl)),
      revokedBadges: [badgeCheck(token(guest.url))],
    };
    expect(reissued.data.person).toMatchObject(expected);
    expect((await fact).people).toMatchObject([expected]);
    const again = await call(organizer, 'badge:reissue', { personId: person.id });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.data.person.revokedBadges).toEqual([
      badgeCheck(token(guest.url)),
      badgeCheck(token(reissued.data.badgeUrl)),
    ]);
    expect((await snapshotOf(organizer)).people.find((p) => p.id === person.id)).toMatchObject(again.data.person);

    // Online, the old badge is refused with its owner's name, as a station says it offline.
    expect(await call(organizer, 'checkin:scan', { text: guest.url, station: 'A', key: key() })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.BadgeRevoked, reason: 'badge-revoked', params: { name: guest.name } },
    });
  });

  it('a revoked badge’s check survives a restart of the process (SIGKILL)', async () => {
    const setup = await killableServer();
    try {
      const organizer = await setup.connectOrganizer();
      const guest = setup.links.people.find((p) => p.role === 'partner')!;
      const personId = (await snapshotOf(organizer)).people.find((p) => p.name === guest.name)!.id;
      expect(await call(organizer, 'badge:reissue', { personId, key: key() })).toMatchObject({ ok: true });
      organizer.disconnect();
      await setup.kill();
      const after = await snapshotOf(await setup.connectOrganizer());
      expect(after.people.find((p) => p.id === personId)?.revokedBadges).toEqual([
        badgeCheck(guest.url.split('/t/')[1]!),
      ]);
    } finally {
      await setup.stop();
    }
  }, 90_000);

  it('a firm’s, a venture’s and the board’s snapshots carry no badge check, and they hear no people facts', async () => {
    h = await startHarness();
    const organizer = await h.connectAs(h.person('organizer').url);
    const firm = await h.connectAs(h.person('firm', 0).url);
    const venture = await h.connectAs(h.person('venture', 0).url);
    const board = await h.connectBoard();
    const heard = [firm, venture, board].map((s) => record(s, 'people:changed'));
    for (const socket of [firm, venture, board]) {
      const snap = await snapshotOf(socket);
      expect(snap.people).toEqual([]);
      expect(JSON.stringify(snap)).not.toMatch(/"badge"|revokedBadges/);
    }
    // Someone else's badge: a reissue ends the sessions of the person whose badge it was.
    const guest = (await snapshotOf(organizer)).people.find((p) => p.name === h!.person('firm', 3).name)!;
    const organizerHeard = record(organizer, 'people:changed');
    await call(organizer, 'badge:reissue', { personId: guest.id });
    await call(organizer, 'checkin:person', { personId: guest.id, station: 'A', key: key() });
    // The organizer's own fact arrives; by then the others would have had theirs.
    await until(() => organizerHeard.some((f) => f.people.some((p) => p.checkin)));
    await Promise.all([firm, venture, board].map((s) => snapshotOf(s)));
    expect(heard.flat()).toEqual([]);
  });
});

describe('a restart', () => {
  it('keeps the earlier check-in and the double through a SIGKILL', async () => {
    const setup = await killableServer();
    try {
      const [a, b] = [await setup.connectOrganizer(), await setup.connectOrganizer()];
      const guest = setup.links.people.find((p) => p.role === 'venture')!;
      const { fromA } = await scanAtTwoStationsOffline(a, b, guest.url);
      if (!fromA.ok) throw new Error(fromA.error.message);
      const listed = await doubles(setup.baseUrl, setup.cookie);
      expect(listed).toHaveLength(1);
      a.disconnect();
      b.disconnect();
      await setup.kill();

      expect(await doubles(setup.baseUrl, setup.cookie)).toEqual(listed);
      const snap = await snapshotOf(await setup.connectOrganizer());
      expect(snap.stats?.checkedIn).toBe(1);
      expect(snap.people.find((p) => p.id === fromA.data.person.id)?.checkin).toEqual(fromA.data.checkin);
    } finally {
      await setup.stop();
    }
  }, 90_000);
});

/** The real server in a child process over a seeded store, which `kill` ends with SIGKILL and starts again. */
async function killableServer() {
  const { dir, dbFile } = tempDbFile();
  const secret = randomBytes(32);
  const seeding = new Store(openDb(dbFile));
  const eventId = seedDemoEvent(seeding, { now: Date.now(), newId: randomUUID, size: 'small' });
  seeding.db.close();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const start = () =>
    startServer({
      port,
      env: serverEnv({ port, dbFile, secretHex: secret.toString('hex') }, { PITCH_SEED_DEMO: '0' }),
      cwd: root,
      args: SERVER_ENTRY.tsx,
      timeoutMs: 30_000,
    });
  const reading = new Store(openDb(dbFile));
  const links = eventLinks(reading, secret, eventId, baseUrl);
  reading.db.close();
  let server: Running = await start();
  const organizerUrl = links.people.find((p) => p.role === 'organizer')!.url;
  const cookie = await signIn(organizerUrl);
  const sockets: ClientSocket[] = [];
  return {
    dir,
    baseUrl,
    links,
    cookie,
    connectOrganizer: () => openSocket(baseUrl, { cookie }, sockets),
    async kill() {
      server.child.kill('SIGKILL');
      await server.exited;
      server = await start();
    },
    async stop() {
      for (const s of sockets) s.disconnect();
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
