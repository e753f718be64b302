/**
 * What every command is: a named function `(context, input) → outcome`, with no socket or request
 * in sight. The context carries who acts (the principal, decided once when they connected or
 * signed in) and what the command may use (the store, the publisher, the clock, ids, the log), so
 * a socket, an HTTP route or a test can call the same function.
 */
import type { Ack } from '../../shared/errors.js';
import type { GridInfo, MyInterest, PersonSummary } from '../../shared/model.js';
import type { CommandAnswer, CommandInput, CommandName } from '../../shared/protocol.js';
import type { Principal } from './principal.js';
import type { Store } from '../store/store.js';

/**
 * The facts a command sends once its change is committed, stamped with the change's sequence
 * number; socket.io's rooms are the realtime publisher's business (server/realtime/publisher.ts).
 */
export interface Facts {
  programChanged(eventId: string, seq: number): void;
  interestChanged(
    eventId: string,
    personId: string,
    ventureId: string,
    interest: MyInterest | null,
    seq: number,
    leadsTouched: boolean,
  ): void;
  doorChanged(eventId: string, personIds: readonly string[], seq: number, known?: readonly PersonSummary[]): void;
  personChanged(eventId: string, personId: string, seq: number): void;
  leadsChanged(ventureIds: readonly string[], seq: number): void;
  meetingsChanged(eventId: string, requestIds: readonly string[], meetingIds: readonly string[], seq: number): void;
  gridChanged(eventId: string, grid: GridInfo | null, seq: number): void;
  /** An organization's challenges changed: its people, the organizers, the ventures it asked to meet, the board's count. */
  challengesChanged(eventId: string, orgId: string, seq: number): void;
  /** Ends these people's live sockets: their badge, organization or name changed. */
  disconnectPeople(personIds: readonly string[]): void;
}

export interface CommandDeps {
  store: Store;
  publisher: Facts;
  now: () => number;
  newId: () => string;
  secret: Buffer;
  /** The address every badge link points at (PUBLIC_URL), never a request's Host. */
  publicAddress: () => { origin: string };
  log: (message: string, detail?: unknown) => void;
}

export interface CommandContext extends CommandDeps {
  principal: Principal;
  /** The principal's event: every record a command looks up by id must belong to it. */
  eventId: string;
}

/** What a command returns: the answer, and the facts to send once the answer is on its way. */
export interface Outcome<T> {
  answer: Ack<T>;
  publish?: () => void;
}

/**
 * One command, typed from its name: its input is what the protocol's schema parsed, its answer the
 * protocol's. A command that waits for work off the event loop (「自動で組む」's solver) answers later.
 */
export type CommandHandler<N extends CommandName> = (
  context: CommandContext,
  input: CommandInput<N>,
) => Outcome<CommandAnswer<N>> | Promise<Outcome<CommandAnswer<N>>>;

/** Every command's function, by name: a command left out is a compile error. */
export type CommandTable = { readonly [N in CommandName]: CommandHandler<N> };

export function contextOf(principal: Principal, deps: CommandDeps): CommandContext {
  return { ...deps, principal, eventId: principal.eventId };
}
