/**
 * `npx tsx bench/ceiling.ts`: where the ceiling is. The connect scenario pushed step by step until
 * something gives: the built production server (dist/) on 127.0.0.1 over a fresh store, attendees
 * signed in and connected by several client processes (bench/ceiling/client.ts, each under its own
 * open-file limit; processes.ts starts and deals to them), and at each step the server's figures at
 * rest (ceiling/server-watch.ts) and a short tap burst measured on the board (ceiling/burst.ts). The
 * result says what gave (the server's open files, memory, the event loop) and at what count, and
 * what would move it.
 *
 *   --steps=5000,10000,15000,19000,20000,22000   the connected counts to reach, in order
 *   --max=N          no step above N (N is the last); firms are prepared for the largest step
 *   --taps=500       taps per step's burst, from attendees connected in this process for it
 *   --tap-window=2000  the burst's length, ms
 *   --per-child=8000   sockets per client process
 *
 * Runs under the bench lock: `flock /tmp/pitch-bench.lock npx tsx bench/ceiling.ts`. Results go to
 * bench-results/<time>-ceiling.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, sleep, type Running } from '../server/testing/process.js';
import type { ClientSocket } from '../server/testing/socket-client.js';
import { openStage, tapBurst, type Burst, type Stage } from './ceiling/burst.js';
import { ask, clientsRss, closeClients, nextMessage, spreadOverClients, clients } from './ceiling/processes.js';
import { errorLines, figures, openFiles, openFilesLimit, sampleOpenFiles, startGuard } from './ceiling/server-watch.js';
import { closeAllSockets, connectPerson, cpuMsOf, dist, now, pool, tally } from './lib.js';
import type { Dist } from './lib.js';
import { metrics, newSecret, prepareDb, startServer, type BenchPerson, type Metrics } from './server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function numberArg(name: string, fallback: number): number {
  const value = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Past 20,000 on purpose: the open-file limit here is 20,000 per process, and the run is to show what gives. */
const DEFAULT_STEPS = [5000, 10_000, 15_000, 19_000, 20_000, 22_000, 24_000, 26_000, 28_000];

function stepsArg(): number[] {
  const given = process.argv
    .find((a) => a.startsWith('--steps='))
    ?.slice('--steps='.length)
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const steps = [...new Set(given?.length ? given : DEFAULT_STEPS)].sort((a, b) => a - b);
  const max = numberArg('max', Infinity);
  const capped = steps.filter((s) => s <= max);
  if (Number.isFinite(max) && capped[capped.length - 1] !== max) capped.push(max);
  return capped;
}

const settings = {
  steps: stepsArg(),
  tapsPerStep: numberArg('taps', 500),
  tapWindowMs: numberArg('tap-window', 2000),
  perChild: numberArg('per-child', 8000),
  /** Sign-ins in flight at once, over all client processes (the bench's connect scenario uses 50). */
  concurrency: 48,
  /** A client process stops its batch after this many failures in a row: the server has stopped accepting. */
  stopAfterFailures: 100,
  stepLimitMs: 10 * 60_000,
};

// ---- what is running, and its clean-up (also on SIGINT/SIGTERM and errors) ----

let server: Running | null = null;
let tempDir: string | null = null;
async function cleanup(): Promise<void> {
  closeAllSockets();
  await closeClients();
  const s = server;
  server = null;
  if (s) await s.stop();
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  tempDir = null;
}

/** Set by SIGINT/SIGTERM: the run's own failures that follow (its clients gone) are not reported. */
let stopping = false;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopping = true;
    console.error(`\n${signal}: stopping the clients and the server, cleaning up…`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---- the tap burst ----

// ---- one step ----

interface Connected {
  ok: number;
  failed: number;
  skipped: number;
  errors: Record<string, number>;
  connectMs: number[];
}

/** This step's tappers first (in this process), then the rest spread over the client processes. */
async function connectStep(baseUrl: string, people: BenchPerson[]): Promise<Connected & { tappers: ClientSocket[] }> {
  const tapperPeople = people.slice(0, settings.tapsPerStep);
  const rest = people.slice(tapperPeople.length);
  const own: Connected = { ok: 0, failed: 0, skipped: 0, errors: {}, connectMs: [] };
  const tappers: ClientSocket[] = [];
  let failuresInARow = 0;
  const started = await pool(
    tapperPeople,
    16,
    async (person) => {
      const t = now();
      try {
        tappers.push(await connectPerson(baseUrl, person.url));
        own.connectMs.push(now() - t);
        failuresInARow = 0;
      } catch (error) {
        own.failed++;
        failuresInARow++;
        tally(own.errors, error instanceof Error ? (error.message || error.name).slice(0, 120) : String(error));
      }
    },
    Date.now() + settings.stepLimitMs,
    () => failuresInARow >= settings.stopAfterFailures,
  );
  own.ok = tappers.length;
  own.skipped = tapperPeople.length - started;
  const batches = await spreadOverClients(
    rest.map((p) => p.url),
    settings.perChild,
  );
  const answers = await Promise.all(
    batches.map(async ({ client, urls }) => {
      const answer = nextMessage(client.child, 'connected', settings.stepLimitMs + 60_000);
      ask(client, {
        kind: 'connect',
        baseUrl,
        urls,
        concurrency: Math.ceil(settings.concurrency / batches.length),
        stopAfterFailures: settings.stopAfterFailures,
        limitMs: settings.stepLimitMs,
      });
      const a = await answer;
      client.held = a.held;
      return a;
    }),
  );
  const all = [own, ...answers];
  const errors: Record<string, number> = {};
  for (const a of all) for (const [k, v] of Object.entries(a.errors)) errors[k] = (errors[k] ?? 0) + v;
  return {
    ok: all.reduce((s, a) => s + a.ok, 0),
    failed: all.reduce((s, a) => s + a.failed, 0),
    skipped: all.reduce((s, a) => s + a.skipped, 0),
    errors,
    connectMs: all.flatMap((a) => a.connectMs),
    tappers,
  };
}

// ---- the server's side ----

const r1 = (x: number) => Math.round(x * 10) / 10;
const mb = (bytes: number) => r1(bytes / 1024 / 1024);
const roundDelays = (d: Metrics['eventLoopDelayMs']) => ({ p50: r1(d.p50), p99: r1(d.p99), max: r1(d.max) });

interface StepResult {
  want: number;
  /** Attendee sockets the bench holds connected, and the server's own count (with the board and the organizer). */
  connected: number;
  serverSockets: number;
  failed: number;
  skipped: number;
  errors: Record<string, number>;
  seconds: number;
  connectMs: Dist;
  serverCpuMsPerConnect: number | null;
  serverOpenFiles: number | null;
  /** The most it had open while the step connected (sign-ins' HTTP connections come on top of the sockets). */
  serverPeakOpenFiles: number | null;
  rssMB: number;
  kbPerSocket: number;
  /** RSS added per socket since the step before: the garbage collector's timing moves both figures. */
  kbPerSocketSinceLast: number;
  heapUsedMB: number;
  heapKbPerSocket: number;
  idleLoopDelayMs: Metrics['eventLoopDelayMs'];
  burst: Burst | null;
  clientsRssMB: number;
  machineFreeMB: number;
  serverAlive: boolean;
  /** What /healthz answered when it failed after the step (distinct answers). */
  healthErrors: string[];
}

async function runStep(
  ev: { baseUrl: string; firms: BenchPerson[] },
  pid: number,
  want: number,
  from: number,
  baseline: Metrics,
  stage: Stage,
): Promise<StepResult> {
  const people = ev.firms.slice(from, want);
  const cpu0 = await cpuMsOf(pid);
  const t0 = now();
  const stopSampling = sampleOpenFiles(pid);
  const got = await connectStep(ev.baseUrl, people);
  const peakOpenFiles = stopSampling();
  const seconds = (now() - t0) / 1000;
  const cpu1 = await cpuMsOf(pid);
  const serverAlive = server?.child.exitCode === null && server.child.signalCode === null;
  allTappers.push(...got.tappers);
  const connected = allTappers.filter((t) => t.connected).length + clients.reduce((s, c) => s + c.held, 0);
  const healthErrors: string[] = [];
  let at: Metrics | null = null;
  let idle: Metrics | null = null;
  let burst: Burst | null = null;
  if (serverAlive) {
    await sleep(500);
    at = await figures(ev.baseUrl, true, healthErrors);
    await sleep(3000);
    idle = await figures(ev.baseUrl, false, healthErrors);
    burst = got.tappers.length && at ? await tapBurst(stage, got.tappers, settings.tapWindowMs) : null;
  }
  const sockets = at ? Math.max(1, at.sockets - baseline.sockets) : 1;
  const previous = lastFigures ?? baseline;
  if (at) lastFigures = at;
  return {
    want,
    connected,
    serverSockets: at?.sockets ?? 0,
    failed: got.failed,
    skipped: got.skipped,
    errors: got.errors,
    seconds: r1(seconds),
    connectMs: dist(got.connectMs),
    serverCpuMsPerConnect: cpu0 !== null && cpu1 !== null && got.ok ? r1((cpu1 - cpu0) / got.ok) : null,
    serverOpenFiles: openFiles(pid),
    serverPeakOpenFiles: peakOpenFiles,
    rssMB: at ? mb(at.rssBytes) : NaN,
    kbPerSocket: at ? r1((at.rssBytes - baseline.rssBytes) / sockets / 1024) : NaN,
    kbPerSocketSinceLast: at
      ? r1((at.rssBytes - previous.rssBytes) / Math.max(1, at.sockets - previous.sockets) / 1024)
      : NaN,
    heapUsedMB: at ? mb(at.heapUsedBytes) : NaN,
    heapKbPerSocket: at ? r1((at.heapUsedBytes - baseline.heapUsedBytes) / sockets / 1024) : NaN,
    idleLoopDelayMs: idle ? roundDelays(idle.eventLoopDelayMs) : { p50: NaN, p99: NaN, max: NaN },
    burst,
    clientsRssMB: mb(clientsRss()),
    machineFreeMB: mb(os.freemem()),
    serverAlive,
    healthErrors: [...new Set(healthErrors)],
  };
}

/** The server's figures after the step before (the baseline's before the first). */
let lastFigures: Metrics | null = null;

/** Every step's tappers, held in this process for the rest of the run (as the clients hold theirs). */
const allTappers: ClientSocket[] = [];

// ---- what gave, and what would move it ----

/** Names what stopped the connections at the last step, from the server's state and the errors seen. */
function whatGave(last: StepResult, limit: string | null, serverLog: string): string {
  // EMFILE is met against the soft limit. libuv then accepts and closes what waits (its "EMFILE trick"),
  // silently: the server logs nothing and the clients see their connection reset or hung up.
  const soft = Number(limit?.split(' / ')[0]);
  const errorText = Object.keys(last.errors).join(' | ');
  const peak = last.serverPeakOpenFiles;
  if (!last.serverAlive)
    return `the server exited (its last output: ${serverLog.trim().split('\n').slice(-3).join(' / ')})`;
  if ((peak !== null && Number.isFinite(soft) && peak >= soft - 20) || /EMFILE/.test(serverLog))
    return (
      `the server's open-file limit: up to ${peak ?? '?'} files open of ${soft} while connecting ` +
      `(one per phone, one per sign-in's HTTP connection, ${last.serverOpenFiles ?? '?'} after), the clients saw resets`
    );
  if (/EADDRNOTAVAIL/.test(errorText)) return 'the loopback ephemeral ports of the one client address';
  if (/EMFILE/.test(errorText)) return "a client process's open-file limit (lower --per-child)";
  if (last.machineFreeMB < 500) return `memory: ${last.machineFreeMB} MB left on the machine`;
  if (last.idleLoopDelayMs.p99 > 200 || /timeout/i.test(errorText))
    return `the server's event loop (idle delay p99 ${last.idleLoopDelayMs.p99} ms; errors: ${errorText})`;
  return `not named from the figures; errors: ${errorText || 'none'}`;
}

function whatWouldMove(steps: StepResult[], limit: string | null): string[] {
  const last = steps[steps.length - 1]!;
  // Below a few thousand sockets the garbage collector's timing outweighs what they add (even below zero).
  const sized = [...steps].reverse().find((s) => s.serverSockets >= 2000 && s.kbPerSocket > 0);
  const memory = sized
    ? `${sized.kbPerSocket} KB per connected phone at ${sized.connected} → about ${Math.round((1024 * 1024) / sized.kbPerSocket)} phones per GB of server RSS`
    : 'too few sockets to tell the memory per phone (it is measured from 2,000 on)';
  return [
    `open files: the server holds one per phone; ${limit ?? '?'} (soft / hard) here. Raise it where the server is started ` +
      '(LimitNOFILE= in a systemd unit, `ulimit -n` in its shell, nofile in limits.conf); this sandbox refuses to raise the hard limit',
    `memory: ${memory}`,
    `event loop: idle delay p99 ${last.idleLoopDelayMs.p99} ms and tap → board p99 ${last.burst?.toBoard.p99 ?? '-'} ms at ${last.connected}; ` +
      'one Node process uses one core, so beyond that: more processes behind a sticky balancer with a shared adapter',
    'ports: one client address reaches a server port from 28,232 loopback ephemeral ports (32768–60999); real phones come from many addresses',
  ];
}

// ---- the run ----

const fmt = (x: string | number | null | undefined) =>
  x === null || x === undefined || Number.isNaN(x) ? '-' : String(x);
const COLUMNS: [string, number][] = [
  ['step', 7],
  ['server', 7],
  ['failed', 7],
  ['s', 6],
  ['fds', 6],
  ['peak', 6],
  ['rss MB', 7],
  ['KB/sock', 8],
  ['(Δ)', 6],
  ['heap MB', 8],
  ['loop p50', 9],
  ['p99', 5],
  ['max', 5],
  ['conn p99', 9],
  ['tap→board p99', 14],
  ['ack p99', 8],
];

function printHeader(): void {
  console.log(COLUMNS.map(([name, width]) => name.padStart(width)).join(' '));
}

function printStep(s: StepResult): void {
  const cells = [
    s.want,
    s.serverSockets,
    s.failed + s.skipped,
    s.seconds,
    s.serverOpenFiles,
    s.serverPeakOpenFiles,
    s.rssMB,
    s.kbPerSocket,
    s.kbPerSocketSinceLast,
    s.heapUsedMB,
    s.idleLoopDelayMs.p50,
    s.idleLoopDelayMs.p99,
    s.idleLoopDelayMs.max,
    s.connectMs.p99,
    s.burst ? `${s.burst.toBoard.p99} (${s.burst.ok}/${s.burst.taps})` : null,
    s.burst?.ack.p99,
  ];
  console.log(cells.map((c, i) => fmt(c).padStart(COLUMNS[i]![1])).join(' '));
  const errors = Object.entries(s.errors).sort((a, b) => b[1] - a[1]);
  for (const [message, count] of errors.slice(0, 4)) console.log(`        ${count} × ${message}`);
  for (const answer of s.healthErrors.slice(0, 3)) console.log(`        ${answer}`);
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const maxStep = settings.steps[settings.steps.length - 1];
  if (!maxStep) throw new Error('no steps');
  console.log(`Pitch Match ceiling — ${startedAt.toISOString()}; steps ${settings.steps.join(', ')}`);
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${r1(os.totalmem() / 1024 ** 3)} GB, node ${process.version}, ` +
      `load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}; this process's open files (soft / hard) ${openFilesLimit('self') ?? '?'}`,
  );

  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-ceiling-'));
  const dbFile = path.join(tempDir, 'pitch.db');
  const { secret, secretHex } = newSecret();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  const ev = prepareDb(dbFile, secret, baseUrl, maxStep, 0);
  console.log(
    `prepared ${ev.firms.length} firms in ${Date.now() - t0} ms; starting node dist/server/index.js on ${baseUrl}`,
  );
  server = await startServer(root, { dbFile, secretHex, port, baseUrl });
  const pid = server.child.pid!;
  startGuard(pid, tempDir);
  const limit = openFilesLimit(pid);
  console.log(`server pid ${pid}: Max open files (soft / hard) ${limit ?? '?'}, ${openFiles(pid) ?? '?'} open at rest`);

  const stage = await openStage(baseUrl, ev.boardToken, ev.organizer);
  const baseline = await metrics(baseUrl);
  console.log(
    `\nserver at rest: ${baseline.sockets} sockets (board, organizer), rss ${mb(baseline.rssBytes)} MB, heap ${mb(baseline.heapUsedBytes)} MB.` +
      `\nPer step: sockets the server counts, attendees failed or not tried, seconds, its open files (after, and the most while` +
      ` connecting), RSS and KB per socket (since rest; since the step before), heap, idle event-loop delay` +
      ` (10 ms resolution), sign-in+connect+sync p99, a burst of ${settings.tapsPerStep} taps in ${settings.tapWindowMs / 1000} s` +
      ` (tap → board p99, acks ok/taps; tap ack p99). ms unless named.\n`,
  );
  printHeader();
  const steps: StepResult[] = [];
  let from = 0;
  for (const want of settings.steps) {
    const step = await runStep(ev, pid, want, from, baseline, stage);
    from = want;
    steps.push(step);
    printStep(step);
    if (step.connected < want || !step.serverAlive) break;
  }

  const last = steps[steps.length - 1]!;
  const gave = last.connected < last.want || !last.serverAlive;
  const verdict = gave
    ? `At ${last.connected} connected (step ${last.want}), connections failed: ${whatGave(last, limit, server.output())}.`
    : `Nothing gave up to ${last.connected} connected (add steps or --max to go further).`;
  const serverErrors = errorLines(server.output());
  const moves = whatWouldMove(steps, limit);
  console.log(`\n${verdict}`);
  if (serverErrors.length) console.log(`The server logged:\n${serverErrors.map((l) => `  ${l}`).join('\n')}`);
  console.log('What would move the ceiling:');
  for (const m of moves) console.log(`  - ${m}`);

  const outDir = path.join(root, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}-ceiling.json`);
  const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, totalMemGB: r1(os.totalmem() / 1024 ** 3) };
  fs.writeFileSync(
    outFile,
    `${JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
        machine: { ...machine, node: process.version, loadAtEnd: os.loadavg() },
        settings,
        server: { openFilesLimit: limit, baseline },
        steps,
        verdict,
        serverErrors,
        whatWouldMove: moves,
      },
      null,
      2,
    )}\n`,
  );
  console.log(
    `\nResults: ${path.relative(process.cwd(), outFile)}; load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  if (stopping) await new Promise(() => {}); // the signal's handler cleans up and exits
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  const running = server as Running | null; // assigned inside main()
  if (running) console.error(`\nserver output (last lines):\n${running.output().slice(-3000)}`);
  code = 2;
} finally {
  await cleanup();
}
process.exit(code);
