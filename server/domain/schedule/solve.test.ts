/** The scheduler on small grids whose best schedule is known by hand. */
import { describe, expect, it } from 'vitest';
import { solveSchedule } from './solve.js';
import type { ScheduleProblem, WantedPair } from './types.js';

const MIN = 60_000;
const slots = (n: number) => Array.from({ length: n }, (_, i) => ({ start: i * 20 * MIN, end: (i * 20 + 15) * MIN }));
const pair = (guest: string, venture: string, strength: WantedPair['strength'] = 'one-sided', fit = 0): WantedPair => ({
  guest,
  venture,
  strength,
  fit,
});
const problem = (p: Partial<ScheduleProblem>): ScheduleProblem => ({
  slots: slots(2),
  tables: ['T1'],
  capPerOrg: null,
  existing: [],
  pairs: [],
  ...p,
});

describe('solveSchedule', () => {
  it('books mutual pairs before one-sided ones when places are short', () => {
    const r = solveSchedule(problem({ slots: slots(1), pairs: [pair('g1', 'v1'), pair('g2', 'v2', 'mutual')] }));
    expect(r.meetings).toEqual([{ guest: 'g2', venture: 'v2', slotStart: 0, table: 'T1' }]);
    expect(r.unplaced).toEqual([{ guest: 'g1', venture: 'v1', reason: 'no-table' }]);
  });

  it('works around existing meetings and counts them toward the cap', () => {
    const r = solveSchedule(
      problem({
        capPerOrg: 1,
        existing: [{ guest: 'g1', venture: 'v9', slotStart: 0, table: 'T1' }],
        pairs: [pair('g1', 'v1'), pair('g2', 'v1')],
      }),
    );
    expect(r.meetings).toEqual([{ guest: 'g2', venture: 'v1', slotStart: 20 * MIN, table: 'T1' }]);
    expect(r.unplaced).toEqual([{ guest: 'g1', venture: 'v1', reason: 'cap' }]);
  });

  it('gives a second firm its meeting where first-come would give the first firm two', () => {
    // One table: first-come books g1–v1 and g1–v2, and g2 (who only wants v1) finds no table.
    const r = solveSchedule(problem({ pairs: [pair('g1', 'v1'), pair('g1', 'v2'), pair('g2', 'v1')] }));
    const met = r.meetings.map((m) => `${m.guest}-${m.venture}`).sort();
    expect(met).toEqual(['g1-v2', 'g2-v1']);
    expect(r.unplaced).toEqual([{ guest: 'g1', venture: 'v1', reason: 'no-common-slot' }]);
  });

  it('gives a venture its first meeting before another venture gets a second', () => {
    // One table: first-come books g1–v1 and g2–v1, and v2 (wanted by g2) is left with none.
    const r = solveSchedule(problem({ pairs: [pair('g1', 'v1'), pair('g2', 'v1'), pair('g2', 'v2')] }));
    const met = r.meetings.map((m) => `${m.guest}-${m.venture}`).sort();
    expect(met).toEqual(['g1-v1', 'g2-v2']);
  });

  it('covers the last firm through a chain of firms each moving to another venture', () => {
    // Cap 1: each firm first takes the venture it fits best, so g1 finds v1 taken (v0 is full with
    // a meeting booked before) and v5 is left with none. Only the whole chain helps: g1 takes v1 from
    // g2, g2 takes v2 from g3, ... and g5 moves on to v5; any shorter swap uncovers someone.
    const pairs = [
      pair('g2', 'v1', 'one-sided', 1),
      pair('g2', 'v2'),
      pair('g3', 'v2', 'one-sided', 1),
      pair('g3', 'v3'),
      pair('g4', 'v3', 'one-sided', 1),
      pair('g4', 'v4'),
      pair('g5', 'v4', 'one-sided', 1),
      pair('g5', 'v5'),
      pair('g1', 'v1'),
      pair('g1', 'v0'),
    ];
    const r = solveSchedule(
      problem({
        slots: slots(3),
        tables: ['T1', 'T2', 'T3'],
        capPerOrg: 1,
        existing: [{ guest: 'g9', venture: 'v0', slotStart: 0, table: 'T1' }],
        pairs,
      }),
    );
    const met = r.meetings.map((m) => `${m.guest}-${m.venture}`).sort();
    expect(met).toEqual(['g1-v1', 'g2-v2', 'g3-v3', 'g4-v4', 'g5-v5']);
  });

  it('books a pair listed twice, or both ways, once', () => {
    const r = solveSchedule(problem({ pairs: [pair('a', 'b'), pair('a', 'b', 'mutual'), pair('b', 'a')] }));
    expect(r.meetings).toHaveLength(1);
    expect(r.unplaced).toEqual([]);
  });
});
