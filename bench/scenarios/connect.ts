/**
 * connect: N attendees signed in, connected and idle, step by step; the memory per socket and the
 * idle event-loop delay of the server holding them. `measureConnect` is the measurement, run alike
 * against the app and the bare stack (bench/baseline/connect.ts).
 */
import { sleep } from '../../server/testing/process.js';
import { connectPerson, cpuMsOf, dist, now, pool, tally } from '../lib.js';
import { metrics, type BenchPerson } from '../server.js';
import {
  atLeast,
  mb,
  newResult,
  round,
  serverLoad,
  type BenchConfig,
  type Ctx,
  type ScenarioResult,
  type ServerRef,
} from './common.js';

/** How long the server is watched idle after each step (its loop delay, its CPU). */
const IDLE_MS = 5000;

/** What the connect measurement needs of a server: the app's (below) or the bare stack's (bench/baseline/connect.ts). */
export interface ConnectDriver {
  server: ServerRef;
  limitMs: number;
  smoke: boolean;
  firms: BenchPerson[];
  /** How many are connected so far (they stay connected for the scenarios after). */
  connected(): number;
  /** Connects one more, idle; throws when it cannot. */
  connect(person: BenchPerson): Promise<void>;
  /** What `connect` does, for the row's note. */
  what: string;
  log: (line: string) => void;
}

/** Attendees of the app: sign-in by badge link, connect, sync (what a phone does). */
export function connectScenario(ctx: Ctx, config: BenchConfig): Promise<ScenarioResult> {
  return measureConnect(
    {
      server: { serverPid: ctx.serverPid, ev: ctx.ev },
      limitMs: ctx.limitMs,
      smoke: ctx.smoke,
      firms: ctx.ev.firms,
      connected: () => ctx.attendees.length,
      connect: async (person) => {
        ctx.attendees.push({ person, socket: await connectPerson(ctx.ev.baseUrl, person.url) });
      },
      what: 'sign-in+connect+sync',
      log: ctx.log,
    },
    config,
  );
}

export async function measureConnect(conn: ConnectDriver, config: BenchConfig): Promise<ScenarioResult> {
  const steps = config.connectSteps;
  const target = config.connectTarget;
  const result = newResult('connect');
  const baseline = await metrics(conn.server.ev.baseUrl, false, true);
  result.detail.baseline = baseline;
  const stepsDetail: Record<string, unknown>[] = [];
  result.detail.steps = stepsDetail;
  let stopAll = false;
  for (const want of steps) {
    if (stopAll) break;
    const items = conn.firms.slice(conn.connected(), want);
    if (conn.connected() + items.length < want) {
      result.failures.push(`only ${conn.firms.length} firms prepared for ${want}`);
    }
    const errors: Record<string, number> = {};
    let consecutiveFailures = 0;
    const deadline = Date.now() + conn.limitMs;
    const load = await serverLoad(conn.server);
    const t0 = now();
    const connectMs: number[] = [];
    await pool(
      items,
      50,
      async (person) => {
        const t = now();
        try {
          await conn.connect(person);
          connectMs.push(now() - t);
          consecutiveFailures = 0;
        } catch (error) {
          consecutiveFailures++;
          tally(errors, error instanceof Error ? (error.message || error.name).slice(0, 100) : String(error));
        }
      },
      deadline,
      () => consecutiveFailures > 200,
    );
    const seconds = (now() - t0) / 1000;
    const timedOut = Date.now() >= deadline && conn.connected() < want;
    if (consecutiveFailures > 200 || timedOut) stopAll = true;
    result.timedOut ||= timedOut;
    const during = await load();
    await sleep(500);
    const after = await metrics(conn.server.ev.baseUrl, true, true);
    // The idle server's CPU: socket.io's pings (every 25 s per socket) and the process's timers.
    const idleCpu0 = await cpuMsOf(conn.server.serverPid);
    const idleT0 = now();
    await sleep(IDLE_MS);
    const idleCpu1 = await cpuMsOf(conn.server.serverPid);
    const idleSeconds = (now() - idleT0) / 1000;
    const idle = await metrics(conn.server.ev.baseUrl);
    const connected = conn.connected();
    // Mostly the process's own timers, whatever the count: a share of a core, not a cost per socket.
    const idleCpuPct =
      idleCpu0 !== null && idleCpu1 !== null ? round((idleCpu1 - idleCpu0) / idleSeconds / 10, 1) : null;
    const perSocket = (after.rssBytes - baseline.rssBytes) / Math.max(1, after.sockets - baseline.sockets);
    const heapPerSocket =
      (after.heapUsedBytes - baseline.heapUsedBytes) / Math.max(1, after.sockets - baseline.sockets);
    const failed = Object.values(errors).reduce((a, b) => a + b, 0);
    stepsDetail.push({
      want,
      connected,
      serverSockets: idle.sockets,
      failed,
      errors,
      seconds: round(seconds, 2),
      connectMs: dist(connectMs),
      rssBeforeMB: mb(baseline.rssBytes),
      rssAfterMB: mb(after.rssBytes),
      bytesPerSocket: Math.round(perSocket),
      heapBytesPerSocket: Math.round(heapPerSocket),
      idleEventLoopDelayMs: idle.eventLoopDelayMs,
      idleCpuPct,
      whileConnecting: during,
      timedOut,
    });
    result.rows.push({
      key: `connect ${want}`,
      scenario: `connect ${want}`,
      kbPerSocket: round(perSocket / 1024, 1),
      heapKbPerSocket: round(heapPerSocket / 1024, 1),
      idleCpuPct,
      n: want,
      ok: connected,
      seconds: round(seconds, 1),
      ratePerSec: items.length ? round((connected - (want - items.length)) / seconds, 0) : null,
      lat: { n: 0, ...idle.eventLoopDelayMs },
      note:
        `idle loop delay; rss ${mb(baseline.rssBytes)}→${mb(after.rssBytes)} MB, ${round(perSocket / 1024, 1)} KB/socket (heap ${round(heapPerSocket / 1024, 1)}), ` +
        `idle srv cpu ${idleCpuPct ?? '?'}%, ` +
        `${conn.what} p99 ${dist(connectMs).p99} ms` +
        (failed ? `; ${failed} failed: ${Object.keys(errors).slice(0, 2).join(' | ')}` : '') +
        (timedOut ? '; TIME LIMIT' : ''),
    });
    conn.log(`  connected ${connected}/${want} in ${round(seconds, 1)} s`);
    if (connected < want) result.failures.push(`connect: only ${connected} of ${want} attendees connected`);
  }
  const best = conn.connected();
  result.targets.push(atLeast('connected attendees', best, '', target));
  // Falling short of the connection count is a measured limit in full mode, a failure in smoke.
  if (!conn.smoke) result.failures = result.failures.filter((f) => !f.startsWith('connect: only'));
  return result;
}
