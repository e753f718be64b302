/**
 * The meeting scheduler (issue 16): proposes meetings for the pairs that want them, within the grid
 * and around the meetings already booked, best first by the tiers of ./objective.ts. Pure and
 * synchronous; the clock only times the run. server/scheduler/run.ts runs it off the event loop.
 */
import { bookFirstCome } from './greedy.js';
import { Grid } from './grid.js';
import { resultOf } from './result.js';
import type { ScheduleProblem, ScheduleResult } from './types.js';

/** Mutual pairs first, then by fit, then as given. */
function priorityOrder(grid: Grid): number[] {
  return grid.candidates
    .map((_, i) => i)
    .sort((a, b) => {
      const ca = grid.candidates[a]!;
      const cb = grid.candidates[b]!;
      return Number(cb.mutual) - Number(ca.mutual) || cb.fit - ca.fit || ca.order - cb.order;
    });
}

export function solveSchedule(problem: ScheduleProblem, now: () => number = () => 0): ScheduleResult {
  const t0 = now();
  const grid = new Grid(problem);
  bookFirstCome(grid, priorityOrder(grid));
  return resultOf(grid, now() - t0);
}
