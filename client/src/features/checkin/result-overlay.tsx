import { useEffect, useState } from 'react';
import { ErrorCode } from '../../../../shared/errors';
import { formatTime } from '../../lib/format';
import { describeError } from '../../lib/refusal';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import type { DoorResult } from './scan-queue';

const SHOW_MS = 1500;

/**
 * The answer to a scan, full screen and readable at arm's length: green checked in, amber already
 * (with when and where), red not a valid badge, blue saved offline. It clears itself so the next
 * badge can be scanned within a second and a half; a new scan replaces it at once.
 */
export function ResultOverlay({ result }: { result: DoorResult | null }) {
  const t = useT();
  const timeZone = useEventStore((s) => s.event?.timeZone ?? 'Asia/Tokyo');
  const [hidden, setHidden] = useState<string | null>(null);
  useEffect(() => {
    if (!result) return;
    const timer = setTimeout(() => setHidden(result.key), SHOW_MS);
    return () => clearTimeout(timer);
  }, [result]);
  if (!result || hidden === result.key) return null;

  let tone: 'ok' | 'already' | 'refused' | 'queued';
  let title: string;
  let lines: string[] = [];
  if (result.kind === 'queued') {
    tone = 'queued';
    title = t('checkin.queued');
    lines = [t('checkin.queuedHint')];
  } else if (result.kind === 'refused') {
    tone = 'refused';
    // The title names a badge problem only when it is one; any other refusal says why below it.
    const code = result.error.code;
    title =
      code === ErrorCode.BadgeRevoked
        ? t('checkin.revoked')
        : code === ErrorCode.UnknownBadge
          ? t('checkin.unknown')
          : t('checkin.refused');
    lines = [describeError(t, result.error)];
  } else {
    const { person, checkin, outcome } = result.answer;
    tone = outcome === 'checked-in' ? 'ok' : 'already';
    title = outcome === 'checked-in' ? t('checkin.ok') : t('checkin.already');
    lines = [person.name, person.orgName ?? ''];
    if (outcome === 'already')
      lines.push(t('checkin.alreadyAt', { time: formatTime(checkin.at, timeZone), station: checkin.station }));
  }
  return (
    <div className={`door-result door-result--${tone}`} role="alert" onClick={() => setHidden(result.key)}>
      <p className="door-result__title">{title}</p>
      {lines.filter(Boolean).map((line) => (
        <p key={line} className="door-result__line">
          {line}
        </p>
      ))}
    </div>
  );
}
