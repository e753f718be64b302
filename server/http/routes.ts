import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response } from 'express';
import { fail, ok } from '../../shared/errors.js';
import { PROTOCOL_VERSION } from '../../shared/constants.js';
import { allowed, refusal, type Action } from '../auth/policy.js';
import { clearedSessionCookies, endSession, openSession, personFromCookie, sessionIdFrom } from '../auth/session.js';
import { openToken } from '../auth/tokens.js';
import { statementsOf } from '../store/statements.js';
import type { Store } from '../store/store.js';
import { agendaFileOf, sendAgenda } from './calendar-routes.js';
import { badLinkPage } from './pages.js';
import { precompressed } from './precompressed.js';
import { secureSession, type PublicAddress } from '../public-address.js';
import { HTTP_LIMITS, rateLimit, tooManyRequests, tooManySignIns, type HttpLimits } from './rate-limit.js';

export interface RoutesDeps {
  store: Store;
  secret: Buffer;
  now: () => number;
  /** Process figures (memory, event-loop delay, sockets) for the benchmark; absent in normal runs. */
  /** The process figures; `collect`: a full garbage collection first, where node runs with --expose-gc (the bench). */
  metrics?: ((reset: boolean, collect: boolean) => Record<string, unknown>) | undefined;
  /** Ends live sockets on sign-out. */
  publisher?: { disconnectPeople(personIds: readonly string[]): void };
  /** The built client (index.html and assets), when serving it. */
  staticDir?: string | undefined;
  /** Per-address limits; `false` turns them off (the load benchmark signs thousands in from one address). */
  rateLimits?: HttpLimits | false | undefined;
  publicAddress: () => PublicAddress;
}

export function createRoutes(deps: RoutesDeps): express.Router {
  const { store, secret, now } = deps;
  const router = express.Router();
  const indexFile = deps.staticDir ? path.join(deps.staticDir, 'index.html') : null;
  const limits = deps.rateLimits === false ? null : (deps.rateLimits ?? HTTP_LIMITS);
  // One bucket per address for both links: each opening may write a session.
  const signInLimit = rateLimit(limits?.signIn ?? null, tooManySignIns);
  const postLimit = rateLimit(limits?.post ?? null, tooManyRequests);

  const sendApp = (res: Response) => {
    if (indexFile && fs.existsSync(indexFile)) {
      res.set('Cache-Control', 'no-cache').sendFile(indexFile);
    } else {
      res.status(503).type('text/plain').send('The client is not built. Run `npm run build`, or use `npm run dev`.');
    }
  };

  router.get('/healthz', (req, res) => {
    statementsOf(store.db).prepare('SELECT 1').get();
    // Process figures for the benchmark, only when the server was started with PITCH_METRICS=1.
    const metrics = deps.metrics?.(req.query.reset === '1', req.query.gc === '1');
    res.json(ok({ status: 'ok', protocol: PROTOCOL_VERSION, ...(metrics ? { metrics } : {}) }));
  });

  // The badge QR: signs this phone in as the badge's holder, then opens the app.
  router.get('/t/:token', signInLimit, (req: Request<{ token: string }>, res) => {
    const nonce = openToken(secret, 'person', req.params.token);
    const person = nonce ? store.personByBadgeNonce(nonce) : undefined;
    if (!person) {
      res.status(401).set('Cache-Control', 'no-store').type('html').send(badLinkPage());
      return;
    }
    res.setHeader('Set-Cookie', openSession(store, person, now(), secureSession(req, deps.publicAddress())));
    res.set('Cache-Control', 'no-store').redirect(303, '/');
  });

  // The board link carries its own token; the page connects with it, no sign-in.
  router.get('/board/:token', signInLimit, (req: Request<{ token: string }>, res) => {
    const nonce = openToken(secret, 'board', req.params.token);
    if (!nonce || !store.eventByBoardNonce(nonce)) {
      res.status(401).set('Cache-Control', 'no-store').type('html').send(badLinkPage());
      return;
    }
    res.set('Referrer-Policy', 'no-referrer');
    sendApp(res);
  });

  /** The signed-in person, if the policy table lets them do `action`; otherwise answers 401 or 403. */
  const signedInFor = (req: Request, res: Response, action: Action) => {
    const person = personFromCookie(store, req.headers.cookie, now());
    if (!person) {
      res.status(401).json(fail('not-signed-in', 'Not signed in. Scan the QR code on your badge.'));
      return null;
    }
    if (allowed({ kind: 'person', person }, action) === 'none') {
      res.status(403).json(refusal({ kind: 'person', person }, action));
      return null;
    }
    return person;
  };

  router.get('/api/me', (req, res) => {
    const person = signedInFor(req, res, 'http:me');
    if (!person) return;
    res.json(ok({ personId: person.id, name: person.name, role: person.role, eventId: person.eventId }));
  });

  // The signed-in person's meetings, for their calendar.
  router.get('/api/agenda.ics', (req, res) => {
    const person = signedInFor(req, res, 'http:agenda');
    if (!person) return;
    // 'own': the agenda of the person's organization; organizers, who have none, are refused above.
    sendAgenda(res, agendaFileOf(store, person, now(), deps.publicAddress().origin), true);
  });

  router.post('/api/logout', postLimit, (req, res) => {
    const sessionId = sessionIdFrom(req.headers.cookie);
    const person = personFromCookie(store, req.headers.cookie, now());
    if (sessionId) endSession(store, sessionId);
    // This browser's open socket ends too (the person's other devices keep their own sessions
    // but lose their socket for a moment and reconnect).
    if (person) deps.publisher?.disconnectPeople([person.id]);
    res.setHeader('Set-Cookie', clearedSessionCookies());
    res.json(ok(null));
  });

  router.use('/api', (_req, res) => {
    res.status(404).json(fail('no-endpoint', 'No such API endpoint.'));
  });

  if (deps.staticDir) {
    router.use(precompressed(deps.staticDir, 'public, max-age=3600'));
    router.use(express.static(deps.staticDir, { index: false, maxAge: '1h', immutable: false }));
  }
  // Everything else is a page of the single-page app.
  router.get(/^\/(?!socket\.io\/).*/, (_req, res) => sendApp(res));

  return router;
}
