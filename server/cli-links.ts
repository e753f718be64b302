/** Prints every sign-in link and board link of every event: `npm run links` (add --json for machines). */
import os from 'node:os';
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
const all = store.listEvents().map((event) => eventLinks(store, secret, event.id, address.origin));
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
  }
}
store.db.close();
