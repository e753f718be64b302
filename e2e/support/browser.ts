import fs from 'node:fs';

/**
 * The Chromium to drive: CHROMIUM_PATH if set, else the system's (Debian: apt-get install chromium).
 * Playwright's own browser download is not reachable on every machine, so it is never assumed.
 */
export function chromiumPath(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  const found = candidates.find((p): p is string => !!p && fs.existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium found: run `npm run setup:e2e` (installs Debian’s chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  return found;
}

/** Flags for Chromium here: no sandbox as root, and no background traffic to hosts it cannot reach. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
