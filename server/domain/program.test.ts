import { describe, expect, it } from 'vitest';
import type { LiveState, PitchInfo, ProgramSessionInfo } from '../../shared/model.js';
import { remainingMs } from '../../shared/live.js';
import { IDLE, applyControl, runningOrder } from './program.js';

const T0 = Date.UTC(2026, 10, 25, 5, 0, 0); // 14:00 in Tokyo
const sessions: ProgramSessionInfo[] = [
  { id: 's2', title: 'Part 2', position: 1 },
  { id: 's1', title: 'Part 1', position: 0 },
];
const pitch = (id: string, sessionId: string, position: number): PitchInfo => ({
  id,
  sessionId,
  ventureId: `v-${id}`,
  title: id,
  durationSec: 300,
  position,
});
const order = runningOrder(sessions, [pitch('c', 's2', 0), pitch('b', 's1', 1), pitch('a', 's1', 0)]);

function run(live: LiveState, ...steps: [Parameters<typeof applyControl>[1], number][]): LiveState {
  for (const [command, at] of steps) {
    const result = applyControl(live, command, order, at);
    if (!result.ok) throw new Error(result.error.message);
    live = result.value;
  }
  return live;
}

describe('program state machine', () => {
  it('orders pitches by session, then position', () => {
    expect(order.map((p) => p.id)).toEqual(['a', 'b', 'c']);
  });

  it('counts down, pauses, resumes and extends on the server clock', () => {
    const live = run(IDLE, [{ action: 'next' }, T0], [{ action: 'pause' }, T0 + 60_000]);
    expect(live).toMatchObject({ pitchId: 'a', status: 'paused', elapsedMs: 60_000 });
    expect(remainingMs(live, order[0]!.durationSec, T0 + 999_999)).toBe(240_000); // the clock stands still while paused
    const resumed = run(live, [{ action: 'resume' }, T0 + 120_000], [{ action: 'extend', seconds: 30 }, T0 + 130_000]);
    expect(remainingMs(resumed, order[0]!.durationSec, T0 + 180_000)).toBe(300_000 + 30_000 - 120_000);
    // Past its time a pitch runs over: negative remaining.
    expect(remainingMs(resumed, order[0]!.durationSec, T0 + 600_000)).toBeLessThan(0);
  });

  it('moves next and back across sessions, ends after the last pitch, and steps back from the end', () => {
    let live = run(IDLE, [{ action: 'next' }, T0], [{ action: 'next' }, T0 + 1], [{ action: 'next' }, T0 + 2]);
    expect(live.pitchId).toBe('c');
    live = run(live, [{ action: 'next' }, T0 + 3]);
    expect(live).toEqual({ ...IDLE, status: 'ended' });
    expect(applyControl(live, { action: 'next' }, order, T0 + 4)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    live = run(live, [{ action: 'back' }, T0 + 5], [{ action: 'back' }, T0 + 6]);
    expect(live).toMatchObject({ pitchId: 'b', status: 'running', runningSince: T0 + 6, elapsedMs: 0, extraMs: 0 });
  });

  it('refuses what makes no sense, with a reason', () => {
    expect(applyControl(IDLE, { action: 'pause' }, order, T0)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(applyControl(IDLE, { action: 'resume' }, order, T0)).toMatchObject({ ok: false });
    expect(applyControl(IDLE, { action: 'extend', seconds: 60 }, order, T0)).toMatchObject({ ok: false });
    expect(applyControl(IDLE, { action: 'back' }, order, T0)).toMatchObject({ ok: false });
    expect(applyControl(IDLE, { action: 'stop' }, order, T0)).toMatchObject({ ok: false });
    expect(applyControl(IDLE, { action: 'start', pitchId: 'zzz' }, order, T0)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('refuses a repeated relative step: next sent twice moves one pitch, extend twice extends once', () => {
    const live = run(IDLE, [{ action: 'next', expect: null }, T0]);
    const once = run(live, [{ action: 'next', expect: 'a' }, T0 + 1]);
    expect(once.pitchId).toBe('b');
    expect(applyControl(once, { action: 'next', expect: 'a' }, order, T0 + 2)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const extended = run(once, [{ action: 'extend', seconds: 60, expect: 'b' }, T0 + 3]);
    expect(applyControl(extended, { action: 'extend', seconds: 60, expect: 'a' }, order, T0 + 4)).toMatchObject({
      ok: false,
    });
    expect(extended.extraMs).toBe(60_000);
  });

  it('jumps straight to any pitch with a fresh clock', () => {
    const live = run(IDLE, [{ action: 'start', pitchId: 'b' }, T0], [{ action: 'extend', seconds: 60 }, T0 + 5]);
    expect(run(live, [{ action: 'start', pitchId: 'c' }, T0 + 10])).toEqual({
      pitchId: 'c',
      status: 'running',
      runningSince: T0 + 10,
      elapsedMs: 0,
      extraMs: 0,
    });
    expect(run(live, [{ action: 'stop' }, T0 + 20])).toEqual(IDLE);
  });
});
