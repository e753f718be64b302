import { Countdown } from '../../components/countdown';
import { useLivePitch } from '../../hooks/use-live-pitch';
import { useT } from '../../stores/language-store';
import { InterestPanel } from './interest-panel';
import { RefusedTaps } from './refused-taps';
import { VentureDirectory } from './venture-directory';

/** A local firm's (or partner's) phone: who is pitching now with one-thumb interest, and the directory. */
export function AttendeeHome() {
  const t = useT();
  const live = useLivePitch();
  const status = live?.live.status;

  return (
    <main className="page">
      <RefusedTaps />
      {live?.pitch && live.venture ? (
        <section className="card now-card" aria-labelledby="now-title">
          <p className="now-card__eyebrow" id="now-title">
            {t('now.title')}
          </p>
          <h1 className="now-card__venture">{live.venture.name}</h1>
          <p className="now-card__pitch">{live.pitch.title}</p>
          <Countdown live={live.live} durationSec={live.pitch.durationSec} />
          {/* Keyed by venture: a new pitch starts with a fresh panel, not the last one's draft. */}
          <InterestPanel key={live.venture.id} ventureId={live.venture.id} ventureName={live.venture.name} />
        </section>
      ) : (
        <section className="card card--empty" aria-label={t('now.title')}>
          <p>{status === 'ended' ? t('now.ended') : t('now.none')}</p>
        </section>
      )}
      <VentureDirectory />
    </main>
  );
}
