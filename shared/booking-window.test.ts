/** The booking window's shared date rule: the day it opens is the event's zone's, and the event's own day is always open. */
import { describe, expect, it } from 'vitest';
import { bookingOpen, localDate } from './booking-window.js';

const event = { bookingOpensOn: '2026-11-20', date: '2026-12-04', timeZone: 'Asia/Tokyo' };

describe('the booking window rule', () => {
  it('opens at midnight in the event’s zone, not the machine’s', () => {
    expect(localDate(Date.UTC(2026, 10, 19, 14, 59), 'Asia/Tokyo')).toBe('2026-11-19');
    expect(localDate(Date.UTC(2026, 10, 19, 15, 0), 'Asia/Tokyo')).toBe('2026-11-20');
    expect(bookingOpen(event, Date.UTC(2026, 10, 19, 14, 59))).toBe(false);
    expect(bookingOpen(event, Date.UTC(2026, 10, 19, 15, 0))).toBe(true);
  });

  it('is open with no date, and on the event’s day whatever the date says', () => {
    expect(bookingOpen({ ...event, bookingOpensOn: null }, Date.UTC(2026, 0, 1))).toBe(true);
    expect(bookingOpen({ ...event, bookingOpensOn: '2026-12-31' }, Date.UTC(2026, 11, 3, 15, 0))).toBe(true);
    expect(bookingOpen({ ...event, bookingOpensOn: '2026-12-31' }, Date.UTC(2026, 11, 3, 14, 59))).toBe(false);
  });
});
