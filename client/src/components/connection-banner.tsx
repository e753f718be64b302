import type { EventInfo } from '../../../shared/model';
import { formatTime } from '../lib/format';
import { useConnection } from '../stores/connection-store';
import { useEventStore } from '../stores/event-store';
import { useT } from '../stores/language-store';
import { useOfflineCopy } from '../stores/offline-copy';

/**
 * "14:02" on the event's day, else "11/29 14:02": a view saved the day before (when the phone first
 * opened the app) must not pass for the day's.
 */
function updatedAtText(at: number, event: EventInfo | null): string {
  const timeZone = event?.timeZone ?? 'Asia/Tokyo';
  // en-CA writes a date as YYYY-MM-DD, the form of EventInfo.date.
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(at);
  if (day === event?.date) return formatTime(at, timeZone);
  const date = new Intl.DateTimeFormat('ja-JP', { timeZone, month: 'numeric', day: 'numeric' }).format(at);
  return `${date} ${formatTime(at, timeZone)}`;
}

/**
 * Says so when the app is not live: offline, reconnecting, or out of date; and, when what is on
 * screen is the last known view rather than a live one, since when.
 */
export function ConnectionBanner() {
  const t = useT();
  const status = useConnection((s) => s.status);
  const updatedAt = useOfflineCopy((s) => s.updatedAt);
  const event = useEventStore((s) => s.event);
  if (status === 'online' || status === 'unauthenticated') return null;
  const text =
    status === 'offline'
      ? t('conn.offline')
      : status === 'outdated'
        ? t('conn.outdated')
        : status === 'connecting'
          ? t('conn.connecting')
          : t('conn.reconnecting');
  return (
    <div className={`banner banner--${status}`} role="status" aria-live="polite">
      <span className="banner__lines">
        <span>{text}</span>
        {updatedAt !== null && status !== 'outdated' && (
          <span className="banner__since">{t('conn.lastUpdated', { time: updatedAtText(updatedAt, event) })}</span>
        )}
      </span>
      {status === 'outdated' && (
        <button type="button" className="banner__action" onClick={() => location.reload()}>
          {t('conn.reload')}
        </button>
      )}
    </div>
  );
}
