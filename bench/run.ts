/**
 * `npm run bench` / `npm run bench:smoke`: a load benchmark of the event day against the built
 * production server (dist/) on 127.0.0.1, over a fresh database in a temp dir, measured beside the
 * bare stack (bench/baseline/: socket.io over better-sqlite3 doing the same writes and acks) in the
 * same invocation, so every figure has its limit on the same machine minutes apart (issue 18).
 *
 *   npx tsx bench/run.ts --smoke     small and quick; exits 1 on a correctness failure (of either server)
 *   npx tsx bench/run.ts             full sizes; reports PASS/MISS against the targets
 *   --cpu-prof                       the app server writes a V8 CPU profile; its top functions are printed,
 *                                    for the whole run and for each scenario's stretch of it
 *   --only=door,tap,booking          run only these after connect (on both servers)
 *   --connect=1000,5000              other connect steps
 *   --door-people=10000              check in this many flat out and as many paced (default 2,000)
 *   --group-commit=off               one commit per command on both servers (the app: PITCH_GROUP_COMMIT=0);
 *                                    on by default, for both
 *   --busy                           a CPU hog spins on one core for the whole run (bench/busy.ts)
 *
 * Order: phases, not scenario by scenario: first every scenario against the bare stack, then every
 * scenario against the app, each server alone on the machine with its attendees connected (both at
 * once would need twice the sockets, beyond one process's open-file limit at 10,000). The app's rows
 * are printed beside the bare stack's, with app/bare; the targets are ratios of the two (compare.ts).
 *
 * Scenarios (bench/scenarios/, one file each, in the order of list.ts; the bare stack's in
 * bench/baseline/list.ts): connect (idle attendees), door (check-in stations), tap storm (interest
 * during a pitch), booking storm (requests, accepts and manual bookings). Results go to
 * bench-results/<time>.json, both servers' figures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, sleep, type Running } from '../server/testing/process.js';
import type { ClientSocket } from '../server/testing/socket-client.js';
import {
  costLines,
  costs,
  pairedHeader,
  pairedLine,
  ratioTargets,
  rowsByKey,
  sizing,
  sizingLines,
  DAY,
} from './baseline/compare.js';
import { openBare, startBare, type BareCtx, type BareSocket } from './baseline/client.js';
import { BARE_SCENARIOS } from './baseline/list.js';
import { startHog } from './busy.js';
import { closeAllSockets, connectPerson } from './lib.js';
import { printProfile, type ProfileWindow } from './profile.js';
import {
  newResult,
  TARGETS,
  type BenchConfig,
  type Ctx,
  type Row,
  type Scenario,
  type ScenarioResult,
  type TargetCheck,
} from './scenarios/common.js';
import { SCENARIOS } from './scenarios/list.js';
import { commitProbe, metrics, newSecret, prepareDb, startServer, type Metrics } from './server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const smoke = process.argv.includes('--smoke');
/** --cpu-prof: the server writes a V8 CPU profile into bench-results/ on exit; its top functions are printed. */
const cpuProf = process.argv.includes('--cpu-prof');
/** --only=door,tap,booking: run just those after connect (which provides the attendees' sockets). */
const only =
  process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',') ?? null;
/** --group-commit=off: one commit per command, on both servers (default: grouped on both). */
const groupCommit = !process.argv.includes('--group-commit=off');
/** --busy: a CPU hog on one core for the whole run. */
const busy = process.argv.includes('--busy');
const wanted = (scenario: Pick<Scenario, 'only'>) => !only || scenario.only === null || only.includes(scenario.only);

const config: BenchConfig = smoke
  ? {
      connectSteps: [200],
      connectTarget: 200,
      doorPeople: 200,
      taps: 200,
      tapWindowMs: 10_000,
      bookingRequests: 100,
      bookingWindowMs: 2_000,
      manualBookings: 10,
      extraVentures: 5,
      limitMs: 60_000,
    }
  : {
      connectSteps: [1000, 5000, 10_000],
      connectTarget: TARGETS.connected,
      doorPeople: 2000,
      taps: 5000,
      tapWindowMs: 10_000,
      bookingRequests: 500,
      bookingWindowMs: 5_000,
      manualBookings: 50,
      extraVentures: 15,
      limitMs: 120_000,
    };
/** --door-people=N: N people checked in flat out and N paced (default 2,000; a longer flat-out window). */
const doorArg = process.argv.find((a) => a.startsWith('--door-people='));
if (doorArg) config.doorPeople = Number(doorArg.slice('--door-people='.length)) || config.doorPeople;
/** --connect=1000,5000: other connect steps (the largest also bounds the tap storm and booking firms). */
const connectArg = process.argv.find((a) => a.startsWith('--connect='));
if (connectArg) {
  config.connectSteps = connectArg
    .slice('--connect='.length)
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  config.connectTarget = Math.min(config.connectTarget, config.connectSteps[config.connectSteps.length - 1] ?? 0);
}
const firmCount = Math.max(
  config.connectSteps[config.connectSteps.length - 1]!,
  2 * config.doorPeople,
  config.bookingRequests + config.manualBookings,
  config.taps,
);

function machine() {
  const cpus = os.cpus();
  let openFiles: string | null = null;
  try {
    openFiles = /Max open files\s+(\S+)/.exec(fs.readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? null;
  } catch {
    // not Linux
  }
  return {
    cpus: cpus.length,
    model: cpus[0]?.model ?? 'unknown',
    totalMemGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    openFilesLimit: openFiles,
  };
}

const fmt = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? '-' : String(x));

function printRow(row: Row): void {
  const cells = [
    row.scenario.padEnd(32),
    fmt(row.n).padStart(6),
    fmt(row.ok).padStart(6),
    fmt(row.seconds).padStart(6),
    fmt(row.ratePerSec).padStart(7),
    fmt(row.lat?.p50).padStart(7),
    fmt(row.lat?.p99).padStart(7),
    fmt(row.lat?.max).padStart(7),
  ];
  console.log(`${cells.join(' ')}  ${row.note}`);
}

function printTarget(t: TargetCheck): void {
  console.log(
    `  ${(t.pass ? 'PASS' : 'MISS').padEnd(5)} ${t.name.padEnd(40)} ${`${fmt(t.value)}${t.unit ? ` ${t.unit}` : ''}`.padStart(10)}   target ${t.target}${t.unit ? ` ${t.unit}` : ''}`,
  );
}

/** Runs a scenario; an exception or a hang becomes a reported failure, not a crash. */
async function guarded(name: string, limitMs: number, run: () => Promise<ScenarioResult>): Promise<ScenarioResult> {
  let timer: NodeJS.Timeout | undefined;
  const empty = (failure: string): ScenarioResult => newResult(name, [failure], true);
  const hang = new Promise<ScenarioResult>((resolve) => {
    timer = setTimeout(
      () => resolve(empty(`${name}: did not finish within ${(limitMs + 60_000) / 1000} s`)),
      limitMs + 60_000,
    );
  });
  try {
    return await Promise.race([run(), hang]);
  } catch (error) {
    return empty(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

let server: Running | null = null;
let bareServer: Running | null = null;
let stopHog: (() => Promise<void>) | null = null;
let tempDir: string | null = null;

async function cleanup(): Promise<void> {
  closeAllSockets();
  for (const s of [server, bareServer]) if (s) await s.stop();
  server = null;
  bareServer = null;
  const stop = stopHog;
  stopHog = null;
  if (stop) await stop();
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  tempDir = null;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the servers and cleaning up…`);
    void cleanup().finally(() => process.exit(130));
  });
}

/**
 * Two check-in stations (the organizer signed in twice); the first also drives program and grid.
 * Without them the scenarios that need them cannot run: the reason is the run's failure.
 */
async function connectStations(ctx: Ctx, organizerUrl: string): Promise<ScenarioResult | null> {
  try {
    const stations: ClientSocket[] = [];
    for (let i = 0; i < 2; i++) stations.push(await connectPerson(ctx.ev.baseUrl, organizerUrl));
    ctx.stations = stations;
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return newResult('stations', [`organizer stations could not connect: ${reason}`]);
  }
}

/** The bare stack's two stations: plain sockets. */
async function connectBareStations(ctx: BareCtx): Promise<ScenarioResult | null> {
  try {
    const stations: BareSocket[] = [];
    for (let i = 0; i < 2; i++) stations.push(await openBare(ctx.ev.baseUrl));
    ctx.stations = stations;
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return newResult('stations', [`bare stations could not connect: ${reason}`]);
  }
}

// The server's profile is stamped with the same monotonic clock as hrtime, in microseconds.
const clockUs = () => Number(process.hrtime.bigint() / 1000n);

/** Runs a server's scenarios in order (those --only names, connect always), printing each result's rows. */
async function runScenarios<C extends { stations: unknown[] }>(
  list: readonly Scenario<C>[],
  ctx: C,
  connectStations: () => Promise<ScenarioResult | null>,
  print: (row: Row) => void,
  windows: ProfileWindow[] = [],
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const scenario of list.filter(wanted)) {
    if (scenario.needsStations && ctx.stations.length === 0) {
      const failure = await connectStations();
      if (failure) {
        results.push(failure);
        break;
      }
    }
    const fromUs = clockUs();
    const result = await guarded(scenario.name, scenario.limitMs(config), () => scenario.run(ctx, config));
    windows.push({ name: scenario.name, fromUs, toUs: clockUs() });
    result.rows.forEach(print);
    for (const f of result.failures) console.log(`  ! ${f}`);
    results.push(result);
  }
  return results;
}

type Prepared = ReturnType<typeof prepareDb>;

/** Phase 1: the bare stack alone, over its own database, with the app's firms and ventures (their ids). */
async function barePhase(dir: string, prepared: Prepared) {
  const port = await freePort();
  const dbFile = path.join(dir, 'bare.db');
  bareServer = await startBare(root, { port, dbFile, groupCommit });
  const ctx: BareCtx = {
    ev: { baseUrl: `http://127.0.0.1:${port}`, firms: prepared.firms, ventures: prepared.ventures },
    dbFile,
    serverPid: bareServer.child.pid!,
    smoke,
    limitMs: config.limitMs,
    attendees: [],
    stations: [],
    log: (line) => console.log(line),
  };
  console.log(`\nPhase 1: the bare stack (bench/baseline/server.ts) on ${ctx.ev.baseUrl}`);
  console.log(ROW_HEADER);
  const results = await runScenarios(BARE_SCENARIOS, ctx, () => connectBareStations(ctx), printRow);
  const last = await metrics(ctx.ev.baseUrl).catch(() => null);
  // Its attendees leave before the app's arrive: one server's sockets on the machine at a time.
  closeAllSockets();
  await bareServer.stop();
  bareServer = null;
  return { results, groupCommit: last?.groupCommit ?? null };
}

/** Phase 2: the app, each row printed beside the bare stack's. */
async function appPhase(
  dbFile: string,
  secretHex: string,
  port: number,
  prepared: Prepared,
  bare: ScenarioResult[],
  profDir: string,
) {
  const baseUrl = `http://127.0.0.1:${port}`;
  console.log(`\nPhase 2: the app (node dist/server/index.js) on ${baseUrl}, beside the bare stack (× = app/bare)`);
  server = await startServer(
    root,
    { dbFile, secretHex, port, baseUrl, groupCommit },
    cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
  );
  const ctx: Ctx = {
    ev: { ...prepared, port },
    dbFile,
    serverPid: server.child.pid!,
    smoke,
    limitMs: config.limitMs,
    attendees: [],
    stations: [],
    log: (line) => console.log(line),
  };
  pairedHeader().forEach((line) => console.log(line));
  const bareRows = rowsByKey(bare);
  const windows: ProfileWindow[] = [];
  const results = await runScenarios(
    SCENARIOS,
    ctx,
    () => connectStations(ctx, prepared.organizer.url),
    (row) => console.log(pairedLine(row, bareRows.get(row.key ?? row.scenario))),
    windows,
  );
  const last = await metrics(baseUrl).catch(() => null);
  return { results, windows, groupCommit: last?.groupCommit ?? null };
}

const ROW_HEADER = `${'scenario'.padEnd(32)} ${'n'.padStart(6)} ${'ok'.padStart(6)} ${'s'.padStart(6)} ${'rate/s'.padStart(7)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}  (ms; note)`;

const commitsNote = (g: Metrics['groupCommit'] | null) =>
  !g
    ? 'no figures'
    : g.commits === 0
      ? 'none grouped'
      : `${g.commands} commands in ${g.commits} commits, at most ${g.largest} in one`;

async function main(): Promise<number> {
  const started = new Date();
  const info = machine();
  console.log(`Pitch Match bench (${smoke ? 'smoke' : 'full'}) — ${started.toISOString()}`);
  console.log(
    `machine: ${info.cpus} × ${info.model}, ${info.totalMemGB} GB, node ${info.node}, ${info.platform}, open files ${info.openFilesLimit ?? '?'}`,
  );
  console.log(
    `load average at start: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(
        ' / ',
      )}; group commit: ${groupCommit ? 'on' : 'off'} (app and bare); busy: ${busy ? 'one core hogged' : 'no'}`,
  );

  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-bench-'));
  const dbFile = path.join(tempDir, 'pitch.db');
  const disk = commitProbe(tempDir);
  console.log(`disk: one-row commit ${disk.fullMs} ms with synchronous=FULL, ${disk.normalMs} ms with NORMAL (WAL)`);

  const { secret, secretHex } = newSecret();
  const port = await freePort();
  const t0 = Date.now();
  const prepared = prepareDb(dbFile, secret, `http://127.0.0.1:${port}`, firmCount, config.extraVentures);
  console.log(`prepared ${prepared.firms.length} firms, ${prepared.ventures.length} ventures in ${Date.now() - t0} ms`);
  const outDir = path.join(root, 'bench-results');
  const stamp = `${started.toISOString().replace(/[:.]/g, '-')}${smoke ? '-smoke' : ''}`;
  const profDir = path.join(outDir, `${stamp}-cpuprofile`);
  if (busy) stopHog = await startHog();

  console.log(
    '\nLatencies in ms. Server loop-delay figures come from its monitorEventLoopDelay (10 ms resolution: ~10 ms means no delay).',
  );
  const bare = await barePhase(tempDir, prepared);
  await sleep(2000); // the bare stack's sockets and process gone before the app starts
  const app = await appPhase(dbFile, secretHex, port, prepared, bare.results, profDir);
  console.log(`\ncommits: app ${commitsNote(app.groupCommit)}; bare ${commitsNote(bare.groupCommit)}`);

  const targets = ratioTargets(app.results, bare.results, busy);
  const absolute = app.results.flatMap((r) => r.targets);
  const failures = [
    ...app.results.flatMap((r) => r.failures),
    ...bare.results.flatMap((r) => r.failures.map((f) => `bare: ${f}`)),
  ];
  console.log('\nTargets (issue 18: ratios to the bare stack in this run; the booking storm absolute):');
  targets.forEach(printTarget);
  console.log('The first targets, absolute (for information):');
  absolute.forEach(printTarget);

  const costList = costs(app.results, bare.results);
  console.log('\nCost per attendee (server CPU ms per command over its scenario, server RSS per connected phone):');
  costLines(costList).forEach((line) => console.log(line));
  const sizes = [500, 5000].flatMap((people) =>
    (['app', 'bare'] as const).map((side) => sizing(side, side === 'app' ? app.results : bare.results, people)),
  );
  console.log(
    `Sizing, per attendee ${DAY.checkins} check-in, ${DAY.taps} taps, ${DAY.bookings} bookings (request + accept), from the costs above (plus the idle server's share of a core):`,
  );
  sizingLines(sizes).forEach((line) => console.log(line));

  console.log(
    failures.length
      ? `\nCorrectness failures (${failures.length}):`
      : '\nCorrectness: all counts exact, no clash, every command answered (app and bare).',
  );
  for (const f of failures) console.log(`  ✗ ${f}`);

  fs.mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `${stamp}.json`);
  fs.writeFileSync(
    outFile,
    `${JSON.stringify(
      {
        mode: smoke ? 'smoke' : 'full',
        startedAt: started.toISOString(),
        seconds: Math.round((Date.now() - started.getTime()) / 1000),
        machine: info,
        loadAverageAtStart: os.loadavg(),
        groupCommit,
        busy,
        disk,
        config,
        targets,
        absoluteTargets: absolute,
        costs: costList,
        sizing: sizes,
        failures,
        scenarios: app.results,
        commits: app.groupCommit,
        bare: { scenarios: bare.results, commits: bare.groupCommit },
        ...(cpuProf ? { cpuProfile: { dir: path.relative(root, profDir), windows: app.windows } } : {}),
      },
      null,
      2,
    )}\n`,
  );
  console.log(
    `\nResults: ${path.relative(process.cwd(), outFile)} (${Math.round((Date.now() - started.getTime()) / 1000)} s)`,
  );
  if (cpuProf) {
    await cleanup(); // the server writes its profile as it exits
    printProfile(profDir, app.windows);
  }
  return failures.length > 0 ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  for (const running of [server, bareServer] as (Running | null)[]) {
    if (running) console.error(`\n${running.name} output (last lines):\n${running.output().slice(-3000)}`);
  }
  code = 2;
} finally {
  await cleanup();
}
process.exit(code);
