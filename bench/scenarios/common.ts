/**
 * What every bench scenario shares: the shape of its result (table rows, figures checked against
 * the product's targets, correctness failures), the run's context and settings, and the server
 * load figures a row's note carries. Each scenario is one file beside this one; list.ts runs them.
 */
import Database from 'better-sqlite3';
import type { ClientSocket } from '../../server/testing/socket-client.js';
import { cpuMsOf, now, type Dist } from '../lib.js';
import { metrics, type BenchEvent, type BenchPerson, type Metrics } from '../server.js';

/** The product's targets, checked by the full run (PASS/MISS). */
export const TARGETS = { connected: 5000, tapP99Ms: 150, doorRate: 500, doorP99Ms: 50, bookingP99Ms: 100 };

/** The sizes of one run: small for --smoke, the event day's for the full run. */
export interface BenchConfig {
  connectSteps: number[];
  connectTarget: number;
  doorPeople: number;
  taps: number;
  tapWindowMs: number;
  bookingRequests: number;
  bookingWindowMs: number;
  manualBookings: number;
  extraVentures: number;
  limitMs: number;
}

export interface Row {
  /** What pairs this row with the other server's (app and bare stack) in run.ts; the scenario's name if absent. */
  key?: string;
  scenario: string;
  n: number;
  ok: number;
  seconds: number;
  ratePerSec: number | null;
  /** Latency (ms) of what the row measures; event-loop delay for the idle rows. */
  lat: Dist | null;
  note: string;
  /** Server CPU ms per command (check-in, tap, booking), for the cost per attendee. */
  cpuMsPer?: number | null;
  /** Server RSS per connected socket, KB (the connect rows). */
  kbPerSocket?: number;
  /** Connect rows: the heap each idle socket keeps, after a full collection (what issue 18's memory target compares). */
  heapKbPerSocket?: number;
  /** Server CPU, % of one core, while the sockets sit idle (the connect rows). */
  idleCpuPct?: number | null;
}

export interface TargetCheck {
  name: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
}

export interface ScenarioResult {
  name: string;
  rows: Row[];
  targets: TargetCheck[];
  /** Correctness failures: these fail --smoke. */
  failures: string[];
  timedOut: boolean;
  detail: Record<string, unknown>;
}

export interface Ctx {
  ev: BenchEvent;
  dbFile: string;
  serverPid: number;
  smoke: boolean;
  limitMs: number;
  /** Connected attendee (firm) sockets, with their person. */
  attendees: { person: BenchPerson; socket: ClientSocket }[];
  /** Two organizer sockets, one per check-in station; the first also drives the program and the grid. */
  stations: ClientSocket[];
  log: (line: string) => void;
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
export const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
export const errorText = (answer: { ok: false; error: { code: string; message: string } }) =>
  `${answer.error.code}: ${answer.error.message.split('. ')[0]!.slice(0, 80)}`;

/** The server a figure is read from: its process and its address (a Ctx is one). */
export interface ServerRef {
  serverPid: number;
  ev: { baseUrl: string };
}

/** Server CPU share and event-loop delay over a stretch of work. */
export async function serverLoad(ctx: ServerRef) {
  const cpu0 = await cpuMsOf(ctx.serverPid);
  const own0 = process.cpuUsage();
  await metrics(ctx.ev.baseUrl, true);
  const t0 = now();
  return async () => {
    const elapsed = now() - t0;
    const cpu1 = await cpuMsOf(ctx.serverPid);
    const own = process.cpuUsage(own0);
    const m = await metrics(ctx.ev.baseUrl);
    return {
      serverCpuMs: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null,
      serverCpuPct: cpu0 !== null && cpu1 !== null ? round(((cpu1 - cpu0) / elapsed) * 100, 0) : null,
      benchCpuPct: round(((own.user + own.system) / 1000 / elapsed) * 100, 0),
      eventLoopDelayMs: m.eventLoopDelayMs,
      rssMB: mb(m.rssBytes),
    };
  };
}

/** Server CPU ms per command over a stretch, or null where /proc has no figure. */
export function perCommand(serverCpuMs: number | null, commands: number): number | null {
  return serverCpuMs !== null && commands > 0 ? round(serverCpuMs / commands, 3) : null;
}

/**
 * Meetings in the database and the pairs of them that clash (a table, a guest or a venture twice in
 * a slot); the bare stack's meetings table has the app's column names, without the event.
 */
export function meetingClashes(d: Database.Database, eventId: string | null) {
  const inEvent = eventId === null ? '' : 'AND a.event_id = b.event_id AND a.event_id = ?';
  const params = eventId === null ? [] : [eventId];
  const pairs = (column: string) =>
    d
      .prepare<unknown[], number>(
        `SELECT COUNT(*) FROM meetings a JOIN meetings b
           ON a.slot_start = b.slot_start AND a.${column} = b.${column} AND a.id < b.id ${inEvent}
         WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'`,
      )
      .pluck()
      .get(...params)!;
  return {
    tableClashes: pairs('table_name'),
    guestClashes: pairs('guest_org'),
    ventureClashes: pairs('venture_org'),
    meetings: d
      .prepare<unknown[], number>(
        `SELECT COUNT(*) FROM meetings WHERE status <> 'cancelled' ${eventId === null ? '' : 'AND event_id = ?'}`,
      )
      .pluck()
      .get(...params)!,
  };
}

/** What the booking storm checks in a server's database: the clashes, and the requests by status. */
export function bookingDb(file: string, eventId: string | null) {
  return readonlyDb(file, (d) => ({
    ...meetingClashes(d, eventId),
    requestStatuses: Object.fromEntries(
      d
        .prepare<unknown[], { status: string; n: number }>(
          `SELECT status, COUNT(*) AS n FROM meeting_requests ${eventId === null ? '' : 'WHERE event_id = ?'} GROUP BY status`,
        )
        .all(...(eventId === null ? [] : [eventId]))
        .map((r) => [r.status, r.n]),
    ),
  }));
}

export function loadNote(load: {
  serverCpuPct: number | null;
  benchCpuPct: number;
  eventLoopDelayMs: Metrics['eventLoopDelayMs'];
}) {
  return `srv cpu ${load.serverCpuPct ?? '?'}%, bench cpu ${load.benchCpuPct}%, srv loop p99 ${load.eventLoopDelayMs.p99} max ${load.eventLoopDelayMs.max} ms`;
}

/** The load note of a paced scenario, saying when the sender fell behind or the time ran out. */
export function pacedNote(load: Parameters<typeof loadNote>[0], maxLateMs: number, timedOut: boolean): string {
  return (
    loadNote(load) +
    (maxLateMs > 50 ? `; sender up to ${round(maxLateMs, 0)} ms late` : '') +
    (timedOut ? '; TIME LIMIT' : '')
  );
}

export function readonlyDb<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** A figure checked against a target it must stay under (a latency). */
export function under(name: string, value: number, unit: string, limit: number): TargetCheck {
  return { name, value, unit, target: `< ${limit}`, pass: value < limit };
}

/** A figure checked against a target it must reach (a rate, a count). */
export function atLeast(name: string, value: number, unit: string, least: number): TargetCheck {
  return { name, value, unit, target: `>= ${least}`, pass: value >= least };
}

/** A result with nothing measured yet (or only the failures that stopped it). */
export function newResult(name: string, failures: string[] = [], timedOut = false): ScenarioResult {
  return { name, rows: [], targets: [], failures, timedOut, detail: {} };
}

/** A storm's size: as configured in smoke, else no more than the attendees that connected. */
export function upToAttendees(ctx: { smoke: boolean; attendees: readonly unknown[] }, wanted: number): number {
  return Math.min(wanted, ctx.smoke ? wanted : ctx.attendees.length);
}

/** One scenario of the run, in the order of list.ts (the app's) or bench/baseline/list.ts (the bare stack's). */
export interface Scenario<C = Ctx> {
  /** Its name in the profile windows and the time-limit message. */
  name: string;
  /** The word --only names it by; null: it always runs (the others need what it leaves in the context). */
  only: string | null;
  /** Runs on the two organizer stations, connected after the scenarios that need none. */
  needsStations: boolean;
  /** How long it may take before it counts as hung. */
  limitMs(config: BenchConfig): number;
  run(ctx: C, config: BenchConfig): Promise<ScenarioResult>;
}
