/**
 * The ceiling run's client processes (client.ts beside this file, forked with tsx): started as the
 * run needs room, dealt attendees round-robin, asked over IPC, and closed at the end.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromClient, ToClient } from './client.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

/** One forked client process and the sockets it holds. */
export interface Client {
  child: ChildProcess;
  held: number;
  exited: Promise<void>;
}

/** Every client process started, in order. */
export const clients: Client[] = [];

async function startClient(): Promise<Client> {
  const child = fork(path.join(here, 'client.ts'), [], {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await nextMessage(child, 'ready', 30_000);
  return { child, held: 0, exited };
}

/** The client's next message of this kind; rejects if it exits first or stays silent `ms`. */
export function nextMessage<K extends FromClient['kind']>(
  child: ChildProcess,
  kind: K,
  ms: number,
): Promise<Extract<FromClient, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`client process: no '${kind}' within ${ms / 1000} s`)), ms);
    const onMessage = (message: FromClient) => {
      if (message.kind === kind) finish(undefined, message as Extract<FromClient, { kind: K }>);
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(new Error(`client process exited (${code ?? signal}) before '${kind}'`));
    const finish = (error?: Error, message?: Extract<FromClient, { kind: K }>) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message!);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export function ask(client: Client, message: ToClient): void {
  client.child.send(message);
}

/**
 * Deals the attendees' badge links round-robin to the client processes with room (each holds at
 * most `perChild`), starting processes as needed.
 */
export async function spreadOverClients(
  urls: string[],
  perChild: number,
): Promise<{ client: Client; urls: string[] }[]> {
  const room = () => clients.reduce((s, c) => s + perChild - c.held, 0);
  while (room() < urls.length) clients.push(await startClient());
  const batches = clients.map((client) => ({ client, urls: [] as string[], room: perChild - client.held }));
  let i = 0;
  for (const url of urls) {
    while (batches[i % batches.length]!.room <= 0) i++;
    const batch = batches[i % batches.length]!;
    batch.urls.push(url);
    batch.room--;
    i++;
  }
  return batches.filter((b) => b.urls.length > 0);
}

/** Asks every client process to close its sockets and exit; kills one that has not within 10 s. */
export async function closeClients(): Promise<void> {
  const running = clients.splice(0);
  for (const c of running) if (c.child.connected) ask(c, { kind: 'close' });
  await Promise.all(
    running.map(async (c) => {
      const killer = setTimeout(() => c.child.kill('SIGKILL'), 10_000);
      await c.exited;
      clearTimeout(killer);
    }),
  );
}

/** The client processes' resident memory and this process's, bytes. */
export function clientsRss(): number {
  let total = 0;
  for (const c of clients) {
    try {
      const status = fs.readFileSync(`/proc/${c.child.pid}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // exited
    }
  }
  return total + process.memoryUsage.rss();
}
