import { remainingMs } from '../../../shared/live';
import type { LiveState } from '../../../shared/model';
import { useServerNow } from '../hooks/use-now';
import { useT } from '../stores/language-store';

function format(ms: number): string {
  const total = Math.ceil(Math.abs(ms) / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** The live pitch's time left on the server's clock, the same on every screen. */
export function Countdown({
  live,
  durationSec,
  className,
}: {
  live: LiveState;
  durationSec: number;
  className?: string;
}) {
  const t = useT();
  const now = useServerNow(live.status === 'running');
  const left = remainingMs(live, durationSec, now);
  const over = left < 0;
  return (
    <div
      className={`countdown ${over ? 'countdown--over' : ''} ${className ?? ''}`}
      role="timer"
      aria-label={t('now.remaining')}
    >
      <span className="countdown__label">
        {over ? t('now.overtime') : live.status === 'paused' ? t('now.paused') : t('now.remaining')}
      </span>
      <span className="countdown__value">
        {over ? '+' : ''}
        {format(left)}
      </span>
    </div>
  );
}
