/**
 * The KPI report the city publishes: one printable A4 page, Japanese or English, for one event
 * (against the previous event of the series and the organizer's targets) or for the whole series.
 * Pure HTML and print CSS, like the badge sheet: open it and print, or save as PDF.
 */
import type { KpiFigures, KpiTargets } from '../../shared/console.js';
import type { EventInfo } from '../../shared/model.js';
import { reportComparisons, type Comparison } from '../domain/kpi.js';
import type { Lang } from './exports.js';
import { escapeHtml as esc } from './pages.js';
import { PRINT_SCRIPT_TAG } from './print-script.js';

const TEXT = {
  ja: {
    title: 'マッチングイベント 成果報告',
    seriesTitle: 'マッチングイベント シリーズ成果報告',
    companies: '参加企業数',
    kind: '区分',
    thisEvent: '今回',
    previous: '前回',
    target: '目標',
    ofTarget: '達成率',
    firm: '地元企業',
    venture: 'ベンチャー',
    partner: 'パートナー',
    total: '合計',
    meetings: '面談',
    requested: '面談申込',
    accepted: '承諾',
    acceptance: '承諾率',
    booked: '面談予約',
    held: '面談実施',
    noShow: '不参加',
    followUp: 'フォローアップ',
    followUps: 'フォローアップ案件',
    pocs: '実証実験（PoC）開始',
    contracts: '契約',
    firmsMet: 'ベンチャーと面談した地元企業の割合',
    firmsMetOf: (met: number, of: number) => `${of}社中${met}社`,
    wanted: '面談希望（組）',
    wantedScheduled: '希望のうち面談予約',
    wantedHeld: '希望のうち面談実施',
    wantedMet: '面談希望のうち実施できた割合',
    wantedMetOf: (met: number, of: number) => `${of}組中${met}組`,
    people: '来場者数',
    interests: '関心表明',
    wantToMeet: 'うち「会いたい」',
    events: '開催',
    date: '開催日',
    venue: '会場',
    distinct: '参加企業（実数、重複なし）',
    generated: '作成',
    noPrevious: '前回なし',
    definitions:
      '参加企業数：1名以上が受付した企業・団体の数。承諾率：承諾 ÷（承諾＋辞退）。面談希望：「会いたい」または面談申込（どちらから、結果を問わず）のあったベンチャーと企業・団体の組。フォローアップ：実施した面談のうち成果が「フォローアップ」「PoC検討」「PoC開始」「契約」のもの。PoC開始：開始日が記録された面談。',
    print: '印刷 / PDF保存',
  },
  en: {
    title: 'Matching event: results',
    seriesTitle: 'Matching events: series results',
    companies: 'Participating companies',
    kind: 'Kind',
    thisEvent: 'This event',
    previous: 'Previous',
    target: 'Target',
    ofTarget: 'Of target',
    firm: 'Local firms',
    venture: 'Ventures',
    partner: 'Partners',
    total: 'Total',
    meetings: 'Meetings',
    requested: 'Meetings requested',
    accepted: 'Accepted',
    acceptance: 'Acceptance rate',
    booked: 'Meetings booked',
    held: 'Meetings held',
    noShow: 'No-shows',
    followUp: 'Follow-up',
    followUps: 'Follow-up projects',
    pocs: 'Proofs of concept started',
    contracts: 'Contracts',
    firmsMet: 'Local firms that met at least one venture',
    firmsMetOf: (met: number, of: number) => `${met} of ${of}`,
    wanted: 'Meetings wanted (pairs)',
    wantedScheduled: 'Wanted: booked',
    wantedHeld: 'Wanted: held',
    wantedMet: 'Wanted meetings that took place',
    wantedMetOf: (met: number, of: number) => `${met} of ${of} pairs`,
    people: 'Attendees checked in',
    interests: 'Interest tags',
    wantToMeet: 'of which “want to meet”',
    events: 'Events',
    date: 'Date',
    venue: 'Venue',
    distinct: 'Participating companies (each counted once)',
    generated: 'Generated',
    noPrevious: 'no previous event',
    definitions:
      'Participating companies: organizations with at least one person checked in. Acceptance rate: accepted ÷ (accepted + declined). Meetings wanted: pairs of a venture and a firm or partner where a side tapped “want to meet” or requested a meeting, whatever became of it. Follow-up projects: held meetings whose outcome is follow-up, PoC planned, PoC started or contract. PoCs started: meetings with a PoC start date.',
    print: 'Print / save as PDF',
  },
} as const;

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
const num = (x: number | null) => (x === null ? '—' : x.toLocaleString('ja-JP'));

function comparisonCells(c: Comparison): string {
  return `<td class="n">${num(c.value)}</td><td class="n">${num(c.previous)}</td><td class="n">${num(c.target)}</td><td class="n">${pct(c.ofTarget)}</td>`;
}

function page(lang: Lang, title: string, body: string, generatedAt: string): string {
  const t = TEXT[lang];
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
${PRINT_SCRIPT_TAG}
<style>
  @page { size: A4 portrait; margin: 15mm; }
  * { box-sizing: border-box; }
  body { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", system-ui, sans-serif; color: #1d2433; margin: 0; font-size: 10.5pt; }
  .sheet { width: 180mm; margin: 0 auto; padding: 8mm 0; }
  header { border-bottom: 2px solid #0b5cad; margin-bottom: 5mm; padding-bottom: 3mm; }
  h1 { font-size: 17pt; margin: 0 0 2mm; }
  .meta { margin: 0; color: #4a5468; }
  h2 { font-size: 12pt; margin: 5mm 0 2mm; color: #0b5cad; }
  table { width: 100%; border-collapse: collapse; }
  th, td { border: 1px solid #c9cfdb; padding: 1.1mm 2.4mm; text-align: left; }
  th { background: #eef2f8; font-weight: 600; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; }
  .figure { border: 1px solid #c9cfdb; border-radius: 2mm; padding: 2mm 3mm; }
  .figure .value { font-size: 15pt; font-weight: 700; display: block; }
  .figure .label { color: #4a5468; }
  .definitions { color: #4a5468; font-size: 8.5pt; margin-top: 4mm; line-height: 1.5; }
  .print { position: fixed; top: 1rem; right: 1rem; padding: .5rem 1rem; font: inherit; }
  @media print { .print { display: none; } .sheet { padding: 0; } }
</style>
</head>
<body>
<button class="print" type="button" data-print>${esc(t.print)}</button>
<main class="sheet">
${body}
<p class="definitions">${esc(t.definitions)}</p>
<p class="definitions">${t.generated}: ${esc(generatedAt)}</p>
</main>
</body>
</html>`;
}

function figureBoxes(lang: Lang, f: KpiFigures): string {
  const t = TEXT[lang];
  const box = (label: string, value: string, id: string) =>
    `<div class="figure" data-kpi="${id}"><span class="value">${value}</span><span class="label">${esc(label)}</span></div>`;
  return `<div class="figures">
${box(t.requested, num(f.requests.total), 'requested')}
${box(t.acceptance, pct(f.acceptanceRate), 'acceptance')}
${box(t.held, num(f.meetings.held), 'held')}
${box(t.followUps, num(f.followUps), 'follow-ups')}
${box(t.pocs, num(f.pocsStarted), 'pocs')}
${box(t.firmsMet, `${pct(f.firmsMetShare)} <small>(${esc(t.firmsMetOf(f.firmsMet, f.companies.firm))})</small>`, 'firms-met')}
</div>`;
}

/** The counts behind the headline figures, two to a row so the page stays one A4 sheet. */
function meetingsTable(lang: Lang, f: KpiFigures): string {
  const t = TEXT[lang];
  const cells: [string, string, string][] = [
    [t.people, num(f.people), 'people'],
    [t.interests, `${num(f.interests.total)} (${esc(t.wantToMeet)} ${num(f.interests.wantToMeet)})`, 'interests'],
    [t.requested, num(f.requests.total), 'requested-row'],
    [t.accepted, num(f.requests.accepted), 'accepted'],
    [t.booked, num(f.meetings.booked), 'booked'],
    [t.held, num(f.meetings.held), 'held-row'],
    [t.noShow, num(f.meetings.noShow), 'no-show'],
    [t.contracts, num(f.contracts), 'contracts'],
    [t.wanted, num(f.wanted.pairs), 'wanted'],
    [t.wantedScheduled, num(f.wanted.scheduled), 'wanted-scheduled'],
    [t.wantedHeld, num(f.wanted.held), 'wanted-held'],
    [t.wantedMet, `${pct(f.wantedMetShare)} (${esc(t.wantedMetOf(f.wanted.held, f.wanted.pairs))})`, 'wanted-met'],
  ];
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 2) {
    rows.push(
      `<tr>${cells
        .slice(i, i + 2)
        .map(([label, value, id]) => `<th>${esc(label)}</th><td class="n" data-kpi="${id}">${value}</td>`)
        .join('')}</tr>`,
    );
  }
  return `<table>\n${rows.join('\n')}\n</table>`;
}

export function eventReportPage(args: {
  lang: Lang;
  event: EventInfo;
  figures: KpiFigures;
  previous: { event: EventInfo; figures: KpiFigures } | null;
  targets: KpiTargets;
  generatedAt: string;
}): string {
  const { lang, event, figures } = args;
  const t = TEXT[lang];
  const c = reportComparisons(figures, args.previous?.figures ?? null, args.targets);
  const kindRow = (kind: 'firm' | 'venture' | 'partner' | 'companies', label: string) =>
    `<tr data-kpi="companies-${kind}"><th>${esc(label)}</th>${comparisonCells(c[kind])}</tr>`;
  const previousNote = args.previous
    ? `${esc(t.previous)}: ${esc(args.previous.event.name)} (${esc(args.previous.event.date)})`
    : esc(t.noPrevious);
  const body = `<header>
  <h1>${esc(t.title)}</h1>
  <p class="meta"><strong>${esc(event.name)}</strong> — ${esc(t.date)} ${esc(event.date)}${event.venue ? ` · ${esc(t.venue)} ${esc(event.venue)}` : ''}</p>
  <p class="meta">${previousNote}</p>
</header>
<h2>${esc(t.companies)}</h2>
<table>
<tr><th>${esc(t.kind)}</th><th class="n">${esc(t.thisEvent)}</th><th class="n">${esc(t.previous)}</th><th class="n">${esc(t.target)}</th><th class="n">${esc(t.ofTarget)}</th></tr>
${kindRow('firm', t.firm)}
${kindRow('venture', t.venture)}
${kindRow('partner', t.partner)}
${kindRow('companies', t.total)}
</table>
<h2>${esc(t.meetings)} · ${esc(t.followUp)}</h2>
${figureBoxes(lang, figures)}
<table style="margin-top:3mm">
<tr><th></th><th class="n">${esc(t.thisEvent)}</th><th class="n">${esc(t.previous)}</th><th class="n">${esc(t.target)}</th><th class="n">${esc(t.ofTarget)}</th></tr>
<tr data-kpi="compare-held"><th>${esc(t.held)}</th>${comparisonCells(c.meetingsHeld)}</tr>
<tr data-kpi="compare-pocs"><th>${esc(t.pocs)}</th>${comparisonCells(c.pocs)}</tr>
</table>
<h2>${esc(t.meetings)}</h2>
${meetingsTable(lang, figures)}`;
  return page(lang, `${t.title} — ${event.name}`, body, args.generatedAt);
}

export function seriesReportPage(args: {
  lang: Lang;
  events: { event: EventInfo; figures: KpiFigures }[];
  totals: KpiFigures;
  distinctCompanies: number;
  generatedAt: string;
}): string {
  const t = TEXT[args.lang];
  const rows = args.events
    .map(
      ({ event, figures: f }) =>
        `<tr><th>${esc(event.name)}<br><small>${esc(event.date)}</small></th><td class="n">${num(f.companies.firm)}</td><td class="n">${num(f.companies.venture)}</td><td class="n">${num(f.companies.partner)}</td><td class="n">${num(f.companies.total)}</td><td class="n">${num(f.meetings.held)}</td><td class="n">${pct(f.acceptanceRate)}</td><td class="n">${num(f.pocsStarted)}</td></tr>`,
    )
    .join('\n');
  const f = args.totals;
  const body = `<header>
  <h1>${esc(t.seriesTitle)}</h1>
  <p class="meta">${esc(t.events)}: ${args.events.length} · ${esc(t.distinct)}: <strong data-kpi="distinct">${num(args.distinctCompanies)}</strong></p>
</header>
<table>
<tr><th></th><th class="n">${esc(t.firm)}</th><th class="n">${esc(t.venture)}</th><th class="n">${esc(t.partner)}</th><th class="n">${esc(t.companies)}</th><th class="n">${esc(t.held)}</th><th class="n">${esc(t.acceptance)}</th><th class="n">${esc(t.pocs)}</th></tr>
${rows}
<tr data-kpi="series-total"><th>${esc(t.total)}</th><td class="n">${num(f.companies.firm)}</td><td class="n">${num(f.companies.venture)}</td><td class="n">${num(f.companies.partner)}</td><td class="n">${num(f.companies.total)}</td><td class="n">${num(f.meetings.held)}</td><td class="n">${pct(f.acceptanceRate)}</td><td class="n">${num(f.pocsStarted)}</td></tr>
</table>
<h2>${esc(t.meetings)} · ${esc(t.followUp)}</h2>
${figureBoxes(args.lang, f)}
<h2>${esc(t.meetings)}</h2>
${meetingsTable(args.lang, f)}`;
  return page(args.lang, t.seriesTitle, body, args.generatedAt);
}
