/** The scheduler runs off the event loop: timers keep firing while a large schedule is solved. */
import { describe, expect, it } from 'vitest';
import { solveSchedule } from '../domain/schedule/solve.js';
import type { ScheduleProblem } from '../domain/schedule/types.js';
import { runSchedule } from './run.js';

/** A deterministic large instance: 500 firms, 60 ventures, 16 slots, 40 tables, 20% interest. */
function largeProblem(): ScheduleProblem {
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const slots = Array.from({ length: 16 }, (_, i) => ({ start: i * 1_200_000, end: i * 1_200_000 + 900_000 }));
  const tables = Array.from({ length: 40 }, (_, i) => `T${i + 1}`);
  const pairs: ScheduleProblem['pairs'] = [];
  for (let g = 0; g < 500; g++)
    for (let v = 0; v < 60; v++)
      if (next() < 0.2)
        pairs.push({ guest: `f${g}`, venture: `v${v}`, strength: next() < 0.1 ? 'mutual' : 'one-sided', fit: next() });
  return { slots, tables, capPerOrg: null, existing: [], pairs };
}

describe('runSchedule', () => {
  it('returns what solveSchedule returns, and timers keep ticking meanwhile', async () => {
    const problem = largeProblem();
    let last = performance.now();
    let longestGap = 0;
    const timer = setInterval(() => {
      const t = performance.now();
      longestGap = Math.max(longestGap, t - last);
      last = t;
    }, 5);
    const result = await runSchedule(problem);
    clearInterval(timer);
    const direct = solveSchedule(problem);
    expect(result.meetings).toEqual(direct.meetings);
    expect(result.unplaced).toEqual(direct.unplaced);
    // The worker timed its own solve, under the same load as this thread at that moment. Solved on
    // this thread, the loop would have stalled at least that long; in the worker it does not.
    expect(result.runtimeMs).toBeGreaterThan(50);
    expect(longestGap).toBeLessThan(result.runtimeMs);
  });

  it('stops a run that outlasts its time limit, with an error', async () => {
    await expect(runSchedule(largeProblem(), 1)).rejects.toThrow(/longer than 1 ms/);
  });
});
