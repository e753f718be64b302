/**
 * How the programme page writes its figures and reads its plan editor: pure, so the table's
 * numbers and the editor's checks are tested without a browser. Counts show as counts, a share
 * with its KPI's decimals; a missing figure is a dash, never a zero (no figure is not none counted).
 */
import type { KpiAggregation, KpiDefinition, KpiPlan, KpiSource } from '../../../../shared/programme';
import type { Language } from '../../stores/language-store';
import { KPI_AGGREGATIONS, KPI_SOURCES } from './contract';

export const DASH = '—';

/** A figure with its KPI's decimals and grouped thousands: 1,234 · 50.32. */
export function formatFigure(value: number | null, decimals: number): string {
  if (value === null) return DASH;
  return value.toLocaleString('ja-JP', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** An increment with its sign, as the council's plan writes them: +16, −2, ±0. */
export function formatIncrement(value: number | null, decimals: number): string {
  if (value === null) return DASH;
  const shown = formatFigure(Math.abs(value), decimals);
  if (Number(shown.replace(/,/g, '')) === 0) return `±${shown}`;
  return `${value > 0 ? '+' : '−'}${shown}`;
}

/** An achievement ratio as a percentage with one decimal, as the printed council table writes it: 0.8125 → 81.3%. */
export function formatAchievement(ratio: number | null): string {
  return ratio === null ? DASH : `${(ratio * 100).toFixed(1)}%`;
}

/** The era year the council names a fiscal year by: 2026 → 8 (令和8年度), 2019 → 元. */
export function reiwaOf(fy: number): string {
  const year = fy - 2018;
  return year === 1 ? '元' : String(year);
}

/** A bilingual text in the page's language: English when chosen and written, else the Japanese. */
export function inLanguage(text: { ja: string; en: string }, language: Language): string {
  return language === 'en' && text.en.trim() !== '' ? text.en : text.ja;
}

// ---- the plan editor ----

/** A KPI as its form holds it: numbers as typed, so a half-typed figure is not lost or coerced. */
export interface KpiDraft {
  id: string;
  nameJa: string;
  nameEn: string;
  unitJa: string;
  unitEn: string;
  baseline: string;
  increments: string[];
  source: KpiSource;
  aggregation: KpiAggregation;
  decimals: string;
  definitionJa: string;
  definitionEn: string;
}

export interface PlanDraft {
  nameJa: string;
  nameEn: string;
  firstYear: string;
  /** Plan years every KPI has a target increment for. */
  years: number;
  kpis: KpiDraft[];
}

export function draftOfKpi(kpi: KpiDefinition, years: number): KpiDraft {
  return {
    id: kpi.id,
    nameJa: kpi.name.ja,
    nameEn: kpi.name.en,
    unitJa: kpi.unit.ja,
    unitEn: kpi.unit.en,
    baseline: String(kpi.baseline),
    increments: Array.from({ length: years }, (_, i) => String(kpi.increments[i] ?? 0)),
    source: kpi.source,
    aggregation: kpi.aggregation,
    decimals: String(kpi.decimals),
    definitionJa: kpi.definition.ja,
    definitionEn: kpi.definition.en,
  };
}

export function draftOfPlan(plan: KpiPlan): PlanDraft {
  const years = Math.max(1, ...plan.kpis.map((k) => k.increments.length));
  return {
    nameJa: plan.name.ja,
    nameEn: plan.name.en,
    firstYear: String(plan.firstYear),
    years,
    kpis: plan.kpis.map((k) => draftOfKpi(k, years)),
  };
}

/** A new KPI's key: kpi-1, kpi-2, … whichever is free (keys are stable once saved). */
export function newKpiId(taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`kpi-${n}`)) return `kpi-${n}`;
}

/** An added KPI: entered by the organizer, per year, counted from 0, every plan year at +0. */
export function blankKpi(taken: readonly string[], years: number): KpiDraft {
  return {
    id: newKpiId(taken),
    nameJa: '',
    nameEn: '',
    unitJa: '件',
    unitEn: '',
    baseline: '0',
    increments: Array.from({ length: years }, () => '0'),
    source: 'manual',
    aggregation: 'annual',
    decimals: '0',
    definitionJa: '',
    definitionEn: '',
  };
}

/** Which field of which KPI is not a figure, for the form to say; null when the draft reads whole. */
export interface DraftProblem {
  /** Index into the draft's KPIs, or null for the plan's own fields. */
  kpi: number | null;
  field: 'name' | 'firstYear' | 'unit' | 'baseline' | 'increments' | 'decimals';
}

const number = (text: string): number | null => {
  const cleaned = text.normalize('NFKC').replace(/[,\s]/g, '');
  if (cleaned === '' || !/^[-+]?\d*\.?\d+$/.test(cleaned)) return null;
  return Number(cleaned);
};

/** The plan a draft says, or the first field that is not one (typed in full-width digits is fine). */
export function planOfDraft(draft: PlanDraft): { plan: KpiPlan } | { problem: DraftProblem } {
  if (draft.nameJa.trim() === '') return { problem: { kpi: null, field: 'name' } };
  const firstYear = number(draft.firstYear);
  if (firstYear === null || !Number.isInteger(firstYear) || firstYear < 2000 || firstYear > 2100)
    return { problem: { kpi: null, field: 'firstYear' } };
  const kpis: KpiDefinition[] = [];
  for (const [i, k] of draft.kpis.entries()) {
    const fail = (field: DraftProblem['field']) => ({ problem: { kpi: i, field } });
    if (k.nameJa.trim() === '') return fail('name');
    if (k.unitJa.trim() === '') return fail('unit');
    const baseline = number(k.baseline);
    if (baseline === null) return fail('baseline');
    const increments = k.increments.map(number);
    if (increments.some((n) => n === null)) return fail('increments');
    const decimals = number(k.decimals);
    if (decimals === null || !Number.isInteger(decimals) || decimals < 0 || decimals > 3) return fail('decimals');
    kpis.push({
      id: k.id,
      name: { ja: k.nameJa.trim(), en: k.nameEn.trim() },
      unit: { ja: k.unitJa.trim(), en: k.unitEn.trim() },
      baseline,
      increments: increments as number[],
      source: KPI_SOURCES.includes(k.source) ? k.source : 'manual',
      aggregation: KPI_AGGREGATIONS.includes(k.aggregation) ? k.aggregation : 'annual',
      decimals,
      // The schema wants a sentence; an added KPI without one says it is entered.
      definition: { ja: k.definitionJa.trim() || k.nameJa.trim(), en: k.definitionEn.trim() },
    });
  }
  return { plan: { name: { ja: draft.nameJa.trim(), en: draft.nameEn.trim() }, firstYear, kpis } };
}

/** Plan years as fiscal years: firstYear … firstYear + years − 1 (none while the first year is unreadable). */
export function planYears(draft: PlanDraft): number[] {
  const first = number(draft.firstYear);
  if (first === null || !Number.isInteger(first)) return [];
  return Array.from({ length: draft.years }, (_, i) => first + i);
}
