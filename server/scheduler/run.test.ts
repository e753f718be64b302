/** The scheduler runs off the event loop: timers keep firing while a large schedule is solved. */
import { describe, expect, it } from 'vitest';
import { solveSchedule } from '../domain/schedule/solve.js';
import type { ScheduleProblem } from '../domain/schedule/types.js';
import { runSchedule } from './run.js';

/** A deterministic large instance: 500 firms, 60 ventures, 16 slots, 40 tables, ~12% interest. */
function largeProblem(): ScheduleProblem {
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const slots = Array.from({ length: 16 }, (_, i) => ({ start: i * 1_200_000, end: i * 1_200_000 + 900_000 }));
  const tables = Array.from({ length: 40 }, (_, i) => `T${i + 1}`);
  const pairs: ScheduleProblem['pairs'] = [];
  for (let g = 0; g < 500; g++)
    for (let v = 0; v < 60; v++)
      if (next() < 0.12)
        pairs.push({ guest: `f${g}`, venture: `v${v}`, strength: next() < 0.3 ? 'mutual' : 'one-sided', fit: next() });
  return { slots, tables, capPerOrg: null, existing: [], pairs };
}

describe('runSchedule', () => {
  it('returns what solveSchedule returns, and timers keep ticking meanwhile', async () => {
    const problem = largeProblem();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const t0 = performance.now();
    const result = await runSchedule(problem);
    const elapsed = performance.now() - t0;
    clearInterval(timer);
    const direct = solveSchedule(problem);
    expect(result.meetings).toEqual(direct.meetings);
    expect(result.unplaced).toEqual(direct.unplaced);
    expect(result.runtimeMs).toBeGreaterThan(0);
    // A blocked loop would fire the interval once at most; a free one fires about every 5 ms.
    expect(ticks).toBeGreaterThan(Math.min(10, elapsed / 50));
  });
});
