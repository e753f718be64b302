/**
 * What e2e adds to the process kit (server/testing/process.ts, which starts and stops the built
 * server, Caddy and nginx for the specs): asking a proxy on loopback for a name it serves by TLS.
 */
import https from 'node:https';

/**
 * The status of a GET to an https:// address, sent to 127.0.0.1 with the address's name for TLS
 * (SNI) and Host, as a browser that resolves the name to this machine would; any certificate.
 */
export function httpsStatusAtLoopback(url: string): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = https.get(
      {
        host: '127.0.0.1',
        port: Number(target.port || 443),
        path: target.pathname + target.search,
        servername: target.hostname,
        headers: { host: target.host },
        rejectUnauthorized: false,
        timeout: 2_000,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    request.once('timeout', () => request.destroy(new Error('timed out')));
    request.once('error', reject);
  });
}
