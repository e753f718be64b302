/**
 * A venue's name for the server, as on the day: the hall's laptop at http://pitch.lan over plain
 * HTTP, badges printed with that address. Chromium resolves the name to this machine as the venue's
 * router would; this test process, which cannot resolve it, reaches the server at 127.0.0.1.
 */
import type { Browser } from '@playwright/test';
import { launchGuardedChromium } from './fixtures';

export const VENUE_HOST = 'pitch.lan';

/** The same link at another host name. */
export const atHost = (url: string, hostname: string): string => Object.assign(new URL(url), { hostname }).href;

/** A link as a phone at the venue opens it. */
export const atVenue = (url: string): string => atHost(url, VENUE_HOST);

/** A Chromium that reaches `VENUE_HOST` at this machine. */
export function launchVenueBrowser(): Promise<Browser> {
  return launchGuardedChromium([`--host-resolver-rules=MAP ${VENUE_HOST} 127.0.0.1`]);
}
