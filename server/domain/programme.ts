/**
 * The council's table of the programme, computed from facts: the plan's targets by fiscal year, the
 * figures the app counts (companies, PoCs, regional outcomes) or the organizer entered, cumulative
 * increments against the cumulative target, and achievement. Pure: the facts, today's date and the
 * clock come in as arguments (server/store/programme.ts reads them).
 */
import type { OrgKind } from '../../shared/model.js';
import {
  fiscalYearOf,
  type DrillItem,
  type DrillView,
  type KpiDefinition,
  type KpiEntry,
  type KpiPlan,
  type KpiReview,
  type KpiRow,
  type KpiYearCell,
  type ProgrammeEventFigures,
  type ProgrammeReport,
  type RegionalOutcome,
} from '../../shared/programme.js';
import { companyKey } from './company.js';

/** A meeting whose proof of concept started: agreed, held, with its start date (as the event report counts it). */
export interface PocFact {
  meetingId: string;
  eventName: string;
  venture: string;
  guest: string;
  pocStartedOn: string;
}

/** One event of the programme, with what the table counts from it. */
export interface EventFacts {
  figures: Omit<ProgrammeEventFigures, 'fiscalYear' | 'regionalOutcomes'>;
  /** Organizations with someone checked in, as stored (a company may appear under several spellings). */
  participants: { name: string; kind: OrgKind }[];
  pocs: PocFact[];
}

export interface ProgrammeFacts {
  programmeId: string;
  plan: KpiPlan;
  /** Oldest first (by date, then creation). */
  events: EventFacts[];
  outcomes: RegionalOutcome[];
  /** Every entry ever made, oldest first: the latest of a KPI and year is its figure, the rest its history. */
  entries: KpiEntry[];
  reviews: KpiReview[];
}

/** The plan years' fiscal years: firstYear and on, as many as the longest KPI's increments. */
export function planYears(plan: KpiPlan): number[] {
  const length = Math.max(...plan.kpis.map((k) => k.increments.length));
  return Array.from({ length }, (_, i) => plan.firstYear + i);
}

/** The target of plan year `planYear` (0 = the baseline): baseline plus the increments up to it; a KPI shorter than the plan adds nothing after its last. */
export function targetOf(kpi: KpiDefinition, planYear: number): number {
  return kpi.baseline + kpi.increments.slice(0, planYear).reduce((sum, x) => sum + x, 0);
}

/** Distinct companies of the fiscal year's events, by company key (merged spellings once); the first spelling seen names it. */
export function companiesOf(facts: ProgrammeFacts, fy: number): { name: string; kind: OrgKind; events: string[] }[] {
  const byKey = new Map<string, { name: string; kind: OrgKind; events: string[] }>();
  for (const e of facts.events) {
    if (fiscalYearOf(e.figures.date) !== fy) continue;
    for (const p of e.participants) {
      const key = companyKey(p.name);
      const company = byKey.get(key) ?? { name: p.name, kind: p.kind, events: [] };
      if (!company.events.includes(e.figures.name)) company.events.push(e.figures.name);
      byKey.set(key, company);
    }
  }
  return [...byKey.values()];
}

function pocsOf(facts: ProgrammeFacts, fy: number): PocFact[] {
  return facts.events.flatMap((e) => e.pocs).filter((p) => fiscalYearOf(p.pocStartedOn) === fy);
}

function outcomesOf(facts: ProgrammeFacts, fy: number): RegionalOutcome[] {
  return facts.outcomes.filter((o) => o.fiscalYear === fy);
}

/** A KPI's entries for a fiscal year, newest first (the first is the figure; the rest its history). */
export function entriesOf(facts: ProgrammeFacts, kpiId: string, fy: number): KpiEntry[] {
  return facts.entries.filter((e) => e.kpiId === kpiId && e.fiscalYear === fy).reverse();
}

/** The year's own figure of a KPI, or null when there is none (an entered KPI without an entry, a year not begun). */
function yearFigure(
  facts: ProgrammeFacts,
  kpi: KpiDefinition,
  fy: number,
): { value: number; entry: KpiEntry | null } | null {
  switch (kpi.source) {
    case 'companies':
      return { value: companiesOf(facts, fy).length, entry: null };
    case 'pocs':
      return { value: pocsOf(facts, fy).length, entry: null };
    case 'founded':
      return { value: outcomesOf(facts, fy).length, entry: null };
    case 'manual': {
      const latest = entriesOf(facts, kpi.id, fy)[0];
      return latest ? { value: latest.value, entry: latest } : null;
    }
  }
}

function baselineCell(kpi: KpiDefinition, fy: number): KpiYearCell {
  return {
    fiscalYear: fy,
    planYear: 0,
    target: kpi.baseline,
    targetIncrement: 0,
    actual: kpi.baseline,
    increment: 0,
    achievement: null,
    // The baseline is the plan's own figure: the organizer's, entered with the plan.
    origin: 'entered',
    entry: null,
  };
}

/**
 * One plan year's cell. A year not yet begun (its 1 April after `today`) has no actual. A counted
 * KPI's begun year counts what is there so far; an entered one shows its latest entry. The year
 * containing `today` is provisional: its actual is the figure so far, its achievement null. A
 * cumulative KPI adds the year figures of plan years 1..N to the baseline (years without an
 * entry add nothing), and has no actual while the year itself has no figure.
 */
function yearCell(facts: ProgrammeFacts, kpi: KpiDefinition, planYear: number, today: string): KpiYearCell {
  const fy = facts.plan.firstYear + planYear - 1;
  const target = targetOf(kpi, planYear);
  const targetIncrement = target - kpi.baseline;
  const begun = fiscalYearOf(today) >= fy;
  const inProgress = fiscalYearOf(today) === fy;
  const own = begun ? yearFigure(facts, kpi, fy) : null;
  let actual: number | null = null;
  if (own && kpi.aggregation === 'annual') actual = own.value;
  if (own && kpi.aggregation === 'cumulative') {
    let sum = kpi.baseline;
    for (let year = facts.plan.firstYear; year <= fy; year++) sum += yearFigure(facts, kpi, year)?.value ?? 0;
    actual = sum;
  }
  const increment = actual === null ? null : round(actual - kpi.baseline);
  return {
    fiscalYear: fy,
    planYear,
    target: round(target),
    targetIncrement: round(targetIncrement),
    actual: actual === null ? null : round(actual),
    increment,
    // A year in progress has no achievement: its figure so far is not the year's.
    achievement: inProgress || increment === null || targetIncrement === 0 ? null : increment / targetIncrement,
    origin: own === null ? 'none' : own.entry ? 'entered' : 'counted',
    entry: own?.entry ? { source: own.entry.source, on: own.entry.on, note: own.entry.note } : null,
    ...(inProgress ? { provisional: true as const } : {}),
  };
}

/** Sums of decimals (50.32 + 2) without binary noise (52.31999…). */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** The council's table: a row per KPI (baseline, then each plan year), the reviews, and the events behind it. */
export function programmeTable(facts: ProgrammeFacts, today: string, generatedAt: number): ProgrammeReport {
  const { plan } = facts;
  const fiscalYears = planYears(plan);
  const rows: KpiRow[] = plan.kpis.map((kpi) => ({
    kpi,
    years: [baselineCell(kpi, plan.firstYear - 1), ...fiscalYears.map((_, i) => yearCell(facts, kpi, i + 1, today))],
  }));
  const events: ProgrammeEventFigures[] = facts.events.map((e) => ({
    ...e.figures,
    fiscalYear: fiscalYearOf(e.figures.date),
    regionalOutcomes: facts.outcomes.filter((o) => o.eventId === e.figures.eventId).length,
  }));
  return {
    programmeId: facts.programmeId,
    plan,
    fiscalYears,
    rows,
    reviews: [...facts.reviews].sort((a, b) => a.fiscalYear - b.fiscalYear),
    events,
    generatedAt,
  };
}

/**
 * What lies behind a cell: the companies, PoC meetings, outcomes or entries (newest first, the
 * figure's history with it). A cumulative KPI's cell stands on plan years 1..fy, so its items do
 * too. Undefined for a KPI the plan does not have.
 */
export function drillItems(facts: ProgrammeFacts, kpiId: string, fy: number): DrillView | undefined {
  const kpi = facts.plan.kpis.find((k) => k.id === kpiId);
  if (!kpi) return undefined;
  const years =
    kpi.aggregation === 'cumulative' && fy >= facts.plan.firstYear
      ? Array.from({ length: fy - facts.plan.firstYear + 1 }, (_, i) => facts.plan.firstYear + i)
      : [fy];
  const items: DrillItem[] = years.flatMap((year): DrillItem[] => {
    switch (kpi.source) {
      case 'companies':
        return companiesOf(facts, year).map((c) => ({ type: 'company', ...c }));
      case 'pocs':
        return pocsOf(facts, year).map((p) => ({ type: 'poc', ...p }));
      case 'founded':
        return outcomesOf(facts, year).map((outcome) => ({ type: 'outcome', outcome }));
      case 'manual':
        return entriesOf(facts, kpi.id, year).map((entry) => ({ type: 'entry', entry }));
    }
  });
  return { kpiId, fiscalYear: fy, items };
}
