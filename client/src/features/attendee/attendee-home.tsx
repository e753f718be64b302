import { Countdown } from '../../components/countdown';
import { useLivePitch } from '../../hooks/use-live-pitch';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { useTap } from './use-tap';

/** A local firm's (or partner's) phone: who is pitching now, and one-thumb interest. */
export function AttendeeHome() {
  const t = useT();
  const live = useLivePitch();
  const status = live?.live.status;
  const ventureId = live?.venture?.id;
  const mine = useEventStore((s) => (ventureId ? s.myInterests[ventureId] : undefined));
  const { tap, feedback } = useTap();

  if (!live?.pitch || !live.venture || !ventureId) {
    return (
      <main className="page">
        <section className="card card--empty" aria-label={t('now.title')}>
          <p>{status === 'ended' ? t('now.ended') : t('now.none')}</p>
        </section>
      </main>
    );
  }

  return (
    <main className="page">
      <section className="card now-card" aria-labelledby="now-title">
        <p className="now-card__eyebrow" id="now-title">
          {t('now.title')}
        </p>
        <h1 className="now-card__venture">{live.venture.name}</h1>
        <p className="now-card__pitch">{live.pitch.title}</p>
        <Countdown live={live.live} durationSec={live.pitch.durationSec} />
        <div className="tap-row">
          <button
            type="button"
            className="tap tap--interested"
            aria-pressed={mine?.level === 'interested'}
            onClick={() => void tap(ventureId, 'interested')}
          >
            {t('interest.interested')}
          </button>
          <button
            type="button"
            className="tap tap--meet"
            aria-pressed={mine?.level === 'want-to-meet'}
            onClick={() => void tap(ventureId, 'want-to-meet')}
          >
            {t('interest.wantToMeet')}
          </button>
        </div>
        <p className="tap-feedback" role="status" aria-live="polite">
          {feedback?.kind === 'sent' && t(`interest.sent.${feedback.level}`)}
          {feedback?.kind === 'undone' && t('interest.undone')}
          {feedback?.kind === 'failed' && t('interest.failed', { message: feedback.message })}
        </p>
        <p className="hint">{t('interest.privacy')}</p>
      </section>
    </main>
  );
}
