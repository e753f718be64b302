/**
 * Prints every sign-in link, board link and reception (door staff) link of every event:
 * `npm run links` (add --json for machines).
 */
import os from 'node:os';
import { doorLinkUrl } from './auth/door.js';
import { loadSecret } from './auth/secret.js';
import { addressOf, readConfigOrExit } from './config.js';
import { addressNotes, lanAddresses } from './public-address.js';
import { eventLinks } from './links.js';
import { openDb } from './store/db.js';
import { Store } from './store/store.js';

const config = readConfigOrExit();
const store = new Store(openDb(config.dbFile));
const secret = loadSecret(config.dbFile, config.secretHex);
const address = addressOf(config);
const all = store.listEvents().map((event) => ({
  ...eventLinks(store, secret, event.id, address.origin),
  // The stations' reception links in force (revoked ones open nothing).
  stations: store.records.doorLinks
    .active(event.id)
    .map((l) => ({ station: l.station, url: doorLinkUrl(secret, address.origin, l.nonce) })),
}));
// On stderr, so `--json` output stays machine-readable: links no phone can open are worse than none.
const notes = addressNotes(address, {
  port: config.port,
  trustProxy: config.trustProxy,
  lan: lanAddresses(os.networkInterfaces()),
});
if (notes.length) console.error(`${notes.join('\n')}\n`);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(all, null, 2));
} else {
  for (const links of all) {
    console.log(`■ ${links.eventName}\n  board: ${links.board}`);
    for (const p of links.people)
      console.log(`  ${p.role.padEnd(9)} ${p.name}${p.org ? ` (${p.org})` : ''}\n            ${p.url}`);
    for (const s of links.stations) console.log(`  ${'door'.padEnd(9)} ${s.station}\n            ${s.url}`);
  }
}
store.db.close();
