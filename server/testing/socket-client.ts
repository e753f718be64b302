/**
 * The socket client kit, written once for the integration tests, e2e helpers, the crash drill and
 * the bench: sign in the way a phone does (GET /t/TOKEN, the session cookie), connect a real
 * socket.io client with that cookie on the handshake, and send a command with its ack.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../shared/constants.js';
import type { Snapshot } from '../../shared/model.js';
import type { ClientToServerEvents, CommandName, ServerToClientEvents } from '../../shared/protocol.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Payload<E extends CommandName> = Parameters<ClientToServerEvents[E]>[0];
export type Answer<E extends CommandName> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** Opens a badge link as a phone does and returns the session cookie ("pm_session=…"). */
export async function signIn(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  const cookie = res.headers.get('set-cookie');
  // Thousands of sign-ins in a bench: an unread body would hold its connection open.
  await res.body?.cancel();
  if (res.status !== 303 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie.split(';')[0]!;
}

/**
 * A websocket-only client that does not reconnect by itself; resolves once connected, rejects with
 * the server's refusal. `clients` collects it for clean-up.
 */
export function openSocket(
  baseUrl: string,
  opts: { cookie?: string; board?: string },
  clients: ClientSocket[] = [],
): Promise<ClientSocket> {
  return new Promise<ClientSocket>((resolve, reject) => {
    const socket: ClientSocket = connect(baseUrl, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 30_000,
      extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
      auth: opts.board ? { board: opts.board } : {},
    });
    clients.push(socket);
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error: Error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

type AckedEmit = (event: string, payload: unknown, ack: (...answer: unknown[]) => void) => void;

/** Sends a command and resolves with its ack (a test's own time limit bounds the wait). */
export function call<E extends CommandName>(socket: ClientSocket, event: E, payload: Payload<E>): Promise<Answer<E>> {
  return new Promise((resolve) => {
    (socket.emit as AckedEmit)(event, payload, (answer) => resolve(answer as Answer<E>));
  });
}

/** Sends a command; resolves with its ack, or null when none came within `ms` (the server died or hung). */
export function callWithin<E extends CommandName>(
  socket: ClientSocket,
  event: E,
  payload: Payload<E>,
  ms: number,
): Promise<Answer<E> | null> {
  return new Promise((resolve) => {
    (socket.timeout(ms).emit as unknown as AckedEmit)(event, payload, (err, answer) =>
      resolve(err ? null : (answer as Answer<E>)),
    );
  });
}

/** What the real client does on every connect: sync, and the snapshot it answers. */
export async function snapshotOf(socket: ClientSocket, ms = 30_000): Promise<Snapshot> {
  const answer = await callWithin(socket, 'sync', { protocol: PROTOCOL_VERSION }, ms);
  if (!answer) throw new Error(`sync: no answer within ${ms / 1000} s`);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

/** Connects with a session cookie and syncs, as the app does after signing in. */
export async function connectSynced(
  baseUrl: string,
  cookie: string,
  clients: ClientSocket[] = [],
): Promise<{ socket: ClientSocket; snapshot: Snapshot }> {
  const socket = await openSocket(baseUrl, { cookie }, clients);
  return { socket, snapshot: await snapshotOf(socket) };
}
