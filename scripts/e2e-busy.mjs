#!/usr/bin/env node
/**
 * The e2e suite with both cores busy, as the day's laptop will be (a projector, a browser per
 * station, a video call): one spinning process per core runs beside the suite, started here and
 * ended here whatever happens. `npm run test:e2e:busy [-- --runs 3] [-- playwright args]`.
 * Prints each run's result and the hog's share of the CPU, so a closing note can report them.
 */
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 1;
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of runs, 1 or more.');

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// A bounded spin: each hog ends by itself after two hours even if this script is killed hard.
const HOG =
  'const end = Date.now() + 2 * 3600_000; let x = 0; while (Date.now() < end) x = (x + Math.sqrt(x + 1)) % 1e9;';
const hogs = Array.from({ length: os.availableParallelism() }, () =>
  spawn(process.execPath, ['-e', HOG], { stdio: 'ignore' }),
);
const stopHogs = () => hogs.forEach((h) => h.exitCode === null && h.kill('SIGKILL'));
process.on('exit', stopHogs);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const results = [];
for (let run = 1; run <= runs; run++) {
  const started = Date.now();
  const cpuBefore = os.cpus().map((c) => c.times);
  const suite = spawnSync('npx', ['playwright', 'test', ...args], { stdio: 'inherit' });
  const busy = os.cpus().map((c, i) => {
    const t = c.times;
    const b = cpuBefore[i];
    const total = t.user + t.nice + t.sys + t.idle + t.irq - (b.user + b.nice + b.sys + b.idle + b.irq);
    return 1 - (t.idle - b.idle) / total;
  });
  results.push({
    run,
    passed: suite.status === 0,
    minutes: ((Date.now() - started) / 60_000).toFixed(1),
    cpuBusy: busy.map((x) => `${Math.round(x * 100)}%`).join(' '),
  });
  console.log(
    `\n[busy e2e] run ${run}/${runs}: ${suite.status === 0 ? 'passed' : 'FAILED'} in ${results.at(-1).minutes} min, cores busy ${results.at(-1).cpuBusy}\n`,
  );
}
stopHogs();
console.table(results);
process.exit(results.every((r) => r.passed) ? 0 : 1);
