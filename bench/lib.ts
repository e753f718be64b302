/**
 * Bench helpers: signed-in socket.io clients (the way a phone signs in: GET /t/TOKEN, then the
 * session cookie on the handshake), commands with a timeout, bounded concurrency, pacing, figures.
 */
import { performance } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../shared/constants.js';
import type { ClientToServerEvents, CommandName, ServerToClientEvents } from '../shared/protocol.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Payload<E extends CommandName> = Parameters<ClientToServerEvents[E]>[0];
export type Answer<E extends CommandName> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

export const now = (): number => performance.now();
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every socket the bench opened, so that cleanup closes them all, whatever happened. */
export const openSockets = new Set<ClientSocket>();

export function closeAllSockets(): void {
  for (const socket of openSockets) socket.disconnect();
  openSockets.clear();
}

/** GET /t/TOKEN: the session cookie ("pm_session=…") of a badge link. */
export async function signIn(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  const cookie = res.headers.get('set-cookie');
  await res.body?.cancel();
  if (res.status !== 303 || !cookie) throw new Error(`sign-in answered ${res.status}`);
  return cookie.split(';')[0]!;
}

/** A websocket-only socket.io client, no reconnection; resolves once connected. */
export function openSocket(baseUrl: string, opts: { cookie?: string; board?: string }): Promise<ClientSocket> {
  return new Promise((resolve, reject) => {
    const socket: ClientSocket = connect(baseUrl, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 30_000,
      extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
      auth: opts.board ? { board: opts.board } : {},
    });
    openSockets.add(socket);
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error: Error) => {
      socket.disconnect();
      openSockets.delete(socket);
      reject(error);
    });
    socket.on('disconnect', () => openSockets.delete(socket));
  });
}

/** Sends a command; resolves with its ack, or null when none came within `timeoutMs`. */
export function call<E extends CommandName>(
  socket: ClientSocket,
  event: E,
  payload: Payload<E>,
  timeoutMs = 30_000,
): Promise<Answer<E> | null> {
  return new Promise((resolve) => {
    const timed = socket.timeout(timeoutMs) as unknown as {
      emit(e: string, p: unknown, cb: (err: Error | null, answer: unknown) => void): void;
    };
    timed.emit(event, payload, (err, answer) => resolve(err ? null : (answer as Answer<E>)));
  });
}

/** Signs in, connects and syncs (what the real client does on every connect). */
export async function connectPerson(baseUrl: string, url: string): Promise<ClientSocket> {
  const cookie = await signIn(url);
  const socket = await openSocket(baseUrl, { cookie });
  const answer = await call(socket, 'sync', { protocol: PROTOCOL_VERSION });
  if (!answer?.ok) throw new Error(`sync failed: ${answer ? answer.error.message : 'no answer'}`);
  return socket;
}

/**
 * Runs `work` over the items with at most `concurrency` at once; stops taking new items after
 * `deadline` (Date.now() ms) or when `stop()` says so.
 */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
  deadline = Infinity,
  stop: () => boolean = () => false,
): Promise<number> {
  let next = 0;
  let started = 0;
  const worker = async () => {
    while (next < items.length && Date.now() < deadline && !stop()) {
      const index = next++;
      started++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return started;
}

/**
 * Open loop: calls `send(item, i)` at start + i * intervalMs, whatever the answers do. Resolves with
 * how many were sent (fewer if the deadline came first) and the worst lateness against the schedule.
 */
export async function paced<T>(
  items: readonly T[],
  intervalMs: number,
  send: (item: T, index: number) => void,
  deadline = Infinity,
): Promise<{ sent: number; maxLateMs: number }> {
  const start = now();
  let i = 0;
  let maxLateMs = 0;
  while (i < items.length && Date.now() < deadline) {
    const t = now();
    while (i < items.length && start + i * intervalMs <= t) {
      maxLateMs = Math.max(maxLateMs, t - (start + i * intervalMs));
      send(items[i]!, i);
      i++;
    }
    if (i < items.length) await sleep(Math.max(0, Math.min(5, start + i * intervalMs - now())));
  }
  return { sent: i, maxLateMs };
}

/** Waits until `done()` or `ms` passed; true if done. */
export async function waitFor(done: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) return false;
    await sleep(10);
  }
  return true;
}

export interface Dist {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of latencies in ms, rounded to 0.1 ms. */
export function dist(values: readonly number[]): Dist {
  if (values.length === 0) return { n: 0, p50: NaN, p99: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: sorted.length, p50: r(at(0.5)), p99: r(at(0.99)), max: r(sorted[sorted.length - 1]!) };
}

/** Counts of each distinct string (error messages, outcomes). */
export function tally(into: Record<string, number>, key: string): void {
  into[key] = (into[key] ?? 0) + 1;
}

/** CPU time (user + system, ms) a process has used so far, from /proc; null where there is none. */
export async function cpuMsOf(pid: number): Promise<number | null> {
  try {
    const { readFile } = await import('node:fs/promises');
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
    return (ticks / 100) * 1000; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}
