/**
 * Check-in rules. Pure: the clock comes in as `now`. A person is checked in once; a second scan
 * answers with the first time and door, and never writes a second row. A check-in decided offline
 * arrives late, dated when the station made it: the earlier check-in wins, and a person a station
 * let in while another had already let them in is a double, listed for the organizers.
 */
import type { CheckinInfo, CheckinMethod } from '../../shared/model.js';
import { accept, refuse, type Result } from './result.js';

/** One check-in as a station asks for it. */
export interface CheckinRequest {
  station: string;
  method: CheckinMethod;
  /** When the station made it (server time): now, or now − its age for one queued offline. */
  at: number;
  /** What the station showed when it decided offline; absent when the server decided. */
  local?: 'checked-in' | 'already' | undefined;
}

/** A person let in at two stations: the other station's check-in, beside the one kept. */
export interface CheckinDouble {
  station: string;
  at: number;
}

export type CheckinDecision =
  /** Not checked in before: this is the check-in. */
  | { kind: 'new'; checkin: CheckinInfo }
  /** Checked in already, at that time or earlier: that stays. */
  | { kind: 'already'; checkin: CheckinInfo; double: CheckinDouble | null }
  /** Checked in already but later than this one: this one, earlier, replaces it. */
  | { kind: 'earlier'; checkin: CheckinInfo; was: CheckinInfo; double: CheckinDouble | null };

/**
 * A double is a person let in twice: the station showed "checked in" on its own, and the check-in
 * the server holds is another station's. A rescan at the same station, or a station that showed
 * "already", let no one in twice.
 */
function isDouble(existing: CheckinInfo, request: CheckinRequest): boolean {
  return request.local === 'checked-in' && existing.station !== request.station;
}

export function decideCheckIn(existing: CheckinInfo | undefined, request: CheckinRequest): CheckinDecision {
  const checkin: CheckinInfo = { at: request.at, station: request.station, method: request.method };
  if (!existing) return { kind: 'new', checkin };
  const double = isDouble(existing, request);
  // Ties keep what is there: nothing moves, nothing is published. Only a check-in a station made on
  // its own (it showed "checked in" offline) may take an earlier place: a station that showed
  // "already" let no one in, and a plain request with an age must not re-date someone else's arrival.
  if (existing.at <= request.at || request.local !== 'checked-in') {
    return { kind: 'already', checkin: existing, double: double ? { station: request.station, at: request.at } : null };
  }
  return {
    kind: 'earlier',
    checkin,
    was: existing,
    double: double ? { station: existing.station, at: existing.at } : null,
  };
}

export function decideUndo(existing: CheckinInfo | undefined): Result<CheckinInfo> {
  if (!existing) return refuse('not-checked-in', 'This person is not checked in.');
  return accept(existing);
}

// One parser of a scan for the server and the stations (which judge offline with it).
export { tokenFromScan } from '../../shared/badge-scan.js';
