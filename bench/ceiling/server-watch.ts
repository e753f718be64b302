/**
 * The ceiling run's look at the server process: its open-file limit and open files from /proc (and
 * their peak while a step connects), its figures from /healthz kept even when that fails at the
 * limit, its error lines, and a guard that stops it if the run is killed outright.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { sleep } from '../../server/testing/process.js';
import { metrics, type Metrics } from '../server.js';

/**
 * A SIGKILLed run cleans nothing up: its clients go by themselves (their IPC channel closes), and
 * this small process does it for the server and the temp dir. It waits for its channel to close
 * (this process exited, however), then stops the server if that pid is still the same process (its
 * start time, field 22 of /proc/<pid>/stat, unchanged: a pid can be reused), and removes the dir.
 */
const GUARD_SOURCE = `
const fs = require('node:fs');
const [pid, dir] = process.argv.slice(1);
const startTime = () => {
  try {
    const stat = fs.readFileSync('/proc/' + pid + '/stat', 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch { return null; }
};
const started = startTime();
process.on('disconnect', () => {
  if (started !== null && startTime() === started) {
    try { process.kill(Number(pid), 'SIGTERM'); } catch {}
  }
  setTimeout(() => { fs.rmSync(dir, { recursive: true, force: true }); process.exit(0); }, 3000);
});
`;

/** Starts the guard of this server and temp dir; it does not keep this process alive, and acts once it is gone. */
export function startGuard(serverPid: number, dir: string): ChildProcess {
  const guard = spawn(process.execPath, ['-e', GUARD_SOURCE, String(serverPid), dir], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  guard.unref();
  guard.channel?.unref();
  return guard;
}

/** "soft / hard" from /proc/<pid>/limits; null off Linux. */
export function openFilesLimit(pid: number | 'self'): string | null {
  try {
    return (
      /Max open files\s+(\S+)\s+(\S+)/
        .exec(fs.readFileSync(`/proc/${pid}/limits`, 'utf8'))
        ?.slice(1)
        .join(' / ') ?? null
    );
  } catch {
    return null; // not Linux
  }
}

export function openFiles(pid: number): number | null {
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return null;
  }
}

/**
 * The server's figures (bench/server.ts metrics). At its open-file limit /healthz can answer 500:
 * its memory figure (process.memoryUsage) reads /proc/self/stat, which takes a file. What it
 * answered is kept and it is asked again for up to 15 s, as the sign-ins' HTTP connections close.
 */
export async function figures(baseUrl: string, reset: boolean, failures: string[]): Promise<Metrics | null> {
  const until = Date.now() + 15_000;
  for (;;) {
    try {
      return await metrics(baseUrl, reset);
    } catch (error) {
      failures.push(await healthAnswer(baseUrl, error));
      if (Date.now() > until) return null;
      await sleep(1000);
    }
  }
}

async function healthAnswer(baseUrl: string, error: unknown): Promise<string> {
  try {
    const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5000) });
    return `/healthz ${res.status}: ${(await res.text()).slice(0, 200)}`;
  } catch (again) {
    const e = again instanceof Error ? again : error;
    const cause = e instanceof Error ? (e as Error & { cause?: { code?: string } }).cause?.code : undefined;
    return `/healthz: ${e instanceof Error ? e.message : String(e)}${cause ? ` (${cause})` : ''}`;
  }
}

/** Counts the server's open files twice a second until stopped; the stop answers the most seen. */
export function sampleOpenFiles(pid: number): () => number | null {
  let peak = openFiles(pid);
  const timer = setInterval(() => {
    const n = openFiles(pid);
    if (n !== null) peak = Math.max(peak ?? 0, n);
  }, 500);
  return () => {
    clearInterval(timer);
    const n = openFiles(pid);
    return n === null ? peak : Math.max(peak ?? 0, n);
  };
}

/** The server's error lines (the last few distinct ones): what failed inside it at the limit. */
export function errorLines(output: string): string[] {
  const lines = output.split('\n').filter((l) => /EMFILE|ENFILE|CANTOPEN|unable to open|error/i.test(l));
  return [...new Set(lines.map((l) => l.trim().slice(0, 240)))].slice(-5);
}
