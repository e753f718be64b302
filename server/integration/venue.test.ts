/**
 * The venue's network, as a phone and a proxy reach the server: one public address for every link,
 * HTTPS-only headers only over HTTPS, forwarded headers only from trusted proxies, Secure cookies
 * under https, and same-origin checks that survive a proxy rewriting Host.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { parseTrustProxy, readConfig } from '../config.js';
import { addressNotes, fallbackAddress, isOwnOrigin, parsePublicUrl } from '../public-address.js';
import type { HttpLimits } from '../http/rate-limit.js';
import { startHarness, type Harness } from '../testing/harness.js';
import type { EventSettingsView } from '../../shared/console.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const PUBLIC = 'https://pitch.example.jp';

describe('PUBLIC_URL', () => {
  it('is an origin: a trailing slash is dropped, a path, query or other scheme is refused with the reason', () => {
    expect(parsePublicUrl('https://pitch.example.jp/')).toEqual({
      origin: PUBLIC,
      https: true,
      configured: true,
      local: false,
    });
    expect(parsePublicUrl(' http://192.168.10.5:3000 ')).toMatchObject({
      origin: 'http://192.168.10.5:3000',
      https: false,
    });
    expect(() => parsePublicUrl('https://example.jp/pitch')).toThrow(/without a path.*"\/pitch"/);
    expect(() => parsePublicUrl('https://example.jp/?a=1')).toThrow(/without a path, query/);
    expect(() => parsePublicUrl('ftp://example.jp')).toThrow(/http:\/\/ or https:\/\//);
    expect(() => parsePublicUrl('192.168.10.5:3000')).toThrow(/http:\/\/ or https:\/\/|not an address/);
    expect(() => parsePublicUrl('pitch')).toThrow(/not an address/);
    expect(() => readConfig({ PUBLIC_URL: 'https://example.jp/app/' })).toThrow(/PUBLIC_URL/);
  });

  it('knows the addresses only this machine reaches', () => {
    for (const local of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000', 'http://app.localhost'])
      expect(parsePublicUrl(local).local).toBe(true);
    expect(parsePublicUrl('http://pitch.lan:3000').local).toBe(false);
    expect(fallbackAddress(3000, '0.0.0.0')).toEqual({
      origin: 'http://localhost:3000',
      https: false,
      configured: false,
      local: true,
    });
    expect(fallbackAddress(3000, '192.168.10.5')).toMatchObject({ origin: 'http://192.168.10.5:3000', local: false });
  });

  it('start-up notes say which address to set, and what plain HTTP and a proxy without TRUST_PROXY limit', () => {
    const unset = addressNotes(fallbackAddress(3000), { port: 3000, trustProxy: false, lan: ['192.168.10.5'] });
    expect(unset.join('\n')).toContain('PUBLIC_URL=http://192.168.10.5:3000');
    expect(unset.join('\n')).toContain('公開アドレス');
    const http = addressNotes(parsePublicUrl('http://192.168.10.5:3000'), { port: 3000, trustProxy: false, lan: [] });
    expect(http.join('\n')).toMatch(/camera needs HTTPS/);
    const https = addressNotes(parsePublicUrl(PUBLIC), { port: 3000, trustProxy: false, lan: [] });
    expect(https.join('\n')).toMatch(/TRUST_PROXY/);
    expect(addressNotes(parsePublicUrl(PUBLIC), { port: 3000, trustProxy: ['loopback'], lan: [] })).toEqual([]);
  });
});

describe('a setting the server cannot use', () => {
  it('is said in one line with what to write instead, and the server does not start', () => {
    const start = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
        env: { ...process.env, PITCH_DB: ':memory:', PORT: '0', ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
    const path = start({ PUBLIC_URL: 'https://pitch.example.jp/app/' });
    expect(path.status).toBe(2);
    expect(path.stderr.trim()).toMatch(/^設定エラー \/ Settings error: PUBLIC_URL must be the site's root.*"\/app\/"/);
    expect(path.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const trust = start({ TRUST_PROXY: 'true' });
    expect(trust.status).toBe(2);
    expect(trust.stderr).toMatch(/TRUST_PROXY=1/);
  }, 60_000);
});

describe('TRUST_PROXY', () => {
  it('takes hops or addresses, and refuses to trust everyone', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('loopback, 10.0.0.0/8,172.18.0.2')).toEqual(['loopback', '10.0.0.0/8', '172.18.0.2']);
    expect(() => parseTrustProxy('true')).toThrow(/TRUST_PROXY=1/);
    expect(() => parseTrustProxy('my-proxy')).toThrow(/not a number of hops or a list of addresses/);
    expect(() => parseTrustProxy('10.0.0.0/99')).toThrow(/TRUST_PROXY/);
  });
});

describe('same origin', () => {
  const address = parsePublicUrl(PUBLIC);
  it('is the public address whatever Host the proxy sent, or the Host the browser used', () => {
    expect(isOwnOrigin(PUBLIC, '127.0.0.1:3000', address)).toBe(true);
    expect(isOwnOrigin('http://localhost:3000', 'localhost:3000', address)).toBe(true);
    expect(isOwnOrigin('https://evil.example', '127.0.0.1:3000', address)).toBe(false);
    expect(isOwnOrigin('http://pitch.example.jp', '127.0.0.1:3000', address)).toBe(false);
    expect(isOwnOrigin('null', '127.0.0.1:3000', address)).toBe(false);
  });
});

/** GET a path with extra headers, no redirects followed. */
async function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${h!.baseUrl}${path}`, { headers, redirect: 'manual' });
}

describe('badges printed at an address phones cannot reach', () => {
  it('carry a warning above the sheet, in Japanese and English, that is not printed', async () => {
    h = await startHarness();
    const cookie = await h.signIn(h.person('organizer').url);
    const sheet = await (await get('/organizer/badges/print', { cookie })).text();
    expect(sheet).toContain(`公開アドレスが ${h.baseUrl} のため`);
    expect(sheet).toContain('Phones cannot open these badges');
    expect(sheet).toMatch(/@media print \{[^}]*\.warning[^}]*display: none/);
  });
});

describe('over plain HTTP at a venue address', () => {
  it('sends no upgrade-insecure-requests and no HSTS, and a spoofed X-Forwarded-Proto changes nothing', async () => {
    h = await startHarness({ publicAddress: parsePublicUrl('http://pitch.lan:3000') });
    const asSent: Record<string, string>[] = [{}, { 'x-forwarded-proto': 'https' }];
    for (const headers of asSent) {
      const res = await get('/healthz', headers);
      expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    const signIn = await get(new URL(h.person('firm').url).pathname);
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^pm_session=/);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });
});

describe('behind an HTTPS proxy', () => {
  it('a trusted proxy’s X-Forwarded-Proto brings HSTS and upgrade-insecure-requests; an untrusted one does not', async () => {
    h = await startHarness({ publicAddress: parsePublicUrl(PUBLIC), trustProxy: ['loopback'] });
    const viaProxy = await get('/healthz', { 'x-forwarded-proto': 'https' });
    expect(viaProxy.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(viaProxy.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    await h.stop();
    h = await startHarness({ publicAddress: parsePublicUrl(PUBLIC), trustProxy: ['10.0.0.0/8'] });
    const spoofed = await get('/healthz', { 'x-forwarded-proto': 'https' });
    expect(spoofed.headers.get('strict-transport-security')).toBeNull();
  });

  it('the session cookie is Secure and __Host- prefixed, and the socket and HTTP routes accept it', async () => {
    h = await startHarness({ publicAddress: parsePublicUrl(PUBLIC), trustProxy: 1 });
    const res = await get(new URL(h.person('organizer').url).pathname, { 'x-forwarded-proto': 'https' });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^__Host-pm_session=[^;]+;/);
    expect(setCookie).toMatch(/;\s*Secure/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
    expect(setCookie).not.toMatch(/Domain=/i);
    const cookie = setCookie.split(';')[0]!;
    const me = await get('/api/me', { cookie });
    expect(((await me.json()) as { data: { role: string } }).data.role).toBe('organizer');
    // A socket from the public page, through a proxy that passed its own Host (nginx's default).
    const socket = connect(h.baseUrl, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { cookie, origin: PUBLIC },
    });
    h.clients.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
  });

  it('links and QR codes use PUBLIC_URL, never the Host or X-Forwarded-Host a request names', async () => {
    h = await startHarness({ publicAddress: parsePublicUrl(PUBLIC), trustProxy: 1 });
    const cookie = await h.signIn(h.person('organizer').url);
    const res = await get('/api/event/settings', {
      cookie,
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
    });
    const view = ((await res.json()) as { data: EventSettingsView }).data;
    expect(view.boardUrl.startsWith(`${PUBLIC}/board/`)).toBe(true);
    for (const o of view.organizers) expect(o.signInUrl.startsWith(`${PUBLIC}/t/`)).toBe(true);
    const sheet = await (await get('/organizer/badges/print', { cookie, host: 'evil.example' })).text();
    expect(sheet).not.toContain('evil.example');
    expect(sheet).not.toContain('スマートフォンで開けません');
    const check = (await (await get('/api/check', { host: 'evil.example' })).json()) as {
      data: { publicAddress: { url: string; https: boolean; local: boolean } };
    };
    expect(check.data.publicAddress).toMatchObject({ url: PUBLIC, https: true, local: false });
  });

  it('a write from the public page is accepted although the proxy rewrote Host; one from another site is not', async () => {
    h = await startHarness({ publicAddress: parsePublicUrl(PUBLIC), trustProxy: 1 });
    const cookie = await h.signIn(h.person('organizer').url);
    const post = (origin: string) =>
      fetch(`${h!.baseUrl}/api/event/settings`, {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/json' },
        body: JSON.stringify({ name: '苫小牧ピッチ', venue: '苫小牧市民会館', date: '2026-12-01' }),
      });
    expect((await post(PUBLIC)).status).toBe(200);
    expect((await post('https://evil.example')).status).toBe(403);
    const socket = connect(h.baseUrl, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { cookie, origin: 'https://evil.example' },
    });
    h.clients.push(socket);
    await expect(
      new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      }),
    ).rejects.toThrow();
  });
});

describe('per-address limits behind a proxy', () => {
  const tight: HttpLimits = { signIn: { burst: 3, perSecond: 0.01 }, post: { burst: 3, perSecond: 0.01 } };
  const guess = (forwardedFor: string) => get('/t/guess', { 'x-forwarded-for': forwardedFor });

  it('count each phone by its forwarded address when the proxy is trusted', async () => {
    h = await startHarness({ rateLimits: tight, trustProxy: ['loopback'] });
    for (let i = 0; i < 3; i++) expect((await guess('203.0.113.7')).status).toBe(401);
    expect((await guess('203.0.113.7')).status).toBe(429);
    // Another phone behind the same proxy is not held back by the first one's guesses.
    expect((await guess('203.0.113.8')).status).toBe(401);
  });

  it('ignore X-Forwarded-For from a peer that is not a trusted proxy: a phone cannot dodge its limit', async () => {
    h = await startHarness({ rateLimits: tight });
    for (let i = 0; i < 3; i++) expect((await guess(`198.51.100.${i}`)).status).toBe(401);
    expect((await guess('198.51.100.99')).status).toBe(429);
  });
});
