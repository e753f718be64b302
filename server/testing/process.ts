/**
 * Process control for tests and tools, written once: a free port, a child process started and
 * awaited until it answers, its output kept for the report, and a stop that waits for the exit so
 * the port is free again and nothing outlives its caller. The server itself (built, or its sources
 * through tsx) is one use; e2e also starts Caddy and nginx with it. Used by the e2e set-up, the
 * crash drill (fault.ts) and the bench.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/** A port nothing listens on now (the OS picks it; closed again before it is handed out). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface Running {
  name: string;
  child: ChildProcess;
  /** Resolves once the process has exited and its output is read (or 2 s after the exit). */
  exited: Promise<void>;
  /** What it printed lately, stdout and stderr interleaved (the last `keepChars`). */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves once it has exited. */
  stop(): Promise<void>;
}

export interface StartOptions {
  args?: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Answers true once the process serves; polled every `pollMs` (a throw counts as "not yet"). */
  ready: () => Promise<boolean>;
  timeoutMs?: number;
  pollMs?: number;
  /** How long a SIGTERM may take before SIGKILL (a profiled server writes its profile as it exits). */
  graceMs?: number;
  keepChars?: number;
}

export async function startProcess(name: string, command: string, options: StartOptions): Promise<Running> {
  const child = spawn(command, options.args ?? [], {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keepChars = options.keepChars ?? 200_000;
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 2 * keepChars) output = output.slice(-keepChars);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const exited = exitOf(child);
  const graceMs = options.graceMs ?? 5_000;
  const running: Running = {
    name,
    child,
    exited,
    output: () => output.slice(-keepChars),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null || spawnError) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(killer);
    },
  };
  await untilReady(running, command, options, () => spawnError);
  return running;
}

/** 'close' waits for the output to be read too; a grandchild holding the pipes must not hold us up. */
function exitOf(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.once('exit', () => setTimeout(resolve, 2_000).unref());
  });
}

async function untilReady(
  running: Running,
  command: string,
  options: StartOptions,
  spawnError: () => Error | undefined,
): Promise<void> {
  const { child, name } = running;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const error = spawnError();
    if (error) throw new Error(`${name} could not start (${command}): ${error.message}`);
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited at start (${child.exitCode ?? child.signalCode}):\n${running.output()}`);
    if (await options.ready().catch(() => false)) return;
    if (Date.now() > deadline) {
      await running.stop();
      throw new Error(`${name} did not answer within ${timeoutMs / 1000} s:\n${running.output()}`);
    }
    await sleep(options.pollMs ?? 100);
  }
}

/** True once the server at this address answers /healthz; a hung answer counts as "not yet". */
export async function answersHealth(baseUrl: string): Promise<boolean> {
  return (await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) })).ok;
}

export interface ServerSettings {
  port: number;
  dbFile: string;
  secretHex: string;
  /** PUBLIC_URL; by default http://127.0.0.1:PORT. */
  publicUrl?: string;
}

/**
 * The environment of a server started for a test or a tool: this process's, without a loader or
 * test runner hook (NODE_OPTIONS) and without backups into a real folder, plus the server's own
 * settings on loopback and whatever `extra` adds (PITCH_RATE_LIMIT, PITCH_METRICS, ...).
 */
export function serverEnv(settings: ServerSettings, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(settings.port),
    HOST: '127.0.0.1',
    PITCH_DB: settings.dbFile,
    PITCH_SECRET: settings.secretHex,
    PUBLIC_URL: settings.publicUrl ?? `http://127.0.0.1:${settings.port}`,
    ...extra,
  };
  delete env.NODE_OPTIONS;
  delete env.PITCH_BACKUP_DIR;
  return env;
}

/** The node arguments of each way to run the server from the repository's root. */
export const SERVER_ENTRY = {
  built: ['dist/server/index.js'],
  // `node --import tsx`, not the tsx binary: that would start the server as a grandchild, out of SIGKILL's reach.
  tsx: ['--import', 'tsx', 'server/index.ts'],
} as const;

export interface ServerStart {
  /** The port it listens on (PORT in `env`): /healthz is asked at 127.0.0.1 there. */
  port: number;
  env: NodeJS.ProcessEnv;
  /** The repository's root; by default this process's working folder. */
  cwd?: string;
  /** Node's arguments: by default the built server, as `npm start` runs it. */
  args?: readonly string[];
  timeoutMs?: number;
  graceMs?: number;
}

/** Starts the server with this very node and resolves once /healthz answers. */
export function startServer({ port, env, cwd, args = SERVER_ENTRY.built, timeoutMs, graceMs }: ServerStart) {
  return startProcess('server', process.execPath, {
    args,
    env,
    cwd,
    ready: () => answersHealth(`http://127.0.0.1:${port}`),
    timeoutMs,
    pollMs: 50,
    graceMs,
  });
}
