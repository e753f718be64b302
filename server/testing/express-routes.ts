/**
 * The HTTP endpoints of a running app, read from express itself, so tests that must cover every
 * route (fuzzing, retries) pick up a route added tomorrow in a file they have never heard of.
 */
import type http from 'node:http';
import type express from 'express';
import type { Harness } from './harness.js';

/** What the router (router 2, inside express 5) keeps of each route or mounted middleware. */
interface Layer {
  route?: { path: string | RegExp; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  rawPath?: string | RegExp;
  matchers: ((path: string) => unknown)[];
}

export interface Endpoint {
  /** `GET /t/:token`, `POST /api/logout`, `USE /api` (a handler mounted on a path). */
  label: string;
  methods: string[];
  /** The full pattern: a string with `:params`, or the route's regular expression. */
  path: string | RegExp;
  /** Whether a request path would reach this endpoint. */
  matches: (path: string) => boolean;
}

/**
 * The app behind the harness's HTTP server. socket.io keeps the original request listener to
 * itself, but express gives every request it handles the app's prototype: a listener registered
 * after it can read `req.app`.
 */
export async function expressAppOf(h: Harness): Promise<express.Application> {
  let found: express.Application | undefined;
  const listener = (req: http.IncomingMessage) => {
    found ??= (req as express.Request).app;
  };
  h.app.httpServer.on('request', listener);
  await fetch(`${h.baseUrl}/healthz`);
  h.app.httpServer.off('request', listener);
  if (!found) throw new Error('could not find the express app behind the server');
  return found;
}

/** Every route and every path-mounted handler, nested routers walked. Middleware on `/` is not an endpoint. */
export function endpointsOf(app: express.Application): Endpoint[] {
  return walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
}

function walk(stack: Layer[], prefix: string): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const layer of stack) {
    const matches = (p: string) => {
      if (!p.startsWith(prefix)) return false;
      try {
        return layer.matchers.some((m) => !!m(p.slice(prefix.length) || '/'));
      } catch {
        return true; // a parameter that cannot be decoded: the router answers it, as this route's error
      }
    };
    if (layer.route) {
      const methods = Object.keys(layer.route.methods)
        .filter((m) => m !== '_all')
        .map((m) => m.toUpperCase());
      const path = layer.route.path;
      endpoints.push({
        label: `${methods.join(',') || 'ALL'} ${prefix}${String(path)}`,
        methods: methods.length ? methods : ['GET'],
        path: typeof path === 'string' ? prefix + path : path,
        matches,
      });
    } else if (layer.handle.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      endpoints.push(...walk(layer.handle.stack, prefix + mount));
    } else if (typeof layer.rawPath === 'string' && layer.rawPath !== '/') {
      endpoints.push({
        label: `USE ${prefix}${layer.rawPath}`,
        methods: ['GET', 'POST'],
        path: prefix + layer.rawPath,
        matches,
      });
    }
  }
  return endpoints;
}
