/**
 * Who may meet whom, and how a slot reads to a person. Pure.
 */
import { ErrorCode } from '../../shared/errors.js';
import type { OrgKind } from '../../shared/model.js';
import { accept, refuse, type Result } from './result.js';

/** A meeting joins a venture with a local firm or a partner, asked for from either side. */
export function mayMeet(from: OrgKind, to: OrgKind): Result<true> {
  if ((from === 'venture') === (to === 'venture')) {
    return refuse(ErrorCode.BadRequest, 'Meetings are between a venture and a local firm or partner.');
  }
  return accept(true);
}

/** The two sides of a pair, whichever asked. */
export function pairOf(a: string, b: string, kindOf: (orgId: string) => OrgKind): { guest: string; venture: string } {
  return kindOf(a) === 'venture' ? { guest: b, venture: a } : { guest: a, venture: b };
}

/** "15:20, table 3" in the event's time zone, for messages. */
export function formatSlot(p: { slotStart: number; table: string }, timeZone: string): string {
  const time = new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(
    p.slotStart,
  );
  return `${time}, table ${p.table}`;
}
