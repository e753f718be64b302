/**
 * Starts the built production server (dist/) on a fresh database holding one demo event per spec
 * that needs its own, and hands the specs their sign-in links through a JSON file.
 */
import fs from 'node:fs';
import { seedDemoEventsInto, startSeededServer } from './demo-server';
import { EVENT_NAMES, newStateFile, type E2eState } from './state';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const started = await startSeededServer('pitch-e2e-', (store, secret, baseUrl) =>
    seedDemoEventsInto(store, EVENT_NAMES, secret, baseUrl),
  );
  const { baseUrl, dbFile, secretHex } = started;
  const state: E2eState = { baseUrl, dbFile, secretHex, events: started.seeded };
  fs.writeFileSync(newStateFile(started.dir), JSON.stringify(state));
  return () => started.stop();
}
