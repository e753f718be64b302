/**
 * Retries: a phone or a console that lost the answer to a command sends it again, the same payload,
 * often from a new socket after a reconnect. Every command the server registers, and every HTTP
 * POST the app routes, has a line here saying what a resend must do, and the test performs it:
 *
 * - keyed: the resend carries the first one's idempotency key and is answered from memory: the
 *   same answer, nothing written, no change-log row.
 * - same: the command sets a value; sent again it sets the same value and answers the same.
 * - refused: the command moves something on; sent again it is refused as already done, and
 *   changes nothing.
 * - read-only: it changes nothing, once or twice.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type Ack } from '../../shared/errors.js';
import type { GridSettings } from '../../shared/model.js';
import { defaultKpiPlan } from '../../shared/programme.js';
import { PROTOCOL_VERSION } from '../../shared/constants.js';
import type { CommandName } from '../../shared/protocol.js';
import { newNonce } from '../auth/tokens.js';
import { zonedTime } from '../domain/slots.js';
import { badgeVersion } from '../store/badge-prints.js';
import { renewFeed } from '../store/calendar-feeds.js';
import { MailRecords } from '../store/mail.js';
import { startTestSmtp, type TestSmtp } from '../testing/smtp.js';
import { insertOutcome, programmeOf, programmePlan } from '../store/programme.js';
import { accountOf, createEvent } from '../store/series.js';
import { sampleRegistrationCsv } from '../testing/registration-files.js';
import { registeredCommands } from '../realtime/command.js';
import { cachedSlots } from '../commands/views.js';
import { endpointsOf, expressAppOf } from '../testing/express-routes.js';
import { call, callRaw, startHarness, type ClientSocket, type Harness } from '../testing/harness.js';

type Role = 'organizer' | 'firm' | 'venture' | 'partner';
type Expect = 'keyed' | 'same' | 'refused' | 'read-only';

/** What a scenario may use to put the event in the state its command needs. */
interface Setup {
  h: Harness;
  key: () => string;
  at: (time: string) => number;
  /** Moves the event's clock, e.g. past a meeting's start. */
  clockTo: (time: string) => void;
  /** Sends a command as that role (on a socket of its own) and returns the data of its ok answer. */
  as: <T = unknown>(role: Role, event: CommandName, payload: unknown) => Promise<T>;
  pitches: string[];
  sessions: string[];
  ventures: string[];
  orgOf: (role: Role) => string;
  personOf: (role: Role) => string;
  /** The grid's slots, in order. */
  slots: number[];
}

interface Retry {
  name: string;
  as: Role;
  expect: Expect;
  /** Builds what the command needs and returns the payload sent twice. */
  payload: (s: Setup) => unknown;
  /** For `refused`: the code of the second answer. */
  refusedWith?: string;
  /** Columns a resend may refresh (the clock read again), as table.column. */
  refreshes?: string[];
}

const start = (pitchId: string) => ({ action: 'start', pitchId });

/** A venture and a firm that may meet, asked by the firm. */
async function openRequest(s: Setup): Promise<string> {
  const request = await s.as<{ id: string }>('firm', 'meeting:request', {
    toOrgId: s.orgOf('venture'),
    message: 'ご相談',
    key: s.key(),
  });
  return request.id;
}

async function booking(s: Setup, slot = 0): Promise<string> {
  const meeting = await s.as<{ id: string }>('organizer', 'meeting:book', {
    guestOrgId: s.orgOf('firm'),
    ventureOrgId: s.orgOf('venture'),
    slotStart: s.slots[slot],
    table: '1',
    key: s.key(),
  });
  return meeting.id;
}

const GRID: GridSettings = {
  windows: [{ start: '15:00', end: '17:00' }],
  slotMinutes: 20,
  bufferMinutes: 5,
  tables: ['1', '2', '3'],
  capPerOrg: 4,
  breaks: [],
};

/**
 * Every command, typed against the protocol: a new command does not compile until it says what
 * a resend does, and the test below checks the list against what the server registers.
 */
const RETRIES: Record<CommandName, Retry[]> = {
  sync: [{ name: 'sync', as: 'firm', expect: 'read-only', payload: () => ({ protocol: PROTOCOL_VERSION }) }],
  'time:sync': [{ name: 'time', as: 'firm', expect: 'read-only', payload: () => ({ clientSentAt: 1 }) }],
  'meeting:free-slots': [
    {
      name: 'free places for a request',
      as: 'venture',
      expect: 'read-only',
      payload: async (s) => ({ requestId: await openRequest(s) }),
    },
  ],
  'program:control': [
    {
      name: 'start a pitch',
      as: 'organizer',
      expect: 'keyed',
      payload: (s) => ({ ...start(s.pitches[1]!), key: s.key() }),
    },
    {
      name: 'extend the pitch on stage',
      as: 'organizer',
      expect: 'keyed',
      payload: async (s) => {
        await s.as('organizer', 'program:control', start(s.pitches[0]!));
        return { action: 'extend', seconds: 60, expect: s.pitches[0], key: s.key() };
      },
    },
    {
      name: 'pause',
      as: 'organizer',
      expect: 'keyed',
      payload: async (s) => {
        await s.as('organizer', 'program:control', start(s.pitches[0]!));
        return { action: 'pause', key: s.key() };
      },
    },
    {
      name: 'next, from the pitch the organizer saw (no key)',
      as: 'organizer',
      expect: 'refused',
      refusedWith: ErrorCode.Conflict,
      payload: async (s) => {
        await s.as('organizer', 'program:control', start(s.pitches[0]!));
        return { action: 'next', expect: s.pitches[0] };
      },
    },
  ],
  'program:session-save': [
    { name: 'add a session', as: 'organizer', expect: 'keyed', payload: (s) => ({ title: '第3部', key: s.key() }) },
    {
      name: 'rename a session (no key)',
      as: 'organizer',
      expect: 'same',
      payload: (s) => ({ id: s.sessions[0], title: '第1部 改題' }),
    },
  ],
  'program:session-delete': [
    {
      name: 'delete an empty session',
      as: 'organizer',
      expect: 'keyed',
      payload: async (s) => {
        const program = await s.as<{ sessions: { id: string; title: string }[] }>('organizer', 'program:session-save', {
          title: '空の部',
        });
        return { id: program.sessions.find((x) => x.title === '空の部')!.id, key: s.key() };
      },
    },
  ],
  'program:pitch-save': [
    {
      name: 'add a pitch',
      as: 'organizer',
      expect: 'keyed',
      payload: (s) => ({
        sessionId: s.sessions[1],
        ventureId: s.ventures[0],
        title: '追加ピッチ',
        durationSec: 300,
        key: s.key(),
      }),
    },
    {
      name: 'edit a pitch (no key)',
      as: 'organizer',
      expect: 'same',
      payload: (s) => ({
        id: s.pitches[0],
        sessionId: s.sessions[0],
        ventureId: s.ventures[0],
        title: '改題',
        durationSec: 420,
      }),
    },
  ],
  'program:pitch-delete': [
    { name: 'delete a pitch', as: 'organizer', expect: 'keyed', payload: (s) => ({ id: s.pitches[2], key: s.key() }) },
  ],
  'program:pitch-move': [
    {
      name: 'move a pitch down',
      as: 'organizer',
      expect: 'keyed',
      payload: (s) => ({ id: s.pitches[0], direction: 'down', key: s.key() }),
    },
  ],
  'interest:set': [
    {
      name: 'tap interested',
      as: 'firm',
      expect: 'keyed',
      payload: (s) => ({ ventureId: s.ventures[0], level: 'want-to-meet', tags: ['DX'], key: s.key() }),
    },
  ],
  'checkin:scan': [
    {
      name: 'scan a badge',
      as: 'organizer',
      expect: 'keyed',
      payload: (s) => ({ text: s.h.person('firm').url, station: 'A', key: s.key() }),
    },
  ],
  'checkin:person': [
    {
      name: 'check in by name',
      as: 'organizer',
      expect: 'keyed',
      payload: (s) => ({ personId: s.personOf('venture'), station: 'B', key: s.key() }),
    },
  ],
  'checkin:undo': [
    {
      name: 'undo a check-in',
      as: 'organizer',
      expect: 'refused',
      refusedWith: ErrorCode.Conflict,
      payload: async (s) => {
        await s.as('organizer', 'checkin:person', { personId: s.personOf('firm'), station: 'A', key: s.key() });
        return { personId: s.personOf('firm') };
      },
    },
  ],
  'person:register': [
    {
      name: 'register a walk-in',
      as: 'organizer',
      expect: 'keyed',
      payload: (s) => ({
        name: '飛込 太郎',
        company: '飛込商事',
        kind: 'firm',
        checkIn: true,
        station: 'A',
        key: s.key(),
      }),
    },
  ],
  'person:update': [
    {
      name: 'correct a name (no key)',
      as: 'organizer',
      expect: 'same',
      payload: (s) => {
        const firm = s.h.person('firm');
        return { personId: s.personOf('firm'), name: `${firm.name}（訂正）`, company: firm.org, kind: 'firm' };
      },
    },
  ],
  'org:merge': [
    {
      name: 'merge a company registered twice',
      as: 'organizer',
      expect: 'keyed',
      payload: (s) => {
        const other = s.h.store
          .listPeople(s.h.eventId)
          .find((p) => p.role === 'firm' && p.org!.id !== s.orgOf('firm'))!;
        return { intoOrgId: s.orgOf('firm'), fromOrgId: other.org!.id, key: s.key() };
      },
    },
  ],
  'org:update': [
    {
      name: 'set a venture’s profile (no key)',
      as: 'organizer',
      expect: 'same',
      payload: (s) => ({ orgId: s.orgOf('venture'), nameKana: 'ロボ', summary: '倉庫の自動化', tags: ['DX'] }),
    },
    {
      name: 'a venture sets its own profile',
      as: 'venture',
      expect: 'keyed',
      payload: (s) => ({
        orgId: s.orgOf('venture'),
        nameKana: 'ろぼ',
        summary: '小型ロボット',
        tags: [],
        key: s.key(),
      }),
    },
  ],
  'org:challenges': [
    {
      name: 'an organizer states a firm’s challenges (no key)',
      as: 'organizer',
      expect: 'same',
      payload: (s) => ({ orgId: s.orgOf('firm'), categories: ['efficiency'], topics: [], note: '冬の除雪' }),
    },
    {
      name: 'a firm states its own challenges',
      as: 'firm',
      expect: 'keyed',
      payload: (s) => ({
        orgId: s.orgOf('firm'),
        categories: ['hiring', 'training'],
        topics: [],
        note: '',
        key: s.key(),
      }),
    },
  ],
  'badge:reissue': [
    {
      name: 'reissue a lost badge',
      as: 'organizer',
      expect: 'keyed',
      payload: (s) => ({ personId: s.personOf('partner'), key: s.key() }),
    },
  ],
  'grid:save': [{ name: 'set the grid (no key)', as: 'organizer', expect: 'same', payload: () => GRID }],
  'meeting:request': [
    {
      name: 'ask a venture for a meeting',
      as: 'firm',
      expect: 'keyed',
      payload: (s) => ({ toOrgId: s.orgOf('venture'), message: '倉庫の件', key: s.key() }),
    },
  ],
  'meeting:respond': [
    {
      name: 'accept a request',
      as: 'venture',
      expect: 'refused',
      refusedWith: ErrorCode.Conflict,
      payload: async (s) => ({ requestId: await openRequest(s), accept: true }),
    },
  ],
  'meeting:withdraw': [
    {
      name: 'withdraw a request',
      as: 'firm',
      expect: 'refused',
      refusedWith: ErrorCode.Conflict,
      payload: async (s) => ({ requestId: await openRequest(s) }),
    },
  ],
  'meeting:book': [
    {
      name: 'book by hand',
      as: 'organizer',
      expect: 'keyed',
      payload: (s) => ({
        guestOrgId: s.orgOf('partner'),
        ventureOrgId: s.orgOf('venture'),
        slotStart: s.slots[2],
        table: '2',
        key: s.key(),
      }),
    },
  ],
  'meeting:move': [
    {
      name: 'move a meeting (no key)',
      as: 'organizer',
      expect: 'same',
      refreshes: ['meetings.updated_at'],
      payload: async (s) => ({ meetingId: await booking(s), slotStart: s.slots[3], table: '3' }),
    },
  ],
  'meeting:cancel': [
    {
      name: 'cancel a meeting',
      as: 'venture',
      expect: 'refused',
      refusedWith: ErrorCode.Conflict,
      payload: async (s) => ({ meetingId: await booking(s) }),
    },
  ],
  'meeting:mark': [
    {
      name: 'mark a meeting held (no key)',
      as: 'firm',
      expect: 'same',
      refreshes: ['meetings.updated_at'],
      payload: async (s) => {
        const meetingId = await booking(s);
        s.clockTo('16:00');
        return { meetingId, status: 'held', nextStep: 'PoC検討' };
      },
    },
  ],
  'meeting:outcome': [
    {
      name: 'record what came of a meeting (no key)',
      as: 'venture',
      expect: 'same',
      refreshes: ['meetings.updated_at', 'meetings.outcome_at'],
      payload: async (s) => {
        const meetingId = await booking(s);
        s.clockTo('16:00');
        await s.as('firm', 'meeting:mark', { meetingId, status: 'held' });
        return { meetingId, outcome: 'follow-up', note: '来月再訪' };
      },
    },
  ],
  'schedule:preview': [
    {
      name: 'preview 「自動で組む」',
      as: 'organizer',
      expect: 'read-only',
      payload: async (s) => {
        await wantToMeet(s);
        return {};
      },
    },
  ],
  'schedule:commit': [
    {
      name: 'commit 「自動で組む」',
      as: 'organizer',
      expect: 'keyed',
      payload: async (s) => ({ digest: (await wantToMeet(s)).digest, key: s.key() }),
    },
  ],
  'meeting:confirm': [
    {
      name: 'confirm a proposed meeting',
      as: 'firm',
      expect: 'keyed',
      payload: async (s) => ({ meetingId: await proposal(s), accept: true, key: s.key() }),
    },
    {
      name: 'confirm a proposed meeting (no key)',
      as: 'venture',
      expect: 'same',
      payload: async (s) => ({ meetingId: await proposal(s), accept: true }),
    },
  ],
};

/** The firm taps want-to-meet on the venture; the organizer's preview of 「自動で組む」 then. */
async function wantToMeet(s: Setup): Promise<{ digest: string }> {
  await s.as('firm', 'interest:set', { ventureId: s.orgOf('venture'), level: 'want-to-meet' });
  return s.as('organizer', 'schedule:preview', {});
}

/** A meeting 「自動で組む」 proposed to the firm and the venture. */
async function proposal(s: Setup): Promise<string> {
  await s.as('organizer', 'grid:save', { ...GRID, autoSchedule: 'propose' });
  const { digest } = await wantToMeet(s);
  const done = await s.as<{ meetingIds: string[] }>('organizer', 'schedule:commit', { digest, key: s.key() });
  return done.meetingIds[0]!;
}

/**
 * Bookkeeping, not the event: the log is compared by its length, logins and answers kept are how
 * retries work, and the meetings' version changes with any write to meetings, a same-value one too
 * (it only tells the booking path to read its places again).
 */
const BOOKKEEPING = new Set(['changes', 'idempotency', 'logins', 'meta', 'meetings_version']);

/** Everything the event is made of, row by row, without the columns a resend may refresh. */
function stateOf(h: Harness, refreshes: string[] = []): Record<string, string[]> {
  const db = h.store.db;
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  const skip = new Set(['events.seq', ...refreshes]);
  return Object.fromEntries(
    tables
      .filter((t) => !BOOKKEEPING.has(t))
      .map((t) => [
        t,
        (db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[])
          .map((row) => JSON.stringify(Object.entries(row).filter(([column]) => !skip.has(`${t}.${column}`))))
          .sort(),
      ]),
  );
}

const logLength = (h: Harness) => h.store.db.prepare('SELECT COUNT(*) FROM changes').pluck().get() as number;

describe('a command sent again after its answer was lost', () => {
  let h: Harness;
  let clock = 0;
  let setup: Setup;

  beforeEach(async () => {
    h = await startHarness({ now: () => clock });
    const at = (time: string) => zonedTime(h.store.getEvent(h.eventId)!.date, time, 'Asia/Tokyo');
    clock = at('09:00');
    const people = h.store.listPeople(h.eventId);
    const record = (role: Role) => people.find((p) => p.name === h.person(role).name)!;
    const sockets = new Map<Role, ClientSocket>();
    const program = h.store.program(h.eventId);
    setup = {
      h,
      at,
      clockTo: (time) => {
        clock = at(time);
      },
      key: () => randomUUID().replaceAll('-', ''),
      as: async (role, event, payload) => {
        if (!sockets.has(role)) sockets.set(role, await h.connectAs(h.person(role).url));
        const answer = await callRaw(sockets.get(role)!, event, payload);
        if (!answer.ok) throw new Error(`${event} in set-up: ${answer.error.message}`);
        return answer.data as never;
      },
      pitches: program.pitches.map((p) => p.id),
      sessions: program.sessions.map((s) => s.id),
      ventures: [...new Set(program.pitches.map((p) => p.ventureId))],
      orgOf: (role) => record(role).org!.id,
      personOf: (role) => record(role).id,
      slots: [],
    };
    await setup.as('organizer', 'grid:save', GRID);
    const event = h.store.getEvent(h.eventId)!;
    setup.slots = cachedSlots(h.store.getGrid(h.eventId)!, event.date, event.timeZone).map((s) => s.start);
  });
  afterEach(async () => {
    await h.stop();
  });

  it('has a retry line for exactly the commands the server registers', async () => {
    (await h.connectAs(h.person('firm').url)).disconnect(); // registration happens per socket
    expect(Object.keys(RETRIES).sort()).toEqual([...registeredCommands.keys()].sort());
  });

  const cases = Object.entries(RETRIES).flatMap(([command, retries]) =>
    retries.map((retry) => ({ command: command as CommandName, retry })),
  );

  it.each(cases)('$command: $retry.name — $retry.expect', async ({ command, retry }) => {
    const payload = await retry.payload(setup);
    const before = { state: stateOf(h, retry.refreshes), log: logLength(h) };
    const first = await callRaw(await h.connectAs(h.person(retry.as).url), command, payload);
    expect(first, 'the first send is a valid command').toMatchObject({ ok: true });
    const once = { state: stateOf(h, retry.refreshes), log: logLength(h) };

    // The answer is lost; a moment later the client reconnects and sends the same payload again.
    clock += 1500;
    const second = await callRaw(await h.connectAs(h.person(retry.as).url), command, payload);
    const twice = { state: stateOf(h, retry.refreshes), log: logLength(h) };

    expect(twice.state, 'the state after two sends is the state after one').toEqual(once.state);
    switch (retry.expect) {
      case 'read-only':
        expect(once).toEqual(before);
        expect(twice).toEqual(before);
        break;
      case 'keyed':
        expect(second).toEqual(first);
        expect(twice.log, 'a replay writes no change-log row').toBe(once.log);
        break;
      case 'same':
        expect(second).toEqual(first);
        break;
      case 'refused':
        expect(second).toMatchObject({ ok: false, error: { code: retry.refusedWith } });
        expect(twice.log).toBe(once.log);
        break;
    }
  });

  it('answers a key used again for a different payload with the first answer, not a second action', async () => {
    // A key names one action: a client that reuses it by mistake gets the first answer back, and
    // the second action is not taken.
    const key = setup.key();
    const organizer = await h.connectAs(h.person('organizer').url);
    const first = await call(organizer, 'program:session-save', { title: '第3部', key });
    expect(first).toMatchObject({ ok: true });
    const reused = await call(organizer, 'program:session-save', { title: '第4部', key });
    expect(reused).toEqual(first);
    expect(h.store.program(h.eventId).sessions.map((s) => s.title)).not.toContain('第4部');
  });
});

// ---- HTTP ----

interface HttpRetry {
  expect: 'same' | 'refused' | 'read-only';
  /** Why this is what a resend does. */
  because: string;
  /** The path to send to (for a route with parameters) and the body, made ready by the set-up. */
  request: (s: HttpSetup) => Promise<{ path?: string; body: unknown }> | { path?: string; body: unknown };
  /** For answers that say what happened (counts), how the second must relate to the first. */
  compatible?: (first: Ack<unknown>, second: Ack<unknown>) => void;
  /** Whose link sends it, when not the organizer's (a phone's own route). */
  signInAs?: (s: HttpSetup) => string;
}

interface HttpSetup {
  h: Harness;
  /** Another instance, with an event of its own to export. */
  other: () => Promise<Harness>;
}

const csv = Buffer.from(sampleRegistrationCsv()).toString('base64');

/**
 * The mail routes' servers: a real SMTP server (a test mail goes through it) and one that never
 * answers, so mail queued by the first send is still queued when the second comes.
 */
const mailServers: { smtp: Promise<TestSmtp> | null; silent: net.Server | null } = { smtp: null, silent: null };
afterAll(async () => {
  await (await mailServers.smtp)?.close();
  mailServers.silent?.close();
});

async function mailThrough(s: HttpSetup, server: 'smtp' | 'silent'): Promise<MailRecords> {
  let port: number;
  if (server === 'smtp') port = (await (mailServers.smtp ??= startTestSmtp())).port;
  else {
    if (!mailServers.silent) {
      mailServers.silent = net.createServer(() => {}).unref();
      await new Promise<void>((resolve) => mailServers.silent!.listen(0, '127.0.0.1', resolve));
    }
    port = (mailServers.silent.address() as net.AddressInfo).port;
  }
  const records = new MailRecords(s.h.store.sql);
  const settings = { host: '127.0.0.1', port, security: 'none' as const, username: '', password: '' };
  const from = { fromAddress: 'office@city.example.jp', fromName: '', confirmations: false, reminders: false };
  records.saveSettings(s.h.eventId, { ...settings, ...from }, 0);
  return records;
}

/**
 * Every POST the app routes, by its label. A route added tomorrow fails the test below until it
 * says what a resend does; those that duplicate today are listed in NOT_YET_IDEMPOTENT instead.
 */
const HTTP_RETRIES: Record<string, HttpRetry> = {
  'POST /api/import/preview': {
    expect: 'read-only',
    because: 'a preview writes nothing',
    request: () => ({ body: { fileBase64: csv } }),
  },
  'POST /api/import/commit': {
    expect: 'same',
    because:
      'people are matched by e-mail, or name and company: a second commit of the same file finds them all unchanged',
    request: () => ({ body: { fileBase64: csv } }),
    compatible: (first, second) => {
      const a = first as Ack<{ creates: number; updates: number }>;
      const b = second as Ack<{ creates: number; updates: number; unchanged: number }>;
      if (!a.ok || !b.ok) throw new Error('both commits answer ok');
      expect(a.data.creates).toBeGreaterThan(0);
      expect(b.data).toMatchObject({ creates: 0, updates: 0, unchanged: a.data.creates + a.data.updates });
    },
  },
  'POST /api/logout': {
    expect: 'same',
    because: 'a session already ended ends again: the same answer, the cookie cleared',
    request: () => ({ body: {} }),
  },
  'POST /api/event/settings': {
    expect: 'same',
    because: 'it sets the event’s name, venue, date, topics and targets to the values sent',
    request: (s) => {
      const event = s.h.store.getEvent(s.h.eventId)!;
      return { body: { name: `${event.name} 2`, venue: event.venue, date: event.date, topics: ['DX'] } };
    },
    // The answer is the change's sequence number: the resend is a second (identical) change.
    compatible: (first, second) => expect(second).toMatchObject({ ok: true, data: { seq: expect.any(Number) } }),
  },
  'POST /api/events/:id/open': {
    expect: 'same',
    because: 'it signs the console into an event: each call opens a session, as opening a badge link does',
    request: (s) => ({ path: `/api/events/${s.h.eventId}/open`, body: {} }),
  },
  'POST /api/events': {
    expect: 'same',
    because: 'a new event is created once per key: the resend gets the first event’s id',
    request: () => ({ body: { name: '第2回', date: '2027-02-10', key: 'create-event-0001' } }),
  },
  'POST /api/event/organizers': {
    expect: 'same',
    because: 'an organizer is added once per key: the resend gets the same person and sign-in link',
    request: () => ({ body: { name: '鈴木 花子', key: 'add-organizer-0001' } }),
  },
  'POST /api/badges/printed': {
    expect: 'same',
    because: 'a badge already marked printed keeps its first mark: the resend writes nothing and answers the same',
    request: (s) => {
      const person = s.h.store.listPeople(s.h.eventId).find((p) => p.role === 'firm')!;
      return { body: { badges: [{ personId: person.id, version: badgeVersion(person.badgeNonce) }] } };
    },
  },
  'POST /api/door-links': {
    expect: 'same',
    because: 'a reception link is made once per key: the resend gets the same link, not a second one',
    request: () => ({ body: { station: '受付A', key: 'door-link-0001' } }),
  },
  'POST /api/door-links/:id/revoke': {
    expect: 'refused',
    because: 'a link already revoked is not found again, with nothing written',
    request: (s) => {
      const id = randomUUID();
      s.h.store.records.doorLinks.insert({
        id,
        eventId: s.h.eventId,
        station: '受付B',
        nonce: newNonce(),
        createdAt: 0,
      });
      return { path: `/api/door-links/${id}/revoke`, body: {} };
    },
  },
  'POST /api/calendar-feed': {
    expect: 'same',
    because: 'a calendar address is made once per key: the resend shows the same address, not a second one',
    signInAs: (s) => s.h.person('firm', 0).url,
    request: () => ({ body: { key: 'calendar-feed-0001' } }),
    compatible: (first, second) => {
      if (!first.ok) throw new Error('the first send answers ok');
      expect((first.data as { feedUrl: string }).feedUrl).toMatch(/\/cal\//);
      expect(second).toEqual(first);
    },
  },
  'POST /api/calendar-feed/revoke': {
    expect: 'same',
    because: 'a subscription already revoked is revoked again: nothing more is written',
    request: (s) => {
      const personId = s.h.store.listPeople(s.h.eventId).find((p) => p.role === 'firm')!.id;
      s.h.store.mutate(s.h.eventId, personId, 0, () => {
        renewFeed(s.h.store, { id: randomUUID(), eventId: s.h.eventId, personId, secret: newNonce(), createdAt: 0 });
        return { result: null, changes: [] };
      });
      return { body: { personId } };
    },
    compatible: (first, second) => {
      expect(first).toEqual({ ok: true, data: { revoked: true } });
      expect(second).toEqual({ ok: true, data: { revoked: false } });
    },
  },
  'POST /api/event/booking-window': {
    expect: 'same',
    because: 'it sets the date requests open to the value sent',
    request: (s) => ({ body: { bookingOpensOn: s.h.store.getEvent(s.h.eventId)!.date } }),
    // Each send is a change of its own (its own sequence number), to the same date.
    compatible: (first, second) => expect(second).toEqual(first),
  },
  // The programme's KPI table (issue 20): the console's writes, each safe to send again.
  'POST /api/programme/plan': {
    expect: 'same',
    because: 'it sets the plan to the one sent',
    request: () => ({ body: { ...defaultKpiPlan(2026), name: { ja: '第2期計画', en: 'Second plan' } } }),
  },
  'POST /api/programme/entries': {
    expect: 'same',
    because: 'a figure is entered once per key: the resend gets the first entry',
    request: (s) => ({
      body: {
        kpiId: 'student-hiring',
        fiscalYear: programmePlan(s.h.store, programmeOf(s.h.store, s.h.eventId)).firstYear,
        value: 52.1,
        source: 'ハローワーク',
        on: '2027-05-01',
        key: 'kpi-entry-0001',
      },
    }),
  },
  'POST /api/programme/outcomes': {
    expect: 'same',
    because: 'an outcome is recorded once per key: the resend gets the first one',
    request: (s) => ({
      body: {
        eventId: s.h.eventId,
        orgId: s.h.store.organizations(s.h.eventId)[0]!.id,
        kind: 'founded',
        on: s.h.store.getEvent(s.h.eventId)!.date,
        key: 'regional-outcome-0001',
      },
    }),
  },
  'POST /api/programme/outcomes/:id/delete': {
    expect: 'same',
    because: 'an outcome already deleted is deleted: the resend answers ok, with nothing written',
    request: (s) => {
      const id = randomUUID();
      insertOutcome(s.h.store, {
        id,
        eventId: s.h.eventId,
        orgId: s.h.store.organizations(s.h.eventId)[0]!.id,
        kind: 'relocated',
        on: s.h.store.getEvent(s.h.eventId)!.date,
        note: '',
        meetingId: null,
        recordedAt: 0,
      });
      return { path: `/api/programme/outcomes/${id}/delete`, body: {} };
    },
  },
  'POST /api/programme/reviews': {
    expect: 'same',
    because: 'it sets the year’s review to the text sent; the same text again changes nothing, not even its time',
    request: (s) => ({
      body: {
        fiscalYear: programmePlan(s.h.store, programmeOf(s.h.store, s.h.eventId)).firstYear,
        worked: '商談が増えた',
        next: '学生の参加を増やす',
      },
    }),
  },
  'POST /api/programme/publish': {
    expect: 'same',
    because: 'the first publishing makes the address; the same settings again keep it',
    request: () => ({
      body: { enabled: true, kpiIds: ['companies'], fiscalYears: [], reviews: true, events: true, companyNames: false },
    }),
  },
  'POST /api/org/:id/publish-consent': {
    expect: 'same',
    because: 'it sets the company’s consent to the value sent',
    request: (s) => ({
      path: `/api/org/${s.h.store.organizations(s.h.eventId)[0]!.id}/publish-consent`,
      body: { consent: true },
    }),
  },
  'POST /api/mail/settings': {
    expect: 'same',
    because: 'the SMTP server is saved once per key: the resend is answered with the settings as they are',
    request: () => ({
      body: {
        host: 'smtp.city.example.jp',
        port: 587,
        security: 'starttls',
        password: 'secret',
        fromAddress: 'office@city.example.jp',
        key: 'mail-settings-0001',
      },
    }),
  },
  'POST /api/mail/test': {
    expect: 'read-only',
    because: 'a test mail writes nothing: each send is one more test mail',
    request: async (s) => {
      await mailThrough(s, 'smtp');
      return { body: { to: 'test@city.example.jp' } };
    },
  },
  'POST /api/mail/invitations': {
    expect: 'same',
    because: 'the invitations of one click are queued once per key: the resend queues none',
    request: async (s) => {
      await mailThrough(s, 'silent');
      const personId = s.h.store.listPeople(s.h.eventId).find((p) => p.role === 'firm')!.id;
      s.h.store.db.prepare("UPDATE people SET email = 'firm@example.jp' WHERE id = ?").run(personId);
      return { body: { to: 'person', personId, key: 'invite-click-0001' } };
    },
    compatible: (first, second) => {
      expect(first).toEqual({ ok: true, data: { queued: 1, withoutAddress: 0 } });
      expect(second).toEqual({ ok: true, data: { queued: 0, withoutAddress: 0 } });
    },
  },
  'POST /api/mail/log/:id/retry': {
    expect: 'refused',
    because: 'a mail back in the queue is no longer failed: a second retry is refused, and it is sent once',
    request: async (s) => {
      const records = await mailThrough(s, 'silent');
      const personId = s.h.store.listPeople(s.h.eventId).find((p) => p.role === 'firm')!.id;
      s.h.store.db.prepare("UPDATE people SET email = 'firm@example.jp' WHERE id = ?").run(personId);
      const id = randomUUID();
      records.enqueue({ id, eventId: s.h.eventId, personId, reason: 'invitation:retry-0001' }, 0);
      records.settle(id, { sent: false, error: '421 try later' }, 0);
      return { path: `/api/mail/log/${id}/retry`, body: {} };
    },
  },
  'POST /api/privacy/acknowledge': {
    expect: 'same',
    because: 'the version read is recorded once: a resend finds it read and records nothing more',
    signInAs: (s) => s.h.person('firm').url,
    request: () => ({ body: { version: 1 } }),
  },
  'POST /api/privacy/settings': {
    expect: 'same',
    because: 'it sets the notice to the text sent: the same notice again keeps its version',
    request: () => ({ body: { ja: '通知文', en: 'Notice', contact: '産業振興課', retentionDays: 200 } }),
  },
  'POST /api/privacy/purge': {
    expect: 'same',
    because: 'an event is purged once: a resend finds it purged and answers the same view',
    request: (s) => {
      s.h.store.sql.prepare("UPDATE events SET date = '2025-01-10', retention_days = 1 WHERE id = ?").run(s.h.eventId);
      return { body: {} };
    },
  },
  'POST /api/privacy/people/:id/erase': {
    expect: 'refused',
    because: 'the person is gone: a resend finds no one and changes nothing',
    request: (s) => ({
      path: `/api/privacy/people/${s.h.store.listPeople(s.h.eventId).find((p) => p.role === 'firm')!.id}/erase`,
      body: {},
    }),
  },
  'POST /api/events/:id/erase': {
    expect: 'refused',
    because: 'the event is gone: a resend finds no such event of the account and changes nothing',
    request: (s) => {
      const organizer = s.h.store.listPeople(s.h.eventId).find((p) => p.role === 'organizer')!;
      const id = randomUUID();
      createEvent(s.h.store, {
        id,
        name: '消す回',
        venue: '',
        date: '2027-02-10',
        boardNonce: newNonce(),
        from: null,
        creator: { account: accountOf(s.h.store, organizer.id)!, name: organizer.name },
        now: Date.now(),
        newId: randomUUID,
        newNonce,
      });
      return { path: `/api/events/${id}/erase`, body: { confirmName: '消す回' } };
    },
  },
  'POST /api/import/event': {
    expect: 'refused',
    because: 'an event already in the store is refused, with nothing written',
    request: async (s) => {
      const other = await s.other();
      const cookie = await other.signIn(other.person('organizer').url);
      const res = await fetch(`${other.baseUrl}/api/export/event.json`, { headers: { cookie } });
      return { body: await res.json() };
    },
  },
};

/** POSTs that create something again on every send today; reported, to be given an idempotency key. */
const NOT_YET_IDEMPOTENT: Record<string, string> = {};

describe('an HTTP POST sent again after its answer was lost', () => {
  let h: Harness;
  const others: Harness[] = [];

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
    for (const o of others.splice(0)) await o.stop();
  });

  it('has a retry line for exactly the POST routes the app has', async () => {
    const posts = endpointsOf(await expressAppOf(h))
      .filter((e) => !e.label.startsWith('USE ') && e.methods.includes('POST'))
      .map((e) => e.label);
    expect(posts.sort()).toEqual([...Object.keys(HTTP_RETRIES), ...Object.keys(NOT_YET_IDEMPOTENT)].sort());
  });

  it.each(Object.entries(HTTP_RETRIES))('%s', async (label, retry) => {
    const setup: HttpSetup = {
      h,
      other: async () => {
        const other = await startHarness();
        others.push(other);
        return other;
      },
    };
    const { path = label.replace(/^POST /, ''), body } = await retry.request(setup);
    const cookie = await h.signIn(retry.signInAs?.(setup) ?? h.person('organizer').url);
    const post = async () => {
      const res = await fetch(`${h.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: h.baseUrl, cookie },
        body: JSON.stringify(body),
      });
      return { status: res.status, answer: (await res.json()) as Ack<unknown> };
    };
    const before = { state: stateOf(h), log: logLength(h) };
    const first = await post();
    expect(first.answer, `${label} first send`).toMatchObject({ ok: true });
    const once = { state: stateOf(h), log: logLength(h) };
    const second = await post();
    const twice = { state: stateOf(h), log: logLength(h) };

    expect(twice.state, retry.because).toEqual(once.state);
    if (retry.expect === 'read-only') expect(twice).toEqual(before);
    if (retry.expect === 'refused') {
      expect(second.status).toBeGreaterThanOrEqual(400);
      expect(second.answer.ok).toBe(false);
      expect(twice.log).toBe(once.log);
    }
    if (retry.expect === 'same') {
      if (retry.compatible) retry.compatible(first.answer, second.answer);
      else expect(second).toEqual(first);
    }
  });

  for (const [label, reason] of Object.entries(NOT_YET_IDEMPOTENT)) it.todo(`${label}: ${reason}`);
});
