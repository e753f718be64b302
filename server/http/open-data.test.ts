/**
 * Open data from a report written out here: only what the publish settings name goes out (KPIs,
 * years, reviews, events, company names), the CSV is what Excel opens in Japanese, the JSON says
 * its licence, and the page runs no script and links its files.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultKpiPlan,
  OPEN_DATA_LICENCE,
  type KpiDefinition,
  type KpiYearCell,
  type ProgrammeReport,
  type PublishSettings,
} from '../../shared/programme.js';
import { openDataCsv, openDataJson, openDataPage, openDataRows, type OpenDataInput } from './open-data.js';

function cell(kpi: KpiDefinition, planYear: number, actual: number | null, entry: KpiYearCell['entry'] = null) {
  const target = kpi.baseline + kpi.increments.slice(0, planYear).reduce((s, x) => s + x, 0);
  const increment = actual === null ? null : actual - kpi.baseline;
  return {
    fiscalYear: 2025 + planYear,
    planYear,
    target,
    targetIncrement: target - kpi.baseline,
    actual,
    increment,
    achievement: increment === null || target === kpi.baseline ? null : increment / (target - kpi.baseline),
    origin: actual === null ? 'none' : entry ? 'entered' : 'counted',
    entry,
  } satisfies KpiYearCell;
}

/** The default plan (FY2026–2028) with FY2026 counted and the hiring share entered. */
function fixtureReport(): ProgrammeReport {
  const plan = defaultKpiPlan(2026);
  return {
    programmeId: 'p1',
    plan,
    fiscalYears: [2026, 2027, 2028],
    rows: plan.kpis.map((kpi) => {
      const first: Record<string, [number, KpiYearCell['entry']]> = {
        pocs: [5, null],
        companies: [47, null],
        founded: [1, null],
        'student-hiring': [51.9, { source: '=ハローワーク, 年報', on: '2027-05-20', note: 'NOTE-MARKER' }],
      };
      const [actual, entry] = first[kpi.id]!;
      return {
        kpi,
        years: [
          { ...cell(kpi, 0, kpi.baseline), fiscalYear: 2025, origin: 'entered' as const },
          cell(kpi, 1, actual, entry),
          cell(kpi, 2, null),
          cell(kpi, 3, null),
        ],
      };
    }),
    reviews: [
      { fiscalYear: 2026, worked: 'よく集まった', next: '課題の事前登録', updatedAt: 1 },
      { fiscalYear: 2027, worked: '二年目の評価', next: '', updatedAt: 2 },
    ],
    events: [
      {
        eventId: 'EVENT-ID-1',
        name: '第1回',
        date: '2026-06-10',
        fiscalYear: 2026,
        companies: { firm: 15, venture: 6, partner: 3, total: 24 },
        meetingsHeld: 25,
        pocsStarted: 2,
        regionalOutcomes: 1,
      },
      {
        eventId: 'EVENT-ID-2',
        name: '第3回',
        date: '2027-06-10',
        fiscalYear: 2027,
        companies: { firm: 1, venture: 1, partner: 0, total: 2 },
        meetingsHeld: 1,
        pocsStarted: 0,
        regionalOutcomes: 0,
      },
    ],
    generatedAt: Date.UTC(2027, 5, 1, 1, 0),
  };
}

const everything: PublishSettings = {
  enabled: true,
  kpiIds: ['pocs', 'companies', 'founded', 'student-hiring'],
  fiscalYears: [2026, 2027, 2028],
  reviews: true,
  events: true,
  companyNames: true,
};

function input(settings: Partial<PublishSettings> = {}): OpenDataInput {
  return {
    report: fixtureReport(),
    settings: { ...everything, ...settings },
    companyNames: ['株式会社テスト'],
    path: '/open/abc123',
    generatedAtLocal: '2027-06-01 10:00',
  };
}

describe('open data rows', () => {
  it('is a row per published KPI × published fiscal year, in the plan’s order', () => {
    const rows = openDataRows(input({ kpiIds: ['student-hiring', 'companies', 'gone'], fiscalYears: [2027, 2026] }));
    expect(rows.map((r) => `${r.kpi_id} ${r.fiscal_year}`)).toEqual([
      'companies 2026',
      'companies 2027',
      'student-hiring 2026',
      'student-hiring 2027',
    ]);
    expect(openDataRows(input({ kpiIds: [] }))).toEqual([]);
  });

  it('may publish the baseline’s year too, as plan year 0', () => {
    const rows = openDataRows(input({ kpiIds: ['companies'], fiscalYears: [2026, 2025] }));
    expect(rows.map((r) => [r.fiscal_year, r.plan_year])).toEqual([
      [2025, 0],
      [2026, 1],
    ]);
    expect(rows[0]).toMatchObject({
      fiscal_year_label: '令和7年度 / FY2025',
      baseline: 34,
      target: 34,
      actual: 34,
      increment: 0,
      target_increment: 0,
      achievement_percent: null,
      origin_source: null,
    });
    const html = openDataPage(input({ kpiIds: ['companies'], fiscalYears: [2025, 2026] }));
    expect(html).toContain('<td class="n" data-fy="2025">34</td>');
    expect(html).toMatch(
      /<tr data-row="origin">.*<td class="n" data-fy="2025">基準値 <span class="en" lang="en">Baseline<\/span><\/td>/,
    );
    expect(html).toContain('<th class="n">基準値 <span class="en" lang="en">Baseline</span><br>令和7年度');
  });

  it('carries the figures at the KPI’s decimals, achievement in percent, the source of an entered one', () => {
    const rows = openDataRows(input());
    expect(rows.find((r) => r.kpi_id === 'companies' && r.fiscal_year === 2026)).toEqual({
      kpi_id: 'companies',
      name_ja: 'イノベーションマッチングイベント参加社数',
      name_en: 'Companies at matching events',
      unit_ja: '社',
      unit_en: 'companies',
      fiscal_year: 2026,
      fiscal_year_label: '令和8年度 / FY2026',
      plan_year: 1,
      baseline: 34,
      target: 50,
      actual: 47,
      increment: 13,
      target_increment: 16,
      achievement_percent: 81.3,
      provisional: false,
      origin: 'counted',
      origin_source: null,
      origin_date: null,
    });
    const hiring = rows.find((r) => r.kpi_id === 'student-hiring' && r.fiscal_year === 2026)!;
    expect(hiring).toMatchObject({
      target: 52.32,
      actual: 51.9,
      increment: 1.58,
      achievement_percent: 79,
      origin: 'entered',
      origin_source: '=ハローワーク, 年報',
      origin_date: '2027-05-20',
    });
    expect(rows.find((r) => r.kpi_id === 'pocs' && r.fiscal_year === 2028)).toMatchObject({
      actual: null,
      increment: null,
      achievement_percent: null,
      origin: 'none',
    });
  });
});

describe('kpi.csv', () => {
  const csv = openDataCsv(input());
  const lines = csv.slice(1).split('\r\n');

  it('is UTF-8 with a BOM and CRLF lines, headed by the JSON’s keys', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe(
      'kpi_id,name_ja,name_en,unit_ja,unit_en,fiscal_year,fiscal_year_label,plan_year,baseline,target,actual,increment,target_increment,achievement_percent,provisional,origin,origin_source,origin_date',
    );
    expect(lines).toHaveLength(1 + 4 * 3 + 1); // the header, 12 rows, the final CRLF
    expect(lines.at(-1)).toBe('');
  });

  it('writes a year with no figure as empty cells, and defuses text Excel would run', () => {
    expect(lines).toContain(
      'pocs,地域課題の解決に向けた実証事業の件数,Proof-of-concept projects on local challenges,件,projects,2028,令和10年度 / FY2028,3,3,6,,,3,,false,none,,',
    );
    expect(lines).toContain(
      `student-hiring,管内学生の管内事業所就職割合,Local students hired by local employers,%,%,2026,令和8年度 / FY2026,1,50.32,52.32,51.9,1.58,2,79,false,entered,"'=ハローワーク, 年報",2027-05-20`,
    );
  });

  it('never carries an entry’s note', () => {
    expect(csv).not.toContain('NOTE-MARKER');
  });
});

describe('kpi.json', () => {
  it('says the programme, its licence and when it was made, with the rows and each KPI’s definition', () => {
    const json = openDataJson(input());
    expect(json).toMatchObject({
      programme: { name: { ja: 'イノベーション創出事業', en: 'Innovation programme' } },
      licence: { id: 'CC-BY-4.0', url: OPEN_DATA_LICENCE.url },
      generated_at: '2027-06-01T01:00:00.000Z',
      fiscal_years: [2026, 2027, 2028],
    });
    expect(json.rows).toEqual(openDataRows(input()));
    expect((json.kpis as { id: string; baseline_fiscal_year: number }[])[0]).toMatchObject({
      id: 'pocs',
      baseline_fiscal_year: 2025,
      definition: { ja: '年度内に実証事業（PoC）の開始日が記録された面談の数。' },
    });
  });

  it('adds reviews, events and consenting names only when published, and only of the published years', () => {
    const all = openDataJson(input({ fiscalYears: [2026] }));
    expect(all.reviews).toEqual([{ fiscal_year: 2026, worked: 'よく集まった', next: '課題の事前登録' }]);
    expect(all.events).toEqual([
      {
        name: '第1回',
        date: '2026-06-10',
        fiscal_year: 2026,
        companies: { firm: 15, venture: 6, partner: 3, total: 24 },
        meetings_held: 25,
        pocs_started: 2,
        regional_outcomes: 1,
      },
    ]);
    expect(all.companies).toEqual(['株式会社テスト']);
    const none = openDataJson(input({ reviews: false, events: false, companyNames: false }));
    expect(Object.keys(none)).toEqual(['programme', 'licence', 'generated_at', 'fiscal_years', 'kpis', 'rows']);
    expect(JSON.stringify(all)).not.toContain('EVENT-ID');
    expect(JSON.stringify(all)).not.toContain('NOTE-MARKER');
  });
});

describe('the public page', () => {
  it('runs no script, links its CSV and JSON, and states the licence', () => {
    const html = openDataPage(input());
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).toContain('<a href="/open/abc123/kpi.csv" download>');
    expect(html).toContain('<a href="/open/abc123/kpi.json">');
    expect(html).toContain(`<a href="${OPEN_DATA_LICENCE.url}" rel="license">`);
    expect(html).toContain('2027-06-01 10:00');
  });

  it('shows the published figures and sections, and only those', () => {
    const html = openDataPage(input({ kpiIds: ['companies'], fiscalYears: [2026] }));
    expect([...html.matchAll(/data-kpi="([^"]+)"/g)].map((m) => m[1])).toEqual(['companies']);
    expect(html).toContain('<td class="n" data-fy="2026">47</td>');
    expect(html).not.toContain('data-fy="2027"');
    expect(html).toContain('<section class="reviews">');
    expect(html).toContain('よく集まった');
    expect(html).not.toContain('二年目の評価');
    expect(html).toContain('第1回');
    expect(html).not.toContain('第3回');
    expect(html).toContain('<li>株式会社テスト</li>');
    expect(html).not.toContain('EVENT-ID');
    expect(html).not.toContain('NOTE-MARKER');
    const bare = openDataPage(input({ reviews: false, events: false, companyNames: false }));
    expect(bare).not.toContain('<section class="reviews">');
    expect(bare).not.toContain('<section class="events">');
    expect(bare).not.toContain('株式会社テスト');
  });

  it('labels the fiscal year in progress (年度途中) on the page, and as provisional in the CSV and JSON', () => {
    const provisional = input();
    const row = provisional.report.rows[1]!;
    row.years[2] = { ...row.years[2]!, achievement: null, provisional: true };
    expect(openDataPage(provisional)).toMatch(
      /data-fy="2027">年度途中 <span class="en" lang="en">in progress<\/span><\/td>/,
    );
    const rows = openDataRows(provisional).filter((r) => r.kpi_id === 'companies');
    expect(rows.map((r) => [r.fiscal_year, r.provisional, r.achievement_percent])).toEqual([
      [2026, false, 81.3],
      [2027, true, null],
      [2028, false, null],
    ]);
    // The achievement cell empty, then the provisional column.
    expect(openDataCsv(provisional)).toMatch(/\ncompanies,[^\r]*,2027,令和9年度 \/ FY2027,2,[^\r]*,,true,[a-z]+,,\r/);
  });

  it('says when nothing is published yet, and escapes what the organizer wrote', () => {
    expect(openDataPage(input({ kpiIds: [] }))).toContain('公開している指標はまだありません。');
    const hostile = input();
    hostile.report.plan.name.ja = '<img src=x onerror=alert(1)>';
    hostile.companyNames = ['<script>alert(1)</script>'];
    const html = openDataPage(hostile);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toMatch(/<script\b/i);
  });
});
