import { useEffect, useState } from 'react';
import { formatTime } from '../../lib/format';
import { useConnection } from '../../stores/connection-store';
import { useEventStore } from '../../stores/event-store';
import type { MessageKey } from '../../lib/messages';
import { useT, type Translate } from '../../stores/language-store';
import { useOfflineCopy } from '../../stores/offline-copy';
import { backlogView } from './backlog';
import type { Judged } from './door-judge';
import { describeDoorResult } from './result-overlay';
import { useDoorQueue } from './scan-queue';

/** Re-renders now and then, so "offline for long" turns on without a new scan. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * The station's backlog: how many check-ins wait to be sent and when it was last in step with the
 * server (「送信待ち 3件・最終同期 14:02」). Shown while anything waits or the connection is lost;
 * large when it has been offline for a while.
 */
export function DoorBacklog() {
  const t = useT();
  const pending = useDoorQueue((s) => s.queue.length);
  const status = useConnection((s) => s.status);
  const offsetMs = useConnection((s) => s.offsetMs);
  // In the server's time: when the server was last heard, or (after a reload offline) when the copy
  // on screen was current.
  const heardAt = useConnection((s) => s.heardAt);
  const copyAt = useOfflineCopy((s) => s.updatedAt);
  const timeZone = useEventStore((s) => s.event?.timeZone ?? 'Asia/Tokyo');
  const clock = useMinuteClock();
  const view = backlogView({ pending, status, heardAt, copyAt, now: clock + offsetMs });
  if (!view.show) return null;
  const { syncedAt, long } = view;
  const text =
    syncedAt === null
      ? t('checkin.pending', { count: pending })
      : t('checkin.backlog', { count: pending, time: formatTime(syncedAt, timeZone) });
  return (
    <div className={long ? 'door-backlog door-backlog--long' : 'door-backlog'} role="status">
      {long && <p className="door-backlog__title">{t('checkin.offlineLong')}</p>}
      <p className="door-backlog__line">{text}</p>
    </div>
  );
}

/** Earlier scans the server answered otherwise than the station had shown (a double, a stale copy). */
export function DoorCorrections() {
  const t = useT();
  const corrections = useDoorQueue((s) => s.corrections);
  const timeZone = useEventStore((s) => s.event?.timeZone ?? 'Asia/Tokyo');
  if (corrections.length === 0) return null;
  return (
    <section className="card" aria-labelledby="door-corrections-title">
      <h2 className="card__title" id="door-corrections-title">
        {t('checkin.corrections')}
      </h2>
      <ul className="door-corrections">
        {corrections.map(({ key, judged, result }) => {
          const said = describeDoorResult(t, result, timeZone);
          return (
            <li key={key} className={`door-correction door-correction--${said.tone}`}>
              <strong>{said.title}</strong> {said.lines.filter(Boolean).join(' · ')}
              <span className="muted"> {t('checkin.correctionShown', { shown: shownTitle(t, judged) })}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

const SHOWN: Record<Judged['outcome'], MessageKey> = {
  'checked-in': 'checkin.ok',
  already: 'checkin.already',
  revoked: 'checkin.revoked',
  unknown: 'checkin.unknown',
};

function shownTitle(t: Translate, judged: Judged['outcome']): string {
  return t(SHOWN[judged]);
}
