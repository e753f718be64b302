/** Prints every sign-in link and board link of every event: `npm run links` (add --json for machines). */
import { loadSecret } from './auth/secret.js';
import { addressOf, readConfig } from './config.js';
import { eventLinks } from './links.js';
import { openDb } from './store/db.js';
import { Store } from './store/store.js';

const config = readConfig();
const store = new Store(openDb(config.dbFile));
const secret = loadSecret(config.dbFile, config.secretHex);
const all = store.listEvents().map((event) => eventLinks(store, secret, event.id, addressOf(config).origin));

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
