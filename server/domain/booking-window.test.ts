/** The booking window's rule on fixed dates, in Tokyo and in a zone with DST. */
import { describe, expect, it } from 'vitest';
import { bookingOpen, bookingOpensProblem, bookingWindowOpen, localDate } from './booking-window.js';
import { zonedTime } from './slots.js';

const event = { date: '2026-12-10', timeZone: 'Asia/Tokyo', bookingOpensOn: '2026-11-20' };
const tokyo = (date: string, time: string) => zonedTime(date, time, 'Asia/Tokyo');

describe('the booking window', () => {
  it('opens at midnight of its date in the event’s zone, not in UTC', () => {
    expect(bookingOpen(event, tokyo('2026-11-19', '23:59'))).toBe(false);
    expect(bookingOpen(event, tokyo('2026-11-20', '00:00'))).toBe(true);
    // 2026-11-19 15:00 UTC is already the 20th in Tokyo.
    expect(localDate(Date.UTC(2026, 10, 19, 15, 0), 'Asia/Tokyo')).toBe('2026-11-20');
    expect(bookingOpen(event, Date.UTC(2026, 10, 19, 14, 59))).toBe(false);
    expect(bookingOpen(event, Date.UTC(2026, 10, 19, 15, 0))).toBe(true);
  });

  it('is open with no date set, and on the event’s own day whatever the setting says', () => {
    expect(bookingOpen({ ...event, bookingOpensOn: null }, tokyo('2026-01-01', '09:00'))).toBe(true);
    expect(bookingOpen({ ...event, bookingOpensOn: undefined }, tokyo('2026-01-01', '09:00'))).toBe(true);
    expect(bookingOpen({ ...event, bookingOpensOn: '2026-12-31' }, tokyo('2026-12-10', '09:00'))).toBe(true);
  });

  it('refuses before it opens with the date, its month and day', () => {
    expect(bookingWindowOpen(event, tokyo('2026-11-01', '12:00'))).toEqual({
      ok: false,
      error: expect.objectContaining({
        reason: 'booking-not-open',
        params: { date: '2026-11-20', month: 11, day: 20 },
      }),
    });
    expect(bookingWindowOpen(event, tokyo('2026-11-21', '12:00'))).toEqual({ ok: true, value: true });
  });

  it('takes a real date, not after the event’s day', () => {
    expect(bookingOpensProblem('2026-11-20', '2026-12-10').ok).toBe(true);
    expect(bookingOpensProblem('2026-12-10', '2026-12-10').ok).toBe(true);
    expect(bookingOpensProblem('2026-02-30', '2026-12-10')).toMatchObject({
      ok: false,
      error: { reason: 'validation' },
    });
    expect(bookingOpensProblem('2026-12-11', '2026-12-10')).toMatchObject({
      ok: false,
      error: { reason: 'booking-opens-after-event', params: { date: '2026-12-11', eventDate: '2026-12-10' } },
    });
  });
});
