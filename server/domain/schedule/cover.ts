/**
 * The last cover step: for a guest who asked and still has no meeting, an augmenting path over the
 * places the meetings hold. The guest takes the place (slot and table) of a meeting of one of its
 * ventures; that meeting's guest, if it was its only one, takes the place of a meeting of another of
 * its ventures, and so on, until the path ends at a guest who keeps another meeting or at a venture
 * with room. Every guest on the path keeps one meeting and every venture its count, so fairness rises
 * by one; a mutual meeting gives way only to a mutual pair, so the mutual tier never falls. Found by
 * breadth-first search, so the shortest chain wins and no depth needs guessing: the swaps of
 * ./solve.ts try chains of two or three, and a tight grid (ventures at their cap) can need more.
 */
import type { Grid } from './grid.js';
import type { Mover } from './moves.js';

/** A step of a path: `pair` takes the place of `gives` (a placed meeting), or of nothing at the end. */
interface Step {
  pair: number;
  gives: number;
  /** The step before, toward the guest the search started from; -1 at it. */
  parent: number;
}

/**
 * Covers every guest it can, in the order of `grid.guests` (the problem's order, so runs agree).
 * `byGuest` lists each guest's pairs in the order to try them. A path is kept only when the tiers
 * rise. Each search visits a guest once, so it costs one pass over the pairs and the meetings of
 * their ventures, and it runs only for guests still without a meeting.
 */
export function coverByPaths(grid: Grid, mover: Mover, byGuest: ReadonlyMap<number, readonly number[]>): void {
  for (const g of grid.guests) {
    if (grid.loadOf(g) > 0 || !grid.underCap(g)) continue;
    searchFrom(grid, mover, byGuest, g);
  }
}

function searchFrom(grid: Grid, mover: Mover, byGuest: ReadonlyMap<number, readonly number[]>, root: number): boolean {
  const steps: Step[] = [];
  const seen = new Set<number>([root]);
  // The guests reached, each with the step that frees it (-1 for the root).
  const queue: [number, number][] = [[root, -1]];
  for (let head = 0; head < queue.length; head++) {
    const [g, via] = queue[head]!;
    const pairs = (byGuest.get(g) ?? []).filter((c) => !grid.isPlaced(c));
    // Ends first: a venture with room takes the pair without anyone giving way.
    for (const c of pairs) {
      if (!grid.underCap(grid.candidates[c]!.v)) continue;
      if (apply(grid, mover, steps, via, c, -1)) return true;
    }
    for (const c of pairs) {
      const { v, mutual } = grid.candidates[c]!;
      for (const m of mover.meetingsOf(v)) {
        const other = grid.candidates[m]!;
        if (other.mutual && !mutual) continue;
        const g2 = other.g === v ? other.v : other.g;
        if (seen.has(g2)) continue;
        if (grid.loadOf(g2) > 1) {
          if (apply(grid, mover, steps, via, c, m)) return true;
          continue;
        }
        seen.add(g2);
        steps.push({ pair: c, gives: m, parent: via });
        queue.push([g2, steps.length - 1]);
      }
    }
  }
  return false;
}

/**
 * Applies the path that ends with `pair` taking `gives`' place (or any place, when `gives` is -1):
 * every meeting on it gives way, each pair takes the place it freed, and the end pair is placed.
 * Kept only when the tiers rise; otherwise the grid is left as it was.
 */
function apply(grid: Grid, mover: Mover, steps: readonly Step[], via: number, pair: number, gives: number): boolean {
  const path: { pair: number; gives: number }[] = [];
  for (let i = via; i >= 0; i = steps[i]!.parent) path.push(steps[i]!);
  return mover.improve(() => {
    const slots = path.map((p) => grid.slotOf[p.gives]!);
    const endSlot = gives >= 0 ? grid.slotOf[gives]! : -1;
    for (const p of path) grid.remove(p.gives);
    if (gives >= 0) grid.remove(gives);
    for (let i = 0; i < path.length; i++) {
      const p = path[i]!;
      if (!grid.fits(p.pair, slots[i]!)) return false;
      grid.place(p.pair, slots[i]!);
    }
    if (gives < 0) return mover.insert(pair, 1);
    if (!grid.fits(pair, endSlot)) return false;
    grid.place(pair, endSlot);
    return true;
  });
}
