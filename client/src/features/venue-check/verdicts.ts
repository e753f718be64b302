/**
 * What the connection check makes of its measurements: pure, so the thresholds are tested on fixed
 * numbers. Green, amber, red is what a person at the rehearsal reads from across the table.
 */
import type { PublicAddressView } from '../../../../shared/venue';

export type Level = 'pending' | 'good' | 'warn' | 'bad';

/** One GET /api/check: how long it took, and the server's clock against this device's. */
export interface Sample {
  rttMs: number;
  /** Server clock minus this device's at the moment the server answered (ms). */
  offsetMs: number;
}

/** Taps and updates feel immediate below this; past the second, a room notices. */
export const RTT_GOOD_MS = 300;
export const RTT_BAD_MS = 1500;
/** Countdowns on phones are off by as much as the clock is. */
export const CLOCK_WARN_MS = 2000;

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Offset from one sample: the server stamped its answer somewhere within the round trip, most
 * likely half-way, so the error is at most half the round trip.
 */
export function offsetOf(sentAtMs: number, rttMs: number, serverTime: number): number {
  return serverTime - (sentAtMs + rttMs / 2);
}

/** The fastest round trip says the most about the clock: its midpoint is the least uncertain. */
export function clockOffsetMs(samples: readonly Sample[]): number {
  const fastest = samples.reduce((best, s) => (s.rttMs < best.rttMs ? s : best));
  return fastest.offsetMs;
}

export function rttLevel(ms: number): Level {
  return ms <= RTT_GOOD_MS ? 'good' : ms <= RTT_BAD_MS ? 'warn' : 'bad';
}

export function clockLevel(offsetMs: number): Level {
  return Math.abs(offsetMs) > CLOCK_WARN_MS ? 'warn' : 'good';
}

/** How far apart the clocks are, in seconds with one decimal; ahead or behind is the same fix. */
export function offsetSeconds(ms: number): string {
  return (Math.round(Math.abs(ms) / 100) / 10).toFixed(1);
}

export type AddressVerdict = 'here' | 'elsewhere' | 'local';

/**
 * The public address against the page's own origin: a loopback address means no phone can open
 * a badge (red, whoever looks); another origin is fine for a station but worth knowing (amber).
 */
export function addressVerdict(address: PublicAddressView, origin: string): AddressVerdict {
  if (address.local) return 'local';
  return origin === address.url ? 'here' : 'elsewhere';
}

export const ADDRESS_LEVEL: Record<AddressVerdict, Level> = { here: 'good', elsewhere: 'warn', local: 'bad' };
