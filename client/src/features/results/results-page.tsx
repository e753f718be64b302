import { useMemo, useState } from 'react';
import type { DashboardView } from '../../../../shared/console';
import { OutcomeForm } from '../../components/outcome-form';
import { formatTime } from '../../lib/format';
import { postJson } from '../../lib/http';
import { describeError } from '../../lib/refusal';
import type { MessageKey } from '../../lib/messages';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { CheckinChart } from './checkin-chart';
import { useLiveJson } from './use-live-json';
import { DoorDoubles } from './door-doubles';

const CSV: { name: string; label: MessageKey }[] = [
  { name: 'people', label: 'results.csvPeople' },
  { name: 'interests', label: 'results.csvInterests' },
  { name: 'requests', label: 'results.csvRequests' },
  { name: 'meetings', label: 'results.csvMeetings' },
];

/** Refetch at least this often, facts or not. */
const POLL_MS = 10_000;

/**
 * The live dashboard while the event runs, the exports and the KPI report after it, and the
 * follow-up of held meetings in the weeks that follow.
 */
export default function ResultsPage() {
  const t = useT();
  const meetings = useEventStore((s) => s.meetings);
  // Any of these changing means the figures moved: refetch (coalesced).
  const stats = useEventStore((s) => s.stats);
  const requests = useEventStore((s) => s.requests);
  const counts = useEventStore((s) => s.counts);
  const changed = useMemo(() => [stats, meetings, requests, counts], [stats, meetings, requests, counts]);
  const { data: view, error, loadedAt } = useLiveJson<DashboardView>('/api/dashboard', changed, POLL_MS);
  const timeZone = useEventStore((s) => s.event?.timeZone ?? 'Asia/Tokyo');

  const held = meetings.filter((m) => m.status === 'held');
  const f = view?.figures;

  return (
    <main className="page page--wide">
      <h1 className="page__title">{t('results.title')}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {f && view && (
        <>
          <section className="card" aria-labelledby="results-live">
            <h2 className="card__title" id="results-live">
              {t('results.live')}
              {loadedAt && (
                <span className="muted"> · {t('results.updated', { time: formatTime(loadedAt, timeZone) })}</span>
              )}
            </h2>
            <dl className="kpis">
              <Figure label={t('results.people')} value={f.people} id="people" />
              <Figure label={t('kpi.companies')} value={f.companies.total} id="companies" />
              <Figure label={t('results.interests')} value={f.interests.total} id="interests" />
              <Figure label={t('results.booked')} value={f.meetings.booked} id="booked" />
              <Figure label={t('results.held')} value={f.meetings.held} id="held" />
              <Figure label={t('results.pocs')} value={f.pocsStarted} id="pocs" />
            </dl>
            <h3>{t('results.checkinsChart')}</h3>
            <CheckinChart points={view.checkinsOverTime} timeZone={timeZone} />
            <div className="breakdowns">
              <Breakdown
                title={t('results.byKind')}
                rows={[
                  [t('results.firm'), f.companies.firm],
                  [t('results.venture'), f.companies.venture],
                  [t('results.partner'), f.companies.partner],
                ]}
              />
              <Breakdown
                title={t('results.requests')}
                rows={[
                  [t('results.pending'), f.requests.pending],
                  [t('results.accepted'), f.requests.accepted],
                  [t('results.declined'), f.requests.declined],
                  [t('results.expired'), f.requests.expired + f.requests.withdrawn],
                ]}
              />
              <Breakdown
                title={t('results.meetings')}
                rows={[
                  [t('results.booked'), f.meetings.booked],
                  [t('results.held'), f.meetings.held],
                  [t('results.noShow'), f.meetings.noShow],
                  [t('results.followUps'), f.followUps],
                ]}
              />
              <Breakdown
                title={t('results.interests')}
                rows={[
                  [t('results.interests'), f.interests.total],
                  [t('results.wantToMeet'), f.interests.wantToMeet],
                ]}
              />
              <Breakdown
                title={t('results.wanted')}
                rows={[
                  [t('results.wantedPairs'), f.wanted.pairs],
                  [t('results.wantedScheduled'), f.wanted.scheduled],
                  [t('results.wantedHeld'), f.wanted.held],
                ]}
              />
            </div>
            <p className="muted" data-kpi="wanted-met">
              {t('results.wantedMet', {
                share: f.wantedMetShare === null ? '—' : `${Math.round(f.wantedMetShare * 100)}%`,
                held: f.wanted.held,
                pairs: f.wanted.pairs,
              })}
            </p>
          </section>
        </>
      )}
      <DoorDoubles />
      <section className="card" aria-labelledby="results-exports">
        <h2 className="card__title" id="results-exports">
          {t('results.exports')}
        </h2>
        <div className="link-grid">
          <a className="button primary" href="/organizer/report" target="_blank" rel="noreferrer">
            {t('report.eventJa')}
          </a>
          <a className="button" href="/organizer/report?lang=en" target="_blank" rel="noreferrer">
            {t('report.eventEn')}
          </a>
          {CSV.map((c) => (
            <a key={c.name} className="button" href={`/api/export/${c.name}.csv`} download>
              {t(c.label)}
            </a>
          ))}
          <a className="button" href="/api/export/event.json" download>
            {t('results.json')}
          </a>
        </div>
        <RestoreForm />
      </section>
      <section className="card" aria-labelledby="results-followup">
        <h2 className="card__title" id="results-followup">
          {t('results.followUp')}
        </h2>
        <p className="hint">{t('results.followUpHint')}</p>
        {held.length === 0 ? (
          <p className="muted">{t('results.noHeld')}</p>
        ) : (
          <ul className="followups">
            {held.map((m) => (
              <li key={m.id} className="followup">
                <strong>
                  {m.guestOrgName} × {m.ventureOrgName}
                </strong>
                <span className="muted">
                  {formatTime(m.slotStart, timeZone)} · {m.table}
                  {m.nextStep ? ` · ${m.nextStep}` : ''}
                </span>
                <OutcomeForm meeting={m} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

function Figure({ label, value, id }: { label: string; value: number; id: string }) {
  return (
    <div className="kpi" data-kpi={id}>
      <dt>{label}</dt>
      <dd>{value.toLocaleString('ja-JP')}</dd>
    </div>
  );
}

function Breakdown({ title, rows }: { title: string; rows: [string, number][] }) {
  const max = Math.max(1, ...rows.map(([, n]) => n));
  return (
    <table className="breakdown">
      <caption>{title}</caption>
      <tbody>
        {rows.map(([label, n]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td className="breakdown__bar">
              <span style={{ width: `${(n / max) * 100}%` }} />
            </td>
            <td className="n">{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Restores an event export from another server into this one. */
function RestoreForm() {
  const t = useT();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <label className="file-field">
      {t('results.import')}
      <span className="hint">{t('results.importHint')}</span>
      <input
        type="file"
        accept="application/json,.json"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          void file.text().then(async (text) => {
            let body: unknown;
            try {
              body = JSON.parse(text);
            } catch {
              setMessage({ ok: false, text: 'This file is not JSON. Choose the file from “JSON export”.' });
              return;
            }
            const answer = await postJson<{ name: string; rows: number }>('/api/import/event', body);
            setMessage(
              answer.ok
                ? { ok: true, text: t('results.imported', { name: answer.data.name, rows: answer.data.rows }) }
                : { ok: false, text: describeError(t, answer.error) },
            );
          });
        }}
      />
      {message && (
        <span className={message.ok ? undefined : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </span>
      )}
    </label>
  );
}
