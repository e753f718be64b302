/**
 * The agenda's calendar on the phone: the one-time download (.ics) and the subscription — an address
 * of its own (webcal://…/cal/SECRET.ics) that a calendar app re-reads, so a moved or cancelled meeting
 * updates there. The person makes it, copies it, renews it (the old address stops) or stops it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { CalendarFeedView } from '../../../../shared/calendar';
import { getJson, postJson } from '../../lib/http';
import { copyText } from '../../lib/copy-text';
import { newKey } from '../../lib/keys';
import { describeError } from '../../lib/refusal';
import { useT } from '../../stores/language-store';

export function CalendarLinks() {
  const t = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [view, setView] = useState<CalendarFeedView | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void getJson<CalendarFeedView>('/api/calendar-feed').then((answer) => {
      if (live && answer.ok) setView(answer.data);
    });
    return () => {
      live = false;
    };
  }, []);

  const act = async (path: string, body: unknown) => {
    setBusy(true);
    setSaid(null);
    const answer = await postJson<CalendarFeedView | { view?: CalendarFeedView }>(path, body);
    setBusy(false);
    if (!answer.ok) return setSaid(describeError(t, answer.error));
    const next = 'downloadUrl' in answer.data ? answer.data : answer.data.view;
    if (next) setView(next);
  };

  const copy = async () => {
    const value = view?.webcalUrl;
    if (!value) return;
    // Selected and left for the person to copy where the browser will not copy it (plain HTTP).
    if ((await copyText(value, input.current)) === 'copied') setSaid(t('calendar.copied'));
  };

  return (
    <div className="calendar-links">
      <a className="button" href="/api/agenda.ics">
        {t('meet.ics')}
      </a>
      <p className="muted">{t('calendar.subscribeIntro')}</p>
      {view?.webcalUrl ? (
        <>
          <a className="button" href={view.webcalUrl}>
            {t('calendar.subscribe')}
          </a>
          <div className="copy-field">
            <input id={id} ref={input} readOnly value={view.webcalUrl} onFocus={(e) => e.target.select()} />
            <button type="button" aria-describedby={id} onClick={() => void copy()}>
              {t('calendar.copy')}
            </button>
          </div>
          <p className="hint">{t('calendar.secret')}</p>
          <div className="row-actions">
            <button type="button" disabled={busy} onClick={() => void act('/api/calendar-feed', { key: newKey() })}>
              {t('calendar.renew')}
            </button>
            <button type="button" disabled={busy} onClick={() => void act('/api/calendar-feed/revoke', {})}>
              {t('calendar.revoke')}
            </button>
          </div>
        </>
      ) : (
        <button
          type="button"
          disabled={busy || !view}
          onClick={() => void act('/api/calendar-feed', { key: newKey() })}
        >
          {t('calendar.make')}
        </button>
      )}
      {said && (
        <p role="status" className="hint">
          {said}
        </p>
      )}
    </div>
  );
}
