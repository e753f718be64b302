import { useT } from '../../stores/language-store';

/** Shown to a browser with no session: how to sign in. */
export function WelcomePage() {
  const t = useT();
  return (
    <main className="page">
      <section className="card card--welcome">
        <h1 className="card__title">{t('welcome.title')}</h1>
        <p>{t('welcome.body')}</p>
      </section>
    </main>
  );
}
