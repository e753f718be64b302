import { refusalError, type AppError, type RefusalParams, type RefusalReason } from '../../shared/errors.js';

/** What a domain rule returns: the new value, or a refusal a person can act on. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const accept = <T>(value: T): Result<T> => ({ ok: true, value });

/**
 * A refusal thrown from inside a store transaction, so that the throw rolls the transaction back;
 * the handler catches it and answers with its error. The same AppError as `refuse` returns.
 */
export class Refusal extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

/** A refusal with its reason and params (shared/errors.ts), which the handler passes through as it is. */
export const refuse = (reason: RefusalReason, message: string, params?: RefusalParams): Result<never> => ({
  ok: false,
  error: refusalError(reason, message, params),
});
