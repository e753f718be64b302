import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens (creating if need be) the SQLite file in WAL mode and brings its schema up to date.
 * synchronous=FULL: a commit is on disk before we acknowledge it, even across a power cut.
 */
export function openDb(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  setDurability(db);
  migrate(db);
  return db;
}

/**
 * The connection's settings: WAL, a commit on disk before it returns, foreign keys, a wait for the
 * lock. The bench's bare stack opens its file with the same, so only what the app adds differs.
 */
export function setDurability(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten with zeros, not left in free pages: an erased person's name must
  // not stay readable in the file (issue 19).
  db.pragma('secure_delete = ON');
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database file is from a newer version of this app (schema ${current}, this app knows ${MIGRATIONS.length}). Upgrade the app.`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
