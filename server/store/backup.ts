/**
 * Online backups while the event runs. SQLite's backup API copies the database page by page
 * through a connection (so what is still in the WAL is included) while writes go on; the copy is
 * the database at one moment. Each copy is written under a temporary name, flushed to disk and
 * renamed into place, so a backup folder never shows a half-written file under a backup's name.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './db.js';
import { statementsOf } from './statements.js';

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
}

export interface BackupOptions {
  /** Backups kept in the folder, newest first; older ones are deleted. */
  keep: number;
  now?: () => Date;
  /**
   * Pages copied per step. Between steps the event loop runs, so the server keeps answering;
   * writes through the same connection reach the copy. Another process's writes restart a
   * stepped copy, so a separate process copies everything in one step (`'all'`).
   */
  pagesPerStep?: number | 'all';
  /** Run PRAGMA integrity_check on the copy before it gets its name (reads the whole copy). */
  check?: boolean;
}

const NAME = /^pitch-(\d{8}-\d{6})(?:-(\d+))?\.db$/;
const TMP = /^pitch-\d{8}-\d{6}(?:-\d+)?\.db\.tmp$/;
/** A temporary file this old was left by a backup that died; nothing is still writing it. */
const STALE_TMP_MS = 3600_000;

/** `pitch-YYYYMMDD-HHMMSS.db` in this machine's local time, the clock the operator reads. */
export function backupName(at: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${p(at.getFullYear(), 4)}${p(at.getMonth() + 1)}${p(at.getDate())}`;
  return `pitch-${stamp}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}.db`;
}

/** The backups in a folder, oldest first. */
export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const order = (name: string) => {
    const m = NAME.exec(name)!;
    return [m[1]!, Number(m[2] ?? 0)] as const;
  };
  return fs
    .readdirSync(dir)
    .filter((name) => NAME.test(name))
    .sort((a, b) => {
      const [sa, na] = order(a);
      const [sb, nb] = order(b);
      return sa < sb ? -1 : sa > sb ? 1 : na - nb;
    })
    .map((name) => path.join(dir, name));
}

export async function backupDatabase(db: Db, dir: string, options: BackupOptions): Promise<BackupResult> {
  if (!Number.isInteger(options.keep) || options.keep < 1) throw new Error('Keep at least one backup.');
  const started = performance.now();
  fs.mkdirSync(dir, { recursive: true });
  const file = freeName(dir, backupName((options.now ?? (() => new Date()))()));
  const tmp = `${file}.tmp`;
  fs.rmSync(tmp, { force: true });
  const step = options.pagesPerStep ?? 100;
  try {
    await db.backup(tmp, { progress: () => (step === 'all' ? 0x7fffffff : step) });
    seal(tmp, options.check ?? false);
    fs.renameSync(tmp, file);
    syncDir(dir);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  prune(dir, options.keep);
  return { file, bytes: fs.statSync(file).size, ms: Math.round(performance.now() - started) };
}

/** The periodic backups running for a connection, by what replaces them (see `replaceBackups`). */
const replacers = new WeakMap<Db, () => Promise<void>>();

/**
 * After an erasure or a retention purge (issue 19): a fresh backup of the store, then every older
 * backup in the app's backup folder deleted, so no backup made before still holds the erased data.
 * A failed backup deletes nothing (the old ones stay the only copies) and is logged. Nothing to do
 * when the server makes no backups (PITCH_BACKUP_DIR unset).
 */
export async function replaceBackups(db: Db): Promise<void> {
  await replacers.get(db)?.();
}

/**
 * Backs up at once and then every `everyMinutes`; a failure is logged and the next one tried. A
 * store with no write since the last backup is not copied again, so a quiet evening does not push
 * the afternoon's backups out of the folder.
 */
export function startPeriodicBackups(
  db: Db,
  settings: { dir: string; everyMinutes: number; keep: number },
  log: (message: string, detail?: unknown) => void,
): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let backedUpAt: number | null = null;
  // Rows written through this connection so far; the server writes through no other.
  const written = statementsOf(db).pluck<[], number>('SELECT total_changes()');
  const once = () => {
    // A backup slower than the interval is not stacked on itself.
    if (running) return;
    const changes = written.get()!;
    if (changes === backedUpAt) return;
    running = backupDatabase(db, settings.dir, { keep: settings.keep })
      .then(
        (r) => {
          backedUpAt = changes;
          log(`Backup ${r.file} (${formatSize(r.bytes)}, ${r.ms} ms)`);
        },
        (error: unknown) => log(`Backup to ${settings.dir} failed (バックアップに失敗しました)`, error),
      )
      .finally(() => {
        running = null;
      });
  };
  const replace = async () => {
    // A copy started before the erasure still holds the erased rows: it finishes, then is replaced.
    while (running) await running;
    const changes = written.get()!;
    running = backupDatabase(db, settings.dir, { keep: 1 })
      .then(
        (r) => {
          backedUpAt = changes;
          log(`Backup ${r.file} replaces the earlier backups (personal data erased)`);
        },
        (error: unknown) =>
          log(`Backup to ${settings.dir} after an erasure failed (バックアップに失敗しました)`, error),
      )
      .finally(() => {
        running = null;
      });
    await running;
  };
  replacers.set(db, replace);
  once();
  const timer = setInterval(once, settings.everyMinutes * 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      if (replacers.get(db) === replace) replacers.delete(db);
      await running;
    },
  };
}

export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Two backups in one second (the timer and `npm run backup`) keep both. */
function freeName(dir: string, name: string): string {
  let candidate = path.join(dir, name);
  for (let n = 1; fs.existsSync(candidate) || fs.existsSync(`${candidate}.tmp`); n++) {
    candidate = path.join(dir, name.replace(/\.db$/, `-${n}.db`));
  }
  return candidate;
}

/**
 * A copy of a WAL database says "WAL" in its header; a rollback journal makes the backup one
 * self-contained file (the server switches it back to WAL when it opens it after a restore).
 */
function seal(tmp: string, check: boolean): void {
  const copy = new Database(tmp, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    if (check) {
      const result = copy.pragma('integrity_check', { simple: true });
      if (result !== 'ok') throw new Error(`The backup copy failed its integrity check: ${String(result)}`);
    }
  } finally {
    copy.close();
  }
  const fd = fs.openSync(tmp, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The rename itself is durable only once the folder is flushed. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems cannot flush a folder; the file itself is on disk already.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function prune(dir: string, keep: number): void {
  const backups = listBackups(dir);
  for (const file of backups.slice(0, Math.max(0, backups.length - keep))) fs.rmSync(file, { force: true });
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    if (!TMP.test(name)) continue;
    const file = path.join(dir, name);
    // Another process may be pruning the same folder at the same moment.
    const mtime = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? now;
    if (now - mtime > STALE_TMP_MS) fs.rmSync(file, { force: true });
  }
}
