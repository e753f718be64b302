/**
 * Who may do what, in one table: for every socket command and every HTTP endpoint that reads or
 * changes event data, what each role may touch. Handlers ask this table (`allowed`, `mayTouch`,
 * `actingPerson`) instead of checking roles inline, and server/integration/authorization.test.ts performs every
 * cell of it over a real socket or real HTTP.
 *
 * The table has a seventh column that is not written out: an organizer (or anyone) of another
 * event. Every lookup a handler makes is by the principal's own event id, so toward another event's
 * data every role's scope is 'none' (`ANOTHER_EVENT`): ids from there answer NOT_FOUND and change
 * nothing.
 *
 * Not in the table, because they authenticate rather than authorize and touch no event data:
 * `/t/TOKEN`, `/board/TOKEN` and `/door/TOKEN` (sign-in), `/cal/TOKEN.ics` (a calendar subscription:
 * its token is the key, server/http/calendar-routes.ts), `/api/logout` (ends the session its cookie names, and
 * succeeds without one), `/healthz`, and the built client.
 */
import { refusalError, type AppError, type RefusalReason } from '../../shared/errors.js';
import type { Role } from '../../shared/model.js';
import type { CommandName } from '../../shared/protocol.js';

/** What a role may touch with an action. */
export type Scope =
  /** Nothing: the action is refused. */
  | 'none'
  /** The event's public face (program, ventures, counts, the clock): no person's data. */
  | 'public'
  /**
   * Their own person's or organization's data; for an organizer, also their account: the series of
   * events it organizes (a person row per event, joined by the account). The handler takes it from
   * the principal, and reaches another event only through a person row of that account there.
   */
  | 'own'
  /** A request or meeting their organization is a side of (`mayTouch` says which side counts). */
  | 'party'
  /** Anything in their own event. */
  | 'event'
  /**
   * A reception station's part of its event: the people with their check-ins and badge checks, the
   * door figures, the program; no interest, request, meeting or export.
   */
  | 'reception';

/**
 * A person's role, a reception station's ('door', signed in by its link: auth/door.ts), the board
 * link, or nobody (no session, a forged cookie or board token).
 */
export type PolicyRole = 'anonymous' | 'board' | Role;
export const ROLES = [
  'anonymous',
  'firm',
  'venture',
  'partner',
  'board',
  'door',
  'organizer',
] as const satisfies readonly PolicyRole[];

/** Toward another event's data, every role's scope. */
export const ANOTHER_EVENT: Scope = 'none';

/** HTTP endpoints that read or change event data. Add a name here and its row below. */
export const HTTP_ACTIONS = [
  'http:import-preview', // POST /api/import/preview
  'http:import-commit', // POST /api/import/commit
  'http:badges', // GET /organizer/badges/print
  'http:badge-qr', // GET /organizer/badges/qr.svg
  'http:badges-printed', // POST /api/badges/printed
  'http:badges-status', // GET /api/badges/status
  'http:me', // GET /api/me
  'http:agenda', // GET /api/agenda.ics
  'http:series', // GET /api/series
  'http:event-create', // POST /api/events
  'http:event-open', // POST /api/events/:id/open
  'http:event-import', // POST /api/import/event
  'http:settings', // GET /api/event/settings
  'http:settings-save', // POST /api/event/settings
  'http:organizer-add', // POST /api/event/organizers
  'http:dashboard', // GET /api/dashboard
  'http:export-csv', // GET /api/export/:name.csv
  'http:export-event', // GET /api/export/event.json
  'http:report', // GET /organizer/report
  'http:door-doubles', // GET /api/door/doubles
  'http:door-links', // GET /api/door-links, GET /api/door-links/:id/qr.svg
  'http:door-link-create', // POST /api/door-links
  'http:door-link-revoke', // POST /api/door-links/:id/revoke
  'http:privacy', // GET /api/privacy
  'http:privacy-acknowledge', // POST /api/privacy/acknowledge
  'http:me-data', // GET /api/me/data.json
  'http:privacy-settings', // GET /api/privacy/settings, GET /api/privacy/people/:id
  'http:privacy-settings-save', // POST /api/privacy/settings
  'http:privacy-purge', // POST /api/privacy/purge
  'http:person-erase', // POST /api/privacy/people/:id/erase
  'http:event-erase', // POST /api/events/:id/erase
  'http:mail', // GET /api/mail
  'http:mail-settings', // POST /api/mail/settings
  'http:mail-test', // POST /api/mail/test
  'http:mail-send', // POST /api/mail/invitations
  'http:mail-retry', // POST /api/mail/log/:id/retry
  'http:my-badge', // GET /api/me/badge
  'http:calendar-feed', // GET /api/calendar-feed
  'http:calendar-feed-renew', // POST /api/calendar-feed
  'http:calendar-feed-revoke', // POST /api/calendar-feed/revoke
  'http:booking-window-save', // POST /api/event/booking-window
  'http:schedules', // GET /organizer/schedules/print
  'http:programme', // GET /api/programme, GET /api/programme/drill, GET /organizer/programme/report
  'http:programme-save', // POST /api/programme/{plan,entries,outcomes,outcomes/:id/delete,reviews,publish}, POST /api/org/:id/publish-consent
  'http:open-data', // GET /open/:slug, GET /open/:slug/kpi.csv, GET /open/:slug/kpi.json
] as const;
export type HttpAction = (typeof HTTP_ACTIONS)[number];
export type Action = CommandName | HttpAction;

type Scopes = { anonymous: 'none' } & Record<Exclude<PolicyRole, 'anonymous'>, Scope>;
/** A read of what is published to everyone (the programme's open data): nobody signed in may read it too. */
type ReadScopes = { anonymous: 'none' | 'public' } & Record<Exclude<PolicyRole, 'anonymous'>, Scope>;

/**
 * One action. Nobody unauthenticated may do anything but read what is published to everyone, and
 * the board link is read-only: the types refuse a row that says otherwise.
 */
export type Row = {
  /** The sentence under the FORBIDDEN code (the UI shows its own words for the code, in ja and en). */
  refusal: string;
  /** A role that is refused in other words. */
  refusalFor?: Partial<Record<PolicyRole, string>>;
  /** The refusal's reason when the row's sentence says more than who may (shared/errors.ts). */
  reason?: RefusalReason;
} & ({ writes: false; who: ReadScopes } | { writes: true; who: Scopes & { board: 'none' } });

const PROGRAM = 'Only the event’s organizers can run and edit the program.';
const DOOR = 'Only the event’s organizers and door staff can run check-in.';
const DOOR_LINKS = 'Only the event’s organizers can hand out and revoke reception links.';
const ORGANIZER_HTTP = 'Only the event’s organizers can do this.';
const PROGRAMME = 'Only the organizers of the programme’s events can see and edit its KPI table.';
const PRIVACY = 'Only the event’s organizers can change its privacy settings and erase personal data.';
const PRIVACY_OWN = 'Only people signed in by their badge have data of their own here.';
const MAIL = 'Only the event’s organizers can set up and send e-mail.';
const CALENDAR = 'Only firms, partners and ventures have an agenda of meetings.';

export const POLICY: Record<Action, Row> = {
  sync: {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'public',
      door: 'reception',
      firm: 'own',
      venture: 'own',
      partner: 'own',
      organizer: 'event',
    },
    refusal: 'Open your badge link or the board link first.',
  },
  'time:sync': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'public',
      door: 'public',
      firm: 'public',
      venture: 'public',
      partner: 'public',
      organizer: 'public',
    },
    refusal: 'Open your badge link or the board link first.',
  },
  'program:control': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: PROGRAM,
  },
  'program:session-save': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: PROGRAM,
  },
  'program:session-delete': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: PROGRAM,
  },
  'program:pitch-save': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: PROGRAM,
  },
  'program:pitch-delete': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: PROGRAM,
  },
  'program:pitch-move': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: PROGRAM,
  },
  // Local firms and partners tag ventures; ventures and organizers do not.
  'interest:set': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'own',
      venture: 'none',
      partner: 'own',
      organizer: 'none',
    },
    refusal: 'Only local firms and partners can tag interest in a venture.',
    reason: 'interest-firms-only',
    refusalFor: { board: 'The board link is read-only.' },
  },
  // Door staff run the door with organizers: scans, search, undo, and walk-ins.
  'checkin:scan': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'reception',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: DOOR,
  },
  'checkin:person': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'reception',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: DOOR,
  },
  'checkin:undo': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'reception',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: DOOR,
  },
  'person:register': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'reception',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: DOOR,
  },
  'person:update': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: DOOR,
  },
  // The profile firms see in the directory: organizers set any of the event's; a venture its own.
  'org:update': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'own',
      partner: 'none',
      organizer: 'event',
    },
    refusal: 'Only the event’s organizers and a venture itself can edit its profile.',
  },
  // A firm's or partner's challenges (課題): its own people state them, organizers any organization's.
  'org:challenges': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'own',
      venture: 'none',
      partner: 'own',
      organizer: 'event',
    },
    refusal: 'Only the event’s organizers and a firm itself can state its challenges.',
  },
  // One company registered twice becomes one: only organizers, who see every organization.
  'org:merge': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: 'Only the event’s organizers can merge organizations.',
  },
  'badge:reissue': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: DOOR,
  },
  'grid:save': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: 'Only the event’s organizers can set up the meeting grid.',
  },
  // Asked for by the asker's own organization, to a venture (or from one).
  'meeting:request': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'own',
      venture: 'own',
      partner: 'own',
      organizer: 'none',
    },
    refusal: 'Only firms, partners and ventures can ask for meetings.',
  },
  // The party is the side that was asked.
  'meeting:respond': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'party',
      venture: 'party',
      partner: 'party',
      organizer: 'none',
    },
    refusal: 'Only the organization that was asked can answer this request.',
  },
  // The places reveal only free tables and times.
  'meeting:free-slots': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'party',
      venture: 'party',
      partner: 'party',
      organizer: 'event',
    },
    refusal: 'Only the two organizations and the organizers can see this.',
  },
  // The party is the side that asked.
  'meeting:withdraw': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'party',
      venture: 'party',
      partner: 'party',
      organizer: 'none',
    },
    refusal: 'Only the organization that asked can withdraw.',
  },
  'meeting:book': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: 'Only the event’s organizers can book by hand.',
  },
  'meeting:move': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: 'Only the event’s organizers can move meetings.',
  },
  'meeting:cancel': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'party',
      venture: 'party',
      partner: 'party',
      organizer: 'event',
    },
    refusal: 'Only the two organizations and the organizers can cancel a meeting.',
  },
  'meeting:mark': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'party',
      venture: 'party',
      partner: 'party',
      organizer: 'event',
    },
    refusal: 'Only the two organizations and the organizers can record a meeting.',
  },
  'meeting:outcome': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'party',
      venture: 'party',
      partner: 'party',
      organizer: 'event',
    },
    refusal: 'Only the two organizations and the organizers can record what came of a meeting.',
  },
  // A proposal of 「自動で組む」: each side answers for itself.
  'meeting:confirm': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'party',
      venture: 'party',
      partner: 'party',
      organizer: 'none',
    },
    refusal: 'Only the two organizations can answer a proposed meeting.',
  },
  // 「自動で組む」 reads every organization's interest: organizers only.
  'schedule:preview': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: 'Only the event’s organizers can make the meeting schedule.',
  },
  'schedule:commit': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: 'Only the event’s organizers can make the meeting schedule.',
  },
  'http:import-preview': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: ORGANIZER_HTTP,
  },
  'http:import-commit': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: ORGANIZER_HTTP,
  },
  // A reception station prints (and shows the QR of) the badge of a walk-in it registered itself, one at a time.
  'http:badges': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'own',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: ORGANIZER_HTTP,
  },
  'http:badge-qr': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'own',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: ORGANIZER_HTTP,
  },
  // 「印刷しました」 on the badge sheet, and whose badge is printed: the organizers' print record. A
  // reception station prints a walk-in's badge and hands it over; it keeps no record.
  'http:badges-printed': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: ORGANIZER_HTTP,
  },
  'http:badges-status': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: ORGANIZER_HTTP,
  },
  // The board link signs nothing in over HTTP: to these endpoints it is nobody.
  'http:me': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'own',
      venture: 'own',
      partner: 'own',
      organizer: 'own',
    },
    refusal: 'Only people signed in by their badge have an account.',
  },
  'http:agenda': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'own',
      venture: 'own',
      partner: 'own',
      organizer: 'none',
    },
    refusal: 'Only firms, partners and ventures have an agenda of meetings.',
  },
  // The organizer's account, not one event: the series lists, creates and opens the events it
  // organizes (a copy or an open of an event it does not organize is NOT_FOUND), and a restored
  // export becomes one more of them. None of these touches the current event.
  'http:series': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'own',
    },
    refusal: ORGANIZER_HTTP,
  },
  'http:event-create': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'own',
    },
    refusal: ORGANIZER_HTTP,
  },
  // Writes a session: the account's person in the other event, signed in.
  'http:event-open': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'own',
    },
    refusal: ORGANIZER_HTTP,
  },
  'http:event-import': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'own',
    },
    refusal: ORGANIZER_HTTP,
  },
  'http:settings': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: ORGANIZER_HTTP,
  },
  'http:settings-save': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: ORGANIZER_HTTP,
  },
  'http:organizer-add': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: ORGANIZER_HTTP,
  },
  'http:dashboard': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: ORGANIZER_HTTP,
  },
  'http:export-csv': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: ORGANIZER_HTTP,
  },
  'http:export-event': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: ORGANIZER_HTTP,
  },
  // The event's report; with ?scope=series, the account's events side by side (what 'http:series' lists).
  'http:report': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: ORGANIZER_HTTP,
  },
  // People let in at two stations while offline: the organizers' list, not a station's.
  'http:door-doubles': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: ORGANIZER_HTTP,
  },
  // Reception links: organizers hand them out per station and revoke them; a station cannot make one.
  'http:door-links': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: DOOR_LINKS,
  },
  'http:door-link-create': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: DOOR_LINKS,
  },
  'http:door-link-revoke': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: DOOR_LINKS,
  },
  // Privacy (APPI): the notice a phone shows, its acknowledgement and a person's own data — each
  // person's own, never another's (the session says whose); reception stations have no person.
  'http:privacy': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'own',
      venture: 'own',
      partner: 'own',
      organizer: 'own',
    },
    refusal: PRIVACY_OWN,
  },
  'http:privacy-acknowledge': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'own',
      venture: 'own',
      partner: 'own',
      organizer: 'own',
    },
    refusal: PRIVACY_OWN,
  },
  'http:me-data': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'own',
      venture: 'own',
      partner: 'own',
      organizer: 'own',
    },
    refusal: PRIVACY_OWN,
  },
  // The organizer's side: the notice and retention, who acknowledged, what an erasure takes, the purge.
  'http:privacy-settings': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: PRIVACY,
  },
  'http:privacy-settings-save': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: PRIVACY,
  },
  'http:privacy-purge': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: PRIVACY,
  },
  'http:person-erase': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: PRIVACY,
  },
  // An event of the organizer's own account (as 'http:event-open'); another's is NOT_FOUND.
  'http:event-erase': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'own',
    },
    refusal: PRIVACY,
  },
  // A person's calendar subscription: firms, partners and ventures, each their own (organizers have no agenda).
  'http:calendar-feed': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'own',
      venture: 'own',
      partner: 'own',
      organizer: 'none',
    },
    refusal: CALENDAR,
  },
  // A new subscription address; the old one stops.
  'http:calendar-feed-renew': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'own',
      venture: 'own',
      partner: 'own',
      organizer: 'none',
    },
    refusal: CALENDAR,
  },
  // The person revokes their own; an organizer anyone's of the event.
  'http:calendar-feed-revoke': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'own',
      venture: 'own',
      partner: 'own',
      organizer: 'event',
    },
    refusal: 'Only the person and the event’s organizers can revoke a calendar subscription.',
  },
  // Printed schedules (table cards, each organization's and person's meetings): organizers only.
  'http:schedules': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: ORGANIZER_HTTP,
  },
  // The date meeting requests open (issue 19): organizers only; they are never held back by it.
  'http:booking-window-save': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: ORGANIZER_HTTP,
  },
  // E-mail: the organizers' SMTP server (its password never leaves the server), invitations, the send log.
  'http:mail': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: MAIL,
  },
  'http:mail-settings': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: MAIL,
  },
  // Sends a test mail through the stored server and writes nothing: a read of whether the server works.
  'http:mail-test': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: MAIL,
  },
  'http:mail-send': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: MAIL,
  },
  'http:mail-retry': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'event',
    },
    refusal: MAIL,
  },
  // 「自分の名札」: the signed-in person's own badge QR, for the door; organizers and stations have no badge.
  'http:my-badge': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'own',
      venture: 'own',
      partner: 'own',
      organizer: 'none',
    },
    refusal: 'Only firms, partners and ventures have a badge to show.',
  },
  // The programme's KPI table: the current event's programme, from the session (never an id the
  // client sends); an organizer of another series works on their own programme.
  'http:programme': {
    writes: false,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'own',
    },
    refusal: PROGRAMME,
  },
  'http:programme-save': {
    writes: true,
    who: {
      anonymous: 'none',
      board: 'none',
      door: 'none',
      firm: 'none',
      venture: 'none',
      partner: 'none',
      organizer: 'own',
    },
    refusal: PROGRAMME,
  },
  // The programme's public page and open data: aggregates only, for anyone while publishing is on
  // and the address is the programme's current one (server/http/open-data-routes.ts).
  'http:open-data': {
    writes: false,
    who: {
      anonymous: 'public',
      board: 'public',
      door: 'public',
      firm: 'public',
      venture: 'public',
      partner: 'public',
      organizer: 'public',
    },
    refusal: 'Open the published address.',
  },
};

/**
 * Who is acting, as the table sees them: a socket's principal, an HTTP request's signed-in person,
 * or null for nobody. Structural, so both the socket principal and `{ kind: 'person', person }` fit.
 */
export type Actor<P extends ActorPerson = ActorPerson> = { kind: 'board' } | { kind: 'person'; person: P } | null;
export interface ActorPerson {
  role: Role;
  org: { id: string } | null;
}

export function roleOf(actor: Actor): PolicyRole {
  if (!actor) return 'anonymous';
  return actor.kind === 'board' ? 'board' : actor.person.role;
}

/** What `actor` may touch with `action`, or 'none'. */
export function allowed(actor: Actor, action: Action): Scope {
  return POLICY[action].who[roleOf(actor)];
}

/** Whether `actor`'s organization is one of `sides` (the organizations of a request or meeting). */
export function isSide(actor: Actor, sides: readonly string[]): boolean {
  const orgId = actor?.kind === 'person' ? actor.person.org?.id : undefined;
  return orgId !== undefined && sides.includes(orgId);
}

/**
 * Whether `actor` may do `action` to a request or meeting whose sides that count are `sides`: all of
 * the event for 'event', one of the sides for 'party'; 'own' and 'public' never reach another's.
 */
export function mayTouch(actor: Actor, action: Action, sides: readonly string[]): boolean {
  const scope = allowed(actor, action);
  return scope === 'event' || (scope === 'party' && isSide(actor, sides));
}

/** The person doing `action`, when the table lets their role do it at all; null to refuse. */
export function actingPerson<P extends ActorPerson>(actor: Actor<P>, action: Action): P | null {
  return actor?.kind === 'person' && allowed(actor, action) !== 'none' ? actor.person : null;
}

/** The refusal of `action` to `actor` (an ack), in the words that role has always been given. */
export function refusal(actor: Actor, action: Action): { ok: false; error: AppError } {
  const row = POLICY[action];
  const role = roleOf(actor);
  return { ok: false, error: refusalError(refusalReason(row, role), row.refusalFor?.[role] ?? row.refusal) };
}

/**
 * Why, read from the row: nobody signed in, the read-only board, a reception station (which may do
 * nothing but the door), organizers' work, or the row's own reason.
 */
function refusalReason(row: Row, role: PolicyRole): RefusalReason {
  if (role === 'anonymous') return 'sign-in-first';
  if (role === 'board') return row.writes ? 'board-read-only' : 'not-allowed';
  if (role === 'door') return 'reception-only';
  if (row.reason) return row.reason;
  const others = Object.entries(row.who).filter(([r]) => r !== 'organizer');
  return others.every(([, scope]) => scope === 'none') ? 'organizers-only' : 'not-allowed';
}
