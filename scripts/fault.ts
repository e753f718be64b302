/**
 * `npm run fault`: the crash drill (server/testing/fault.ts) for several rounds: load from many
 * signed-in people, SIGKILL mid-load, restart on the same file, and every acknowledged change
 * checked. Runs the built server (dist/) when it is newer than the sources, else the sources
 * through tsx.
 *
 *   npm run fault -- [--rounds 5] [--seed N] [--tsx]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runFaultDrill } from '../server/testing/fault.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    seed: { type: 'string' },
    tsx: { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 100) throw new Error('--rounds must be a whole number, 1–100.');
if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number.');

function newest(p: string): number {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((max, entry) => Math.max(max, newest(path.join(p, entry))), stat.mtimeMs);
}
const entry = path.join(root, 'dist', 'server', 'index.js');
const fresh =
  fs.existsSync(entry) &&
  fs.statSync(entry).mtimeMs >= Math.max(newest(path.join(root, 'server')), newest(path.join(root, 'shared')));
const runner = fresh && !values.tsx ? 'built' : 'tsx';
console.log(
  `Crash drill: ${rounds} rounds, seed ${seed}, server ${runner === 'built' ? 'dist/server/index.js' : 'tsx server/index.ts'}`,
);

const started = performance.now();
const reports = await runFaultDrill({
  root,
  runner,
  rounds,
  extraFirms: 300,
  extraVentures: 8,
  tappers: 30,
  killWithinMs: 3000,
  seed,
  log: (line) => console.log(`  ${line}`),
});

const sum = (pick: (r: (typeof reports)[number]) => number) => reports.reduce((a, r) => a + pick(r), 0);
console.table(
  reports.map((r) => ({
    round: r.round,
    'kill at ms': r.killAtMs,
    'in flight': r.inFlight,
    'check-ins': r.acked.checkins,
    undos: r.acked.undos,
    taps: r.acked.interests,
    requests: r.acked.requests,
    'meetings (accept)': r.acked.meetings,
    'meetings (organizer)': r.acked.bookings,
    'keys replayed': r.checked.replays,
    'change log': r.changeLog,
    'restart ms': r.restartMs,
    failures: r.failures.length,
  })),
);
const last = reports.at(-1)!;
console.log(
  `Acknowledged: ${sum((r) => Object.values(r.acked).reduce((a, b) => a + b, 0))} changes over ${reports.length} kills; ` +
    `after the last restart ${last.checked.checkins} check-ins, ${last.checked.interests} interests, ` +
    `${last.checked.requests} requests and ${last.checked.meetings} meetings compared with the store; ` +
    `${sum((r) => r.inFlight)} commands were in flight at the kills. ${Math.round((performance.now() - started) / 1000)} s.`,
);
const failures = reports.flatMap((r) => r.failures.map((f) => `round ${r.round}: ${f}`));
if (failures.length) {
  console.error(`\nFAILED (seed ${seed}):\n${failures.join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('Every acknowledged change survived every kill; nothing half-written.');
}
