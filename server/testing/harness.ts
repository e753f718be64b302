/**
 * Test harness: the real app on port 0 over a real SQLite file, with real socket.io clients signed
 * in the way a phone is (GET /t/TOKEN, then the cookie on the handshake). The client half is the
 * shared socket kit (socket-client.ts); it is passed on from here, where every suite imports it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Ack } from '../../shared/errors.js';
import type { ServerToClientEvents } from '../../shared/protocol.js';
import { createApp, type App } from '../app.js';
import type { TrustProxy } from '../config.js';
import type { PublicAddress } from '../public-address.js';
import type { HttpLimits } from '../http/rate-limit.js';
import { makeToken } from '../auth/tokens.js';
import { eventLinks, type EventLinks } from '../links.js';
import { seedDemoEvent } from '../seed/demo.js';
import { openDb } from '../store/db.js';
import type { GroupCommitStats } from '../store/group-commit.js';
import { Store } from '../store/store.js';
import { addOrganizations } from './seeding.js';
import { openSocket, signIn, type ClientSocket } from './socket-client.js';

export { call, openSocket, signIn, snapshotOf, type ClientSocket } from './socket-client.js';

export interface Harness {
  dir: string;
  dbFile: string;
  store: Store;
  app: App;
  baseUrl: string;
  links: EventLinks;
  eventId: string;
  secret: Buffer;
  clients: ClientSocket[];
  /** Signs in with a person's link and returns the session cookie. */
  signIn(url: string): Promise<string>;
  connectAs(url: string): Promise<ClientSocket>;
  connectBoard(): Promise<ClientSocket>;
  person(role: string, index?: number): EventLinks['people'][number];
  /** Adds `count` local firms of one person each to the event; returns their sign-in links. */
  addFirms(count: number): string[];
  /** The group commit's figures so far, from /healthz (start the harness with `metrics: true`). */
  groupCommit(): Promise<GroupCommitStats>;
  stop(): Promise<void>;
}

export function tempDbFile(): { dir: string; dbFile: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-test-'));
  return { dir, dbFile: path.join(dir, 'pitch.db') };
}

export async function startHarness(
  options: {
    dbFile?: string;
    dir?: string;
    secret?: Buffer;
    seed?: boolean;
    now?: () => number;
    /** Serve a built client from here, so page routes answer as in production. */
    staticDir?: string;
    log?: (message: string, detail?: unknown) => void;
    /** Off unless a test is about them: tests sign hundreds of phones in from one address. */
    rateLimits?: HttpLimits | false;
    /** PUBLIC_URL; unset, the server's own http://127.0.0.1:PORT. */
    publicAddress?: PublicAddress;
    trustProxy?: TrustProxy;
    /** /healthz reports the process figures (the group commit's commits), as under PITCH_METRICS=1. */
    metrics?: boolean;
  } = {},
): Promise<Harness> {
  const temp = options.dbFile
    ? { dir: options.dir ?? path.dirname(options.dbFile), dbFile: options.dbFile }
    : tempDbFile();
  const secret = options.secret ?? randomBytes(32);
  const store = new Store(openDb(temp.dbFile));
  const existing = store.listEvents()[0];
  const eventId = existing?.id ?? seedDemoEvent(store, { now: Date.now(), newId: randomUUID, size: 'small' });
  const app = createApp({
    store,
    secret,
    log: options.log ?? (() => {}),
    staticDir: options.staticDir,
    rateLimits: options.rateLimits ?? false,
    publicAddress: options.publicAddress,
    trustProxy: options.trustProxy ?? false,
    metrics: options.metrics ?? false,
    ...(options.now ? { now: options.now } : {}),
  });
  const port = await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;
  const links = eventLinks(store, secret, eventId, baseUrl);
  const clients: ClientSocket[] = [];

  const open = (opts: { cookie?: string; board?: string }) => openSocket(baseUrl, opts, clients);

  return {
    ...temp,
    store,
    app,
    baseUrl,
    links,
    eventId,
    secret,
    clients,
    signIn,
    connectAs: async (url) => open({ cookie: await signIn(url) }),
    connectBoard: () => open({ board: links.board.split('/board/')[1]! }),
    person(role, index = 0) {
      const found = links.people.filter((p) => p.role === role)[index];
      if (!found) throw new Error(`no ${role} #${index} in the demo`);
      return found;
    },
    addFirms(count) {
      const nonces = addOrganizations(store, eventId, 'firm', count, (i, orgId) => ({
        org: `テスト企業${i + 1}-${orgId.slice(0, 6)}`,
        person: `参加者${i + 1}`,
      }));
      return nonces.map((nonce) => `${baseUrl}/t/${makeToken(secret, 'person', nonce)}`);
    },
    async groupCommit() {
      const body = (await (await fetch(`${baseUrl}/healthz`)).json()) as {
        data: { metrics?: { groupCommit: GroupCommitStats } };
      };
      if (!body.data.metrics) throw new Error('start the harness with metrics: true');
      return body.data.metrics.groupCommit;
    },
    async stop() {
      for (const c of clients) c.disconnect();
      await app.close();
      store.db.close();
    },
  };
}

/** A harness with the organizer signed in over HTTP: the set-up of every suite that calls the console's routes. */
export async function startWithOrganizer(): Promise<{ h: Harness; cookie: string }> {
  const h = await startHarness();
  try {
    return { h, cookie: await h.signIn(h.person('organizer').url) };
  } catch (error) {
    await h.stop(); // a failed sign-in leaves no server or database open behind the failed test
    throw error;
  }
}

/** Sends anything at all, as a hostile or broken client would, and resolves with the ack. */
export function callRaw(socket: ClientSocket, event: string, ...args: unknown[]): Promise<Ack<unknown>> {
  return new Promise((resolve) => {
    (socket.emit as (e: string, ...a: unknown[]) => void)(event, ...args, resolve);
  });
}

/** Resolves with the next fact of that name that passes `match`, or rejects after `ms`. */
export function nextFact<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  match: (fact: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  ms = 2000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const listener = (fact: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!match(fact)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(fact);
    };
    socket.on(event, listener as never);
  });
}

/** Collects every fact of that name the socket receives, for checking what did (not) arrive. */
export function record<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
): Parameters<ServerToClientEvents[E]>[0][] {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  socket.on(event, ((fact: Parameters<ServerToClientEvents[E]>[0]) => seen.push(fact)) as never);
  return seen;
}
