/**
 * The bench's event and server: a fresh database with one demo event plus thousands of firms,
 * written in one transaction before the built production server (dist/) is started on loopback.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Role } from '../shared/model.js';
import { makeToken } from '../server/auth/tokens.js';
import { openDb } from '../server/store/db.js';
import { Store } from '../server/store/store.js';
import { addOrganizations, seedSmallDemo } from '../server/testing/seeding.js';
import { serverEnv, startServer as startProcess, type Running } from '../server/testing/process.js';

export interface BenchPerson {
  id: string;
  name: string;
  role: Role;
  orgId: string | null;
  url: string;
}

export interface BenchEvent {
  eventId: string;
  baseUrl: string;
  port: number;
  boardToken: string;
  organizer: BenchPerson;
  /** The firms the bench added, one person each, in order. */
  firms: BenchPerson[];
  /** One person of every venture (the demo's and the added ones). */
  ventures: BenchPerson[];
}

/** Seeds the demo event (dated tomorrow in Tokyo, so meeting slots are ahead) and adds firms and ventures. */
export function prepareDb(
  dbFile: string,
  secret: Buffer,
  baseUrl: string,
  firmCount: number,
  extraVentures: number,
): Omit<BenchEvent, 'port'> {
  const store = new Store(openDb(dbFile));
  try {
    const eventId = seedSmallDemo(store, 'bench');
    addOrganizations(store, eventId, 'firm', firmCount, (i) => ({
      org: `ベンチ企業${i + 1}`,
      person: `ベンチ参加者${String(i + 1).padStart(5, '0')}`,
    }));
    addOrganizations(store, eventId, 'venture', extraVentures, (i) => ({
      org: `ベンチベンチャー${i + 1}`,
      person: `ベンチ代表${i + 1}`,
    }));
    const event = store.getEvent(eventId)!;
    const people: BenchPerson[] = store.listPeople(eventId).map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      orgId: p.org?.id ?? null,
      url: `${baseUrl}/t/${makeToken(secret, 'person', p.badgeNonce)}`,
    }));
    const organizer = people.find((p) => p.role === 'organizer');
    if (!organizer) throw new Error('the demo event has no organizer');
    const firms = people
      .filter((p) => p.role === 'firm' && p.name.startsWith('ベンチ参加者'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const ventures = new Map<string, BenchPerson>();
    for (const p of people) if (p.role === 'venture' && p.orgId && !ventures.has(p.orgId)) ventures.set(p.orgId, p);
    return {
      eventId,
      baseUrl,
      boardToken: makeToken(secret, 'board', event.boardNonce),
      organizer,
      firms,
      ventures: [...ventures.values()],
    };
  } finally {
    store.db.close();
  }
}

/** Starts `node dist/server/index.js` on 127.0.0.1 and waits for /healthz. */
export async function startServer(
  root: string,
  env: {
    dbFile: string;
    secretHex: string;
    port: number;
    baseUrl: string;
    /** false: PITCH_GROUP_COMMIT=0, one commit per command (the bench's --group-commit=off). */
    groupCommit?: boolean;
  },
  nodeArgs: readonly string[] = [],
): Promise<Running> {
  const entry = path.join(root, 'dist', 'server', 'index.js');
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first.`);
  return startProcess({
    port: env.port,
    env: serverEnv(
      { port: env.port, dbFile: env.dbFile, secretHex: env.secretHex, publicUrl: env.baseUrl },
      // Thousands of sign-ins come from this one address: the per-address limits would refuse them.
      {
        PITCH_SEED_DEMO: '0',
        PITCH_METRICS: '1',
        PITCH_RATE_LIMIT: '0',
        ...(env.groupCommit === false ? { PITCH_GROUP_COMMIT: '0' } : {}),
      },
    ),
    cwd: root,
    args: ['--expose-gc', ...nodeArgs, entry],
    // A profiled server writes its profile as it exits, which takes a while after a long run.
    graceMs: nodeArgs.some((a) => a.startsWith('--cpu-prof')) ? 60_000 : 5000,
  });
}

export interface Metrics {
  sockets: number;
  rssBytes: number;
  heapUsedBytes: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** Since the start: commits, the commands in them, the most in one (the app's group commit and the bare stack's). */
  groupCommit?: { commits: number; commands: number; largest: number };
}

/**
 * The server's process figures (PITCH_METRICS=1); `reset` also restarts the event-loop histogram;
 * `gc` collects garbage first (both servers run with --expose-gc), so memory per socket is what
 * the sockets hold, not the garbage of their sign-ins.
 */
export async function metrics(baseUrl: string, reset = false, gc = false): Promise<Metrics> {
  const query = [reset ? 'reset=1' : '', gc ? 'gc=1' : ''].filter(Boolean).join('&');
  const res = await fetch(`${baseUrl}/healthz${query ? `?${query}` : ''}`, { signal: AbortSignal.timeout(10_000) });
  const body = (await res.json()) as { ok: boolean; data?: { metrics?: Metrics } };
  if (!body.data?.metrics) throw new Error('/healthz has no metrics: was the server started with PITCH_METRICS=1?');
  return body.data.metrics;
}

export function newSecret(): { secret: Buffer; secretHex: string } {
  const secret = randomBytes(32);
  return { secret, secretHex: secret.toString('hex') };
}

/** Milliseconds per single-row commit on this disk, WAL with synchronous FULL vs NORMAL (the server uses FULL). */
export function commitProbe(dir: string, commits = 200): { fullMs: number; normalMs: number } {
  const probe = (sync: 'FULL' | 'NORMAL') => {
    const file = path.join(dir, `probe-${sync}.db`);
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${sync}`);
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
      const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
      const start = process.hrtime.bigint();
      for (let i = 0; i < commits; i++) insert.run('x'.repeat(200));
      return Number(process.hrtime.bigint() - start) / 1e6 / commits;
    } finally {
      db.close();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    }
  };
  const r = (x: number) => Math.round(x * 100) / 100;
  return { fullMs: r(probe('FULL')), normalMs: r(probe('NORMAL')) };
}
