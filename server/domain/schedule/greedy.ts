/**
 * The first-come booking the app did before the scheduler: pairs in the order given, each into the
 * earliest place free for both with a table, while both are under the cap. The baseline the
 * scheduler must never fall below (property tests, bench), and its starting point.
 */
import { Grid } from './grid.js';
import { resultOf } from './result.js';
import type { ScheduleProblem, ScheduleResult } from './types.js';

/** Books every candidate, in order, at its earliest fitting slot. */
export function bookFirstCome(grid: Grid, order: readonly number[]): void {
  for (const c of order) {
    if (grid.isPlaced(c)) continue;
    const { g, v } = grid.candidates[c]!;
    if (!grid.underCap(g) || !grid.underCap(v)) continue;
    const s = grid.firstFit(c);
    if (s >= 0) grid.place(c, s);
  }
}

export function greedySchedule(problem: ScheduleProblem, now: () => number = () => 0): ScheduleResult {
  const t0 = now();
  const grid = new Grid(problem);
  bookFirstCome(
    grid,
    grid.candidates.map((_, i) => i),
  );
  return resultOf(grid, now() - t0);
}
