import { useEffect, useRef } from 'react';
import { formatTime } from '../../lib/format';
import { useServerNow } from '../../hooks/use-now';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { alertNews, type Seen } from './alert-news';

const REMIND_MS = 5 * 60_000;
const BUZZ_MS = [120, 80, 120];

/** A short buzz where the browser allows it (Android Chrome does; iOS Safari has no vibrate). */
function buzz(): void {
  if (typeof navigator.vibrate === 'function') navigator.vibrate(BUZZ_MS);
}

/**
 * The top of a firm's or venture's phone: requests waiting for an answer, with their count, and
 * the next meeting's time and table. The phone buzzes when a request or a meeting arrives, not for
 * what was already there when the page opened. The full lists are further down (`MeetingsPanel`).
 */
export function MeetingsAlert() {
  const t = useT();
  const myOrg = useEventStore((s) => (s.viewer?.kind === 'person' ? s.viewer.org?.id : undefined));
  const requests = useEventStore((s) => s.requests);
  const meetings = useEventStore((s) => s.meetings);
  const timeZone = useEventStore((s) => s.event?.timeZone ?? 'Asia/Tokyo');
  const now = useServerNow(true, 15_000);
  const waiting = requests.filter((r) => r.toOrgId === myOrg && r.status === 'pending').length;
  // Proposals of 「自動で組む」 waiting for this side's answer are something to act on, not yet a meeting.
  const proposed = meetings.filter(
    (m) =>
      m.status === 'scheduled' &&
      m.proposal &&
      !(m.guestOrgId === myOrg ? m.proposal.guestConfirmed : m.proposal.ventureConfirmed),
  ).length;
  const next = meetings
    .filter((m) => m.status === 'scheduled' && !m.proposal && m.slotEnd > now)
    .sort((a, b) => a.slotStart - b.slotStart)[0];

  // By id, not by count: see `alertNews`.
  const seen = useRef<Seen | null>(null);
  useEffect(() => {
    const news = alertNews(seen.current, myOrg, requests, meetings);
    seen.current = news.seen;
    if (news.buzz) buzz();
  }, [myOrg, requests, meetings]);

  if (!myOrg || (waiting === 0 && proposed === 0 && !next)) return null;
  const soon = next && next.slotStart - now <= REMIND_MS;
  return (
    <section className="meet-alert" aria-label={t('alert.title')}>
      {waiting > 0 && (
        <p className="meet-alert__line meet-alert__line--new" role="status">
          <span>{t('alert.newRequests', { count: waiting })}</span>
          <button
            type="button"
            className="link-button"
            onClick={() => document.getElementById('incoming')?.scrollIntoView({ block: 'center' })}
          >
            {t('alert.see')}
          </button>
        </p>
      )}
      {proposed > 0 && (
        <p className="meet-alert__line meet-alert__line--new" role="status">
          <span>{t('alert.proposals', { count: proposed })}</span>
          <button
            type="button"
            className="link-button"
            onClick={() => document.getElementById('agenda')?.scrollIntoView({ block: 'center' })}
          >
            {t('alert.see')}
          </button>
        </p>
      )}
      {next && (
        <p className={`meet-alert__line ${soon ? 'meet-alert__line--soon' : ''}`} role={soon ? 'alert' : undefined}>
          <span>
            {t(soon ? 'meet.soon' : 'alert.next', {
              time: formatTime(next.slotStart, timeZone),
              table: next.table,
              org: next.guestOrgId === myOrg ? next.ventureOrgName : next.guestOrgName,
            })}
          </span>
          <button
            type="button"
            className="link-button"
            onClick={() => document.getElementById('agenda')?.scrollIntoView({ block: 'center' })}
          >
            {t('alert.see')}
          </button>
        </p>
      )}
    </section>
  );
}
