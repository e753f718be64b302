/**
 * Restores an event export (the console's "JSON export") into the store: `npm run restore -- FILE`.
 * Meant for a fresh instance after a lost laptop; with the same PITCH_SECRET (or key file) the old
 * badges keep working. Refuses, storing nothing, when the file is not a valid export or the event
 * is already there.
 */
import fs from 'node:fs';
import { loadSecret } from './auth/secret.js';
import { addressOf, readConfigOrExit } from './config.js';
import { eventLinks } from './links.js';
import { ArchiveError, importEvent } from './store/archive.js';
import { openDb } from './store/db.js';
import { Store } from './store/store.js';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run restore -- EXPORT.json   (the file from the console’s “JSON export”)');
  process.exit(2);
}
const config = readConfigOrExit();
const store = new Store(openDb(config.dbFile));
try {
  const restored = importEvent(store, JSON.parse(fs.readFileSync(file, 'utf8')) as unknown);
  const secret = loadSecret(config.dbFile, config.secretHex);
  const links = eventLinks(store, secret, restored.eventId, addressOf(config).origin);
  console.log(`Restored “${restored.name}” (${restored.rows} rows) into ${config.dbFile}.`);
  for (const p of links.people.filter((x) => x.role === 'organizer')) console.log(`  organizer ${p.name}: ${p.url}`);
} catch (error) {
  const message = error instanceof ArchiveError || error instanceof SyntaxError ? error.message : String(error);
  console.error(`Nothing was restored: ${message}`);
  process.exitCode = 1;
} finally {
  store.db.close();
}
