import { useEffect, useState } from 'react';
import { ErrorCode } from '../../../../shared/errors';
import { formatTime } from '../../lib/format';
import { describeError } from '../../lib/refusal';
import { useEventStore } from '../../stores/event-store';
import { useT, type Translate } from '../../stores/language-store';
import type { Judged } from './door-judge';
import type { DoorResult } from './scan-queue';

const SHOW_MS = 1500;

export type Tone = 'ok' | 'already' | 'refused' | 'queued';

export interface DoorResultText {
  tone: Tone;
  title: string;
  lines: string[];
}

/**
 * The answer to a scan, full screen and readable at arm's length: green checked in, amber already
 * (with when and where), red not a valid badge, blue saved offline. The station's own judgement
 * shows at once; the server's answer replaces it only when it says otherwise. It clears itself so
 * the next badge can be scanned within a second and a half; a new scan replaces it at once.
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

  const { tone, title, lines } = describeDoorResult(t, result, timeZone);
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

/** What a result says: the station's own judgement and the server's answer in the same words. */
export function describeDoorResult(t: Translate, result: DoorResult, timeZone: string): DoorResultText {
  switch (result.kind) {
    case 'queued':
      return { tone: 'queued', title: t('checkin.queued'), lines: [t('checkin.queuedHint')] };
    case 'refused': {
      // The title names a badge problem only when it is one; any other refusal says why below it.
      const code = result.error.code;
      const title =
        code === ErrorCode.BadgeRevoked
          ? t('checkin.revoked')
          : code === ErrorCode.UnknownBadge
            ? t('checkin.unknown')
            : t('checkin.refused');
      return { tone: 'refused', title, lines: [describeError(t, result.error)] };
    }
    case 'local': {
      const text = localAnswer(t, result.judgement, timeZone);
      if (result.offline) text.lines.push(t('checkin.decidedOffline'));
      return text;
    }
    case 'answer': {
      const { person, checkin, outcome } = result.answer;
      const lines = [person.name, person.orgName ?? ''];
      if (outcome === 'checked-in') return { tone: 'ok', title: t('checkin.ok'), lines };
      lines.push(t('checkin.alreadyAt', { time: formatTime(checkin.at, timeZone), station: checkin.station }));
      return { tone: 'already', title: t('checkin.already'), lines };
    }
  }
}

function localAnswer(t: Translate, judgement: Judged, timeZone: string): DoorResultText {
  switch (judgement.outcome) {
    case 'checked-in':
      return { tone: 'ok', title: t('checkin.ok'), lines: [judgement.person.name, judgement.person.orgName ?? ''] };
    case 'already': {
      const { person, checkin, waiting } = judgement;
      const time = formatTime(checkin.at, timeZone);
      const where = waiting
        ? t('checkin.alreadyHere', { time, station: checkin.station })
        : t('checkin.alreadyAt', { time, station: checkin.station });
      return { tone: 'already', title: t('checkin.already'), lines: [person.name, person.orgName ?? '', where] };
    }
    // The same lines as the server's refusal, so the staff read one answer whoever decided it.
    case 'revoked':
      return {
        tone: 'refused',
        title: t('checkin.revoked'),
        lines: [t('checkin.revokedOf', { name: judgement.person.name }), t('refusal.badge-revoked')],
      };
    case 'unknown':
      return { tone: 'refused', title: t('checkin.unknown'), lines: [t('refusal.badge-unknown')] };
  }
}
