/**
 * The one address people reach the app at (PUBLIC_URL). Every link and QR code is built from it,
 * never from a request's Host: a badge printed from the organizer's laptop must point where phones
 * can go, and a Host header is whatever the last hop (a proxy, a phone) chose to send.
 */
import net from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';

export interface PublicAddress {
  /** scheme://host[:port], no path and no trailing slash. */
  origin: string;
  https: boolean;
  /** False when PUBLIC_URL is unset and the server fell back to http://localhost:PORT. */
  configured: boolean;
  /** localhost, 127.x or ::1: only this machine reaches it, no phone can. */
  local: boolean;
}

/** Loopback names and addresses: browsers treat them as secure, phones cannot reach them. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  return host === '::1';
}

/**
 * PUBLIC_URL as given by the person deploying: an origin, with at most a trailing slash. A path is
 * refused (the app serves from the root: /t/…, /board/…, /socket.io/), as is anything but http(s).
 */
export function parsePublicUrl(raw: string): PublicAddress {
  const example = 'e.g. PUBLIC_URL=https://pitch.example.jp or PUBLIC_URL=http://192.168.10.5:3000';
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`PUBLIC_URL "${raw}" is not an address (${example}).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`PUBLIC_URL must start with http:// or https://, not "${url.protocol}" (${example}).`);
  if (url.username || url.password) throw new Error(`PUBLIC_URL must not carry a user name or password.`);
  if (url.pathname !== '/' || url.search || url.hash)
    throw new Error(
      `PUBLIC_URL must be the site's root, without a path, query or fragment ("${url.pathname}${url.search}${url.hash}"): the app serves from / (${example}).`,
    );
  return {
    origin: url.origin,
    https: url.protocol === 'https:',
    configured: true,
    local: isLoopbackHost(url.hostname),
  };
}

/**
 * The address when PUBLIC_URL is unset: the host the server listens on if it names one (HOST=…),
 * else this machine's localhost. The console and start-up output warn when phones cannot reach it.
 */
export function fallbackAddress(port: number, listenHost?: string): PublicAddress {
  const named = listenHost && listenHost !== '0.0.0.0' && listenHost !== '::' ? listenHost : 'localhost';
  const host = net.isIPv6(named) ? `[${named}]` : named;
  return { origin: `http://${host}:${port}`, https: false, configured: false, local: isLoopbackHost(named) };
}

/**
 * Whether a browser's Origin is the app's own: the public address (so a proxy that rewrites Host,
 * as nginx's default `Host $proxy_host` does, is fine), or the host the request was sent to (a
 * station opened on the server's own laptop at http://localhost). A page of another site is neither,
 * and a site that merely points its name at this server gets no cookie to ride.
 */
export function isOwnOrigin(origin: string, host: string | undefined, address: PublicAddress): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin === address.origin) return true;
  return !!host && parsed.host === host.toLowerCase();
}

/**
 * A session cookie is Secure when the request came over HTTPS (directly, or through a trusted
 * proxy's X-Forwarded-Proto) or the public address is https: then the only plain-HTTP page that
 * still signs in is the server's own http://localhost, which browsers treat as secure.
 */
export function secureSession(req: { secure: boolean }, address: PublicAddress): boolean {
  return req.secure || address.https;
}

/** Addresses of this machine's network cards, for the start-up hint (IPv4, not loopback). */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  return Object.values(interfaces)
    .flat()
    .filter((nic): nic is NetworkInterfaceInfo => !!nic && nic.family === 'IPv4' && !nic.internal)
    .map((nic) => nic.address);
}

/**
 * What the start-up output says about the address (English, then Japanese): which address to set
 * when phones cannot reach the one in use, and what plain HTTP or a proxy without TRUST_PROXY limits.
 */
export function addressNotes(
  address: PublicAddress,
  opts: { port: number; trustProxy: unknown; lan: readonly string[] },
): string[] {
  const suggestion = opts.lan.length
    ? opts.lan.map((ip) => `PUBLIC_URL=http://${ip}:${opts.port}`).join('  or  ')
    : 'PUBLIC_URL=https://your-domain';
  const notes: string[] = [];
  if (address.local) {
    notes.push(
      `! ${address.configured ? `PUBLIC_URL=${address.origin} is` : `PUBLIC_URL is not set: links and badge QR codes use ${address.origin},`} reachable from this machine only; phones cannot open it.`,
      `  Set the address phones use, e.g. ${suggestion}, or a hosted https:// address (README: Deploy).`,
      `! 公開アドレス（PUBLIC_URL）が ${address.origin} のため、名札のQRコードをスマートフォンで開けません。上の例のように設定してください。`,
    );
  } else if (!address.https) {
    notes.push(
      `  Plain HTTP at ${address.origin}: phones sign in and tap; a door station's camera needs HTTPS (or this machine's http://localhost:${opts.port}); name search works everywhere.`,
      `  HTTP で公開中: 受付のカメラ読み取りには HTTPS が必要です（名前検索はどこでも使えます）。`,
    );
  }
  if (address.https && opts.trustProxy === false) {
    notes.push(
      `! PUBLIC_URL is https but TRUST_PROXY is not set: behind Caddy or nginx on this machine set TRUST_PROXY=loopback (or the proxy's address), so each phone's own address and HTTPS are seen.`,
      `! HTTPS のリバースプロキシ経由では TRUST_PROXY（例: loopback）を設定してください。`,
    );
  }
  return notes;
}
