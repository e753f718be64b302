/**
 * The scheduler's working state: which organization is busy in which slot, how many tables each slot
 * has left, how many meetings each organization holds (for the cap), and which slot each candidate
 * pair got. Indexed by small integers so a solver can try thousands of moves in milliseconds; the
 * ids come back only when the result is written out.
 */
import type { ScheduleProblem, WantedPair } from './types.js';

/** A candidate pair with its organizations as indexes. */
export interface Candidate {
  pair: WantedPair;
  /** Position in the problem's pairs: the tie-breaker that keeps every run the same. */
  order: number;
  g: number;
  v: number;
  mutual: boolean;
  fit: number;
}

const FREE = -1;
/** An organization busy in a slot with a meeting that was booked before this run. */
export const EXISTING = -2;

export class Grid {
  readonly slotCount: number;
  readonly orgIds: string[] = [];
  readonly candidates: Candidate[] = [];
  /** Tables still free in each slot after the existing meetings, in the problem's order. */
  readonly freeTables: string[][];
  /** busy[org * slotCount + s]: FREE, EXISTING, or the candidate index placed there. */
  readonly busy: Int32Array;
  /** Meetings per organization, existing ones included. */
  readonly load: Int32Array;
  /** Placed candidates per slot. */
  readonly used: Int32Array;
  /** slotOf[candidate]: its slot index, or FREE. */
  readonly slotOf: Int32Array;
  readonly cap: number;
  /** Organizations that appear in a candidate pair as guest / as venture. */
  readonly guests: number[];
  readonly ventures: number[];

  constructor(readonly problem: ScheduleProblem) {
    const slots = problem.slots;
    this.slotCount = slots.length;
    const index = new Map<string, number>();
    const orgOf = (id: string) => {
      let i = index.get(id);
      if (i === undefined) {
        i = this.orgIds.length;
        index.set(id, i);
        this.orgIds.push(id);
      }
      return i;
    };
    const slotAt = (start: number) => slots.findIndex((s) => s.start <= start && start < s.end);
    const taken = slots.map(() => new Set<string>());
    const existingLoad = new Map<number, number>();
    const existingBusy: [number, number][] = [];
    const meetsAlready = new Set<string>();
    for (const m of problem.existing) {
      const g = orgOf(m.guest);
      const v = orgOf(m.venture);
      existingLoad.set(g, (existingLoad.get(g) ?? 0) + 1);
      existingLoad.set(v, (existingLoad.get(v) ?? 0) + 1);
      meetsAlready.add(pairKey(g, v));
      const s = slotAt(m.slotStart);
      if (s < 0) continue; // outside today's bookable grid: it still counts for the cap
      taken[s]?.add(m.table);
      existingBusy.push([g, s], [v, s]);
    }
    // One candidate per two organizations: a pair listed twice, or listed both ways, or already
    // meeting, would otherwise be booked twice.
    const seen = new Set<string>(meetsAlready);
    problem.pairs.forEach((pair, order) => {
      if (pair.guest === pair.venture) return;
      const g = orgOf(pair.guest);
      const v = orgOf(pair.venture);
      const key = pairKey(g, v);
      if (seen.has(key)) return;
      seen.add(key);
      const fit = Number.isFinite(pair.fit) ? Math.min(1, Math.max(0, pair.fit)) : 0;
      this.candidates.push({ pair, order, g, v, mutual: pair.strength === 'mutual', fit });
    });
    const orgCount = this.orgIds.length;
    this.busy = new Int32Array(orgCount * this.slotCount).fill(FREE);
    for (const [o, s] of existingBusy) this.busy[o * this.slotCount + s] = EXISTING;
    this.load = new Int32Array(orgCount);
    for (const [o, n] of existingLoad) this.load[o] = n;
    this.freeTables = slots.map((_, s) => problem.tables.filter((t) => !taken[s]?.has(t)));
    this.used = new Int32Array(this.slotCount);
    this.slotOf = new Int32Array(this.candidates.length).fill(FREE);
    this.cap = problem.capPerOrg ?? Number.POSITIVE_INFINITY;
    this.guests = [...new Set(this.candidates.map((c) => c.g))];
    this.ventures = [...new Set(this.candidates.map((c) => c.v))];
  }

  isFree(org: number, s: number): boolean {
    return this.busy[org * this.slotCount + s] === FREE;
  }

  /** The candidate an organization meets in a slot, FREE, or EXISTING. */
  occupant(org: number, s: number): number {
    return this.busy[org * this.slotCount + s] ?? FREE;
  }

  hasTable(s: number): boolean {
    return (this.used[s] ?? 0) < (this.freeTables[s]?.length ?? 0);
  }

  underCap(org: number): boolean {
    return (this.load[org] ?? 0) < this.cap;
  }

  isPlaced(c: number): boolean {
    return (this.slotOf[c] ?? FREE) !== FREE;
  }

  /** Whether candidate c could go into slot s as the grid stands (its own place aside). */
  fits(c: number, s: number): boolean {
    const { g, v } = this.candidates[c]!;
    return this.isFree(g, s) && this.isFree(v, s) && this.hasTable(s);
  }

  place(c: number, s: number): void {
    const { g, v } = this.candidates[c]!;
    this.busy[g * this.slotCount + s] = c;
    this.busy[v * this.slotCount + s] = c;
    this.used[s]!++;
    this.load[g]!++;
    this.load[v]!++;
    this.slotOf[c] = s;
  }

  remove(c: number): void {
    const s = this.slotOf[c]!;
    const { g, v } = this.candidates[c]!;
    this.busy[g * this.slotCount + s] = FREE;
    this.busy[v * this.slotCount + s] = FREE;
    this.used[s]!--;
    this.load[g]!--;
    this.load[v]!--;
    this.slotOf[c] = FREE;
  }

  /** The earliest slot where c fits directly, or -1. Caps are the caller's concern. */
  firstFit(c: number): number {
    for (let s = 0; s < this.slotCount; s++) if (this.fits(c, s)) return s;
    return -1;
  }

  /** Meetings each organization holds now, existing included. */
  loadOf(org: number): number {
    return this.load[org] ?? 0;
  }
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}
