import { DOOR_QUEUE_KEY, waitingIn } from '../../lib/outbox';
import { useT } from '../../stores/language-store';

/**
 * Shown to a browser with no session: how to sign in. A station signed out with check-ins still
 * unsent (its reception link revoked or ended) says so: they stay on the device and go up once an
 * organizer signs in on it, rather than being dropped unseen.
 */
export function WelcomePage() {
  const t = useT();
  const unsent = waitingIn(DOOR_QUEUE_KEY);
  return (
    <main className="page">
      <section className="card card--welcome">
        <h1 className="card__title">{t('welcome.title')}</h1>
        <p>{t('welcome.body')}</p>
      </section>
      {unsent > 0 && (
        <p className="notice" role="alert">
          {t('welcome.unsentCheckins', { count: unsent })}
        </p>
      )}
    </main>
  );
}
