/**
 * Serves the gzipped copies the build writes beside the client's scripts and styles (vite.config.ts)
 * to browsers that accept gzip; everything else falls through to the plain static files. Phones on
 * plain-HTTP venue Wi-Fi get a third of the bytes, and the server compresses nothing per request.
 */
import fs from 'node:fs';
import path from 'node:path';
import type express from 'express';

/** `dir` is the built client; only files that had a .gz there at start are ever looked up. */
export function precompressed(dir: string, cacheControl: string): express.RequestHandler {
  const assets = path.join(dir, 'assets');
  const gzipped = new Set(
    fs.existsSync(assets)
      ? fs
          .readdirSync(assets)
          .filter((f) => f.endsWith('.gz'))
          .map((f) => `/assets/${f.slice(0, -'.gz'.length)}`)
      : [],
  );
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !gzipped.has(req.path)) return next();
    // A cache between must keep the two versions apart, whichever this one gets.
    res.vary('Accept-Encoding');
    if (!req.acceptsEncodings('gzip')) return next();
    res.type(path.extname(req.path));
    res.sendFile(`${req.path.slice(1)}.gz`, {
      root: dir,
      headers: { 'Content-Encoding': 'gzip', 'Cache-Control': cacheControl },
    });
  };
}
