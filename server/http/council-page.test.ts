/**
 * The council's table as printed: each KPI's row group read cell by cell from a report written out
 * here (targets, actuals, increments, achievement, where each figure came from), the definitions,
 * the review notes, the events behind it, and a page with nothing a CSP would block; then the page
 * over real HTTP, for organizers only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultKpiPlan,
  fiscalYearLabel,
  formatAchievement,
  formatFigure,
  formatIncrement,
  type KpiDefinition,
  type KpiYearCell,
  type ProgrammeReport,
} from '../../shared/programme.js';
import { programmeOf, programmePlan } from '../store/programme.js';
import { startWithOrganizer, type Harness } from '../testing/harness.js';
import { councilPage } from './council-page.js';

/** A plan year's cell as the council's arithmetic has it, from the year's actual (null: none yet). */
function cell(
  kpi: KpiDefinition,
  planYear: number,
  actual: number | null,
  entry: KpiYearCell['entry'] = null,
): KpiYearCell {
  const target = kpi.baseline + kpi.increments.slice(0, planYear).reduce((s, x) => s + x, 0);
  const targetIncrement = target - kpi.baseline;
  const increment = actual === null ? null : actual - kpi.baseline;
  return {
    fiscalYear: 2025 + planYear,
    planYear,
    target,
    targetIncrement,
    actual,
    increment,
    achievement: increment === null || targetIncrement === 0 ? null : increment / targetIncrement,
    origin: actual === null ? 'none' : entry ? 'entered' : 'counted',
    entry,
  };
}

/**
 * The council's four KPIs over four plan years (FY2026–FY2029), two years with figures: the page at
 * the size the brief measures.
 */
function fixtureReport(): ProgrammeReport {
  const plan = defaultKpiPlan(2026);
  plan.kpis = plan.kpis.map((k) => ({ ...k, increments: [...k.increments, 4] }));
  const [pocs, companies, founded, hiring] = plan.kpis as [KpiDefinition, KpiDefinition, KpiDefinition, KpiDefinition];
  const baseline = (kpi: KpiDefinition): KpiYearCell => ({
    fiscalYear: 2025,
    planYear: 0,
    target: kpi.baseline,
    targetIncrement: 0,
    actual: kpi.baseline,
    increment: 0,
    achievement: null,
    origin: 'entered',
    entry: null,
  });
  const row = (kpi: KpiDefinition, years: KpiYearCell[]) => ({ kpi, years: [baseline(kpi), ...years] });
  return {
    programmeId: 'p1',
    plan,
    fiscalYears: [2026, 2027, 2028, 2029],
    rows: [
      row(pocs, [cell(pocs, 1, 5), cell(pocs, 2, 7), cell(pocs, 3, null), cell(pocs, 4, null)]),
      row(companies, [
        cell(companies, 1, 47),
        cell(companies, 2, 61),
        cell(companies, 3, null),
        cell(companies, 4, null),
      ]),
      row(founded, [cell(founded, 1, 1), cell(founded, 2, 2), cell(founded, 3, null), cell(founded, 4, null)]),
      row(hiring, [
        cell(hiring, 1, 51.9, { source: 'ハローワーク統計', on: '2027-05-20', note: '' }),
        cell(hiring, 2, null),
        cell(hiring, 3, null),
        cell(hiring, 4, null),
      ]),
    ],
    reviews: [
      {
        fiscalYear: 2026,
        worked: '参加社数が伸びた。\n面談の満足度が高い。',
        next: '事前の課題登録を促す。',
        updatedAt: 1,
      },
      { fiscalYear: 2027, worked: '', next: '', updatedAt: 2 },
    ],
    events: [
      {
        eventId: 'e2',
        name: '第2回 マッチングイベント',
        date: '2026-11-20',
        fiscalYear: 2026,
        companies: { firm: 20, venture: 8, partner: 4, total: 32 },
        meetingsHeld: 30,
        pocsStarted: 3,
        regionalOutcomes: 1,
      },
      {
        eventId: 'e1',
        name: '第1回 マッチングイベント',
        date: '2026-06-10',
        fiscalYear: 2026,
        companies: { firm: 15, venture: 6, partner: 3, total: 24 },
        meetingsHeld: 25,
        pocsStarted: 2,
        regionalOutcomes: 0,
      },
    ],
    generatedAt: Date.UTC(2027, 5, 1, 1, 0),
  };
}

/** The text of a cell: tags dropped, spaces squeezed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** A row's cells of one KPI, baseline first, then each fiscal year's. */
function rowCells(html: string, kpiId: string, row: string): string[] {
  const group = new RegExp(`<tbody class="kpi-group" data-kpi="${kpiId}">([\\s\\S]*?)</tbody>`).exec(html)![1]!;
  const line = new RegExp(`<tr data-row="${row}">([\\s\\S]*?)</tr>`).exec(group)![1]!;
  return [...line.matchAll(/<td class="n" data-fy="([^"]+)">([\s\S]*?)<\/td>/g)].map((m) => text(m[2]!));
}

describe('figures', () => {
  it('names fiscal years the council’s way, with the English beside', () => {
    expect(fiscalYearLabel(2026)).toEqual({ ja: '令和8年度', en: 'FY2026' });
    expect(fiscalYearLabel(2019)).toEqual({ ja: '令和元年度', en: 'FY2019' });
    expect(fiscalYearLabel(2018).ja).toBe('2018年度');
    expect(fiscalYearLabel(2005)).toEqual({ ja: '2005年度', en: 'FY2005' });
  });
  it('shows a figure with its KPI’s decimals, increments signed, achievement to one decimal', () => {
    expect(formatFigure(50.32, 2)).toBe('50.32');
    expect(formatFigure(52, 2)).toBe('52.00');
    expect(formatFigure(1234, 0)).toBe('1,234');
    expect(formatFigure(null, 0)).toBe('—');
    expect(formatIncrement(16, 0)).toBe('+16');
    expect(formatIncrement(-1.5, 2)).toBe('−1.50');
    expect(formatIncrement(0, 0)).toBe('±0');
    expect(formatIncrement(1.580000001, 2)).toBe('+1.58');
    expect(formatAchievement(13 / 16)).toBe('81.3%');
    expect(formatAchievement(1)).toBe('100.0%');
    expect(formatAchievement(null)).toBe('—');
  });
});

describe('the council’s table', () => {
  const report = fixtureReport();
  const html = councilPage(report, '2027-06-01 10:00');

  it('is an A4 landscape page in Japanese, English beside, with its print button wired by /print.js', () => {
    expect(html).toContain('@page { size: A4 landscape;');
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('目標値 <span class="en" lang="en">Target</span>');
    expect(html).toMatch(/<button [^>]*type="button"[^>]* data-print>/);
    expect(html.match(/<script\b[^>]*>/gi)).toEqual(['<script src="/print.js" defer>']);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).toContain('<span data-generated>2027-06-01 10:00</span>');
    expect(text(html)).toContain('令和8年度〜令和11年度 FY2026–FY2029');
  });

  it('has a row group per KPI with the baseline and each fiscal year', () => {
    expect([...html.matchAll(/<tbody class="kpi-group" data-kpi="([^"]+)">/g)].map((m) => m[1])).toEqual([
      'pocs',
      'companies',
      'founded',
      'student-hiring',
    ]);
    expect(text(html)).toContain('令和7年度 FY2025'); // the baseline's year
    expect(rowCells(html, 'companies', 'target')).toEqual(['34', '50', '60', '80', '84']);
    expect(rowCells(html, 'companies', 'actual')).toEqual(['34', '47', '61', '—', '—']);
    expect(rowCells(html, 'companies', 'increment')).toEqual(['', '+13 / +16', '+27 / +26', '— / +46', '— / +50']);
    expect(rowCells(html, 'companies', 'achievement')).toEqual(['', '81.3%', '103.8%', '—', '—']);
    expect(rowCells(html, 'companies', 'origin')).toEqual([
      '',
      '集計 counted',
      '集計 counted',
      '未集計 no figure yet',
      '未集計 no figure yet',
    ]);
  });

  it('shows a KPI with no target increase as “—” achievement, and decimals as the KPI says', () => {
    // PoCs: +3 then +0: year 2's target increase is still 3 (cumulative), so year 2 is 4 ÷ 3.
    expect(rowCells(html, 'pocs', 'achievement')).toEqual(['', '66.7%', '133.3%', '—', '—']);
    expect(rowCells(html, 'student-hiring', 'target')).toEqual(['50.32', '52.32', '55.32', '60.32', '64.32']);
    expect(rowCells(html, 'student-hiring', 'actual')).toEqual(['50.32', '51.90', '—', '—', '—']);
    expect(rowCells(html, 'student-hiring', 'increment')[1]).toBe('+1.58 / +2.00');
    expect(rowCells(html, 'student-hiring', 'achievement')[1]).toBe('79.0%');
    const zero = fixtureReport();
    zero.rows[0]!.years[1] = { ...zero.rows[0]!.years[1]!, targetIncrement: 0, achievement: null };
    expect(rowCells(councilPage(zero, ''), 'pocs', 'achievement')[1]).toBe('—');
  });

  it('labels the fiscal year in progress 年度途中 / in progress instead of an achievement', () => {
    const report = fixtureReport();
    report.rows[1]!.years[2] = { ...report.rows[1]!.years[2]!, achievement: null, provisional: true };
    const page = councilPage(report, '');
    expect(rowCells(page, 'companies', 'achievement')).toEqual(['', '81.3%', '年度途中 in progress', '—', '—']);
    // Its figure so far is shown.
    expect(rowCells(page, 'companies', 'actual')[2]).toBe('61');
  });

  it('says where an entered figure came from and as of when', () => {
    expect(rowCells(html, 'student-hiring', 'origin')[1]).toBe('入力 entered ハローワーク統計（2027-05-20）');
  });

  it('lists each KPI’s definition below the table, in both languages', () => {
    const definitions = /<section class="definitions">([\s\S]*?)<\/section>/.exec(html)![1]!;
    for (const kpi of report.plan.kpis) {
      expect(definitions).toContain(`<li data-kpi="${kpi.id}"><strong>${kpi.name.ja}</strong>`);
      expect(text(definitions)).toContain(text(kpi.definition.en));
    }
  });

  it('gives the council’s review per year, line breaks kept, and leaves out a year with nothing written', () => {
    const reviews = /<section class="reviews">([\s\S]*?)<\/section>/.exec(html)![1]!;
    expect(reviews).toContain('<div class="review" data-fy="2026">');
    expect(reviews).not.toContain('data-fy="2027"');
    expect(reviews).toContain('参加社数が伸びた。\n面談の満足度が高い。');
    expect(html).toContain('white-space: pre-wrap');
    expect(text(reviews)).toContain('次年度への改善 What changes next time 事前の課題登録を促す。');
    const none = councilPage({ ...report, reviews: [] }, '');
    expect(text(/<section class="reviews">([\s\S]*?)<\/section>/.exec(none)![1]!)).toContain(
      '評価はまだ記入されていません。',
    );
  });

  it('lists the events behind the figures, oldest first, with their totals', () => {
    const events = /<section class="events">([\s\S]*?)<\/section>/.exec(html)![1]!;
    const ids = [...events.matchAll(/<tr[^>]* data-event="([^"]+)">/g)].map((m) => m[1]);
    expect(ids).toEqual(['e1', 'e2', 'total']);
    const total = /<tr class="total" data-event="total">([\s\S]*?)<\/tr>/.exec(events)![1]!;
    expect([...total.matchAll(/<td class="n">([^<]*)<\/td>/g)].map((m) => m[1])).toEqual([
      '35',
      '14',
      '7',
      '56',
      '55',
      '5',
      '1',
    ]);
  });

  it('escapes what the organizer wrote', () => {
    const hostile = fixtureReport();
    hostile.plan.name.ja = '<img src=x onerror=alert(1)>';
    hostile.events[0]!.name = '"><script>alert(1)</script>';
    hostile.reviews[0]!.worked = '<b>good</b>';
    const page = councilPage(hostile, '');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;b&gt;good&lt;/b&gt;');
  });
});

describe('GET /organizer/programme/report', () => {
  let h: Harness;
  let cookie: string;
  beforeAll(async () => {
    ({ h, cookie } = await startWithOrganizer());
  });
  afterAll(() => h.stop());

  it('gives an organizer their current event’s programme as the printable table, under the app’s CSP', async () => {
    const res = await fetch(`${h.baseUrl}/organizer/programme/report`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("script-src-attr 'none'");
    const html = await res.text();
    const plan = programmePlan(h.store, programmeOf(h.store, h.eventId));
    expect(html).toContain(`<title>${plan.name.ja} KPI 進捗状況`);
    expect([...html.matchAll(/<tbody class="kpi-group" data-kpi="([^"]+)">/g)].map((m) => m[1])).toEqual(
      plan.kpis.map((k) => k.id),
    );
    expect(html).toContain(`<tr data-event="${h.eventId}">`);
    expect(html.match(/<script\b[^>]*>/gi)).toEqual(['<script src="/print.js" defer>']);
  });

  it('is for organizers only', async () => {
    expect((await fetch(`${h.baseUrl}/organizer/programme/report`)).status).toBe(401);
    const firm = await h.signIn(h.person('firm').url);
    const res = await fetch(`${h.baseUrl}/organizer/programme/report`, { headers: { cookie: firm } });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('kpi-group');
  });
});
