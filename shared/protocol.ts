/**
 * The wire format in one place: protocol version, one zod schema per inbound socket event and HTTP
 * body, and the typed socket.io event maps both ways. Imports nothing of server or client.
 */
import { z } from 'zod';
import { LIMITS } from './constants.js';
import type { Ack } from './errors.js';
import { describeTextProblem, textProblem, trimText } from './text.js';
import { CHALLENGE_CATEGORIES, CHALLENGE_LIMITS, type Challenges } from './challenges.js';
import { MEETING_OUTCOMES } from './model.js';
import type {
  ChallengesChanged,
  CheckinAnswer,
  CountsChanged,
  FitChanged,
  GridChanged,
  GridInfo,
  InterestChanged,
  LeadsChanged,
  MeetingInfo,
  MeetingRequestInfo,
  MeetingsChanged,
  MyInterest,
  PeopleChanged,
  PersonSummary,
  ProgramChanged,
  ProgramView,
  ScheduleCommitted,
  SchedulePreview,
  StatsChanged,
  Snapshot,
  VentureInfo,
} from './model.js';

const id = z.string().min(1).max(LIMITS.idLength);
/** Client-made key of one action, so that sending it again (after a drop) is answered, not redone. */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, - or _');

/**
 * A name (a person's, an organization's, an event's) or a title: the one text rule of shared/text.ts,
 * trimmed as it is parsed. `max` counts characters as people do.
 */
export const nameText = (max: number) =>
  z
    .string()
    .overwrite(trimText)
    .superRefine((value, ctx) => {
      const problem = textProblem(value, max);
      if (problem) ctx.addIssue({ code: 'custom', message: describeTextProblem(problem, max), params: { problem } });
    });

// ---- client → server (commands) ----

/**
 * Sent on every (re)connect; answered with a fresh snapshot of what this viewer may see. Facts are
 * whole values stamped with the change-log sequence number, so a client drops any fact older than
 * the snapshot it holds, and a snapshot after a drop replaces whatever it missed.
 */
export const syncSchema = z.strictObject({ protocol: z.number().int() });
export type SyncRequest = z.infer<typeof syncSchema>;

/**
 * `expect` is the pitch the sender saw on: a relative step (next, back, extend) sent twice, or by two
 * organizers at once, is refused instead of skipping a pitch or extending twice.
 */
const expectPitch = { expect: id.nullable().optional() };
/**
 * Every program command may carry a key: the console sends one, so a command resent after its
 * answer was lost is answered, not done again (a second pitch added, a pitch moved twice, a second
 * extension: `expect` cannot tell an extension sent twice from two extensions).
 */
const retry = { key: idempotencyKey.optional() };
export const programControlSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('start'), pitchId: id, ...retry }),
  z.strictObject({ action: z.literal('pause'), ...retry }),
  z.strictObject({ action: z.literal('resume'), ...retry }),
  z.strictObject({ action: z.literal('next'), ...expectPitch, ...retry }),
  z.strictObject({ action: z.literal('back'), ...expectPitch, ...retry }),
  z.strictObject({ action: z.literal('stop'), ...retry }),
  z.strictObject({
    action: z.literal('extend'),
    seconds: z.number().int().min(10).max(LIMITS.maxExtendSec),
    ...expectPitch,
    ...retry,
  }),
]);
export type ProgramControl = z.infer<typeof programControlSchema>;

export const interestSetSchema = z.strictObject({
  ventureId: id,
  /** null removes the interest (undo). */
  level: z.enum(['interested', 'want-to-meet']).nullable(),
  tags: z.array(z.string().trim().min(1).max(LIMITS.tagLength)).max(LIMITS.tagsPerInterest).default([]),
  note: z.string().max(LIMITS.noteLength).default(''),
  shareNote: z.boolean().default(false),
  /** Sent by a phone's outbox: a tap resent after a lost answer gets its first answer, never undoes a later tap. */
  key: idempotencyKey.optional(),
});
export type InterestSet = z.infer<typeof interestSetSchema>;

const title = nameText(LIMITS.titleLength);

/** Creates a session (no id) or renames one. */
export const sessionSaveSchema = z.strictObject({ id: id.optional(), title, ...retry });
export const sessionDeleteSchema = z.strictObject({ id, ...retry });

/** Creates a pitch at the end of its session (no id) or edits one. */
export const pitchSaveSchema = z.strictObject({
  id: id.optional(),
  sessionId: id,
  ventureId: id,
  title,
  durationSec: z.number().int().min(30).max(LIMITS.maxPitchSec),
  ...retry,
});
export const pitchDeleteSchema = z.strictObject({ id, ...retry });
export const pitchMoveSchema = z.strictObject({ id, direction: z.enum(['up', 'down']), ...retry });

// ---- the door ----

const station = z.string().trim().min(1, 'name the station').max(20);

/**
 * A check-in a station decided while offline: `ageMs` is how long ago it recorded it, on its own
 * clock (so its clock's skew does not matter; the server dates it now − ageMs), at most a day;
 * `local` is what the station showed then, so a person let in at two stations is listed as a double.
 */
// Client code reads it as LIMITS.maxCheckinAgeMs from constants.ts: importing this module bundles
// zod, whose start-up probe (`Function('')`) the pages' Content-Security-Policy refuses.
export const MAX_CHECKIN_AGE_MS = LIMITS.maxCheckinAgeMs;
const offline = {
  ageMs: z.number().int().min(0).max(MAX_CHECKIN_AGE_MS).optional(),
  local: z.enum(['checked-in', 'already']).optional(),
};
export const checkinScanSchema = z.strictObject({
  text: z.string().max(LIMITS.scanLength),
  station,
  key: idempotencyKey,
  ...offline,
});
export const checkinPersonSchema = z.strictObject({ personId: id, station, key: idempotencyKey, ...offline });
export const checkinUndoSchema = z.strictObject({ personId: id });

const personName = nameText(100);
/** A registration as a person fills it in: the same fields when registering and when correcting. */
const registration = {
  name: personName,
  kana: z.string().trim().max(100).default(''),
  company: nameText(200),
  kind: z.enum(['firm', 'venture', 'partner']),
  email: z.union([z.literal(''), z.email().max(200)]).default(''),
  title: z.string().trim().max(100).default(''),
};
export const personRegisterSchema = z.strictObject({
  ...registration,
  /** Walk-ins are checked in as they register. */
  checkIn: z.boolean().default(false),
  station: station.default('受付'),
  key: idempotencyKey,
});
export type PersonRegister = z.infer<typeof personRegisterSchema>;
/** With a key, a reissue resent after a lost answer does not revoke the badge the first one made. */
export const badgeReissueSchema = z.strictObject({ personId: id, key: idempotencyKey.optional() });
/**
 * Corrects a registration from the console: a typo in a name, a new title, another company. An
 * e-mail left out is kept as stored (the console's form does not show it), '' clears it.
 */
export const personUpdateSchema = z.strictObject({
  personId: id,
  ...registration,
  email: registration.email.removeDefault().optional(),
});
/**
 * An organization's profile, as the directory shows it: the reading (sorted and searched by), a
 * summary, topic tags (the directory's filter). Sets all three; a key makes a resend answered, not redone.
 */
export const orgUpdateSchema = z.strictObject({
  orgId: id,
  nameKana: z.string().trim().max(100).default(''),
  summary: z.string().trim().max(LIMITS.noteLength).default(''),
  tags: z
    .array(z.string().trim().min(1, 'a topic must not be empty').max(LIMITS.tagLength))
    .max(LIMITS.tagsPerInterest)
    .default([]),
  key: idempotencyKey.optional(),
});

/**
 * An organization's challenges (課題): the plan's categories, event topics, one line of its own. Sets
 * all three (empty lists and '' clear them); a firm or partner sets its own, an organizer any.
 */
export const orgChallengesSchema = z.strictObject({
  orgId: id,
  categories: z
    .array(z.enum(CHALLENGE_CATEGORIES))
    .max(CHALLENGE_CATEGORIES.length)
    .transform((list) => CHALLENGE_CATEGORIES.filter((c) => list.includes(c))),
  topics: z
    .array(z.string().trim().min(1, 'a topic must not be empty').max(CHALLENGE_LIMITS.topicLength))
    .max(CHALLENGE_LIMITS.topics)
    .transform((list) => [...new Set(list)]),
  note: z
    .string()
    .overwrite(trimText)
    .max(CHALLENGE_LIMITS.noteLength)
    .refine((value) => !/\p{Cc}/u.test(value), 'must be one line')
    .default(''),
  key: idempotencyKey.optional(),
});

/**
 * Merges organization `fromOrgId` into `intoOrgId` (one company registered twice): its people,
 * requests, meetings, pitches and the interest in it move over, and it is gone. Organizers only.
 */
export const orgMergeSchema = z.strictObject({ intoOrgId: id, fromOrgId: id, key: idempotencyKey });

/** What a merge moved into the organization that stays. */
export interface OrgMergeAnswer {
  into: { id: string; name: string };
  from: { id: string; name: string };
  people: number;
  requests: number;
  meetings: number;
  pitches: number;
  /** Interests in the merged venture now on the one that stays; a person's weaker one of two is dropped. */
  interests: number;
}

// ---- meetings ----

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 15:00');
const span = z.strictObject({ start: hhmm, end: hhmm });
export const gridSaveSchema = z.strictObject({
  windows: z.array(span).min(1).max(6),
  slotMinutes: z.number().int().min(5).max(120),
  bufferMinutes: z.number().int().min(0).max(60),
  tables: z.array(z.string().trim().min(1).max(30)).min(1).max(200),
  capPerOrg: z.number().int().min(1).max(50).nullable(),
  breaks: z.array(span).max(6).default([]),
  /** Left out: 'book' (an older console's form does not send it). */
  autoSchedule: z.enum(['book', 'propose']).optional(),
});

export const meetingRequestSchema = z.strictObject({
  toOrgId: id,
  message: z.string().trim().max(LIMITS.messageLength).default(''),
  key: idempotencyKey,
});
export const meetingRespondSchema = z.strictObject({
  requestId: id,
  accept: z.boolean(),
  reason: z.string().trim().max(LIMITS.messageLength).default(''),
  /** The accepter may pick a free slot and table; without one, the earliest free is booked. */
  slotStart: z.number().int().optional(),
  table: z.string().max(30).optional(),
});
export const meetingWithdrawSchema = z.strictObject({ requestId: id });
/** The places where a request could be booked now, for the accepter to choose from. */
export const meetingFreeSlotsSchema = z.strictObject({ requestId: id });
export const meetingBookSchema = z.strictObject({
  guestOrgId: id,
  ventureOrgId: id,
  slotStart: z.number().int(),
  table: z.string().max(30),
  key: idempotencyKey,
});
export const meetingMoveSchema = z.strictObject({
  meetingId: id,
  slotStart: z.number().int(),
  table: z.string().max(30),
});
export const meetingCancelSchema = z.strictObject({ meetingId: id });
export const meetingMarkSchema = z.strictObject({
  meetingId: id,
  status: z.enum(['held', 'no-show']),
  nextStep: z.string().trim().max(LIMITS.messageLength).default(''),
});
/** What came of a held meeting, recorded by either party or an organizer in the weeks after. */
export const meetingOutcomeSchema = z.strictObject({
  meetingId: id,
  outcome: z.enum(MEETING_OUTCOMES),
  pocStartedOn: z.iso.date('a date as YYYY-MM-DD').nullable().default(null),
  contractOn: z.iso.date('a date as YYYY-MM-DD').nullable().default(null),
  note: z.string().trim().max(LIMITS.noteLength).default(''),
});

/** 「自動で組む」: what it would do now (no write). */
export const schedulePreviewSchema = z.strictObject({});
/** Writes the preview named by `digest`, all of it in one transaction, or nothing if the state moved on since. */
export const scheduleCommitSchema = z.strictObject({ digest: z.string().min(1).max(100), key: idempotencyKey });
/** A side's answer to a proposed meeting: confirm it, or decline it (the place is freed, the pair not proposed again). */
export const meetingConfirmSchema = z.strictObject({
  meetingId: id,
  accept: z.boolean(),
  key: idempotencyKey.optional(),
});

// ---- HTTP bodies ----

/** A registration CSV as the organizer chose it, and (after the preview) how its columns map. */
export const importRequestSchema = z.strictObject({
  fileBase64: z.base64().max(LIMITS.importBase64Chars, 'the file is larger than 2 MB'),
  mapping: z
    .partialRecord(
      z.enum(['name', 'kana', 'company', 'kind', 'email', 'title', 'tags', 'challenges']),
      z.number().int().min(0).max(200),
    )
    .optional(),
  /** An empty cell clears its field; by default it keeps what is stored, as a missing column does. */
  clearEmpty: z.boolean().default(false),
  /** The organizer's choice per likely duplicate (by spreadsheet row), as the preview showed them. */
  choices: z
    .array(z.strictObject({ row: z.number().int().min(1), choice: z.enum(['update', 'add', 'skip']) }))
    .max(5000)
    .default([]),
  /** The preview's digest: a commit whose plan differs from it writes nothing and answers the new preview. */
  digest: z.string().max(100).optional(),
});
export type ImportRequest = z.infer<typeof importRequestSchema>;

/** A reception link for one door station (POST /api/door-links): the station its check-ins are recorded under. */
export const doorLinkCreateSchema = z.strictObject({ station, key: idempotencyKey.optional() });

/** A reception link as the settings page lists it (GET /api/door-links): its station, when it was made, the link. */
export interface DoorLinkInfo {
  id: string;
  station: string;
  createdAt: number;
  url: string;
}

export const timeSyncSchema = z.strictObject({ clientSentAt: z.number() });

export interface RegisterAnswer {
  person: PersonSummary;
  badgeUrl: string;
  checkin: CheckinAnswer | null;
}

/** Every command answers through an ack callback of one shape. */
type Command<Req, Res> = (payload: Req, ack: (answer: Ack<Res>) => void) => void;

/**
 * One command of the map below: the schema its payload is parsed with, and the type of its answer.
 * The answer is a type only (`answer` is never set): nothing of it is sent or checked at run time.
 */
export interface CommandSpec<S extends z.ZodType = z.ZodType, A = unknown> {
  readonly schema: S;
  readonly answer?: A;
}
const command =
  <A>() =>
  <S extends z.ZodType>(schema: S): CommandSpec<S, A> => ({ schema });

/**
 * Every command, by name: its schema and its answer. The client's event map and the server's
 * command table are both derived from it, so a command's payload, its parsing and its answer
 * cannot drift apart.
 */
const COMMAND_SPECS = {
  sync: command<Snapshot>()(syncSchema),
  'time:sync': command<{ serverNow: number }>()(timeSyncSchema),
  'program:control': command<ProgramView>()(programControlSchema),
  'program:session-save': command<ProgramView>()(sessionSaveSchema),
  'program:session-delete': command<ProgramView>()(sessionDeleteSchema),
  'program:pitch-save': command<ProgramView>()(pitchSaveSchema),
  'program:pitch-delete': command<ProgramView>()(pitchDeleteSchema),
  'program:pitch-move': command<ProgramView>()(pitchMoveSchema),
  'interest:set': command<MyInterest | null>()(interestSetSchema),
  'checkin:scan': command<CheckinAnswer>()(checkinScanSchema),
  'checkin:person': command<CheckinAnswer>()(checkinPersonSchema),
  'checkin:undo': command<PersonSummary>()(checkinUndoSchema),
  'person:register': command<RegisterAnswer>()(personRegisterSchema),
  'person:update': command<PersonSummary>()(personUpdateSchema),
  'org:update': command<VentureInfo>()(orgUpdateSchema),
  'org:merge': command<OrgMergeAnswer>()(orgMergeSchema),
  'org:challenges': command<Challenges | null>()(orgChallengesSchema),
  'badge:reissue': command<{ person: PersonSummary; badgeUrl: string }>()(badgeReissueSchema),
  'grid:save': command<GridInfo>()(gridSaveSchema),
  'meeting:request': command<MeetingRequestInfo>()(meetingRequestSchema),
  'meeting:respond': command<{ request: MeetingRequestInfo; meeting: MeetingInfo | null }>()(meetingRespondSchema),
  'meeting:free-slots': command<FreePlace[]>()(meetingFreeSlotsSchema),
  'meeting:withdraw': command<MeetingRequestInfo>()(meetingWithdrawSchema),
  'meeting:book': command<MeetingInfo>()(meetingBookSchema),
  'meeting:move': command<MeetingInfo>()(meetingMoveSchema),
  'meeting:cancel': command<MeetingInfo>()(meetingCancelSchema),
  'meeting:mark': command<MeetingInfo>()(meetingMarkSchema),
  'meeting:outcome': command<MeetingInfo>()(meetingOutcomeSchema),
  'meeting:confirm': command<MeetingInfo>()(meetingConfirmSchema),
  'schedule:preview': command<SchedulePreview>()(schedulePreviewSchema),
  'schedule:commit': command<ScheduleCommitted>()(scheduleCommitSchema),
} as const;

/** Names of the commands, for handler tables and tests. */
export type CommandName = keyof typeof COMMAND_SPECS;
/** What a client sends (defaults may be left out). */
export type CommandPayload<N extends CommandName> = z.input<(typeof COMMAND_SPECS)[N]['schema']>;
/** What the server's command receives: the payload as its schema parsed it. */
export type CommandInput<N extends CommandName> = z.output<(typeof COMMAND_SPECS)[N]['schema']>;
/** What a command answers with when it succeeds. */
export type CommandAnswer<N extends CommandName> = Exclude<(typeof COMMAND_SPECS)[N]['answer'], undefined>;

/**
 * The same map, typed per name: where the name is a type parameter (the server's one command
 * wrapper), its schema is still known to parse into that command's input.
 */
export const COMMANDS: {
  readonly [N in CommandName]: CommandSpec<z.ZodType<CommandInput<N>, CommandPayload<N>>, CommandAnswer<N>>;
} = COMMAND_SPECS;

/** A place a request could be booked at: one slot and its free tables. */
export interface FreePlace {
  slotStart: number;
  slotEnd: number;
  tables: string[];
}

export type ClientToServerEvents = {
  [N in CommandName]: Command<CommandPayload<N>, CommandAnswer<N>>;
};

// ---- server → client (facts) ----

export interface ServerToClientEvents {
  'program:changed': (fact: ProgramChanged) => void;
  'counts:changed': (fact: CountsChanged) => void;
  'interest:changed': (fact: InterestChanged) => void;
  'stats:changed': (fact: StatsChanged) => void;
  'leads:changed': (fact: LeadsChanged) => void;
  'people:changed': (fact: PeopleChanged) => void;
  'meetings:changed': (fact: MeetingsChanged) => void;
  'grid:changed': (fact: GridChanged) => void;
  'challenges:changed': (fact: ChallengesChanged) => void;
  'fit:changed': (fact: FitChanged) => void;
}

/** The handshake `auth` payload: a board link's token; people authenticate by cookie. */
export const handshakeAuthSchema = z.object({ board: z.string().max(200).optional() }).passthrough();

// ---- the connection check's namespace (CHECK_NAMESPACE): no sign-in, one command ----

/**
 * `check:ping` is answered with the server's clock. The connection check at the venue opens this
 * namespace before anyone has a badge, to learn whether realtime works there and over which
 * transport; the main namespace's sign-in stays as it is.
 */
export const checkPingSchema = z.strictObject({ clientSentAt: z.number() });

export interface CheckClientToServerEvents {
  'check:ping': Command<z.infer<typeof checkPingSchema>, { serverTime: number }>;
}

/** The check namespace sends nothing unasked. */
export type CheckServerToClientEvents = Record<string, never>;
