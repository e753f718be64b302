import { Countdown } from '../../components/countdown';
import { useLivePitch } from '../../hooks/use-live-pitch';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';

/**
 * A venture's sticky line: who is on stage now, and while it is this venture, its own clock and
 * the room's interest, so a presenter glancing at the phone mid-pitch needs no scrolling.
 */
export function VentureLiveBar() {
  const t = useT();
  const live = useLivePitch();
  const orgId = useEventStore((s) => (s.viewer?.kind === 'person' ? s.viewer.org?.id : undefined));
  const count = useEventStore((s) => (orgId ? s.counts[orgId] : undefined));
  if (!live?.pitch || !live.venture) {
    return (
      <section className="live-bar live-bar--idle" aria-label={t('now.title')}>
        <p className="live-bar__idle">{live?.live.status === 'ended' ? t('now.ended') : t('now.none')}</p>
      </section>
    );
  }
  const mine = live.venture.id === orgId;
  return (
    <section className={`live-bar ${mine ? 'live-bar--mine' : ''}`} aria-label={t('now.title')}>
      <div className="live-bar__head">
        <p className="live-bar__eyebrow">{mine ? t('venture.onStage') : t('now.title')}</p>
        <Countdown live={live.live} durationSec={live.pitch.durationSec} className="countdown--bar" />
      </div>
      {mine ? (
        <p className="live-bar__figures">
          {t('venture.summary', { total: count?.total ?? 0, meet: count?.wantToMeet ?? 0 })}
        </p>
      ) : (
        <p className="live-bar__venture">{live.venture.name}</p>
      )}
    </section>
  );
}
