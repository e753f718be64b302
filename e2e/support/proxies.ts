/**
 * The reverse proxies the deploy/ folder ships, run for a test: Caddy with deploy/Caddyfile as it
 * is, nginx with deploy/nginx/pitch-match.conf with its name, ports and certificate swapped for the
 * test's. Each runs in the foreground from a temp folder (no admin endpoint, no system trust store,
 * no system log or pid file) and is stopped by the test that started it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startProcess, type Running } from '../../server/testing/process';
import { httpsStatusAtLoopback } from './processes';

const DEPLOY = path.resolve(import.meta.dirname, '../../deploy');
export const CADDYFILE = path.join(DEPLOY, 'Caddyfile');
export const NGINX_SITE = path.join(DEPLOY, 'nginx/pitch-match.conf');

function tool(name: string, paths: readonly string[]): string {
  const found = paths.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`No ${name} found (${paths.join(', ')}): run \`npm run setup:e2e\`, which installs it.`);
  return found;
}

export interface ProxyStart {
  /** Where the proxy's config, certificates, storage and logs go; removed by the caller. */
  dir: string;
  /** host:port the browser asks for, e.g. pitch.test:18443 (the name must resolve to 127.0.0.1). */
  site: string;
  /** The Node server's port on 127.0.0.1. */
  upstreamPort: number;
}

/** deploy/Caddyfile with `tls internal`, through the environment it documents. */
export function startCaddy({ dir, site, upstreamPort, httpPort }: ProxyStart & { httpPort: number }): Promise<Running> {
  return startProcess('caddy', tool('caddy', ['/usr/bin/caddy', '/usr/local/bin/caddy']), {
    args: ['run', '--config', CADDYFILE, '--adapter', 'caddyfile'],
    env: {
      PATH: process.env.PATH,
      // Its certificates, local CA and autosaved config stay in the test's folder.
      HOME: dir,
      XDG_DATA_HOME: path.join(dir, 'data'),
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      PITCH_SITE: site,
      PITCH_TLS: 'internal',
      PITCH_UPSTREAM: `127.0.0.1:${upstreamPort}`,
      CADDY_ADMIN: 'off',
      CADDY_HTTP_PORT: String(httpPort),
    },
    ready: async () => (await httpsStatusAtLoopback(`https://${site}/healthz`)) === 200,
  });
}

/** A self-signed certificate for one name, made with openssl in `dir`. */
export function selfSignedCertificate(dir: string, name: string): { cert: string; key: string } {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      ...['-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-keyout', key, '-out', cert, '-days', '1', '-subj', `/CN=${name}`],
      ...['-addext', `subjectAltName=DNS:${name}`],
    ],
    { stdio: 'pipe' },
  );
  return { cert, key };
}

export interface NginxSite {
  serverName: string;
  httpsPort: number;
  httpPort: number;
  upstreamPort: number;
  cert: string;
  key: string;
  /** Drop `proxy_set_header Host $host;`: nginx then sends its default, `Host $proxy_host`. */
  withoutHost?: boolean;
  /** Drop the Upgrade and Connection headers: a proxy that cannot carry WebSocket. */
  withoutUpgrade?: boolean;
}

/**
 * The shipped site with the test's name, ports and certificate. Every swap must match what the
 * file says, so a change to the site that the test no longer understands fails here, by name.
 */
export function renderNginxSite(text: string, site: NginxSite): string {
  const swaps: [RegExp, string, number][] = [
    [/^\s*listen \[::\]:(80|443)[^;]*;\n/gm, '', 2], // the test listens on 127.0.0.1 only
    [/listen 80;/g, `listen 127.0.0.1:${site.httpPort};`, 1],
    [/listen 443 ssl http2;/g, `listen 127.0.0.1:${site.httpsPort} ssl http2;`, 1],
    [/server_name pitch\.example\.jp;/g, `server_name ${site.serverName};`, 2],
    [/ssl_certificate \S+;/g, `ssl_certificate ${site.cert};`, 1],
    [/ssl_certificate_key \S+;/g, `ssl_certificate_key ${site.key};`, 1],
    [/proxy_pass http:\/\/127\.0\.0\.1:3000;/g, `proxy_pass http://127.0.0.1:${site.upstreamPort};`, 1],
  ];
  if (site.withoutHost) swaps.push([/^\s*proxy_set_header Host \$host;\n/gm, '', 1]);
  if (site.withoutUpgrade) swaps.push([/^\s*proxy_set_header (Upgrade|Connection) .*;\n/gm, '', 2]);
  return swaps.reduce((out, [pattern, replacement, count]) => {
    const found = out.match(pattern)?.length ?? 0;
    if (found !== count)
      throw new Error(`${NGINX_SITE} changed: ${pattern} matches ${found} times, the test expects ${count}.`);
    return out.replace(pattern, replacement);
  }, text);
}

export interface RunningNginx extends Running {
  accessLog(): string;
}

/** nginx in the foreground with the rendered site, logs and temp files in `dir`. */
export async function startNginx({ dir, ...site }: NginxSite & { dir: string }): Promise<RunningNginx> {
  const rendered = renderNginxSite(fs.readFileSync(NGINX_SITE, 'utf8'), site);
  fs.writeFileSync(path.join(dir, 'site.conf'), rendered);
  const accessLog = path.join(dir, 'access.log');
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr notice;
events { worker_connections 256; }
http {
    access_log ${accessLog};
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    include ${dir}/site.conf;
}
`,
  );
  const running = await startProcess('nginx', tool('nginx', ['/usr/sbin/nginx', '/usr/bin/nginx']), {
    // -e: the log for the moments before the config is read (otherwise /var/log/nginx/error.log).
    args: ['-c', path.join(dir, 'nginx.conf'), '-p', dir, '-e', 'stderr'],
    ready: async () => (await httpsStatusAtLoopback(`https://${site.serverName}:${site.httpsPort}/healthz`)) === 200,
  });
  return {
    ...running,
    accessLog: () => (fs.existsSync(accessLog) ? fs.readFileSync(accessLog, 'utf8') : ''),
    output: () =>
      `${running.output()}\n--- access.log ---\n${fs.existsSync(accessLog) ? fs.readFileSync(accessLog, 'utf8') : ''}`,
  };
}
