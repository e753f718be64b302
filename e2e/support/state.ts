import fs from 'node:fs';
import path from 'node:path';
import type { EventLinks } from '../../server/links';

/** One demo event per spec that changes event state, so specs never see each other's taps. */
export const EVENT_NAMES = [
  'live-loop',
  'basics',
  'program',
  'door',
  'registrations',
  'meetings',
  'offline',
  'console',
  'merge',
  'refusals',
  // Only with PITCH_DOCS_SCREENSHOTS=1: the day-of guide's screenshots start a pitch and check people in.
  'docs',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export interface E2eState {
  baseUrl: string;
  dbFile: string;
  /** The instance secret, for a spec that reads the links of people it registered through the UI. */
  secretHex: string;
  events: Record<string, EventLinks>;
}

/** Global set-up writes the state here and names the file in PITCH_E2E_STATE, which workers inherit. */
export function newStateFile(dir: string): string {
  const file = path.join(dir, 'e2e-state.json');
  process.env.PITCH_E2E_STATE = file;
  return file;
}

export function e2eState(): E2eState {
  const file = process.env.PITCH_E2E_STATE;
  if (!file) throw new Error('PITCH_E2E_STATE is not set: run the e2e tests through `npm run test:e2e`.');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as E2eState;
}

/** The links of one demo event, with a finder for people by role. */
export function demoEvent(name: EventName) {
  const state = e2eState();
  const links = state.events[name];
  if (!links) throw new Error(`No e2e event ${name}`);
  return {
    ...links,
    baseUrl: state.baseUrl,
    person(role: string, index = 0) {
      const found = links.people.filter((p) => p.role === role)[index];
      if (!found) throw new Error(`No ${role} #${index} in ${name}`);
      return found;
    },
  };
}

/**
 * The sign-in links of an event found by name, read from the store as `npm run links` does: for
 * people a spec registered through the console, whose badges a test cannot hold up to a camera.
 */
export async function linksOfEventNamed(eventName: string): Promise<EventLinks> {
  const { openDb } = await import('../../server/store/db');
  const { Store } = await import('../../server/store/store');
  const { eventLinks } = await import('../../server/links');
  const state = e2eState();
  const store = new Store(openDb(state.dbFile));
  try {
    const event = store.listEvents().find((e) => e.name === eventName);
    if (!event) throw new Error(`No event named ${eventName}`);
    return eventLinks(store, Buffer.from(state.secretHex, 'hex'), event.id, state.baseUrl);
  } finally {
    store.db.close();
  }
}
