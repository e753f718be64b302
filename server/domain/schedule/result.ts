/**
 * From a solved grid to the contract's result: each placed pair gets a table of its slot (the
 * problem's table order, so runs agree), and each pair left out gets the reason that is true of the
 * final grid: 'cap' (one side is at its cap), 'no-common-slot' (no slot where both are free),
 * 'no-table' (both are free together only in slots whose tables are all taken).
 */
import type { Grid } from './grid.js';
import { scalarOf, tierBase, tiersOf } from './objective.js';
import type { PlacedMeeting, ScheduleResult, UnplacedReason } from './types.js';

export function reasonFor(grid: Grid, c: number): UnplacedReason | null {
  const { g, v } = grid.candidates[c]!;
  if (!grid.underCap(g) || !grid.underCap(v)) return 'cap';
  let common = false;
  for (let s = 0; s < grid.slotCount; s++) {
    if (!grid.isFree(g, s) || !grid.isFree(v, s)) continue;
    if (grid.hasTable(s)) return null;
    common = true;
  }
  return common ? 'no-table' : 'no-common-slot';
}

export function resultOf(grid: Grid, runtimeMs: number): ScheduleResult {
  const bySlot: number[][] = grid.freeTables.map(() => []);
  grid.candidates.forEach((_, c) => {
    if (grid.isPlaced(c)) bySlot[grid.slotOf[c]!]!.push(c);
  });
  const meetings: PlacedMeeting[] = [];
  bySlot.forEach((cs, s) => {
    cs.sort((a, b) => grid.candidates[a]!.order - grid.candidates[b]!.order);
    cs.forEach((c, i) => {
      const { pair } = grid.candidates[c]!;
      meetings.push({
        guest: pair.guest,
        venture: pair.venture,
        slotStart: grid.problem.slots[s]!.start,
        table: grid.freeTables[s]![i]!,
      });
    });
  });
  const unplaced: ScheduleResult['unplaced'] = [];
  grid.candidates.forEach((cand, c) => {
    if (grid.isPlaced(c)) return;
    const reason = reasonFor(grid, c);
    // A pair that still fits is a solver bug; the solvers place every such pair before they finish.
    if (reason === null) throw new Error(`Scheduler left a placeable pair: ${cand.pair.guest}–${cand.pair.venture}`);
    unplaced.push({ guest: cand.pair.guest, venture: cand.pair.venture, reason });
  });
  return { meetings, unplaced, objective: scalarOf(tiersOf(grid), tierBase(grid)), runtimeMs };
}
