/**
 * Processes a test starts and must stop (the built server, Caddy, nginx): started one way, awaited
 * until they answer, their output kept for the report, and stopped with a wait for the exit, so a
 * port is free again and nothing outlives the test.
 */
import { spawn } from 'node:child_process';
import https from 'node:https';
import net from 'node:net';

/** A port nothing listens on now (the OS picks it; closed again before it is handed out). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Running {
  name: string;
  /** What it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s; resolves once it has exited. */
  stop(): Promise<void>;
}

export interface StartOptions {
  args?: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Answers true once the process serves; polled every 100 ms (a throw counts as "not yet"). */
  ready: () => Promise<boolean>;
  timeoutMs?: number;
}

export async function startProcess(name: string, command: string, options: StartOptions): Promise<Running> {
  const child = spawn(command, options.args ?? [], {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const running: Running = {
    name,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null || spawnError) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };

  const timeoutMs = options.timeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError) throw new Error(`${name} could not start (${command}): ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited at start (${child.exitCode ?? child.signalCode}):\n${output}`);
    if (await options.ready().catch(() => false)) return running;
    if (Date.now() > deadline) {
      await running.stop();
      throw new Error(`${name} did not answer within ${timeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The status of a GET to an https:// address, sent to 127.0.0.1 with the address's name for TLS
 * (SNI) and Host, as a browser that resolves the name to this machine would; any certificate.
 */
export function httpsStatusAtLoopback(url: string): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = https.get(
      {
        host: '127.0.0.1',
        port: Number(target.port || 443),
        path: target.pathname + target.search,
        servername: target.hostname,
        headers: { host: target.host },
        rejectUnauthorized: false,
        timeout: 2_000,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    request.once('timeout', () => request.destroy(new Error('timed out')));
    request.once('error', reject);
  });
}
