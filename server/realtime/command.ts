/**
 * The one wrapper every socket command goes through: parse with its schema, answer with the one ack
 * shape, log unexpected errors with detail and answer them without it, broadcast after the answer.
 */
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { fail, type Ack } from '../../shared/errors.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.js';
import { zodRefusal } from '../validation.js';
import type { Principal } from './principal.js';

import type { PublicAddress } from '../http/public-address.js';
import type { Store } from '../store/store.js';
import type { Publisher } from './publisher.js';

export interface HandlerDeps {
  store: Store;
  publisher: Publisher;
  now: () => number;
  newId: () => string;
  secret: Buffer;
  /** The address every badge link points at (PUBLIC_URL), never the handshake's Host. */
  publicAddress: () => PublicAddress;
  log: (message: string, detail?: unknown) => void;
}

export type AppSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { principal: Principal }
>;

/** What a handler returns: the answer, and the broadcast to send once the answer is on its way. */
export interface Outcome<T> {
  answer: Ack<T>;
  publish?: () => void;
}

export type Command = <S extends z.ZodType, T>(
  name: keyof ClientToServerEvents,
  schema: S,
  handle: (input: z.output<S>) => Outcome<T>,
) => void;

/**
 * Commands per socket: a burst, then a steady rate. Generous for a person (a tap a second is a lot),
 * tight enough that one scripted phone cannot fill the disk or starve the room. Organizers, who run
 * the door and the program, are not limited.
 */
export const RATE = { burst: 40, perSecond: 10 };

function tokenBucket(now: () => number): () => boolean {
  let tokens = RATE.burst;
  let last = now();
  return () => {
    const t = now();
    tokens = Math.min(RATE.burst, tokens + ((t - last) / 1000) * RATE.perSecond);
    last = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/**
 * Every command registered so far, with its schema. Read by the fuzz test, which derives payloads
 * from the schemas: a new command is fuzzed without anyone listing it.
 */
export const registeredCommands = new Map<keyof ClientToServerEvents, z.ZodType>();

export function commandRegistrar(socket: AppSocket, log: (message: string, detail?: unknown) => void): Command {
  const principal = socket.data.principal;
  const limited = principal.kind === 'board' || principal.person.role !== 'organizer';
  // Wall-clock time on purpose: the rate is about this process's load, not the event's clock.
  const take = limited ? tokenBucket(Date.now) : () => true;
  return <S extends z.ZodType, T>(
    name: keyof ClientToServerEvents,
    schema: S,
    handle: (input: z.output<S>) => Outcome<T>,
  ) => {
    registeredCommands.set(name, schema);
    // The payload is whatever a client sent: typed as unknown until the schema has parsed it.
    // socket.io passes the callback last, after however many arguments came: a command sent without
    // a payload, or with one too many, still has someone to answer.
    socket.on(name, ((...args: unknown[]) => {
      const ack = args.pop();
      if (typeof ack !== 'function') return; // a command without a callback has no one to answer
      let outcome: Outcome<T>;
      if (!take()) {
        (ack as (answer: Ack<T>) => void)(
          fail('rate-limited', 'Too many requests at once. Wait a moment and try again.'),
        );
        return;
      }
      try {
        const parsed = args.length > 1 ? null : schema.safeParse(args[0]);
        outcome = !parsed
          ? { answer: fail('malformed', 'Invalid request (send one payload, then the callback).') }
          : parsed.success
            ? handle(parsed.data)
            : { answer: { ok: false, error: zodRefusal(parsed.error) } };
      } catch (error) {
        log(`${name} failed`, error);
        outcome = { answer: fail('internal', 'The server could not complete this. Please try again.') };
      }
      (ack as (answer: Ack<T>) => void)(outcome.answer);
      if (outcome.publish) {
        try {
          outcome.publish();
        } catch (error) {
          log(`${name} broadcast failed`, error);
        }
      }
    }) as never);
  };
}
