/**
 * The council's table from fixed facts: every cell of the four default KPIs across the baseline and
 * three plan years, companies counted once across a year's events however spelled, PoCs and outcomes
 * by their own date's fiscal year, the latest entry as the figure, years not begun left empty, and
 * the drill-down behind a cell.
 */
import { describe, expect, it } from 'vitest';
import { defaultKpiPlan, type KpiEntry, type KpiPlan, type RegionalOutcome } from '../../shared/programme.js';
import type { OrgKind } from '../../shared/model.js';
import { drillItems, planYears, programmeTable, targetOf, type EventFacts, type ProgrammeFacts } from './programme.js';

function event(
  id: string,
  date: string,
  participants: [string, OrgKind][],
  pocs: { meetingId: string; pocStartedOn: string }[] = [],
): EventFacts {
  const companies = { firm: 0, venture: 0, partner: 0, total: participants.length };
  for (const [, kind] of participants) companies[kind] += 1;
  return {
    figures: {
      eventId: id,
      name: `イベント${id}`,
      date,
      companies,
      meetingsHeld: pocs.length,
      pocsStarted: pocs.length,
    },
    participants: participants.map(([name, kind]) => ({ name, kind })),
    pocs: pocs.map((p) => ({ ...p, eventName: `イベント${id}`, venture: 'ベンチャーX', guest: 'ABC商事' })),
  };
}

function outcome(
  id: string,
  eventId: string,
  kind: 'founded' | 'relocated',
  on: string,
  fiscalYear: number,
): RegionalOutcome {
  return {
    id,
    eventId,
    orgId: `org-${id}`,
    orgName: 'ベンチャーX',
    orgKind: 'venture',
    kind,
    on,
    fiscalYear,
    note: '',
    meetingId: null,
    recordedAt: 1,
  };
}

function entry(id: string, fiscalYear: number, value: number, recordedAt: number): KpiEntry {
  return {
    id,
    kpiId: 'student-hiring',
    fiscalYear,
    value,
    source: 'ハローワーク',
    on: '2027-05-10',
    note: '',
    recordedAt,
    recordedBy: '事務局',
  };
}

function facts(plan: KpiPlan = defaultKpiPlan(2026)): ProgrammeFacts {
  return {
    programmeId: 'p1',
    plan,
    events: [
      // Before plan year 1: listed, counted in no year.
      event('0', '2026-03-15', [['昔の会社', 'firm']]),
      event('1', '2026-06-10', [
        ['株式会社ABC商事', 'firm'],
        ['ベンチャーX', 'venture'],
        ['市役所', 'partner'],
      ]),
      event(
        '2',
        '2026-11-20',
        [
          ['ＡＢＣ商事', 'firm'],
          ['(株)ベンチャーX', 'venture'],
          ['新規工業', 'firm'],
        ],
        [
          { meetingId: 'm1', pocStartedOn: '2027-02-01' },
          { meetingId: 'm2', pocStartedOn: '2027-05-01' },
        ],
      ),
      event('3', '2027-06-01', [['ABC商事', 'firm']]),
      // After the last plan year: listed, counted in no year.
      event('4', '2029-05-01', [['未来の会社', 'firm']], [{ meetingId: 'm3', pocStartedOn: '2029-06-01' }]),
    ],
    outcomes: [outcome('o1', '2', 'relocated', '2026-12-01', 2026), outcome('o2', '3', 'founded', '2027-06-20', 2027)],
    entries: [entry('e1', 2026, 51, 10), entry('e2', 2026, 52.5, 20)],
    reviews: [
      { fiscalYear: 2027, worked: 'b', next: '', updatedAt: 2 },
      { fiscalYear: 2026, worked: 'a', next: '', updatedAt: 1 },
    ],
  };
}

const TODAY = '2027-07-01'; // fiscal 2027 is in progress (no achievement yet); 2028 has not begun

/** [fiscalYear, target, targetIncrement, actual, increment, achievement, origin] of each cell of a row. */
function cells(kpiId: string, f = facts()) {
  const row = programmeTable(f, TODAY, 99).rows.find((r) => r.kpi.id === kpiId)!;
  return row.years.map((c) => [
    c.fiscalYear,
    c.target,
    c.targetIncrement,
    c.actual,
    c.increment,
    c.achievement === null ? null : Math.round(c.achievement * 1000) / 1000,
    c.origin,
  ]);
}

describe('the council’s table', () => {
  it('plan years run from firstYear as long as the longest KPI; the baseline year comes before', () => {
    const report = programmeTable(facts(), TODAY, 99);
    expect(report.fiscalYears).toEqual([2026, 2027, 2028]);
    expect(report.rows.map((r) => r.years.map((c) => c.planYear))).toEqual(Array(4).fill([0, 1, 2, 3]));
    expect(report.generatedAt).toBe(99);
    expect(report.reviews.map((r) => r.fiscalYear)).toEqual([2026, 2027]);
  });

  it('companies: distinct across the fiscal year’s events, however the name is spelled', () => {
    expect(cells('companies')).toEqual([
      [2025, 34, 0, 34, 0, null, 'entered'],
      [2026, 50, 16, 4, -30, -1.875, 'counted'],
      [2027, 60, 26, 1, -33, null, 'counted'],
      [2028, 80, 46, null, null, null, 'none'],
    ]);
  });

  it('PoCs: by the fiscal year of the PoC’s start, not of the event it came from', () => {
    expect(cells('pocs')).toEqual([
      [2025, 3, 0, 3, 0, null, 'entered'],
      [2026, 6, 3, 1, -2, -0.667, 'counted'],
      [2027, 6, 3, 1, -2, null, 'counted'],
      [2028, 6, 3, null, null, null, 'none'],
    ]);
  });

  it('founded or relocated: cumulative, baseline plus every outcome from plan year 1 on', () => {
    expect(cells('founded')).toEqual([
      [2025, 0, 0, 0, 0, null, 'entered'],
      [2026, 1, 1, 1, 1, 1, 'counted'],
      [2027, 3, 3, 2, 2, null, 'counted'],
      [2028, 6, 6, null, null, null, 'none'],
    ]);
  });

  it('an entered figure: the latest entry of the year, with where it came from; none without one', () => {
    expect(cells('student-hiring')).toEqual([
      [2025, 50.32, 0, 50.32, 0, null, 'entered'],
      [2026, 52.32, 2, 52.5, 2.18, 1.09, 'entered'],
      [2027, 55.32, 5, null, null, null, 'none'],
      [2028, 60.32, 10, null, null, null, 'none'],
    ]);
    const cell = programmeTable(facts(), TODAY, 0).rows[3]!.years[1]!;
    expect(cell.entry).toEqual({ source: 'ハローワーク', on: '2027-05-10', note: '' });
  });

  it('lists every event with its fiscal year, those before plan year 1 and after the last too, and counts their outcomes', () => {
    const { events } = programmeTable(facts(), TODAY, 0);
    expect(events.map((e) => [e.eventId, e.fiscalYear, e.companies.total, e.regionalOutcomes])).toEqual([
      ['0', 2025, 1, 0],
      ['1', 2026, 3, 0],
      ['2', 2026, 3, 1],
      ['3', 2027, 1, 1],
      ['4', 2029, 1, 0],
    ]);
  });

  it('the year containing today is provisional: its figure so far, no achievement; a year not begun has no actual', () => {
    const report = programmeTable(facts(), TODAY, 0);
    for (const row of report.rows) {
      expect(row.years.map((c) => c.provisional ?? false)).toEqual([false, false, true, false]);
      expect(row.years[2]!.achievement).toBeNull();
      expect(row.years[3]!.actual).toBeNull();
    }
    // A year that has ended keeps its achievement.
    expect(report.rows[2]!.years[1]!.achievement).toBe(1);
  });

  it('31 March and 1 April: a PoC, an outcome and an event on either side of the year’s end', () => {
    const f = facts();
    f.events.push(
      event('5', '2027-03-31', [['三月末の会社', 'firm']], [{ meetingId: 'm5', pocStartedOn: '2027-03-31' }]),
      event('6', '2027-04-01', [['四月一日の会社', 'firm']], [{ meetingId: 'm6', pocStartedOn: '2027-04-01' }]),
    );
    f.outcomes.push(
      outcome('o5', '5', 'founded', '2027-03-31', 2026),
      outcome('o6', '6', 'founded', '2027-04-01', 2027),
    );
    const year = (report: ReturnType<typeof programmeTable>, id: string, fy: number) =>
      report.rows.find((r) => r.kpi.id === id)!.years.find((c) => c.fiscalYear === fy && c.planYear > 0)!;
    // "Today" is 31 March: 2026 is still in progress and 2027 has not begun.
    const march = programmeTable(f, '2027-03-31', 0);
    expect([year(march, 'pocs', 2026).actual, year(march, 'pocs', 2026).provisional]).toEqual([2, true]);
    expect(year(march, 'companies', 2026).actual).toBe(5);
    expect(year(march, 'founded', 2026).actual).toBe(2);
    expect(year(march, 'pocs', 2027).actual).toBeNull();
    // "Today" is 1 April: 2026 has ended (its achievement is there), 2027 is in progress with its own.
    const april = programmeTable(f, '2027-04-01', 0);
    expect(year(april, 'pocs', 2026)).toMatchObject({ actual: 2, achievement: -1 / 3 });
    expect(year(april, 'pocs', 2026).provisional).toBeUndefined();
    expect(year(april, 'pocs', 2027)).toMatchObject({ actual: 2, provisional: true, achievement: null });
    expect(year(april, 'companies', 2027).actual).toBe(2);
    expect(year(april, 'founded', 2027).actual).toBe(4);
    expect(april.events.find((e) => e.eventId === '5')!.fiscalYear).toBe(2026);
    expect(april.events.find((e) => e.eventId === '6')!.fiscalYear).toBe(2027);
  });

  it('achievement is empty when the cumulative target increment is 0', () => {
    const plan = defaultKpiPlan(2026);
    plan.kpis[0]!.increments = [0, 0, 0];
    expect(cells('pocs', facts(plan)).map((c) => c[5])).toEqual([null, null, null, null]);
  });

  it('a plan edited to five years: five plan years; a shorter KPI’s target stays at its last', () => {
    const plan = defaultKpiPlan(2026);
    plan.kpis[1]!.increments = [16, 10, 20, 5, 5];
    const report = programmeTable(facts(plan), '2031-01-01', 0);
    expect(report.fiscalYears).toEqual([2026, 2027, 2028, 2029, 2030]);
    expect(report.rows[1]!.years.map((c) => c.target)).toEqual([34, 50, 60, 80, 85, 90]);
    expect(report.rows[0]!.years.map((c) => c.target)).toEqual([3, 6, 6, 6, 6, 6]);
    // Every year has begun by 2031: counted ones read 0 where nothing happened; the 2029 event now counts.
    expect(report.rows[1]!.years.slice(3).map((c) => [c.fiscalYear, c.actual, c.origin])).toEqual([
      [2028, 0, 'counted'],
      [2029, 1, 'counted'],
      [2030, 0, 'counted'],
    ]);
    expect(targetOf(plan.kpis[1]!, 5)).toBe(90);
    expect(planYears(plan)).toHaveLength(5);
  });
});

describe('the drill-down behind a cell', () => {
  it('companies: one item per company, with the events it came to', () => {
    const view = drillItems(facts(), 'companies', 2026)!;
    expect(view.items).toEqual([
      { type: 'company', name: '株式会社ABC商事', kind: 'firm', events: ['イベント1', 'イベント2'] },
      { type: 'company', name: 'ベンチャーX', kind: 'venture', events: ['イベント1', 'イベント2'] },
      { type: 'company', name: '市役所', kind: 'partner', events: ['イベント1'] },
      { type: 'company', name: '新規工業', kind: 'firm', events: ['イベント2'] },
    ]);
  });

  it('PoCs of the year; outcomes up to the year for a cumulative KPI; entries newest first (the history kept)', () => {
    expect(drillItems(facts(), 'pocs', 2027)!.items).toEqual([
      {
        type: 'poc',
        meetingId: 'm2',
        eventName: 'イベント2',
        venture: 'ベンチャーX',
        guest: 'ABC商事',
        pocStartedOn: '2027-05-01',
      },
    ]);
    expect(drillItems(facts(), 'founded', 2027)!.items.map((i) => i.type === 'outcome' && i.outcome.id)).toEqual([
      'o1',
      'o2',
    ]);
    expect(drillItems(facts(), 'founded', 2026)!.items).toHaveLength(1);
    expect(drillItems(facts(), 'student-hiring', 2026)!.items.map((i) => i.type === 'entry' && i.entry.value)).toEqual([
      52.5, 51,
    ]);
  });

  it('a KPI the plan does not have: nothing', () => {
    expect(drillItems(facts(), 'no-such-kpi', 2026)).toBeUndefined();
  });
});
