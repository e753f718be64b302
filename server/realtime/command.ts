/**
 * The one wrapper every socket command goes through, typed from the command's name: parse with the
 * protocol's schema for that name, call the command's function inside the group commit
 * (server/store/group-commit.ts), answer with the one ack shape once the group is committed, log
 * unexpected errors with detail and answer them without it, publish after the answer. The
 * per-socket rate limit sits here too.
 */
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { fail, type Ack } from '../../shared/errors.js';
import {
  COMMANDS,
  type ClientToServerEvents,
  type CommandAnswer,
  type CommandName,
  type ServerToClientEvents,
} from '../../shared/protocol.js';
import {
  contextOf,
  type CommandContext,
  type CommandDeps,
  type CommandHandler,
  type Outcome,
} from '../commands/context.js';
import { zodRefusal } from '../validation.js';
import type { Principal } from '../commands/principal.js';
import type { GroupCommit } from '../store/group-commit.js';

export type AppSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { principal: Principal }
>;

/**
 * Commands per socket: a burst, then a steady rate. Generous for a person (a tap a second is a lot),
 * tight enough that one scripted phone cannot fill the disk or starve the room. Organizers, who run
 * the door and the program, and reception stations (door staff) are not limited.
 */
export const RATE = { burst: 40, perSecond: 10 };

/**
 * One socket's side of the wrapper: who is on it, its share of the rate, the commits it joins. Plain
 * fields and no closures, and the deps shared, not copied: a hall of phones holds thousands.
 */
export class SocketSession {
  private readonly limited: boolean;
  /** The rate's token bucket: tokens left, and when they were last topped up (ms). */
  private tokens = RATE.burst;
  private last = Date.now();

  constructor(
    readonly principal: Principal,
    readonly deps: CommandDeps,
    /** The server's one group commit: the command runs in the next group and is answered after its commit. */
    readonly group: GroupCommit,
  ) {
    // A reception station runs the door too: coming back online, it sends its waiting scans at once.
    this.limited =
      principal.kind === 'board' || (principal.person.role !== 'organizer' && principal.person.role !== 'door');
  }

  /** What a command acts with, made for the command: an idle socket holds no copy of it. */
  context(): CommandContext {
    return contextOf(this.principal, this.deps);
  }

  /** Takes one command's share of the rate; false: refuse it. */
  take(): boolean {
    if (!this.limited) return true;
    // Wall-clock time on purpose: the rate is about this process's load, not the event's clock.
    const t = Date.now();
    this.tokens = Math.min(RATE.burst, this.tokens + ((t - this.last) / 1000) * RATE.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Answered at once, outside any group: the clock a phone sets itself by must not wait for a commit. */
const UNGROUPED: ReadonlySet<CommandName> = new Set<CommandName>(['time:sync']);

/**
 * Every command registered so far, with its schema. Read by the fuzz test, which derives payloads
 * from the schemas: a new command is fuzzed without anyone listing it.
 */
export const registeredCommands = new Map<CommandName, z.ZodType>();

/**
 * Runs command `name` for one socket: its payload parsed by the protocol's schema for `name`. One
 * runner per command serves every socket (the socket's session comes with each call), so a
 * connection costs no closures of its own.
 */
export function commandRunner<N extends CommandName>(name: N, handle: CommandHandler<N>): CommandRunner {
  const schema = COMMANDS[name].schema;
  registeredCommands.set(name, schema);
  // The payload is whatever a client sent: unknown until the schema has parsed it. socket.io passes
  // the callback last, after however many arguments came: a command sent without a payload, or with
  // one too many, still has someone to answer.
  return (session, args) => {
    const { log } = session.deps;
    const ack = args.pop();
    if (!isCallback<Ack<CommandAnswer<N>>>(ack)) return; // a command without a callback has no one to answer
    const answer = ack;
    if (!session.take()) {
      answer(fail('rate-limited', 'Too many requests at once. Wait a moment and try again.'));
      return;
    }
    const failed = (error: unknown): Outcome<CommandAnswer<N>> => {
      log(`${name} failed`, error);
      return { answer: fail('internal', 'The server could not complete this. Please try again.') };
    };
    let parsed: ReturnType<typeof schema.safeParse> | null;
    try {
      parsed = args.length > 1 ? null : schema.safeParse(args[0]);
    } catch (error) {
      // A refinement that throws is the server's fault, answered as such, never left unanswered.
      answer(failed(error).answer);
      return;
    }
    if (!parsed || !parsed.success) {
      answer(
        parsed
          ? { ok: false, error: zodRefusal(parsed.error) }
          : fail('malformed', 'Invalid request (send one payload, then the callback).'),
      );
      return;
    }
    let outcome: Outcome<CommandAnswer<N>> | Promise<Outcome<CommandAnswer<N>>> | undefined;
    const step = {
      inside: () => {
        try {
          outcome = handle(session.context(), parsed.data);
        } catch (error) {
          outcome = failed(error);
        }
      },
      // Most commands answer at once; one that waits (the scheduler's worker) answers when it is done.
      committed: () => {
        if (outcome instanceof Promise) void outcome.catch(failed).then((done) => settle(name, log, answer, done));
        else if (outcome) settle(name, log, answer, outcome);
      },
      lost: (error: unknown) => {
        log(`${name} was not committed`, error);
        answer(fail('internal', 'The server could not complete this. Please try again.'));
      },
    };
    if (UNGROUPED.has(name)) {
      step.inside();
      step.committed();
    } else session.group.run(step);
  };
}

/** What a command's runner takes: the socket's session, and the arguments socket.io handed over (the callback last). */
export type CommandRunner = (session: SocketSession, args: unknown[]) => void;

/** Answers, then sends the facts: a fact never reaches anyone before the answer to the command that made it. */
function settle<T>(
  name: string,
  log: (message: string, detail?: unknown) => void,
  answer: (ack: Ack<T>) => void,
  outcome: Outcome<T>,
): void {
  answer(outcome.answer);
  if (outcome.publish) {
    try {
      outcome.publish();
    } catch (error) {
      log(`${name} broadcast failed`, error);
    }
  }
}

/** Whether the last argument a client sent is a callback to answer through. */
export function isCallback<A>(value: unknown): value is (answer: A) => void {
  return typeof value === 'function';
}
