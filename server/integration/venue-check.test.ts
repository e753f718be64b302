/**
 * The connection check's server half, as a phone at the venue meets it: GET /api/check with no
 * sign-in, the check page's QR built from the public address whatever Host the request carried,
 * and the /check namespace answering a ping while the main namespace still wants a badge.
 */
import http from 'node:http';
import QRCode from 'qrcode';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_NAMESPACE, PROTOCOL_VERSION } from '../../shared/constants.js';
import { ErrorCode, type Ack } from '../../shared/errors.js';
import type { CheckClientToServerEvents, CheckServerToClientEvents } from '../../shared/protocol.js';
import type { CheckView } from '../../shared/venue.js';
import { parsePublicUrl } from '../public-address.js';
import { callRaw, openSocket, startHarness, type Harness } from '../testing/harness.js';

type CheckSocket = Socket<CheckServerToClientEvents, CheckClientToServerEvents>;

const NOW = Date.UTC(2025, 9, 14, 4, 30);
let h: Harness | undefined;
const sockets: CheckSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await h?.stop();
  h = undefined;
});

/** GET with a Host header of our choosing, as a phone behind a misconfigured proxy might send. */
function getWithHost(url: string, host: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }));
    });
    req.on('error', reject);
  });
}

/**
 * The dark modules a QR SVG from `qrcode` draws, read back from its path (rows of `h` runs), as
 * "x,y" relative to the symbol's top-left corner (the finder pattern's first module).
 */
function darkModulesOfSvg(svg: string): Set<string> {
  const d = /<path[^>]*stroke="[^"]*"[^>]*d="([^"]+)"/.exec(svg)?.[1];
  if (!d) throw new Error('no dark path in the SVG');
  const cells: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of d.matchAll(/([MmHhVv])(-?[\d.]+)(?:\s+(-?[\d.]+))?/g)) {
    const n = Number(a);
    if (op === 'M') [x, y] = [n, Number(b)];
    else if (op === 'm') [x, y] = [x + n, y + Number(b)];
    else if (op === 'h') {
      for (let i = 0; i < n; i++) cells.push([x + i, Math.floor(y)]);
      x += n;
    } else throw new Error(`unexpected path command ${op}`);
  }
  const left = Math.min(...cells.map(([cx]) => cx));
  const top = Math.min(...cells.map(([, cy]) => cy));
  return new Set(cells.map(([cx, cy]) => `${cx - left},${cy - top}`));
}

function darkModulesOf(text: string): Set<string> {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cells = new Set<string>();
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) cells.add(`${col},${row}`);
  return cells;
}

function openCheckSocket(baseUrl: string, transports?: ('polling' | 'websocket')[]): Promise<CheckSocket> {
  return new Promise((resolve, reject) => {
    const socket: CheckSocket = connect(`${baseUrl}${CHECK_NAMESPACE}`, {
      forceNew: true,
      reconnection: false,
      ...(transports ? { transports } : {}),
    });
    sockets.push(socket);
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

describe('GET /api/check', () => {
  it('answers anyone, with no sign-in, the server clock, the protocol and the fallback address flagged', async () => {
    h = await startHarness({ now: () => NOW });
    const port = new URL(h.baseUrl).port;
    const res = await fetch(`${h.baseUrl}/api/check`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const answer = (await res.json()) as Ack<CheckView>;
    expect(answer).toEqual({
      ok: true,
      data: {
        serverTime: NOW,
        protocol: PROTOCOL_VERSION,
        // PUBLIC_URL unset: this machine's own address, which no phone can open.
        publicAddress: {
          url: expect.stringMatching(new RegExp(`^http://(localhost|127\\.0\\.0\\.1):${port}$`)),
          https: false,
          configured: false,
          local: true,
        },
        secure: false,
      },
    });
  });

  it('names the configured public address, not the Host the request came with', async () => {
    h = await startHarness({ publicAddress: parsePublicUrl('https://pitch.example.jp/') });
    const res = await getWithHost(`${h.baseUrl}/api/check`, 'evil.example');
    const answer = JSON.parse(res.body) as Ack<CheckView>;
    expect(answer.ok && answer.data.publicAddress).toEqual({
      url: 'https://pitch.example.jp',
      https: true,
      configured: true,
      local: false,
    });
  });
});

describe('GET /api/check/qr.svg', () => {
  it('is an SVG QR code of the check page at the public address, whatever the Host', async () => {
    h = await startHarness({ publicAddress: parsePublicUrl('http://192.168.10.5:3000') });
    const res = await getWithHost(`${h.baseUrl}/api/check/qr.svg`, 'evil.example');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^image\/svg\+xml/);
    expect(res.body).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const shown = darkModulesOfSvg(res.body);
    expect(shown).toEqual(darkModulesOf('http://192.168.10.5:3000/check'));
    expect(shown).not.toEqual(darkModulesOf('http://evil.example/check'));
  });

  it('shows the address /api/check names when PUBLIC_URL is unset (this machine’s own)', async () => {
    h = await startHarness();
    const check = (await (await fetch(`${h.baseUrl}/api/check`)).json()) as Ack<CheckView>;
    if (!check.ok) throw new Error(check.error.message);
    const res = await getWithHost(`${h.baseUrl}/api/check/qr.svg`, 'evil.example');
    expect(darkModulesOfSvg(res.body)).toEqual(darkModulesOf(`${check.data.publicAddress.url}/check`));
  });
});

describe('the /check namespace', () => {
  it('answers a ping with the server clock to a browser with no badge, over polling and after the upgrade', async () => {
    h = await startHarness({ now: () => NOW });
    // Behind a proxy that drops upgrades, polling is all a phone has.
    const polling = await openCheckSocket(h.baseUrl, ['polling']);
    expect(await polling.timeout(2000).emitWithAck('check:ping', { clientSentAt: 1 })).toEqual({
      ok: true,
      data: { serverTime: NOW },
    });
    expect(polling.io.engine.transport.name).toBe('polling');
    // Default transports: the engine upgrades to a websocket, as a phone's would on an open network.
    const socket = await openCheckSocket(h.baseUrl);
    await expect.poll(() => socket.io.engine.transport.name).toBe('websocket');
    expect(await socket.timeout(2000).emitWithAck('check:ping', { clientSentAt: 2 })).toEqual({
      ok: true,
      data: { serverTime: NOW },
    });
  });

  it('refuses a malformed ping with the one ack shape, and the main namespace still wants a sign-in', async () => {
    h = await startHarness();
    const socket = await openCheckSocket(h.baseUrl, ['websocket']);
    const asMain = socket as unknown as Parameters<typeof callRaw>[0];
    for (const payload of [{ clientSentAt: 'soon' }, { clientSentAt: 1, extra: true }, null]) {
      const answer = await callRaw(asMain, 'check:ping', payload);
      expect(answer).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    }
    expect(await callRaw(asMain, 'check:ping')).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    await expect(openSocket(h.baseUrl, {}, h.clients)).rejects.toThrow(ErrorCode.Unauthenticated);
  });
});
