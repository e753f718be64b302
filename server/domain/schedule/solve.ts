/**
 * The meeting scheduler (issue 16): proposes meetings for the pairs that want them, within the grid
 * and around the meetings already booked, best by the tiers of ./objective.ts (mutual pairs, then
 * fairness, then one-sided pairs, then fit). Pure and synchronous; the clock only times the run.
 * server/scheduler/run.ts runs it off the event loop.
 *
 * The steps, each building on the last and none undoing a higher tier:
 *   1. mutual pairs: a maximum b-matching picks which, then each is placed, shifting meetings
 *      already placed to other slots when they stand in its way;
 *   2. fairness: each guest without a meeting gets one, then the ventures below the quota get one
 *      more each, round by round; where no place is free, a meeting may give way (and is re-homed
 *      if it can be) when the swap raises the tiers; last, each guest still without one gets one by
 *      an augmenting path, a chain of guests each moving to another of its ventures (./cover.ts);
 *   3. the other one-sided pairs, again b-matching first, then placed;
 *   4. swaps that raise fit, then any pair that still fits directly is placed (so every pair left
 *      out has a reason true of the final grid).
 * Measured against the exact optimum (HiGHS) by `npm run bench:schedule` (bench/README.md).
 * Deterministic: ties break on the order of the problem's pairs.
 */
import { coverByPaths } from './cover.js';
import { bookFirstCome } from './greedy.js';
import { Grid, type Candidate } from './grid.js';
import { Mover } from './moves.js';
import { compareTiers } from './objective.js';
import { resultOf } from './result.js';
import { maxBMatching, roomOf } from './select.js';
import type { ScheduleProblem, ScheduleResult } from './types.js';

/** How deep a placement shifts meetings out of its way: deeper finds more, costs more. */
const DEPTH_PRIORITY = 2;
const DEPTH_FILL = 1;

export function solveSchedule(problem: ScheduleProblem, now: () => number = () => 0): ScheduleResult {
  const t0 = now();
  return resultOf(bestGrid(problem), now() - t0);
}

/**
 * The steps above, then the first-come booking as a floor: should it be better than their result
 * (it happens on small tight grids, where the order of the mutual pairs decided who got the last
 * place, see properties.test.ts), it is improved by the same steps, which never lower a tier, and
 * the better of the two is kept. So the result is never below the first-come booking.
 */
function bestGrid(problem: ScheduleProblem): Grid {
  const grid = new Grid(problem);
  placeMutual(grid);
  improveAll(grid);
  const firstCome = new Grid(problem);
  bookFirstCome(
    firstCome,
    firstCome.candidates.map((_, i) => i),
  );
  if (compareTiers(firstCome.tiers, grid.tiers) <= 0) return grid;
  improveAll(firstCome);
  return compareTiers(firstCome.tiers, grid.tiers) > 0 ? firstCome : grid;
}

/** Steps 2 to 4: each only adds meetings or makes a swap that raises the tiers. */
function improveAll(grid: Grid): void {
  const mover = new Mover(grid);
  const repair = repairFor(grid, mover);
  coverGuests(grid, mover, repair);
  liftVentures(grid, mover, repair);
  fill(grid, mover);
  // Filled, many guests hold two meetings: one can now give way to a guest who still has none.
  coverGuests(grid, mover, repair);
  liftVentures(grid, mover, repair);
  // The swaps above follow chains of two or three; a tight grid can need a longer one to cover a guest.
  coverByPaths(
    grid,
    mover,
    byOrg(
      grid,
      grid.candidates.map((_, i) => i),
      'g',
    ),
  );
  raiseFit(grid, mover);
  bookFirstCome(
    grid,
    unplaced(grid, () => true),
  );
}

function unplaced(grid: Grid, keep: (c: Candidate) => boolean): number[] {
  const out: number[] = [];
  grid.candidates.forEach((c, i) => {
    if (!grid.isPlaced(i) && keep(c)) out.push(i);
  });
  return out;
}

/** Candidates by organization, each list in the problem's order. */
function byOrg(grid: Grid, pool: readonly number[], side: 'g' | 'v'): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const c of pool) {
    const o = grid.candidates[c]![side];
    (map.get(o) ?? map.set(o, []).get(o)!).push(c);
  }
  return map;
}

/** Step 1: the b-matching's mutual pairs first, those with the least room first, then the rest. */
function placeMutual(grid: Grid): void {
  const mover = new Mover(grid);
  const pool = unplaced(grid, (c) => c.mutual);
  const room = roomOf(grid);
  const chosen = maxBMatching(grid, pool, room);
  const tightness = (c: number) => {
    const { g, v } = grid.candidates[c]!;
    return Math.min(room[g]!, room[v]!);
  };
  const order = pool.sort(
    (a, b) =>
      Number(chosen.has(b)) - Number(chosen.has(a)) ||
      tightness(a) - tightness(b) ||
      grid.candidates[b]!.fit - grid.candidates[a]!.fit ||
      a - b,
  );
  for (const c of order) mover.insert(c, DEPTH_PRIORITY);
}

/** Tries the pairs (in the given order) until one is placed, by shifting others or by a fairer swap. */
function placeOneOf(grid: Grid, mover: Mover, pairs: readonly number[], repair: Repair | null): boolean {
  for (const c of pairs) if (mover.insert(c, DEPTH_PRIORITY)) return true;
  if (!repair) return false;
  // Any meeting may give way: a swap is kept only when the tiers rise, so a mutual pair gives way
  // only to another mutual pair that is fairer, and a guest's only meeting only when it is re-homed.
  for (const c of pairs) if (mover.swapIn(c, () => true, repair)) return true;
  return false;
}

/**
 * Swaps cost a search over every slot and every meeting in the way. When this many guests in a row
 * found no fairer swap, the grid is saturated with meetings no swap improves (a full grid of
 * single-meeting guests): the rest get plain placement only. Counted, not timed, so runs agree.
 */
const SWAP_MISSES_BEFORE_GIVING_UP = 40;

type Repair = (dropped: number[]) => void;

/**
 * Swaps made inside a swap's repair, per run: they find the longer chains the optimum uses (a firm
 * takes a venture's place, the firm it displaced takes another's) but cost a search each; a
 * fixed count keeps the 500-firm grids well inside their time and every run the same.
 */
const NESTED_SWAPS = 400;

/**
 * After a swap, each dropped meeting is placed elsewhere if it can be; if not, a dropped mutual
 * pair's guest or venture tries another of its mutual pairs (so the swap can keep the mutual count),
 * and a guest left with no meeting tries its other pairs.
 */
function repairFor(grid: Grid, mover: Mover): Repair {
  const all = grid.candidates.map((_, i) => i);
  const byGuest = byOrg(grid, all, 'g');
  const byVenture = byOrg(grid, all, 'v');
  const mutualOf = (list: readonly number[] | undefined) => (list ?? []).filter((c) => grid.candidates[c]!.mutual);
  const firstPlaced = (list: readonly number[]) => list.some((c) => mover.insert(c, DEPTH_FILL));
  // A guest left with none may in turn take the place of a meeting whose guest keeps another.
  const spare = (m: number) => grid.loadOf(grid.candidates[m]!.g) > 1;
  let budget = NESTED_SWAPS;
  const swappedIn = (list: readonly number[]) => list.some((c) => budget-- > 0 && mover.swapIn(c, spare, () => {}));
  return (dropped) => {
    for (const d of dropped) {
      if (mover.insert(d, DEPTH_FILL)) continue;
      const { g, v, mutual } = grid.candidates[d]!;
      if (mutual && !firstPlaced(mutualOf(byGuest.get(g)))) firstPlaced(mutualOf(byVenture.get(v)));
      if (grid.loadOf(g) === 0 && !firstPlaced(byGuest.get(g) ?? [])) swappedIn(byGuest.get(g) ?? []);
    }
  };
}

/** Step 2a: every guest who asked and has no meeting gets one, those with fewest options first. */
function coverGuests(grid: Grid, mover: Mover, repair: Repair): void {
  const byGuest = byOrg(
    grid,
    unplaced(grid, () => true),
    'g',
  );
  const guests = [...byGuest.keys()].sort((a, b) => byGuest.get(a)!.length - byGuest.get(b)!.length || a - b);
  let misses = 0;
  for (const g of guests) {
    if (grid.loadOf(g) > 0) continue;
    const pairs = [...byGuest.get(g)!].sort(
      (a, b) =>
        grid.loadOf(grid.candidates[a]!.v) - grid.loadOf(grid.candidates[b]!.v) ||
        grid.candidates[b]!.fit - grid.candidates[a]!.fit ||
        a - b,
    );
    const placed = placeOneOf(grid, mover, pairs, misses < SWAP_MISSES_BEFORE_GIVING_UP ? repair : null);
    misses = placed ? 0 : misses + 1;
  }
}

/** Step 2b: round by round, each venture below the quota gets one more meeting, the least served first. */
function liftVentures(grid: Grid, mover: Mover, repair: Repair): void {
  const stuck = new Set<number>();
  for (let round = 0; round < grid.quota; round++) {
    const byVenture = byOrg(
      grid,
      unplaced(grid, () => true),
      'v',
    );
    const ventures = [...byVenture.keys()]
      .filter((v) => grid.loadOf(v) < grid.quota && !stuck.has(v))
      .sort((a, b) => grid.loadOf(a) - grid.loadOf(b) || a - b);
    if (ventures.length === 0) return;
    for (const v of ventures) {
      if (grid.loadOf(v) >= grid.quota) continue;
      const pairs = [...byVenture.get(v)!].sort(
        (a, b) =>
          grid.loadOf(grid.candidates[a]!.g) - grid.loadOf(grid.candidates[b]!.g) ||
          grid.candidates[b]!.fit - grid.candidates[a]!.fit ||
          a - b,
      );
      if (!placeOneOf(grid, mover, pairs, repair)) stuck.add(v);
    }
  }
}

/** Step 3: the remaining pairs, the b-matching's first, higher fit first. */
function fill(grid: Grid, mover: Mover): void {
  if (!grid.hasRoom()) return;
  const pool = unplaced(grid, () => true);
  const chosen = maxBMatching(grid, pool, roomOf(grid));
  pool.sort(
    (a, b) =>
      Number(chosen.has(b)) - Number(chosen.has(a)) || grid.candidates[b]!.fit - grid.candidates[a]!.fit || a - b,
  );
  for (const c of pool) mover.insert(c, DEPTH_FILL);
}

/** Step 4: a pair left out takes the place of a placed one-sided pair of lower fit when that is better. */
function raiseFit(grid: Grid, mover: Mover): void {
  const pool = unplaced(grid, (c) => !c.mutual && c.fit > 0);
  pool.sort((a, b) => grid.candidates[b]!.fit - grid.candidates[a]!.fit || a - b);
  const lowerFit = (m: number, fit: number) => m >= 0 && !grid.candidates[m]!.mutual && grid.candidates[m]!.fit < fit;
  // Only swaps with a lower-fit meeting of the pair's own guest or venture are tried: they are where
  // nearly all the gain is, and the rest (through a full slot's table) cost most of the time.
  const hasLowerFit = (org: number, fit: number) => {
    for (let s = 0; s < grid.slotCount; s++) if (lowerFit(grid.occupant(org, s), fit)) return true;
    return false;
  };
  for (const c of pool) {
    const { g, v, fit } = grid.candidates[c]!;
    if (!hasLowerFit(g, fit) && !hasLowerFit(v, fit)) continue;
    mover.swapIn(
      c,
      (m) => lowerFit(m, fit),
      (dropped) => dropped.forEach((d) => mover.insert(d, 0)),
    );
  }
}
