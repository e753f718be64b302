import { useEffect, useState } from 'react';
import type { Ack } from '../../../../shared/errors';
import type {
  DrillItem,
  DrillView,
  KpiRow,
  KpiYearCell,
  ProgrammeEventFigures,
  ProgrammeReport,
} from '../../../../shared/programme';
import { getJson } from '../../lib/http';
import { describeError } from '../../lib/refusal';
import { useLanguage, useT, type Translate } from '../../stores/language-store';
import { formatAchievement, formatFigure, formatIncrement, inLanguage, reiwaOf } from './figures';

/** 2026 → 「令和8年度」 / "FY2026", as the printed council table names it. */
export const fiscalYearLabel = (t: Translate, fy: number) => t('programme.fy', { fy, reiwa: reiwaOf(fy) });

/**
 * The council's table on screen: a row per KPI, the baseline year and then each plan year, each
 * year's target, actual with where it came from, increase against the target increase, and
 * achievement; a year's Details opens what its figure counts.
 */
export function ProgrammeTable({ report }: { report: ProgrammeReport }) {
  const t = useT();
  const [drill, setDrill] = useState<{ kpiId: string; fy: number } | null>(null);
  const baselineYear = report.plan.firstYear - 1;
  const open = drill && report.rows.find((r) => r.kpi.id === drill.kpiId);

  return (
    <section className="card" aria-labelledby="programme-table">
      <h2 className="card__title" id="programme-table">
        {t('programme.table')}
        <a className="button" href="/organizer/programme/report" target="_blank" rel="noreferrer">
          {t('programme.printed')}
        </a>
      </h2>
      <div className="table-scroll">
        <table className="data-table programme-table">
          <thead>
            <tr>
              <th scope="col">{t('programme.kpi')}</th>
              <th scope="col" className="n">
                {t('programme.baselineYear', { fy: fiscalYearLabel(t, baselineYear) })}
              </th>
              {report.fiscalYears.map((fy) => (
                <th scope="col" key={fy}>
                  {fiscalYearLabel(t, fy)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <KpiTableRow
                key={row.kpi.id}
                row={row}
                fiscalYears={report.fiscalYears}
                open={drill?.kpiId === row.kpi.id ? drill.fy : null}
                onDrill={(fy) =>
                  setDrill(drill?.kpiId === row.kpi.id && drill.fy === fy ? null : { kpiId: row.kpi.id, fy })
                }
              />
            ))}
          </tbody>
        </table>
      </div>
      {drill && open && <Drill row={open} fy={drill.fy} onClose={() => setDrill(null)} />}
    </section>
  );
}

function KpiTableRow({
  row,
  fiscalYears,
  open,
  onDrill,
}: {
  row: KpiRow;
  fiscalYears: number[];
  open: number | null;
  onDrill: (fy: number) => void;
}) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { kpi } = row;
  const name = inLanguage(kpi.name, language);
  const unit = inLanguage(kpi.unit, language);
  return (
    <tr>
      <th scope="row" className="programme-table__kpi">
        {name}
        <span className="muted">
          {unit} · {t(`programme.source.${kpi.source}`)}
        </span>
      </th>
      <td className="n">{formatFigure(kpi.baseline, kpi.decimals)}</td>
      {fiscalYears.map((fy) => {
        const cell = row.years.find((c) => c.fiscalYear === fy && c.planYear > 0);
        return (
          <td key={fy} className="programme-cell-td">
            {cell && (
              <YearCell
                cell={cell}
                decimals={kpi.decimals}
                drillLabel={t('programme.drillFor', { kpi: name, fy: fiscalYearLabel(t, fy) })}
                expanded={open === fy}
                onDrill={() => onDrill(fy)}
              />
            )}
          </td>
        );
      })}
    </tr>
  );
}

/** One KPI's year: its four figures as a small definition list, and the way into what is behind it. */
function YearCell({
  cell,
  decimals,
  drillLabel,
  expanded,
  onDrill,
}: {
  cell: KpiYearCell;
  decimals: number;
  drillLabel: string;
  expanded: boolean;
  onDrill: () => void;
}) {
  const t = useT();
  return (
    <div className="programme-cell">
      <dl>
        <div>
          <dt>{t('programme.target')}</dt>
          <dd className="n">{formatFigure(cell.target, decimals)}</dd>
        </div>
        <div>
          <dt>{t('programme.actual')}</dt>
          <dd className="n">
            {formatFigure(cell.actual, decimals)}{' '}
            <span className={`origin origin--${cell.origin}`}>{t(`programme.origin.${cell.origin}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('programme.increment')}</dt>
          <dd className="n">
            {t('programme.incrementValue', {
              increment: formatIncrement(cell.increment, decimals),
              target: formatIncrement(cell.targetIncrement, decimals),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('programme.achievement')}</dt>
          {/* The year in progress has no achievement yet: its figure so far is not the year's. */}
          <dd className="n">{cell.provisional ? t('programme.inProgress') : formatAchievement(cell.achievement)}</dd>
        </div>
      </dl>
      {cell.entry && (
        <p className="hint programme-cell__source">
          {t('programme.entrySource', { source: cell.entry.source, on: cell.entry.on })}
        </p>
      )}
      <button type="button" className="link-button" aria-label={drillLabel} aria-expanded={expanded} onClick={onDrill}>
        {t('programme.drill')}
      </button>
    </div>
  );
}

/** What lies behind one KPI's year, fetched when opened. */
function Drill({ row, fy, onClose }: { row: KpiRow; fy: number; onClose: () => void }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const query = `kpi=${encodeURIComponent(row.kpi.id)}&fy=${fy}`;
  // Kept with the cell it answers: another cell opened shows nothing until its own answer.
  const [answered, setAnswered] = useState<{ query: string; answer: Ack<DrillView> } | null>(null);
  const view = answered?.query === query ? answered.answer : null;
  useEffect(() => {
    void getJson<DrillView>(`/api/programme/drill?${query}`).then((answer) => setAnswered({ query, answer }));
  }, [query]);
  const title = t('programme.drillFor', { kpi: inLanguage(row.kpi.name, language), fy: fiscalYearLabel(t, fy) });

  return (
    <section className="programme-drill" aria-label={title}>
      <h3>
        {title}
        <button type="button" className="link-button" onClick={onClose}>
          {t('programme.drillClose')}
        </button>
      </h3>
      {view && !view.ok && (
        <p className="error" role="alert">
          {describeError(t, view.error)}
        </p>
      )}
      {view?.ok && <DrillItems items={view.data.items} decimals={row.kpi.decimals} />}
    </section>
  );
}

function DrillItems({ items, decimals }: { items: DrillItem[]; decimals: number }) {
  const t = useT();
  if (items.length === 0) return <p className="muted">{t('programme.drillNone')}</p>;
  const companies = items.filter((i) => i.type === 'company');
  const pocs = items.filter((i) => i.type === 'poc');
  const outcomes = items.filter((i) => i.type === 'outcome');
  const entries = items.filter((i) => i.type === 'entry');
  return (
    <>
      {companies.length > 0 && (
        <>
          <p className="programme-drill__count">{t('programme.drillCompanies', { count: companies.length })}</p>
          <ul className="programme-drill__list programme-drill__list--columns">
            {companies.map((c) => (
              <li key={`${c.kind}:${c.name}`}>
                {c.name} <span className="muted">{t(`kind.${c.kind}`)}</span>
                <span className="muted"> · {c.events.join('、')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {pocs.length > 0 && (
        <>
          <p className="programme-drill__count">{t('programme.drillPocs', { count: pocs.length })}</p>
          <ul className="programme-drill__list">
            {pocs.map((p) => (
              <li key={p.meetingId}>
                {t('programme.drill.poc', {
                  venture: p.venture,
                  guest: p.guest,
                  event: p.eventName,
                  on: p.pocStartedOn,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {outcomes.length > 0 && (
        <>
          <p className="programme-drill__count">{t('programme.drillOutcomes', { count: outcomes.length })}</p>
          <ul className="programme-drill__list">
            {outcomes.map(({ outcome: o }) => (
              <li key={o.id}>
                {t('programme.drill.outcome', {
                  org: o.orgName,
                  kind: t(`programme.outcomeKind.${o.kind}`),
                  on: o.on,
                })}
                {o.note && <span className="muted"> · {o.note}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {entries.length > 0 && (
        <>
          <p className="programme-drill__count">{t('programme.drillEntries', { count: entries.length })}</p>
          <ul className="programme-drill__list">
            {entries.map(({ entry: e }) => (
              <li key={e.id}>
                {t('programme.drill.entry', {
                  value: formatFigure(e.value, decimals),
                  source: e.source,
                  on: e.on,
                  by: e.recordedBy,
                })}
                {e.note && <span className="muted"> · {e.note}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** The events behind the table, each with its aggregate figures (as the printed table lists them). */
export function EventFigures({ events }: { events: ProgrammeEventFigures[] }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="programme-events">
      <h2 className="card__title" id="programme-events">
        {t('programme.byEvent')}
      </h2>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('series.event')}</th>
              <th scope="col">{t('series.date')}</th>
              <th scope="col">{t('programme.fyCol')}</th>
              <th scope="col" className="n">
                {t('kpi.companies')}
              </th>
              <th scope="col" className="n">
                {t('kpi.held')}
              </th>
              <th scope="col" className="n">
                {t('kpi.pocs')}
              </th>
              <th scope="col" className="n">
                {t('programme.outcomesCol')}
              </th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.eventId}>
                <th scope="row">{e.name}</th>
                <td>{e.date}</td>
                <td>{fiscalYearLabel(t, e.fiscalYear)}</td>
                <td className="n">{e.companies.total}</td>
                <td className="n">{e.meetingsHeld}</td>
                <td className="n">{e.pocsStarted}</td>
                <td className="n">{e.regionalOutcomes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
