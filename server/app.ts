/**
 * Builds the whole server from its dependencies, without listening or reading the environment, so
 * a test can run the real app on port 0 with real clients.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';
import helmet from 'helmet';
import { ErrorCode, fail } from '../shared/errors.js';
import { createOrganizerRoutes } from './http/organizer-routes.js';
import { createRoutes } from './http/routes.js';
import { attachRealtime } from './realtime/socket.js';
import type { Store } from './store/store.js';

export interface AppDeps {
  store: Store;
  secret: Buffer;
  now?: () => number;
  newId?: () => string;
  /** The address badges point at (PUBLIC_URL). */
  publicUrl?: string | undefined;
  staticDir?: string | undefined;
  log?: (message: string, detail?: unknown) => void;
}

export interface App {
  httpServer: http.Server;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export function createApp(deps: AppDeps): App {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((message: string, detail?: unknown) => console.error(message, detail ?? ''));
  const app = express();
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'img-src': ["'self'", 'data:', 'blob:'], 'connect-src': ["'self'", 'ws:', 'wss:'] },
      },
    }),
  );
  const httpServer = http.createServer(app);
  const newId = deps.newId ?? randomUUID;
  const { io, publisher } = attachRealtime(httpServer, {
    store: deps.store,
    secret: deps.secret,
    now,
    newId,
    publicUrl: deps.publicUrl,
    log,
  });
  // Before the general JSON parser: the import takes a larger body than anything else.
  app.use(
    createOrganizerRoutes({ store: deps.store, secret: deps.secret, publisher, now, newId, publicUrl: deps.publicUrl }),
  );
  app.use(express.json({ limit: '64kb' }));
  app.use(createRoutes({ store: deps.store, secret: deps.secret, now, publisher, staticDir: deps.staticDir }));
  const onError: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, _next) => {
    if (error.type === 'entity.too.large') {
      res.status(413).json(fail(ErrorCode.PayloadTooLarge, 'The request is too large.'));
    } else if (error.status && error.status >= 400 && error.status < 500) {
      res
        .status(error.status)
        .json(fail(ErrorCode.BadRequest, 'The request could not be read. Check that it is valid JSON.'));
    } else {
      log('http request failed', error);
      res.status(500).json(fail(ErrorCode.Internal, 'The server could not complete this. Please try again.'));
    }
  };
  app.use(onError);

  return {
    httpServer,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as AddressInfo).port));
      });
    },
    async close() {
      publisher.flush();
      publisher.close();
      await io.close(); // closes the HTTP server too
    },
  };
}
