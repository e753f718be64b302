/**
 * One path for every change a command makes: replay by idempotency key, one immediate
 * transaction, the change-log rows, and the facts published after the commit. Written once here;
 * the commands say only what they decide and write.
 *
 * - A key already answered is answered again from what was remembered: no second write, no row.
 * - The work runs inside the transaction; a `Refusal` thrown there rolls it back and is the answer
 *   (nothing is remembered, so a corrected resend with the same key is done).
 * - No change-log row means nothing changed: nothing is published.
 */
import { ok, refusalError, type AppError, type RefusalParams, type RefusalReason } from '../../shared/errors.js';
import { Refusal, type Result } from '../domain/result.js';
import type { Store } from '../store/store.js';
import type { Outcome } from './context.js';

/** One row of the event's change log. */
export interface Change {
  kind: string;
  data: unknown;
}

/** What the work inside the transaction decided. */
export interface Written<T> {
  /** The answer. */
  result: T;
  /** The change-log rows; none when nothing changed. */
  changes: Change[];
  /** The facts to send once committed, stamped with the last row's sequence number. */
  publish?: (seq: number) => void;
}

/** A change that carries the client's idempotency key. */
export interface Keyed<T, M> {
  /** The key space: usually the command's name; commands that do one thing share one (both check-ins). */
  command: string;
  key: string | undefined;
  /** What is remembered of the answer; by default the answer itself. */
  remember?: (result: T) => M;
  /** The answer to a resend, from what was remembered; by default that itself. */
  replay?: (remembered: M) => T;
}

export interface ChangeOptions<T, M> {
  store: Store;
  eventId: string;
  /** Whose change it is (a person's id), for the change log and the key's owner. */
  actor: string;
  at: number;
  keyed?: Keyed<T, M>;
  /** What a constraint the database refuses means here (asked once it happened); by default it is a fault. */
  onConstraint?: () => AppError;
}

type Done<T> = { replayed: T } | { written: Written<T> };

export function change<T, M = T>(options: ChangeOptions<T, M>, work: () => Written<T>): Outcome<T> {
  const { store, eventId, actor, at, keyed } = options;
  const key = keyed?.key;
  let done: { result: Done<T>; seq: number };
  try {
    done = store.mutate(eventId, actor, at, (): { result: Done<T>; changes: Change[] } => {
      const replay = keyed && key ? answered(store, actor, keyed, key) : null;
      if (replay) return { result: { replayed: replay.answer }, changes: [] };
      const written = work();
      if (keyed && key) {
        const remembered = keyed.remember ? keyed.remember(written.result) : written.result;
        store.rememberAnswer(actor, keyed.command, key, remembered, at);
      }
      return { result: { written }, changes: written.changes };
    });
  } catch (error) {
    if (error instanceof Refusal) return { answer: { ok: false, error: error.error } };
    if (options.onConstraint && isConstraint(error)) return { answer: { ok: false, error: options.onConstraint() } };
    throw error;
  }
  const { result, seq } = done;
  if ('replayed' in result) return { answer: ok(result.replayed) };
  const { written } = result;
  const publish = written.publish;
  return {
    answer: ok(written.result),
    ...(publish && written.changes.length > 0 ? { publish: () => publish(seq) } : {}),
  };
}

/** The first answer to this key, if it was answered. */
function answered<T, M>(store: Store, actor: string, keyed: Keyed<T, M>, key: string): { answer: T } | null {
  if (keyed.replay) {
    const remembered = store.idempotentAnswer<M>(actor, keyed.command, key);
    return remembered === undefined ? null : { answer: keyed.replay(remembered) };
  }
  const answer = store.idempotentAnswer<T>(actor, keyed.command, key);
  return answer === undefined ? null : { answer };
}

/** A constraint of the database (a unique index, a check) refused the write. */
export function isConstraint(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    String((error as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT')
  );
}

/** Inside the work: a domain rule's value, or its refusal thrown (which rolls the transaction back). */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Refusal(result.error);
  return result.value;
}

/** Inside the work: refuses, rolling the transaction back; the refusal is the answer. */
export function reject(reason: RefusalReason, message: string, params?: RefusalParams): never {
  throw new Refusal(refusalError(reason, message, params));
}
