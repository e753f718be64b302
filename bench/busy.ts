/**
 * The CPU hog behind the bench's `--busy`: one child process that spins in a tight loop, so one of
 * the machine's cores is taken by other work while the bench measures (issue 18's "< 150 ms with a
 * CPU hog on one of the two cores"). The kernel decides which core it spins on; on a 2-core
 * machine the server, the bench's clients and the hog then share what is left of the other.
 *
 * The hog never outlives the bench: `startHog` hands back a stop that kills it and waits for its
 * exit, this process kills it as it exits, and the hog itself exits once its parent is gone (a
 * SIGKILLed bench runs no exit handler), which it checks a few times a second.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * The hog's own code (run with `node -e`). Its parent is read from /proc/self/stat, as Node's
 * `process.ppid` is fixed at start-up and would not show the re-parenting; elsewhere it asks
 * whether the parent still answers signal 0. It says "running" over IPC and spins only once the
 * message is written, since a busy loop would keep the message from ever leaving.
 */
const HOG_SOURCE = `
const fs = require('node:fs');
const parent = process.ppid;
function parentGone() {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== parent;
  } catch {
    try { process.kill(parent, 0); return false; } catch { return true; }
  }
}
function spin() {
  let checked = Date.now();
  let x = 0;
  for (;;) {
    for (let i = 0; i < 1e6; i++) x = (x * 31 + i) | 0;
    const t = Date.now();
    if (t - checked > 250) {
      checked = t;
      if (parentGone()) process.exit(0);
    }
  }
}
process.send('running', () => spin());
`;

/** Starts the hog; resolves once it spins, with a stop that kills it and resolves after its exit. */
export async function startHog(): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, ['-e', HOG_SOURCE], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = exitOf(child);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    await runningOf(child);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    process.off('exit', killOnExit);
    throw error;
  }
  // The channel has said what it had to: keeping it open would keep this process alive.
  child.disconnect();
  return async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    process.off('exit', killOnExit);
  };
}

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Resolves on the hog's "running", rejects if it fails to start, exits first or stays silent 10 s. */
function runningOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the CPU hog did not start within 10 s')), 10_000);
    const done = (error?: Error) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    child.once('message', () => done());
    child.once('error', (error) => done(new Error(`the CPU hog could not start: ${error.message}`)));
    child.once('exit', (code, signal) => done(new Error(`the CPU hog exited at start (${code ?? signal})`)));
  });
}
