/**
 * Check-in rules. Pure: the clock comes in as `now`. A person is checked in once; a second scan
 * answers with the first time and door, and never writes a second row.
 */
import type { CheckinInfo, CheckinMethod } from '../../shared/model.js';
import { accept, refuse, type Result } from './result.js';

export type CheckinDecision = { kind: 'new'; checkin: CheckinInfo } | { kind: 'already'; checkin: CheckinInfo };

export function decideCheckIn(
  existing: CheckinInfo | undefined,
  station: string,
  method: CheckinMethod,
  now: number,
): CheckinDecision {
  if (existing) return { kind: 'already', checkin: existing };
  return { kind: 'new', checkin: { at: now, station, method } };
}

export function decideUndo(existing: CheckinInfo | undefined): Result<CheckinInfo> {
  if (!existing) return refuse('not-checked-in', 'This person is not checked in.');
  return accept(existing);
}

const TOKEN = /^[A-Za-z0-9_-]{44}$/;

/**
 * The badge token in what a scanner read: the sign-in URL printed on the badge (from whatever host
 * the badges were printed for), or a bare token. Anything else is not one of our badges.
 */
export function tokenFromScan(text: string): string | null {
  const trimmed = text.trim();
  if (TOKEN.test(trimmed)) return trimmed;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const match = /^\/t\/([A-Za-z0-9_-]{44})\/?$/.exec(url.pathname);
  return match ? match[1]! : null;
}
