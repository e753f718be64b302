/**
 * Whether the event's booking window (EventInfo.bookingOpensOn) is still closed for this phone, and
 * the date it opens: the server's own rule (shared/booking-window.ts, which server/domain/
 * booking-window.ts uses too), on the server's clock, so the phone shows 「面談の申込は M月D日から」 instead of buttons the server would refuse.
 * Organizers are never held back.
 */
import { bookingOpen } from '../../../shared/booking-window';
import { useEventStore } from '../stores/event-store';
import { useServerNow } from './use-now';

/** The opening date's month and day while closed; null when requests are open. */
export function useBookingClosed(): { month: number; day: number } | null {
  const event = useEventStore((s) => s.event);
  const organizer = useEventStore((s) => s.viewer?.kind === 'person' && s.viewer.role === 'organizer');
  const opens = event?.bookingOpensOn;
  // Re-read each minute while a date is set: the page opens by itself at midnight.
  const now = useServerNow(Boolean(opens) && !organizer, 60_000);
  if (!event || !opens || organizer) return null;
  if (bookingOpen(event, now)) return null;
  const [, month, day] = opens.split('-').map(Number);
  return { month: month ?? 0, day: day ?? 0 };
}
