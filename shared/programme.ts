/**
 * The programme behind the events: its KPI plan by fiscal year (年度, April to March), the figures
 * the app counts or the organizer enters, the council's review notes, and what the organizer
 * publishes. The wire format of the programme's console pages and its open data; plain types out,
 * one zod schema per inbound body.
 */
import { z } from 'zod';
import { LIMITS } from './constants.js';
import { idempotencyKey } from './protocol.js';
import type { OrgKind } from './model.js';

// ---- fiscal years ----

/** The fiscal year (年度) a date falls in: April to March, named by the year it starts (2026-04-01 … 2027-03-31 is 2026). */
export function fiscalYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

/** First and last day of a fiscal year, as YYYY-MM-DD (inclusive). */
export function fiscalYearRange(fy: number): { from: string; to: string } {
  return { from: `${fy}-04-01`, to: `${fy + 1}-03-31` };
}

// ---- how the figures read (the council's table, the public page and files, the console) ----

/**
 * 令和N年度 (2019 is 令和元年度) and FY2026: how the council and an English reader name a fiscal
 * year. One rule: 令和 from fiscal 2019 (the era began 1 May 2019, inside it), plain 'YYYY年度'
 * before, never 平成.
 */
export function fiscalYearLabel(fy: number): { ja: string; en: string } {
  const reiwa = fy - 2018;
  const ja = reiwa >= 1 ? `令和${reiwa === 1 ? '元' : reiwa}年度` : `${fy}年度`;
  return { ja, en: `FY${fy}` };
}

/** A figure with the KPI's decimals, grouped the Japanese way; '—' for none. */
export function formatFigure(value: number | null, decimals: number): string {
  if (value === null) return '—';
  return value.toLocaleString('ja-JP', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** An increase with its sign (+16, −2, ±0): the plan writes its targets as increments. */
export function formatIncrement(value: number | null, decimals: number): string {
  if (value === null) return '—';
  const rounded = Number(value.toFixed(decimals));
  if (rounded === 0) return `±${formatFigure(0, decimals)}`;
  return `${rounded > 0 ? '+' : '−'}${formatFigure(Math.abs(rounded), decimals)}`;
}

/** Achievement as a percentage with one decimal (81.3%); '—' for none. */
export function formatAchievement(ratio: number | null): string {
  return ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`;
}

// ---- the plan ----

/**
 * Where a KPI's figure comes from: counted by the app (`companies`: distinct participating
 * companies across the fiscal year's events, merged organizations once; `pocs`: meetings with a PoC
 * start date in the fiscal year; `founded`: regional outcomes recorded in it) or `manual`: entered by
 * the organizer with its source (the employment office's student hiring share).
 */
export const KPI_SOURCES = ['companies', 'pocs', 'founded', 'manual'] as const;
export type KpiSource = (typeof KPI_SOURCES)[number];

/**
 * `annual`: the year's own figure (companies this year, PoCs this year, the share this year);
 * `cumulative`: the baseline plus everything counted from plan year 1 up to the year's end
 * (businesses founded since the programme began).
 */
export const KPI_AGGREGATIONS = ['annual', 'cumulative'] as const;
export type KpiAggregation = (typeof KPI_AGGREGATIONS)[number];

const bilingual = (max: number) =>
  z.strictObject({ ja: z.string().trim().min(1).max(max), en: z.string().trim().max(max).default('') });
const figure = z.number().finite().min(-1_000_000).max(1_000_000);

export const kpiDefinitionSchema = z.strictObject({
  /** Stable key: the defaults' ('pocs', 'companies', 'founded', 'student-hiring') or an added one's. */
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and -'),
  name: bilingual(LIMITS.titleLength),
  unit: bilingual(20),
  baseline: figure,
  /** The target increment of each plan year over the year before: [year 1, year 2, year 3, …]. */
  increments: z.array(figure).min(1).max(10),
  source: z.enum(KPI_SOURCES),
  aggregation: z.enum(KPI_AGGREGATIONS),
  /** Digits after the point when shown (0 for counts, 2 for the share). */
  decimals: z.number().int().min(0).max(3),
  /** How it is counted, in a sentence each (shown under the council's table). */
  definition: bilingual(LIMITS.noteLength),
});
export type KpiDefinition = z.infer<typeof kpiDefinitionSchema>;

export const kpiPlanSchema = z.strictObject({
  /** The programme's name, as the council's table and the public page title it. */
  name: bilingual(LIMITS.titleLength),
  /** The fiscal year of plan year 1; the baseline is the year before it. */
  firstYear: z.number().int().min(2000).max(2100),
  kpis: z.array(kpiDefinitionSchema).min(1).max(20),
});
export type KpiPlan = z.infer<typeof kpiPlanSchema>;

/** The plan the programme starts with: the four KPIs the council reviews, editable. */
export function defaultKpiPlan(firstYear: number): KpiPlan {
  return {
    name: { ja: 'イノベーション創出事業', en: 'Innovation programme' },
    firstYear,
    kpis: [
      {
        id: 'pocs',
        name: { ja: '地域課題の解決に向けた実証事業の件数', en: 'Proof-of-concept projects on local challenges' },
        unit: { ja: '件', en: 'projects' },
        baseline: 3,
        increments: [3, 0, 0],
        source: 'pocs',
        aggregation: 'annual',
        decimals: 0,
        definition: {
          ja: '年度内に実証事業（PoC）の開始日が記録された面談の数。',
          en: 'Meetings whose proof of concept started within the fiscal year.',
        },
      },
      {
        id: 'companies',
        name: { ja: 'イノベーションマッチングイベント参加社数', en: 'Companies at matching events' },
        unit: { ja: '社', en: 'companies' },
        baseline: 34,
        increments: [16, 10, 20],
        source: 'companies',
        aggregation: 'annual',
        decimals: 0,
        definition: {
          ja: '年度内のイベントで1名以上が受付した企業・団体の数（複数回の参加・表記ゆれは1社）。',
          en: 'Companies with at least one person checked in at the fiscal year’s events, each counted once.',
        },
      },
      {
        id: 'founded',
        name: {
          ja: '本事業をきっかけとした域内創業事業・企業数',
          en: 'Businesses founded or relocated in the region through the programme',
        },
        unit: { ja: '件', en: 'businesses' },
        baseline: 0,
        increments: [1, 2, 3],
        source: 'founded',
        aggregation: 'cumulative',
        decimals: 0,
        definition: {
          ja: '成果として記録された「域内で創業」「拠点開設」の累計。',
          en: 'Outcomes recorded as founded in the region or a site opened here, cumulative.',
        },
      },
      {
        id: 'student-hiring',
        name: { ja: '管内学生の管内事業所就職割合', en: 'Local students hired by local employers' },
        unit: { ja: '%', en: '%' },
        baseline: 50.32,
        increments: [2, 3, 5],
        source: 'manual',
        aggregation: 'annual',
        decimals: 2,
        definition: {
          ja: '公共職業安定所の統計による（事務局が入力）。',
          en: 'From the public employment office’s figures, entered by the secretariat.',
        },
      },
    ],
  };
}

// ---- what the app cannot count: regional outcomes and entered figures ----

/** A business founded in the region (域内で創業) or a site opened here (拠点開設), through the programme. */
export const REGIONAL_OUTCOME_KINDS = ['founded', 'relocated'] as const;
export type RegionalOutcomeKind = (typeof REGIONAL_OUTCOME_KINDS)[number];

const isoDate = z.iso.date('a date as YYYY-MM-DD');

export const regionalOutcomeSchema = z.strictObject({
  /** An organization of one of the programme's events (the console's current event or an earlier one). */
  eventId: z.string().min(1).max(LIMITS.idLength),
  orgId: z.string().min(1).max(LIMITS.idLength),
  kind: z.enum(REGIONAL_OUTCOME_KINDS),
  on: isoDate,
  note: z.string().trim().max(LIMITS.noteLength).default(''),
  /** The meeting it grew from, when there is one. */
  meetingId: z.string().min(1).max(LIMITS.idLength).optional(),
  key: idempotencyKey.optional(),
});
export type RegionalOutcomeInput = z.infer<typeof regionalOutcomeSchema>;

export interface RegionalOutcome {
  id: string;
  eventId: string;
  orgId: string;
  orgName: string;
  orgKind: OrgKind;
  kind: RegionalOutcomeKind;
  on: string;
  fiscalYear: number;
  note: string;
  meetingId: string | null;
  recordedAt: number;
}

/** A figure the app cannot count, entered with where it came from (the employment office, its date). */
export const kpiEntrySchema = z.strictObject({
  kpiId: z.string().regex(/^[a-z0-9-]{1,40}$/),
  fiscalYear: z.number().int().min(2000).max(2100),
  value: figure,
  source: z.string().trim().min(1).max(LIMITS.titleLength),
  on: isoDate,
  note: z.string().trim().max(LIMITS.noteLength).default(''),
  key: idempotencyKey.optional(),
});
export type KpiEntryInput = z.infer<typeof kpiEntrySchema>;

export interface KpiEntry extends Omit<KpiEntryInput, 'key'> {
  id: string;
  recordedAt: number;
  /** The organizer who entered it (console only; never published). */
  recordedBy: string;
}

/** The council's review of a fiscal year: what worked, what changes next time (the PDCA's C and A). */
export const kpiReviewSchema = z.strictObject({
  fiscalYear: z.number().int().min(2000).max(2100),
  worked: z.string().trim().max(4000).default(''),
  next: z.string().trim().max(4000).default(''),
});
export type KpiReview = z.infer<typeof kpiReviewSchema> & { updatedAt: number };

// ---- publishing ----

/** Open data's licence: CC BY 4.0, compatible with the government's standard terms of use (政府標準利用規約 2.0). */
export const OPEN_DATA_LICENCE = {
  id: 'CC-BY-4.0',
  name: 'クリエイティブ・コモンズ 表示 4.0 国際 / Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

export const publishSettingsSchema = z.strictObject({
  /** Off: the public page and files answer 404. */
  enabled: z.boolean(),
  /** Which KPIs and fiscal years to show; empty means none. */
  kpiIds: z.array(z.string().regex(/^[a-z0-9-]{1,40}$/)).max(20),
  fiscalYears: z.array(z.number().int().min(2000).max(2100)).max(20),
  /** The council's review notes of the published years. */
  reviews: z.boolean(),
  /** The event-by-event aggregate figures (name, date, companies by kind, meetings held, PoCs). */
  events: z.boolean(),
  /** Names of participating companies that agreed to be named (organizations' consent flag); never anyone else's. */
  companyNames: z.boolean(),
});
export type PublishSettings = z.infer<typeof publishSettingsSchema>;

/** The console's view of publishing: the settings and the public address (a secret path, renewed to revoke). */
export interface PublishView extends PublishSettings {
  /** `${origin}/open/${slug}`, or null before the first publishing. */
  publicUrl: string | null;
}

// ---- the council's table ----

export type FigureOrigin =
  /** Counted by the app from the events' records. */
  | 'counted'
  /** Entered by the organizer (its latest entry for the year). */
  | 'entered'
  /** No figure yet. */
  | 'none';

export interface KpiYearCell {
  fiscalYear: number;
  /** 0 for the baseline column, 1.. for plan years. */
  planYear: number;
  /** baseline + the increments of plan years 1..planYear. */
  target: number;
  /** The cumulative target increment: target − baseline. */
  targetIncrement: number;
  actual: number | null;
  /** actual − baseline. */
  increment: number | null;
  /** increment ÷ targetIncrement; null when either is missing, the target increment is 0, or the year is in progress. */
  achievement: number | null;
  /**
   * The fiscal year in progress (it contains today, in the programme's time zone): its actual is
   * the figure so far, with no achievement yet; shown as 年度途中 / in progress. Absent otherwise.
   */
  provisional?: true;
  origin: FigureOrigin;
  /** For an entered figure: where it came from and when. */
  entry: { source: string; on: string; note: string } | null;
}

export interface KpiRow {
  kpi: KpiDefinition;
  /** The baseline year's cell (fiscal year firstYear − 1: target = actual = baseline), then each plan year. */
  years: KpiYearCell[];
}

/** One event's aggregate figures, as the council's table lists them behind the KPIs (no names of people). */
export interface ProgrammeEventFigures {
  eventId: string;
  name: string;
  date: string;
  fiscalYear: number;
  companies: { firm: number; venture: number; partner: number; total: number };
  meetingsHeld: number;
  pocsStarted: number;
  regionalOutcomes: number;
}

export interface ProgrammeReport {
  programmeId: string;
  plan: KpiPlan;
  /** Plan years' fiscal years, firstYear .. firstYear + increments − 1 (the longest KPI). */
  fiscalYears: number[];
  rows: KpiRow[];
  reviews: KpiReview[];
  events: ProgrammeEventFigures[];
  generatedAt: number;
}

/** What lies behind one cell: GET /api/programme/drill?kpi=ID&fy=YYYY. */
export type DrillItem =
  | { type: 'company'; name: string; kind: OrgKind; events: string[] }
  | { type: 'poc'; meetingId: string; eventName: string; venture: string; guest: string; pocStartedOn: string }
  | { type: 'outcome'; outcome: RegionalOutcome }
  | { type: 'entry'; entry: KpiEntry };

export interface DrillView {
  kpiId: string;
  fiscalYear: number;
  items: DrillItem[];
}

// ---- the console's page ----

/** GET /api/programme: the council's table and what the console edits beside it. */
export interface ProgrammeView {
  report: ProgrammeReport;
  /** Every entered figure, oldest first (the latest of a KPI and year is its figure). */
  entries: KpiEntry[];
  outcomes: RegionalOutcome[];
  publish: PublishView;
  /** The current event's organizations that agreed to be named on the public page. */
  consentingOrgIds?: string[];
}

/** POST /api/org/:id/publish-consent: whether the company agreed to be named on the public page. */
export const publishConsentSchema = z.strictObject({ consent: z.boolean() });
