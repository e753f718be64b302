/**
 * Starts the built production server (dist/) on a fresh database holding one demo event per spec
 * that needs its own, and hands the specs their sign-in links through a JSON file.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDemoEvents, startBuiltServer } from './demo-server';
import { freePort } from './processes';
import { EVENT_NAMES, newStateFile, type E2eState } from './state';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-e2e-'));
  const dbFile = path.join(dir, 'pitch.db');
  const secretHex = randomBytes(32).toString('hex');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const events = seedDemoEvents(dbFile, EVENT_NAMES, Buffer.from(secretHex, 'hex'), baseUrl);

  const server = await startBuiltServer({
    port,
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
  });

  const state: E2eState = { baseUrl, dbFile, secretHex, events };
  fs.writeFileSync(newStateFile(dir), JSON.stringify(state));

  return async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
