// `npm run lighthouse`: Lighthouse's mobile audit of the attendee page (a firm's phone), signed in.
// Starts the built production server on loopback over a fresh demo store, signs a firm in by its
// badge link, and runs Lighthouse (through npx: nothing added to `npm ci`) with that session cookie
// against the Debian Chromium. Runs 5 times (--runs=N) and keeps the median by performance score,
// since one run on a shared machine is noisy. Prints scores and metrics; the median's report goes
// to bench-results/lighthouse-<time>.json.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Lighthouse 13 needs Node 22.19; 12.8 is the last line that runs on Node 20.
const LIGHTHOUSE = 'lighthouse@12.8.2';
const TARGET = 90;
// The flags of e2e/support/browser.ts (no sandbox as root, no background traffic), headless.
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'SI'],
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.find((a) => a.startsWith('--runs='));
const runs = runsArg ? Number(runsArg.slice('--runs='.length)) : 5;
if (!Number.isInteger(runs) || runs < 1 || runs > 9) {
  console.error(`--runs must be a whole number from 1 to 9, not "${runsArg?.slice('--runs='.length)}".`);
  process.exit(2);
}
const chrome = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p) => p && fs.existsSync(p),
);
if (!chrome) {
  console.error('No Chromium found: run `npm run setup:e2e` or set CHROMIUM_PATH.');
  process.exit(2);
}
for (const built of ['dist/server/index.js', 'dist/client/index.html']) {
  if (!fs.existsSync(path.join(root, built))) {
    console.error(`${built} is missing: run \`npm run build\` first.`);
    process.exit(2);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command to the end; its output is kept and shown only if it fails. */
function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args[0]} … exited ${code}:\n${output.slice(-3000)}`)),
    );
  });
}

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-lighthouse-'));
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  PITCH_DB: path.join(tempDir, 'pitch.db'),
  PITCH_SECRET: randomBytes(32).toString('hex'),
  PUBLIC_URL: baseUrl,
  PITCH_SEED_DEMO: '1',
};
const server = spawn(process.execPath, ['dist/server/index.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
let serverOutput = '';
server.stdout.on('data', (chunk) => (serverOutput = (serverOutput + chunk).slice(-5000)));
server.stderr.on('data', (chunk) => (serverOutput = (serverOutput + chunk).slice(-5000)));

async function stopServer() {
  if (server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await Promise.race([exited, sleep(5000)]);
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  }
  fs.rmSync(tempDir, { recursive: true, force: true });
}

async function waitForServer() {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server exited at start:\n${serverOutput}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The server did not answer /healthz within 20 s:\n${serverOutput}`);
    await sleep(100);
  }
}

/** A firm's badge link from `npm run links --json`, opened like a phone does: the session cookie. */
async function firmCookie() {
  const events = JSON.parse(await run(process.execPath, ['dist/server/cli-links.js', '--json'], env));
  const firm = events.flatMap((e) => e.people).find((p) => p.role === 'firm');
  if (!firm) throw new Error('The demo event has no firm to sign in as.');
  const res = await fetch(firm.url, { redirect: 'manual' });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status !== 303 || !cookie) throw new Error(`Signing in by ${firm.url} gave ${res.status}, no session.`);
  return { cookie, who: `${firm.name} (${firm.org})` };
}

function summary(lhr) {
  return {
    scores: Object.fromEntries(Object.entries(lhr.categories).map(([id, c]) => [id, Math.round(c.score * 100)])),
    metrics: Object.fromEntries(METRICS.map(([id, name]) => [name, lhr.audits[id]?.displayValue ?? '?'])),
    benchmarkIndex: lhr.environment?.benchmarkIndex,
  };
}

let code = 0;
try {
  await waitForServer();
  const { cookie, who } = await firmCookie();
  console.log(`Lighthouse ${LIGHTHOUSE.split('@')[1]} (mobile) on ${baseUrl}/ as ${who}, ${runs} run(s), ${chrome}`);
  const reports = [];
  for (let i = 1; i <= runs; i++) {
    const file = path.join(tempDir, `run${i}.json`);
    await run(
      'npx',
      [
        '--yes',
        LIGHTHOUSE,
        `${baseUrl}/`,
        '--output=json',
        `--output-path=${file}`,
        `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
        `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
        '--quiet',
      ],
      { ...env, CHROME_PATH: chrome },
    );
    const lhr = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    if (lhr.finalDisplayedUrl !== `${baseUrl}/`) throw new Error(`Lighthouse ended on ${lhr.finalDisplayedUrl}`);
    const s = summary(lhr);
    console.log(
      `  run ${i}: ${Object.entries(s.scores)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; ${Object.entries(s.metrics)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; CPU benchmark index ${s.benchmarkIndex}`,
    );
    reports.push({ lhr, s });
  }
  reports.sort((a, b) => a.s.scores.performance - b.s.scores.performance);
  const median = reports[Math.floor((reports.length - 1) / 2)];
  const { scores, metrics } = median.s;
  console.log('\nMedian run by performance:');
  for (const [id, score] of Object.entries(scores)) console.log(`  ${id.padEnd(16)} ${String(score).padStart(3)}`);
  for (const [name, value] of Object.entries(metrics)) console.log(`  ${name.padEnd(16)} ${value}`);
  const pass = scores.performance >= TARGET;
  console.log(`\n${pass ? 'PASS' : 'MISS'}  performance ${scores.performance}, target >= ${TARGET}`);

  const outDir = path.join(root, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `lighthouse-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(outFile, `${JSON.stringify(median.lhr, null, 2)}\n`);
  console.log(`Report (median run): ${path.relative(process.cwd(), outFile)}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await stopServer();
}
process.exit(code);
