/**
 * Door staff links over the real app, sockets and SQLite: a station signed in by its reception link
 * gets the door's people with their badge checks and hears the door's facts live (never meetings or
 * interest counts), acts as its station in the change log, is not throttled when it sends a backlog
 * at once, and is signed out everywhere the moment its link is revoked. What each role may do is
 * performed cell by cell in authorization.test.ts; this is what the door's day needs beyond that.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DoorLinkInfo } from '../../shared/protocol.js';
import { RATE } from '../realtime/command.js';
import { call, signIn, snapshotOf, startHarness, type ClientSocket, type Harness } from '../testing/harness.js';

let h: Harness;
let organizerCookie: string;

beforeEach(async () => {
  h = await startHarness();
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
