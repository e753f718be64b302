/**
 * The programme's open data: a public page, a CSV and a JSON of the KPI figures the organizer chose
 * to publish (publish settings: which KPIs, which fiscal years, the council's review notes, the
 * events' aggregates, consenting companies' names). Pure functions of the ProgrammeReport: what
 * goes out is built field by field from aggregates, so nothing personal can ride along (no person,
 * no note, no entry's author, no meeting) — server/integration/open-data-privacy.test.ts checks it
 * against a day where personal data was recorded everywhere. Served at /open/SLUG
 * (open-data-routes.ts), under CC BY 4.0.
 */
import {
  fiscalYearLabel,
  formatAchievement,
  formatFigure,
  formatIncrement,
  OPEN_DATA_LICENCE,
  type FigureOrigin,
  type KpiDefinition,
  type KpiYearCell,
  type ProgrammeReport,
  type PublishSettings,
} from '../../shared/programme.js';
import { eventsSection, PAGE_STYLE, reviewsSection } from './council-page.js';
import { csvDocument } from './csv.js';
import { escapeHtml as esc } from './pages.js';

type Bilingual = { ja: string; en: string };

/** What the public files carry besides the report: the publish settings and the consenting names. */
export interface OpenDataInput {
  report: ProgrammeReport;
  settings: PublishSettings;
  /** Companies that agreed to be named and took part in the published years (only read when settings.companyNames). */
  companyNames: string[];
  /** The public page's own path (/open/SLUG), for its links to the files. */
  path: string;
  /** "2027-03-15 10:00" in the programme's time zone, for the page. */
  generatedAtLocal: string;
}

/** One row of the CSV and JSON: a KPI in a published fiscal year. */
export interface OpenDataRow {
  kpi_id: string;
  name_ja: string;
  name_en: string;
  unit_ja: string;
  unit_en: string;
  fiscal_year: number;
  fiscal_year_label: string;
  /** 0 for the baseline's year, 1.. for the plan's years. */
  plan_year: number;
  baseline: number;
  target: number;
  actual: number | null;
  increment: number | null;
  target_increment: number;
  /** Percent with one decimal (81.3), null when there is none (and for the year in progress). */
  achievement_percent: number | null;
  /** The fiscal year in progress (年度途中): the actual is the figure so far, with no achievement yet. */
  provisional: boolean;
  origin: FigureOrigin;
  /** For an entered figure: the statistics it came from and their date (出典), never the note or who entered it. */
  origin_source: string | null;
  origin_date: string | null;
}

/**
 * The KPIs and fiscal years the settings publish, in the plan's order (a setting naming one the plan
 * no longer has is ignored). The baseline's year (the one before plan year 1) may be published too.
 */
function published(input: Pick<OpenDataInput, 'report' | 'settings'>) {
  const { report, settings } = input;
  const rows = report.rows.filter((r) => settings.kpiIds.includes(r.kpi.id));
  const fiscalYears = [report.plan.firstYear - 1, ...report.fiscalYears].filter((fy) =>
    settings.fiscalYears.includes(fy),
  );
  return { rows, fiscalYears };
}

const rounded = (x: number | null, decimals: number) => (x === null ? null : Number(x.toFixed(decimals)));

function openRow(kpi: KpiDefinition, cell: KpiYearCell): OpenDataRow {
  const d = kpi.decimals;
  const label = fiscalYearLabel(cell.fiscalYear);
  return {
    kpi_id: kpi.id,
    name_ja: kpi.name.ja,
    name_en: kpi.name.en,
    unit_ja: kpi.unit.ja,
    unit_en: kpi.unit.en,
    fiscal_year: cell.fiscalYear,
    fiscal_year_label: `${label.ja} / ${label.en}`,
    plan_year: cell.planYear,
    baseline: rounded(kpi.baseline, d)!,
    target: rounded(cell.target, d)!,
    actual: rounded(cell.actual, d),
    increment: rounded(cell.increment, d),
    target_increment: rounded(cell.targetIncrement, d)!,
    achievement_percent: cell.achievement === null ? null : Number((cell.achievement * 100).toFixed(1)),
    provisional: cell.provisional === true,
    // The baseline is the plan's own figure (the report marks it entered), with no source of its own.
    origin: cell.origin,
    origin_source: cell.origin === 'entered' && cell.entry ? cell.entry.source : null,
    origin_date: cell.origin === 'entered' && cell.entry ? cell.entry.on : null,
  };
}

/** A row per published KPI × published fiscal year (the baseline's year is plan year 0). */
export function openDataRows(input: Pick<OpenDataInput, 'report' | 'settings'>): OpenDataRow[] {
  const { rows, fiscalYears } = published(input);
  return rows.flatMap((row) =>
    fiscalYears.flatMap((fy) => {
      const cell = row.years.find((c) => c.fiscalYear === fy);
      return cell ? [openRow(row.kpi, cell)] : [];
    }),
  );
}

const CSV_COLUMNS: (keyof OpenDataRow)[] = [
  'kpi_id',
  'name_ja',
  'name_en',
  'unit_ja',
  'unit_en',
  'fiscal_year',
  'fiscal_year_label',
  'plan_year',
  'baseline',
  'target',
  'actual',
  'increment',
  'target_increment',
  'achievement_percent',
  'provisional',
  'origin',
  'origin_source',
  'origin_date',
];

/**
 * kpi.csv: UTF-8 with a BOM (Excel in Japanese), headers the JSON's keys so both read alike,
 * formula-looking text defused (csv.ts).
 */
export function openDataCsv(input: Pick<OpenDataInput, 'report' | 'settings'>): string {
  return csvDocument(
    CSV_COLUMNS,
    // A yes/no column reads as true/false, as in the JSON.
    openDataRows(input).map((row) => CSV_COLUMNS.map((c) => (typeof row[c] === 'boolean' ? String(row[c]) : row[c]))),
  );
}

/** The events' aggregates of the published years, without ids (nothing to join back to the app's records). */
function publishedEvents(input: Pick<OpenDataInput, 'report' | 'settings'>) {
  const { fiscalYears } = published(input);
  return input.report.events
    .filter((e) => fiscalYears.includes(e.fiscalYear))
    .map((e) => ({
      name: e.name,
      date: e.date,
      fiscal_year: e.fiscalYear,
      companies: { ...e.companies },
      meetings_held: e.meetingsHeld,
      pocs_started: e.pocsStarted,
      regional_outcomes: e.regionalOutcomes,
    }));
}

/** kpi.json: the rows, with the programme's name, the licence, the KPIs' definitions and what else is published. */
export function openDataJson(input: OpenDataInput): Record<string, unknown> {
  const { report, settings } = input;
  const { rows, fiscalYears } = published(input);
  return {
    programme: { name: { ja: report.plan.name.ja, en: report.plan.name.en } },
    licence: { ...OPEN_DATA_LICENCE },
    generated_at: new Date(report.generatedAt).toISOString(),
    fiscal_years: fiscalYears,
    kpis: rows.map(({ kpi }) => ({
      id: kpi.id,
      name: { ...kpi.name },
      unit: { ...kpi.unit },
      baseline: kpi.baseline,
      baseline_fiscal_year: report.plan.firstYear - 1,
      aggregation: kpi.aggregation,
      decimals: kpi.decimals,
      definition: { ...kpi.definition },
    })),
    rows: openDataRows(input),
    ...(settings.reviews
      ? {
          reviews: report.reviews
            .filter((r) => fiscalYears.includes(r.fiscalYear))
            .map((r) => ({ fiscal_year: r.fiscalYear, worked: r.worked, next: r.next })),
        }
      : {}),
    ...(settings.events ? { events: publishedEvents(input) } : {}),
    ...(settings.companyNames ? { companies: [...input.companyNames] } : {}),
  };
}

// ---- the public page ----

const TEXT = {
  title: { ja: 'KPI（重要業績評価指標）の状況', en: 'Key performance indicators' },
  intro: {
    ja: 'この事業の成果指標と年度ごとの目標・実績です。数値はイベントの記録から集計したもの（集計）、または事務局が統計から入力したもの（入力、出典と日付を付記）です。個人に関する情報は含みません。',
    en: 'The programme’s indicators with their targets and results by fiscal year, counted from the events’ records (counted) or entered by the secretariat from official statistics (entered, with the source and its date). No personal data is included.',
  },
  kpi: { ja: '指標', en: 'Indicator' },
  baseline: { ja: '基準値', en: 'Baseline' },
  target: { ja: '目標', en: 'Target' },
  actual: { ja: '実績', en: 'Actual' },
  increment: { ja: '増加（実績 / 目標）', en: 'Increase (actual / target)' },
  achievement: { ja: '達成率', en: 'Achievement' },
  inProgress: { ja: '年度途中', en: 'in progress' },
  origin: { ja: '出典', en: 'Source' },
  counted: { ja: '集計', en: 'counted' },
  entered: { ja: '入力', en: 'entered' },
  none: { ja: '未集計', en: 'no figure yet' },
  definitions: { ja: '指標の定義', en: 'How each indicator is counted' },
  companies: {
    ja: '参加企業・団体（掲載に同意した企業）',
    en: 'Participating companies (those that agreed to be named)',
  },
  noCompanies: { ja: '掲載に同意した企業はまだありません。', en: 'No company has agreed to be named yet.' },
  nothing: { ja: '公開している指標はまだありません。', en: 'No indicator is published yet.' },
  data: { ja: 'オープンデータ', en: 'Open data' },
  csv: { ja: 'CSV（UTF-8）', en: 'CSV (UTF-8)' },
  json: { ja: 'JSON', en: 'JSON' },
  licence: { ja: 'ライセンス', en: 'Licence' },
  licenceNote: {
    ja: '出典を記載すれば、どなたでも自由に利用できます（政府標準利用規約 第2.0版と互換）。',
    en: 'Free to use by anyone with attribution (compatible with the Japanese government’s standard terms of use, version 2.0).',
  },
  generated: { ja: '更新日時', en: 'Updated' },
} as const satisfies Record<string, Bilingual>;

const bi = (text: Bilingual) => `${esc(text.ja)} <span class="en" lang="en">${esc(text.en)}</span>`;
const ORIGIN: Record<FigureOrigin, Bilingual> = { counted: TEXT.counted, entered: TEXT.entered, none: TEXT.none };

function publicTable(input: OpenDataInput): string {
  const { rows, fiscalYears } = published(input);
  if (rows.length === 0 || fiscalYears.length === 0) return `<p class="empty">${bi(TEXT.nothing)}</p>`;
  // Each item's label, its cell in a plan year, and in the baseline's year (the plan's own figure).
  const items: [string, Bilingual, (kpi: KpiDefinition, c: KpiYearCell) => string, (kpi: KpiDefinition) => string][] = [
    ['target', TEXT.target, (k, c) => formatFigure(c.target, k.decimals), (k) => formatFigure(k.baseline, k.decimals)],
    ['actual', TEXT.actual, (k, c) => formatFigure(c.actual, k.decimals), (k) => formatFigure(k.baseline, k.decimals)],
    [
      'increment',
      TEXT.increment,
      (k, c) => `${formatIncrement(c.increment, k.decimals)} / ${formatIncrement(c.targetIncrement, k.decimals)}`,
      () => '',
    ],
    [
      'achievement',
      TEXT.achievement,
      (_k, c) => (c.provisional ? bi(TEXT.inProgress) : formatAchievement(c.achievement)),
      () => '',
    ],
    [
      'origin',
      TEXT.origin,
      (_k, c) =>
        `${bi(ORIGIN[c.origin])}${c.origin === 'entered' && c.entry ? `<br><small>${esc(c.entry.source)}（${esc(c.entry.on)}）</small>` : ''}`,
      () => bi(TEXT.baseline),
    ],
  ];
  const groups = rows.map(({ kpi, years }) => {
    const cells = fiscalYears.map((fy) => years.find((c) => c.fiscalYear === fy) ?? null);
    const head = `<th class="kpi" rowspan="${items.length}"><span class="kpi-name">${esc(kpi.name.ja)}</span>${
      kpi.name.en ? `<span class="en" lang="en">${esc(kpi.name.en)}</span>` : ''
    }<small>${esc(kpi.unit.ja)} · ${bi(TEXT.baseline)} ${formatFigure(kpi.baseline, kpi.decimals)}</small></th>`;
    const lines = items.map(
      ([key, label, cell, baseCell], i) =>
        `<tr data-row="${key}">${i === 0 ? head : ''}<th class="item">${bi(label)}</th>${cells
          .map(
            (c, j) =>
              `<td class="n" data-fy="${fiscalYears[j]}">${c ? (c.planYear === 0 ? baseCell(kpi) : cell(kpi, c)) : '—'}</td>`,
          )
          .join('')}</tr>`,
    );
    return `<tbody class="kpi-group" data-kpi="${esc(kpi.id)}">\n${lines.join('\n')}\n</tbody>`;
  });
  const baselineYear = input.report.plan.firstYear - 1;
  const heads = fiscalYears.map((fy) => {
    const y = fiscalYearLabel(fy);
    const label = `${esc(y.ja)}<br><span class="en" lang="en">${esc(y.en)}</span>`;
    return `<th class="n">${fy === baselineYear ? `${bi(TEXT.baseline)}<br>${label}` : label}</th>`;
  });
  return `<div class="scroll"><table class="kpis">
<thead><tr><th>${bi(TEXT.kpi)}</th><th></th>${heads.join('')}</tr></thead>
${groups.join('\n')}
</table></div>
<section class="definitions"><h2>${bi(TEXT.definitions)}</h2><ul>
${rows
  .map(
    ({ kpi }) =>
      `<li><strong>${esc(kpi.name.ja)}</strong>：${esc(kpi.definition.ja)}${kpi.definition.en ? ` <span class="en" lang="en">${esc(kpi.definition.en)}</span>` : ''}</li>`,
  )
  .join('\n')}
</ul></section>`;
}

function companiesSection(names: string[]): string {
  const body = names.length
    ? `<ul class="companies">${names.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`
    : `<p class="empty">${bi(TEXT.noCompanies)}</p>`;
  return `<section class="companies"><h2>${bi(TEXT.companies)}</h2>\n${body}\n</section>`;
}

/** The public page (GET /open/SLUG): a responsive page a city's site links to, the same figures as the files. */
export function openDataPage(input: OpenDataInput): string {
  const { report, settings } = input;
  const { fiscalYears } = published(input);
  const name = report.plan.name;
  const events = report.events.filter((e) => fiscalYears.includes(e.fiscalYear));
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(name.ja)} ${esc(TEXT.title.ja)}${name.en ? ` / ${esc(name.en)}: ${esc(TEXT.title.en)}` : ''}</title>
<link rel="alternate" type="text/csv" href="${esc(input.path)}/kpi.csv">
<link rel="alternate" type="application/json" href="${esc(input.path)}/kpi.json">
<style>
${PAGE_STYLE}
  @page { size: A4 landscape; margin: 12mm; }
  .sheet { max-width: 273mm; margin: 0 auto; padding: 1.25rem 1rem 2rem; }
  .scroll { overflow-x: auto; }
  th.kpi { min-width: 40mm; }
  /* A phone: the labels wrap so the first year's figures are on screen; later years scroll. */
  @media (max-width: 40rem) {
    .sheet { padding: 1rem .5rem 2rem; }
    th.kpi { min-width: 0; width: 7.5rem; }
    th.item { white-space: normal; width: 5.5rem; }
    th.item .en { display: block; }
  }
  .companies ul { columns: 3 14rem; padding-left: 5mm; }
  .files a { margin-right: 1rem; }
  @media print { .sheet { padding: 0; } }
</style>
</head>
<body>
<main class="sheet">
<header>
  <h1>${esc(name.ja)} ${esc(TEXT.title.ja)}${name.en ? ` <span class="en" lang="en">${esc(name.en)}: ${esc(TEXT.title.en)}</span>` : ''}</h1>
  <p class="meta">${bi(TEXT.intro)}</p>
</header>
${publicTable(input)}
${settings.reviews ? reviewsSection(report.reviews, fiscalYears) : ''}
${settings.events ? eventsSection(events, false) : ''}
${settings.companyNames ? companiesSection(input.companyNames) : ''}
<section class="files"><h2>${bi(TEXT.data)}</h2>
<p><a href="${esc(input.path)}/kpi.csv" download>${bi(TEXT.csv)}</a> <a href="${esc(input.path)}/kpi.json">${bi(TEXT.json)}</a></p>
<p>${bi(TEXT.licence)}: <a href="${esc(OPEN_DATA_LICENCE.url)}" rel="license">${esc(OPEN_DATA_LICENCE.name)}</a> (${esc(OPEN_DATA_LICENCE.id)})</p>
<p class="note">${bi(TEXT.licenceNote)}</p>
<p class="meta">${bi(TEXT.generated)}: ${esc(input.generatedAtLocal)}</p>
</section>
</main>
</body>
</html>`;
}
