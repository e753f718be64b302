import { useCallback, useState } from 'react';
import type { SeriesView } from '../../../../shared/console';
import type { Ack } from '../../../../shared/errors';
import { useJson } from '../../hooks/use-json';
import { postJson } from '../../lib/http';
import { describeError } from '../../lib/refusal';
import { intentKeys } from '../../lib/keys';
import { useT } from '../../stores/language-store';
import { EventDetailsFields } from '../../components/event-details-fields';

/**
 * The events of the organizer's series: each with its headline figures, a way into it, and a new
 * event made from an earlier one's settings.
 */
export default function SeriesPage() {
  const t = useT();
  const [series, setSeries] = useState<SeriesView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState({ name: '', date: '', venue: '', copyFrom: '' });
  // One key per event being created: a double click or a resend after a drop creates it once.
  const [keys] = useState(intentKeys);

  const show = useCallback(
    (answer: Ack<SeriesView>) => {
      if (answer.ok) {
        setSeries(answer.data);
        setDraft((d) => ({
          ...d,
          copyFrom: d.copyFrom || (answer.data.events.find((e) => e.current)?.event.id ?? ''),
        }));
      } else setError(describeError(t, answer.error));
    },
    [t],
  );
  const load = useJson('/api/series', show);

  async function open(eventId: string) {
    setBusy(true);
    const answer = await postJson<{ eventId: string }>(`/api/events/${encodeURIComponent(eventId)}/open`, {});
    if (!answer.ok) {
      setBusy(false);
      setError(describeError(t, answer.error));
      return;
    }
    // A session of another event: start the app afresh in it.
    location.assign('/organizer/settings');
  }

  async function create() {
    setBusy(true);
    const intent = JSON.stringify(draft);
    const answer = await postJson<{ eventId: string }>('/api/events', {
      name: draft.name,
      date: draft.date,
      venue: draft.venue,
      ...(draft.copyFrom ? { copyFrom: draft.copyFrom } : {}),
      key: keys.keyFor(intent),
    });
    keys.settle(intent, answer);
    setBusy(false);
    if (!answer.ok) {
      setError(describeError(t, answer.error));
      return;
    }
    setError(null);
    setDraft({ name: '', date: '', venue: '', copyFrom: draft.copyFrom });
    await load();
  }

  return (
    <main className="page page--wide">
      <h1 className="page__title">{t('series.title')}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <section className="card" aria-labelledby="series-list">
        <h2 className="card__title" id="series-list">
          {t('series.events')}
        </h2>
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('series.event')}</th>
                <th scope="col">{t('series.date')}</th>
                <th scope="col" className="n">
                  {t('kpi.companies')}
                </th>
                <th scope="col" className="n">
                  {t('kpi.held')}
                </th>
                <th scope="col" className="n">
                  {t('kpi.pocs')}
                </th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {series?.events.map(({ event, figures, current }) => (
                <tr key={event.id} aria-current={current ? 'true' : undefined}>
                  <th scope="row">
                    {event.name}
                    {event.venue && <span className="muted"> · {event.venue}</span>}
                  </th>
                  <td>{event.date}</td>
                  <td className="n">{figures.companies.total}</td>
                  <td className="n">{figures.meetings.held}</td>
                  <td className="n">{figures.pocsStarted}</td>
                  <td>
                    {current ? (
                      <span className="badge">{t('series.current')}</span>
                    ) : (
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={t('series.openEvent', { name: event.name })}
                        onClick={() => void open(event.id)}
                      >
                        {t('series.open')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="form-actions">
          <a className="button" href="/organizer/report?scope=series" target="_blank" rel="noreferrer">
            {t('report.seriesJa')}
          </a>
          <a className="button" href="/organizer/report?scope=series&lang=en" target="_blank" rel="noreferrer">
            {t('report.seriesEn')}
          </a>
        </p>
      </section>
      <section className="card" aria-labelledby="series-new">
        <h2 className="card__title" id="series-new">
          {t('series.new')}
        </h2>
        <form
          className="form-stack"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <EventDetailsFields draft={draft} onChange={setDraft} />
          <label>
            {t('series.copyFrom')}
            <select value={draft.copyFrom} onChange={(e) => setDraft({ ...draft, copyFrom: e.target.value })}>
              <option value="">{t('series.copyNone')}</option>
              {series?.events.map(({ event }) => (
                <option key={event.id} value={event.id}>
                  {event.name} ({event.date})
                </option>
              ))}
            </select>
          </label>
          <p className="hint">{t('series.copyHint')}</p>
          <button type="submit" className="primary" disabled={busy}>
            {t('series.create')}
          </button>
        </form>
      </section>
    </main>
  );
}
