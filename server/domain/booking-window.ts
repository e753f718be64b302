/**
 * The booking window (b2match opens booking 2–3 weeks before the day): from the date an organizer
 * sets, firms, partners and ventures may ask for meetings and book them ahead of the day; before
 * it, they are refused and their phones say when it opens. No date: open, as before the setting
 * existed. Pure: the date, the zone and "now" come in. Organizers are never held back: their
 * commands never ask this. The date rule (localDate, bookingOpen) is shared/booking-window.ts.
 */
import { bookingOpen, type BookingWindow } from '../../shared/booking-window.js';
import { accept, refuse, type Result } from './result.js';

// The date rule itself is shared with the phone's hook (one implementation): re-exported for callers here.
export { bookingOpen, localDate, type BookingWindow } from '../../shared/booking-window.js';

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the date is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(date: string): boolean {
  const m = YMD.exec(date);
  if (!m) return false;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(at).toISOString().slice(0, 10) === date;
}

/** Refuses a request or booking before the window opens, saying the date (and its month and day for the phone). */
export function bookingWindowOpen(event: BookingWindow, now: number): Result<true> {
  if (bookingOpen(event, now)) return accept(true);
  const date = event.bookingOpensOn!;
  const [, , month, day] = YMD.exec(date) ?? [];
  return refuse('booking-not-open', `Meeting requests open on ${date}.`, {
    date,
    month: Number(month),
    day: Number(day),
  });
}

/** A problem with a date an organizer sets, or null: a real date, not after the event's own day. */
export function bookingOpensProblem(opensOn: string, eventDate: string): Result<true> {
  if (!isCalendarDate(opensOn))
    return refuse('validation', `"${opensOn}" is not a date.`, { field: 'bookingOpensOn', problem: 'invalid_format' });
  if (opensOn > eventDate) {
    return refuse('booking-opens-after-event', `Booking cannot open after the event’s day (${eventDate}).`, {
      date: opensOn,
      eventDate,
    });
  }
  return accept(true);
}
