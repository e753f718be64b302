/**
 * What a schedule is worth. Four tiers, compared lexicographically (a higher tier always wins):
 *   1. mutual pairs placed;
 *   2. fairness: guests who asked and hold at least one meeting, plus, for each venture with demand,
 *      its meetings up to the venture quota (the same minimum for every venture, so meetings are
 *      spread before anyone gets many);
 *   3. one-sided pairs placed;
 *   4. the sum of the placed pairs' challenge fit (a tie-breaker).
 * The scalar `objective` folds the tiers with the weights fit·1 + oneSided·B + fairness·B² + mutual·B³,
 * B = 2N + 2 where N bounds the meetings this run can place, so each tier's weight exceeds the most
 * every lower tier can add and the sum orders schedules exactly as the tiers do.
 */
import type { Grid } from './grid.js';

export interface Tiers {
  mutual: number;
  fairness: number;
  oneSided: number;
  fit: number;
}

/** The meetings each venture with demand should get before any gets more (at least 1). */
export function ventureQuota(grid: Grid): number {
  const places = grid.freeTables.reduce((n, t) => n + t.length, 0);
  const ventures = grid.ventures.length;
  if (ventures === 0) return 0;
  return Math.max(1, Math.min(grid.slotCount, grid.cap, Math.floor(places / ventures)));
}

/** N: no run can place more meetings than there are candidates or free places. */
export function tierBase(grid: Grid): number {
  const places = grid.freeTables.reduce((n, t) => n + t.length, 0);
  return 2 * Math.min(grid.candidates.length, places) + 2;
}

export function tiersOf(grid: Grid, quota = ventureQuota(grid)): Tiers {
  const t: Tiers = { mutual: 0, fairness: 0, oneSided: 0, fit: 0 };
  grid.candidates.forEach((c, i) => {
    if (!grid.isPlaced(i)) return;
    if (c.mutual) t.mutual++;
    else t.oneSided++;
    t.fit += c.fit;
  });
  for (const g of grid.guests) if (grid.loadOf(g) > 0) t.fairness++;
  for (const v of grid.ventures) t.fairness += Math.min(grid.loadOf(v), quota);
  return t;
}

export function scalarOf(t: Tiers, base: number): number {
  return ((t.mutual * base + t.fairness) * base + t.oneSided) * base + t.fit;
}

/** -1, 0 or 1 as a is worse than, equal to, or better than b, tier by tier. */
export function compareTiers(a: Tiers, b: Tiers): number {
  const keys = ['mutual', 'fairness', 'oneSided'] as const;
  for (const k of keys) if (a[k] !== b[k]) return a[k] > b[k] ? 1 : -1;
  const d = a.fit - b.fit;
  return Math.abs(d) < 1e-9 ? 0 : d > 0 ? 1 : -1;
}
