/**
 * `npm run backup [-- FOLDER]`: a consistent copy of the store, safe while the server runs. It goes
 * through SQLite (WAL included), never a plain file copy, which would miss what is still in the WAL.
 * Folder: the argument, else PITCH_BACKUP_DIR, else `backups/` beside the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readConfigOrExit } from './config.js';
import { backupDatabase, formatSize } from './store/backup.js';

const args = process.argv.slice(2);
if (args.length > 1 || args[0]?.startsWith('-')) {
  console.error('Usage: npm run backup [-- FOLDER]   (the database is PITCH_DB, as for the server)');
  process.exit(2);
}
const config = readConfigOrExit();
const dir = path.resolve(args[0] ?? config.backup?.dir ?? path.join(path.dirname(config.dbFile), 'backups'));
if (!fs.existsSync(config.dbFile)) {
  console.error(`There is no database at ${config.dbFile}. Set PITCH_DB to the file the server uses.`);
  process.exit(1);
}

// Not openDb: a backup must not migrate or otherwise change the file it copies.
const db = new Database(config.dbFile, { fileMustExist: true });
try {
  db.pragma('busy_timeout = 5000');
  // The server writes from another process: a copy in steps would restart at each of its writes.
  const result = await backupDatabase(db, dir, { keep: config.backup?.keep ?? 24, pagesPerStep: 'all', check: true });
  console.log(
    `Backed up ${config.dbFile}\n       → ${result.file} (${formatSize(result.bytes)}, ${result.ms} ms, integrity ok)`,
  );
} catch (error) {
  console.error(`The backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  db.close();
}
