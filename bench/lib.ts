/**
 * Bench helpers: the socket kit (server/testing/socket-client.ts) with the bench's clean-up and
 * time limit, bounded concurrency, pacing, figures.
 */
import { performance } from 'node:perf_hooks';
import type { CommandName } from '../shared/protocol.js';
import { sleep } from '../server/testing/process.js';
import {
  callWithin,
  connectSynced,
  openSocket as openKitSocket,
  signIn,
  type Answer,
  type ClientSocket,
  type Payload,
} from '../server/testing/socket-client.js';

export const now = (): number => performance.now();

/** Every socket the bench opened, so that cleanup closes them all, whatever happened. */
const openSockets: ClientSocket[] = [];
/** The bare stack's sockets (bench/baseline/), of another event map. */
const otherSockets: { disconnect(): void }[] = [];

export function closeAllSockets(): void {
  for (const socket of [...openSockets, ...otherSockets]) socket.disconnect();
  openSockets.length = 0;
  otherSockets.length = 0;
}

/** Closes it with the others at clean-up. */
export function track<S extends { disconnect(): void }>(socket: S): S {
  otherSockets.push(socket);
  return socket;
}

/** A websocket-only client, no reconnection, closed by `closeAllSockets`; resolves once connected. */
export function openSocket(baseUrl: string, opts: { cookie?: string; board?: string }): Promise<ClientSocket> {
  return openKitSocket(baseUrl, opts, openSockets);
}

/** Sends a command; resolves with its ack, or null when none came within 30 s. */
export function call<E extends CommandName>(
  socket: ClientSocket,
  event: E,
  payload: Payload<E>,
): Promise<Answer<E> | null> {
  return callWithin(socket, event, payload, 30_000);
}

/** Signs in, connects and syncs (what the real client does on every connect). */
export async function connectPerson(baseUrl: string, url: string): Promise<ClientSocket> {
  return (await connectSynced(baseUrl, await signIn(url), openSockets)).socket;
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

/** One command's answer as a scenario counts it: an outcome, a refusal's text, or none at all (null). */
export type Reply = { ok: true; outcome: string } | { ok: false; error: string } | null;

/** Sent, answered, latencies and what came back, for a run of one command (door scans, bookings). */
export interface CallStats {
  sent: number;
  answered: number;
  latencies: number[];
  outcomes: Record<string, number>;
  errors: Record<string, number>;
}

export function newCallStats(): CallStats {
  return { sent: 0, answered: 0, latencies: [], outcomes: {}, errors: {} };
}

/** Sends one command through `send` and counts it into `stats`. */
export async function timed(stats: CallStats, send: () => Promise<Reply>): Promise<Reply> {
  stats.sent++;
  const t = now();
  const reply = await send();
  if (!reply) return reply;
  stats.answered++;
  stats.latencies.push(now() - t);
  if (reply.ok) tally(stats.outcomes, reply.outcome);
  else tally(stats.errors, reply.error);
  return reply;
}

/** A count as a board (or venture) saw it: when it arrived, and the total it said. */
export interface Fact {
  at: number;
  total: number;
}

/** For each tap (send time, rank in ack order), the first fact at or after it whose total reaches the rank. */
export function factLatencies(
  taps: { sentAt: number; rank: number }[],
  facts: Fact[],
): { latencies: number[]; missing: number } {
  const latencies: number[] = [];
  let missing = 0;
  for (const tap of taps) {
    // Both at and total grow with the index, so the predicate is monotone: binary search.
    let lo = 0;
    let hi = facts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const f = facts[mid]!;
      if (f.total >= tap.rank && f.at >= tap.sentAt) hi = mid;
      else lo = mid + 1;
    }
    if (lo < facts.length) latencies.push(facts[lo]!.at - tap.sentAt);
    else missing++;
  }
  return { latencies, missing };
}
