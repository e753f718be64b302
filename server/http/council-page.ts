/**
 * The council's table (協議会資料): the programme's KPIs by fiscal year on one A4 landscape page,
 * laid out like the plan the council approved — baseline, then per fiscal year the target, the
 * actual figure, the cumulative increment against the cumulative target increment, the achievement
 * and where the figure came from — with each KPI's definition, the council's review notes (PDCA)
 * and the event-by-event figures behind it. Japanese, with English beside each label, as the
 * council reads it and a foreign partner can follow it. Pure HTML and print CSS like the event
 * report (report-page.ts): a function of the ProgrammeReport, organizer-only (GET
 * /organizer/programme/report, open-data-routes.ts).
 */
import {
  fiscalYearLabel,
  formatAchievement,
  formatFigure,
  formatIncrement,
  type FigureOrigin,
  type KpiDefinition,
  type KpiReview,
  type KpiRow,
  type KpiYearCell,
  type ProgrammeEventFigures,
  type ProgrammeReport,
} from '../../shared/programme.js';
import { escapeHtml as esc } from './pages.js';
import { PRINT_SCRIPT_TAG } from './print-script.js';

type Bilingual = { ja: string; en: string };

/** Every sentence and label of the page, Japanese and English (server-rendered pages keep theirs here). */
const TEXT = {
  title: { ja: 'KPI 進捗状況', en: 'KPI progress' },
  kpi: { ja: '指標', en: 'KPI' },
  item: { ja: '項目', en: 'Item' },
  baseline: { ja: '基準値', en: 'Baseline' },
  target: { ja: '目標値', en: 'Target' },
  actual: { ja: '実績値', en: 'Actual' },
  increment: { ja: '増加 実績/目標', en: 'Increase, actual / target' },
  achievement: { ja: '達成率', en: 'Achievement' },
  inProgress: { ja: '年度途中', en: 'in progress' },
  origin: { ja: '出典', en: 'Source' },
  counted: { ja: '集計', en: 'counted' },
  entered: { ja: '入力', en: 'entered' },
  none: { ja: '未集計', en: 'no figure yet' },
  annual: { ja: '単年度', en: 'per year' },
  cumulative: { ja: '累計', en: 'cumulative' },
  definitions: { ja: '指標の定義', en: 'How each KPI is counted' },
  achievementNote: {
    ja: '達成率＝累計増加の実績 ÷ 累計増加の目標（基準値からの増加分で比べる）。目標増加が0の年度は「—」。',
    en: 'Achievement = the actual increase over the baseline ÷ the target increase. “—” where the target increase is 0.',
  },
  reviews: { ja: '協議会の評価・改善（PDCA）', en: 'The council’s review (PDCA)' },
  worked: { ja: '成果・良かった点', en: 'What worked' },
  next: { ja: '次年度への改善', en: 'What changes next time' },
  noReviews: { ja: '評価はまだ記入されていません。', en: 'No review recorded yet.' },
  events: { ja: 'イベント別の実績', en: 'Figures by event' },
  event: { ja: 'イベント', en: 'Event' },
  date: { ja: '開催日', en: 'Date' },
  fiscalYear: { ja: '年度', en: 'Fiscal year' },
  firm: { ja: '地元企業', en: 'Local firms' },
  venture: { ja: 'ベンチャー', en: 'Ventures' },
  partner: { ja: 'パートナー', en: 'Partners' },
  companies: { ja: '参加社数', en: 'Companies' },
  held: { ja: '面談実施', en: 'Meetings held' },
  pocs: { ja: 'PoC開始', en: 'PoCs started' },
  outcomes: { ja: '域内創業・拠点開設', en: 'Founded / relocated' },
  eventsNote: {
    ja: '参加社数はイベントごとの数（複数回参加した企業はそれぞれで数える）。年度の参加社数（上の表）は重複なし。',
    en: 'Companies per event: a company at two events counts at each; the fiscal year’s figure above counts it once.',
  },
  noEvents: { ja: 'イベントはまだありません。', en: 'No events yet.' },
  total: { ja: '合計', en: 'Total' },
  generated: { ja: '作成日時', en: 'Generated' },
  print: { ja: '印刷 / PDF保存', en: 'Print / save as PDF' },
} as const satisfies Record<string, Bilingual>;

// ---- the page ----

/** A label in Japanese with its English beside it, smaller. */
const bi = (text: Bilingual) => `${esc(text.ja)} <span class="en" lang="en">${esc(text.en)}</span>`;

const originLabel: Record<FigureOrigin, Bilingual> = {
  counted: TEXT.counted,
  entered: TEXT.entered,
  none: TEXT.none,
};

function originCell(cell: KpiYearCell): string {
  const label = bi(originLabel[cell.origin]);
  if (cell.origin !== 'entered' || !cell.entry) return label;
  // An entered figure says where it came from and as of when (the employment office, its date).
  return `${label}<br><small>${esc(cell.entry.source)}（${esc(cell.entry.on)}）</small>`;
}

/** The unit in Japanese, and in English when it differs (件 projects; % stays %). */
function unitLabel(kpi: KpiDefinition): string {
  const en = kpi.unit.en && kpi.unit.en !== kpi.unit.ja ? ` <span class="en" lang="en">${esc(kpi.unit.en)}</span>` : '';
  return `${esc(kpi.unit.ja)}${en}`;
}

/** The items of a KPI's row group, in the order the plan's table reads them. */
const ITEMS = ['target', 'actual', 'increment', 'achievement', 'origin'] as const;

/** One KPI's row group: a row per item, a column for the baseline and each fiscal year. */
function kpiGroup(row: KpiRow, fiscalYears: number[]): string {
  const { kpi } = row;
  const d = kpi.decimals;
  const base = row.years.find((c) => c.planYear === 0);
  const cells = fiscalYears.map((fy) => row.years.find((c) => c.fiscalYear === fy && c.planYear > 0) ?? null);
  const head = `<th class="kpi" rowspan="${ITEMS.length}"><span class="kpi-name">${esc(kpi.name.ja)}</span>${
    kpi.name.en ? `<span class="en" lang="en">${esc(kpi.name.en)}</span>` : ''
  }<small>${unitLabel(kpi)} · ${bi(kpi.aggregation === 'cumulative' ? TEXT.cumulative : TEXT.annual)}</small></th>`;
  // Per item: its label, the baseline column, and a year's cell. Every KPI has a cell in each plan
  // year (past its own increments its target stays at its last); '—' only if a year has no cell.
  const items: Record<(typeof ITEMS)[number], [string, string, (c: KpiYearCell) => string]> = {
    target: [bi(TEXT.target), formatFigure(kpi.baseline, d), (c) => formatFigure(c.target, d)],
    actual: [bi(TEXT.actual), formatFigure(base?.actual ?? kpi.baseline, d), (c) => formatFigure(c.actual, d)],
    increment: [
      bi(TEXT.increment),
      '',
      (c) => `${formatIncrement(c.increment, d)} / ${formatIncrement(c.targetIncrement, d)}`,
    ],
    // The year in progress has no achievement yet: its figure so far is not the year's.
    achievement: [
      bi(TEXT.achievement),
      '',
      (c) => (c.provisional ? bi(TEXT.inProgress) : formatAchievement(c.achievement)),
    ],
    origin: [bi(TEXT.origin), '', originCell],
  };
  const rows = ITEMS.map((key, i) => {
    const [label, baseCell, cell] = items[key];
    const years = cells.map((c, j) => `<td class="n" data-fy="${fiscalYears[j]}">${c ? cell(c) : '—'}</td>`);
    return `<tr data-row="${key}">${i === 0 ? head : ''}<th class="item">${label}</th><td class="n" data-fy="baseline">${baseCell}</td>${years.join('')}</tr>`;
  });
  return `<tbody class="kpi-group" data-kpi="${esc(kpi.id)}">
${rows.join('\n')}
</tbody>`;
}

function kpiTable(report: ProgrammeReport): string {
  const base = fiscalYearLabel(report.plan.firstYear - 1);
  const years = report.fiscalYears.map(fiscalYearLabel);
  return `<table class="kpis">
<colgroup><col class="c-kpi"><col class="c-item"><col span="${years.length + 1}"></colgroup>
<thead><tr><th>${bi(TEXT.kpi)}</th><th>${bi(TEXT.item)}</th><th class="n">${bi(TEXT.baseline)}<br><small>${esc(base.ja)} <span lang="en">${esc(base.en)}</span></small></th>${years
    .map((y) => `<th class="n">${esc(y.ja)}<br><span class="en" lang="en">${esc(y.en)}</span></th>`)
    .join('')}</tr></thead>
${report.rows.map((row) => kpiGroup(row, report.fiscalYears)).join('\n')}
</table>`;
}

function definitions(kpis: KpiDefinition[]): string {
  const items = kpis
    .map(
      (k) =>
        `<li data-kpi="${esc(k.id)}"><strong>${esc(k.name.ja)}</strong>：${esc(k.definition.ja)}${
          k.definition.en ? ` <span class="en" lang="en">${esc(k.definition.en)}</span>` : ''
        }</li>`,
    )
    .join('\n');
  return `<section class="definitions"><h2>${bi(TEXT.definitions)}</h2>
<ul>
${items}
</ul>
<p>${bi(TEXT.achievementNote)}</p></section>`;
}

/** The council's notes per fiscal year, in plan order; line breaks kept as written. */
export function reviewsSection(reviews: KpiReview[], fiscalYears: number[]): string {
  const shown = fiscalYears
    .map((fy) => reviews.find((r) => r.fiscalYear === fy))
    .filter((r): r is KpiReview => r !== undefined && (r.worked !== '' || r.next !== ''));
  const body = shown.length
    ? shown
        .map((r) => {
          const y = fiscalYearLabel(r.fiscalYear);
          return `<div class="review" data-fy="${r.fiscalYear}"><h3>${esc(y.ja)} <span class="en" lang="en">${esc(y.en)}</span></h3>
<dl><dt>${bi(TEXT.worked)}</dt><dd>${esc(r.worked) || '—'}</dd><dt>${bi(TEXT.next)}</dt><dd>${esc(r.next) || '—'}</dd></dl></div>`;
        })
        .join('\n')
    : `<p class="empty">${bi(TEXT.noReviews)}</p>`;
  return `<section class="reviews"><h2>${bi(TEXT.reviews)}</h2>
${body}
</section>`;
}

/**
 * The events behind the figures, oldest first, with a total per column. `marked` tags each row with
 * its event id for tests and the console; the public page leaves the app's ids out.
 */
export function eventsSection(events: ProgrammeEventFigures[], marked = true): string {
  if (events.length === 0)
    return `<section class="events"><h2>${bi(TEXT.events)}</h2><p class="empty">${bi(TEXT.noEvents)}</p></section>`;
  const n = (x: number) => formatFigure(x, 0);
  const columns = (e: Omit<ProgrammeEventFigures, 'eventId' | 'name' | 'date' | 'fiscalYear'>) =>
    `<td class="n">${n(e.companies.firm)}</td><td class="n">${n(e.companies.venture)}</td><td class="n">${n(e.companies.partner)}</td><td class="n">${n(e.companies.total)}</td><td class="n">${n(e.meetingsHeld)}</td><td class="n">${n(e.pocsStarted)}</td><td class="n">${n(e.regionalOutcomes)}</td>`;
  const rows = [...events]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map(
      (e) =>
        `<tr${marked ? ` data-event="${esc(e.eventId)}"` : ''}><th>${esc(e.name)}</th><td class="d">${esc(e.date)}</td><td class="d">${esc(fiscalYearLabel(e.fiscalYear).ja)}</td>${columns(e)}</tr>`,
    );
  const sum = (pick: (e: ProgrammeEventFigures) => number) => events.reduce((s, e) => s + pick(e), 0);
  const total = columns({
    companies: {
      firm: sum((e) => e.companies.firm),
      venture: sum((e) => e.companies.venture),
      partner: sum((e) => e.companies.partner),
      total: sum((e) => e.companies.total),
    },
    meetingsHeld: sum((e) => e.meetingsHeld),
    pocsStarted: sum((e) => e.pocsStarted),
    regionalOutcomes: sum((e) => e.regionalOutcomes),
  });
  return `<section class="events"><h2>${bi(TEXT.events)}</h2>
<table>
<thead><tr><th>${bi(TEXT.event)}</th><th>${bi(TEXT.date)}</th><th>${bi(TEXT.fiscalYear)}</th><th class="n">${bi(TEXT.firm)}</th><th class="n">${bi(TEXT.venture)}</th><th class="n">${bi(TEXT.partner)}</th><th class="n">${bi(TEXT.companies)}</th><th class="n">${bi(TEXT.held)}</th><th class="n">${bi(TEXT.pocs)}</th><th class="n">${bi(TEXT.outcomes)}</th></tr></thead>
<tbody>
${rows.join('\n')}
<tr class="total" data-event="total"><th colspan="3">${bi(TEXT.total)}</th>${total}</tr>
</tbody>
</table>
<p class="note">${bi(TEXT.eventsNote)}</p>
</section>`;
}

/** The style both pages share: the house's print look (report-page.ts), set for A4 landscape here. */
export const PAGE_STYLE = `
  * { box-sizing: border-box; }
  body { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", system-ui, sans-serif; color: #1d2433; margin: 0; font-size: 9pt; }
  header { border-bottom: 2px solid #0b5cad; margin-bottom: 4mm; padding-bottom: 2mm; }
  h1 { font-size: 15pt; margin: 0 0 1mm; }
  h2 { font-size: 11pt; margin: 5mm 0 2mm; color: #0b5cad; break-after: avoid; }
  h3 { font-size: 10pt; margin: 2mm 0 1mm; }
  .meta { margin: 0; color: #4a5468; }
  .en { color: #4a5468; font-size: .85em; font-weight: 400; }
  table { width: 100%; border-collapse: collapse; }
  th, td { border: 1px solid #c9cfdb; padding: .6mm 1.6mm; text-align: left; vertical-align: top; }
  thead th { background: #eef2f8; font-weight: 600; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
  td.n { white-space: nowrap; }
  tbody.kpi-group { break-inside: avoid; }
  tbody.kpi-group tr:first-child th, tbody.kpi-group tr:first-child td { border-top: 2px solid #8a94a8; }
  th.kpi { width: 58mm; background: #f7f9fc; }
  th.kpi .kpi-name { display: block; font-weight: 700; }
  th.kpi > .en { display: block; }
  th.kpi small { display: block; margin-top: 1mm; color: #4a5468; font-weight: 400; }
  th.item { font-weight: 400; width: 40mm; white-space: nowrap; background: #fbfcfe; }
  tr[data-row="achievement"] td { font-weight: 700; }
  tr[data-row="origin"] td { white-space: normal; }
  td.d { white-space: nowrap; }
  tr.total th, tr.total td { font-weight: 700; background: #f7f9fc; }
  .definitions ul { margin: 0; padding-left: 5mm; }
  .definitions li, .definitions p, .note { line-height: 1.45; color: #4a5468; }
  .reviews .review { break-inside: avoid; }
  .reviews dl { display: grid; grid-template-columns: 45mm 1fr; gap: 1mm 3mm; margin: 0 0 2mm; }
  .reviews dt { font-weight: 600; }
  .reviews dd { margin: 0; white-space: pre-wrap; line-height: 1.5; }
  .empty { color: #4a5468; }
`;

/**
 * The whole page. `generatedAt` is already local time ("2027-03-15 10:00", the programme's time
 * zone), as the event report prints it.
 */
export function councilPage(report: ProgrammeReport, generatedAt: string): string {
  const name = report.plan.name;
  const years = report.fiscalYears.map(fiscalYearLabel);
  const span = years.length ? `${years[0]!.ja}〜${years[years.length - 1]!.ja}` : '';
  const spanEn = years.length ? `${years[0]!.en}–${years[years.length - 1]!.en}` : '';
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(name.ja)} ${esc(TEXT.title.ja)} / ${esc(name.en || name.ja)}: ${esc(TEXT.title.en)}</title>
${PRINT_SCRIPT_TAG}
<style>
  @page { size: A4 landscape; margin: 12mm; }
  .sheet { width: 273mm; margin: 0 auto; padding: 8mm 0; }
  .print { position: fixed; top: 1rem; right: 1rem; padding: .5rem 1rem; font: inherit; }
  @media print { .print { display: none; } .sheet { width: auto; padding: 0; } }
${PAGE_STYLE}
</style>
</head>
<body>
<button class="print" type="button" data-print>${bi(TEXT.print)}</button>
<main class="sheet">
<header>
  <h1>${esc(name.ja)} ${esc(TEXT.title.ja)}${name.en ? ` <span class="en" lang="en">${esc(name.en)}: ${esc(TEXT.title.en)}</span>` : ''}</h1>
  <p class="meta">${esc(span)} <span lang="en">${esc(spanEn)}</span> · ${bi(TEXT.generated)}: <span data-generated>${esc(generatedAt)}</span></p>
</header>
${kpiTable(report)}
${definitions(report.rows.map((r) => r.kpi))}
${reviewsSection(report.reviews, report.fiscalYears)}
${eventsSection(report.events)}
</main>
</body>
</html>`;
}
