import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { InterestLevel } from '../../shared/model.js';
import { readConfig } from '../config.js';
import { checkStoreFile } from '../testing/fault.js';
import { call, snapshotOf, startHarness, type ClientSocket, type Harness } from '../testing/harness.js';
import { backupDatabase, listBackups, startPeriodicBackups } from './backup.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.stop();
});
const start = async (options: Parameters<typeof startHarness>[0] = {}) => {
  const h = await startHarness(options);
  harnesses.push(h);
  return h;
};
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-backup-'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const key = () => randomUUID().replaceAll('-', '');

type Ack = { kind: 'checkin'; personId: string } | { kind: 'interest'; pair: string; level: InterestLevel | null };

/**
 * The door checks people in and firms tap, without pause, until stopped; every acknowledged
 * change is recorded in the order its answer came.
 */
async function keepWriting(h: Harness) {
  const organizer = await h.connectAs(h.person('organizer').url);
  const door = h.addFirms(400);
  const firmUrls = h.addFirms(6);
  const firms: { socket: ClientSocket; personId: string }[] = [];
  for (const url of firmUrls) {
    const socket = await h.connectAs(url);
    const viewer = (await snapshotOf(socket)).viewer;
    firms.push({ socket, personId: viewer.kind === 'person' ? viewer.personId : '' });
  }
  const snap = await snapshotOf(organizer);
  const ventures = snap.ventures.map((v) => v.id);
  const people = snap.people.filter((p) => p.role === 'firm' && !p.checkin).map((p) => p.id);
  expect(people.length).toBeGreaterThanOrEqual(door.length);
  const acked: Ack[] = [];
  let writing = true;
  const doorLoop = (async () => {
    for (const personId of people) {
      if (!writing) return;
      const answer = await call(organizer, 'checkin:person', { personId, station: 'A', key: key() });
      if (answer.ok) acked.push({ kind: 'checkin', personId });
      await sleep(1);
    }
  })();
  const tapLoops = firms.map(async ({ socket, personId }, i) => {
    for (let n = 0; writing; n++) {
      const ventureId = ventures[(i + n) % ventures.length]!;
      const level = (['interested', 'want-to-meet', null] as const)[(i + n) % 3]!;
      const answer = await call(socket, 'interest:set', { ventureId, level });
      if (answer.ok) acked.push({ kind: 'interest', pair: `${personId} ${ventureId}`, level });
      await sleep(110);
    }
  });
  return {
    acked,
    async untilAcked(n: number) {
      while (acked.length < n) await sleep(10);
    },
    async stop() {
      writing = false;
      await Promise.all([doorLoop, ...tapLoops]);
    },
  };
}

/** What a backup holds: its check-ins, its interests, and its change log. */
function readBackup(file: string, eventId: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      journalMode: db.pragma('journal_mode', { simple: true }),
      seq: db.prepare<[string], number>('SELECT seq FROM events WHERE id = ?').pluck().get(eventId)!,
      checkins: new Set(
        db.prepare<[string], string>('SELECT person_id FROM checkins WHERE event_id = ?').pluck().all(eventId),
      ),
      interests: new Map(
        db
          .prepare<[string], { person_id: string; venture_id: string; level: InterestLevel }>(
            'SELECT person_id, venture_id, level FROM interests WHERE event_id = ?',
          )
          .all(eventId)
          .map((r) => [`${r.person_id} ${r.venture_id}`, r.level]),
      ),
      changes: db
        .prepare<[string], { seq: number; kind: string; data: string }>(
          'SELECT seq, kind, data FROM changes WHERE event_id = ? ORDER BY seq',
        )
        .all(eventId),
    };
  } finally {
    db.close();
  }
}

/** Every change acknowledged before the backup started is in it (an interest may have moved on since, to a later acknowledged level). */
function expectAckedBefore(backup: ReturnType<typeof readBackup>, acked: readonly Ack[], before: number) {
  const checkins = acked.slice(0, before).filter((a) => a.kind === 'checkin');
  expect(checkins.length).toBeGreaterThan(0);
  for (const a of checkins) expect(backup.checkins.has(a.personId)).toBe(true);
  const lastBefore = new Map<string, number>();
  acked.slice(0, before).forEach((a, i) => a.kind === 'interest' && lastBefore.set(a.pair, i));
  expect(lastBefore.size).toBeGreaterThan(0);
  for (const [pair, index] of lastBefore) {
    const possible = acked.slice(index).flatMap((a) => (a.kind === 'interest' && a.pair === pair ? [a.level] : []));
    expect(possible).toContain(backup.interests.get(pair) ?? null);
  }
}

describe('online backup', () => {
  it('copies the store while the door and the phones keep writing: a sound file with every change acknowledged before it started', async () => {
    const h = await start();
    const dir = tempDir();
    const load = await keepWriting(h);
    await load.untilAcked(40);
    const ackedBefore = load.acked.length;
    const seqAtStart = h.store.eventSeq(h.eventId);
    // One page per step: the copy spans many turns of the event loop, and the writes go on between them.
    const result = await backupDatabase(h.store.db, dir, { keep: 5, pagesPerStep: 1 });
    const seqAtEnd = h.store.eventSeq(h.eventId);
    await load.stop();
    expect(seqAtEnd).toBeGreaterThan(seqAtStart);

    expect(path.basename(result.file)).toMatch(/^pitch-\d{8}-\d{6}\.db$/);
    expect(fs.readdirSync(dir)).toEqual([path.basename(result.file)]);
    const backup = readBackup(result.file, h.eventId);
    expect(backup.integrity).toBe('ok');
    // One self-contained file: nothing of it lives in a -wal beside it.
    expect(backup.journalMode).toBe('delete');
    // One moment of the store: not before the start, not after the end, and each table agrees with the log.
    expect(backup.seq).toBeGreaterThanOrEqual(seqAtStart);
    expect(backup.seq).toBeLessThanOrEqual(seqAtEnd);
    expect(checkStoreFile(result.file, h.eventId).failures).toEqual([]);
    const live = h.store.db
      .prepare<[string, number], { seq: number; kind: string; data: string }>(
        'SELECT seq, kind, data FROM changes WHERE event_id = ? AND seq <= ? ORDER BY seq',
      )
      .all(h.eventId, backup.seq);
    expect(backup.changes).toEqual(live);
    expectAckedBefore(backup, load.acked, ackedBefore);
  });

  it('npm run backup copies a running server’s file from another process, including what is still in the WAL', async () => {
    const h = await start();
    const dir = tempDir();
    const load = await keepWriting(h);
    await load.untilAcked(30);
    // The changes are in the WAL, not yet in the database file: a plain file copy would miss them.
    expect(fs.statSync(`${h.dbFile}-wal`).size).toBeGreaterThan(0);
    const ackedBefore = load.acked.length;
    const cli = await runCli([dir], { PITCH_DB: h.dbFile });
    await load.stop();
    expect(cli.code, cli.output).toBe(0);
    const file = /→ (\S+\.db) \(/.exec(cli.output)?.[1];
    expect(file && path.dirname(file)).toBe(dir);
    expect(cli.output).toContain('integrity ok');
    const backup = readBackup(file!, h.eventId);
    expect(backup.integrity).toBe('ok');
    expect(checkStoreFile(file!, h.eventId).failures).toEqual([]);
    expectAckedBefore(backup, load.acked, ackedBefore);
  });

  it('npm run backup says so when PITCH_DB names no database', async () => {
    const missing = path.join(tempDir(), 'nothing-here.db');
    const cli = await runCli([], { PITCH_DB: missing });
    expect(cli.code).toBe(1);
    expect(cli.output).toContain(`There is no database at ${missing}. Set PITCH_DB to the file the server uses.`);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('keeps the newest N, keeps two taken in one second apart, and clears only stale temporary files', async () => {
    const h = await start();
    const dir = tempDir();
    const stale = path.join(dir, 'pitch-20200101-000000.db.tmp');
    const inProgress = path.join(dir, 'pitch-20200101-000001.db.tmp');
    fs.writeFileSync(stale, 'left by a backup that died');
    fs.writeFileSync(inProgress, 'another backup writing now');
    const hourAndMore = (Date.now() - 2 * 3600_000) / 1000;
    fs.utimesSync(stale, hourAndMore, hourAndMore);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a backup');
    for (const at of ['12:00:00', '12:00:00', '12:00:01', '12:00:02', '12:00:03']) {
      await backupDatabase(h.store.db, dir, { keep: 4, now: () => new Date(`2026-11-25T${at}`) });
    }
    expect(listBackups(dir).map((f) => path.basename(f))).toEqual([
      'pitch-20261125-120000-1.db',
      'pitch-20261125-120001.db',
      'pitch-20261125-120002.db',
      'pitch-20261125-120003.db',
    ]);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(inProgress)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'notes.txt'))).toBe(true);
    await expect(backupDatabase(h.store.db, dir, { keep: 0 })).rejects.toThrow('Keep at least one backup.');
  });

  it('backs up on a timer when something was written since the last one, logs a failure and carries on, and stops cleanly', async () => {
    const h = await start();
    const dir = tempDir();
    const firm = await h.connectAs(h.person('firm').url);
    const ventureId = (await snapshotOf(firm)).ventures[0]!.id;
    const lines: string[] = [];
    const made = () => lines.filter((l) => l.startsWith('Backup ')).length;
    // Every 120 ms.
    const timer = startPeriodicBackups(h.store.db, { dir, everyMinutes: 0.002, keep: 2 }, (m) => lines.push(m));
    while (made() < 1) await sleep(20);
    // Nothing written: no copy of the same store.
    await sleep(600);
    expect(made()).toBe(1);
    for (const level of ['interested', 'want-to-meet'] as const) {
      const before = made();
      expect(await call(firm, 'interest:set', { ventureId, level })).toMatchObject({ ok: true });
      while (made() === before) await sleep(20);
    }
    await timer.stop();
    await call(firm, 'interest:set', { ventureId, level: null });
    await sleep(400);
    expect(made()).toBe(3);
    expect(listBackups(dir)).toHaveLength(2);
    const newest = readBackup(listBackups(dir).at(-1)!, h.eventId);
    expect([...newest.interests.values()]).toEqual(['want-to-meet']);

    // A folder that cannot be made (a file is in the way): logged, and the timer keeps trying.
    const blocked = path.join(tempDir(), 'file');
    fs.writeFileSync(blocked, '');
    const failures: string[] = [];
    const failing = startPeriodicBackups(
      h.store.db,
      { dir: path.join(blocked, 'backups'), everyMinutes: 0.002, keep: 2 },
      (m) => failures.push(m),
    );
    while (failures.length < 2) await sleep(20);
    await failing.stop();
    expect(failures[0]).toMatch(/^Backup to .* failed \(バックアップに失敗しました\)$/);
  });

  it('restores as the README says: the copy over PITCH_DB, -wal and -shm removed, the same secret; old badges still sign in', async () => {
    const first = await start();
    const dir = tempDir();
    const firmLink = first.person('firm');
    const firm = await first.connectAs(firmLink.url);
    const ventureId = (await snapshotOf(firm)).ventures[0]!.id;
    expect(await call(firm, 'interest:set', { ventureId, level: 'want-to-meet' })).toMatchObject({ ok: true });
    const { file } = await backupDatabase(first.store.db, dir, { keep: 3 });
    const seqOfBackup = first.store.eventSeq(first.eventId);
    // After the backup: lost with the restore.
    expect(await call(firm, 'interest:set', { ventureId, level: 'interested' })).toMatchObject({ ok: true });
    await first.stop();
    harnesses.splice(harnesses.indexOf(first), 1);

    fs.copyFileSync(file, first.dbFile);
    fs.rmSync(`${first.dbFile}-wal`, { force: true });
    fs.rmSync(`${first.dbFile}-shm`, { force: true });
    const second = await start({ dbFile: first.dbFile, secret: first.secret });
    expect(second.store.eventSeq(second.eventId)).toBe(seqOfBackup);
    const again = await second.connectAs(firmLink.url.replace(first.baseUrl, second.baseUrl));
    expect((await snapshotOf(again)).myInterests).toMatchObject([{ ventureId, level: 'want-to-meet' }]);
    expect(second.store.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});

describe('backup settings', () => {
  it('reads the folder, the interval and how many to keep, and refuses what is not a positive number', () => {
    expect(readConfig({}).backup).toBeUndefined();
    expect(readConfig({ PITCH_BACKUP_DIR: 'backups' }).backup).toEqual({
      dir: path.resolve('backups'),
      everyMinutes: 5,
      keep: 24,
    });
    expect(
      readConfig({ PITCH_BACKUP_DIR: '/srv/b', PITCH_BACKUP_MINUTES: '0.5', PITCH_BACKUP_KEEP: '10' }).backup,
    ).toEqual({ dir: '/srv/b', everyMinutes: 0.5, keep: 10 });
    expect(() => readConfig({ PITCH_BACKUP_DIR: '/srv/b', PITCH_BACKUP_MINUTES: '0' })).toThrow(
      'PITCH_BACKUP_MINUTES must be a positive number, not "0".',
    );
    expect(() => readConfig({ PITCH_BACKUP_DIR: '/srv/b', PITCH_BACKUP_MINUTES: 'often' })).toThrow(
      'PITCH_BACKUP_MINUTES must be a positive number, not "often".',
    );
    expect(() => readConfig({ PITCH_BACKUP_DIR: '/srv/b', PITCH_BACKUP_KEEP: '2.5' })).toThrow(
      'PITCH_BACKUP_KEEP must be a positive whole number, not "2.5".',
    );
  });
});

/** `npm run backup` from the sources (tsx), as another process than the server. */
function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    delete childEnv.NODE_OPTIONS;
    delete childEnv.PITCH_BACKUP_DIR;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli-backup.ts', ...args], {
      cwd: root,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}
