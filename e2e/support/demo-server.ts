/**
 * The built production server (dist/) on a database of its own: demo events seeded before it
 * starts, their sign-in links built from the public address, and the process awaited on /healthz.
 * The suite's global set-up, the hall event and the venue-network spec all start theirs here.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventLinks, type EventLinks } from '../../server/links';
import { openDb } from '../../server/store/db';
import { Store } from '../../server/store/store';
import { freePort, serverEnv, startServer, type Running } from '../../server/testing/process';
import { seedSmallDemo } from '../../server/testing/seeding';

/**
 * Seeds one demo event per name into the store and returns their links at `baseUrl`. The specs
 * know the small demo by name (its five ventures, its firms' people), so they ask for it.
 */
export function seedDemoEventsInto(
  store: Store,
  names: readonly string[],
  secret: Buffer,
  baseUrl: string,
): Record<string, EventLinks> {
  return Object.fromEntries(
    names.map((name) => [name, eventLinks(store, secret, seedSmallDemo(store, name), baseUrl)]),
  );
}

/** The same, into a database file of its own. */
export function seedDemoEvents(
  dbFile: string,
  names: readonly string[],
  secret: Buffer,
  baseUrl: string,
): Record<string, EventLinks> {
  const store = new Store(openDb(dbFile));
  try {
    return seedDemoEventsInto(store, names, secret, baseUrl);
  } finally {
    store.db.close();
  }
}

export interface SeededServer<T> {
  /** Where this process reaches the server: always 127.0.0.1. */
  baseUrl: string;
  /** The server's public address (PUBLIC_URL), which its links and badges carry. */
  publicUrl: string;
  /** The temp folder holding the database; removed by `stop`. */
  dir: string;
  dbFile: string;
  secretHex: string;
  /** What `seed` returned (the events' links). */
  seeded: T;
  server: Running;
  stop(): Promise<void>;
}

/**
 * The built server on a fresh database in a temp folder, seeded by `seed` before it starts, on a
 * free port with its public address at 127.0.0.1. Every phone of a spec signs in from 127.0.0.1, so
 * per-address limits are off: they are tested where they are about (server/integration/limits.test.ts).
 */
export async function startSeededServer<T>(
  prefix: string,
  seed: (store: Store, secret: Buffer, publicUrl: string) => T,
  /** A venue's name for the server (pitch.lan), reached by browsers launched with `atVenueName`. */
  { publicHost = '127.0.0.1' }: { publicHost?: string } = {},
): Promise<SeededServer<T>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dbFile = path.join(dir, 'pitch.db');
  const secret = randomBytes(32);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const publicUrl = `http://${publicHost}:${port}`;
  const store = new Store(openDb(dbFile));
  let seeded: T;
  try {
    seeded = seed(store, secret, publicUrl);
  } finally {
    store.db.close();
  }
  const secretHex = secret.toString('hex');
  const server = await startServer({
    port,
    env: serverEnv({ port, dbFile, secretHex, publicUrl }, { PITCH_RATE_LIMIT: '0' }),
  });
  return {
    baseUrl,
    publicUrl,
    dir,
    dbFile,
    secretHex,
    seeded,
    server,
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts the built server from the repository's root with a command line written as a Dockerfile's
 * CMD (`node` first) and resolves once /healthz answers: the image's own start, run here.
 */
export function startBuiltServer({
  port,
  env,
  command = ['node', 'dist/server/index.js'],
}: {
  port: number;
  env: NodeJS.ProcessEnv;
  command?: readonly string[];
}): Promise<Running> {
  const [program, ...args] = command;
  if (program !== 'node') throw new Error(`The server's command must start with node, not ${program}`);
  return startServer({ port, env, args });
}
