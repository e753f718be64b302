/**
 * Door staff links over the real app, sockets and SQLite: a station signed in by its reception link
 * gets the door's people with their badge checks and hears the door's facts live (never meetings or
 * interest counts), acts as its station in the change log, is not throttled when it sends a backlog
 * at once, and is signed out everywhere the moment its link is revoked. A link and its sessions end
 * with the day after the event (the harness's clock moves past it), and two links in force never share
 * a station's name. What each role may do is performed cell by cell in authorization.test.ts; this is
 * what the door's day needs beyond that.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type AppError } from '../../shared/errors.js';
import type { DoorLinkInfo } from '../../shared/protocol.js';
import { RATE } from '../realtime/command.js';
import {
  call,
  openSocket,
  signIn,
  snapshotOf,
  startHarness,
  type ClientSocket,
  type Harness,
} from '../testing/harness.js';

let h: Harness;
let organizerCookie: string;
/** The server's clock when a test sets it; the real one otherwise. */
let clock: number | undefined;

beforeEach(async () => {
  clock = undefined;
  h = await startHarness({ now: () => clock ?? Date.now() });
  organizerCookie = await h.signIn(h.person('organizer').url);
});
afterEach(async () => {
  await h.stop();
});

/** A POST from the console's own page, as the organizer. */
async function post<T>(path: string, body: unknown): Promise<{ status: number; data: T }> {
  const res = await fetch(`${h.baseUrl}${path}`, {
    method: 'POST',
    headers: { cookie: organizerCookie, 'content-type': 'application/json', origin: h.baseUrl },
    body: JSON.stringify(body),
  });
  return { status: res.status, data: ((await res.json()) as { data: T }).data };
}

const makeLink = async (station: string) => (await post<DoorLinkInfo>('/api/door-links', { station })).data;

/** The refusal a POST answered with, as the settings page reads it. */
async function refusedWith(path: string, body: unknown): Promise<{ status: number; error: AppError }> {
  const res = await fetch(`${h.baseUrl}${path}`, {
    method: 'POST',
    headers: { cookie: organizerCookie, 'content-type': 'application/json', origin: h.baseUrl },
    body: JSON.stringify(body),
  });
  return { status: res.status, error: ((await res.json()) as { error: AppError }).error };
}

/** Midnight in Tokyo (the demo's zone) `days` after the event's date, worked out here without the app's helpers. */
function tokyoMidnightAfter(days: number): number {
  const date = h.store.getEvent(h.eventId)!.date;
  const day = new Date(Date.parse(`${date}T00:00:00Z`) + days * 24 * 3600_000).toISOString().slice(0, 10);
  return Date.parse(`${day}T00:00:00+09:00`);
}

/** A socket handshake with this cookie: null if it connected, else the error it was refused with. */
async function handshakeRefusal(socket: ClientSocket): Promise<string | null> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(null));
    socket.once('connect_error', (error: Error) => resolve(error.message));
    socket.connect();
  });
}

/** Resolves with the first `event` the socket hears, or null if none came within `ms`. */
function heard(socket: ClientSocket, event: string, ms = 500): Promise<unknown> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    socket.once(event as 'people:changed', (payload: unknown) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

describe('a reception station', () => {
  it('sees the door’s people with badge checks, hears the door live and nothing of meetings or taps', async () => {
    const station = await h.connectAs((await makeLink('受付A')).url);
    const snapshot = await snapshotOf(station);
    expect(snapshot.viewer).toMatchObject({ kind: 'person', role: 'door', name: '受付A', org: null });
    const people = snapshot.people.filter((p) => p.role !== 'organizer');
    expect(people.length).toBeGreaterThan(5);
    expect(people.every((p) => typeof p.badge === 'string' && p.badge.length === 22)).toBe(true);
    expect([snapshot.requests, snapshot.meetings, snapshot.myInterests]).toEqual([[], [], []]);
    expect(snapshot.counts).toEqual({});

    // An organizer checks someone in at another desk: the station hears the person and the figures.
    const organizer = await h.connectAs(h.person('organizer').url);
    const guest = people[0]!;
    const peopleFact = heard(station, 'people:changed');
    const statsFact = heard(station, 'stats:changed');
    const answer = await call(organizer, 'checkin:person', { personId: guest.id, station: '本部', key: randomUUID() });
    expect(answer.ok).toBe(true);
    expect(await peopleFact).toMatchObject({ people: [{ id: guest.id, checkin: { station: '本部' } }] });
    expect(await statsFact).toMatchObject({ stats: { checkedIn: snapshot.stats!.checkedIn + 1 } });

    // A firm's tap moves interest counts for organizers and the board, never toward the station.
    const firm = await h.connectAs(h.person('firm').url);
    const counts = heard(station, 'counts:changed');
    const tap = await call(firm, 'interest:set', { ventureId: snapshot.ventures[0]!.id, level: 'want-to-meet' });
    expect(tap.ok).toBe(true);
    expect(await counts).toBeNull();
  });

  it('is named in the change log as its station, and sends a backlog at once without being throttled', async () => {
    h.addFirms(RATE.burst);
    const link = await makeLink('受付B');
    const station = await h.connectAs(link.url);
    const people = (await snapshotOf(station)).people.filter((p) => p.role !== 'organizer');
    const backlog = people.slice(0, Math.min(people.length, RATE.burst + 10));
    expect(backlog.length).toBeGreaterThan(RATE.burst);
    const answers = await Promise.all(
      backlog.map((p) => call(station, 'checkin:person', { personId: p.id, station: '受付B', key: randomUUID() })),
    );
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    const actors = h.store.db
      .prepare("SELECT DISTINCT actor FROM changes WHERE event_id = ? AND kind = 'checkin:added'")
      .pluck()
      .all(h.eventId);
    expect(actors).toEqual([`door:${link.id}`]);
  });

  it('records its check-ins and walk-ins at its own station, whatever name its page sends', async () => {
    const station = await h.connectAs((await makeLink('受付E')).url);
    const guest = (await snapshotOf(station)).people.find((p) => p.role === 'firm' && !p.checkin)!;
    const scan = await call(station, 'checkin:person', { personId: guest.id, station: '本部', key: randomUUID() });
    expect(scan.ok && scan.data.checkin.station).toBe('受付E');
    const walkIn = await call(station, 'person:register', {
      name: '別名 次郎',
      company: '別名商事株式会社',
      kind: 'firm',
      checkIn: true,
      station: '本部',
      key: randomUUID(),
    });
    expect(walkIn.ok && walkIn.data.person.checkin?.station).toBe('受付E');
    expect(h.store.getCheckin(guest.id)?.station).toBe('受付E');
  });

  it('is signed out everywhere when its link is revoked, and the link opens nothing after', async () => {
    const link = await makeLink('受付C');
    const cookie = await signIn(link.url);
    const station = await h.connectAs(link.url);
    const walkIn = await call(station, 'person:register', {
      name: '当日 花子',
      company: '当日参加株式会社',
      kind: 'firm',
      checkIn: true,
      station: '受付C',
      key: randomUUID(),
    });
    expect(walkIn.ok).toBe(true);
    const badge = `${h.baseUrl}/organizer/badges/print?person=${walkIn.ok ? walkIn.data.person.id : ''}`;
    expect((await fetch(badge, { headers: { cookie } })).status).toBe(200);

    const ended = new Promise<string>((resolve) => station.once('disconnect', resolve));
    expect((await post(`/api/door-links/${link.id}/revoke`, {})).status).toBe(200);
    expect(await ended).toBe('io server disconnect');
    expect((await fetch(badge, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(link.url, { redirect: 'manual' })).status).toBe(401);
    const list = await fetch(`${h.baseUrl}/api/door-links`, { headers: { cookie: organizerCookie } });
    expect(((await list.json()) as { data: { links: DoorLinkInfo[] } }).data.links).toEqual([]);
    // Revoked once is revoked: a second revoke finds no link.
    expect((await post(`/api/door-links/${link.id}/revoke`, {})).status).toBe(404);
  });

  it('makes one link per request key, and a resend gets the same link', async () => {
    const key = randomUUID().replaceAll('-', '');
    const first = await post<DoorLinkInfo>('/api/door-links', { station: '受付D', key });
    const again = await post<DoorLinkInfo>('/api/door-links', { station: '受付D', key });
    expect(first.status).toBe(201);
    expect(again.data).toEqual(first.data);
    expect(h.store.records.doorLinks.active(h.eventId).map((l) => l.station)).toEqual(['受付D']);
    // The remembered answer holds the link's id, never its token.
    const remembered = h.store.db.prepare('SELECT answer FROM idempotency').pluck().all() as string[];
    expect(remembered.join()).not.toContain(first.data.url.split('/door/')[1]);
  });
});

describe('a reception link’s end', () => {
  it('opens and serves through the day after the event, then its page says it ended and its sessions find nobody', async () => {
    clock = tokyoMidnightAfter(0) + 10 * 3600_000; // 10:00 on the event's day
    const link = await makeLink('受付A');
    const cookie = await signIn(link.url);
    const station = await h.connectAs(link.url);
    const guest = (await snapshotOf(station)).people.find((p) => p.role === 'firm' && !p.checkin)!;
    const end = tokyoMidnightAfter(2);

    // The next morning, a minute before the end: a station back online still signs in and uploads.
    clock = end - 60_000;
    station.disconnect();
    expect(await handshakeRefusal(station)).toBeNull();
    const late = await call(station, 'checkin:person', { personId: guest.id, station: '受付A', key: randomUUID() });
    expect(late.ok).toBe(true);
    expect((await fetch(link.url, { redirect: 'manual' })).status).toBe(303);
    // Its cookie is still the station's: an organizers' page is forbidden to it (403), not unknown (401).
    const doubles = `${h.baseUrl}/api/door/doubles`;
    expect((await fetch(doubles, { headers: { cookie } })).status).toBe(403);

    // At the end: the open socket's next handshake is refused, the cookie opens nothing, the link its own page.
    clock = end;
    station.disconnect();
    expect(await handshakeRefusal(station)).toBe(ErrorCode.Unauthenticated);
    await expect(openSocket(h.baseUrl, { cookie }, h.clients)).rejects.toThrow(ErrorCode.Unauthenticated);
    expect((await fetch(doubles, { headers: { cookie } })).status).toBe(401);
    const page = await fetch(link.url, { redirect: 'manual' });
    expect(page.status).toBe(401);
    expect(page.headers.get('set-cookie')).toBeNull();
    const html = await page.text();
    expect(html).toContain('この受付用リンクの期限は終わりました');
    expect(html).toContain('This reception link has ended');
    expect(html).not.toContain('取り消されたか');

    // The settings page lists no link that opens nothing, and makes none.
    const list = await fetch(`${h.baseUrl}/api/door-links`, { headers: { cookie: organizerCookie } });
    expect(((await list.json()) as { data: { links: DoorLinkInfo[] } }).data.links).toEqual([]);
    const made = await refusedWith('/api/door-links', { station: '受付Z' });
    expect([made.status, made.error.reason]).toEqual([409, 'door-link-event-over']);
  });

  it('says a revoked link was revoked, even after the event’s day', async () => {
    clock = tokyoMidnightAfter(0) + 10 * 3600_000;
    const link = await makeLink('受付B');
    expect((await post(`/api/door-links/${link.id}/revoke`, {})).status).toBe(200);
    clock = tokyoMidnightAfter(3);
    const html = await (await fetch(link.url, { redirect: 'manual' })).text();
    expect(html).toContain('取り消されたか');
    expect(html).not.toContain('期限は終わりました');
  });
});

describe('a station’s name', () => {
  it('is refused while another link in force has it (trimmed, NFKC), and free again once that one is revoked', async () => {
    const first = await makeLink('受付A');
    for (const station of ['受付A', ' 受付Ａ ', '\u3000受付A\u3000']) {
      const refused = await refusedWith('/api/door-links', { station, key: randomUUID() });
      expect(refused.status).toBe(409);
      expect(refused.error).toMatchObject({ reason: 'door-link-station-taken', params: { station: '受付A' } });
    }
    await makeLink('ｳｹﾂｹ');
    expect((await refusedWith('/api/door-links', { station: 'ウケツケ' })).error.reason).toBe(
      'door-link-station-taken',
    );
    // Another name, or another case, is another desk.
    expect((await post('/api/door-links', { station: '受付a' })).status).toBe(201);
    expect(h.store.records.doorLinks.active(h.eventId).map((l) => l.station)).toEqual(['受付A', 'ｳｹﾂｹ', '受付a']);

    expect((await post(`/api/door-links/${first.id}/revoke`, {})).status).toBe(200);
    const again = await post<DoorLinkInfo>('/api/door-links', { station: '受付Ａ' });
    expect(again.status).toBe(201);
    expect(again.data.station).toBe('受付Ａ');
  });

  it('does not refuse the resend of the request that made it', async () => {
    const key = randomUUID();
    const first = await post<DoorLinkInfo>('/api/door-links', { station: '受付C', key });
    const again = await post<DoorLinkInfo>('/api/door-links', { station: '受付C', key });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.data).toEqual(first.data);
  });
});
