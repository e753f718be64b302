/**
 * Reason codes every error answer carries. Clients branch on the code; the message is for people.
 */
export const ErrorCode = {
  BadRequest: 'BAD_REQUEST',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  ProtocolMismatch: 'PROTOCOL_MISMATCH',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  RateLimited: 'RATE_LIMITED',
  /** A scanned code that is not one of our badges, or a badge of another event. */
  UnknownBadge: 'UNKNOWN_BADGE',
  /** A badge that was ours but has been reissued: the old one no longer works. */
  BadgeRevoked: 'BADGE_REVOKED',
  Internal: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AppError {
  code: ErrorCode;
  message: string;
}

/** The one shape of every acknowledgement, socket or HTTP. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AppError };

export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string): Ack<never> {
  return { ok: false, error: { code, message } };
}
