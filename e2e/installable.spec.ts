/**
 * The installable app (issue 15 item 1) in Chromium. After one visit a firm's phone, a venture's
 * phone and a door station open again with no network, from the service worker's precached files,
 * and show the last program, directory, agenda and counts, marked offline with the time they were
 * last current. A new version is what the next online load runs, and then what opens offline,
 * with nothing cleared by hand. The manifest is served and valid, and Chromium finds the app
 * installable. At a plain-HTTP venue name there is no service worker, and the app works as before.
 *
 * Each test runs its own server on a copy of the built client: the test stops it (the network is
 * gone for the service worker's page requests too, whatever the browser's offline emulation
 * reaches) and edits the copy to ship a "new version".
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, devices, type BrowserContext, type Page } from '@playwright/test';
import { eventLinks, type EventLinks } from '../server/links';
import { seedDemoEvent } from '../server/seed/demo';
import { openDb } from '../server/store/db';
import { markNoticeRead } from '../server/store/privacy';
import { Store } from '../server/store/store';
import { freePort, serverEnv, startServer, type Running } from '../server/testing/process';
import { CHROMIUM_ARGS, chromiumPath } from './support/browser';
import { closeContextsAfterEach } from './support/contexts';
import { expect, test } from './support/fixtures';
import { atVenue, launchVenueBrowser } from './support/venue-name';

closeContextsAfterEach();

const phone = { ...devices['iPhone 13'], defaultBrowserType: undefined };
const tokyoDay = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(ms);
const tokyoTime = (ms: number) =>
  new Intl.DateTimeFormat('ja-JP', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Asia/Tokyo',
  }).format(ms);

interface OwnServer {
  baseUrl: string;
  links: EventLinks;
  /** The built client this server serves: a copy, so a test can ship a new version into it. */
  staticDir: string;
  person(role: string, index?: number): EventLinks['people'][number];
  /** The server stops: every request, the service worker's included, finds nothing listening. */
  stop(): Promise<void>;
  /** The same server again, on the same port and database (sessions and all). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The built server on a database of its own holding one small demo event dated today in Tokyo. */
async function ownServer(): Promise<OwnServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-installable-'));
  const staticDir = path.join(dir, 'client');
  fs.cpSync('dist/client', staticDir, { recursive: true });
  const dbFile = path.join(dir, 'pitch.db');
  const secret = randomBytes(32);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const store = new Store(openDb(dbFile));
  let links: EventLinks;
  try {
    // Today, so the banner's time is a plain HH:MM (a view from another day also shows its date).
    const eventId = seedDemoEvent(store, {
      now: Date.now(),
      newId: randomUUID,
      size: 'small',
      name: 'installable',
      date: tokyoDay(Date.now()),
    });
    // Everyone has read the privacy notice, as the other specs' events do (server/testing/seeding.ts):
    // it loads after the home and, on a loaded machine, came up over the pitch before the firm's tap
    // (a CI run on 2026-12-01 timed out with the notice intercepting the tap).
    markNoticeRead(store, eventId);
    links = eventLinks(store, secret, eventId, baseUrl);
  } finally {
    store.db.close();
  }
  const env = serverEnv(
    { port, dbFile, secretHex: secret.toString('hex'), publicUrl: baseUrl },
    { PITCH_RATE_LIMIT: '0', PITCH_STATIC_DIR: staticDir },
  );
  let server: Running | null = await startServer({ port, env });
  return {
    baseUrl,
    links,
    staticDir,
    person(role, index = 0) {
      const found = links.people.filter((p) => p.role === role)[index];
      if (!found) throw new Error(`No ${role} #${index}`);
      return found;
    },
    async stop() {
      await server?.stop();
      server = null;
    },
    async start() {
      server ??= await startServer({ port, env });
    },
    async close() {
      await server?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the service worker has installed (precached everything) and controls the page. */
async function untilInstalled(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 })
    .toBe(true);
}

/** The network is gone: the server stops and every context says it is offline. */
async function cutNetwork(server: OwnServer, contexts: BrowserContext[]): Promise<void> {
  await server.stop();
  for (const context of contexts) await context.setOffline(true);
}

/**
 * The banner of a view shown from the device's copy. Its time is when the server was last heard (a
 * fact, a sync, or the socket's ping every 25 s, socket.io's pingInterval): up to that long before
 * the cut began, and no later than it ended. The span is under a minute, so its ends name every
 * minute it touches. (Reading only the cut's minute failed CI once: heard at 06:34:5x, cut at 06:35.)
 */
const LAST_HEARD_BEFORE_CUT_MS = 30_000;
function offlineBanner(page: Page, from: number, to: number) {
  const times = [...new Set([tokyoTime(from - LAST_HEARD_BEFORE_CUT_MS), tokyoTime(from), tokyoTime(to)])].join('|');
  return page.getByRole('status').filter({ hasText: new RegExp(`オフライン表示（最終更新 (${times})）`) });
}

/** Every cached request's path: only the built files, nothing from the API, the socket or a badge link. */
async function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  });
}

test('a firm, a venture and a door station that opened once open again with no network, showing the last view marked offline', async ({
  browser,
}, testInfo) => {
  const server = await ownServer();
  try {
    const firmLink = server.person('firm', 0);
    const ventureLink = server.person('venture', 0);
    const ventureName = ventureLink.org!;
    const guest = server.person('partner', 0);

    // The station: the organizer starts a pitch from the console, then opens the door and checks a guest in.
    const stationContext = await browser.newContext();
    const station = await stationContext.newPage();
    await station.goto(server.person('organizer').url);
    await station.getByRole('button', { name: `${ventureName} のピッチを開始` }).click();
    await station.getByRole('link', { name: '受付' }).click();
    const counts = station.locator('.checkin__counts');
    await expect(counts).toHaveText('来場 0人 · 参加企業 0社');
    await station.getByRole('searchbox', { name: '名前・ふりがな・会社名で検索' }).fill(guest.name);
    await station.getByRole('button', { name: `${guest.name} を受付` }).click();
    await expect(counts).toHaveText('来場 1人 · 参加企業 1社');

    // The firm sees the pitch on stage and taps "interested"; the venture sees the count.
    const firmContext = await browser.newContext(phone);
    const firm = await firmContext.newPage();
    await firm.goto(firmLink.url);
    const interested = firm
      .getByRole('region', { name: '発表中' })
      .getByRole('button', { name: '興味あり', exact: true });
    await interested.tap();
    await expect(interested).toHaveAttribute('aria-pressed', 'true');
    const ventureContext = await browser.newContext(phone);
    const venture = await ventureContext.newPage();
    await venture.goto(ventureLink.url);
    await expect(venture.getByLabel('関心（合計）', { exact: true })).toHaveText('1');

    for (const page of [station, firm, venture]) await untilInstalled(page);
    const contexts = [stationContext, firmContext, ventureContext];
    const cutFrom = Date.now();
    await cutNetwork(server, contexts);
    const cutTo = Date.now() + 1000;

    // Each reloads with no network: the app comes from the service worker, the view from the device.
    for (const page of [station, venture]) await page.reload();
    const reloadAt = Date.now();
    await firm.reload();
    await expect(offlineBanner(firm, cutFrom, cutTo)).toBeVisible();
    testInfo.annotations.push({
      type: 'firm reload offline → last view shown',
      description: `${Date.now() - reloadAt} ms`,
    });
    await expect(firm.getByText('オフラインです')).toBeVisible();
    await expect(firm.getByRole('heading', { name: ventureName })).toBeVisible();
    await expect(interested).toHaveAttribute('aria-pressed', 'true');
    await expect(firm.getByRole('listitem').filter({ hasText: ventureName })).not.toHaveCount(0);
    await expect(firm.getByRole('heading', { name: 'あなたの面談予定' })).toBeVisible();

    await expect(offlineBanner(venture, cutFrom, cutTo)).toBeVisible();
    await expect(venture.getByLabel('関心（合計）', { exact: true })).toHaveText('1');

    await expect(offlineBanner(station, cutFrom, cutTo)).toBeVisible();
    await expect(station.getByRole('heading', { name: '受付ステーション' })).toBeVisible();
    await expect(counts).toHaveText('来場 1人 · 参加企業 1社');

    // Only the built files are cached: no API answer, no socket traffic, no badge link.
    const cached = await cachedPaths(firm);
    expect(cached).toContain('/index.html');
    expect(cached.filter((p) => !/^\/(index\.html|manifest\.webmanifest|assets\/|icons\/)/.test(p))).toEqual([]);

    // The network is back: the phones go live again by themselves and the offline mark goes.
    await server.start();
    for (const context of contexts) await context.setOffline(false);
    await expect(firm.getByText(/オフライン表示/)).toHaveCount(0, { timeout: 15_000 });
    await expect(venture.getByText(/オフライン表示/)).toHaveCount(0, { timeout: 15_000 });
    await expect(venture.getByLabel('関心（合計）', { exact: true })).toHaveText('1');

    // Signing out takes the copy along: offline again, the phone shows nothing of the person.
    await firm.getByRole('button', { name: 'ログアウト', exact: true }).tap();
    const signedOut = firm.waitForEvent('load');
    await firm.getByRole('alertdialog', { name: 'ログアウト' }).getByRole('button', { name: 'ログアウトする' }).tap();
    await signedOut;
    await expect(firm.getByRole('heading', { name: 'バッジのQRコードを読み取ってください' })).toBeVisible();
    await cutNetwork(server, [firmContext]);
    await firm.reload();
    await expect(firm.getByText('オフラインです')).toBeVisible();
    await expect(firm.getByRole('heading', { name: 'あなたの面談予定' })).toHaveCount(0);
    await expect(firm.getByText(/オフライン表示/)).toHaveCount(0);
  } finally {
    await server.close();
  }
});

test('a new version is what the next online load runs, and then what opens offline, with nothing cleared by hand', async ({
  browser,
}) => {
  const server = await ownServer();
  try {
    const context = await browser.newContext(phone);
    const firm = await context.newPage();
    await firm.goto(server.person('firm', 0).url);
    await expect(firm.getByRole('heading', { name: 'あなたの面談予定' })).toBeVisible();
    await untilInstalled(firm);
    const build = firm.locator('meta[name="pitch-build"]');
    await expect(build).toHaveCount(0);

    // A new build is deployed: a changed page shell and, as every build writes, a service worker
    // whose precache list names it with a new revision.
    const index = path.join(server.staticDir, 'index.html');
    fs.writeFileSync(
      index,
      fs.readFileSync(index, 'utf8').replace('<head>', '<head><meta name="pitch-build" content="2">'),
    );
    const sw = path.join(server.staticDir, 'sw.js');
    const worker = fs.readFileSync(sw, 'utf8');
    const shipped = worker.replace(/("revision":")([0-9a-f]+)(","url":"index\.html")/, '$1$2-2$3');
    expect(shipped).not.toBe(worker);
    fs.writeFileSync(sw, shipped);

    // Online, the next load is the new version at once: the page is asked of the server first.
    await firm.reload();
    await expect(build).toHaveAttribute('content', '2');
    // Meanwhile the new worker installs and takes over, and the old shell leaves the cache.
    await expect
      .poll(
        () =>
          firm.evaluate(async () => {
            const shells: string[] = [];
            for (const name of await caches.keys()) {
              const cache = await caches.open(name);
              for (const request of await cache.keys()) {
                if (new URL(request.url).pathname === '/index.html')
                  shells.push(await (await cache.match(request))!.text());
              }
            }
            return shells.length > 0 && shells.every((html) => html.includes('pitch-build'));
          }),
        { timeout: 30_000 },
      )
      .toBe(true);

    // Offline, it is the new version that opens, with the last view.
    const cutFrom = Date.now();
    await cutNetwork(server, [context]);
    await firm.reload();
    await expect(build).toHaveAttribute('content', '2');
    await expect(offlineBanner(firm, cutFrom, Date.now() + 1000)).toBeVisible();
    await expect(firm.getByRole('heading', { name: 'あなたの面談予定' })).toBeVisible();
  } finally {
    await server.close();
  }
});

test('the manifest is served and valid, and Chromium finds the app installable', async ({ browser }) => {
  const server = await ownServer();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(server.person('firm', 0).url);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');

    const response = await page.request.get(`${server.baseUrl}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = (await response.json()) as {
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      lang: string;
      icons: { src: string; sizes: string; type: string; purpose: string }[];
    };
    expect(manifest).toMatchObject({ name: 'ピッチマッチ', start_url: '/', display: 'standalone', lang: 'ja' });
    for (const size of [192, 512]) {
      const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}` && i.type === 'image/png');
      expect(icon, `a ${size}px PNG icon`).toBeDefined();
      const png = await page.request.get(`${server.baseUrl}${icon!.src}`);
      expect(png.status()).toBe(200);
      const body = await png.body();
      // A PNG's IHDR holds its width and height at bytes 16–23.
      expect([body.readUInt32BE(16), body.readUInt32BE(20)]).toEqual([size, size]);
    }
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);

    // Chromium's own reading: no manifest errors; installable (a test context counts as incognito,
    // where nothing installs, so this asks in a profile of its own).
    const cdp = await page.context().newCDPSession(page);
    const { errors } = (await cdp.send('Page.getAppManifest')) as { errors: unknown[] };
    expect(errors).toEqual([]);
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-profile-'));
    const installed = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    });
    try {
      const tab = installed.pages()[0] ?? (await installed.newPage());
      await tab.goto(server.person('firm', 0).url);
      await untilInstalled(tab);
      const session = await installed.newCDPSession(tab);
      const { installabilityErrors } = (await session.send('Page.getInstallabilityErrors')) as {
        installabilityErrors: { errorId: string }[];
      };
      expect(installabilityErrors).toEqual([]);
    } finally {
      await installed.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  } finally {
    await server.close();
  }
});

test('at a plain-HTTP venue name there is no service worker, and the app works as before', async () => {
  const server = await ownServer();
  const venue = await launchVenueBrowser();
  try {
    const page = await (await venue.newContext(phone)).newPage();
    await page.goto(atVenue(server.person('firm', 0).url));
    await expect(page.getByRole('heading', { name: 'あなたの面談予定' })).toBeVisible();
    expect(await page.evaluate(() => [window.isSecureContext, 'serviceWorker' in navigator])).toEqual([false, false]);
  } finally {
    await venue.close();
    await server.close();
  }
});
