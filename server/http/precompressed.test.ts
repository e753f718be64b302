import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app.js';
import { tempDbFile } from '../testing/harness.js';
import { openDb } from '../store/db.js';
import { Store } from '../store/store.js';

const SCRIPT = `console.log(${JSON.stringify('ピッチマッチ '.repeat(200))});\n`;
let dir: string;
let store: Store;
let app: App;
let port: number;

beforeEach(async () => {
  const temp = tempDbFile();
  dir = path.join(temp.dir, 'client');
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc.js'), SCRIPT);
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc.js.gz'), zlib.gzipSync(SCRIPT));
  fs.writeFileSync(path.join(dir, 'assets', 'plain-abc.css'), 'body { margin: 0 }\n');
  // Outside assets/: never reachable as a gzipped copy.
  fs.writeFileSync(path.join(dir, 'secret.js'), 'secret');
  fs.writeFileSync(path.join(dir, 'secret.js.gz'), zlib.gzipSync('secret'));
  store = new Store(openDb(temp.dbFile));
  app = createApp({ store, secret: randomBytes(32), staticDir: dir, log: () => {} });
  port = await app.listen(0, '127.0.0.1');
});

afterEach(async () => {
  await app.close();
  store.db.close();
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});

/** A raw GET (fetch would decompress and normalize the path). */
function get(pathname: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: pathname, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
  });
}

describe('the built client, gzipped once at build', () => {
  it('sends the gzipped copy of a script to a browser that accepts gzip', async () => {
    const res = await get('/assets/index-abc.js', 'gzip, deflate');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.body.length).toBeLessThan(SCRIPT.length / 4);
    expect(zlib.gunzipSync(res.body).toString()).toBe(SCRIPT);
  });

  it('sends the plain file to one that does not, and files without a copy as they are', async () => {
    for (const encoding of [undefined, 'identity', 'br', 'gzip;q=0']) {
      const res = await get('/assets/index-abc.js', encoding);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
      expect(res.body.toString()).toBe(SCRIPT);
    }
    const css = await get('/assets/plain-abc.css', 'gzip');
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.headers['content-type']).toMatch(/css/);
    expect(css.body.toString()).toBe('body { margin: 0 }\n');
  });

  it('never answers a path outside the assets with a gzipped copy', async () => {
    for (const pathname of ['/assets/../secret.js', '/assets/..%2fsecret.js', '/secret.js']) {
      const res = await get(pathname, 'gzip');
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body.includes(zlib.gzipSync('secret'))).toBe(false);
    }
  });
});
