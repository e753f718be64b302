/**
 * The scheduler's promises on random grids, checked by code that shares nothing with it: no
 * organization or table twice in a slot (existing meetings included), caps kept, only the pairs
 * given and none twice, a true reason for every pair left out, the same answer every run, and never
 * worse than the first-come booking on mutual pairs or on the objective.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedySchedule } from './greedy.js';
import { solveSchedule } from './solve.js';
import type { ScheduleProblem, ScheduleResult, UnplacedReason, WantedPair } from './types.js';

const MIN = 60_000;

/** A random problem: a few guests, ventures, slots and tables (maybe none), some existing meetings, some pairs. */
const problemArb: fc.Arbitrary<ScheduleProblem> = fc
  .record({
    guests: fc.integer({ min: 1, max: 9 }),
    ventures: fc.integer({ min: 1, max: 6 }),
    slots: fc.integer({ min: 0, max: 5 }),
    tables: fc.integer({ min: 0, max: 4 }),
    cap: fc.option(fc.integer({ min: 1, max: 4 })),
    pairSeeds: fc.array(
      fc.record({
        g: fc.nat(),
        v: fc.nat(),
        mutual: fc.boolean(),
        fit: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
      }),
      { maxLength: 30 },
    ),
    existingSeeds: fc.array(fc.record({ g: fc.nat(), v: fc.nat(), s: fc.nat(), t: fc.nat() }), { maxLength: 6 }),
  })
  .map(({ guests, ventures, slots, tables, cap, pairSeeds, existingSeeds }) => {
    const slotList = Array.from({ length: slots }, (_, i) => ({ start: i * 30 * MIN, end: (i * 30 + 20) * MIN }));
    // One extra table name only the existing meetings use: a table taken out of the grid since.
    const tableList = Array.from({ length: tables }, (_, i) => `T${i}`);
    const existing: ScheduleProblem['existing'] = [];
    for (const e of slots > 0 ? existingSeeds : []) {
      const m = {
        guest: `g${e.g % guests}`,
        venture: `v${e.v % ventures}`,
        slotStart: slotList[e.s % slots]!.start,
        table: `T${e.t % (tables + 1)}`,
      };
      const clash = existing.some(
        (x) =>
          (x.guest === m.guest && x.venture === m.venture) ||
          (x.slotStart === m.slotStart &&
            (x.table === m.table || [x.guest, x.venture].some((o) => o === m.guest || o === m.venture))),
      );
      if (!clash) existing.push(m);
    }
    const met = new Set(existing.map((m) => `${m.guest}|${m.venture}`));
    const pairs: WantedPair[] = pairSeeds
      .map((p) => ({
        guest: `g${p.g % guests}`,
        venture: `v${p.v % ventures}`,
        strength: p.mutual ? ('mutual' as const) : ('one-sided' as const),
        fit: p.fit,
      }))
      .filter((p) => !met.has(`${p.guest}|${p.venture}`));
    return { slots: slotList, tables: tableList, capPerOrg: cap, existing, pairs };
  });

type Meeting = { guest: string; venture: string; slotStart: number; table: string };

/** Who is busy when, and how many meetings each holds, from the existing and the proposed. */
function occupancy(p: ScheduleProblem, meetings: readonly Meeting[]) {
  const all = [...p.existing, ...meetings];
  const busy = new Set(all.flatMap((m) => [`${m.guest}@${m.slotStart}`, `${m.venture}@${m.slotStart}`]));
  const tablesTaken = new Set(all.map((m) => `${m.table}@${m.slotStart}`));
  const load = new Map<string, number>();
  for (const m of all) for (const o of [m.guest, m.venture]) load.set(o, (load.get(o) ?? 0) + 1);
  return { busy, tablesTaken, load };
}

/** The reason a pair cannot be placed on the final grid, or null when it could be. */
function trueReason(p: ScheduleProblem, r: ScheduleResult, guest: string, venture: string): UnplacedReason | null {
  const { busy, tablesTaken, load } = occupancy(p, r.meetings);
  const cap = p.capPerOrg ?? Infinity;
  if ((load.get(guest) ?? 0) >= cap || (load.get(venture) ?? 0) >= cap) return 'cap';
  const common = p.slots.filter((s) => !busy.has(`${guest}@${s.start}`) && !busy.has(`${venture}@${s.start}`));
  if (common.length === 0) return 'no-common-slot';
  const withTable = common.some((s) => p.tables.some((t) => !tablesTaken.has(`${t}@${s.start}`)));
  return withTable ? null : 'no-table';
}

const unordered = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Meetings for pairs that any listing calls mutual. */
function mutualCount(p: ScheduleProblem, r: ScheduleResult): number {
  const mutual = new Set(p.pairs.filter((x) => x.strength === 'mutual').map((x) => unordered(x.guest, x.venture)));
  return r.meetings.filter((m) => mutual.has(unordered(m.guest, m.venture))).length;
}

function checkValid(p: ScheduleProblem, r: ScheduleResult): void {
  const starts = new Set(p.slots.map((s) => s.start));
  const given = new Set(p.pairs.map((x) => `${x.guest}|${x.venture}`));
  for (const m of r.meetings) {
    expect(starts.has(m.slotStart)).toBe(true);
    expect(p.tables).toContain(m.table);
    expect(given.has(`${m.guest}|${m.venture}`)).toBe(true);
  }
  // No organization and no table twice in a slot, counting the existing meetings.
  const all = [...p.existing, ...r.meetings];
  const orgSlots = all.flatMap((m) => [`${m.guest}@${m.slotStart}`, `${m.venture}@${m.slotStart}`]);
  expect(new Set(orgSlots).size).toBe(orgSlots.length);
  const tableSlots = all.map((m) => `${m.table}@${m.slotStart}`);
  expect(new Set(tableSlots).size).toBe(tableSlots.length);
  // No two meetings for two organizations, either way round.
  const pairs = all.map((m) => unordered(m.guest, m.venture));
  expect(new Set(pairs).size).toBe(pairs.length);
  // An organization given a meeting is within its cap (existing ones alone may exceed a cap lowered since).
  if (p.capPerOrg !== null) {
    const { load } = occupancy(p, r.meetings);
    for (const m of r.meetings)
      for (const o of [m.guest, m.venture]) expect(load.get(o)).toBeLessThanOrEqual(p.capPerOrg);
  }
  // Every distinct pair given is either placed or left out with its true reason, once.
  const accounted = [...r.meetings, ...r.unplaced].map((m) => unordered(m.guest, m.venture));
  expect(new Set(accounted).size).toBe(accounted.length);
  const expected = new Set(p.pairs.filter((x) => x.guest !== x.venture).map((x) => unordered(x.guest, x.venture)));
  expect(new Set(accounted)).toEqual(expected);
  for (const u of r.unplaced) {
    expect(given.has(`${u.guest}|${u.venture}`)).toBe(true);
    expect(u.reason).toBe(trueReason(p, r, u.guest, u.venture));
  }
}

describe('solveSchedule properties', () => {
  it('keeps the grid, the caps and the pairs, and gives true reasons', () => {
    fc.assert(
      fc.property(problemArb, (p) => {
        checkValid(p, solveSchedule(p));
      }),
      { numRuns: 400 },
    );
  });

  it('the first-come booking it is measured against keeps them too', () => {
    fc.assert(
      fc.property(problemArb, (p) => {
        checkValid(p, greedySchedule(p));
      }),
      { numRuns: 200 },
    );
  });

  it('is never worse than the first-come booking, on mutual pairs or on the objective', () => {
    fc.assert(
      fc.property(problemArb, (p) => {
        const ours = solveSchedule(p);
        const greedy = greedySchedule(p);
        expect(mutualCount(p, ours)).toBeGreaterThanOrEqual(mutualCount(p, greedy));
        expect(ours.objective).toBeGreaterThanOrEqual(greedy.objective);
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same schedule for the same problem', () => {
    fc.assert(
      fc.property(problemArb, (p) => {
        const a = solveSchedule(p);
        const b = solveSchedule(structuredClone(p));
        expect(b.meetings).toEqual(a.meetings);
        expect(b.unplaced).toEqual(a.unplaced);
      }),
      { numRuns: 100 },
    );
  });
});
