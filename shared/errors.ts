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
  /**
   * For a refusal the client words itself, in the person's language: what was refused and the names
   * it needs. `message` says the same in English, for logs and for clients that do not know the reason.
   */
  refusal?: RefusalDetail;
}

/** Why merging organization `from` into `into` cannot be done as things stand; each is fixed first. */
export type MergeClash =
  /** An organization into itself. */
  | { clash: 'same' }
  /** A firm and a venture (or a partner) are different roles: their people would change role. */
  | { clash: 'kind'; intoKind: string; fromKind: string }
  /** A request or meeting joins the two: it would join the merged organization with itself. */
  | { clash: 'between' }
  /** Both have a meeting in the same slot: one organization sits in one meeting at a time. */
  | { clash: 'slot'; slotStart: number; intoTable: string; fromTable: string }
  /** Both have a meeting with the same organization: a pair meets once. */
  | { clash: 'pair'; other: string }
  /** Both have an open request with the same organization: a pair has one open request. */
  | { clash: 'request'; other: string }
  /** Together they would have more meetings than the grid lets one organization have. */
  | { clash: 'cap'; count: number; cap: number };

export type RefusalDetail = { reason: 'org-merge'; into: string; from: string; clashes: MergeClash[] };

/** The one shape of every acknowledgement, socket or HTTP. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AppError };

export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string): Ack<never> {
  return { ok: false, error: { code, message } };
}
