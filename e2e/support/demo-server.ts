/**
 * The built production server (dist/) on a database of its own: demo events seeded before it
 * starts, their sign-in links built from the public address, and the process awaited on /healthz.
 * The suite's global set-up and the venue-network spec both start theirs here.
 */
import { randomUUID } from 'node:crypto';
import { eventLinks, type EventLinks } from '../../server/links';
import { seedDemoEvent } from '../../server/seed/demo';
import { openDb } from '../../server/store/db';
import { Store } from '../../server/store/store';
import { startProcess, type Running } from './processes';

/** Tomorrow in Tokyo: the meeting slots (15:00–17:30) are ahead whenever the tests run. */
export function tomorrowInTokyo(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(Date.now() + 24 * 3600_000);
}

/** Seeds one demo event per name into the database file and returns their links at `baseUrl`. */
export function seedDemoEvents(
  dbFile: string,
  names: readonly string[],
  secret: Buffer,
  baseUrl: string,
): Record<string, EventLinks> {
  const store = new Store(openDb(dbFile));
  try {
    return Object.fromEntries(
      names.map((name) => {
        const eventId = seedDemoEvent(store, { now: Date.now(), newId: randomUUID, name, date: tomorrowInTokyo() });
        return [name, eventLinks(store, secret, eventId, baseUrl)];
      }),
    );
  } finally {
    store.db.close();
  }
}

export interface ServerStart {
  /** The port it listens on (also PORT in `env`): /healthz is asked at 127.0.0.1 there. */
  port: number;
  env: NodeJS.ProcessEnv;
  /** The command line, `node` first; by default the one `npm start` ends in. */
  command?: readonly string[];
}

/** Starts the built server from the repository's root and resolves once /healthz answers. */
export function startBuiltServer({
  port,
  env,
  command = ['node', 'dist/server/index.js'],
}: ServerStart): Promise<Running> {
  const [program, ...args] = command;
  if (program !== 'node') throw new Error(`The server's command must start with node, not ${program}`);
  return startProcess('server', process.execPath, {
    args,
    env,
    ready: async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok,
  });
}
