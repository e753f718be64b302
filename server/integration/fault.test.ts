import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { checkStoreFile, runFaultDrill } from '../testing/fault.js';
import { call, snapshotOf, startHarness } from '../testing/harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// The real server in a child process (from the sources, no build), killed with SIGKILL mid-load.
it('keeps every acknowledged change through two SIGKILLs mid-load, with nothing half-written', async () => {
  const seed = Math.floor(Math.random() * 2 ** 31);
  const reports = await runFaultDrill({
    root,
    runner: 'tsx',
    rounds: 2,
    extraFirms: 40,
    extraVentures: 2,
    tappers: 8,
    killWithinMs: 600,
    seed,
  });
  expect(reports.flatMap((r) => r.failures.map((f) => `round ${r.round} (seed ${seed}): ${f}`))).toEqual([]);
  for (const r of reports) {
    // The kill came mid-load: a little of everything had been answered, and the checks had something to check.
    expect(r.acked.checkins).toBeGreaterThanOrEqual(3);
    expect(r.acked.interests).toBeGreaterThanOrEqual(3);
    expect(r.acked.meetings + r.acked.bookings).toBeGreaterThanOrEqual(2);
    expect(r.checked.replays).toBeGreaterThan(0);
  }
  expect(reports.at(-1)!.checked.meetings).toBeGreaterThanOrEqual(4);
}, 90_000);

it('the drill’s store checks catch a half-written store', async () => {
  const h = await startHarness();
  const organizer = await h.connectAs(h.person('organizer').url);
  const firm = await h.connectAs(h.person('firm').url);
  const snap = await snapshotOf(organizer);
  const guest = snap.people.find((p) => p.role === 'firm')!;
  const venture = snap.ventures[0]!;
  const key = () => randomUUID().replaceAll('-', '');
  expect(await call(organizer, 'checkin:person', { personId: guest.id, station: 'A', key: key() })).toMatchObject({
    ok: true,
  });
  expect(await call(firm, 'interest:set', { ventureId: venture.id, level: 'want-to-meet' })).toMatchObject({
    ok: true,
  });
  const booked = await call(organizer, 'meeting:book', {
    guestOrgId: guest.orgId!,
    ventureOrgId: venture.id,
    slotStart: snap.grid!.slots[0]!.start,
    table: snap.grid!.settings.tables[0]!,
    key: key(),
  });
  expect(booked).toMatchObject({ ok: true });
  await h.stop();
  expect(checkStoreFile(h.dbFile, h.eventId).failures).toEqual([]);

  // A meeting whose log row is gone, an interest changed behind the log's back, a check-in with no log row.
  const db = new Database(h.dbFile);
  db.prepare("DELETE FROM changes WHERE kind = 'meeting:booked'").run();
  db.prepare("UPDATE interests SET level = 'interested'").run();
  const other = snap.people.filter((p) => p.role === 'firm')[1]!;
  db.prepare("INSERT INTO checkins (event_id, person_id, at, station, method) VALUES (?, ?, 0, 'A', 'search')").run(
    h.eventId,
    other.id,
  );
  db.close();
  const found = checkStoreFile(h.dbFile, h.eventId).failures.map((f) => f.replace(/ \(\d+\):.*/, ''));
  expect(found).toEqual([
    'change-log gaps',
    'check-ins without their change-log row',
    'interests that disagree with the change log',
    'meetings without their change-log row',
  ]);
});
