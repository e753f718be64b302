/**
 * The app as a venue reaches it: behind the proxies deploy/ ships (Caddy with `tls internal`,
 * nginx as socket.io's docs set it up, and nginx with its defaults or without WebSocket), and over
 * plain HTTP at a LAN name. Chromium reaches pitch.test and pitch.lan at 127.0.0.1 under those
 * names, so it treats them as a phone would (not as localhost, which it trusts). Each server is
 * started as deploy/Dockerfile starts it: its ENV and CMD, read from the file, plus the test's port,
 * PUBLIC_URL and TRUST_PROXY.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { devices, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { loadSecret } from '../server/auth/secret';
import type { EventLinks } from '../server/links';
import { seedDemoEvents, startBuiltServer } from './support/demo-server';
import { imageEnvironment, readRuntimeImage } from './support/dockerfile';
import {
  expectDoorAnswer,
  launchCameraBrowser,
  newCameraFile,
  photographSvg,
  writeCameraFile,
} from './support/fake-camera';
import { expect, test } from './support/fixtures';
import { freePort, type Running } from '../server/testing/process';
import { selfSignedCertificate, startCaddy, startNginx } from './support/proxies';

const image = readRuntimeImage();
const phone = { ...devices['iPhone 13'], defaultBrowserType: undefined }; // 390×844, touch, mobile
const venue = { ignoreHTTPSErrors: true, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' };

// One browser for the file. Its camera shows whatever was last written to the file: a door test
// writes the badge it holds up before it opens the station.
let browser: Browser;
let camera: string;
test.beforeAll(async () => {
  camera = newCameraFile();
  browser = await launchCameraBrowser(camera, [
    '--host-resolver-rules=MAP pitch.test 127.0.0.1, MAP pitch.lan 127.0.0.1',
  ]);
});
test.afterAll(async () => {
  await browser?.close();
  fs.rmSync(path.dirname(camera), { recursive: true, force: true });
});

/** The processes a describe started, stopped after it; their logs attached when a test fails. */
function processesOfDescribe() {
  const running: Running[] = [];
  const dirs: string[] = [];
  // Playwright reads what a hook needs from its first parameter's pattern; this one needs nothing.
  // eslint-disable-next-line no-empty-pattern
  test.afterEach(async ({}, testInfo) => {
    // Playwright's own failure screenshots and trace cover this browser's pages too.
    if (testInfo.status !== testInfo.expectedStatus)
      for (const p of running) await testInfo.attach(`${p.name}.log`, { body: p.output(), contentType: 'text/plain' });
    await Promise.all(browser.contexts().map((c) => c.close()));
  });
  test.afterAll(async () => {
    await Promise.all(running.map((p) => p.stop()));
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    running,
    tempDir() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-venue-'));
      dirs.push(dir);
      return dir;
    },
  };
}

interface Site {
  publicUrl: string;
  port: number;
  events: Record<string, EventLinks>;
  server: Running;
}

/** The built server as the image runs it, on a database seeded with one demo event per name. */
async function startSite(
  procs: ReturnType<typeof processesOfDescribe>,
  publicUrl: (port: number) => string,
  names: readonly string[],
  env: Record<string, string> = {},
): Promise<Site> {
  const port = await freePort();
  const url = publicUrl(port);
  const serverEnv = imageEnvironment(image, procs.tempDir(), { PORT: String(port), PUBLIC_URL: url, ...env });
  // The key file beside the database, as the image makes it on first start (no PITCH_SECRET).
  const secret = loadSecret(serverEnv.PITCH_DB!, undefined);
  const events = seedDemoEvents(serverEnv.PITCH_DB!, names, secret, url);
  const server = await startBuiltServer({ port, env: serverEnv, command: image.cmd });
  procs.running.push(server);
  return { publicUrl: url, port, events, server };
}

function person(links: EventLinks, role: string, index = 0) {
  const found = links.people.filter((p) => p.role === role)[index];
  if (!found) throw new Error(`No ${role} #${index} in ${links.eventName}`);
  return found;
}

/** WebSocket frames a page received: more than none once socket.io has upgraded. */
function countWebSocketFrames(page: Page): () => number {
  let frames = 0;
  page.on('websocket', (ws) => ws.on('framereceived', () => frames++));
  return () => frames;
}

/**
 * The live loop at a venue address: the organizer starts a venture's pitch, a firm signed in by its
 * badge link taps 興味あり on its phone, and the big screen's count goes up. Returns the firm's
 * context (for its cookie) and how many WebSocket frames the firm's page has received.
 */
async function firmTapsAndTheBoardFollows(links: EventLinks) {
  const venture = person(links, 'venture').org!;
  const organizer = await (await browser.newContext(venue)).newPage();
  const firmContext = await browser.newContext({ ...phone, ...venue });
  const firm = await firmContext.newPage();
  const firmFrames = countWebSocketFrames(firm);
  const board = await (await browser.newContext({ ...venue, viewport: { width: 1280, height: 720 } })).newPage();

  await organizer.goto(person(links, 'organizer').url);
  const firmResponse = await firm.goto(person(links, 'firm').url);
  await board.goto(links.board);
  await expect(firm.getByText('現在、発表はありません')).toBeVisible();

  await organizer.getByRole('button', { name: `${venture} のピッチを開始` }).click();
  await expect(firm.getByRole('heading', { name: venture })).toBeVisible();
  const boardRow = board.getByRole('listitem', { name: venture });
  await expect(boardRow.getByLabel('興味あり 0')).toBeVisible();

  await firm.getByRole('region', { name: '発表中' }).getByRole('button', { name: '興味あり', exact: true }).tap();
  await expect(boardRow.getByLabel('興味あり 1')).toBeVisible();
  return { firm, firmContext, firmResponse, firmFrames };
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => /pm_session$/.test(c.name));
}

/**
 * The organizer prints the badge sheet (its QR codes point at PUBLIC_URL, as the server printed its
 * links), a firm's badge is held up to the camera of a door station opened at `stationOrigin` with
 * the organizer's link, and the station checks the firm in.
 */
async function doorScansAPrintedBadge(site: Site, stationOrigin: string) {
  const links = Object.values(site.events)[0]!;
  const guest = person(links, 'firm', 1);
  const organizerLink = new URL(person(links, 'organizer').url);
  await expect.poll(() => site.server.output()).toContain(`${site.publicUrl}/t/`);
  const sheet = await (await browser.newContext(venue)).newPage();
  await sheet.goto(organizerLink.href);
  await sheet.goto(`${site.publicUrl}/organizer/badges/print`);
  const badge = sheet.locator('article.badge').filter({ hasText: guest.name });
  await expect(badge).toHaveCount(1);
  await expect(sheet.getByRole('alert')).toHaveCount(0); // no "phones cannot open these" warning
  const svg = await badge.locator('.qr svg').evaluate((el) => el.outerHTML);
  writeCameraFile(camera, await photographSvg(sheet, svg));

  // A phone at the door: a smaller picture to decode than a laptop's, so it reads sooner on a busy machine.
  const stationContext = await browser.newContext({ ...phone, ...venue, permissions: ['camera'] });
  await stationContext.addInitScript(() => localStorage.setItem('pm_station', 'A'));
  const station = await stationContext.newPage();
  await station.goto(`${stationOrigin}${organizerLink.pathname}`);
  await station.getByRole('link', { name: '受付' }).click();
  await expect(station.getByRole('heading', { name: '受付ステーション' })).toBeVisible();
  const answer = station.getByRole('alert');
  // Decoding a camera feed on a busy two-core machine can take a while (as in checkin.spec.ts).
  await expectDoorAnswer(station, '受付しました');
  await expect(answer).toContainText(guest.name);
}

test.describe('behind Caddy with tls internal (deploy/Caddyfile)', () => {
  const procs = processesOfDescribe();
  let site: Site;

  test.beforeAll(async () => {
    const caddyPort = await freePort();
    site = await startSite(procs, () => `https://pitch.test:${caddyPort}`, ['caddy'], { TRUST_PROXY: 'loopback' });
    procs.running.push(
      await startCaddy({
        dir: procs.tempDir(),
        site: `pitch.test:${caddyPort}`,
        upstreamPort: site.port,
        httpPort: await freePort(),
      }),
    );
  });

  test('a firm signs in by its badge link, taps 興味あり, and the board follows; the session cookie is Secure', async () => {
    const { firmContext, firmResponse, firmFrames } = await firmTapsAndTheBoardFollows(site.events.caddy!);
    await expect.poll(() => sessionCookie(firmContext)).toMatchObject({ name: '__Host-pm_session', secure: true });
    // Over HTTPS (seen through the trusted proxy) the page gets HSTS and upgrade-insecure-requests.
    const headers = firmResponse!.headers();
    expect(headers['strict-transport-security']).toBeTruthy();
    expect(headers['content-security-policy']).toContain('upgrade-insecure-requests');
    // socket.io upgraded to WebSocket through Caddy.
    await expect.poll(firmFrames).toBeGreaterThan(0);
  });

  test.describe(() => {
    // The camera decode can stall on a busy machine: one retry, on fresh servers (checkin.spec.ts too).
    test.describe.configure({ retries: 1 });
    test('a door station at the https name scans a printed badge through the camera', async () => {
      await doorScansAPrintedBadge(site, site.publicUrl);
    });
  });
});

test.describe('behind nginx (deploy/nginx/pitch-match.conf)', () => {
  const procs = processesOfDescribe();
  let site: Site;
  let nginxPort: number;
  let certificate: { cert: string; key: string };

  test.beforeAll(async () => {
    nginxPort = await freePort();
    site = await startSite(
      procs,
      () => `https://pitch.test:${nginxPort}`,
      ['nginx', 'nginx-proxy-host', 'nginx-no-upgrade'],
      { TRUST_PROXY: 'loopback' },
    );
    certificate = selfSignedCertificate(procs.tempDir(), 'pitch.test');
  });

  async function nginx(variant: { withoutHost?: boolean; withoutUpgrade?: boolean } = {}) {
    const proxy = await startNginx({
      dir: procs.tempDir(),
      serverName: 'pitch.test',
      httpsPort: nginxPort,
      httpPort: await freePort(),
      upstreamPort: site.port,
      ...certificate,
      ...variant,
    });
    procs.running.push(proxy);
    return proxy;
  }

  test('as shipped: the firm taps and the board follows, over WebSocket, with a Secure cookie', async () => {
    const proxy = await nginx();
    try {
      const { firmContext, firmFrames } = await firmTapsAndTheBoardFollows(site.events.nginx!);
      await expect.poll(() => sessionCookie(firmContext)).toMatchObject({ name: '__Host-pm_session', secure: true });
      await expect.poll(firmFrames).toBeGreaterThan(0);
    } finally {
      await proxy.stop(); // the next variant takes the port; its log stays for the report
    }
  });

  test('with nginx’s default Host ($proxy_host): the same-origin checks still let the organizer and firm in', async () => {
    const proxy = await nginx({ withoutHost: true });
    try {
      const { firmContext } = await firmTapsAndTheBoardFollows(site.events['nginx-proxy-host']!);
      await expect.poll(() => sessionCookie(firmContext)).toMatchObject({ name: '__Host-pm_session', secure: true });
    } finally {
      await proxy.stop(); // the next variant takes the port; its log stays for the report
    }
  });

  test('a proxy that drops the Upgrade header: socket.io stays on polling and the loop still works', async () => {
    const proxy = await nginx({ withoutUpgrade: true });
    try {
      const { firmFrames } = await firmTapsAndTheBoardFollows(site.events['nginx-no-upgrade']!);
      // The browser did ask to upgrade (and was refused), then carried on over polling.
      await expect.poll(() => proxy.accessLog()).toMatch(/GET \/socket\.io\/\?[^ ]*transport=websocket[^"]*" 400 /);
      await expect.poll(() => proxy.accessLog()).toMatch(/POST \/socket\.io\/\?[^ ]*transport=polling[^"]*" 200 /);
      expect(firmFrames()).toBe(0);
    } finally {
      await proxy.stop(); // the next variant takes the port; its log stays for the report
    }
  });
});

test.describe('a venue laptop: plain HTTP at a LAN name, Caddy with tls internal for the door', () => {
  const procs = processesOfDescribe();
  let site: Site;
  let doorOrigin: string;

  test.beforeAll(async () => {
    site = await startSite(procs, (port) => `http://pitch.lan:${port}`, ['lan'], { TRUST_PROXY: 'loopback' });
    const caddyPort = await freePort();
    doorOrigin = `https://pitch.test:${caddyPort}`;
    procs.running.push(
      await startCaddy({
        dir: procs.tempDir(),
        site: `pitch.test:${caddyPort}`,
        upstreamPort: site.port,
        httpPort: await freePort(),
      }),
    );
  });

  test('the firm’s badge link opens a working page (no HTTPS upgrade), and the loop works', async () => {
    const { firmContext, firmResponse } = await firmTapsAndTheBoardFollows(site.events.lan!);
    const headers = firmResponse!.headers();
    expect(headers['strict-transport-security']).toBeUndefined();
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    await expect.poll(() => sessionCookie(firmContext)).toMatchObject({ name: 'pm_session', secure: false });
  });

  test.describe(() => {
    test.describe.configure({ retries: 1 });
    test('the door tablet opens the station at the https address and scans an http:// badge', async () => {
      await doorScansAPrintedBadge(site, doorOrigin);
    });
  });

  test('the image’s HEALTHCHECK passes against the server started as the image starts it', async () => {
    const [program, ...args] = image.healthcheck;
    expect(program).toBe('node');
    const check = spawn(process.execPath, args, {
      env: imageEnvironment(image, os.tmpdir(), { PORT: String(site.port) }),
      stdio: 'ignore',
    });
    const code = await new Promise<number | null>((resolve) => check.once('exit', resolve));
    expect(code).toBe(0);
  });
});
