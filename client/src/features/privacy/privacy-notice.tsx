/**
 * The privacy notice (issue 19, APPI) on an attendee's phone: shown over everything at the first
 * sign-in, and again whenever the organizer changes it, until the person taps 「確認しました」 — which
 * the server records with the notice's version. The text is the organizer's (in the other language,
 * said so, when they wrote only one), or the app's default in the person's language; who to ask and how long data is kept are always said. A chunk of its
 * own: the phone's first download stays within its budget, and the notice waits on the server anyway.
 */
import { useCallback, useState } from 'react';
import type { Ack } from '../../../../shared/errors';
import type { PrivacyNoticeView } from '../../../../shared/privacy';
import { useJson } from '../../hooks/use-json';
import { postJson } from '../../lib/http';
import { describeError } from '../../lib/refusal';
import { useEventStore } from '../../stores/event-store';
import { useLanguage, useT } from '../../stores/language-store';
import { noticeText } from './notice-text';

export default function PrivacyNotice() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const eventName = useEventStore((s) => s.event?.name ?? '');
  const [view, setView] = useState<PrivacyNoticeView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Offline or refused, the phone is not held back: the notice shows once the server answers.
  const show = useCallback((answer: Ack<PrivacyNoticeView>) => {
    if (answer.ok) setView(answer.data);
  }, []);
  const load = useJson('/api/privacy', show);

  if (!view || (view.acknowledged !== null && view.acknowledged >= view.notice.version)) return null;
  const { notice } = view;
  const contact = notice.contact || t('privacy.defaultContact');
  const shown = noticeText(notice, language === 'en' ? 'en' : 'ja');
  const text = shown.text ?? t('privacy.default', { event: eventName, days: notice.retentionDays, contact });

  async function acknowledge() {
    setBusy(true);
    const answer = await postJson<{ acknowledged: number }>('/api/privacy/acknowledge', { version: notice.version });
    setBusy(false);
    if (answer.ok) setView({ notice, acknowledged: answer.data.acknowledged });
    else if (answer.error.reason === 'privacy-notice-changed') await load();
    else setError(t('privacy.failed', { message: describeError(t, answer.error) }));
  }

  return (
    <div className="privacy-gate" role="dialog" aria-modal="true" aria-labelledby="privacy-title">
      <section className="card privacy-gate__card">
        <h1 className="card__title" id="privacy-title">
          {t('privacy.title')}
        </h1>
        {shown.shownIn && (
          <p className="muted">{t(shown.shownIn === 'ja' ? 'privacy.shownInJapanese' : 'privacy.shownInEnglish')}</p>
        )}
        {text
          .split(/\n+/)
          .filter((line) => line.trim() !== '')
          .map((line, i) => (
            <p key={i} lang={shown.shownIn ?? undefined}>
              {line}
            </p>
          ))}
        <p className="muted">{t('privacy.retention', { days: notice.retentionDays })}</p>
        <p className="muted">{t('privacy.contact', { contact })}</p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="button" className="primary" disabled={busy} onClick={() => void acknowledge()}>
          {t('privacy.understand')}
        </button>
      </section>
    </div>
  );
}
