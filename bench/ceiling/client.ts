/**
 * One client process of the ceiling run (bench/ceiling.ts forks several): it signs attendees in,
 * connects and syncs them as phones do, and holds their sockets until told to close. Each process
 * has its own open-file limit, so a few of them can hold more sockets than the server can take.
 * Driven over IPC; it exits when its parent goes (the IPC channel closes).
 */
import { closeAllSockets, connectPerson, now, pool, tally } from '../lib.js';
import type { ClientSocket } from '../../server/testing/socket-client.js';

/** What the ceiling run asks of a client process. */
export type ToClient =
  | {
      kind: 'connect';
      baseUrl: string;
      urls: string[];
      concurrency: number;
      /** Stop taking new attendees after this many failures in a row (the server has stopped accepting). */
      stopAfterFailures: number;
      limitMs: number;
    }
  | { kind: 'close' };

/** What a client process answers. */
export type FromClient =
  | { kind: 'ready' }
  | {
      kind: 'connected';
      ok: number;
      failed: number;
      /** Attendees not tried: the failures in a row or the time limit stopped the batch. */
      skipped: number;
      errors: Record<string, number>;
      /** Sign-in + connect + sync of each attendee that connected, ms. */
      connectMs: number[];
      /** Sockets of this process still connected now (a dropped one shows here). */
      held: number;
      rssBytes: number;
    };

const sockets: ClientSocket[] = [];

function send(message: FromClient): void {
  process.send?.(message);
}

async function connectBatch(message: Extract<ToClient, { kind: 'connect' }>): Promise<void> {
  const errors: Record<string, number> = {};
  const connectMs: number[] = [];
  let failuresInARow = 0;
  let failed = 0;
  const started = await pool(
    message.urls,
    message.concurrency,
    async (url) => {
      const t = now();
      try {
        sockets.push(await connectPerson(message.baseUrl, url));
        connectMs.push(now() - t);
        failuresInARow = 0;
      } catch (error) {
        failed++;
        failuresInARow++;
        tally(errors, describe(error));
      }
    },
    Date.now() + message.limitMs,
    () => failuresInARow >= message.stopAfterFailures,
  );
  send({
    kind: 'connected',
    ok: connectMs.length,
    failed,
    skipped: message.urls.length - started,
    errors,
    connectMs,
    held: sockets.filter((s) => s.connected).length,
    rssBytes: process.memoryUsage.rss(),
  });
}

/** An error's message with its code (EMFILE, ECONNRESET…), which fetch and socket.io keep in its cause. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  const code =
    cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : undefined;
  // socket.io's connect_error carries the transport's own error (an ErrorEvent of ws) as `description`.
  const inner = (error as Error & { description?: { message?: unknown } }).description;
  const description = typeof inner?.message === 'string' && inner.message ? `: ${inner.message}` : '';
  return `${error.message || error.name}${description}${code ? ` (${code})` : ''}`.slice(0, 120);
}

process.on('message', (message: ToClient) => {
  if (message.kind === 'connect') void connectBatch(message);
  else {
    closeAllSockets();
    process.exit(0);
  }
});
// The parent is gone (it exited or was killed): nothing is left to hold the sockets for.
process.on('disconnect', () => {
  closeAllSockets();
  process.exit(0);
});
send({ kind: 'ready' });
