/**
 * The exact optimum the scheduler is measured against: a time-indexed MIP over the same candidates,
 * grid and tiers (server/domain/schedule/objective.ts), solved by HiGHS (the `highs` package, the
 * solver compiled to WebAssembly). Tables are interchangeable within a slot, so a slot's tables are one
 * capacity and a variable x[c,s] says pair c meets in slot s. The tiers are optimized one after the
 * other (lexicographic), each holding the ones above at their optimum. Models too large for the MIP
 * get LP relaxations instead: upper bounds on the tiers, so the gap is a bound too.
 */
import { createRequire } from 'node:module';
import { Grid, type Tiers } from '../../server/domain/schedule/grid.js';
import type { ScheduleProblem } from '../../server/domain/schedule/types.js';

type Highs = {
  solve(
    lp: string,
    options?: Record<string, unknown>,
  ): { Status: string; ObjectiveValue: number; Columns: Record<string, { Primal?: number }> };
};
const loadHighs = createRequire(import.meta.url)('highs') as () => Promise<Highs>;

export interface OptimumReport {
  tiers: Tiers;
  /** 'exact': every tier a proven MIP optimum; 'bound': at least one tier is an LP upper bound. */
  kind: 'exact' | 'bound';
  variables: number;
  seconds: number;
  note: string;
  /** Asking firms with a meeting in the optimum found for the fairness tier (exact runs only). */
  firmsCovered: number | null;
}

const TIER_KEYS = ['mutual', 'fairness', 'oneSided', 'fit'] as const;
type TierKey = (typeof TIER_KEYS)[number];

interface Model {
  vars: string[];
  /** Linear expression per tier, as [coefficient, variable] terms, plus a constant. */
  tier: Record<TierKey, { terms: [number, string][]; constant: number }>;
  rows: string[];
  bounds: string[];
  integers: string[];
  /** Asking firms that hold a meeting already; the others are covered when their y is 1. */
  coveredBefore: number;
  coverVars: string[];
}

/** The time-indexed model of a problem, from the scheduler's own view of it (candidates, quota). */
function buildModel(problem: ScheduleProblem): Model {
  const grid = new Grid(problem);
  const vars: string[] = [];
  const rows: string[] = [];
  const bounds: string[] = [];
  const loadTerms = new Map<number, string[]>();
  const slotTerms: string[][] = grid.freeTables.map(() => []);
  const orgSlotTerms = new Map<string, string[]>();
  const tier: Model['tier'] = {
    mutual: { terms: [], constant: 0 },
    fairness: { terms: [], constant: 0 },
    oneSided: { terms: [], constant: 0 },
    fit: { terms: [], constant: 0 },
  };
  grid.candidates.forEach((c, i) => {
    const own: string[] = [];
    for (let s = 0; s < grid.slotCount; s++) {
      if (!grid.isFree(c.g, s) || !grid.isFree(c.v, s) || grid.freeTables[s]!.length === 0) continue;
      const x = `x${i}_${s}`;
      vars.push(x);
      bounds.push(`0 <= ${x} <= 1`);
      own.push(x);
      slotTerms[s]!.push(x);
      for (const o of [c.g, c.v]) {
        (loadTerms.get(o) ?? loadTerms.set(o, []).get(o)!).push(x);
        const k = `${o}_${s}`;
        (orgSlotTerms.get(k) ?? orgSlotTerms.set(k, []).get(k)!).push(x);
      }
      tier[c.mutual ? 'mutual' : 'oneSided'].terms.push([1, x]);
      if (c.fit > 0) tier.fit.terms.push([c.fit, x]);
    }
    if (own.length > 1) rows.push(`${sum(own)} <= 1`);
  });
  for (const terms of orgSlotTerms.values()) if (terms.length > 1) rows.push(`${sum(terms)} <= 1`);
  slotTerms.forEach((terms, s) => {
    if (terms.length > grid.freeTables[s]!.length) rows.push(`${sum(terms)} <= ${grid.freeTables[s]!.length}`);
  });
  if (Number.isFinite(grid.cap)) {
    for (const [o, terms] of loadTerms) rows.push(`${sum(terms)} <= ${Math.max(0, grid.cap - grid.loadOf(o))}`);
  }
  // Fairness: y covers a guest with no meeting yet; z counts a venture's meetings up to the quota.
  let coveredBefore = 0;
  const coverVars: string[] = [];
  for (const g of grid.guests) {
    if (grid.loadOf(g) > 0) {
      tier.fairness.constant += 1;
      coveredBefore++;
    } else if (loadTerms.has(g)) {
      coverVars.push(`y${g}`);
      rows.push(`y${g} - ${sum(loadTerms.get(g)!, ' - ')} <= 0`);
      bounds.push(`0 <= y${g} <= 1`);
      tier.fairness.terms.push([1, `y${g}`]);
    }
  }
  for (const v of grid.ventures) {
    const have = Math.min(grid.loadOf(v), grid.quota);
    tier.fairness.constant += have;
    if (have < grid.quota && loadTerms.has(v)) {
      rows.push(`z${v} - ${sum(loadTerms.get(v)!, ' - ')} <= 0`);
      bounds.push(`0 <= z${v} <= ${grid.quota - have}`);
      tier.fairness.terms.push([1, `z${v}`]);
    }
  }
  return { vars, tier, rows, bounds, integers: vars, coveredBefore, coverVars };
}

function sum(terms: readonly string[], joiner = ' + '): string {
  // LP files are read line by line; long sums are broken so no line grows without bound.
  const parts: string[] = [];
  for (let i = 0; i < terms.length; i += 12) parts.push(terms.slice(i, i + 12).join(joiner));
  return parts.join(`\n ${joiner.trim()} `);
}

function expr(terms: readonly [number, string][]): string {
  if (terms.length === 0) return '0 x_none';
  return sum(terms.map(([a, x]) => (a === 1 ? x : `${a} ${x}`)));
}

function lpText(m: Model, objective: TierKey, held: [TierKey, number][], integral: boolean): string {
  const lines = ['Maximize', ` obj: ${expr(m.tier[objective].terms)}`, 'Subject To'];
  m.rows.forEach((r, i) => lines.push(` r${i}: ${r}`));
  held.forEach(([k, value], i) => {
    const rhs = value - m.tier[k].constant;
    // Whole-number tiers are held within half a unit; fit within a hair of its optimum.
    const slack = k === 'fit' ? 1e-6 : 0.5;
    lines.push(` h${i}: ${expr(m.tier[k].terms)} >= ${rhs - slack}`);
  });
  lines.push('Bounds', ...m.bounds.map((b) => ` ${b}`), ' x_none = 0');
  if (integral) lines.push('Binary', ...chunk(m.integers));
  lines.push('End');
  return lines.join('\n');
}

function chunk(names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < names.length; i += 12) out.push(` ${names.slice(i, i + 12).join(' ')}`);
  return out;
}

/** Variables the MIP is tried on; above this, LP bounds (it would not finish in minutes). */
export const MIP_MAX_VARIABLES = 6_000;

/**
 * The lexicographic optimum's tiers, or upper bounds on them. A tier is held at its value for the
 * tiers below once that value is proven: a MIP optimum, or an LP bound the scheduler's own schedule
 * (`achieved`) reaches. Holding only proven values keeps every later LP a valid bound.
 */
export async function optimum(
  problem: ScheduleProblem,
  secondsPerSolve: number,
  achieved: Tiers,
): Promise<OptimumReport> {
  const highs = await loadHighs();
  const t0 = performance.now();
  const m = buildModel(problem);
  const tiers: Tiers = { mutual: 0, fairness: 0, oneSided: 0, fit: 0 };
  let exact = m.vars.length <= MIP_MAX_VARIABLES;
  let allProven = true;
  const held: [TierKey, number][] = [];
  const notes: string[] = [];
  let firmsCovered: number | null = null;
  for (const k of TIER_KEYS) {
    const options = { output_flag: false, time_limit: secondsPerSolve, mip_rel_gap: 0 };
    if (exact) {
      const r = highs.solve(lpText(m, k, held, true), options);
      if (r.Status === 'Optimal') {
        tiers[k] = r.ObjectiveValue + m.tier[k].constant;
        held.push([k, tiers[k]]);
        if (k === 'fairness') {
          firmsCovered = m.coveredBefore + m.coverVars.filter((y) => (r.Columns[y]?.Primal ?? 0) > 0.5).length;
        }
        continue;
      }
      notes.push(`MIP ${k}: ${r.Status}`);
      exact = false;
    }
    const r = highs.solve(lpText(m, k, held, false), options);
    if (r.Status !== 'Optimal') throw new Error(`LP bound for ${k}: ${r.Status}`);
    tiers[k] = r.ObjectiveValue + m.tier[k].constant;
    // Whole-number tiers: the bound rounds down; reached by the scheduler, it is the optimum.
    if (k !== 'fit') tiers[k] = Math.floor(tiers[k] + 1e-6);
    if (k !== 'fit' && allProven && achieved[k] >= tiers[k]) held.push([k, tiers[k]]);
    else allProven = false;
  }
  return {
    tiers,
    kind: exact ? 'exact' : 'bound',
    variables: m.vars.length,
    seconds: (performance.now() - t0) / 1000,
    firmsCovered,
    note: [...notes, held.length > 0 && !exact ? `held at their proven value: ${held.map(([k]) => k).join(', ')}` : '']
      .filter(Boolean)
      .join('; '),
  };
}
