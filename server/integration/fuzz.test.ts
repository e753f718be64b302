/**
 * Property-based fuzzing of every socket command and every HTTP route, against the real app.
 *
 * Commands and routes are enumerated from the running server (the command registry, the express
 * app's router stack), so one added tomorrow is fuzzed without touching this file. Payloads come
 * from each command's own zod schema: valid, with one field broken, or plainly hostile. Properties:
 * every command with a callback gets exactly one answer of the one ack shape with a known code and
 * never INTERNAL; no route answers 5xx, and its errors are JSON with a code under /api, a page
 * elsewhere; the process keeps serving; the store stays consistent.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { PacketType } from 'socket.io-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errors.js';
import type { GridSettings } from '../../shared/model.js';
import { importRequestSchema, type CommandName } from '../../shared/protocol.js';
import { zonedTime } from '../domain/slots.js';
import { registeredCommands } from '../realtime/command.js';
import { cachedSlots } from '../commands/views.js';
import { endpointsOf, expressAppOf, type Endpoint } from '../testing/express-routes.js';
import { hostilePayload, nearValid, oddValue, polluted, validPayload, type Hint } from '../testing/schema-arbitrary.js';
import { call, openSocket, startHarness, type ClientSocket, type Harness } from '../testing/harness.js';
import { reasonsSeen, refusalProblem } from '../testing/refusal-check.js';

/** Runs per command and principal, and per route: modest, so the file stays well under a minute on two busy cores. */
const SOCKET_RUNS = 20;
const HTTP_RUNS = 25;
const ANSWER_MS = 3000;

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));
const PRINCIPALS = ['organizer', 'firm', 'venture', 'partner', 'board'] as const;
type PrincipalName = (typeof PRINCIPALS)[number];

/**
 * Every command of the protocol. Typed against the protocol's event map, so a command added there
 * without a line here fails the typecheck; compared with what the server registers at run time.
 */
const PROTOCOL_COMMANDS: Record<CommandName, true> = {
  sync: true,
  'time:sync': true,
  'program:control': true,
  'program:session-save': true,
  'program:session-delete': true,
  'program:pitch-save': true,
  'program:pitch-delete': true,
  'program:pitch-move': true,
  'interest:set': true,
  'checkin:scan': true,
  'checkin:person': true,
  'checkin:undo': true,
  'person:register': true,
  'person:update': true,
  'org:update': true,
  'org:merge': true,
  'org:challenges': true,
  'badge:reissue': true,
  'grid:save': true,
  'meeting:request': true,
  'meeting:respond': true,
  'meeting:free-slots': true,
  'meeting:withdraw': true,
  'meeting:book': true,
  'meeting:move': true,
  'meeting:cancel': true,
  'meeting:mark': true,
  'meeting:outcome': true,
  'meeting:confirm': true,
  'schedule:preview': true,
  'schedule:commit': true,
};

const figures = { emits: 0, requests: 0, socketMs: 0, httpMs: 0, pairs: 0, routes: 0 };
afterAll(() => {
  console.log(
    `fuzz: ${figures.pairs} command × principal pairs, ${figures.emits} emits in ${(figures.socketMs / 1000).toFixed(1)} s; ` +
      `${figures.routes} routes, ${figures.requests} HTTP requests in ${(figures.httpMs / 1000).toFixed(1)} s; ` +
      `${[...reasonsSeen.values()].reduce((a, b) => a + b, 0)} refusals of ${reasonsSeen.size} reasons`,
  );
});

// ---- checks shared by both halves ----

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

async function expectServing(h: Harness): Promise<void> {
  const res = await fetch(`${h.baseUrl}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, data: { status: 'ok' } });
  // The server runs in this process: a polluted prototype would show here.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** SQLite's own checks, and the change log: one row per sequence number, 1 to the event's seq, no gap. */
function expectConsistent(h: Harness): void {
  const db = h.store.db;
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  const logs = db
    .prepare(
      `SELECT e.id, e.seq, COUNT(c.seq) AS rows, COALESCE(MIN(c.seq), 0) AS lo, COALESCE(MAX(c.seq), 0) AS hi
       FROM events e LEFT JOIN changes c ON c.event_id = e.id GROUP BY e.id`,
    )
    .all() as { id: string; seq: number; rows: number; lo: number; hi: number }[];
  for (const log of logs) {
    expect(log, `change log of event ${log.id}`).toEqual({ ...log, rows: log.seq, lo: log.seq ? 1 : 0, hi: log.seq });
  }
  // The pitch on stage is one the program still has.
  const live = h.store.program(h.eventId).live;
  if (live.pitchId) expect(h.store.program(h.eventId).pitches.map((p) => p.id)).toContain(live.pitchId);
}

/** A readable failure for an answer that is not `{ ok: true, data } | { ok: false, error: { code, message } }`. */
function expectWellFormed(answer: unknown, context: string, logged: string[]): void {
  const a = answer as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  const well =
    typeof a === 'object' &&
    a !== null &&
    ((a.ok === true && 'data' in a) ||
      (a.ok === false &&
        typeof a.error?.code === 'string' &&
        KNOWN_CODES.has(a.error.code) &&
        typeof a.error.message === 'string' &&
        a.error.message.length > 0));
  expect(well, `${context}: ${JSON.stringify(answer)?.slice(0, 300)}`).toBe(true);
  // A refusal the client can say in the person's language, not only in the server's English.
  if (a.ok === false)
    expect(refusalProblem(a.error), `${context}: ${JSON.stringify(answer)?.slice(0, 300)}`).toBeNull();
  // INTERNAL means a handler threw: a bug, whatever the payload was.
  expect(a.ok === false && a.error?.code, `${context}: ${logged.join(' | ').slice(0, 600)}`).not.toBe(
    ErrorCode.Internal,
  );
}

// ---- sockets ----

type Shape = 'payload' | 'no-payload' | 'extra-argument' | 'no-ack' | 'non-function-ack';
const shapes = fc.oneof(
  { weight: 12, arbitrary: fc.constant<Shape>('payload') },
  { weight: 1, arbitrary: fc.constantFrom<Shape>('no-payload', 'extra-argument', 'no-ack', 'non-function-ack') },
);
const expectsAnswer = (shape: Shape) => shape !== 'no-ack' && shape !== 'non-function-ack';

/** Counts the ACK packets a socket receives: each acknowledged emit must get exactly one. */
function countAcks(socket: ClientSocket): { received: number } {
  const count = { received: 0 };
  socket.io.on('packet', (packet) => {
    if (packet.type === PacketType.ACK || packet.type === PacketType.BINARY_ACK) count.received++;
  });
  return count;
}

/** Sends one command as a client of that shape would; resolves with the answer, or null when none is due. */
/**
 * What `emit` answers when socket.io-client itself cannot encode the payload (an own `__proto__` key
 * next to binary data makes its packet copier set a prototype): nothing left the client.
 */
const UNSENDABLE = Symbol('unsendable');

function emit(socket: ClientSocket, event: string, payload: unknown, shape: Shape): Promise<unknown> {
  const raw = socket.emit as (e: string, ...args: unknown[]) => void;
  if (!expectsAnswer(shape)) {
    try {
      if (shape === 'no-ack') raw.call(socket, event, payload);
      else raw.call(socket, event, payload, 'not a callback');
    } catch {
      return Promise.resolve(UNSENDABLE);
    }
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no answer to ${event} (${shape}) within ${ANSWER_MS} ms`)),
      ANSWER_MS,
    );
    const ack = (answer: unknown) => {
      clearTimeout(timer);
      resolve(answer);
    };
    try {
      if (shape === 'payload') raw.call(socket, event, payload, ack);
      else if (shape === 'no-payload') raw.call(socket, event, ack);
      else raw.call(socket, event, payload, { extra: true }, ack);
    } catch {
      clearTimeout(timer);
      resolve(UNSENDABLE);
    }
  });
}

const schemaRefusal = (answer: unknown) => {
  const a = answer as { ok: boolean; error?: { code: string; message: string } };
  return !a.ok && a.error?.code === ErrorCode.BadRequest && a.error.message.startsWith('Invalid request');
};

describe('fuzzing every socket command', () => {
  let h: Harness;
  let clock = 0;
  const logged: string[] = [];
  const at = (time: string) => zonedTime(h.store.getEvent(h.eventId)!.date, time, 'Asia/Tokyo');
  /** Per command: answers seen, and answers that got past the schema to the handler. */
  const reached = new Map<string, { answered: number; handled: number }>();
  const ownIds = new Set<string>();

  beforeAll(async () => {
    h = await startHarness({
      now: () => clock,
      log: (message, detail) => logged.push(`${message}: ${String(detail)}`),
    });
    clock = at('09:00');
    for (const p of PRINCIPALS) if (p !== 'board') ownIds.add(personIdOf(p));
    await stageMeetings();
    // Mid-afternoon: some meetings have started (they can be marked), some slots are still ahead.
    clock = at('15:40');
  });
  afterAll(async () => {
    await h.stop();
  });

  function personIdOf(p: Exclude<PrincipalName, 'board'>): string {
    const link = h.person(p);
    return h.store.listPeople(h.eventId).find((x) => x.name === link.name)!.id;
  }

  /** Requests and meetings to aim at: without them every meeting command stops at "not found". */
  async function stageMeetings(): Promise<void> {
    const organizer = await h.connectAs(h.person('organizer').url);
    const firms = [
      h.person('firm', 0),
      h.links.people.find((p) => p.role === 'firm' && p.org !== h.person('firm').org)!,
    ];
    const ventures = h.store.program(h.eventId).pitches.map((p) => p.ventureId);
    for (const [i, firm] of firms.entries()) {
      const socket = await h.connectAs(firm.url);
      await call(socket, 'meeting:request', { toOrgId: ventures[i]!, message: 'fuzz', key: `stage-request-${i}` });
      socket.disconnect();
    }
    const orgs = h.store.db.prepare('SELECT id, kind FROM organizations WHERE event_id = ?').all(h.eventId) as {
      id: string;
      kind: string;
    }[];
    const guest = orgs.find((o) => o.kind === 'firm')!.id;
    const event = h.store.getEvent(h.eventId)!;
    const slots = cachedSlots(h.store.getGrid(h.eventId)!, event.date, event.timeZone);
    // The first slot will have started when the fuzz runs (it can be marked held), the fourth not.
    for (const [i, slot] of [slots[0]!, slots[3]!].entries()) {
      const answer = await call(organizer, 'meeting:book', {
        guestOrgId: guest,
        ventureOrgId: ventures[2 + i]!,
        slotStart: slot.start,
        table: '1',
        key: `stage-book-${i}`,
      });
      expect(answer.ok, JSON.stringify(answer)).toBe(true);
    }
    organizer.disconnect();
  }

  /** Real values of the event, by property name, read afresh: the fuzz itself adds and removes things. */
  function hints(): Hint {
    const store = h.store;
    const program = store.program(h.eventId);
    const grid = store.getGrid(h.eventId) as GridSettings | undefined;
    const event = store.getEvent(h.eventId)!;
    const people = store
      .listPeople(h.eventId)
      .map((p) => p.id)
      .filter((id) => !ownIds.has(id)); // a reissued badge or a moved person would end our own sockets
    const orgs = store.db.prepare('SELECT id FROM organizations WHERE event_id = ?').pluck().all(h.eventId) as string[];
    const pools: Record<string, unknown[]> = {
      personId: people,
      toOrgId: orgs,
      guestOrgId: orgs,
      ventureOrgId: orgs,
      ventureId: orgs,
      requestId: store.requests(h.eventId).map((r) => r.id),
      meetingId: store.meetings(h.eventId).map((m) => m.id),
      sessionId: program.sessions.map((s) => s.id),
      pitchId: program.pitches.map((p) => p.id),
      expect: [null, ...program.pitches.map((p) => p.id)],
      id: [...program.pitches, ...program.sessions].map((x) => x.id),
      text: [h.links.board, ...h.links.people.filter((p) => p.role !== 'organizer').map((p) => p.url)],
      // A few keys used again and again, so replays go through the idempotency path.
      key: ['fuzz-key-1', 'fuzz-key-2', 'fuzz-key-3'],
      table: grid?.tables ?? [],
      slotStart: grid ? cachedSlots(grid, event.date, event.timeZone).map((s) => s.start) : [],
    };
    return (property) => {
      const pool = pools[property];
      return pool && pool.length > 0 ? fc.constantFrom(...pool) : undefined;
    };
  }

  // One sign-in per principal, a new socket per command: signing in is a durable write, a socket is not.
  const cookies = new Map<PrincipalName, string>();
  async function connect(p: PrincipalName): Promise<ClientSocket> {
    if (p === 'board') return h.connectBoard();
    if (!cookies.has(p)) cookies.set(p, await h.signIn(h.person(p).url));
    return openSocket(h.baseUrl, { cookie: cookies.get(p)! }, h.clients);
  }

  it('fuzzes exactly the commands the server registers, and those are the protocol’s', async () => {
    // Registration happens per socket: one connection fills the registry.
    (await connect('firm')).disconnect();
    expect([...registeredCommands.keys()].sort()).toEqual(Object.keys(PROTOCOL_COMMANDS).sort());
  });

  for (const principal of PRINCIPALS) {
    it(`answers every command from the ${principal} once, in the one shape, and keeps serving`, async () => {
      const started = performance.now();
      const logBefore = h.store.db.prepare('SELECT COUNT(*) FROM changes').pluck().get() as number;
      for (const [command, schema] of registeredCommands) {
        // A fresh socket per command: the per-socket rate limit would otherwise answer most of them.
        const socket = await connect(principal);
        const acks = countAcks(socket);
        let due = 0;
        const seen = reached.get(command) ?? { answered: 0, handled: 0 };
        reached.set(command, seen);
        await fc.assert(
          fc.asyncProperty(hostilePayload(validPayload(schema, hints())), shapes, async (payload, shape) => {
            figures.emits++;
            const answer = await emit(socket, command, payload, shape);
            if (!expectsAnswer(shape) || answer === UNSENDABLE) return;
            due++;
            seen.answered++;
            if (!schemaRefusal(answer)) seen.handled++;
            expectWellFormed(answer, `${principal} ${command} ${shape}`, logged);
          }),
          { numRuns: SOCKET_RUNS },
        );
        // One more round trip: every answer due has arrived by now, and nothing else did.
        await emit(socket, 'time:sync', { clientSentAt: 0 }, 'payload');
        expect(acks.received, `${principal} ${command}: answers received vs due`).toBe(due + 1);
        expect(socket.connected, `${principal} ${command} still connected`).toBe(true);
        socket.disconnect();
        figures.pairs++;
        await expectServing(h);
      }
      expectConsistent(h);
      if (principal === 'board') {
        // The board link is read-only: nothing it sent may have written anything.
        expect(h.store.db.prepare('SELECT COUNT(*) FROM changes').pluck().get()).toBe(logBefore);
      } else if (principal !== 'organizer') {
        const organizerOnly = h.store.db
          .prepare(
            `SELECT kind FROM changes WHERE actor = ? AND (kind LIKE 'program:%' OR kind LIKE 'checkin:%'
             OR kind LIKE 'person:%' OR kind LIKE 'badge:%' OR kind LIKE 'grid:%')`,
          )
          .pluck()
          .all(personIdOf(principal));
        expect(organizerOnly, `${principal} wrote what only organizers may`).toEqual([]);
      }
      figures.socketMs += performance.now() - started;
    }, 60_000);
  }

  it('reached every command’s handler past its schema, from some principal', () => {
    for (const command of registeredCommands.keys()) {
      expect(reached.get(command), command).toBeDefined();
      expect(reached.get(command)!.handled, `${command}: no fuzzed payload got past the schema`).toBeGreaterThan(0);
    }
  });

  it('answers a command sent without a payload, or with one argument too many (found by this fuzz)', async () => {
    const firm = await connect('firm');
    for (const shape of ['no-payload', 'extra-argument'] as const) {
      expect(await emit(firm, 'time:sync', { clientSentAt: 1 }, shape)).toMatchObject({
        ok: false,
        error: { code: ErrorCode.BadRequest, message: expect.stringMatching(/^Invalid request/) },
      });
    }
    firm.disconnect();
  });

  it('closes a socket whose message is over the size limit, and keeps serving the others', async () => {
    const other = await connect('firm');
    const big = await connect('firm');
    const closed = new Promise<string>((resolve) => big.once('disconnect', resolve));
    (big.emit as (e: string, ...a: unknown[]) => void)('interest:set', { note: 'x'.repeat(70_000) }, () => {});
    expect(await closed).toBe('transport close');
    expect(await emit(other, 'time:sync', { clientSentAt: 1 }, 'payload')).toMatchObject({ ok: true });
    await expectServing(h);
  });
});

// ---- HTTP ----

/** An endpoint of the app, and the paths aimed at it. */
interface Route extends Endpoint {
  paths: fc.Arbitrary<string>;
}

function routeOf(endpoint: Endpoint, segment: fc.Arbitrary<string>): Route {
  const { label, path: pattern } = endpoint;
  const paths =
    pattern instanceof RegExp
      ? anyPath(segment)
      : label.startsWith('USE ')
        ? fc.tuple(fc.constant(pattern), fc.option(segment)).map(([p, s]) => (s ? `${p}/${s}` : p))
        : pathFrom(pattern, segment);
  return { ...endpoint, paths };
}

/** The route's pattern with each parameter replaced by a fuzzed segment. */
function pathFrom(pattern: string, segment: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const parts = pattern.replace(/[{}]/g, '').split('/');
  const param = /[:*]\w+/;
  return fc
    .tuple(...parts.map((part) => (param.test(part) ? segment.map((s) => part.replace(param, s)) : fc.constant(part))))
    .map((filled) => filled.join('/') || '/');
}

function anyPath(segment: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(segment, fc.constantFrom('assets', 'index.html', 'organizer', 'checkin', 'api', '.', '..')), {
      maxLength: 4,
    })
    .map((segments) => `/${segments.join('/')}`)
    .filter((p) => !p.startsWith('/socket.io/'));
}

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
}
interface Received {
  status: number;
  type: string;
  body: Buffer;
}

function send(baseUrl: string, request: Sent): Promise<Received> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method: request.method, path: request.path, headers: request.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            type: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${request.method} ${request.path}`)));
    req.on('error', reject);
    // Node sends a GET's body without a length unless told: the server would read it as the next request.
    if (request.body) req.setHeader('content-length', request.body.length);
    req.end(request.body ?? undefined);
  });
}

describe('fuzzing every HTTP route', () => {
  let h: Harness;
  let routes: Route[];
  const logged: string[] = [];
  const cookies = new Map<string, string>();
  const hits = new Map<string, number>();

  beforeAll(async () => {
    // A built client to serve, so page routes answer as they do in production.
    const staticDir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'pitch-static-'));
    fs.mkdirSync(path.join(staticDir, 'assets'));
    fs.writeFileSync(
      path.join(staticDir, 'index.html'),
      '<!doctype html><title>Pitch Match</title><div id="root"></div>',
    );
    fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("app")');
    h = await startHarness({ staticDir, log: (message, detail) => logged.push(`${message}: ${String(detail)}`) });
    for (const role of ['organizer', 'firm'] as const) cookies.set(role, await h.signIn(h.person(role).url));
    const segment = segmentOf(h);
    routes = endpointsOf(await expressAppOf(h)).map((endpoint) => routeOf(endpoint, segment));
    routes.push({ label: 'any path', methods: ['GET'], path: /.*/, paths: anyPath(segment), matches: () => true });
  });
  afterAll(async () => {
    await h.stop();
  });

  /** A path segment: real and forged tokens, encodings that break decoders, traversal, sheer length. */
  function segmentOf(harness: Harness): fc.Arbitrary<string> {
    const tokens = [harness.links.board, ...harness.links.people.map((p) => p.url)].map((u) => u.split('/').pop()!);
    return fc.oneof(
      fc.constantFrom(...tokens),
      fc.stringMatching(/^[A-Za-z0-9_-]{44}$/),
      fc.string({ unit: 'binary', maxLength: 40 }).map(encodeURIComponent),
      fc.constantFrom('%', '%E0%A4%A', '%00', '%ff', '..', '%2e%2e', '%2F', ';', '%3Cscript%3E', 'index.html'),
      fc.constant('A'.repeat(6000)),
    );
  }

  const queryString = fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom('person', 'reset', '__proto__[polluted]', 'constructor[prototype][x]', 'a[b][c]'),
          fc.string(),
        ),
        fc.oneof(fc.constantFrom('1', '', '%', 'x'.repeat(3000)), fc.string()),
      ),
      { maxLength: 4 },
    )
    .map((pairs) =>
      pairs.length
        ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v === '%' ? '%' : encodeURIComponent(v)}`).join('&')}`
        : '',
    );

  /** A registration CSV, base64, near what an organizer uploads: headers we know, rows of anything. */
  const csvBase64 = fc
    .tuple(
      fc.shuffledSubarray(
        ['氏名', 'ふりがな', '会社名', '区分', 'メール', '役職', 'name', 'company', 'kind', 'email'],
        {
          minLength: 1,
        },
      ),
      fc.array(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('firm', 'venture', 'partner', '"', '""', ',', '\r\n')), {
          maxLength: 8,
        }),
        {
          maxLength: 6,
        },
      ),
      fc.constantFrom('utf8', 'bom', 'binary'),
    )
    .map(([headers, rows, encoding]) => {
      const text = [headers, ...rows].map((r) => r.join(',')).join('\r\n');
      const bytes =
        encoding === 'bom'
          ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
          : Buffer.from(text, encoding === 'binary' ? 'latin1' : 'utf8');
      return bytes.toString('base64');
    });

  const importBody = nearValid(
    validPayload(importRequestSchema, (property) => (property === 'fileBase64' ? csvBase64 : undefined)),
  );

  const bodies: fc.Arbitrary<Buffer | null> = fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 3, arbitrary: fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
    { weight: 3, arbitrary: importBody.map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
    { weight: 1, arbitrary: polluted.map((v) => Buffer.from(JSON.stringify(v))) },
    { weight: 1, arbitrary: oddValue.map((v) => Buffer.from(JSON.stringify(v) ?? 'undefined')) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom('{', '{"a":', '[1,2', 'nul', '"\\uZZZZ"', '{"fileBase64":}', '\u0000'), fc.string())
        .map(([start, rest]) => Buffer.from(start + rest)),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) },
    // Over the general 64 KB limit, and (rarer: it is slow to send) over the import's 3 MB one.
    {
      weight: 1,
      arbitrary: fc
        .oneof({ weight: 4, arbitrary: fc.constant(70_000) }, { weight: 1, arbitrary: fc.constant(3_300_000) })
        .map((n) => Buffer.from(`{"fileBase64":"${'A'.repeat(n)}"}`)),
    },
  );

  function requestsFor(route: Route): fc.Arbitrary<Sent> {
    return fc
      .record({
        method: fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...route.methods) },
          {
            weight: 1,
            arbitrary: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND'),
          },
        ),
        path: route.paths,
        query: queryString,
        type: fc.option(
          fc.constantFrom(
            'application/json',
            'application/json; charset=utf-8',
            'application/json; charset=utf-16',
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/octet-stream',
            'text/csv',
            '*/*',
            'garbage',
          ),
        ),
        cookie: fc.option(fc.constantFrom('organizer', 'firm', 'pitch_session=garbage', 'pitch_session=%', '=;;=')),
        origin: fc.option(fc.constantFrom('same', 'http://evil.example', 'null', 'garbage')),
        accept: fc.option(
          fc.constantFrom(
            'text/html,application/xhtml+xml,*/*;q=0.8',
            'application/json',
            'image/svg+xml,image/*',
            '*/*',
          ),
        ),
        body: bodies,
      })
      .map((r) => {
        const headers: Record<string, string> = {};
        if (r.type) headers['content-type'] = r.type;
        if (r.cookie) headers.cookie = cookies.get(r.cookie) ?? r.cookie;
        if (r.origin) headers.origin = r.origin === 'same' ? h.baseUrl : r.origin;
        if (r.accept) headers.accept = r.accept;
        const sent: Sent = { method: r.method, path: r.path + r.query, headers, body: r.body };
        // A counterexample prints as the request line, not as a megabyte of bytes.
        return Object.assign(sent, {
          [fc.toStringMethod]: () =>
            `${sent.method} ${sent.path.slice(0, 200)} ${JSON.stringify(headers)} body ${sent.body?.length ?? 0} bytes: ${sent.body?.toString().slice(0, 200)}`,
        });
      });
  }

  /** What a person or a page would need to read from an error: a coded JSON answer, or a page. */
  function expectClear(sent: Sent, got: Received): void {
    const context = `${sent.method} ${sent.path.slice(0, 120)} → ${got.status} ${got.type} ${got.body.toString().slice(0, 200)}`;
    expect(got.status, `${context}\n${logged.join(' | ').slice(0, 600)}`).toBeLessThan(500);
    // No file path or stack trace of ours in any answer.
    expect(got.body.toString(), context).not.toMatch(/node_modules|\/work\/|at \w+ \(/);
    // Node's own refusal of a request line and headers over 16 KB, before the app sees them.
    if (got.status < 400 || got.status === 431) return;
    const pathname = sent.path.split('?')[0]!;
    const isApi = pathname === '/api' || pathname.startsWith('/api/');
    // A browser navigating (asking for HTML) outside the API must get a page it can show. Known gap,
    // reported: the organizer pages' guard answers JSON to a signed-out browser.
    const navigation =
      !isApi &&
      !pathname.startsWith('/organizer/') &&
      sent.method === 'GET' &&
      !sent.headers['content-type'] &&
      /text\/html/.test(sent.headers.accept ?? '');
    if (!navigation && (isApi || got.type.startsWith('application/json'))) {
      expect(got.type, context).toMatch(/^application\/json/);
      if (sent.method === 'HEAD') return;
      const answer = JSON.parse(got.body.toString()) as { ok: boolean; error: { code: string; message: string } };
      expect(answer.ok, context).toBe(false);
      expect(KNOWN_CODES.has(answer.error.code), context).toBe(true);
      expect(answer.error.message.length, context).toBeGreaterThan(0);
      expect(refusalProblem(answer.error), `${context}: ${JSON.stringify(answer).slice(0, 300)}`).toBeNull();
    } else {
      expect(got.type, context).toMatch(/^text\/html/);
    }
  }

  it('finds the routes by walking the app', () => {
    const labels = routes.map((r) => r.label);
    // A floor, so a walk that silently finds nothing (an express upgrade) fails here.
    for (const known of [
      'GET /healthz',
      'GET /t/:token',
      'GET /board/:token',
      'POST /api/logout',
      'POST /api/import/commit',
    ]) {
      expect(labels).toContain(known);
    }
    figures.routes = routes.length;
    console.log(`fuzzing ${routes.length} routes: ${labels.join('; ')}`);
  });

  it('answers a badge link whose %-escape was cut off with the page, not JSON (found by this fuzz)', async () => {
    const got = await send(h.baseUrl, { method: 'GET', path: '/t/%E0%A4%A', headers: {}, body: null });
    expect(got.status).toBe(400);
    expect(got.type).toMatch(/^text\/html/);
    expect(got.body.toString()).toContain('This link does not work');
    const api = await send(h.baseUrl, { method: 'GET', path: '/api/export/%.csv', headers: {}, body: null });
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body.toString())).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
  });

  it('answers every route, whatever is sent, without a 5xx and with a clear error', async () => {
    const started = performance.now();
    for (const route of routes) {
      hits.set(route.label, 0);
      await fc.assert(
        fc.asyncProperty(requestsFor(route), async (sent) => {
          figures.requests++;
          if (route.matches(sent.path.split('?')[0]!)) hits.set(route.label, hits.get(route.label)! + 1);
          const got = await send(h.baseUrl, sent);
          expectClear(sent, got);
          // Signing out ends that cookie's session: sign in again so later runs still reach the guarded routes.
          if (sent.method === 'POST' && sent.path.startsWith('/api/logout')) {
            for (const role of ['organizer', 'firm'] as const) cookies.set(role, await h.signIn(h.person(role).url));
          }
        }),
        { numRuns: HTTP_RUNS },
      );
      await expectServing(h);
    }
    expectConsistent(h);
    for (const route of routes) expect(hits.get(route.label), `${route.label} was never aimed at`).toBeGreaterThan(0);
    figures.httpMs += performance.now() - started;
  }, 60_000);
});
