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

  it('books a pair listed twice, or both ways, once', () => {
    const r = solveSchedule(problem({ pairs: [pair('a', 'b'), pair('a', 'b', 'mutual'), pair('b', 'a')] }));
    expect(r.meetings).toHaveLength(1);
    expect(r.unplaced).toEqual([]);
  });
});
