/**
 * Erasing a person on request (issue 19, APPI), on the people page: choose them, see what goes
 * (taps and notes, requests they sent, check-in, sessions, mail log and calendar rows) and what
 * stays (their company's meetings, for the report, naming no one), then erase. Their phone is
 * signed out at once; the organizers' lists resync without them.
 */
import { useState } from 'react';
import type { ErasureSummary } from '../../../shared/privacy';
import { getJson, postJson } from '../lib/http';
import { describeError } from '../lib/refusal';
import { useEventStore } from '../stores/event-store';
import { useT } from '../stores/language-store';

export function ErasePersonCard() {
  const t = useT();
  const people = useEventStore((s) => s.people);
  const me = useEventStore((s) => (s.viewer?.kind === 'person' ? s.viewer.personId : null));
  const [chosen, setChosen] = useState('');
  const [summary, setSummary] = useState<ErasureSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error?: string; done?: string }>({});
  const listed = people
    .filter((p) => p.id !== me)
    .sort((a, b) => (a.orgName ?? '').localeCompare(b.orgName ?? '', 'ja') || a.name.localeCompare(b.name, 'ja'));

  async function review() {
    setBusy(true);
    const answer = await getJson<ErasureSummary>(`/api/privacy/people/${encodeURIComponent(chosen)}`);
    setBusy(false);
    if (answer.ok) setSummary(answer.data);
    else setMessage({ error: describeError(t, answer.error) });
  }

  async function erase(s: ErasureSummary) {
    setBusy(true);
    const answer = await postJson(`/api/privacy/people/${encodeURIComponent(s.personId)}/erase`, {});
    setBusy(false);
    setSummary(null);
    setChosen('');
    setMessage(
      answer.ok ? { done: t('privacy.erasePerson.done', { name: s.name }) } : { error: describeError(t, answer.error) },
    );
  }

  return (
    <section className="card" aria-labelledby="privacy-erase-person">
      <h2 className="card__title" id="privacy-erase-person">
        {t('privacy.erasePerson.title')}
      </h2>
      <p className="muted">{t('privacy.erasePerson.intro')}</p>
      <div className="people-tools">
        <label>
          {t('privacy.erasePerson.choose')}
          <select
            value={chosen}
            onChange={(e) => {
              setChosen(e.target.value);
              setSummary(null);
              setMessage({});
            }}
          >
            <option value="">{t('privacy.erasePerson.pick')}</option>
            {listed.map((p) => (
              <option key={p.id} value={p.id}>
                {p.orgName ? `${p.name}（${p.orgName}）` : p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!chosen || busy} onClick={() => void review()}>
          {t('privacy.erasePerson.review')}
        </button>
      </div>
      {summary && (
        <div className="person__confirm" role="group" aria-label={t('privacy.erasePerson.title')}>
          <p>{t('privacy.erasePerson.goes', { name: summary.name, org: summary.orgName ?? '—' })}</p>
          <ul>
            <li>{t('privacy.erasePerson.profile')}</li>
            <li>{t('privacy.erasePerson.taps', { count: summary.taps, notes: summary.notes })}</li>
            <li>{t('privacy.erasePerson.requests', { count: summary.requests })}</li>
            {summary.checkedIn && <li>{t('privacy.erasePerson.checkin')}</li>}
            <li>{t('privacy.erasePerson.sessions', { count: summary.sessions })}</li>
            {summary.otherRows > 0 && <li>{t('privacy.erasePerson.other', { count: summary.otherRows })}</li>}
          </ul>
          <p>{t('privacy.erasePerson.kept', { count: summary.meetingsKept })}</p>
          <div className="form-actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void erase(summary)}>
              {t('privacy.erasePerson.confirm')}
            </button>
            <button type="button" onClick={() => setSummary(null)}>
              {t('privacy.cancel')}
            </button>
          </div>
        </div>
      )}
      {message.done && (
        <p role="status" className="notice">
          {message.done}
        </p>
      )}
      {message.error && (
        <p className="error" role="alert">
          {message.error}
        </p>
      )}
    </section>
  );
}
