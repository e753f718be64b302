/**
 * Socket commands. Each is thin: parse → authorize → domain → store (one transaction) → ack →
 * broadcast. The acting person always comes from the socket's principal, never from the payload.
 */
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { ErrorCode, fail, ok, type Ack } from '../../shared/errors.js';
import { PROTOCOL_VERSION } from '../../shared/constants.js';
import {
  interestSetSchema,
  programControlSchema,
  syncSchema,
  timeSyncSchema,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../shared/protocol.js';
import { decideInterest } from '../domain/interest.js';
import { applyControl, runningOrder } from '../domain/program.js';
import type { Store } from '../store/store.js';
import type { Principal } from './principal.js';
import type { Publisher } from './publisher.js';
import { buildSnapshot } from './views.js';
import { describeZodError } from '../validation.js';

export interface HandlerDeps {
  store: Store;
  publisher: Publisher;
  now: () => number;
  log: (message: string, detail?: unknown) => void;
}

export type AppSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { principal: Principal }
>;

/** What a handler returns: the answer, and the broadcast to send once the answer is on its way. */
interface Outcome<T> {
  answer: Ack<T>;
  publish?: () => void;
}

export function registerHandlers(socket: AppSocket, deps: HandlerDeps): void {
  const { store, publisher, now } = deps;
  const principal = socket.data.principal;

  function command<S extends z.ZodType, T>(
    name: keyof ClientToServerEvents,
    schema: S,
    handle: (input: z.output<S>) => Outcome<T>,
  ): void {
    // The payload is whatever a client sent: typed as unknown until the schema has parsed it.
    socket.on(name, ((payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return; // a command without a callback has no one to answer
      let outcome: Outcome<T>;
      try {
        const parsed = schema.safeParse(payload);
        outcome = parsed.success
          ? handle(parsed.data)
          : { answer: fail(ErrorCode.BadRequest, describeZodError(parsed.error)) };
      } catch (error) {
        deps.log(`${name} failed`, error);
        outcome = { answer: fail(ErrorCode.Internal, 'The server could not complete this. Please try again.') };
      }
      (ack as (answer: Ack<T>) => void)(outcome.answer);
      if (outcome.publish) {
        try {
          outcome.publish();
        } catch (error) {
          deps.log(`${name} broadcast failed`, error);
        }
      }
    }) as never);
  }

  command('sync', syncSchema, (input) => {
    if (input.protocol !== PROTOCOL_VERSION) {
      return { answer: fail(ErrorCode.ProtocolMismatch, 'This page is out of date. Reload it to continue.') };
    }
    return { answer: ok(buildSnapshot(store, principal, now())) };
  });

  command('time:sync', timeSyncSchema, () => ({ answer: ok({ serverNow: now() }) }));

  command('program:control', programControlSchema, (input) => {
    if (principal.kind !== 'person' || principal.person.role !== 'organizer') {
      return { answer: fail(ErrorCode.Forbidden, 'Only the event’s organizers can run the program.') };
    }
    const eventId = principal.eventId;
    const at = now();
    const program = store.program(eventId);
    const decided = applyControl(program.live, input, runningOrder(program.sessions, program.pitches), at);
    if (!decided.ok) return { answer: { ok: false, error: decided.error } };
    const { seq } = store.mutate(eventId, principal.person.id, at, () => {
      store.setLive(eventId, decided.value);
      return { result: null, changes: [{ kind: 'program:controlled', data: { command: input, live: decided.value } }] };
    });
    return {
      answer: ok({ ...program, live: decided.value }),
      publish: () => publisher.programChanged(eventId, seq),
    };
  });

  command('interest:set', interestSetSchema, (input) => {
    if (principal.kind !== 'person') return { answer: fail(ErrorCode.Forbidden, 'The board link is read-only.') };
    const { person, eventId } = principal;
    const at = now();
    const target = store.getOrganization(input.ventureId);
    const decided = decideInterest(
      { role: person.role, orgId: person.org?.id ?? null },
      target && target.eventId === eventId ? target : undefined,
      input,
      at,
    );
    if (!decided.ok) return { answer: { ok: false, error: decided.error } };
    const interest = decided.value;
    const { seq } = store.mutate(eventId, person.id, at, () => {
      if (interest) store.upsertInterest(eventId, person.id, interest);
      else store.deleteInterest(person.id, input.ventureId);
      return {
        result: null,
        changes: [
          {
            kind: interest ? 'interest:set' : 'interest:removed',
            data: { personId: person.id, ventureId: input.ventureId, interest },
          },
        ],
      };
    });
    return {
      answer: ok(interest),
      publish: () => publisher.interestChanged(eventId, person.id, input.ventureId, interest, seq),
    };
  });
}
