/**
 * The organizer's privacy card on the settings page (issue 19, APPI): the notice attendees see at
 * their first sign-in (Japanese and English; empty stands for the app's default), who to ask, how
 * many days after the event personal data is kept, how many have read the current version, the
 * purge once it is due (「今すぐ匿名化」; a timer does it anyway), and erasing the whole event with
 * its name typed as the confirmation.
 */
import { useCallback, useState } from 'react';
import type { Ack } from '../../../shared/errors';
import type { EventErased, PrivacySettingsView } from '../../../shared/privacy';
import { useJson } from '../hooks/use-json';
import { postJson } from '../lib/http';
import { describeError } from '../lib/refusal';
import { useEventStore } from '../stores/event-store';
import { useT } from '../stores/language-store';

interface Draft {
  ja: string;
  en: string;
  contact: string;
  retentionDays: string;
}

const draftOf = (view: PrivacySettingsView): Draft => ({
  ja: view.notice.ja ?? '',
  en: view.notice.en ?? '',
  contact: view.notice.contact,
  retentionDays: String(view.notice.retentionDays),
});

/** A day of the event's time zone, as YYYY-MM-DD. */
const dayOf = (at: number, timeZone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone }).format(at);

export function PrivacySettingsCard() {
  const t = useT();
  const event = useEventStore((s) => s.event);
  const [view, setView] = useState<PrivacySettingsView | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState<{ error?: string; saved?: string }>({});
  const [busy, setBusy] = useState(false);
  const [confirmingPurge, setConfirmingPurge] = useState(false);

  const show = useCallback(
    (answer: Ack<PrivacySettingsView>) => {
      if (answer.ok) {
        setView(answer.data);
        setDraft((d) => d ?? draftOf(answer.data));
      } else setStatus({ error: describeError(t, answer.error) });
    },
    [t],
  );
  useJson('/api/privacy/settings', show);

  async function save(d: Draft) {
    setBusy(true);
    const answer = await postJson<PrivacySettingsView>('/api/privacy/settings', {
      ja: d.ja,
      en: d.en,
      contact: d.contact,
      retentionDays: Number(d.retentionDays),
    });
    setBusy(false);
    if (answer.ok) {
      setView(answer.data);
      setStatus({ saved: t('privacy.settings.saved', { version: answer.data.notice.version }) });
    } else setStatus({ error: describeError(t, answer.error) });
  }

  async function purge() {
    setBusy(true);
    const answer = await postJson<PrivacySettingsView>('/api/privacy/purge', {});
    setBusy(false);
    setConfirmingPurge(false);
    if (answer.ok) {
      setView(answer.data);
      setStatus({ saved: t('privacy.settings.purged') });
    } else setStatus({ error: describeError(t, answer.error) });
  }

  if (!view || !draft || !event) {
    return status.error ? (
      <p className="error" role="alert">
        {status.error}
      </p>
    ) : null;
  }
  const field = (key: keyof Draft) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
  });

  return (
    <section className="card" aria-labelledby="settings-privacy">
      <h2 className="card__title" id="settings-privacy">
        {t('privacy.settings.title')}
      </h2>
      <p className="muted">{t('privacy.settings.intro')}</p>
      <form
        className="privacy-settings"
        onSubmit={(e) => {
          e.preventDefault();
          void save(draft);
        }}
      >
        <label>
          {t('privacy.settings.ja')}
          <textarea rows={6} maxLength={4000} {...field('ja')} />
        </label>
        <label>
          {t('privacy.settings.en')}
          <textarea rows={6} maxLength={4000} lang="en" {...field('en')} />
        </label>
        <label>
          {t('privacy.settings.contact')}
          <input type="text" maxLength={500} {...field('contact')} />
        </label>
        <label>
          {t('privacy.settings.retention')}
          <input type="number" min={1} max={3650} required {...field('retentionDays')} />
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('privacy.settings.save')}
          </button>
        </div>
      </form>
      <p role="status">
        {t('privacy.settings.status', {
          version: view.notice.version,
          acknowledged: view.acknowledged,
          people: view.people,
        })}
      </p>
      {status.saved && <p className="notice">{status.saved}</p>}
      {status.error && (
        <p className="error" role="alert">
          {status.error}
        </p>
      )}
      <p>
        {view.purgedAt !== null
          ? t('privacy.settings.purgedAt', { date: dayOf(view.purgedAt, event.timeZone) })
          : t('privacy.settings.purgeOn', { date: view.purgeOn })}
      </p>
      {view.purgeDue && view.purgedAt === null && !confirmingPurge && (
        <button type="button" className="danger" onClick={() => setConfirmingPurge(true)}>
          {t('privacy.settings.purgeNow')}
        </button>
      )}
      {confirmingPurge && (
        <div className="person__confirm" role="group" aria-label={t('privacy.settings.purgeNow')}>
          <p>{t('privacy.settings.purgeConfirm')}</p>
          <div className="form-actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void purge()}>
              {t('privacy.settings.purgeYes')}
            </button>
            <button type="button" onClick={() => setConfirmingPurge(false)}>
              {t('privacy.cancel')}
            </button>
          </div>
        </div>
      )}
      <EraseEvent eventId={event.id} name={event.name} />
    </section>
  );
}

/** Erasing the whole event: its name typed again; the console then goes to another event of the series, if any. */
function EraseEvent({ eventId, name }: { eventId: string; name: string }) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function erase() {
    setBusy(true);
    const answer = await postJson<EventErased>(`/api/events/${encodeURIComponent(eventId)}/erase`, {
      confirmName: typed,
    });
    setBusy(false);
    if (!answer.ok) {
      setError(describeError(t, answer.error));
      return;
    }
    // The session moved to another event of the series (or ended with this one): a fresh load follows it.
    location.assign(answer.data.nextEventId ? '/organizer/events' : '/');
  }

  return (
    <section className="privacy-erase" aria-labelledby="privacy-erase-event">
      <h3 id="privacy-erase-event">{t('privacy.eraseEvent.title')}</h3>
      <p>{t('privacy.eraseEvent.body', { name })}</p>
      <label>
        {t('privacy.eraseEvent.name')}
        <input type="text" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
      </label>
      <div className="form-actions">
        <button
          type="button"
          className="danger"
          disabled={busy || typed.trim() !== name.trim()}
          onClick={() => void erase()}
        >
          {t('privacy.eraseEvent.button')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
