/** Entry point: reads the environment, opens the store, seeds the demo if empty, and listens. */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { createApp } from './app.js';
import { loadSecret } from './auth/secret.js';
import { addressOf, readConfigOrExit } from './config.js';
import { addressNotes, lanAddresses } from './public-address.js';
import { eventLinks } from './links.js';
import { seedDemoEvent } from './seed/demo.js';
import { startPeriodicBackups } from './store/backup.js';
import { openDb } from './store/db.js';
import { Store } from './store/store.js';

const config = readConfigOrExit();
const store = new Store(openDb(config.dbFile));
const secret = loadSecret(config.dbFile, config.secretHex);

if (config.seedDemo && store.listEvents().length === 0) {
  seedDemoEvent(store, { now: Date.now(), newId: randomUUID, size: 'day', activity: config.demoActivity });
  console.log(
    config.demoActivity
      ? 'Seeded a demo event with a day of activity (活動付きのデモイベントを作成しました).'
      : 'Seeded a demo event (デモイベントを作成しました).',
  );
} else if (config.demoActivity) {
  console.log('PITCH_DEMO_ACTIVITY: the database already holds events, so no demo was seeded.');
}

const app = createApp({
  store,
  secret,
  staticDir: config.staticDir,
  publicAddress: config.publicAddress,
  trustProxy: config.trustProxy,
  metrics: config.metrics,
  rateLimits: config.rateLimit ? undefined : false,
  groupCommit: config.groupCommit,
});
const port = await app.listen(config.port, config.host);
const address = addressOf({ ...config, port });
const base = address.origin;

console.log(`\nPitch Match is running at ${base}  (database: ${config.dbFile})`);
for (const event of store.listEvents()) {
  const links = eventLinks(store, secret, event.id, base);
  console.log(`\n■ ${links.eventName} (${event.date})`);
  console.log(`  Board / ボード:            ${links.board}`);
  for (const person of links.people.filter((p) => p.role === 'organizer')) {
    console.log(`  Organizer / 事務局:        ${person.url}  (${person.name})`);
  }
  for (const role of ['firm', 'venture', 'partner'] as const) {
    const person = links.people.find((p) => p.role === role);
    if (person) console.log(`  ${role.padEnd(8)} sign-in:       ${person.url}  (${person.name}, ${person.org})`);
  }
}
console.log('\nAll links: npm run links');
const backups = config.backup
  ? startPeriodicBackups(store.db, config.backup, (message, detail) =>
      detail === undefined ? console.log(message) : console.error(message, detail),
    )
  : undefined;
if (config.backup) {
  console.log(
    `Backups every ${config.backup.everyMinutes} min to ${config.backup.dir} (last ${config.backup.keep} kept).`,
  );
}
const notes = addressNotes(address, { port, trustProxy: config.trustProxy, lan: lanAddresses(os.networkInterfaces()) });
if (notes.length) console.log(`\n${notes.join('\n')}`);

const shutdown = (signal: string) => {
  console.log(`\n${signal}: closing…`);
  void Promise.allSettled([app.close(), backups?.stop()]).finally(() => {
    store.db.close();
    process.exit(0);
  });
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
