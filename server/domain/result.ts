import type { AppError, ErrorCode } from '../../shared/errors.js';

/** What a domain rule returns: the new value, or a refusal a person can act on. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const accept = <T>(value: T): Result<T> => ({ ok: true, value });
export const refuse = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });
