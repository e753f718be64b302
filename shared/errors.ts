/**
 * One refusal idiom. Every refusal the server sends, socket or HTTP, is `fail(reason, message, params)`
 * (or, inside a pure domain rule, `refuse(...)` of server/domain/result.ts, which the handler passes
 * through): a reason from REFUSALS below, the params a sentence needs (names as stored, times as
 * epoch ms under keys ending in `At`, field paths), and the English `message` for logs and for
 * clients older than the reason. The client says the reason in the person's language from its
 * message table (client/src/lib/refusal.ts), never the message. A new reason is a new row here and
 * a sentence there, or the client does not compile.
 *
 * The class of error each answer carries (ErrorCode): a client that does not know a reason still
 * knows what kind of refusal it is.
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

/** Every reason a refusal can give, grouped by feature, with the class of error it is. */
export const REFUSALS = {
  // Any command or request.
  /** A field of the payload fails its schema: { field, problem } (problem: zod's issue code). */
  validation: ErrorCode.BadRequest,
  /** Not one payload and a callback, not JSON, or an address that cannot be read. */
  malformed: ErrorCode.BadRequest,
  /** { limitMb } when the limit is known. */
  'too-large': ErrorCode.PayloadTooLarge,
  /** { seconds } when the wait is known. */
  'rate-limited': ErrorCode.RateLimited,
  'page-outdated': ErrorCode.ProtocolMismatch,
  internal: ErrorCode.Internal,
  'no-endpoint': ErrorCode.NotFound,
  /** Said by the client itself: the server could not be reached, or did not answer in time. */
  unreachable: ErrorCode.Internal,
  'no-answer': ErrorCode.Internal,
  // Who may do what (server/auth/policy.ts).
  'not-signed-in': ErrorCode.Unauthenticated,
  'sign-in-first': ErrorCode.Forbidden,
  'board-read-only': ErrorCode.Forbidden,
  'organizers-only': ErrorCode.Forbidden,
  'not-allowed': ErrorCode.Forbidden,
  /** A reception station (door staff link) asked for anything but the door. */
  'reception-only': ErrorCode.Forbidden,
  /** A reception link that was revoked, or is not one of this event's. */
  'door-link-unknown': ErrorCode.NotFound,
  /** A link in force of the event already has this station's name (trimmed, NFKC): { station }. */
  'door-link-station-taken': ErrorCode.Conflict,
  /** The event's day is over (the day after it too): a new link would open nothing. */
  'door-link-event-over': ErrorCode.Conflict,
  /** A console request that did not come from the app's own pages. */
  'cross-site': ErrorCode.Forbidden,
  // Records of the event, looked up by id.
  'person-unknown': ErrorCode.NotFound,
  'org-unknown': ErrorCode.NotFound,
  'orgs-unknown': ErrorCode.NotFound,
  'event-unknown': ErrorCode.NotFound,
  'export-unknown': ErrorCode.NotFound,
  // The door and registrations.
  'badge-unknown': ErrorCode.UnknownBadge,
  'badge-other-event': ErrorCode.UnknownBadge,
  'badge-revoked': ErrorCode.BadgeRevoked,
  'not-checked-in': ErrorCode.Conflict,
  /** { name, company } */
  'person-registered': ErrorCode.Conflict,
  /** { name, company } */
  'person-registered-other': ErrorCode.Conflict,
  /** { company, stored, kind }: the company is registered with another kind. */
  'kind-differs': ErrorCode.Conflict,
  /** An import file that cannot be read as a registration sheet. */
  'import-unreadable': ErrorCode.BadRequest,
  /** { count, rows }: a commit with likely duplicates the organizer has not answered (update, add, skip). */
  'import-unanswered': ErrorCode.Conflict,
  /** A JSON export that cannot be restored. */
  'archive-invalid': ErrorCode.BadRequest,
  /** { version, current }: an export of another schema version. */
  'archive-version': ErrorCode.BadRequest,
  /** { name }: the exported event is in this store already. */
  'archive-exists': ErrorCode.BadRequest,
  // The program.
  'program-moved-on': ErrorCode.Conflict,
  'pitch-unknown': ErrorCode.NotFound,
  'session-unknown': ErrorCode.NotFound,
  'venture-unknown': ErrorCode.NotFound,
  'no-pitch-running': ErrorCode.Conflict,
  'no-pitch-paused': ErrorCode.Conflict,
  'no-pitch-on': ErrorCode.Conflict,
  'program-ended': ErrorCode.Conflict,
  'first-pitch': ErrorCode.Conflict,
  'session-has-pitches': ErrorCode.Conflict,
  'pitch-live': ErrorCode.Conflict,
  'pitch-first': ErrorCode.Conflict,
  'pitch-last': ErrorCode.Conflict,
  // Interest.
  'interest-firms-only': ErrorCode.Forbidden,
  // The meeting grid.
  'grid-missing': ErrorCode.Conflict,
  /** The grid form: { problem, label?, value?, other?, minutes?, table? } (one of slots.ts's problems). */
  'grid-invalid': ErrorCode.BadRequest,
  /** { guest, venture, slotAt, table }: a booked meeting the new grid has no place for. */
  'grid-strands-meeting': ErrorCode.Conflict,
  /** { org, count } */
  'grid-cap-below': ErrorCode.Conflict,
  // Requests and meetings. A place's refusal may add { nextAt, nextTable }: the next free place.
  'request-unknown': ErrorCode.NotFound,
  'meeting-unknown': ErrorCode.NotFound,
  'meeting-kinds': ErrorCode.BadRequest,
  /** A printed schedule's table, organization or person that is not this event's. */
  'schedule-unknown': ErrorCode.NotFound,
  /** Before the event's booking window opens (firms, partners, ventures): { date, month, day }. */
  'booking-not-open': ErrorCode.Forbidden,
  /** An organizer set the booking window to open after the event's day: { date, eventDate }. */
  'booking-opens-after-event': ErrorCode.BadRequest,
  /** { org } */
  'request-open': ErrorCode.Conflict,
  /** { org } */
  'pair-met': ErrorCode.Conflict,
  /** { guest, venture, slotAt, table } */
  'pair-booked': ErrorCode.Conflict,
  /** { status } */
  'request-settled': ErrorCode.Conflict,
  /** { status } */
  'meeting-not-scheduled': ErrorCode.Conflict,
  'meeting-cancelled': ErrorCode.Conflict,
  'meeting-not-started': ErrorCode.Conflict,
  /** Marking held or no-show a proposal of 「自動で組む」 that a side has not confirmed. */
  'meeting-unconfirmed': ErrorCode.Conflict,
  'slot-unknown': ErrorCode.NotFound,
  /** { table } */
  'table-unknown': ErrorCode.NotFound,
  'slot-too-soon': ErrorCode.Conflict,
  /** { cap, both } (both: 1 when both organizations are at the cap) */
  'cap-reached': ErrorCode.Conflict,
  /** { both } */
  'org-busy': ErrorCode.Conflict,
  /** { table } */
  'table-taken': ErrorCode.Conflict,
  /** Another booking took the place a moment ago (the database said so). */
  'slot-taken': ErrorCode.Conflict,
  'no-free-slot': ErrorCode.Conflict,
  'outcome-not-held': ErrorCode.Conflict,
  'outcome-poc-date': ErrorCode.Conflict,
  'outcome-contract-date': ErrorCode.Conflict,
  'outcome-dates-unused': ErrorCode.Conflict,
  /** A side answering a meeting that is not (or no longer) a proposal waiting for it. */
  'proposal-settled': ErrorCode.Conflict,
  // 「自動で組む」.
  /**
   * The state changed since the preview: nothing written. { digest, proposed, wanted, mutual,
   * mutualCovered }: the fresh preview's digest and figures (`schedule:preview` answers it whole, from cache).
   */
  'schedule-changed': ErrorCode.Conflict,
  // Organizations.
  /** With the clashes in `refusal` (RefusalDetail). */
  'org-merge': ErrorCode.Conflict,
  /** Challenges (課題) are a firm's or partner's; a venture's are its profile topics. */
  'challenges-guests-only': ErrorCode.BadRequest,
  // The programme's KPI table (shared/programme.ts).
  /** { kpiId }: the plan has no such KPI (edited away since the page loaded). */
  'kpi-unknown': ErrorCode.NotFound,
  /** { kpiId }: the app counts this KPI from the events; only a KPI counted by hand takes entered figures. */
  'kpi-counted': ErrorCode.Conflict,
  /** { fiscalYear, from, to }: the year is not one of the plan's years. */
  'kpi-year-outside': ErrorCode.BadRequest,
  /** { kpiId }: two KPIs of the plan have the same key. */
  'kpi-plan-duplicate': ErrorCode.BadRequest,
  'kpi-companies-cumulative': ErrorCode.BadRequest,
  /** The outcome was deleted already, or is not one of this programme's. */
  'outcome-unknown': ErrorCode.NotFound,
  // Privacy (shared/privacy.ts).
  /** { current }: the organizer changed the notice while it was on screen; the phone shows the new one. */
  'privacy-notice-changed': ErrorCode.Conflict,
  /** { date }: the retention period ends on that day; the purge is not due before. */
  'privacy-purge-not-due': ErrorCode.Conflict,
  /** An organizer erasing their own person: another organizer of the event does it. */
  'privacy-erase-self': ErrorCode.Conflict,
  /** { name }: the name typed to confirm erasing an event is not the event's. */
  'event-erase-name': ErrorCode.BadRequest,
  // E-mail (shared/mail.ts).
  /** No SMTP server is set up for the event: nothing can be sent. */
  'mail-not-configured': ErrorCode.Conflict,
  /** A test mail with no address to go to (the organizer has none and gave none). */
  'mail-no-address': ErrorCode.BadRequest,
  /** The SMTP server refused the test mail or could not be reached: { error } is its reply. */
  'mail-test-failed': ErrorCode.Conflict,
  'mail-unknown': ErrorCode.NotFound,
  /** Only a failed mail is sent again; a sent one never twice. */
  'mail-not-failed': ErrorCode.Conflict,
} as const satisfies Record<string, ErrorCode>;

export type RefusalReason = keyof typeof REFUSALS;

/** What is wrong with a meeting grid form: the `problem` param of a 'grid-invalid' refusal. */
export type GridProblem =
  | 'slot-minutes'
  | 'buffer-minutes'
  | 'no-window'
  | 'bad-start'
  | 'bad-end'
  | 'end-before-start'
  | 'window-short'
  | 'overlap'
  | 'no-table'
  | 'too-many-tables'
  | 'table-unnamed'
  | 'table-repeated'
  | 'cap';

/**
 * Why a registration file cannot be read at all: the `problem` param of an 'import-unreadable'
 * refusal, with { size, limit } (bytes), { rows, limit }, { line } or { field, columns } as it needs.
 */
export type ImportFileProblem =
  | 'file-too-large'
  | 'xlsx'
  | 'utf16'
  | 'no-rows'
  | 'no-data-rows'
  | 'too-many-rows'
  | 'quote-not-closed'
  | 'text-after-quote'
  | 'line-unreadable'
  | 'column-required'
  | 'column-missing';

/** What a refusal's sentence needs: names as stored, counts, times as epoch ms (keys ending in `At`). */
export type RefusalParams = Record<string, string | number>;

export const isRefusalReason = (reason: unknown): reason is RefusalReason =>
  typeof reason === 'string' && Object.hasOwn(REFUSALS, reason);

export interface AppError {
  code: ErrorCode;
  /**
   * Why, for the client to say in the person's language. The server always sends one (it refuses
   * only through refusalError); optional because an ack may also come from an older server or be
   * made by the client itself (no answer), and a newer server may send a reason this client lacks.
   */
  reason?: RefusalReason;
  params?: RefusalParams;
  /** English, for logs and for clients that do not know the reason. */
  message: string;
  /** For a reason whose sentence is a list (org-merge: every clash, each worded by the client). */
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

/** A refusal: its reason, the class of error that reason is, the English message and the params. */
export function refusalError(reason: RefusalReason, message: string, params?: RefusalParams): AppError {
  return { code: REFUSALS[reason], reason, message, ...(params ? { params } : {}) };
}

export function fail(reason: RefusalReason, message: string, params?: RefusalParams): Ack<never> {
  return { ok: false, error: refusalError(reason, message, params) };
}
