import { useState } from 'react';
import type { KpiAggregation, KpiPlan, KpiSource } from '../../../../shared/programme';
import type { MessageKey } from '../../lib/messages';
import { useT } from '../../stores/language-store';
import {
  blankKpi,
  draftOfPlan,
  planOfDraft,
  planYears,
  type DraftProblem,
  type KpiDraft,
  type PlanDraft,
} from './figures';
import { KPI_AGGREGATIONS, KPI_SOURCES } from './contract';
import { fiscalYearLabel } from './programme-table';
import { PostResult, usePost } from './use-post';

/** The schema's bounds: ten plan years, twenty KPIs. */
const MAX_YEARS = 10;
const MAX_KPIS = 20;

const FIELD_LABELS: Record<DraftProblem['field'], MessageKey> = {
  name: 'programme.plan.kpiName',
  firstYear: 'programme.plan.firstYear',
  unit: 'programme.plan.unit',
  baseline: 'programme.plan.baseline',
  increments: 'programme.plan.increments',
  decimals: 'programme.plan.decimals',
};

/**
 * The programme's KPI plan: its name, plan year 1, and each KPI's name, unit, baseline, target
 * increase per year and how it is counted; a KPI added or taken out, the plan extended by a year.
 * It opens on the stored plan, or the shipped defaults before one is saved. Nothing changes until saved.
 */
export function PlanEditor({ plan, reload }: { plan: KpiPlan; reload: () => Promise<void> }) {
  const t = useT();
  const [draft, setDraft] = useState<PlanDraft>(() => draftOfPlan(plan));
  const [problem, setProblem] = useState<string | null>(null);
  const { state, post } = usePost(reload);
  const years = planYears(draft);

  const setKpi = (i: number, change: Partial<KpiDraft>) =>
    setDraft({ ...draft, kpis: draft.kpis.map((k, j) => (j === i ? { ...k, ...change } : k)) });

  function save() {
    const read = planOfDraft(draft);
    if ('problem' in read) {
      const field =
        read.problem.field === 'name' && read.problem.kpi === null
          ? 'programme.plan.name'
          : FIELD_LABELS[read.problem.field];
      setProblem(
        read.problem.kpi === null
          ? t('programme.plan.problemPlan', { field: t(field) })
          : t('programme.plan.problem', {
              field: t(field),
              where: t('programme.plan.kpi', { n: read.problem.kpi + 1 }),
            }),
      );
      return;
    }
    setProblem(null);
    void post('/api/programme/plan', read.plan, () => t('programme.plan.saved'));
  }

  return (
    <section className="card" aria-labelledby="programme-plan">
      <h2 className="card__title" id="programme-plan">
        {t('programme.plan.title')}
      </h2>
      <p className="hint">{t('programme.plan.hint')}</p>
      <form
        className="programme-plan"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="form-grid">
          <label>
            {t('programme.plan.name')}
            <input required value={draft.nameJa} onChange={(e) => setDraft({ ...draft, nameJa: e.target.value })} />
          </label>
          <label>
            {t('programme.plan.nameEn')}
            <input value={draft.nameEn} onChange={(e) => setDraft({ ...draft, nameEn: e.target.value })} />
          </label>
          <label>
            {t('programme.plan.firstYear')}
            <input
              inputMode="numeric"
              required
              value={draft.firstYear}
              onChange={(e) => setDraft({ ...draft, firstYear: e.target.value })}
            />
          </label>
        </div>
        {draft.kpis.map((kpi, i) => (
          <fieldset key={kpi.id} className="programme-plan__kpi">
            <legend>
              {t('programme.plan.kpi', { n: i + 1 })}
              {kpi.nameJa && `: ${kpi.nameJa}`}
            </legend>
            <div className="form-grid">
              <label>
                {t('programme.plan.kpiName')}
                <input required value={kpi.nameJa} onChange={(e) => setKpi(i, { nameJa: e.target.value })} />
              </label>
              <label>
                {t('programme.plan.kpiNameEn')}
                <input value={kpi.nameEn} onChange={(e) => setKpi(i, { nameEn: e.target.value })} />
              </label>
              <label>
                {t('programme.plan.unit')}
                <input required value={kpi.unitJa} onChange={(e) => setKpi(i, { unitJa: e.target.value })} />
              </label>
              <label>
                {t('programme.plan.unitEn')}
                <input value={kpi.unitEn} onChange={(e) => setKpi(i, { unitEn: e.target.value })} />
              </label>
              <label>
                {t('programme.plan.baseline')}
                <input
                  inputMode="decimal"
                  value={kpi.baseline}
                  onChange={(e) => setKpi(i, { baseline: e.target.value })}
                />
              </label>
              {kpi.increments.map((value, y) => (
                <label key={y}>
                  {t('programme.plan.increment', {
                    fy: years[y] === undefined ? String(y + 1) : fiscalYearLabel(t, years[y]),
                  })}
                  <input
                    inputMode="decimal"
                    value={value}
                    onChange={(e) =>
                      setKpi(i, { increments: kpi.increments.map((v, z) => (z === y ? e.target.value : v)) })
                    }
                  />
                </label>
              ))}
              <label>
                {t('programme.plan.source')}
                <select value={kpi.source} onChange={(e) => setKpi(i, { source: e.target.value as KpiSource })}>
                  {KPI_SOURCES.map((s) => (
                    <option key={s} value={s}>
                      {t(`programme.source.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('programme.plan.aggregation')}
                <select
                  value={kpi.aggregation}
                  onChange={(e) => setKpi(i, { aggregation: e.target.value as KpiAggregation })}
                >
                  {KPI_AGGREGATIONS.map((a) => (
                    <option key={a} value={a}>
                      {t(`programme.aggregation.${a}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('programme.plan.decimals')}
                <input
                  inputMode="numeric"
                  value={kpi.decimals}
                  onChange={(e) => setKpi(i, { decimals: e.target.value })}
                />
              </label>
              <label className="programme-form__wide">
                {t('programme.plan.definition')}
                <input value={kpi.definitionJa} onChange={(e) => setKpi(i, { definitionJa: e.target.value })} />
              </label>
              <label className="programme-form__wide">
                {t('programme.plan.definitionEn')}
                <input value={kpi.definitionEn} onChange={(e) => setKpi(i, { definitionEn: e.target.value })} />
              </label>
            </div>
            {draft.kpis.length > 1 && (
              <button
                type="button"
                aria-label={t('programme.plan.removeKpi', {
                  name: kpi.nameJa || t('programme.plan.kpi', { n: i + 1 }),
                })}
                onClick={() => setDraft({ ...draft, kpis: draft.kpis.filter((_, j) => j !== i) })}
              >
                {t('programme.plan.remove')}
              </button>
            )}
          </fieldset>
        ))}
        <div className="form-actions">
          <button
            type="button"
            disabled={draft.kpis.length >= MAX_KPIS}
            onClick={() =>
              setDraft({
                ...draft,
                kpis: [
                  ...draft.kpis,
                  blankKpi(
                    draft.kpis.map((k) => k.id),
                    draft.years,
                  ),
                ],
              })
            }
          >
            {t('programme.plan.addKpi')}
          </button>
          <button
            type="button"
            disabled={draft.years >= MAX_YEARS}
            onClick={() =>
              setDraft({
                ...draft,
                years: draft.years + 1,
                kpis: draft.kpis.map((k) => ({ ...k, increments: [...k.increments, '0'] })),
              })
            }
          >
            {t('programme.plan.addYear')}
          </button>
        </div>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={state.busy}>
            {t('programme.plan.save')}
          </button>
        </div>
        <PostResult state={state} />
      </form>
    </section>
  );
}
