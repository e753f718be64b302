/**
 * The connection check's realtime half: a namespace anyone may open, with no sign-in, that answers
 * `check:ping` with the server's clock. A phone at the rehearsal learns from it whether realtime
 * works on the venue's network and over which transport (websocket, or only long polling behind a
 * proxy that drops upgrades). It reads nothing and writes nothing, so it needs no principal.
 */
import type { Namespace } from 'socket.io';
import { CHECK_NAMESPACE } from '../../shared/constants.js';
import { fail, ok, type Ack } from '../../shared/errors.js';
import {
  checkPingSchema,
  type CheckClientToServerEvents,
  type CheckServerToClientEvents,
} from '../../shared/protocol.js';
import { zodRefusal } from '../validation.js';
import { isCallback } from './command.js';
import type { Io } from './publisher.js';

type CheckNamespace = Namespace<CheckClientToServerEvents, CheckServerToClientEvents>;

/** A page measures a few times a minute at most; more from one socket is a script, and is dropped. */
const PINGS_PER_SOCKET = 120;

export function attachCheckNamespace(
  io: Io,
  deps: { now: () => number; log: (message: string, detail?: unknown) => void },
): void {
  // The main namespace's auth middleware is registered on `/` only: this one takes everyone.
  const nsp = io.of(CHECK_NAMESPACE) as unknown as CheckNamespace;
  nsp.on('connection', (socket) => {
    let pings = 0;
    // Typed as unknown until parsed: the ack is the last argument, whatever came before it.
    const ping: CheckClientToServerEvents['check:ping'] = (...args: unknown[]) => {
      const answer = args.pop();
      if (!isCallback<Ack<{ serverTime: number }>>(answer)) return;
      if (++pings > PINGS_PER_SOCKET) {
        answer(fail('rate-limited', 'Too many checks on one connection. Reload the page.'));
        socket.disconnect(true);
        return;
      }
      try {
        const parsed = args.length === 1 ? checkPingSchema.safeParse(args[0]) : null;
        if (!parsed) answer(fail('malformed', 'Invalid request (send one payload, then the callback).'));
        else if (!parsed.success) answer({ ok: false, error: zodRefusal(parsed.error) });
        else answer(ok({ serverTime: deps.now() }));
      } catch (error) {
        deps.log('check:ping failed', error);
        answer(fail('internal', 'The server could not complete this. Please try again.'));
      }
    };
    socket.on('check:ping', ping);
  });
}
