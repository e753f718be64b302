/**
 * The figures of a schedule, computed from the problem and the result alone (not from the solver's
 * own counters): shares of mutual and wanted pairs placed, firms with a meeting, meetings per
 * venture, and the tiers of server/domain/schedule/objective.ts.
 */
import { Grid, type Tiers } from '../../server/domain/schedule/grid.js';
import { scalarOf, tierBase } from '../../server/domain/schedule/objective.js';
import { maxBMatching, roomOf } from '../../server/domain/schedule/select.js';
import type { ScheduleProblem, ScheduleResult } from '../../server/domain/schedule/types.js';

export interface Figures {
  mutualShare: number;
  wantedShare: number;
  firmsWithMeeting: number;
  ventureMin: number;
  ventureP10: number;
  tiers: Tiers;
  scalar: number;
}

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function figuresOf(problem: ScheduleProblem, result: ScheduleResult): Figures {
  const grid = new Grid(problem);
  const wanted = new Map(grid.candidates.map((c) => [key(c.pair.guest, c.pair.venture), c]));
  const load = new Map<string, number>();
  for (const m of [...problem.existing, ...result.meetings]) {
    for (const o of [m.guest, m.venture]) load.set(o, (load.get(o) ?? 0) + 1);
  }
  const tiers: Tiers = { mutual: 0, fairness: 0, oneSided: 0, fit: 0 };
  for (const m of result.meetings) {
    const c = wanted.get(key(m.guest, m.venture))!;
    if (c.mutual) tiers.mutual++;
    else tiers.oneSided++;
    tiers.fit += c.fit;
  }
  const firms = [...new Set(grid.candidates.map((c) => c.pair.guest))];
  const ventures = [...new Set(grid.candidates.map((c) => c.pair.venture))];
  const covered = firms.filter((f) => (load.get(f) ?? 0) > 0).length;
  tiers.fairness = covered + ventures.reduce((n, v) => n + Math.min(load.get(v) ?? 0, grid.quota), 0);
  const perVenture = ventures.map((v) => load.get(v) ?? 0).sort((a, b) => a - b);
  const mutualPairs = grid.candidates.filter((c) => c.mutual).length;
  return {
    mutualShare: mutualPairs === 0 ? 1 : tiers.mutual / mutualPairs,
    wantedShare: grid.candidates.length === 0 ? 1 : result.meetings.length / grid.candidates.length,
    firmsWithMeeting: firms.length === 0 ? 1 : covered / firms.length,
    ventureMin: perVenture[0] ?? 0,
    ventureP10: perVenture[Math.floor(perVenture.length * 0.1)] ?? 0,
    tiers,
    scalar: scalarOf(tiers, tierBase(grid)),
  };
}

/** The scalar objective of given tiers, on this problem's weights. */
export function scalarFor(problem: ScheduleProblem, tiers: Tiers): number {
  return scalarOf(tiers, tierBase(new Grid(problem)));
}

/** What the grid allows at best: asking firms that could each get one meeting, all else aside. */
export function coverableFirms(problem: ScheduleProblem): { asking: number; coverable: number } {
  const grid = new Grid(problem);
  const room = roomOf(grid);
  const firstOnly = Int32Array.from(room);
  for (const g of grid.guests) firstOnly[g] = Math.min(1, room[g]!);
  const pool = grid.candidates.map((_, i) => i);
  const matched = maxBMatching(grid, pool, firstOnly);
  const withOne = new Set([...matched].map((c) => grid.candidates[c]!.g));
  const already = grid.guests.filter((g) => grid.loadOf(g) > 0);
  for (const g of already) withOne.add(g);
  return { asking: grid.guests.length, coverable: Math.min(withOne.size, grid.capacity + already.length) };
}

/** Whether every mutual pair could be placed: the optimum (or its bound) places them all. */
export function mutualPairsOf(problem: ScheduleProblem): number {
  return new Grid(problem).candidates.filter((c) => c.mutual).length;
}
