/**
 * The one module that owns the socket. It signs in with the session cookie (or the board link's
 * token), syncs a fresh snapshot on every (re)connect, and writes facts into the stores.
 * Components never touch the socket; they call `send`.
 */
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../../shared/constants';
import { ErrorCode, refusalError, type Ack } from '../../../shared/errors';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/protocol';
import { serverNow, useConnection } from '../stores/connection-store';
import {
  applyChallenges,
  applyCounts,
  applyFit,
  applyGrid,
  applyInterest,
  applyLeads,
  applyMeetings,
  applyPeople,
  applyProgram,
  applySnapshot,
  applyStats,
} from '../stores/event-store';

type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Payload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
type Answer<E extends keyof ClientToServerEvents> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

const ACK_TIMEOUT_MS = 8000;
const CLOCK_CHECK_MS = 60_000;
let socket: AppSocket | null = null;

export function startSocket(options: { board?: string } = {}): void {
  if (socket) return;
  const s: AppSocket = io({
    auth: options.board ? { board: options.board } : {},
    // Phones switch networks often: keep trying, but not so fast that a room of them floods the server.
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.5,
  });
  socket = s;

  s.on('connect', () => void sync(s).catch(reportSyncFailure));
  // Heard from the server: its ping (every 25 s while idle) or any fact.
  const heard = () => useConnection.setState({ heardAt: serverNow() });
  s.io.on('ping', heard);
  s.onAny(heard);
  s.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return;
    // The server ended this socket (the badge was reissued, or the person signed out): socket.io
    // does not retry that by itself. Reconnecting either resumes or lands on the sign-in page.
    if (reason === 'io server disconnect') s.connect();
    useConnection.setState({ status: navigator.onLine ? 'reconnecting' : 'offline' });
  });
  s.on('connect_error', (error) => {
    if (error.message === ErrorCode.Unauthenticated) {
      s.disconnect();
      useConnection.setState({ status: 'unauthenticated' });
    } else {
      useConnection.setState({ status: navigator.onLine ? 'reconnecting' : 'offline' });
    }
  });
  s.on('program:changed', applyProgram);
  s.on('counts:changed', applyCounts);
  s.on('interest:changed', applyInterest);
  s.on('stats:changed', applyStats);
  s.on('leads:changed', applyLeads);
  s.on('people:changed', applyPeople);
  s.on('meetings:changed', applyMeetings);
  s.on('grid:changed', applyGrid);
  s.on('challenges:changed', applyChallenges);
  s.on('fit:changed', applyFit);
  // Clocks drift: re-measure the offset now and then so countdowns stay together all day.
  setInterval(() => {
    if (s.connected) void measureOffset(s);
  }, CLOCK_CHECK_MS);

  window.addEventListener('offline', () => useConnection.setState({ status: 'offline' }));
  window.addEventListener('online', () => {
    useConnection.setState({ status: 'reconnecting' });
    // The socket may have survived the drop or not: resync if it did, reconnect if it did not.
    if (s.connected) void sync(s).catch(reportSyncFailure);
    // connect() alone waits out socket.io's retry delay (up to 5 s); the network is back now.
    else s.disconnect().connect();
  });
}

function reportSyncFailure(error: unknown): void {
  console.error('sync failed', error);
  useConnection.setState({ status: 'reconnecting' });
}

let syncRetry: ReturnType<typeof setTimeout> | null = null;
let syncFailures = 0;

/** A sync that failed on a live socket is tried again, backing off, until it succeeds. */
function retrySync(s: AppSocket): void {
  if (syncRetry) return;
  const delay = Math.min(15_000, 1000 * 2 ** syncFailures++);
  syncRetry = setTimeout(() => {
    syncRetry = null;
    if (s.connected) void sync(s).catch(reportSyncFailure);
  }, delay);
}

async function sync(s: AppSocket): Promise<void> {
  const sentAt = Date.now();
  const answer = await emitWithAck(s, 'sync', { protocol: PROTOCOL_VERSION });
  const receivedAt = Date.now();
  if (answer.ok) {
    // The snapshot was stamped about half a round trip before it arrived.
    const offsetMs = answer.data.serverNow - (sentAt + receivedAt) / 2;
    applySnapshot(answer.data);
    syncFailures = 0;
    useConnection.setState({ status: 'online', offsetMs, heardAt: answer.data.serverNow });
  } else if (answer.error.code === ErrorCode.ProtocolMismatch) {
    useConnection.setState({ status: 'outdated' });
    s.disconnect();
  } else {
    useConnection.setState({ status: 'reconnecting' });
    retrySync(s);
  }
}

async function measureOffset(s: AppSocket): Promise<void> {
  const sentAt = Date.now();
  const answer = await emitWithAck(s, 'time:sync', { clientSentAt: sentAt });
  const receivedAt = Date.now();
  // A slow answer says little about the clock: keep the old offset.
  if (answer.ok && receivedAt - sentAt < 1000) {
    useConnection.setState({ offsetMs: answer.data.serverNow - (sentAt + receivedAt) / 2 });
  }
}

function emitWithAck<E extends keyof ClientToServerEvents>(
  s: AppSocket,
  event: E,
  payload: Payload<E>,
): Promise<Answer<E>> {
  return new Promise((resolve) => {
    // socket.io types a timed ack as (err, ...args); the event map types it without err.
    const timed = s.timeout(ACK_TIMEOUT_MS) as unknown as {
      emit(e: E, p: Payload<E>, cb: (err: Error | null, answer: Answer<E>) => void): void;
    };
    timed.emit(event, payload, (err, answer) => {
      if (err) {
        resolve({
          ok: false,
          error: refusalError('no-answer', 'No answer from the server (timed out).'),
        } as Answer<E>);
      } else {
        resolve(answer);
      }
    });
  });
}

/** Sends a command and resolves with the server's answer (or a timeout error). */
export function send<E extends keyof ClientToServerEvents>(event: E, payload: Payload<E>): Promise<Answer<E>> {
  if (!socket) return Promise.resolve({ ok: false, error: refusalError('no-answer', 'Not connected.') } as Answer<E>);
  return emitWithAck(socket, event, payload);
}

export type { Ack };
