/**
 * `npm run bench` / `npm run bench:smoke`: a load benchmark of the event day against the built
 * production server (dist/) on 127.0.0.1, over a fresh database in a temp dir.
 *
 *   npx tsx bench/run.ts --smoke     small and quick; exits 1 on a correctness failure
 *   npx tsx bench/run.ts             full sizes; reports PASS/MISS against the product's targets
 *   --cpu-prof                       the server writes a V8 CPU profile; its top functions are printed,
 *                                    for the whole run and for each scenario's stretch of it
 *   --only=door,tap,booking          run only these after connect
 *   --connect=1000,5000              other connect steps
 *
 * Scenarios (bench/scenarios/, one file each, in the order of list.ts): connect (idle attendees), door
 * (check-in stations), tap storm (interest during a pitch), booking storm (requests, accepts and
 * manual bookings). Results go to bench-results/<time>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, type Running } from '../server/testing/process.js';
import type { ClientSocket } from '../server/testing/socket-client.js';
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
import { commitProbe, newSecret, prepareDb, startServer } from './server.js';

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
const wanted = (scenario: Scenario) => !only || scenario.only === null || only.includes(scenario.only);

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
let tempDir: string | null = null;

async function cleanup(): Promise<void> {
  closeAllSockets();
  const s = server;
  server = null;
  if (s) await s.stop();
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  tempDir = null;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the server and cleaning up…`);
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

async function main(): Promise<number> {
  const started = new Date();
  const info = machine();
  console.log(`Pitch Match bench (${smoke ? 'smoke' : 'full'}) — ${started.toISOString()}`);
  console.log(
    `machine: ${info.cpus} × ${info.model}, ${info.totalMemGB} GB, node ${info.node}, ${info.platform}, open files ${info.openFilesLimit ?? '?'}`,
  );

  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-bench-'));
  const dbFile = path.join(tempDir, 'pitch.db');
  const disk = commitProbe(tempDir);
  console.log(`disk: one-row commit ${disk.fullMs} ms with synchronous=FULL, ${disk.normalMs} ms with NORMAL (WAL)`);

  const { secret, secretHex } = newSecret();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  const prepared = prepareDb(dbFile, secret, baseUrl, firmCount, config.extraVentures);
  console.log(
    `prepared ${prepared.firms.length} firms, ${prepared.ventures.length} ventures in ${Date.now() - t0} ms; starting node dist/server/index.js on ${baseUrl}`,
  );
  const outDir = path.join(root, 'bench-results');
  const stamp = `${started.toISOString().replace(/[:.]/g, '-')}${smoke ? '-smoke' : ''}`;
  const profDir = path.join(outDir, `${stamp}-cpuprofile`);
  server = await startServer(
    root,
    { dbFile, secretHex, port, baseUrl },
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

  console.log(
    '\nLatencies in ms. Server loop-delay figures come from its monitorEventLoopDelay (10 ms resolution: ~10 ms means no delay).',
  );
  console.log(
    `${'scenario'.padEnd(32)} ${'n'.padStart(6)} ${'ok'.padStart(6)} ${'s'.padStart(6)} ${'rate/s'.padStart(7)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}  (ms; note)`,
  );
  const results: ScenarioResult[] = [];
  const windows: ProfileWindow[] = [];
  // The server's profile is stamped with the same monotonic clock as hrtime, in microseconds.
  const clockUs = () => Number(process.hrtime.bigint() / 1000n);
  const run = async (name: string, limitMs: number, scenario: () => Promise<ScenarioResult>) => {
    const fromUs = clockUs();
    const result = await guarded(name, limitMs, scenario);
    windows.push({ name, fromUs, toUs: clockUs() });
    result.rows.forEach(printRow);
    for (const f of result.failures) console.log(`  ! ${f}`);
    results.push(result);
  };

  for (const scenario of SCENARIOS.filter(wanted)) {
    if (scenario.needsStations && ctx.stations.length === 0) {
      const failure = await connectStations(ctx, prepared.organizer.url);
      if (failure) {
        results.push(failure);
        break;
      }
    }
    await run(scenario.name, scenario.limitMs(config), () => scenario.run(ctx, config));
  }

  const targets = results.flatMap((r) => r.targets);
  const failures = results.flatMap((r) => r.failures);
  console.log('\nTargets:');
  targets.forEach(printTarget);
  console.log(
    failures.length
      ? `\nCorrectness failures (${failures.length}):`
      : '\nCorrectness: all counts exact, no clash, every command answered.',
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
        disk,
        config,
        targets,
        failures,
        scenarios: results,
        ...(cpuProf ? { cpuProfile: { dir: path.relative(root, profDir), windows } } : {}),
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
    printProfile(profDir, windows);
  }
  return failures.length > 0 ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  const running = server as Running | null; // assigned inside main()
  if (running) console.error(`\nserver output (last lines):\n${running.output().slice(-3000)}`);
  code = 2;
} finally {
  await cleanup();
}
process.exit(code);
