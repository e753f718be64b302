/**
 * The booking window over a real socket and HTTP: an organizer sets the date, phones hear it, a
 * firm's request and a venture's acceptance are refused before it (booking-not-open, with the
 * date), organizers book all the same, and from the date firms ask and book ahead of the day.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GridSettings } from '../../shared/model.js';
import { zonedTime } from '../domain/slots.js';
import { call, nextFact, snapshotOf, startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
let clock = 0;
const key = () => randomUUID().replaceAll('-', '');
const DAY = 24 * 3600_000;
/** The calendar date `days` from the event's, YYYY-MM-DD. */
const dayFrom = (days: number) =>
  new Date(Date.parse(`${h.store.getEvent(h.eventId)!.date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const tokyo = (date: string, time: string) => zonedTime(date, time, 'Asia/Tokyo');

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
  clock = tokyo(dayFrom(-14), '09:00'); // two weeks before the day
});
afterEach(async () => {
  await h.stop();
});

async function setWindow(cookie: string, bookingOpensOn: string | null) {
  const res = await fetch(`${h.baseUrl}/api/event/booking-window`, {
    method: 'POST',
    headers: { cookie, origin: h.baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ bookingOpensOn }),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; data?: unknown; error?: unknown } };
}

describe('the booking window', () => {
  it('refuses requests and acceptances before its date, never the organizers, and opens at midnight of the date', async () => {
    const organizerCookie = await h.signIn(h.person('organizer').url);
    const organizer = await h.connectAs(h.person('organizer').url);
    await call(organizer, 'grid:save', GRID);
    const firm = await h.connectAs(h.person('firm', 0).url);
    const venture = await h.connectAs(h.person('venture', 0).url);
    const ventureId = (await snapshotOf(venture)).viewer;
    if (ventureId.kind !== 'person' || !ventureId.org) throw new Error('no venture');

    const opensOn = dayFrom(-7);
    const heard = nextFact(firm, 'program:changed', (f) => f.event.bookingOpensOn === opensOn);
    expect(await setWindow(organizerCookie, opensOn)).toEqual({
      status: 200,
      body: { ok: true, data: { bookingOpensOn: opensOn } },
    });
    await heard;
    expect((await snapshotOf(firm)).event.bookingOpensOn).toBe(opensOn);

    const [, month, day] = opensOn.split('-').map(Number);
    const early = await call(firm, 'meeting:request', { toOrgId: ventureId.org.id, message: '', key: key() });
    expect(early).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', reason: 'booking-not-open', params: { date: opensOn, month, day } },
    });

    // Organizers are never held back: they book by hand before the window opens.
    const snap = await snapshotOf(organizer);
    const otherVenture = snap.ventures.find((v) => v.id !== ventureId.org!.id)!;
    const firmOrg = (await snapshotOf(firm)).viewer;
    if (firmOrg.kind !== 'person' || !firmOrg.org) throw new Error('no firm');
    const booked = await call(organizer, 'meeting:book', {
      guestOrgId: firmOrg.org.id,
      ventureOrgId: otherVenture.id,
      slotStart: tokyo(dayFrom(0), '15:00'),
      table: 'A',
      key: key(),
    });
    expect(booked.ok).toBe(true);

    // A minute before midnight of the date: still closed; at midnight, open, weeks ahead of the day.
    clock = tokyo(opensOn, '00:00') - 60_000;
    expect(await call(firm, 'meeting:request', { toOrgId: ventureId.org.id, message: '', key: key() })).toMatchObject({
      ok: false,
      error: { reason: 'booking-not-open' },
    });
    clock = tokyo(opensOn, '00:00');
    const asked = await call(firm, 'meeting:request', { toOrgId: ventureId.org.id, message: '相談したい', key: key() });
    if (!asked.ok) throw new Error(asked.error.message);

    // Set back to a later date: the venture's acceptance (a booking) is refused; a decline is not held back.
    expect((await setWindow(organizerCookie, dayFrom(-1))).status).toBe(200);
    const accept = await call(venture, 'meeting:respond', { requestId: asked.data.id, accept: true });
    expect(accept).toMatchObject({ ok: false, error: { reason: 'booking-not-open' } });

    // Cleared: open again, and the acceptance books the firm's next free place on the day.
    expect((await setWindow(organizerCookie, null)).status).toBe(200);
    expect((await snapshotOf(firm)).event.bookingOpensOn).toBeUndefined();
    const accepted = await call(venture, 'meeting:respond', { requestId: asked.data.id, accept: true });
    expect(accepted).toMatchObject({ ok: true, data: { meeting: { slotStart: tokyo(dayFrom(0), '15:20') } } });
  });

  it('refuses a date after the event’s day, or one that is no date, and lets only organizers set it', async () => {
    const organizerCookie = await h.signIn(h.person('organizer').url);
    expect(await setWindow(organizerCookie, dayFrom(1))).toMatchObject({
      status: 400,
      body: {
        ok: false,
        error: { reason: 'booking-opens-after-event', params: { date: dayFrom(1), eventDate: dayFrom(0) } },
      },
    });
    expect(await setWindow(organizerCookie, '2026-02-30')).toMatchObject({
      status: 400,
      body: { error: { reason: 'validation' } },
    });
    expect(h.store.getEvent(h.eventId)!.bookingOpensOn).toBeUndefined();
    const firmCookie = await h.signIn(h.person('firm', 0).url);
    expect((await setWindow(firmCookie, dayFrom(-3))).status).toBe(403);
  });
});
