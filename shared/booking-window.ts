/**
 * The booking window's date rule, one copy for the server (server/domain/booking-window.ts, which
 * refuses requests before it) and the phone (client/src/hooks/use-booking-window.ts, which shows
 * when requests open instead of buttons the server would refuse). Pure: the date, the zone and
 * "now" come in, so both sides agree whenever their clocks do (the phone uses the server's).
 */

/** Today's calendar date in the event's time zone, YYYY-MM-DD. */
export function localDate(now: number, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export interface BookingWindow {
  /** YYYY-MM-DD in the event's zone, or null (open). */
  bookingOpensOn?: string | null | undefined;
  /** The event's own date: the day itself is always open, whatever the setting says. */
  date: string;
  timeZone: string;
}

/** Whether requests and bookings are open at `now`. No date set: open, as before the setting existed. */
export function bookingOpen(event: BookingWindow, now: number): boolean {
  const opens = event.bookingOpensOn;
  if (!opens) return true;
  const today = localDate(now, event.timeZone);
  // ISO dates compare as text.
  return today >= opens || today >= event.date;
}
