/**
 * How to read a LiveState's clock: part of the wire contract, so the server's rules and every
 * screen's countdown compute it the same way. `now` is the server's clock.
 */
import type { LiveState } from './model.js';

/** Milliseconds spent on the live pitch so far. */
export function elapsedMs(live: LiveState, now: number): number {
  return live.elapsedMs + (live.status === 'running' && live.runningSince !== null ? now - live.runningSince : 0);
}

/** Milliseconds left on the live pitch; negative once it runs over. */
export function remainingMs(live: LiveState, durationSec: number, now: number): number {
  return durationSec * 1000 + live.extraMs - elapsedMs(live, now);
}
