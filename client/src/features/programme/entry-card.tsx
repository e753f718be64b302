import { useState } from 'react';
import type { KpiEntry, ProgrammeReport } from '../../../../shared/programme';
import { fiscalYearOf } from './contract';
import { intentKeys } from '../../lib/keys';
import { useLanguage, useT } from '../../stores/language-store';
import { formatFigure, inLanguage } from './figures';
import { fiscalYearLabel } from './programme-table';
import { PostResult, usePost } from './use-post';

/** Today in the event's time zone, as a date input holds it. */
export const todayIn = (timeZone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone }).format(Date.now());

// For the page: an entry saved again after no answer keeps its key, and is recorded once.
const keys = intentKeys();

/**
 * A figure the app cannot count (the student hiring share), entered for a fiscal year with its source
 * and date; the latest entry of a year is the table's. The entries so far, newest first.
 */
export function EntryCard({
  report,
  entries,
  timeZone,
  reload,
}: {
  report: ProgrammeReport;
  entries: KpiEntry[];
  timeZone: string;
  reload: () => Promise<void>;
}) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const manual = report.plan.kpis.filter((k) => k.source === 'manual');
  const [draft, setDraft] = useState({
    kpiId: manual[0]?.id ?? '',
    // This fiscal year when the plan has it, else the plan's first.
    fiscalYear: String(
      report.fiscalYears.find((fy) => fy === fiscalYearOf(todayIn(timeZone))) ?? report.fiscalYears[0] ?? '',
    ),
    value: '',
    source: '',
    on: todayIn(timeZone),
    note: '',
  });
  const { state, post } = usePost(reload);
  const [notNumber, setNotNumber] = useState(false);
  const kpi = manual.find((k) => k.id === draft.kpiId) ?? manual[0];
  const nameOf = (id: string) => {
    const k = report.plan.kpis.find((x) => x.id === id);
    return k ? inLanguage(k.name, language) : id;
  };

  async function save() {
    if (!kpi) return;
    // Typed as on paper: full-width digits and thousands separators read as the figure.
    const value = Number(draft.value.normalize('NFKC').replace(/[,\s]/g, ''));
    if (draft.value.trim() === '' || !Number.isFinite(value)) {
      setNotNumber(true);
      return;
    }
    setNotNumber(false);
    const body = {
      kpiId: kpi.id,
      fiscalYear: Number(draft.fiscalYear),
      value,
      source: draft.source,
      on: draft.on,
      note: draft.note,
    };
    const intent = JSON.stringify(body);
    const answer = await post<{ entry: KpiEntry }>(
      '/api/programme/entries',
      { ...body, key: keys.keyFor(intent) },
      (d) =>
        t('programme.entry.saved', {
          kpi: nameOf(d.entry.kpiId),
          fy: fiscalYearLabel(t, d.entry.fiscalYear),
          value: formatFigure(d.entry.value, kpi.decimals),
        }),
    );
    keys.settle(intent, answer);
    if (answer.ok) setDraft((d) => ({ ...d, value: '', note: '' }));
  }

  return (
    <section className="card" aria-labelledby="programme-entry">
      <h2 className="card__title" id="programme-entry">
        {t('programme.entry.title')}
      </h2>
      <p className="hint">{t('programme.entry.hint')}</p>
      {manual.length === 0 || !kpi ? (
        <p className="muted">{t('programme.entry.noManual')}</p>
      ) : (
        <form
          className="form-grid programme-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label>
            {t('programme.entry.kpi')}
            <select value={kpi.id} onChange={(e) => setDraft({ ...draft, kpiId: e.target.value })}>
              {manual.map((k) => (
                <option key={k.id} value={k.id}>
                  {inLanguage(k.name, language)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('programme.entry.year')}
            <select value={draft.fiscalYear} onChange={(e) => setDraft({ ...draft, fiscalYear: e.target.value })}>
              {report.fiscalYears.map((fy) => (
                <option key={fy} value={fy}>
                  {fiscalYearLabel(t, fy)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('programme.entry.value', { unit: inLanguage(kpi.unit, language) })}
            <input
              inputMode="decimal"
              required
              value={draft.value}
              onChange={(e) => setDraft({ ...draft, value: e.target.value })}
            />
          </label>
          <label>
            {t('programme.entry.source')}
            <input
              required
              value={draft.source}
              maxLength={200}
              onChange={(e) => setDraft({ ...draft, source: e.target.value })}
            />
          </label>
          <label>
            {t('programme.entry.on')}
            <input type="date" required value={draft.on} onChange={(e) => setDraft({ ...draft, on: e.target.value })} />
          </label>
          <label>
            {t('programme.entry.note')}
            <input value={draft.note} maxLength={1000} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
          </label>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={state.busy}>
              {t('programme.entry.save')}
            </button>
          </div>
        </form>
      )}
      {notNumber && (
        <p className="error" role="alert">
          {t('programme.entry.notNumber')}
        </p>
      )}
      <PostResult state={state} />
      <h3>{t('programme.entry.list')}</h3>
      {entries.length === 0 ? (
        <p className="muted">{t('programme.entry.none')}</p>
      ) : (
        <ul className="programme-list">
          {[...entries]
            .sort((a, b) => b.recordedAt - a.recordedAt)
            .map((e) => (
              <li key={e.id}>
                <strong>
                  {fiscalYearLabel(t, e.fiscalYear)} · {nameOf(e.kpiId)}
                </strong>{' '}
                {t('programme.drill.entry', {
                  value: formatFigure(e.value, report.plan.kpis.find((k) => k.id === e.kpiId)?.decimals ?? 2),
                  source: e.source,
                  on: e.on,
                  by: e.recordedBy,
                })}
                {e.note && <span className="muted"> · {e.note}</span>}
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
