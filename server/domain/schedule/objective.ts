/**
 * What a schedule is worth. Four tiers, compared lexicographically (a higher tier always wins):
 *   1. mutual pairs placed;
 *   2. fairness: guests who asked and hold at least one meeting, plus, for each venture with demand,
 *      its meetings up to the venture quota (the same minimum for every venture, so meetings are
 *      spread before anyone gets many: the free places shared evenly among the ventures with demand,
 *      at least 1, at most the slots and the cap);
 *   3. one-sided pairs placed;
 *   4. the sum of the placed pairs' challenge fit (a tie-breaker).
 * The scalar `objective` folds the tiers with the weights fit·1 + oneSided·B + fairness·B² + mutual·B³,
 * B = 4N + 4 where N bounds the meetings this run can place, so each tier's weight exceeds the most
 * every lower tier can add and the sum orders schedules exactly as the tiers do.
 */
import type { Grid, Tiers } from './grid.js';

export type { Tiers };

/** A snapshot of the grid's tiers, to compare with after a move. */
export function tiersOf(grid: Grid): Tiers {
  return { ...grid.tiers };
}

/** B: each tier's weight exceeds what the lower tiers can add (N meetings move fairness by ≤ 4N). */
export function tierBase(grid: Grid): number {
  const places = grid.freeTables.reduce((n, t) => n + t.length, 0);
  return 4 * Math.min(grid.candidates.length, places) + 4;
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
