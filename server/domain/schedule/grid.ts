/**
 * The scheduler's working state: which organization is busy in which slot, how many tables each slot
 * has left, how many meetings each organization holds (for the cap), and which slot each candidate
 * pair got. Indexed by small integers so a solver can try thousands of moves in milliseconds; the
 * ids come back only when the result is written out.
 */
import type { ScheduleProblem, WantedPair } from './types.js';

/** The schedule's worth, tier by tier (see ./objective.ts). */
export interface Tiers {
  mutual: number;
  fairness: number;
  oneSided: number;
  fit: number;
}

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
  /** Placed candidates per slot, for moves that free a table. */
  readonly members: Set<number>[];
  /** Every place and remove since the grid was built, so a failed move can be undone. */
  private readonly journal: number[] = [];
  private journalLength = 0;
  readonly cap: number;
  /** Free places in the whole grid, and meetings placed in them. */
  readonly capacity: number;
  private placedCount = 0;
  /** Organizations that appear in a candidate pair as guest / as venture. */
  readonly guests: number[];
  readonly ventures: number[];
  /** The meetings each venture with demand should get before any gets more. */
  readonly quota: number;
  /** The tiers of the schedule as it stands, kept up to date by place and remove. */
  readonly tiers: Tiers = { mutual: 0, fairness: 0, oneSided: 0, fit: 0 };
  private readonly asksAsGuest: Uint8Array;
  private readonly hasDemand: Uint8Array;

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
    // meeting, would otherwise be booked twice. A pair listed twice keeps its first listing's roles
    // and the strongest wish of its listings.
    const byKey = new Map<string, Candidate>();
    problem.pairs.forEach((pair, order) => {
      if (pair.guest === pair.venture) return;
      const g = orgOf(pair.guest);
      const v = orgOf(pair.venture);
      const key = pairKey(g, v);
      if (meetsAlready.has(key)) return;
      const fit = Number.isFinite(pair.fit) ? Math.min(1, Math.max(0, pair.fit)) : 0;
      const mutual = pair.strength === 'mutual';
      const known = byKey.get(key);
      if (known) {
        known.mutual ||= mutual;
        known.fit = Math.max(known.fit, fit);
        return;
      }
      const c: Candidate = { pair, order, g, v, mutual, fit };
      byKey.set(key, c);
      this.candidates.push(c);
    });
    const orgCount = this.orgIds.length;
    this.busy = new Int32Array(orgCount * this.slotCount).fill(FREE);
    for (const [o, s] of existingBusy) this.busy[o * this.slotCount + s] = EXISTING;
    this.load = new Int32Array(orgCount);
    for (const [o, n] of existingLoad) this.load[o] = n;
    this.freeTables = slots.map((_, s) => problem.tables.filter((t) => !taken[s]?.has(t)));
    this.used = new Int32Array(this.slotCount);
    this.slotOf = new Int32Array(this.candidates.length).fill(FREE);
    this.members = slots.map(() => new Set<number>());
    this.cap = problem.capPerOrg ?? Number.POSITIVE_INFINITY;
    this.guests = [...new Set(this.candidates.map((c) => c.g))];
    this.ventures = [...new Set(this.candidates.map((c) => c.v))];
    this.asksAsGuest = new Uint8Array(orgCount);
    for (const g of this.guests) this.asksAsGuest[g] = 1;
    this.hasDemand = new Uint8Array(orgCount);
    for (const v of this.ventures) this.hasDemand[v] = 1;
    const places = this.freeTables.reduce((n, t) => n + t.length, 0);
    this.capacity = places;
    this.quota =
      this.ventures.length === 0
        ? 0
        : Math.max(1, Math.min(this.slotCount, this.cap, Math.floor(places / this.ventures.length)));
    // Existing meetings already count toward fairness: a guest who has one is covered.
    for (const g of this.guests) if (this.loadOf(g) > 0) this.tiers.fairness++;
    for (const v of this.ventures) this.tiers.fairness += Math.min(this.loadOf(v), this.quota);
  }

  /** The fairness an organization adds at a given load. */
  private fairnessAt(org: number, load: number): number {
    return (this.asksAsGuest[org] && load > 0 ? 1 : 0) + (this.hasDemand[org] ? Math.min(load, this.quota) : 0);
  }

  private addLoad(org: number, delta: number): void {
    const before = this.load[org]!;
    this.load[org] = before + delta;
    this.tiers.fairness += this.fairnessAt(org, before + delta) - this.fairnessAt(org, before);
  }

  private countPair(c: Candidate, sign: number): void {
    if (c.mutual) this.tiers.mutual += sign;
    else this.tiers.oneSided += sign;
    this.tiers.fit += sign * c.fit;
  }

  isFree(org: number, s: number): boolean {
    return this.busy[org * this.slotCount + s] === FREE;
  }

  /** The candidate an organization meets in a slot, FREE, or EXISTING. */
  occupant(org: number, s: number): number {
    return this.busy[org * this.slotCount + s] ?? FREE;
  }

  /** Whether any slot has a table left: a move that adds a meeting needs one somewhere. */
  hasRoom(): boolean {
    return this.placedCount < this.capacity;
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
    this.placedCount++;
    this.addLoad(g, 1);
    this.addLoad(v, 1);
    this.countPair(this.candidates[c]!, 1);
    this.slotOf[c] = s;
    this.members[s]!.add(c);
    this.journal[this.journalLength++] = c;
    this.journal[this.journalLength++] = s;
  }

  remove(c: number): void {
    const s = this.slotOf[c]!;
    const { g, v } = this.candidates[c]!;
    this.busy[g * this.slotCount + s] = FREE;
    this.busy[v * this.slotCount + s] = FREE;
    this.used[s]!--;
    this.placedCount--;
    this.addLoad(g, -1);
    this.addLoad(v, -1);
    this.countPair(this.candidates[c]!, -1);
    this.slotOf[c] = FREE;
    this.members[s]!.delete(c);
    this.journal[this.journalLength++] = ~c;
    this.journal[this.journalLength++] = s;
  }

  /** A point to roll back to. */
  mark(): number {
    return this.journalLength;
  }

  /** Undoes every place and remove made since the mark. */
  rollback(mark: number): void {
    while (this.journalLength > mark) {
      const s = this.journal[this.journalLength - 1]!;
      const c = this.journal[this.journalLength - 2]!;
      if (c >= 0) this.remove(c);
      else this.place(~c, s);
      this.journalLength -= 4; // the entry undone and the entry its undoing just wrote
    }
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
