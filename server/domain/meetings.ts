/**
 * Who may meet whom, and how a slot reads to a person. Pure.
 */
import { refusalError, type AppError } from '../../shared/errors.js';
import type { MeetingOutcome, MeetingStatus, OrgKind } from '../../shared/model.js';
import { accept, refuse, type Result } from './result.js';

/** A meeting joins a venture with a local firm or a partner, asked for from either side. */
export function mayMeet(from: OrgKind, to: OrgKind): Result<true> {
  if ((from === 'venture') === (to === 'venture')) {
    return refuse('meeting-kinds', 'Meetings are between a venture and a local firm or partner.');
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

/**
 * Why an outcome cannot be recorded, or null. Only a held meeting has an outcome; a PoC that
 * started says when, and so does a contract.
 */
export function outcomeProblem(
  status: MeetingStatus,
  o: { outcome: MeetingOutcome; pocStartedOn: string | null; contractOn: string | null },
): AppError | null {
  if (status !== 'held')
    return refusalError('outcome-not-held', 'Record the outcome once the meeting is marked as held.');
  if (o.outcome === 'poc-started' && !o.pocStartedOn)
    return refusalError('outcome-poc-date', 'Give the date the proof of concept started.');
  if (o.outcome === 'contract' && !o.contractOn)
    return refusalError('outcome-contract-date', 'Give the date of the contract.');
  if (o.outcome === 'none' && (o.pocStartedOn || o.contractOn))
    return refusalError('outcome-dates-unused', 'Choose an outcome for these dates.');
  return null;
}
