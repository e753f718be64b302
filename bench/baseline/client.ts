/**
 * The bench's side of the bare stack (bench/baseline/server.ts): start it as a child process, open
 * sockets to it as the bench opens them to the app (websocket only, no reconnection), send a command
 * with its ack, and the context its scenarios run in.
 */
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { answersHealth, startProcess, type Running } from '../../server/testing/process.js';
import { track } from '../lib.js';
import type { BenchPerson } from '../server.js';
import type { BareAnswer, BareClientEvents, BareServerEvents } from './protocol.js';

export type BareSocket = Socket<BareServerEvents, BareClientEvents>;

/** What a bare scenario runs against: the same firms and ventures as the app's run (their ids). */
export interface BareCtx {
  ev: { baseUrl: string; firms: BenchPerson[]; ventures: BenchPerson[] };
  dbFile: string;
  serverPid: number;
  smoke: boolean;
  limitMs: number;
  /** Idle connected sockets, one per firm, in the order of `ev.firms`. */
  attendees: { person: BenchPerson; socket: BareSocket }[];
  /** Two door stations; the first also sets the booking grid and books by hand. */
  stations: BareSocket[];
  log: (line: string) => void;
}

/** Starts the bare server with this node (tsx as a loader, so a SIGKILL reaches it) and waits for /healthz. */
export function startBare(
  root: string,
  opts: { port: number; dbFile: string; groupCommit: boolean },
): Promise<Running> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return startProcess('bare server', process.execPath, {
    args: [
      '--expose-gc',
      '--import',
      'tsx',
      path.join('bench', 'baseline', 'server.ts'),
      `--port=${opts.port}`,
      `--db=${opts.dbFile}`,
      ...(opts.groupCommit ? ['--group-commit'] : []),
    ],
    env,
    cwd: root,
    ready: () => answersHealth(`http://127.0.0.1:${opts.port}`),
    pollMs: 50,
  });
}

/** A websocket-only socket to the bare server, closed at the bench's clean-up; resolves once connected. */
export function openBare(baseUrl: string, board = false): Promise<BareSocket> {
  return new Promise((resolve, reject) => {
    const socket: BareSocket = track(
      connect(baseUrl, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        timeout: 30_000,
        auth: board ? { board: true } : {},
      }),
    );
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error: Error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

type Payload<E extends keyof BareClientEvents> = Parameters<BareClientEvents[E]>[0];
type Data<E extends keyof BareClientEvents> =
  Parameters<Parameters<BareClientEvents[E]>[1]>[0] extends BareAnswer<infer T> ? T : never;
type AckedEmit = (event: string, payload: unknown, ack: (err: Error | null, answer: unknown) => void) => void;

/** Sends a command; resolves with its ack, or null when none came within 30 s (as the app's `call`). */
export function callBare<E extends keyof BareClientEvents>(
  socket: BareSocket,
  event: E,
  payload: Payload<E>,
): Promise<BareAnswer<Data<E>> | null> {
  return new Promise((resolve) => {
    (socket.timeout(30_000).emit as unknown as AckedEmit)(event, payload, (err, answer) =>
      resolve(err ? null : (answer as BareAnswer<Data<E>>)),
    );
  });
}
