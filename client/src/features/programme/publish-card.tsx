import { useState } from 'react';
import type { ProgrammeReport, PublishSettings, PublishView } from '../../../../shared/programme';
import { OPEN_DATA_LICENCE } from './contract';
import { useLanguage, useT } from '../../stores/language-store';
import { CopyField } from '../../components/copy-field';
import { inLanguage } from './figures';
import { fiscalYearLabel } from './programme-table';
import { PostResult, usePost } from './use-post';

const settingsOf = (view: PublishView): PublishSettings => ({
  enabled: view.enabled,
  kpiIds: view.kpiIds,
  fiscalYears: view.fiscalYears,
  reviews: view.reviews,
  events: view.events,
  companyNames: view.companyNames,
});

/** Adds or takes out one item of a chosen list, keeping the list's order as the table's. */
function toggled<T>(list: T[], item: T, on: boolean, order: readonly T[]): T[] {
  const next = new Set(list);
  if (on) next.add(item);
  else next.delete(item);
  return order.filter((x) => next.has(x));
}

/**
 * What the public page and the open data carry (KPIs, years, reviews, events, consenting companies'
 * names), whether they are served at all, and their address: copied, opened, or renewed (after a
 * confirmation: the old address stops working for everyone who has it).
 */
export function PublishCard({
  report,
  publish,
  reload,
}: {
  report: ProgrammeReport;
  publish: PublishView;
  reload: () => Promise<void>;
}) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const [draft, setDraft] = useState<PublishSettings>(() => settingsOf(publish));
  const [renewing, setRenewing] = useState(false);
  const { state, post } = usePost(reload);
  const kpiOrder = report.plan.kpis.map((k) => k.id);
  // The baseline year may be published beside the plan years.
  const baselineYear = report.plan.firstYear - 1;
  const publishableYears = [baselineYear, ...report.fiscalYears];
  const flag = (key: 'enabled' | 'reviews' | 'events' | 'companyNames', label: string) => (
    <label className="check">
      <input type="checkbox" checked={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.checked })} />
      {label}
    </label>
  );

  async function save(renew: boolean) {
    const answer = await post<PublishView>(
      '/api/programme/publish',
      { ...draft, ...(renew ? { renew: true } : {}) },
      () => t(renew ? 'programme.publish.renewed' : 'programme.publish.saved'),
    );
    if (answer.ok) setDraft(settingsOf(answer.data));
    setRenewing(false);
  }

  return (
    <section className="card" aria-labelledby="programme-publish">
      <h2 className="card__title" id="programme-publish">
        {t('programme.publish.title')}
      </h2>
      <p className="hint">{t('programme.publish.hint')}</p>
      <form
        className="form-stack"
        onSubmit={(e) => {
          e.preventDefault();
          void save(false);
        }}
      >
        <fieldset className="programme-choices">
          <legend>{t('programme.publish.kpis')}</legend>
          {report.plan.kpis.map((k) => (
            <label key={k.id} className="check">
              <input
                type="checkbox"
                checked={draft.kpiIds.includes(k.id)}
                onChange={(e) =>
                  setDraft({ ...draft, kpiIds: toggled(draft.kpiIds, k.id, e.target.checked, kpiOrder) })
                }
              />
              {inLanguage(k.name, language)}
            </label>
          ))}
        </fieldset>
        <fieldset className="programme-choices">
          <legend>{t('programme.publish.years')}</legend>
          {publishableYears.map((fy) => (
            <label key={fy} className="check">
              <input
                type="checkbox"
                checked={draft.fiscalYears.includes(fy)}
                onChange={(e) =>
                  setDraft({
                    ...draft,
                    fiscalYears: toggled(draft.fiscalYears, fy, e.target.checked, publishableYears),
                  })
                }
              />
              {fy === baselineYear
                ? t('programme.baselineYear', { fy: fiscalYearLabel(t, fy) })
                : fiscalYearLabel(t, fy)}
            </label>
          ))}
        </fieldset>
        {flag('reviews', t('programme.publish.reviews'))}
        {flag('events', t('programme.publish.events'))}
        {flag('companyNames', t('programme.publish.companyNames'))}
        {flag('enabled', t('programme.publish.enabled'))}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={state.busy}>
            {t('programme.publish.save')}
          </button>
        </div>
      </form>
      <PostResult state={state} />
      {publish.publicUrl ? (
        <div className="programme-public">
          {!publish.enabled && <p className="notice">{t('programme.publish.disabled')}</p>}
          <CopyField label={t('programme.publish.url')} value={publish.publicUrl} />
          <div className="link-grid">
            <a className="button" href={publish.publicUrl} target="_blank" rel="noreferrer">
              {t('programme.publish.open')}
            </a>
            <a className="button" href={`${publish.publicUrl}/kpi.csv`} download>
              {t('programme.publish.csv')}
            </a>
            <a className="button" href={`${publish.publicUrl}/kpi.json`} target="_blank" rel="noreferrer">
              {t('programme.publish.json')}
            </a>
            <button type="button" aria-expanded={renewing} onClick={() => setRenewing(!renewing)}>
              {t('programme.publish.renew')}
            </button>
          </div>
          {renewing && (
            <div className="person__confirm" role="group" aria-label={t('programme.publish.renew')}>
              <p>{t('programme.publish.renewConfirm')}</p>
              <div className="form-actions">
                <button type="button" className="danger" disabled={state.busy} onClick={() => void save(true)}>
                  {t('programme.publish.renewYes')}
                </button>
                <button type="button" onClick={() => setRenewing(false)}>
                  {t('programme.publish.renewNo')}
                </button>
              </div>
            </div>
          )}
          <p className="hint">
            {t('programme.publish.licence', { licence: OPEN_DATA_LICENCE.name })}{' '}
            <a href={OPEN_DATA_LICENCE.url} target="_blank" rel="noreferrer">
              {OPEN_DATA_LICENCE.id}
            </a>
          </p>
        </div>
      ) : (
        <p className="muted">{t('programme.publish.off')}</p>
      )}
    </section>
  );
}
