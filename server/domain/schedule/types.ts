/**
 * The meeting scheduler's input and output: which pairs want to meet, the grid they can meet in
 * (bookable slots, tables, the cap per organization, the meetings already booked), and the meetings
 * it proposes with a reason for every pair it could not place. A contract shared with the
 * organizer's command (issue 16): its shape changes only with the lead's say.
 */

export interface WantedPair {
  /** Organization ids. */
  guest: string;
  venture: string;
  strength: 'mutual' | 'one-sided';
  /** Challenge fit, 0..1. */
  fit: number;
}

export interface ScheduleProblem {
  /** Bookable slots, breaks already removed. */
  slots: { start: number; end: number }[];
  tables: string[];
  /** Max non-cancelled meetings per organization, existing ones included. */
  capPerOrg: number | null;
  /** Non-cancelled meetings: their places are taken. */
  existing: { guest: string; venture: string; slotStart: number; table: string }[];
  /** Already without declined pairs and pairs that already meet. */
  pairs: WantedPair[];
}

export interface PlacedMeeting {
  guest: string;
  venture: string;
  slotStart: number;
  table: string;
}

export type UnplacedReason = 'cap' | 'no-common-slot' | 'no-table';

export interface ScheduleResult {
  meetings: PlacedMeeting[];
  unplaced: { guest: string; venture: string; reason: UnplacedReason }[];
  objective: number;
  runtimeMs: number;
}
