/**
 * Builds the whole server from its dependencies, without listening or reading the environment, so
 * a test can run the real app on port 0 with real clients.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import express, { type ErrorRequestHandler } from 'express';
import helmet from 'helmet';
import type { TrustProxy } from './config.js';
import { fail } from '../shared/errors.js';
import { badgeChecker } from './commands/door.js';
import { createBookingWindowRoutes } from './http/booking-window-routes.js';
import { createCalendarRoutes } from './http/calendar-routes.js';
import { createScheduleRoutes } from './http/schedule-routes.js';
import { createCheckRoutes } from './http/check-routes.js';
import { createConsoleRoutes } from './http/console-routes.js';
import { createMailRoutes } from './http/mail-routes.js';
import { createOpenDataRoutes } from './http/open-data-routes.js';
import { createOrganizerRoutes } from './http/organizer-routes.js';
import { createBadgeRoutes } from './http/badge-routes.js';
import { createPrintScriptRoutes } from './http/print-script.js';
import { createProgrammeRoutes } from './http/programme-routes.js';
import { createPrivacyRoutes } from './http/privacy-routes.js';
import type { HttpLimits } from './http/rate-limit.js';
import { badLinkPage } from './http/pages.js';
import { fallbackAddress, type PublicAddress } from './public-address.js';
import { createRoutes } from './http/routes.js';
import { attachRealtime } from './realtime/socket.js';
import type { GroupCommitStats } from './store/group-commit.js';
import type { Store } from './store/store.js';

export interface AppDeps {
  store: Store;
  secret: Buffer;
  now?: () => number;
  newId?: () => string;
  /** The address every link and QR code points at (PUBLIC_URL); unset: http://localhost:PORT. */
  publicAddress?: PublicAddress | undefined;
  /** Whose X-Forwarded-* headers count (TRUST_PROXY); by default no one's. */
  trustProxy?: TrustProxy;
  staticDir?: string | undefined;
  /** Report process figures on /healthz (PITCH_METRICS=1), for `npm run bench`. */
  metrics?: boolean;
  /** Per-address HTTP limits (sign-in links, POSTs); `false` turns them off (PITCH_RATE_LIMIT=0). */
  rateLimits?: HttpLimits | false;
  /** Socket commands that arrive together share one commit (default); false: one each (PITCH_GROUP_COMMIT=0). */
  groupCommit?: boolean;
  log?: (message: string, detail?: unknown) => void;
}

export interface App {
  httpServer: http.Server;
  listen(port: number, host?: string): Promise<number>;
  /** Sends the facts held back for the flush window (counts, door figures) now: tests and shutdown. */
  flush(): void;
  close(): Promise<void>;
}

export function createApp(deps: AppDeps): App {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((message: string, detail?: unknown) => console.error(message, detail ?? ''));
  const app = express();
  app.disable('x-powered-by');
  // Forwarded proto, address and host count only from the proxies named here; a phone's own
  // X-Forwarded-For changes nothing (per-address limits, Secure cookies).
  app.set('trust proxy', deps.trustProxy ?? false);
  // Until listen() knows the port, and for good when PUBLIC_URL is set.
  let address = deps.publicAddress ?? fallbackAddress(0);
  const publicAddress = () => address;
  app.use(securityHeaders());
  const httpServer = http.createServer(app);
  const newId = deps.newId ?? randomUUID;
  // The people organizers and door staff receive carry badge checks, made with this instance's secret.
  deps.store.checkBadgesWith(badgeChecker(deps.secret));
  const { io, publisher, group } = attachRealtime(httpServer, {
    store: deps.store,
    secret: deps.secret,
    now,
    newId,
    publicAddress,
    log,
    groupCommit: deps.groupCommit ?? true,
  });
  const organizerDeps = {
    store: deps.store,
    secret: deps.secret,
    publisher,
    now,
    newId,
    publicAddress,
    rateLimits: deps.rateLimits,
  };
  // Before the general JSON parser: the import and an event's restore take larger bodies.
  app.use(createOrganizerRoutes(organizerDeps));
  app.use(createBadgeRoutes(organizerDeps));
  app.use(createConsoleRoutes(organizerDeps));
  app.use(createPrivacyRoutes({ ...organizerDeps, log }));
  // What close() awaits before the HTTP server goes: the mailer's send in flight, settled.
  const stoppers: (() => Promise<void>)[] = [];
  app.use(createMailRoutes({ ...organizerDeps, httpServer, log, onClose: (stop) => stoppers.push(stop) }));
  app.use(createPrintScriptRoutes());
  app.use(express.json({ limit: '64kb' }));
  app.use(createCheckRoutes({ now, publicAddress }));
  app.use(createOpenDataRoutes(organizerDeps));
  app.use(createProgrammeRoutes(organizerDeps));
  app.use(createCalendarRoutes(organizerDeps));
  app.use(createBookingWindowRoutes(organizerDeps));
  app.use(createScheduleRoutes(organizerDeps));
  const metrics = deps.metrics
    ? processMetrics(
        () => io.engine.clientsCount,
        () => group.stats(),
      )
    : undefined;
  app.use(
    createRoutes({
      store: deps.store,
      secret: deps.secret,
      now,
      publisher,
      metrics,
      staticDir: deps.staticDir,
      rateLimits: deps.rateLimits,
      publicAddress,
    }),
  );
  const onError: ErrorRequestHandler = (error: { status?: number; type?: string }, req, res, _next) => {
    if (error.type === 'entity.too.large') {
      res.status(413).json(fail('too-large', 'The request is too large.'));
    } else if (error instanceof URIError) {
      // A link cut or mangled on its way (a broken %-escape): a page for a phone, a code for the API.
      if (req.path.startsWith('/api/')) {
        res.status(400).json(fail('malformed', 'The address could not be read.'));
      } else {
        res.status(400).set('Cache-Control', 'no-store').type('html').send(badLinkPage());
      }
    } else if (error.status && error.status >= 400 && error.status < 500) {
      res.status(error.status).json(fail('malformed', 'The request could not be read. Check that it is valid JSON.'));
    } else {
      log('http request failed', error);
      res.status(500).json(fail('internal', 'The server could not complete this. Please try again.'));
    }
  };
  app.use(onError);

  return {
    httpServer,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const listening = (httpServer.address() as AddressInfo).port;
          if (!deps.publicAddress) address = fallbackAddress(listening, host);
          resolve(listening);
        });
      });
    },
    flush: () => publisher.flush(),
    async close() {
      group.flush(); // the commands already taken in are committed and answered, not dropped
      await Promise.all(stoppers.map((stop) => stop()));
      publisher.flush();
      publisher.close();
      await io.close(); // closes the HTTP server too
    },
  };
}

/**
 * helmet's headers, with HTTPS-only parts sent only on HTTPS requests (as seen through trusted
 * proxies): `upgrade-insecure-requests` and HSTS on a plain-HTTP page at a venue address make the
 * browser ask for every script over https, and the phone shows a blank page.
 */
function securityHeaders(): express.RequestHandler {
  const directives = {
    'img-src': ["'self'", 'data:', 'blob:'],
    'connect-src': ["'self'", 'ws:', 'wss:'],
  };
  const overHttps = helmet({ contentSecurityPolicy: { directives } });
  const overHttp = helmet({
    contentSecurityPolicy: { directives: { ...directives, 'upgrade-insecure-requests': null } },
    strictTransportSecurity: false,
  });
  return (req, res, next) => (req.secure ? overHttps : overHttp)(req, res, next);
}

/** Memory and event-loop delay of this process, with the number of connected sockets. */
function processMetrics(
  sockets: () => number,
  commits: () => GroupCommitStats,
): (reset: boolean, collect: boolean) => Record<string, unknown> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return (reset, collect) => {
    // What the sockets hold, not the garbage their sign-ins left: the bench's memory per socket
    // is read after a full collection (node --expose-gc), on the app and the bare stack alike.
    const gc = (globalThis as { gc?: () => void }).gc;
    if (collect && gc) gc();
    const memory = process.memoryUsage();
    const figures = {
      sockets: sockets(),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
      /** Since the start: commits of the group commit, the commands in them, the largest group. */
      groupCommit: commits(),
    };
    if (reset) delay.reset();
    return figures;
  };
}
