/**
 * The shapes the server sends: snapshots and live updates, per viewer. Outbound only, so plain types;
 * everything inbound is a zod schema in protocol.ts.
 */
import type { Challenges } from './challenges.js';

export type OrgKind = 'firm' | 'venture' | 'partner';
/** What a person of the event is: of an organization of some kind, or an organizer. */
export type PersonRole = OrgKind | 'organizer';
/**
 * Who a signed-in viewer is: a person's role, or 'door', a reception station signed in by its link
 * (not a person of the event: it scans, searches and registers walk-ins, and sees nothing else).
 */
export type Role = PersonRole | 'door';
export type InterestLevel = 'interested' | 'want-to-meet';

export interface EventInfo {
  id: string;
  name: string;
  venue: string;
  /** Local calendar date of the event, YYYY-MM-DD in the event's time zone. */
  date: string;
  timeZone: string;
  /**
   * From this date (YYYY-MM-DD, the event's zone) firms, partners and ventures may ask for and book
   * meetings; before it they are refused (booking-not-open). Absent or null: open.
   */
  bookingOpensOn?: string | null;
}

export interface OrgInfo {
  id: string;
  kind: OrgKind;
  name: string;
}

export type Viewer =
  { kind: 'person'; personId: string; name: string; role: Role; org: OrgInfo | null } | { kind: 'board' };

export interface VentureInfo {
  id: string;
  name: string;
  /** Reading of the name in hiragana, for search and Japanese sort order. */
  nameKana: string;
  summary: string;
  /** Topics the venture addresses, for the directory's filter. */
  tags: string[];
}

export interface ProgramSessionInfo {
  id: string;
  title: string;
  position: number;
}

export interface PitchInfo {
  id: string;
  sessionId: string;
  ventureId: string;
  title: string;
  durationSec: number;
  position: number;
}

export type LiveStatus = 'idle' | 'running' | 'paused' | 'ended';

/**
 * Which pitch is on and its clock. Times are the server's epoch milliseconds; each client corrects
 * them by its measured offset so every screen shows the same countdown.
 */
export interface LiveState {
  pitchId: string | null;
  status: LiveStatus;
  /** When the current running stretch began (null unless running). */
  runningSince: number | null;
  /** Time already spent on this pitch before runningSince. */
  elapsedMs: number;
  /** Extra time the organizer granted on this pitch. */
  extraMs: number;
}

export interface ProgramView {
  sessions: ProgramSessionInfo[];
  pitches: PitchInfo[];
  live: LiveState;
}

/** People interested in one venture; wantToMeet is the part of total that asked to meet. */
export interface InterestCount {
  total: number;
  wantToMeet: number;
}

export interface MyInterest {
  ventureId: string;
  level: InterestLevel;
  tags: string[];
  note: string;
  /** Whether the venture may read the note (only together with want-to-meet, which reveals the firm). */
  shareNote: boolean;
  updatedAt: number;
}

/** A firm that asked to meet a venture: the only case where a venture learns who is interested. */
export interface Lead {
  personId: string;
  personName: string;
  orgId: string;
  orgName: string;
  tags: string[];
  /** Empty unless the firm chose to share its note. */
  note: string;
  updatedAt: number;
  /** The firm's challenges (課題), when it stated any: what the venture could solve for it. */
  challenges?: Challenges;
}

export type CheckinMethod = 'qr' | 'search' | 'walk-in' | 'self';

export interface CheckinInfo {
  at: number;
  /** The door or station that checked the person in, e.g. "A". */
  station: string;
  method: CheckinMethod;
}

/** A registered person as organizers see them at the door. */
export interface PersonSummary {
  id: string;
  name: string;
  nameKana: string;
  role: PersonRole;
  orgId: string | null;
  orgName: string | null;
  title: string;
  checkin: CheckinInfo | null;
  /**
   * badgeCheck (shared/badge-check.ts) of the person's current badge, so a door station judges a
   * scan offline. Only in the people slice organizers and door staff receive.
   */
  badge?: string;
  /** badgeChecks of this person's badges that were reissued away, so an old badge reads as revoked. */
  revokedBadges?: string[];
}

/**
 * A person let in at two stations while one or both were offline: the check-in kept (the earlier)
 * and the other station's. Organizers list these (GET /api/door/doubles); counts hold the person once.
 */
export interface DoorDouble {
  personId: string;
  name: string;
  orgName: string | null;
  kept: CheckinInfo;
  other: { station: string; at: number };
}

/** What a check-in station shows after a scan or a manual check-in. */
export interface CheckinAnswer {
  outcome: 'checked-in' | 'already';
  person: PersonSummary;
  checkin: CheckinInfo;
}

export interface EventStats {
  /** People checked in. */
  checkedIn: number;
  /** Organizations with at least one person checked in: the city's "participating companies". */
  companies: number;
  /** One-on-one meetings booked (scheduled, held or no-show; not cancelled; a proposal once both sides confirmed). */
  meetingsBooked: number;
}

/** The meeting grid as organizers set it. Times are "HH:mm" on the event date, in its time zone. */
export interface GridSettings {
  windows: { start: string; end: string }[];
  slotMinutes: number;
  bufferMinutes: number;
  tables: string[];
  capPerOrg: number | null;
  breaks: { start: string; end: string }[];
  /**
   * What 「自動で組む」 does with the meetings it proposes: books them at once (the default), or sends
   * them as proposals that hold their place until both sides confirm.
   */
  autoSchedule?: AutoScheduleMode;
}

export type AutoScheduleMode = 'book' | 'propose';

export interface SlotInfo {
  start: number;
  end: number;
}

export interface GridInfo {
  settings: GridSettings;
  slots: SlotInfo[];
}

export type RequestStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'expired';

export interface MeetingRequestInfo {
  id: string;
  fromOrgId: string;
  fromOrgName: string;
  fromPersonName: string;
  toOrgId: string;
  toOrgName: string;
  message: string;
  status: RequestStatus;
  /** Why it was declined, if the decliner said. */
  reason: string;
  createdAt: number;
  updatedAt: number;
}

export type MeetingStatus = 'scheduled' | 'held' | 'no-show' | 'cancelled';

export const MEETING_OUTCOMES = ['none', 'follow-up', 'poc-planned', 'poc-started', 'contract', 'dropped'] as const;
export type MeetingOutcome = (typeof MEETING_OUTCOMES)[number];

export interface MeetingInfo {
  id: string;
  requestId: string | null;
  guestOrgId: string;
  guestOrgName: string;
  ventureOrgId: string;
  ventureOrgName: string;
  slotStart: number;
  slotEnd: number;
  table: string;
  status: MeetingStatus;
  /** The agreed next step (資料送付, 再訪問, PoC検討, ...). */
  nextStep: string;
  /** What came of it in the weeks after the event. */
  outcome: MeetingOutcome;
  /** YYYY-MM-DD, set when a proof of concept started. */
  pocStartedOn: string | null;
  contractOn: string | null;
  outcomeNote: string;
  /**
   * Present while the meeting is a proposal of 「自動で組む」 that a side has yet to confirm: it
   * holds its place meanwhile. Once both confirm it is an ordinary meeting (no `proposal`).
   */
  proposal?: { guestConfirmed: boolean; ventureConfirmed: boolean };
}

/** Why an organization that wants meetings gets none from 「自動で組む」 (server/domain/schedule/types.ts). */
export type ScheduleGap = 'cap' | 'no-common-slot' | 'no-table';

/** One meeting 「自動で組む」 would book or propose. */
export interface ScheduledPair {
  guestOrgId: string;
  guestOrgName: string;
  ventureOrgId: string;
  ventureOrgName: string;
  slotStart: number;
  slotEnd: number;
  table: string;
  mutual: boolean;
}

/**
 * What 「自動で組む」 would do now, for the organizer to look at before committing it. `digest`
 * names the state it was computed from: a commit made after that state changed is refused.
 */
export interface SchedulePreview {
  digest: string;
  mode: AutoScheduleMode;
  /** Pairs that want a meeting and do not meet yet (never a declined pair), and the mutual ones among them. */
  wanted: number;
  mutual: number;
  /** Meetings it would make, and how many of them join a mutual pair. */
  proposed: number;
  mutualCovered: number;
  meetings: ScheduledPair[];
  /** Organizations that want a meeting and would still have none, with why. */
  without: { orgId: string; orgName: string; kind: OrgKind; reason: ScheduleGap }[];
}

export interface ScheduleCommitted {
  preview: SchedulePreview;
  /** The meetings written, booked or proposed. */
  meetingIds: string[];
}

export interface Snapshot {
  /** The event's change-log sequence number this snapshot reflects. */
  seq: number;
  serverNow: number;
  event: EventInfo;
  viewer: Viewer;
  program: ProgramView;
  ventures: VentureInfo[];
  topics: string[];
  /** Counts per venture id. Organizers and the board see all; a venture sees its own; firms none. */
  counts: Record<string, InterestCount>;
  /** The viewer's own interests (firms and partners). */
  myInterests: MyInterest[];
  /** For a venture: the firms that asked to meet it. Empty for everyone else. */
  leads: Lead[];
  /** Door figures, for organizers and the board. */
  stats: EventStats | null;
  /** Everyone registered, for organizers (check-in search, badges). Empty for everyone else. */
  people: PersonSummary[];
  /** The meeting grid, once organizers have set it up. */
  grid: GridInfo | null;
  /** Meeting requests: the viewer's organization's, or all for organizers. */
  requests: MeetingRequestInfo[];
  /** Meetings: the viewer's organization's agenda, or all for organizers. */
  meetings: MeetingInfo[];
  /** A firm's or partner's own challenges (課題); null for everyone else, or none stated. */
  myChallenges: Challenges | null;
  /** For organizers: every organization's challenges, by organization id. Empty for everyone else. */
  orgChallenges: Record<string, Challenges>;
  /**
   * For the board and organizers: per venture id, how many firms in the room (checked in) have a
   * challenge it addresses. Counts, no names. Empty for everyone else.
   */
  fitInRoom: Record<string, number>;
}

export interface ProgramChanged {
  seq: number;
  program: ProgramView;
  /** The event's ventures, which the program refers to (one may have joined since the snapshot). */
  ventures: VentureInfo[];
  /** The event's name, venue, date and topics, which the organizer may correct during the day. */
  event: EventInfo;
  topics: string[];
}

export interface CountsChanged {
  seq: number;
  counts: Record<string, InterestCount>;
}

export interface InterestChanged {
  seq: number;
  ventureId: string;
  interest: MyInterest | null;
}

export interface LeadsChanged {
  seq: number;
  ventureId: string;
  leads: Lead[];
}

export interface PeopleChanged {
  seq: number;
  people: PersonSummary[];
}

export interface MeetingsChanged {
  seq: number;
  requests: MeetingRequestInfo[];
  meetings: MeetingInfo[];
}

export interface GridChanged {
  seq: number;
  grid: GridInfo | null;
}

/** An organization's challenges changed: its own people and the organizers hear. */
export interface ChallengesChanged {
  seq: number;
  orgId: string;
  challenges: Challenges | null;
}

/** The board's and organizers' per-venture count of fitting firms in the room (whole, every venture). */
export interface FitChanged {
  seq: number;
  fitInRoom: Record<string, number>;
}

export interface StatsChanged {
  seq: number;
  stats: EventStats;
}

/** The fields of a registration row, as an import maps the file's columns to them. */
export type ImportField = 'name' | 'kana' | 'company' | 'kind' | 'email' | 'title' | 'tags' | 'challenges';

/**
 * Why a row cannot go in (errors), or what the organizer should look at before confirming
 * (warnings). The client says each code in its language with its params; `message` is the
 * server's English, for logs and API users.
 */
export type ImportProblemCode =
  // errors: the row is not imported
  | 'empty'
  | 'invisible'
  | 'control'
  | 'too-long'
  | 'kind-unknown'
  | 'email-invalid'
  | 'tags-too-many'
  | 'tag-too-long'
  | 'same-person-as-row'
  | 'kind-registered'
  | 'kind-in-file'
  | 'person-ambiguous'
  | 'registration-taken'
  // warnings: the row goes in as shown
  | 'company-joined'
  | 'company-near'
  | 'person-alike'
  | 'person-alike-row';

export interface ImportProblem {
  code: ImportProblemCode;
  params: Record<string, string | number>;
  message: string;
}

/**
 * One registered person an import changes, field by field. Values are as stored: `kind` a kind
 * code, `tags` joined with 、, an empty field ''.
 */
export interface ImportChange {
  row: number;
  personId: string;
  name: string;
  company: string;
  fields: { field: ImportField; before: string; after: string }[];
}

/** What the organizer chose for a likely duplicate: update the registered person, add a new one, or skip the row. */
export type ImportChoice = 'update' | 'add' | 'skip';

/**
 * A row that may be someone already there: a registered person of the same name at the same
 * company with another e-mail, or an earlier row of the file like it. The preview asks which it is.
 */
export interface ImportDuplicate {
  row: number;
  name: string;
  company: string;
  email: string | null;
  /** The registered person it looks like, if one does. */
  person: { personId: string; name: string; company: string; email: string | null } | null;
  /** The earlier row of the file it looks like, if one does. */
  sameAsRow: number | null;
  /** What may be chosen: 'update' only when exactly one registered person fits. */
  options: ImportChoice[];
  /** As chosen; null: not chosen yet, and the row counts as added (what an import did before it asked). */
  choice: ImportChoice | null;
}

/** What an import would do (preview) or did (commit). Row numbers are the spreadsheet's. */
export interface ImportReport {
  encoding: 'utf-8' | 'shift_jis';
  headers: string[];
  mapping: Partial<Record<ImportField, number>>;
  /** Whether an empty cell clears its field (the organizer ticked it); otherwise it keeps what is stored. */
  clearEmpty: boolean;
  /** The first rows as they are in the file, for checking the mapping. */
  sample: { row: number; cells: string[] }[];
  total: number;
  creates: number;
  /** People registered already whom the file changes (see `changes`)… */
  updates: number;
  /** …and those it names without changing anything. */
  unchanged: number;
  changes: ImportChange[];
  errors: { row: number; problems: ImportProblem[] }[];
  warnings: { row: number; problems: ImportProblem[] }[];
  /** Likely duplicates, each with the organizer's choice (sent back with the commit). */
  duplicates: ImportDuplicate[];
  /** Rows the organizer chose to skip. */
  skipped: number;
  /** Companies whose challenges (課題 column) the import sets, from which rows, and what they were. */
  challenges?: { company: string; rows: number[]; before: Challenges | null; after: Challenges }[];
  /** Names exactly what this report would write; the commit carries it back (see `stale`). */
  digest: string;
  /**
   * The registrations changed between the preview and the commit, so the commit would not do what
   * the preview showed: nothing was written, and this is the new preview.
   */
  stale: boolean;
  committed: boolean;
}
