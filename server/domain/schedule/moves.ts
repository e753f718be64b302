/**
 * The scheduler's moves on the grid. `insert` places a pair, shifting the meetings in its way to
 * other slots (an ejection chain, bounded in depth: the repair step of a bipartite edge colouring
 * with a table capacity per slot). `swapIn` may also drop meetings that stand in the way, and keeps
 * such a swap only when the schedule's tiers get better (`improve`). Every move
 * either succeeds or leaves the grid exactly as it found it.
 */
import { compareTiers } from './objective.js';
import { EXISTING, type Grid } from './grid.js';

/** How many meetings of a full slot a move tries to shift elsewhere to free a table. */
const TABLE_TRIES = 6;

export class Mover {
  /** Meetings the current chain has just placed and must not shift again. */
  private readonly pinned: Uint8Array;

  constructor(private readonly grid: Grid) {
    this.pinned = new Uint8Array(grid.candidates.length);
  }

  /** Places c, shifting meetings in its way up to `depth` levels deep. */
  insert(c: number, depth: number): boolean {
    const grid = this.grid;
    const { g, v } = grid.candidates[c]!;
    if (grid.isPlaced(c) || !grid.underCap(g) || !grid.underCap(v) || !grid.hasRoom()) return false;
    const direct = grid.firstFit(c);
    if (direct >= 0) {
      grid.place(c, direct);
      return true;
    }
    if (depth === 0) return false;
    for (let s = 0; s < grid.slotCount; s++) {
      for (const ejected of this.ejectionSets(c, s)) {
        if (this.tryAt(c, s, ejected, (e) => this.insert(e, depth - 1))) return true;
      }
    }
    return false;
  }

  /**
   * Swaps c in: makes room by dropping meetings `droppable` allows (one of each capped organization's
   * first, then whatever stands in c's way in a slot, unless it can shift elsewhere), lets `repair`
   * re-home what was dropped, and keeps the first such swap that raises the tiers.
   */
  swapIn(c: number, droppable: (m: number) => boolean, repair: (dropped: number[]) => void): boolean {
    const grid = this.grid;
    if (grid.isPlaced(c)) return false;
    const { g, v } = grid.candidates[c]!;
    const options = [g, v]
      .filter((o) => !grid.underCap(o))
      .map((o) => this.meetingsOf(o).filter((m) => m !== c && !this.pinned[m] && droppable(m)));
    if (options.some((list) => list.length === 0)) return false;
    for (const drops of combinations(options)) {
      const attempt = (place: (dropped: number[]) => boolean) =>
        this.improve(() => {
          const dropped = drops.filter((m) => grid.isPlaced(m));
          for (const m of dropped) grid.remove(m);
          if (!place(dropped)) return false;
          repair(dropped);
          return true;
        });
      if (attempt(() => this.insert(c, 0))) return true;
      for (let s = 0; s < grid.slotCount; s++) {
        const placed = attempt((dropped) => {
          const shiftOrDrop = (e: number) => this.insert(e, 0) || (droppable(e) && dropped.push(e) > 0);
          for (const ejected of this.ejectionSets(c, s)) {
            const before = dropped.length;
            if (this.tryAt(c, s, ejected, shiftOrDrop)) return true;
            dropped.length = before;
          }
          return false;
        });
        if (placed) return true;
      }
    }
    return false;
  }

  /** The placed meetings of an organization, in slot order. */
  meetingsOf(org: number): number[] {
    const out: number[] = [];
    for (let s = 0; s < this.grid.slotCount; s++) {
      const m = this.grid.occupant(org, s);
      if (m >= 0) out.push(m);
    }
    return out;
  }

  /** Runs a move and keeps it only when the schedule's tiers improve. */
  improve(move: () => boolean): boolean {
    const grid = this.grid;
    const mark = grid.mark();
    const before = { ...grid.tiers };
    if (move() && compareTiers(grid.tiers, before) > 0) return true;
    grid.rollback(mark);
    return false;
  }

  /** The meetings to move out of slot s so c fits there: c's two organizations', and a table's if none is left. */
  private *ejectionSets(c: number, s: number): Generator<number[]> {
    const grid = this.grid;
    const { g, v } = grid.candidates[c]!;
    const og = grid.occupant(g, s);
    const ov = grid.occupant(v, s);
    if (og === EXISTING || ov === EXISTING) return;
    const base = [og, ov].filter((m, i, all) => m >= 0 && all.indexOf(m) === i);
    if (base.some((m) => this.pinned[m])) return;
    if (base.length > 0 || grid.hasTable(s)) {
      if (base.length > 0) yield base;
      return;
    }
    let tries = 0;
    for (const m of grid.members[s]!) {
      if (this.pinned[m]) continue;
      yield [m];
      if (++tries >= TABLE_TRIES) return;
    }
  }

  /** Moves `ejected` out of slot s, puts c there, and re-homes each ejected meeting, or undoes it all. */
  private tryAt(c: number, s: number, ejected: number[], rehome: (e: number) => boolean): boolean {
    const grid = this.grid;
    const mark = grid.mark();
    for (const e of ejected) grid.remove(e);
    if (!grid.fits(c, s)) {
      grid.rollback(mark);
      return false;
    }
    grid.place(c, s);
    this.pinned[c] = 1;
    const ok = ejected.every(rehome);
    this.pinned[c] = 0;
    if (!ok) grid.rollback(mark);
    return ok;
  }
}

/** Every way of picking one item from each list (at most a few dozen: lists are one org's meetings). */
function combinations(lists: readonly number[][]): number[][] {
  return lists.reduce<number[][]>((acc, list) => acc.flatMap((pick) => list.map((m) => [...pick, m])), [[]]);
}
