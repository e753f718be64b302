/**
 * The bare stack: a socket.io server over better-sqlite3 doing the same writes and acks as the app
 * for the door, the tap storm and the booking storm, with nothing else (no sign-in, validation,
 * change log or coalescing). The bench (bench/run.ts) runs it beside the app in the same invocation,
 * so each figure of the app has its limit measured on the same machine minutes apart (issue 18).
 *
 *   node --import tsx bench/baseline/server.ts --port=N --db=FILE [--group-commit]
 *
 * The store has the app's durability (server/store/db.ts: WAL, synchronous=FULL, foreign_keys,
 * secure_delete) and the app's clash rules for meetings (one per table, guest and venture per slot,
 * a pair once), as unique indexes. `--group-commit` (or BARE_GROUP_COMMIT=1) commits the commands
 * that arrived in one event-loop turn together, as the app's server/store/group-commit.ts does;
 * without it each command is its own immediate transaction. /healthz answers the figures of the
 * app's PITCH_METRICS=1, so the bench's metrics() and serverLoad() read both servers alike.
 */
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { Server, type Socket } from 'socket.io';
import { setDurability } from '../../server/store/db.js';
import type { BareAnswer, BareClientEvents, BareMeeting, BareServerEvents } from './protocol.js';

type Db = Database.Database;
type BareSocket = Socket<BareClientEvents, BareServerEvents>;

/** A command's work: runs inside a transaction; `after` runs once it is committed and answered. */
interface Outcome<T> {
  answer: BareAnswer<T>;
  after?: () => void;
}
type Work<T> = () => Outcome<T>;
type Ack<T> = (answer: BareAnswer<T>) => void;

/** One queued command of a group: its work inside the transaction, its answer after the COMMIT. */
interface Step {
  inside(): void;
  committed(): void;
  lost(error: unknown): void;
}

const SCHEMA = `
  CREATE TABLE checkins (person_id TEXT PRIMARY KEY, station TEXT NOT NULL, key TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE TABLE interests (
    person_id TEXT NOT NULL, venture_id TEXT NOT NULL, level TEXT NOT NULL, at INTEGER NOT NULL,
    PRIMARY KEY (person_id, venture_id)
  );
  CREATE INDEX interests_venture ON interests(venture_id, level);
  CREATE TABLE meeting_requests (
    id INTEGER PRIMARY KEY, from_org TEXT NOT NULL, to_org TEXT NOT NULL, status TEXT NOT NULL, at INTEGER NOT NULL
  );
  CREATE TABLE meetings (
    id INTEGER PRIMARY KEY, slot_start INTEGER NOT NULL, table_name TEXT NOT NULL,
    guest_org TEXT NOT NULL, venture_org TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'booked',
    request_id INTEGER REFERENCES meeting_requests(id)
  );
  CREATE UNIQUE INDEX meetings_table_once ON meetings(slot_start, table_name) WHERE status <> 'cancelled';
  CREATE UNIQUE INDEX meetings_guest_once ON meetings(slot_start, guest_org) WHERE status <> 'cancelled';
  CREATE UNIQUE INDEX meetings_venture_once ON meetings(slot_start, venture_org) WHERE status <> 'cancelled';
  CREATE UNIQUE INDEX meetings_pair_once ON meetings(venture_org, guest_org) WHERE status <> 'cancelled';
`;

function openBareDb(file: string): Db {
  const db = new Database(file);
  setDurability(db); // the app's own settings (server/store/db.ts)
  db.exec(SCHEMA);
  return db;
}

const ok = <T>(data: T): BareAnswer<T> => ({ ok: true, data });
const refuse = (code: string, message: string): BareAnswer<never> => ({ ok: false, error: { code, message } });

/** A unique index said no: the app answers such a clash CONFLICT too. */
function refusalOf(error: unknown): BareAnswer<never> {
  const code = (error as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_CONSTRAINT')
    ? refuse('CONFLICT', 'taken')
    : refuse('INTERNAL', error instanceof Error ? error.message : String(error));
}

/**
 * Runs commands in transactions: each its own (grouping off), or those queued in one event-loop
 * turn in one BEGIN IMMEDIATE … COMMIT, each in its own savepoint, answered after the COMMIT.
 */
class Committer {
  private queue: Step[] = [];
  private scheduled = false;
  readonly stats = { commits: 0, commands: 0, largest: 0 };

  constructor(
    private readonly db: Db,
    private readonly grouped: boolean,
  ) {}

  run<T>(work: Work<T>, ack: Ack<T>): void {
    if (!this.grouped) {
      let outcome: Outcome<T>;
      try {
        outcome = this.db.transaction(work).immediate();
        this.count(1);
      } catch (error) {
        outcome = { answer: refusalOf(error) };
      }
      ack(outcome.answer);
      outcome.after?.();
      return;
    }
    let outcome: Outcome<T> = { answer: refuse('INTERNAL', 'not run') };
    this.queue.push({
      inside: () => (outcome = this.inSavepoint(work)),
      committed: () => {
        ack(outcome.answer);
        outcome.after?.();
      },
      lost: (error) => ack(refusalOf(error)),
    });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    // The app's limit per group (GROUP_LIMIT): a longer queue waits for the next turn.
    const steps = this.queue.splice(0, 256);
    if (this.queue.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    this.db.exec('BEGIN IMMEDIATE');
    for (const step of steps) step.inside();
    try {
      this.db.exec('COMMIT');
      this.count(steps.length);
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const step of steps) step.lost(error);
      return;
    }
    for (const step of steps) step.committed();
  }

  /** A refused command rolls back alone; the others in the group stay. */
  private inSavepoint<T>(work: Work<T>): Outcome<T> {
    this.db.exec('SAVEPOINT command');
    try {
      const outcome = work();
      this.db.exec('RELEASE command');
      return outcome;
    } catch (error) {
      this.db.exec('ROLLBACK TO command');
      this.db.exec('RELEASE command');
      return { answer: refusalOf(error) };
    }
  }

  private count(commands: number): void {
    this.stats.commits++;
    this.stats.commands += commands;
    this.stats.largest = Math.max(this.stats.largest, commands);
  }
}

/** The five commands, as statements prepared once. */
function commands(db: Db, io: Server<BareClientEvents, BareServerEvents>) {
  const grid = { slots: 0, tables: [] as string[] };
  const s = {
    checkin: db.prepare(
      'INSERT INTO checkins (person_id, station, key, at) VALUES (?, ?, ?, ?) ON CONFLICT(person_id) DO NOTHING',
    ),
    tap: db.prepare(
      `INSERT INTO interests (person_id, venture_id, level, at) VALUES (?, ?, 'interested', ?)
       ON CONFLICT(person_id, venture_id) DO UPDATE SET level = excluded.level, at = excluded.at`,
    ),
    count: db
      .prepare<[string], number>("SELECT COUNT(*) FROM interests WHERE venture_id = ? AND level = 'interested'")
      .pluck(),
    request: db.prepare("INSERT INTO meeting_requests (from_org, to_org, status, at) VALUES (?, ?, 'open', ?)"),
    requestById: db.prepare<[number], { from_org: string; to_org: string; status: string }>(
      'SELECT from_org, to_org, status FROM meeting_requests WHERE id = ?',
    ),
    partiesBusy: db
      .prepare<[string, string], number>(
        "SELECT slot_start FROM meetings WHERE status <> 'cancelled' AND (guest_org = ? OR venture_org = ?)",
      )
      .pluck(),
    slotFill: db.prepare<[], { slot_start: number; n: number }>(
      "SELECT slot_start, COUNT(*) AS n FROM meetings WHERE status <> 'cancelled' GROUP BY slot_start",
    ),
    tablesTaken: db
      .prepare<[number], string>("SELECT table_name FROM meetings WHERE status <> 'cancelled' AND slot_start = ?")
      .pluck(),
    book: db.prepare(
      'INSERT INTO meetings (slot_start, table_name, guest_org, venture_org, request_id) VALUES (?, ?, ?, ?, ?)',
    ),
    accepted: db.prepare("UPDATE meeting_requests SET status = 'accepted' WHERE id = ?"),
  };

  /** The first slot where neither party meets anyone and a table is free, and that table. */
  const firstFreePlace = (guest: string, venture: string): { slot: number; table: string } | null => {
    const busy = new Set(s.partiesBusy.all(guest, venture));
    const fill = new Map(s.slotFill.all().map((r) => [r.slot_start, r.n]));
    for (let slot = 0; slot < grid.slots; slot++) {
      if (busy.has(slot) || (fill.get(slot) ?? 0) >= grid.tables.length) continue;
      const taken = new Set(s.tablesTaken.all(slot));
      const table = grid.tables.find((t) => !taken.has(t));
      if (table) return { slot, table };
    }
    return null;
  };

  return {
    grid: (g: { slots: number; tables: string[] }): Outcome<null> => {
      grid.slots = g.slots;
      grid.tables = g.tables;
      return { answer: ok(null) };
    },
    checkin: (p: {
      personId: string;
      station: string;
      key: string;
    }): Outcome<{ outcome: 'checked-in' | 'already' }> => {
      const inserted = s.checkin.run(p.personId, p.station, p.key, Date.now()).changes === 1;
      return { answer: ok({ outcome: inserted ? 'checked-in' : 'already' }) };
    },
    tap: (p: { personId: string; ventureId: string }): Outcome<null> => {
      s.tap.run(p.personId, p.ventureId, Date.now());
      const total = s.count.get(p.ventureId)!;
      // No coalescing: every tap's count goes to the board, after the commit.
      return { answer: ok(null), after: () => io.to('board').emit('count', { ventureId: p.ventureId, total }) };
    },
    request: (p: { from: string; to: string }): Outcome<{ id: number }> => {
      const id = Number(s.request.run(p.from, p.to, Date.now()).lastInsertRowid);
      return { answer: ok({ id }) };
    },
    accept: (p: { requestId: number }): Outcome<{ meeting: BareMeeting }> => {
      const request = s.requestById.get(p.requestId);
      if (!request || request.status !== 'open') return { answer: refuse('NOT_FOUND', 'no open request') };
      const place = firstFreePlace(request.from_org, request.to_org);
      if (!place) return { answer: refuse('CONFLICT', 'no free place') };
      s.book.run(place.slot, place.table, request.from_org, request.to_org, p.requestId);
      s.accepted.run(p.requestId);
      return { answer: ok({ meeting: place }) };
    },
    book: (p: { guest: string; venture: string; slot: number; table: string }): Outcome<{ meeting: BareMeeting }> => {
      s.book.run(p.slot, p.table, p.guest, p.venture, null);
      return { answer: ok({ meeting: { slot: p.slot, table: p.table } }) };
    },
  };
}

/** The app's /healthz figures (server/app.ts processMetrics), in the app's answer shape. */
function healthz(io: Server, committer: Committer) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!req.url?.startsWith('/healthz')) {
      res.writeHead(404).end();
      return;
    }
    // As the app's: a full collection first when asked (node --expose-gc).
    const gc = (globalThis as { gc?: () => void }).gc;
    if (req.url.includes('gc=1') && gc) gc();
    const memory = process.memoryUsage();
    const metrics = {
      sockets: io.engine.clientsCount,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
      groupCommit: { ...committer.stats },
    };
    if (req.url.includes('reset=1')) delay.reset();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, data: { metrics } }));
  };
}

function main(): void {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const port = Number(arg('port'));
  const file = arg('db');
  if (!port || !file) throw new Error('usage: bench/baseline/server.ts --port=N --db=FILE [--group-commit]');
  const grouped = process.argv.includes('--group-commit') || process.env.BARE_GROUP_COMMIT === '1';
  const db = openBareDb(file);
  const committer = new Committer(db, grouped);
  const httpServer = http.createServer();
  // The app's transport settings (server/realtime/socket.ts), so only what the app adds differs.
  const io = new Server<BareClientEvents, BareServerEvents>(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
  });
  httpServer.on('request', healthz(io, committer));
  const run = commands(db, io);
  io.on('connection', (socket: BareSocket) => {
    if ((socket.handshake.auth as { board?: unknown }).board) void socket.join('board');
    socket.on('grid', (p, ack) => ack(run.grid(p).answer));
    socket.on('checkin', (p, ack) => committer.run(() => run.checkin(p), ack));
    socket.on('tap', (p, ack) => committer.run(() => run.tap(p), ack));
    socket.on('request', (p, ack) => committer.run(() => run.request(p), ack));
    socket.on('accept', (p, ack) => committer.run(() => run.accept(p), ack));
    socket.on('book', (p, ack) => committer.run(() => run.book(p), ack));
  });
  httpServer.listen(port, '127.0.0.1');
  const stop = () => {
    void io.close();
    httpServer.close();
    db.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main();
