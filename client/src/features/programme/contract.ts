/**
 * The few runtime values of the programme's contract the console needs. Kept here, not imported
 * from shared/programme.ts: that module builds its zod schemas when it loads, so importing it would
 * bring zod into the console, and zod's eval probe is what the page's CSP forbids. contract.test.ts
 * holds every value here equal to the shared one.
 */
import type { KpiAggregation, KpiSource, RegionalOutcomeKind } from '../../../../shared/programme';

export const KPI_SOURCES: readonly KpiSource[] = ['companies', 'pocs', 'founded', 'manual'];
export const KPI_AGGREGATIONS: readonly KpiAggregation[] = ['annual', 'cumulative'];
export const REGIONAL_OUTCOME_KINDS: readonly RegionalOutcomeKind[] = ['founded', 'relocated'];

export const OPEN_DATA_LICENCE = {
  id: 'CC-BY-4.0',
  name: 'クリエイティブ・コモンズ 表示 4.0 国際 / Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

/** The fiscal year (年度) a date falls in: April to March, named by the year it starts. */
export function fiscalYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return month >= 4 ? year : year - 1;
}
