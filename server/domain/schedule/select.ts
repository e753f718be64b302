/**
 * Which pairs to aim for before deciding when: a maximum b-matching (each organization takes at most
 * its room: what its cap and its free slots leave), found by augmenting paths, preferring pairs with
 * higher fit. Greedy picking can take a pair that blocks two; an augmenting path takes it back.
 */
import type { Grid } from './grid.js';

/** The organizations' room: meetings each may still take (cap and free slots). */
export function roomOf(grid: Grid): Int32Array {
  const room = new Int32Array(grid.orgIds.length);
  for (let o = 0; o < room.length; o++) {
    let free = 0;
    for (let s = 0; s < grid.slotCount; s++) if (grid.isFree(o, s)) free++;
    room[o] = Math.max(0, Math.min(free, grid.cap - grid.loadOf(o)));
  }
  return room;
}

/** A largest set of the given candidates that no organization's room is exceeded by. */
export function maxBMatching(grid: Grid, pool: readonly number[], room: Int32Array): Set<number> {
  const byGuest = new Map<number, number[]>();
  const byVenture = new Map<number, number[]>();
  const sorted = [...pool].sort((a, b) => grid.candidates[b]!.fit - grid.candidates[a]!.fit || a - b);
  for (const c of sorted) {
    const { g, v } = grid.candidates[c]!;
    (byGuest.get(g) ?? byGuest.set(g, []).get(g)!).push(c);
    (byVenture.get(v) ?? byVenture.set(v, []).get(v)!).push(c);
  }
  const chosen = new Set<number>();
  const usedG = new Map<number, number>();
  const usedV = new Map<number, number>();
  const roomLeft = (used: Map<number, number>, o: number) => (room[o] ?? 0) - (used.get(o) ?? 0);
  const bump = (used: Map<number, number>, o: number, d: number) => used.set(o, (used.get(o) ?? 0) + d);

  // From guest g: take an unchosen pair to a venture with room, or to a full venture whose chosen
  // pair's guest can in turn move on (the path flips: every guest and venture keeps its count but g).
  const augment = (g: number, seen: Set<number>): boolean => {
    seen.add(-1 - g); // guests as negative keys: a guest already searched from has no path now
    for (const c of byGuest.get(g) ?? []) {
      const v = grid.candidates[c]!.v;
      if (chosen.has(c) || seen.has(v)) continue;
      seen.add(v);
      if (roomLeft(usedV, v) > 0) {
        chosen.add(c);
        bump(usedV, v, 1);
        return true;
      }
      for (const other of byVenture.get(v) ?? []) {
        if (!chosen.has(other)) continue;
        const g2 = grid.candidates[other]!.g;
        if (seen.has(-1 - g2)) continue;
        chosen.delete(other);
        if (augment(g2, seen)) {
          chosen.add(c);
          return true;
        }
        chosen.add(other);
      }
    }
    return false;
  };

  // Round by round, one more pair per guest: an augmenting path never unmatches a guest, so the
  // guests matched in the first round (as many as can be) all stay in the final matching.
  let open = [...byGuest.keys()];
  while (open.length > 0) {
    open = open.filter((g) => {
      if (roomLeft(usedG, g) <= 0 || !augment(g, new Set())) return false;
      bump(usedG, g, 1);
      return true;
    });
  }
  return chosen;
}
