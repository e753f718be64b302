/**
 * A refused command or request, said in the person's language. The server sends a reason with params
 * (shared/errors.ts) and an English message for logs; this says the reason from the message table.
 * The English message is never shown: a reason this client does not know yet (a newer server), or
 * an answer without one (an older server), is said by its class of error instead.
 */
import {
  ErrorCode,
  isRefusalReason,
  type AppError,
  type GridProblem,
  type ImportFileProblem,
  type RefusalParams,
  type RefusalReason,
} from '../../../shared/errors';
import { useEventStore } from '../stores/event-store';
import type { Translate } from '../stores/language-store';
import { formatTime } from './format';
import type { MessageKey } from './messages';

/** Typed as a Record: a reason without its sentence is a compile error. */
const REASON_KEYS: Record<RefusalReason, MessageKey> = {
  validation: 'refusal.validation',
  malformed: 'refusal.malformed',
  'too-large': 'refusal.too-large',
  'rate-limited': 'refusal.rate-limited',
  'page-outdated': 'refusal.page-outdated',
  internal: 'refusal.internal',
  'no-endpoint': 'refusal.no-endpoint',
  unreachable: 'refusal.unreachable',
  'no-answer': 'refusal.no-answer',
  'not-signed-in': 'refusal.sign-in',
  'sign-in-first': 'refusal.sign-in',
  'board-read-only': 'refusal.board-read-only',
  'organizers-only': 'refusal.organizers-only',
  'not-allowed': 'refusal.not-allowed',
  'reception-only': 'refusal.reception-only',
  'door-link-unknown': 'refusal.door-link-unknown',
  'door-link-station-taken': 'refusal.door-link-station-taken',
  'door-link-event-over': 'refusal.door-link-event-over',
  'cross-site': 'refusal.cross-site',
  'person-unknown': 'refusal.person-unknown',
  'org-unknown': 'refusal.org-unknown',
  'orgs-unknown': 'refusal.orgs-unknown',
  'event-unknown': 'refusal.event-unknown',
  'export-unknown': 'refusal.export-unknown',
  'badge-unknown': 'refusal.badge-unknown',
  'badge-other-event': 'refusal.badge-other-event',
  'badge-revoked': 'refusal.badge-revoked',
  'not-checked-in': 'refusal.not-checked-in',
  'person-registered': 'refusal.person-registered',
  'person-registered-other': 'refusal.person-registered-other',
  'kind-differs': 'refusal.kind-differs',
  'import-unreadable': 'refusal.import-unreadable',
  'import-unanswered': 'refusal.import-unanswered',
  'archive-invalid': 'refusal.archive-invalid',
  'archive-version': 'refusal.archive-version',
  'archive-exists': 'refusal.archive-exists',
  'program-moved-on': 'refusal.program-moved-on',
  'pitch-unknown': 'refusal.pitch-unknown',
  'session-unknown': 'refusal.session-unknown',
  'venture-unknown': 'refusal.venture-unknown',
  'no-pitch-running': 'refusal.no-pitch-running',
  'no-pitch-paused': 'refusal.no-pitch-paused',
  'no-pitch-on': 'refusal.no-pitch-on',
  'program-ended': 'refusal.program-ended',
  'first-pitch': 'refusal.first-pitch',
  'session-has-pitches': 'refusal.session-has-pitches',
  'pitch-live': 'refusal.pitch-live',
  'pitch-first': 'refusal.pitch-first',
  'pitch-last': 'refusal.pitch-last',
  'interest-firms-only': 'refusal.interest-firms-only',
  'grid-missing': 'refusal.grid-missing',
  'grid-invalid': 'refusal.code.BAD_REQUEST',
  'grid-strands-meeting': 'refusal.grid-strands-meeting',
  'grid-cap-below': 'refusal.grid-cap-below',
  'request-unknown': 'refusal.request-unknown',
  'meeting-unknown': 'refusal.meeting-unknown',
  'meeting-kinds': 'refusal.meeting-kinds',
  'schedule-unknown': 'refusal.schedule-unknown',
  'booking-not-open': 'refusal.booking-not-open',
  'booking-opens-after-event': 'refusal.booking-opens-after-event',
  'request-open': 'refusal.request-open',
  'pair-met': 'refusal.pair-met',
  'pair-booked': 'refusal.pair-booked',
  'request-settled': 'refusal.request-settled',
  'meeting-not-scheduled': 'refusal.meeting-not-scheduled',
  'meeting-cancelled': 'refusal.meeting-cancelled',
  'meeting-not-started': 'refusal.meeting-not-started',
  'meeting-unconfirmed': 'refusal.meeting-unconfirmed',
  'slot-unknown': 'refusal.slot-unknown',
  'table-unknown': 'refusal.table-unknown',
  'slot-too-soon': 'refusal.slot-too-soon',
  'cap-reached': 'refusal.cap-reached',
  'org-busy': 'refusal.org-busy',
  'table-taken': 'refusal.table-taken',
  'slot-taken': 'refusal.slot-taken',
  'no-free-slot': 'refusal.no-free-slot',
  'outcome-not-held': 'refusal.outcome-not-held',
  'outcome-poc-date': 'refusal.outcome-poc-date',
  'outcome-contract-date': 'refusal.outcome-contract-date',
  'outcome-dates-unused': 'refusal.outcome-dates-unused',
  'proposal-settled': 'refusal.proposal-settled',
  'schedule-changed': 'refusal.schedule-changed',
  'org-merge': 'refusal.org-merge',
  'challenges-guests-only': 'refusal.challenges-guests-only',
  'privacy-notice-changed': 'refusal.privacy-notice-changed',
  'privacy-purge-not-due': 'refusal.privacy-purge-not-due',
  'privacy-erase-self': 'refusal.privacy-erase-self',
  'event-erase-name': 'refusal.event-erase-name',
  'kpi-unknown': 'refusal.kpi-unknown',
  'kpi-counted': 'refusal.kpi-counted',
  'kpi-year-outside': 'refusal.kpi-year-outside',
  'kpi-plan-duplicate': 'refusal.kpi-plan-duplicate',
  'kpi-companies-cumulative': 'refusal.kpi-companies-cumulative',
  'outcome-unknown': 'refusal.outcome-unknown',
  'mail-not-configured': 'refusal.mail-not-configured',
  'mail-no-address': 'refusal.mail-no-address',
  'mail-test-failed': 'refusal.mail-test-failed',
  'mail-unknown': 'refusal.mail-unknown',
  'mail-not-failed': 'refusal.mail-not-failed',
};

const GRID_KEYS: Record<GridProblem, MessageKey> = {
  'slot-minutes': 'refusal.grid.slot-minutes',
  'buffer-minutes': 'refusal.grid.buffer-minutes',
  'no-window': 'refusal.grid.no-window',
  'bad-start': 'refusal.grid.bad-start',
  'bad-end': 'refusal.grid.bad-end',
  'end-before-start': 'refusal.grid.end-before-start',
  'window-short': 'refusal.grid.window-short',
  overlap: 'refusal.grid.overlap',
  'no-table': 'refusal.grid.no-table',
  'too-many-tables': 'refusal.grid.too-many-tables',
  'table-unnamed': 'refusal.grid.table-unnamed',
  'table-repeated': 'refusal.grid.table-repeated',
  cap: 'refusal.grid.cap',
};

const IMPORT_FILE_KEYS: Record<ImportFileProblem, MessageKey> = {
  'file-too-large': 'refusal.import.file-too-large',
  xlsx: 'refusal.import.xlsx',
  utf16: 'refusal.import.utf16',
  'no-rows': 'refusal.import.no-rows',
  'no-data-rows': 'refusal.import.no-data-rows',
  'too-many-rows': 'refusal.import.too-many-rows',
  'quote-not-closed': 'refusal.import.quote-not-closed',
  'text-after-quote': 'refusal.import.text-after-quote',
  'line-unreadable': 'refusal.import.line-unreadable',
  'column-required': 'refusal.import.column-required',
  'column-missing': 'refusal.import.column-missing',
};

/** For an answer with no reason this client knows: what kind of refusal it is. */
const CODE_KEYS: Record<ErrorCode, MessageKey> = {
  [ErrorCode.BadRequest]: 'refusal.code.BAD_REQUEST',
  [ErrorCode.Unauthenticated]: 'refusal.code.UNAUTHENTICATED',
  [ErrorCode.Forbidden]: 'refusal.code.FORBIDDEN',
  [ErrorCode.NotFound]: 'refusal.code.NOT_FOUND',
  [ErrorCode.Conflict]: 'refusal.code.CONFLICT',
  [ErrorCode.ProtocolMismatch]: 'refusal.code.PROTOCOL_MISMATCH',
  [ErrorCode.PayloadTooLarge]: 'refusal.code.PAYLOAD_TOO_LARGE',
  [ErrorCode.RateLimited]: 'refusal.code.RATE_LIMITED',
  [ErrorCode.UnknownBadge]: 'refusal.code.UNKNOWN_BADGE',
  [ErrorCode.BadgeRevoked]: 'refusal.code.BADGE_REVOKED',
  [ErrorCode.Internal]: 'refusal.code.INTERNAL',
};

/** The fields a person fills in, by the first step of a validation refusal's path. */
const FIELD_KEYS: Partial<Record<string, MessageKey>> = {
  name: 'refusal.field.name',
  kana: 'refusal.field.kana',
  company: 'refusal.field.company',
  kind: 'refusal.field.kind',
  email: 'refusal.field.email',
  title: 'refusal.field.title',
  tags: 'refusal.field.tags',
  summary: 'refusal.field.summary',
  message: 'refusal.field.message',
  reason: 'refusal.field.reason',
  note: 'refusal.field.note',
  windows: 'refusal.field.windows',
  breaks: 'refusal.field.breaks',
  slotMinutes: 'refusal.field.slotMinutes',
  bufferMinutes: 'refusal.field.bufferMinutes',
  tables: 'refusal.field.tables',
  capPerOrg: 'refusal.field.capPerOrg',
  date: 'refusal.field.date',
  venue: 'refusal.field.venue',
  durationSec: 'refusal.field.durationSec',
  nextStep: 'refusal.field.nextStep',
  pocStartedOn: 'refusal.field.pocStartedOn',
  contractOn: 'refusal.field.contractOn',
  station: 'refusal.field.station',
  nameKana: 'refusal.field.kana',
};

/** The registration fields an import's column refusal can name (their labels are the People page's). */
const IMPORT_FIELDS: readonly string[] = ['name', 'kana', 'company', 'kind', 'email', 'title', 'tags'];

const KINDS = ['firm', 'venture', 'partner', 'organizer'] as const;
const REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn', 'expired'] as const;
const MEETING_STATES = ['scheduled', 'held', 'no-show', 'cancelled'] as const;

const among = <T extends string>(list: readonly T[], value: unknown): value is T =>
  (list as readonly unknown[]).includes(value);

/** The params as words: times in the event's zone, kinds, statuses and field names in the person's language. */
function wordParams(t: Translate, reason: RefusalReason, params: RefusalParams): Record<string, string | number> {
  const timeZone = useEventStore.getState().event?.timeZone ?? 'Asia/Tokyo';
  const words: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name.endsWith('At') && typeof value === 'number') words[name] = formatTime(value, timeZone);
    else if ((name === 'kind' || name === 'stored') && among(KINDS, value)) words[name] = t(`kind.${value}`);
    else if (name === 'status' && reason === 'request-settled' && among(REQUEST_STATUSES, value))
      words[name] = t(`meet.status.${value}`);
    else if (name === 'status' && among(MEETING_STATES, value)) words[name] = t(`meet.state.${value}`);
    else words[name] = value;
  }
  if ('both' in params) words.who = t(params.both ? 'refusal.who.both' : 'refusal.who.one');
  return words;
}

/** The sentence for a refusal, in the language of `t`. */
export function describeError(t: Translate, error: AppError): string {
  const reason = error.reason;
  if (!isRefusalReason(reason)) return t(CODE_KEYS[error.code] ?? 'refusal.code.INTERNAL');
  const params = error.params ?? {};
  const words = wordParams(t, reason, params);
  let key = REASON_KEYS[reason];
  if (reason === 'validation') {
    // A field path (windows.0.end) is not a word: the field's label, or the sentence without it.
    const label = FIELD_KEYS[String(params.field ?? '').split('.')[0] ?? ''];
    if (!label) return t('refusal.code.BAD_REQUEST');
    return t(key, { field: t(label) });
  }
  if (reason === 'grid-invalid') {
    const problem = params.problem as GridProblem;
    key = GRID_KEYS[problem] ?? key;
  } else if (reason === 'import-unreadable') {
    const problem = params.problem as ImportFileProblem;
    key = IMPORT_FILE_KEYS[problem] ?? key;
    if (typeof params.field === 'string' && IMPORT_FIELDS.includes(params.field))
      words.field = t(`people.field.${params.field}` as MessageKey);
  } else if (reason === 'too-large' && params.limitMb !== undefined) key = 'refusal.too-large-mb';
  else if (reason === 'rate-limited' && params.seconds !== undefined) key = 'refusal.rate-limited-seconds';
  const sentence = t(key, words);
  // A refused place says where the pair could still meet (the suffix brings its own separator).
  if (params.nextAt !== undefined) return sentence + t('refusal.next-free', words);
  if ('noNext' in params) return sentence + t('refusal.no-next-free');
  return sentence;
}
