/**
 * The calendar subscription over real HTTP: a person makes their feed on the phone, a calendar app
 * reads it with no cookie, a move and a cancel reach it as the same UID with a higher SEQUENCE, and
 * a renewed or revoked address (by the person or an organizer) answers 404 at once.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalendarFeedView } from '../../shared/calendar.js';
import type { GridSettings } from '../../shared/model.js';
import { zonedTime } from '../domain/slots.js';
import { call, snapshotOf, startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
let clock = 0;
const key = () => randomUUID().replaceAll('-', '');
const at = (time: string) => zonedTime(h.store.getEvent(h.eventId)!.date, time, 'Asia/Tokyo');

const GRID: GridSettings = {
  windows: [{ start: '15:00', end: '16:00' }],
  slotMinutes: 15,
  bufferMinutes: 5,
  tables: ['A', 'B'],
  capPerOrg: null,
  breaks: [],
};

beforeEach(async () => {
  h = await startHarness({ now: () => clock });
  clock = at('09:00');
});
afterEach(async () => {
  await h.stop();
});

/** A JSON call of the phone's own page (same origin), signed in by `cookie`. */
async function api<T>(path: string, cookie: string, body?: unknown): Promise<{ status: number; data: T }> {
  const res = await fetch(`${h.baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie, origin: h.baseUrl, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as { data: T };
  return { status: res.status, data: json.data };
}

/** The feed as a calendar app reads it: no cookie, no origin. */
async function subscribe(url: string): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(url.replace(/^webcal:/, 'http:'));
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

const unfolded = (ics: string) => ics.replace(/\r\n /g, '');
const fieldOf = (ics: string, name: string) =>
  [...unfolded(ics).matchAll(new RegExp(`^${name}:(.*)$`, 'gm'))].map((m) => m[1]!.replace(/\r$/, ''));

describe('the calendar subscription', () => {
  it('follows a meeting through a move and a cancel as one UID with a growing SEQUENCE', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    await call(organizer, 'grid:save', GRID);
    const snap = await snapshotOf(organizer);
    const firm = h.person('firm', 0);
    const firmOrg = snap.people.find((p) => p.name === firm.name)!.orgId!;
    const booked = await call(organizer, 'meeting:book', {
      guestOrgId: firmOrg,
      ventureOrgId: snap.ventures[0]!.id,
      slotStart: at('15:00'),
      table: 'A',
      key: key(),
    });
    if (!booked.ok) throw new Error(booked.error.message);
    const meetingId = booked.data.id;

    const cookie = await h.signIn(firm.url);
    const empty = await api<CalendarFeedView>('/api/calendar-feed', cookie);
    expect(empty.data).toMatchObject({ feedUrl: null, webcalUrl: null, downloadUrl: `${h.baseUrl}/api/agenda.ics` });
    const made = await api<CalendarFeedView>('/api/calendar-feed', cookie, {});
    expect(made.status).toBe(200);
    const { feedUrl, webcalUrl } = made.data;
    expect(feedUrl).toMatch(new RegExp(`^${h.baseUrl}/cal/[A-Za-z0-9_-]{44}\\.ics$`));
    expect(webcalUrl).toBe(feedUrl!.replace(/^http:/, 'webcal:'));
    // The phone shows the same address again.
    expect((await api<CalendarFeedView>('/api/calendar-feed', cookie)).data.feedUrl).toBe(feedUrl);

    const first = await subscribe(webcalUrl!);
    expect(first.status).toBe(200);
    expect(first.type).toMatch(/^text\/calendar/);
    const host = new URL(h.baseUrl).host;
    expect(fieldOf(first.text, 'UID')).toEqual([`meeting-${meetingId}@${host}`]);
    expect(fieldOf(first.text, 'SEQUENCE')).toEqual(['0']);
    expect(fieldOf(first.text, 'STATUS')).toEqual(['CONFIRMED']);
    expect(fieldOf(first.text, 'TRIGGER')).toEqual(['-PT5M']);
    // The download is the same calendar.
    const download = await fetch(`${h.baseUrl}/api/agenda.ics`, { headers: { cookie } });
    expect(fieldOf(await download.text(), 'UID')).toEqual([`meeting-${meetingId}@${host}`]);

    await call(organizer, 'meeting:move', { meetingId, slotStart: at('15:20'), table: 'B' });
    const moved = await subscribe(feedUrl!);
    expect(fieldOf(moved.text, 'UID')).toEqual([`meeting-${meetingId}@${host}`]);
    expect(fieldOf(moved.text, 'SEQUENCE')).toEqual(['1']);
    expect(fieldOf(moved.text, 'DTSTART')[0]).toBe(
      new Date(at('15:20')).toISOString().replace(/[-:]/g, '').replace('.000', ''),
    );

    clock += 60_000;
    await call(organizer, 'meeting:cancel', { meetingId });
    const cancelled = await subscribe(feedUrl!);
    expect(fieldOf(cancelled.text, 'UID')).toEqual([`meeting-${meetingId}@${host}`]);
    expect(fieldOf(cancelled.text, 'SEQUENCE')).toEqual(['2']);
    expect(fieldOf(cancelled.text, 'STATUS')).toEqual(['CANCELLED']);
    expect(fieldOf(cancelled.text, 'TRIGGER')).toEqual([]);
  });

  it('stops the old address when the person renews or revokes it, and when an organizer revokes it', async () => {
    const firm = h.person('firm', 0);
    const cookie = await h.signIn(firm.url);
    const first = (await api<CalendarFeedView>('/api/calendar-feed', cookie, {})).data.feedUrl!;
    expect((await subscribe(first)).status).toBe(200);

    const second = (await api<CalendarFeedView>('/api/calendar-feed', cookie, {})).data.feedUrl!;
    expect(second).not.toBe(first);
    expect((await subscribe(first)).status).toBe(404);
    expect((await subscribe(second)).status).toBe(200);

    const revoked = await api<{ revoked: boolean; view: CalendarFeedView }>('/api/calendar-feed/revoke', cookie, {});
    expect(revoked.data).toMatchObject({ revoked: true, view: { feedUrl: null } });
    expect((await subscribe(second)).status).toBe(404);

    const third = (await api<CalendarFeedView>('/api/calendar-feed', cookie, {})).data.feedUrl!;
    const organizerCookie = await h.signIn(h.person('organizer').url);
    const personId = h.store.listPeople(h.eventId).find((p) => p.name === firm.name)!.id;
    const byOrganizer = await api<{ revoked: boolean }>('/api/calendar-feed/revoke', organizerCookie, { personId });
    expect(byOrganizer).toEqual({ status: 200, data: { revoked: true } });
    expect((await subscribe(third)).status).toBe(404);
    expect((await api<CalendarFeedView>('/api/calendar-feed', cookie)).data.feedUrl).toBeNull();

    // A token a byte off, or no token, is no calendar either; nor does the feed need or take a cookie.
    expect((await subscribe(`${h.baseUrl}/cal/${'A'.repeat(44)}.ics`)).status).toBe(404);
    expect((await subscribe(`${h.baseUrl}/cal/x.ics`)).status).toBe(404);
    // An organizer has no agenda, so no subscription of their own.
    expect((await api('/api/calendar-feed', organizerCookie, {})).status).toBe(403);
  });
});
