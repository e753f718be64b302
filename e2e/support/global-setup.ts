/**
 * Starts the built production server (dist/) on a fresh database holding one demo event per spec
 * that needs its own, and hands the specs their sign-in links through a JSON file.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eventLinks } from '../../server/links';
import { seedDemoEvent } from '../../server/seed/demo';
import { openDb } from '../../server/store/db';
import { Store } from '../../server/store/store';
import { EVENT_NAMES, newStateFile, type E2eState } from './state';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-e2e-'));
  const dbFile = path.join(dir, 'pitch.db');
  const secretHex = randomBytes(32).toString('hex');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  const store = new Store(openDb(dbFile));
  const events = Object.fromEntries(
    EVENT_NAMES.map((name) => {
      // Tomorrow in Tokyo: the meeting slots (15:00–17:30) are ahead whenever the tests run.
      const date = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(Date.now() + 24 * 3600_000);
      const eventId = seedDemoEvent(store, { now: Date.now(), newId: randomUUID, name, date });
      return [name, eventLinks(store, Buffer.from(secretHex, 'hex'), eventId, baseUrl)];
    }),
  );
  store.db.close();

  const server = spawn(process.execPath, ['dist/server/index.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PITCH_DB: dbFile,
      PITCH_SECRET: secretHex,
      PUBLIC_URL: baseUrl,
      // Every phone of every spec signs in from 127.0.0.1: per-address limits would refuse the room.
      // They are tested where they are about (server/limits.test.ts).
      PITCH_RATE_LIMIT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server exited at start:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The server did not answer /healthz within 20 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const state: E2eState = { baseUrl, dbFile, secretHex, events };
  fs.writeFileSync(newStateFile(dir), JSON.stringify(state));

  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
